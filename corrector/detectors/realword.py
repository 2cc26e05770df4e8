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
        vocab = data.vocab
        vocabulary = data.words_printed_at_least(MIN_CONFUSION_COUNT)

        def one_letter_more(form: str) -> list[str]:
            return [vocab[i] for i in data.words_sharing_deletion(form)]

        found = [
            (c, cost)
            for c, cost in model.errors.confusions(word, MAX_CONFUSION_COST, vocabulary,
                                                   one_letter_more).items()
            if data.count(c) >= MIN_CONFUSION_COUNT
        ]
        if len(_CONFUSIONS) > 200_000:
            _CONFUSIONS.clear()
        _CONFUSIONS[key] = found
    return found


class RealWordDetector:
    name = "real-word"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        candidates = list(_candidates(document, model))
        if not candidates:
            return
        import numpy as np  # imported here: a scan with no candidates does not need it

        from corrector.context_batch import ContextScorer, item_ids

        data = model.data
        # One row per hypothesis: the printed word first, then each of its confusions.
        weighed = [_weighed(model, lower, confusions) for _, lower, confusions, _ in candidates]
        words = np.concatenate([w for w, _ in weighed])
        priors = np.concatenate([p for _, p in weighed])
        rows = np.repeat(np.arange(len(weighed)), [len(w) for w, _ in weighed])
        windows = zip(*(window for *_, window in candidates))
        scores = ContextScorer(data).window_logp(
            words, rows, *(item_ids(data, list(column)) for column in windows)) + priors
        starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        top = np.maximum.reduceat(scores, starts)
        weights = np.exp(scores - top[rows])
        posterior = weights / np.add.reduceat(weights, starts)[rows]
        confusion_only = posterior.copy()
        confusion_only[starts] = -1.0
        best = np.maximum.reduceat(confusion_only, starts)
        for n in np.flatnonzero(best >= MIN_POSTERIOR):
            first = int(starts[n])
            i, lower, confusions, window = candidates[n]
            ranked = sorted(
                ((c, float(posterior[first + 1 + k])) for k, (c, _) in enumerate(confusions)),
                key=lambda item: item[1], reverse=True,
            )
            yield _finding(document.tokens[i], lower, ranked, confusions, window, data)


_WEIGHED: dict[tuple[int, int, str], tuple] = {}


def _weighed(model: Model, lower: str, confusions: list[tuple[str, float]]):
    """Word ids and log priors of ``lower`` (printed right) and its confusions (misread)."""
    import numpy as np

    from corrector.context_batch import UNKNOWN

    key = (id(model.errors), id(model.data), lower)
    found = _WEIGHED.get(key)
    if found is None:
        ids = model.data.ids
        words = np.array([ids.get(lower, UNKNOWN), *(ids.get(c, UNKNOWN) for c, _ in confusions)],
                         dtype=np.int64)
        priors = np.array([math.log(1 - MISREAD_PRIOR),
                           *(math.log(MISREAD_PRIOR) - cost for _, cost in confusions)])
        if len(_WEIGHED) > 200_000:
            _WEIGHED.clear()
        found = _WEIGHED[key] = (words, priors)
    return found


def _candidates(document: Document, model: Model):
    """(token index, word, confusions, window) for each word worth weighing against its
    confusions: a period word with cheap confusions and at least one neighbour."""
    data = model.data
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
        if window[1] is None and window[2] is None:
            continue
        yield i, lower, confusions, window


def _finding(token, lower: str, ranked: list[tuple[str, float]],
             confusions: list[tuple[str, float]], window, data) -> Finding:
    left, right = window[1], window[2]
    best, posterior = ranked[0]
    costs = dict(confusions)
    suggestions = tuple(
        Suggestion(
            restore_case(token.text, c, data), p,
            f"context {left or '?'} _ {right or '?'}; ocr-model cost "
            f"{costs[c]:.2f}; period count {data.count(c)}",
        )
        for c, p in ranked[:5]
    )
    return Finding(
        start=token.start,
        end=token.end,
        text=token.text,
        kind=Kind.REAL_WORD,
        confidence=posterior,
        suggestions=suggestions,
        reason=(
            f"'{best}' fits '{left or '…'} _ {right or '…'}' far better than "
            f"'{token.norm}' in period print, and is a common misreading of it"
        ),
        extra={"class": "short" if len(lower) <= 3 else "long"},
    )
