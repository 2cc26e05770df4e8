"""Sums of money in pounds, shillings and pence that OCR misread: "Is. Gd." for "1s. 6d.",
"lid." for "11d.", "5e 6d" for "5s 6d", "ljd" for "1½d", "£3 10." for "£3 10s.".

British print of the period sets prices everywhere ("price 2s. 6d.", "at 1s. 6d. each",
"£1 1s. 6d."), and OCR reads their digits as the letters they look like and their units as
other letters. Neither the word lists nor the language model can help, and several of the
misreadings are common words ("is", "it", "lid", "id"), so a token is only read as a sum
where its neighbours make it one:

- shillings right before pence ("Is. Gd.", "7e 9d", "2s ljd"), or pence right after
  shillings, either of them possibly misread too;
- shillings right after pounds ("£394 Us.");
- with its full stop, or without it if no list knows the word: after a price word ("price
  Is.", "Admission, Is.", "by post ljd"), before a rate ("Is. per lb.", "4e per square
  yard"), or at the other end of a range whose end is a sum ("Gs. to 8s.", "Is. to Is. Gd.");
- with its full stop: next to a printed sum ("6d. Is."), or as "Is." mid-sentence after a
  word in small letters ("a fall of Is. per cent"), which English never sets;
- a bare number after pounds with its stop ("£3 10.") or right before pence ("27 6d").

A word in small letters (or starting a sentence) without a stop after it stays a word: "the
price is 6d.", "£2 is the price"; only pence after printed shillings ("7s lid") and a
sentence begun by "Is" and printed pence ("Is 5d per lb.") override that.
A token's letters must read as a well-formed sum: every letter before the unit a digit
look-alike (I, l, i for 1; O, o for 0; G, f, fi, b, C, c for 6; S for 5; B for 8; z, Z for 2;
U for 11), a "j" before the pence their half, and the unit itself a letter the learned OCR
error model (``wordlists/ocr-confusions.tsv``) says "s" or "d" is often misread as ("e" and
"a" for "s"; dearer ones, "il" for "d", only after a figure, which shows it is no word). The
digit look-alikes are a hand list: the learned table holds no digits on its correct side.
Print's other letters after figures are left alone: "2l." (pounds), "76f. 60c." (francs and
centimes), "1b" (a pound's weight) and "t" ("8t. John's" is "St."). The other detectors
leave a token read here alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from corrector.document import Document
from corrector.finding import Finding, Kind, Suggestion
from corrector.known import known_word
from corrector.model import Model
from corrector.tokens import Shape
from corrector.wordmemo import MEMO_SIZE, word_memo

# Letters a digit is read as, with a cost in nats (the commoner, the cheaper); longest first
# so "fi" (6) wins over "f" (6) and "i" (1).
_DIGIT_LOOKS: tuple[tuple[str, str, float], ...] = (
    ("fi", "6", 1.0), ("I", "1", 0.5), ("l", "1", 0.5), ("i", "1", 0.8),
    ("U", "11", 1.5), ("O", "0", 1.0), ("o", "0", 1.5), ("G", "6", 0.8), ("f", "6", 1.0),
    ("b", "6", 2.0), ("C", "6", 1.5), ("c", "6", 1.5), ("S", "5", 1.5), ("B", "8", 1.5),
    ("z", "2", 2.0), ("Z", "2", 2.0),
)
_FRACTION_LOOKS = ("j", "J")  # the half (or quarter) before the "d" of pence
_FRACTIONS = ("\u00bd", "\u00bc", "\u00be")  # ½ first: the commonest in prices
UNIT_MAX_COST = 4.0  # dearer unit letters ("b", "t": "lb. per lb.", "St.") read no sums...
DIGIT_UNIT_MAX_COST = 5.5  # ...unless a digit shows the token is no word ("9il" for "9d")
_SHAPE = re.compile(r"[0-9IliUOoGfbCcSBzZ]*[jJ]?[a-zA-Z]{1,2}")  # cheap first test
_SHILLINGS = re.compile(r"\d+s")
_PENCE = re.compile(r"\d+[\u00bc-\u00be]?d")
_BARE = re.compile(r"\d{1,2}")
_POUNDS = re.compile(r"\d+l")  # "2l. 2s.": pounds, the l for librae
_SHORT_GAP = re.compile(r"\.?[ \t]{0,2}\n?[ \t]*|[ \t]\.[ \t]?")  # "Is. Gd.", "Is 6d", "2a.6d."
PRICE_WORDS = frozenset({"price", "prices", "admission", "admittance", "post", "postage", "cost",
                         "charge", "fare"})
RATE_WORDS = frozenset({"per", "each"})
RANGE_WORDS = frozenset({"to", "or"})
MONEY_CONFIDENCE = 0.9  # raw scores; the calibration table says how often they were right


@dataclass(frozen=True)
class Reading:
    """A token read as a sum: the sums it may be (likeliest first), its unit ("s", "d", or
    "" for a bare number whose unit was lost) and the cost of the reading in nats."""

    amounts: tuple[str, ...]
    unit: str
    cost: float


class MoneyDetector:
    name = "money"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        tokens = document.tokens
        for i, reading in sorted(money_amounts(document, model).items()):
            token = tokens[i]
            known = token.shape is Shape.WORD and known_word(token.norm, model.data,
                                                              document.next_char(i))
            confidence = MONEY_CONFIDENCE / (1 + math.exp(reading.cost - 6.0))
            score = round(confidence, 4)
            yield Finding(
                start=token.start,
                end=token.end,
                text=token.text,
                kind=Kind.REAL_WORD if known else Kind.NON_WORD,
                confidence=confidence,
                suggestions=tuple(Suggestion(a, score * (0.5 if k else 1.0),
                                             "period print form (money)")
                                  for k, a in enumerate(reading.amounts)),
                reason=f"'{token.text}' among sums of money reads as '{reading.amounts[0]}', "
                       "its digits or unit taken for letters",
                extra={"class": "money"},
            )


def money_amounts(document: Document, model: Model) -> dict[int, Reading]:
    """Every token read as a misread sum, by position; worked out once a document (the
    non-word and real-word detectors leave these tokens to this one)."""
    return document.kept("money amounts", model, lambda: _find(document, model))


def _find(document: Document, model: Model) -> dict[int, Reading]:
    """Readings of the tokens whose neighbours make them sums. A sum may vouch for its
    neighbour only once it is itself accepted, so acceptance spreads along a run of
    misread sums ("Is. to Is. Gd.") in a few passes."""
    import numpy as np

    tokens = document.tokens
    types = document.types
    # Each spelling read once for the model (a reading depends on the letters alone). A
    # token's letters are its type's, but where a line-end cut was joined: the type's
    # reading is gathered to its other tokens at once.
    read = word_memo(model, "money readings")  # spelling -> its reading, or None
    if len(read) > MEMO_SIZE:
        read.clear()

    def reading_of(text: str) -> Reading | None:
        return read[text] if text in read else read.setdefault(text, read_money(text, model))

    norms, of_token, line_broken = types.norms, types.of_token, types.line_broken
    maybe = types.per_word_test(_may_read_as_money)
    type_readings = {k: reading_of(norms[k]) for k in np.flatnonzero(maybe).tolist()}
    has_reading = np.zeros(len(norms), dtype=bool)
    has_reading[[k for k, reading in type_readings.items() if reading is not None]] = True
    readings: dict[int, Reading] = {}
    for i in np.flatnonzero(has_reading[of_token] | (maybe[of_token] & line_broken)).tolist():
        reading = reading_of(tokens[i].text) if line_broken[i] else type_readings[
            int(of_token[i])]
        if reading is not None:
            readings[i] = reading
    accepted: dict[int, Reading] = {}
    for _ in range(3):
        grown = False
        for i, reading in readings.items():
            if i in accepted:
                continue
            placed = _placed(document, i, reading, model, readings, accepted)
            if placed is not None:
                accepted[i] = placed
                grown = True
        if not grown:
            break
    return accepted


def _may_read_as_money(word: str) -> bool:
    """Whether ``word`` has the letters a misread sum may have (the cheap first test)."""
    return len(word) <= 6 and (_SHAPE.fullmatch(word) is not None
                               or _BARE.fullmatch(word) is not None)


def read_money(text: str, model: Model) -> Reading | None:
    """``text`` read as shillings or pence ("Is" -> "1s", "fid" -> "6d", "5e" -> "5s",
    "ljd" -> "1½d"), or as a bare number of one or two digits; None when it is already a
    well-formed sum or no sum at all."""
    if _BARE.fullmatch(text):
        return Reading((text,), "", 0.0) if int(text) > 0 else None
    for cut in (1, 2):
        head, unit_text = text[:-cut], text[-cut:]
        if not head:
            continue
        figures = any(c.isdigit() for c in head)
        if unit_text in ("l", "L", "t", "b") or (figures and unit_text in ("f", "c")):
            continue  # "2l. 2s.", "76f. 60c.", "8t. John's", "per 1b": pounds, francs,
            # centimes, Saint, a pound's weight
        limit = DIGIT_UNIT_MAX_COST if figures else UNIT_MAX_COST
        unit, unit_cost = _unit(unit_text, model, limit)
        if unit is None:
            continue
        fraction = head[-1] in _FRACTION_LOOKS and unit == "d"
        digits = _digits(head[:-1] if fraction else head)
        if digits is None or (not digits[0] and not fraction):
            continue
        number, cost = digits
        if number.startswith("0") or (number and int(number) > (99 if unit == "s" else 40)):
            continue
        if not fraction and unit == "d" and number and int(number) > 11:
            continue
        cost += unit_cost + (1.0 if fraction else 0.0)
        if cost == 0.0:
            return None  # "6d", "12s": already a sum
        if fraction:
            return Reading(tuple(number + f + "d" for f in _FRACTIONS), "d", cost)
        return Reading((number + unit,), unit, cost)
    return None


def _unit(printed: str, model: Model, limit: float) -> tuple[str | None, float]:
    """The unit ("s" or "d") ``printed`` is a misreading of, and its cost by the learned
    error model: the cheaper of the two, if it costs at most ``limit``."""
    seen = printed.lower()
    best: tuple[str | None, float] = (None, math.inf)
    for unit in ("s", "d"):
        cost = 0.0 if seen == unit else model.errors.edits.get((unit, seen), math.inf)
        if cost <= limit and cost < best[1]:
            best = (unit, cost)
    return best


def _digits(head: str) -> tuple[str, float] | None:
    """``head`` read digit by digit (a digit, or a letter that looks like one), with the
    cost of the letters taken for digits; None if some letter is no digit look-alike."""
    out: list[str] = []
    cost = 0.0
    k = 0
    while k < len(head):
        if head[k].isdigit():
            out.append(head[k])
            k += 1
            continue
        for letters, digit, price in _DIGIT_LOOKS:
            if head.startswith(letters, k):
                out.append(digit)
                cost += price
                k += len(letters)
                break
        else:
            return None
    return "".join(out), cost


def _placed(document: Document, i: int, reading: Reading, model: Model,
            readings: dict[int, Reading], accepted: dict[int, Reading]) -> Reading | None:
    """``reading`` (a bare number's with its unit put back) where token ``i``'s neighbours
    make it a sum, else None (see the module docstring for the places a sum stands)."""
    tokens = document.tokens
    stop = document.next_char(i) == "."
    unit = reading.unit
    if unit == "":
        left = _unit_at(document, i - 1, readings, accepted, i)
        right = _unit_at(document, i + 1, readings, accepted, i)
        # A bare number: its unit lost. Shillings after pounds, with the stop or comma that
        # shows the sum ends there ("£3 10." but not "£3 10 0"), or before pence ("27 6d").
        after_pounds = left == "£" and document.next_char(i) in ".," \
            and not _number_follows(document, i)
        before_pence = right == "d" and document.gap_before(i + 1) == " " and left is None \
            and not _number_before(document, i) and "\u00a3" not in document.gap_before(i) \
            and _word_at(document, i - 1) not in _COUNTING and _printed(document, i + 1) == "d"
        if not (after_pounds or before_pence):
            return None
        return Reading((reading.amounts[0] + "s",), "s", reading.cost)
    if "\u00a3" in document.gap_before(i)[-2:]:
        return None  # "£3i per annum": pounds, whose figures are not read here
    token = tokens[i]
    printed_unit = token.text[-1:] in "sd"  # "Is", "Gd": the unit printed, the figure misread
    if unit == "d" and _printed(document, i - 1) == "s" and _SHORT_GAP.fullmatch(
            document.gap_before(i)):
        return reading  # "7s lid", "2s. id.": no English word follows shillings so
    if unit == "s" and printed_unit and _printed(document, i + 1) == "d" and \
            document.sentence_initial(i) and token.text[:1].isupper() and not stop:
        return reading  # "butter. Is 5d per lb.": no sentence starts "Is 5d"
    if _plain_word(document, i, model, stop):
        return None  # "the price is 6d.", "£2 is the price": English, not a misread sum
    # (The units beside it, looked at only now: every "is" of a text reads as "1s", and
    # nearly all are plain words, settled above in every pass.)
    left = _unit_at(document, i - 1, readings, accepted, i)
    right = _unit_at(document, i + 1, readings, accepted, i)
    if unit == "s" and (right == "d" or left == "£"):
        return reading
    if unit == "d" and left == "s":
        return reading
    if stop and (_printed(document, i - 1) or _printed(document, i + 1)):
        return reading  # "6d. Is.": a well-formed sum beside it
    if stop and printed_unit and token.text[:1].isupper() and token.shape is Shape.WORD \
            and not document.sentence_initial(i) and _lower_word_before(document, i):
        return reading  # "a fall of Is. per cent": "Is." mid-sentence is no English
    before = _word_at(document, i - 1)
    after = _word_at(document, i + 1)
    known = token.shape is Shape.WORD and known_word(token.norm, model.data)
    if known and not stop:
        return None  # "The price Is, as heretofore", "H Is each": a word, even capitalised
    if before in PRICE_WORDS and "\n\n" not in document.gap_before(i):
        return reading
    if after in RATE_WORDS and document.gap_before(i + 1).strip() in ("", ".") \
            and _word_at(document, i + 2) != "cent":
        return reading  # (not "ft per cent": a rate, but of a number)
    if after in RANGE_WORDS and _unit_at(document, i + 2, readings, accepted, i) == unit:
        return reading
    if before in RANGE_WORDS and _unit_at(document, i - 2, readings, accepted, i) == unit:
        return reading
    return None


# Words before a bare number that make it a count, not shillings ("lines 6 to 11 3½d").
_COUNTING = RANGE_WORDS | {"and", "line", "lines"}


def _plain_word(document: Document, i: int, model: Model, stop: bool) -> bool:
    """Whether token ``i`` reads as the word it is spelt as: a period word in small letters
    (or capitalised where a sentence starts) with no full stop after it. "Is" mid-sentence
    and "is." are not plain: English sets neither, a misread "1s" often is."""
    token = document.tokens[i]
    if token.shape is not Shape.WORD or stop or not known_word(token.norm, model.data):
        return False
    return token.text[:1].islower() or document.sentence_initial(i)


def _printed(document: Document, j: int) -> str | None:
    """The unit ("s", "d") of the sum token ``j`` is, printed as one (not misread)."""
    tokens = document.tokens
    if not 0 <= j < len(tokens) or tokens[j].shape is not Shape.NUMBER:
        return None
    text = tokens[j].text
    return "s" if _SHILLINGS.fullmatch(text) else "d" if _PENCE.fullmatch(text) else None


def _lower_word_before(document: Document, i: int) -> bool:
    """Whether a word in small letters stands right before token ``i`` (a space between)."""
    tokens = document.tokens
    return i > 0 and tokens[i - 1].shape is Shape.WORD and tokens[i - 1].text.islower() \
        and document.gap_before(i) == " "


def _unit_at(document: Document, j: int, readings: dict[int, Reading],
             accepted: dict[int, Reading], beside: int) -> str | None:
    """The unit of the sum at token ``j`` ("£", "s", "d"), if it is one: printed as a sum,
    accepted as a misread one, or (right beside ``beside``, with a short gap) a misread
    one whose reading is not yet vouched for, as the other half of a pair ("Is. Gd.")."""
    tokens = document.tokens
    if not 0 <= j < len(tokens):
        return None
    near = abs(j - beside) == 1
    if near and not _SHORT_GAP.fullmatch(document.gap_before(max(j, beside))):
        return None
    token = tokens[j]
    if token.shape is Shape.NUMBER:
        if _SHILLINGS.fullmatch(token.text):
            return "s"
        if _POUNDS.fullmatch(token.text):
            return "\u00a3"
        if _PENCE.fullmatch(token.text):
            return "d"
        if "\u00a3" in document.text[max(0, token.start - 2): token.start] \
                and re.fullmatch(r"\d+", token.text):
            return "£"
    reading = accepted.get(j)
    if reading is None and near:
        reading = readings.get(j)
    if reading is not None and reading.unit:
        return reading.unit
    return None


def _word_at(document: Document, j: int) -> str | None:
    tokens = document.tokens
    if 0 <= j < len(tokens) and tokens[j].shape is Shape.WORD:
        return tokens[j].norm.lower()
    return None


def _number_follows(document: Document, i: int) -> bool:
    """Whether a number follows token ``i`` closely ("£3 10 0": a column of figures)."""
    tokens = document.tokens
    return i + 1 < len(tokens) and tokens[i + 1].shape is Shape.NUMBER \
        and len(document.gap_before(i + 1)) <= 2


def _number_before(document: Document, i: int) -> bool:
    tokens = document.tokens
    return i > 0 and tokens[i - 1].shape is Shape.NUMBER \
        and len(document.gap_before(i)) <= 2
