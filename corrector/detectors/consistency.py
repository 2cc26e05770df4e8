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
from itertools import repeat

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from corrector.detectors.nonword import fit_case, starts_sentence
from corrector.document import Document
from corrector.finding import Finding, Kind, Suggestion
from corrector.known import known_keys
from corrector.model import Model
from corrector.suggest import restore_case

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
        import numpy as np

        from corrector.tokentypes import sorted_distinct

        # Counted: words of MIN_LENGTH or more not joined across a line end, in lower case;
        # picked out and lower-cased per distinct word, gathered to the tokens as arrays.
        types = document.types
        lowered = document.type_words()  # (read only: the document keeps it)
        counted = np.flatnonzero(types.word & ~types.line_broken
                                 & (types.lengths >= MIN_LENGTH)[types.of_token])
        counted_types = types.of_token[counted]
        forms = Counter(map(lowered.__getitem__, counted_types.tolist()))
        # (``forms`` is in order of first appearance, as the findings come.)
        rare = np.fromiter(map(forms.get, lowered, repeat(0)), np.int64,
                           len(lowered)) <= MAX_RARE
        at_rare = rare[counted_types]
        # The rare forms printed at least once as a period word (which depends on the word
        # and a full stop after it: asked once per such pair).
        keys = (types.of_token * 2 + types.stop_after)[counted[at_rare]]
        asked = sorted_distinct(keys)
        known_forms = {lowered[key >> 1]
                       for key in asked[known_keys(types, asked, model)].tolist()}
        common = {f: n for f, n in forms.items() if n >= MIN_COMMON}
        if not common:
            return
        hyphenated: dict[str, str] = {}  # closed-up spelling -> its common hyphenated form
        for form in common:
            if form.count("-") == 1:
                hyphenated[form.replace("-", "")] = form
        # First what each rare form is a variant of; the misreadings searched all at once.
        variants: dict[str, tuple[str | None, str]] = {}
        unknown: list[tuple[str, int]] = []
        for form, n in forms.items():
            if n > MAX_RARE:
                continue
            other = form.replace("-", "") if form.count("-") == 1 else hyphenated.get(form)
            if other is not None and common.get(other, 0) >= MIN_RATIO * n:
                variants[form] = (other, "hyphenation")
            elif form not in known_forms:
                unknown.append((form, n))
        for (form, _), found in zip(unknown, _misreadings_of(unknown, common, model)):
            variants[form] = (found, "misread")
        # Where each flagged form is printed (its tokens among the rare forms'): looked for
        # only now, as a text flags a handful of its thousands of rare forms.
        flagged = {form for form, (found, _) in variants.items() if found is not None}
        places: dict[str, list[int]] = defaultdict(list)
        if flagged:
            wanted = np.fromiter(map(flagged.__contains__, lowered), bool, len(lowered))
            at = at_rare & wanted[counted_types]
            for i, t in zip(counted[at].tolist(), counted_types[at].tolist()):
                places[lowered[t]].append(i)
        for form in filter(variants.__contains__, forms):  # (in the order of ``forms``)
            found, klass = variants[form]
            if found is None:
                continue
            n = forms[form]
            for i in places[form]:
                if not document.followed_by_sic(i):
                    yield _finding(document, i, found, common[found], n, klass, model)


def _misreadings_of(rare: list[tuple[str, int]], common: dict[str, int],
                    model: Model) -> list[str | None]:
    """For each rare (form, count), the common form of this text it is the cheapest OCR
    misreading of, if any. Only forms within two edits can be, and those are found for all
    rare forms at once (``rapidfuzz``'s ``cdist``, in C); each is then weighed, by length and
    then in order of first appearance, the first of equal cost winning."""
    import numpy as np

    if not rare:
        return []
    others = list(common)
    lengths = np.array([len(other) for other in others])
    distances = process.cdist([form for form, _ in rare], others, scorer=Levenshtein.distance,
                              score_cutoff=2, dtype=np.int8, workers=1)
    out: list[str | None] = []
    for (form, n), row in zip(rare, distances):
        near = np.flatnonzero(row <= 2)
        best: tuple[float, str] | None = None
        for k in near[np.argsort(lengths[near], kind="stable")].tolist():
            other = others[k]
            if common[other] < MIN_RATIO * n or _inflected(form, other):
                continue
            cost = model.errors.cost(form, other)
            if cost <= MAX_MISREAD_COST and (best is None or cost < best[0]):
                best = (cost, other)
        out.append(best[1] if best is not None else None)
    return out


def _inflected(form: str, other: str) -> bool:
    """Whether the two differ as a word and its plural or possessive do ("the Swetmans",
    "Swetman's", "Swetman"): grammar, not a misreading."""
    a, b = form.replace("'", ""), other.replace("'", "")
    return a == b or any(a == b + end or b == a + end for end in ("s", "es"))


def _finding(document: Document, i: int, target: str, target_count: int, n: int, klass: str,
             model: Model) -> Finding:
    token = document.tokens[i]
    # The capital only the misread first letter made goes, as for a non-word ("Httle" in
    # mid-sentence is "little"): ``fit_case``.
    text = fit_case(document, i, restore_case(token.text, target, model.data), model,
                    starts_sentence(document, i, model))
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
