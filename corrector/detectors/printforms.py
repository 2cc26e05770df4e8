"""Period print forms that OCR reads as words: "&c." and sums of money ("1s. 6d.").

Both are everywhere in books and newspapers of the period and neither is a word, so the word
lists and the language model cannot help: "Ac.", "kc." and "Sec." are "&c." with the
ampersand misread, and "Is. Gd." is "1s. 6d." with the digits read as the letters they look
like. Each form is only proposed where print puts it:

- "&c." closes a list: the misreading follows a comma and is followed by its full stop;
- a sum is a number of shillings or pence (a digit look-alike, then "s" or "d") with its
  full stop, next to another sum or a pound sign, as in "£2 Is. Gd." or "3s. to Is. 6d.",
  or shillings without the stop right before the pence ("Is 6d").

The look-alikes are those the aligned train splits show most often (e.g. "Is" for "1s" 60
times, "fid" for "6d" 23 times, "kc"/"Ac"/"Sec" for "&c").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from corrector.document import Document
from corrector.finding import Finding, Kind, Suggestion
from corrector.model import Model
from corrector.tokens import Shape

# The ampersand misread (then the "c" of "&c", itself sometimes read as "e" or "cc").
_ETCETERA = re.compile(r"(?:a|k|s|se|fo|ft|fc|i|j|ic)(?:c|cc|e)", re.IGNORECASE)
# Letters a digit is read as, longest first so "fi" (6) wins over "f" (6) and "i" (1).
_DIGIT_LOOKS = (("fi", "6"), ("i", "1"), ("l", "1"), ("I", "1"), ("|", "1"), ("O", "0"),
                ("o", "0"), ("G", "6"), ("f", "6"), ("b", "6"), ("C", "6"), ("c", "6"),
                ("S", "5"), ("B", "8"), ("z", "2"), ("Z", "2"))
_UNITS = {"s": "s", "d": "d", "a": "s"}  # the "s" of shillings is often read as "a"
_PENCE = re.compile(r"\d+d")
_AMOUNT = re.compile(r"\d+[sd]|\d+", re.IGNORECASE)
# Every print form read as a word ends in one of these: the "c" or "e" of "&c", or a unit.
_LAST = "cCeE" + "".join(_UNITS)
MONEY_CONFIDENCE = 0.9  # raw scores; the calibration table says how often they were right
ETCETERA_CONFIDENCE = 0.9


class PrintFormDetector:
    name = "print-form"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        import numpy as np

        tokens = document.tokens
        for i in np.flatnonzero(maybe_print_forms(document)).tolist():
            token = tokens[i]
            form = print_form(document, i)
            if form == "&c":
                yield _finding(token, form, "etcetera", ETCETERA_CONFIDENCE,
                               f"'{token.text}.' after a comma closes a list: '&c.' with "
                               "its ampersand misread")
            elif form is not None:
                yield _finding(token, form, "money", MONEY_CONFIDENCE,
                               f"'{token.text}.' beside a sum of money reads as '{form}.', "
                               "its digits taken for letters")


def print_form(document: Document, i: int) -> str | None:
    """The print form ("&c", "1s", "6d") token ``i`` is a misreading of, if any; the other
    detectors leave such a token to this one."""
    tokens = document.tokens
    token = tokens[i]
    if token.shape is not Shape.WORD or len(token.text) > 3 or token.text[-1] not in _LAST:
        return None
    if document.next_char(i) == ".":
        if _ETCETERA.fullmatch(token.text) and i and "," in document.gap_before(i):
            return "&c"
        amount = _as_money(token.text)
        return amount if amount is not None and _money_nearby(document, i, document.text) \
            else None
    # Without its stop only in "Is 6d": shillings read as a word, then the pence.
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if (following is None or following.shape is not Shape.NUMBER
            or not _PENCE.fullmatch(following.text) or document.gap_before(i + 1) != " "):
        return None
    amount = _as_money(token.text)
    return amount if amount is not None and amount.endswith("s") else None


def maybe_print_forms(document: Document):
    """A boolean array over the tokens, true wherever ``print_form`` may find a form: on
    words of three letters or fewer that read as "&c" or a sum. Decided once per distinct
    word (a word's look-up form differs from its text only in apostrophes and hyphens, which
    no print form holds), so a detector asking it of every token asks only where this says."""
    types = document.types
    return types.per_word_test(_may_be_print_form)[types.of_token]


def _may_be_print_form(word: str) -> bool:
    return (len(word) <= 3 and word[-1:] in _LAST
            and (_ETCETERA.fullmatch(word) is not None or _as_money(word) is not None))


def _as_money(printed: str) -> str | None:
    """``printed`` read as shillings or pence ("Is" -> "1s", "fid" -> "6d"), if every letter
    before the unit is a digit look-alike."""
    unit = _UNITS.get(printed[-1:])
    head = printed[:-1]
    if unit is None or not head:
        return None
    digits = []
    k = 0
    while k < len(head):
        for letters, digit in _DIGIT_LOOKS:
            if head.startswith(letters, k):
                digits.append(digit)
                k += len(letters)
                break
        else:
            if not head[k].isdigit():
                return None
            digits.append(head[k])
            k += 1
    if all(c.isdigit() for c in head):
        return None  # already a sum, or a number with a misread unit left to others
    return "".join(digits) + unit


def _money_nearby(document: Document, i: int, text: str) -> bool:
    """A sum of money or a pound sign just before or after token ``i``."""
    tokens = document.tokens
    for j in (i - 1, i + 1):
        if 0 <= j < len(tokens):
            other = tokens[j]
            if other.shape is Shape.NUMBER and _AMOUNT.fullmatch(other.text) and (
                other.text[-1:].lower() in "sd" or "\u00a3" in text[max(0, other.start - 2):
                                                                     other.start]
            ):
                return True
    return "\u00a3" in text[max(0, tokens[i].start - 2) : tokens[i].start]


def _finding(token, replacement: str, klass: str, confidence: float, reason: str) -> Finding:
    return Finding(
        start=token.start,
        end=token.end,
        text=token.text,
        kind=Kind.REAL_WORD,
        confidence=confidence,
        suggestions=(Suggestion(replacement, confidence, f"period print form ({klass})"),),
        reason=reason,
        extra={"class": klass},
    )
