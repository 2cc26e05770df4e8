"""Compounds with a misread part: "half-put" for "half-past", "Pot-office" for "Post-office".

Every part is a word, so the non-word detector passes the compound (a compound is known when
its parts are), and the real-word detector weighs single words only. But the whole is one
period print never set, while changing one part by a cheap misreading (its real-word
confusion set) gives a compound print set often: "half-past" 1,467 times, "post-office"
407. Period compounding is free ("Dock-house", "all-Men"), so the never-printed compound is
weighed as what its parts say about it: how often print set them side by side or as one
word. The confusion wins when

    count(confusion) · P(misread) · P(printed | confusion)
        > (together(parts) + ½) · (1 - P(misread))

with the page's misread prior (``realword.misread_prior``): a clean page keeps its odd
compounds unless the evidence is overwhelming, a garbled one is read with suspicion.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from corrector.detectors.realword import confusion_set, misread_prior
from corrector.document import Document
from corrector.finding import Finding, Kind, Suggestion
from corrector.known import KNOWN_BITS, known_word
from corrector.model import Model
from corrector.suggest import restore_case

MIN_COMPOUND_COUNT = 20  # a reading must be a compound print set this often
MAX_SUGGESTIONS = 3


class CompoundDetector:
    name = "compound"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        import numpy as np

        types = document.types
        hyphenated = types.per_word_test(_plain_compound)[types.of_token]
        places = np.flatnonzero(hyphenated & types.word & ~types.line_broken).tolist()
        if not places:
            return
        prior = misread_prior(document, model)
        tokens = document.tokens
        for i in places:
            token = tokens[i]
            weighed = misread_compound(token.norm, prior, model)
            if weighed is None:
                continue
            ranked, printed_share = weighed
            best, best_share, _, count = ranked[0]
            yield Finding(
                start=token.start,
                end=token.end,
                text=token.text,
                kind=Kind.REAL_WORD,
                confidence=best_share,
                suggestions=tuple(
                    Suggestion(restore_case(token.norm, word, model.data), share,
                               f"ocr-model cost {cost:.2f}; period count {count} "
                               f"({model.errors.source})")
                    for word, share, cost, count in ranked),
                reason=(f"'{token.norm}' was never printed; '{best}' was printed "
                        f"{count} times and is a cheap misreading of it "
                        f"(left as printed: {printed_share:.2f})"),
                extra={"class": "compound"},
            )


def _plain_compound(word: str) -> bool:
    """Letters in two or more parts joined by hyphens (no digits, no apostrophes)."""
    parts = word.split("-")
    return len(parts) > 1 and all(part.isalpha() for part in parts)


def misread_compound(word: str, prior: float, model: Model
                     ) -> tuple[list[tuple[str, float, float, int]], float] | None:
    """The compounds print set that ``word`` (a hyphenated compound, normalised) misreads,
    as (compound, share, OCR cost, period count), best first, with the share left to
    ``word`` as printed; None when ``word`` is likelier as printed (or was printed, or is
    no compound of known words)."""
    data = model.data
    lower = word.lower()
    parts = lower.split("-")
    if (word in data.user_words or data.count(lower)
            or data.source_bits(lower) & KNOWN_BITS
            or not all(known_word(part, data) for part in parts)):
        return None
    log_misread = math.log(prior)
    scores: dict[str, tuple[float, float, int]] = {}
    for k, part in enumerate(parts):
        for reading, cost in confusion_set(model, part):
            compound = "-".join([*parts[:k], reading, *parts[k + 1:]])
            count = data.count(compound)
            if count >= MIN_COMPOUND_COUNT and compound not in scores:
                scores[compound] = (math.log(count) + log_misread - cost, cost, count)
    if not scores:
        return None
    # Print set the parts side by side ("all men") or as one word ("grandstand").
    together = data.count("".join(parts))
    if len(parts) == 2:
        together += data.pair_count(*parts)
    printed = math.log(together + 0.5) + math.log(1 - prior)
    top = max(max(score for score, _, _ in scores.values()), printed)
    total = math.exp(printed - top) + sum(math.exp(s - top) for s, _, _ in scores.values())
    printed_share = math.exp(printed - top) / total
    ranked = sorted(((compound, math.exp(score - top) / total, cost, count)
                     for compound, (score, cost, count) in scores.items()),
                    key=lambda item: (-item[1], item[0]))
    if ranked[0][1] <= printed_share:
        return None
    return ranked[:MAX_SUGGESTIONS], printed_share
