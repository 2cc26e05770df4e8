"""In-document consistency: the text as its own dictionary.

A name the word lists never saw is still spelt the same way every time a careful printer set
it, so when a text prints "Bukharin" a dozen times and "Bukharim" once, the odd one out is
a misreading of the common one, although neither is a period word. The lists cannot see
that; the document can. Two sorts of rare variant are reported:

- a form no list knows, printed at most ``MAX_RARE`` times, that is a cheap OCR misreading
  (by the learned error model) of a form the same text prints at least ``MIN_COMMON`` times
  and ``MIN_RATIO`` times as often: "Bukbarin" -> "Bukharin", "Haiitax" -> "Halifax"
  (class ``misread``); a plural or possessive of a form ("Swetmans", "Swetman's") is
  grammar, not a misreading;
- a hyphenation variant printed at most ``MAX_RARE`` times beside the other spelling printed
  at least ``MIN_COMMON`` times: "to-day" (1) beside "today" (5) -> "today" (class
  ``hyphenation``). Period print hyphenated more than we do, so the *minority* spelling is
  flagged, whichever it is (Guiguts users asked for exactly that). This is an editor's
  choice more than a slip, so its raw confidence is low: a report shows it, a CI gate at
  0.9 does not.

Both need the whole text, which is why this detector counts every word before it flags one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from rapidfuzz.distance import Levenshtein

from corrector.document import Document
from corrector.finding import Finding, Kind, Suggestion
from corrector.known import known_word
from corrector.model import Model
from corrector.suggest import restore_case
from corrector.tokens import Shape

MAX_RARE = 2  # a variant printed this often or less can be the odd one out
MIN_COMMON = 3  # the form it varies from must be printed at least this often ...
MIN_RATIO = 3  # ... and this many times as often
MIN_LENGTH = 4  # shorter forms have too many neighbours to be told apart
MAX_MISREAD_COST = 6.0  # OCR cost (nats) of reading the common form as the rare one
MISREAD_CONFIDENCE = 0.8  # raw scores; calibration says how often they were right
HYPHENATION_CONFIDENCE = 0.3


class ConsistencyDetector:
    name = "consistency"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        tokens = document.tokens
        word_shape = Shape.WORD
        counted = [i for i, token in enumerate(tokens) if token.shape is word_shape
                   and len(token.norm) >= MIN_LENGTH and not token.line_broken]
        lowers = [tokens[i].norm.lower() for i in counted]
        forms = Counter(lowers)  # (in order of first appearance, as the findings come)
        # Where each form is printed: wanted only for the rare ones, which may be flagged.
        places: dict[str, list[int]] = defaultdict(list)
        for i, lower in zip(counted, lowers):
            if forms[lower] <= MAX_RARE:
                places[lower].append(i)
        common = {f: n for f, n in forms.items() if n >= MIN_COMMON}
        if not common:
            return
        by_length: dict[int, list[str]] = defaultdict(list)
        hyphenated: dict[str, str] = {}  # closed-up spelling -> its common hyphenated form
        for form in common:
            by_length[len(form)].append(form)
            if form.count("-") == 1:
                hyphenated[form.replace("-", "")] = form
        for form, n in forms.items():
            if n > MAX_RARE:
                continue
            other = form.replace("-", "") if form.count("-") == 1 else hyphenated.get(form)
            klass = "hyphenation"
            found = None
            if other is not None and common.get(other, 0) >= MIN_RATIO * n:
                found = other
            elif not any(_known(document, i, model) for i in places[form]):
                found = _misread_of(form, n, common, by_length, model)
                klass = "misread"
            if found is None:
                continue
            for i in places[form]:
                if not document.followed_by_sic(i):
                    yield _finding(document, i, found, common[found], n, klass, model)


def _known(document: Document, i: int, model: Model) -> bool:
    return known_word(document.tokens[i].norm, model.data, document.next_char(i))


def _misread_of(form: str, n: int, common: dict[str, int], by_length: dict[int, list[str]],
                model: Model) -> str | None:
    """The common form of this text that ``form`` is the cheapest OCR misreading of."""
    best: tuple[float, str] | None = None
    for length in range(len(form) - 2, len(form) + 3):
        for other in by_length.get(length, ()):
            count = common[other]
            if count < MIN_RATIO * n or Levenshtein.distance(form, other, score_cutoff=2) > 2:
                continue
            if _inflected(form, other):
                continue
            cost = model.errors.cost(form, other)
            if cost <= MAX_MISREAD_COST and (best is None or cost < best[0]):
                best = (cost, other)
    return best[1] if best is not None else None


def _inflected(form: str, other: str) -> bool:
    """Whether the two differ as a word and its plural or possessive do ("the Swetmans",
    "Swetman's", "Swetman"): grammar, not a misreading."""
    a, b = form.replace("'", ""), other.replace("'", "")
    return a == b or any(a == b + end or b == a + end for end in ("s", "es"))


def _finding(document: Document, i: int, target: str, target_count: int, n: int, klass: str,
             model: Model) -> Finding:
    token = document.tokens[i]
    text = restore_case(token.text, target, model.data)
    confidence = MISREAD_CONFIDENCE if klass == "misread" else HYPHENATION_CONFIDENCE
    return Finding(
        start=token.start,
        end=token.end,
        text=token.text,
        kind=Kind.CONSISTENCY,
        confidence=confidence,
        suggestions=(Suggestion(text, confidence, f"printed {target_count} times in this text"),),
        reason=(f"'{token.norm}' is printed {n} time{'s' if n > 1 else ''} in this text, "
                f"'{target}' {target_count} times"),
        extra={"class": klass},
    )
