"""Lost full stops: "strong and threatening ones Each such agreement".

A capital in mid-sentence on a word that is not a name means a sentence began there, so a
full stop was most likely lost. The period language model weighs the two readings, with the
sentence boundary as a word of its own (``<s>``, counted from the corpus):

    stop:  P(<s> | before) · P(word | <s>) · P(lost stop)
    keep:  P(word | before) · P(capitalised in mid-sentence | word) · (1 - P(lost stop))

The finding spans both words so the fix ("ones. Each") is a plain replacement.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from corrector.document import Document
from corrector.finding import Finding, Kind, Suggestion
from corrector.model import Model
from corrector.tokens import SENTENCE

LOST_STOP_PRIOR = 0.02  # of capitalised non-names in mid-sentence after a word


class PunctuationDetector:
    name = "punctuation"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        import numpy as np

        data = model.data
        lm = model.suggester
        tokens = document.tokens
        # Only a word after a word, capitalised but not in capitals, can have lost a stop
        # before it: that much is decided per distinct word, and only those are visited.
        types = document.types
        capital = types.word & types.per_word_test(_capitalised)[types.of_token]
        capital[1:] &= types.word[:-1]
        capital[:1] = False
        for i in np.flatnonzero(capital).tolist():
            before, word = tokens[i - 1], tokens[i]
            text = word.norm
            if document.gap_before(i) != " " or not before.text.islower():
                continue
            lower = text.lower()
            if lower in data.proper_forms or lower == "i" or not data.count(lower):
                continue
            previous = before.norm.lower()
            stop = (
                math.log(lm.pair_probability(previous, SENTENCE))
                + math.log(lm.pair_probability(SENTENCE, lower))
                + math.log(LOST_STOP_PRIOR)
            )
            # Keeping the text means a capital in mid-sentence: as rare as the corpus says.
            keep = (
                math.log(lm.pair_probability(previous, lower))
                + math.log(data.midcap_share(lower))
                + math.log(1 - LOST_STOP_PRIOR)
            )
            if stop <= keep:
                continue
            probability = 1 / (1 + math.exp(keep - stop))
            fixed = f"{before.text}. {word.text}"
            yield Finding(
                start=before.start,
                end=word.end,
                text=document.text[before.start : word.end],
                kind=Kind.PUNCTUATION,
                confidence=probability,
                suggestions=(Suggestion(fixed, probability, "lost full stop before a capital"),),
                reason=(
                    f"'{word.text}' is capitalised in mid-sentence but is no name; "
                    f"period print ends a sentence after '{previous}' far more often than it "
                    f"runs on into '{lower}'"
                ),
            )


def _capitalised(word: str) -> bool:
    """A capital first, not all capitals, no hyphen: what a lost stop leaves behind."""
    return word[:1].isupper() and not word.isupper() and "-" not in word
