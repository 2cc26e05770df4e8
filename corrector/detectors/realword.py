"""Real-word slips: a known word in a place where a near confusion fits far better.

"he" for "be", "put" for "but", "arid" for "and", "bad" for "had": every one is a word, so a
dictionary is blind to it. For each word the error model gives the period words it is a
cheap misreading of (its confusion set); the period language model scores each in the
word's context (neighbouring words and punctuation). The printed word gets a prior for
being right, each confusion the prior for a misreading times the error-model probability:

    P(c | printed, context) ∝ P(c | context) · P(misread) · P(printed | c, misread)
    P(printed right)        ∝ P(printed | context) · (1 - P(misread))

and a finding is made when a confusion wins. The known-word prior is the knob JamSpell found
essential: without it, context alone would "correct" rare but right words.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from corrector.document import Document
from corrector.finding import Finding, Kind, Suggestion
from corrector.known import known_word
from corrector.model import Model
from corrector.suggest import restore_case
from corrector.tokens import Shape

MISREAD_PRIOR = 0.05  # share of known words that are really misread other words
MAX_CONFUSION_COST = 5.5  # confusions dearer than this are not considered
MIN_CONFUSION_COUNT = 20  # a confusion must be a word the period printed this often
MIN_POSTERIOR = 0.5


_CONFUSIONS: dict[tuple[int, str], list[tuple[str, float]]] = {}


def confusion_set(model: Model, word: str) -> list[tuple[str, float]]:
    """The period words ``word`` is a cheap misreading of, with their costs (cached)."""
    key = (id(model.errors), word)
    found = _CONFUSIONS.get(key)
    if found is None:
        data = model.data
        found = [
            (c, cost)
            for c, cost in model.errors.confusions(word, MAX_CONFUSION_COST, data.ids).items()
            if data.count(c) >= MIN_CONFUSION_COUNT
        ]
        if len(_CONFUSIONS) > 200_000:
            _CONFUSIONS.clear()
        _CONFUSIONS[key] = found
    return found


class RealWordDetector:
    name = "real-word"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        data = model.data
        suggester = model.suggester
        log_right = math.log(1 - MISREAD_PRIOR)
        log_misread = math.log(MISREAD_PRIOR)
        for i, token in enumerate(document.tokens):
            if token.shape is not Shape.WORD or token.line_broken:
                continue
            word = token.norm
            if word in data.user_words or "-" in word or "'" in word:
                continue
            lower = word.lower()
            if word[0].isupper() and lower in data.proper_forms:
                continue
            if not known_word(word, data, document.next_char(i)):
                continue  # not a period word: the non-word detector's business
            confusions = confusion_set(model, lower)
            if not confusions:
                continue
            window = document.window(i)
            left, right = window[1], window[2]
            if left is None and right is None:
                continue
            scores = {lower: suggester.window_logp(lower, window) + log_right}
            for c, cost in confusions:
                scores[c] = suggester.window_logp(c, window) + log_misread - cost
            top = max(scores.values())
            total = sum(math.exp(v - top) for v in scores.values())
            ranked = sorted(
                ((c, math.exp(v - top) / total) for c, v in scores.items() if c != lower),
                key=lambda item: item[1], reverse=True,
            )
            best, posterior = ranked[0]
            if posterior < MIN_POSTERIOR:
                continue
            suggestions = tuple(
                Suggestion(
                    restore_case(token.text, c, data), p,
                    f"context {left or '?'} _ {right or '?'}; ocr-model cost "
                    f"{dict(confusions)[c]:.2f}; period count {data.count(c)}",
                )
                for c, p in ranked[:5]
            )
            yield Finding(
                start=token.start,
                end=token.end,
                text=token.text,
                kind=Kind.REAL_WORD,
                confidence=posterior,
                suggestions=suggestions,
                reason=(
                    f"'{best}' fits '{left or '…'} _ {right or '…'}' far better than "
                    f"'{word}' in period print, and is a common misreading of it"
                ),
                extra={"class": "short" if len(lower) <= 3 else "long"},
            )
