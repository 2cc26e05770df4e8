"""Period print forms that OCR reads as words: "&c." with its ampersand misread.

"&c." is everywhere in books and newspapers of the period and is no word, so the word lists
and the language model cannot help: "Ac.", "kc." and "Sec." are "&c." with the ampersand
misread. The form is only proposed where print puts it: it closes a list, so the misreading
follows a comma (or a comma read as a stop) and is followed by its full stop. (The
look-alikes are those the aligned
train splits show most often: "kc"/"Ac"/"Sec" for "&c".) Sums of money, the other print
form OCR reads as words, are ``corrector.detectors.money``'s.
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
_LAST = "cCeE"  # the "c" or "e" of "&c" ends every misreading of it
ETCETERA_CONFIDENCE = 0.9


class PrintFormDetector:
    name = "print-form"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        import numpy as np

        tokens = document.tokens
        for i in np.flatnonzero(maybe_print_forms(document)).tolist():
            token = tokens[i]
            form = print_form(document, i, model)
            if form == "&c":
                yield _finding(token, form, "etcetera", ETCETERA_CONFIDENCE,
                               f"'{token.text}.' after a comma closes a list: '&c.' with "
                               "its ampersand misread")


def print_form(document: Document, i: int, model: Model) -> str | None:
    """The print form ("&c") token ``i`` is a misreading of, if any; the other detectors
    leave such a token to this one."""
    tokens = document.tokens
    token = tokens[i]
    if token.shape is not Shape.WORD or len(token.text) > 3 or token.text[-1] not in _LAST:
        return None
    if document.next_char(i) == "." and _ETCETERA.fullmatch(token.text) and i \
            and _closes_a_list(document, i, model):
        return "&c"
    return None


def _closes_a_list(document: Document, i: int, model: Model) -> bool:
    """Whether token ``i`` stands where "&c." does: after a comma; or, on a misread page
    (misread prior above its floor: OCR reads commas as stops there), after a stop that was
    a comma ("Yarn. Ac."), unless it is "Sec." (a secretary or a section after a stop: "Hon.
    Sec."), or after another "&c." read the same way ("kc. kc.", "Sec. Sec.")."""
    from corrector.detectors.realword import MIN_MISREAD_PRIOR, misread_prior  # (a cycle)

    gap = document.gap_before(i)
    if "," in gap:
        return True
    if gap.strip() != "." or misread_prior(document, model) <= MIN_MISREAD_PRIOR:
        return False
    if not document.tokens[i].text.lower().startswith("s"):
        return True
    return print_form(document, i - 1, model) == "&c"


def maybe_print_forms(document: Document):
    """A boolean array over the tokens, true wherever ``print_form`` may find a form: on
    words of three letters or fewer that read as "&c". Decided once per distinct
    word (a word's look-up form differs from its text only in apostrophes and hyphens, which
    no print form holds), so a detector asking it of every token asks only where this says."""
    types = document.types
    return types.per_word_test(_may_be_print_form)[types.of_token]


def _may_be_print_form(word: str) -> bool:
    return len(word) <= 3 and word[-1:] in _LAST and _ETCETERA.fullmatch(word) is not None


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
