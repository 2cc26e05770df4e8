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

How often a known word is a misreading depends on the page: a clean book misprints
one word in thousands, a bad newspaper scan one in twenty. The share of words on the page
that no list knows (smoothed towards a typical share, since a page is short) measures that,
so the misread prior is set from it, between a floor and a ceiling: a clean text is
left alone unless the context is overwhelming, a garbled one is read with suspicion.

A word capitalised in mid-sentence is weighed with its capital: each reading is also
multiplied by how often period print capitalised that word where no sentence began, so
"Mr. Gilley" (a name) is not read as "galley", which print seldom capitalises.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from corrector import confusion_table
from corrector.detectors.nonword import starts_sentence
from corrector.detectors.printforms import print_form
from corrector.document import Document
from corrector.finding import Finding, Kind, Suggestion
from corrector.known import known_word
from corrector.model import Model
from corrector.suggest import restore_case
from corrector.tokens import Shape

MISREAD_PER_NONWORD = 4.0  # misread known words per word no list knows, on OCR pages
MIN_MISREAD_PRIOR = 0.04  # the least share of known words taken to be misread
MAX_MISREAD_PRIOR = 0.2
TYPICAL_NONWORD_SHARE = 0.01  # what a page's share is smoothed towards ...
SMOOTHING_WORDS = 50  # ... with the weight of this many words
PRIOR_SAMPLE_WORDS = 2000
MAX_CONFUSION_COST = 5.5  # confusions dearer than this are not considered
MIN_CONFUSION_COUNT = 20  # a confusion must be a word the period printed this often
MIN_POSTERIOR = 0.5


_CONFUSIONS: dict[tuple[int, str], list[tuple[str, float]]] = {}
_TABLE_USABLE: dict[tuple[int, int, int], bool] = {}


def confusion_set(model: Model, word: str) -> list[tuple[str, float]]:
    """The period words ``word`` is a cheap misreading of, with their costs (cached): from
    the stored table when it was built from this data and error model, else worked out."""
    key = (id(model.errors), word)
    found = _CONFUSIONS.get(key)
    if found is None:
        data = model.data
        table = _usable_table(model)
        word_id = data.ids.get(word) if table is not None else None
        if table is not None and word_id is not None:
            found = table.get(word_id, data.vocab)
        else:
            found = confusion_table.compute(data, model.errors, word, MAX_CONFUSION_COST,
                                            MIN_CONFUSION_COUNT)
        if len(_CONFUSIONS) > 200_000:
            _CONFUSIONS.clear()
        _CONFUSIONS[key] = found
    return found


def _usable_table(model: Model) -> confusion_table.ConfusionTable | None:
    """The model's stored confusion sets, if they match its data, error model and this
    detector's thresholds (checked once per model)."""
    table = model.confusions
    if table is None:
        return None
    key = (id(table), id(model.data), id(model.errors))
    usable = _TABLE_USABLE.get(key)
    if usable is None:
        usable = _TABLE_USABLE[key] = table.digest == confusion_table.fingerprint(
            model.data, model.errors, MAX_CONFUSION_COST, MIN_CONFUSION_COUNT)
    return table if usable else None


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
        costs = np.concatenate([c for _, c in weighed])
        rows = np.repeat(np.arange(len(weighed)), [len(w) for w, _ in weighed])
        prior = misread_prior(document, model)
        printed = np.r_[True, rows[1:] != rows[:-1]]
        priors = np.where(printed, math.log(1 - prior), math.log(prior) - costs)
        midcap = np.array([_capitalised_midsentence(document, i, model)
                           for i, *_ in candidates])
        if midcap.any():
            priors = priors + np.where(midcap[rows], _log_midcap_share(data, words), 0.0)
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
    """Word ids and OCR costs of ``lower`` (printed right, cost 0) and its confusions."""
    import numpy as np

    from corrector.context_batch import UNKNOWN

    key = (id(model.errors), id(model.data), lower)
    found = _WEIGHED.get(key)
    if found is None:
        ids = model.data.ids
        words = np.array([ids.get(lower, UNKNOWN), *(ids.get(c, UNKNOWN) for c, _ in confusions)],
                         dtype=np.int64)
        costs = np.array([0.0, *(cost for _, cost in confusions)])
        if len(_WEIGHED) > 200_000:
            _WEIGHED.clear()
        found = _WEIGHED[key] = (words, costs)
    return found


def misread_prior(document: Document, model: Model) -> float:
    """The share of this text's known words taken to be misread others: from the share of
    its words that no list knows (lower-case ones, and letters mixed with digits)."""
    data = model.data
    tokens = document.tokens
    words = unknown = 0
    # A share needs no more than a few thousand words: a long text is sampled evenly.
    for i in range(0, len(tokens), max(1, len(tokens) // PRIOR_SAMPLE_WORDS)):
        token = tokens[i]
        if token.shape is Shape.MIXED:
            words += 1
            unknown += 1
        elif token.shape is Shape.WORD:
            words += 1
            word = token.norm
            if word.islower() and not known_word(word, data, document.next_char(i)):
                unknown += 1
    share = (unknown + TYPICAL_NONWORD_SHARE * SMOOTHING_WORDS) / (words + SMOOTHING_WORDS)
    return min(MAX_MISREAD_PRIOR, max(MIN_MISREAD_PRIOR, MISREAD_PER_NONWORD * share))


def _capitalised_midsentence(document: Document, i: int, model: Model) -> bool:
    """A capital where no sentence begins (and not a line of capitals): it says "name"."""
    text = document.tokens[i].text
    return (text[:1].isupper() and not text.isupper()
            and not starts_sentence(document, i, model))


def _log_midcap_share(data, words):
    """log of how often period print capitalised each word id where no sentence began
    (``LanguageData.midcap_share``; one half for a word the corpus never printed)."""
    import numpy as np

    from corrector.context_batch import CountArrays

    arrays = CountArrays.of(data)
    known = words >= 0
    at = np.where(known, words, 0)
    share = (arrays.midcap_counts[at] + 0.5) / (arrays.counts[at] + 1)
    return np.log(np.where(known, share, 0.5))


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
        if len(word) <= 3 and print_form(document, i) is not None:
            continue  # "Is." for "1s.", "Ac." for "&c.": the print-form detector's
        if _drop_capital(document, i, model):
            continue
        confusions = confusion_set(model, lower)
        if not confusions:
            continue
        window = document.window(i)
        if window[1] is None and window[2] is None:
            continue
        yield i, lower, confusions, window


def _drop_capital(document: Document, i: int, model: Model) -> bool:
    """ "W ANTED", "T HE": a decorative initial printed apart from the rest of its word;
    neither piece is a misread word."""
    tokens = document.tokens
    if len(tokens[i].text) > 1 and (i == 0 or len(tokens[i - 1].text) > 1):
        return False
    if i + 1 < len(tokens) and len(tokens[i].text) == 1 and tokens[i].text.isupper():
        pair = (i, i + 1)
    elif i > 0 and len(tokens[i - 1].text) == 1 and tokens[i - 1].text.isupper():
        pair = (i - 1, i)
    else:
        return False
    rest = tokens[pair[1]]
    return (rest.text.isupper() and document.gap_before(pair[1]) == " "
            and known_word(tokens[pair[0]].text + rest.norm, model.data))


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
