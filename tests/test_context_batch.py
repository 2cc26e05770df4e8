"""Fast paths (vectorised context scores, indexed confusions) must give the slow results."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from corrector.context_batch import ContextScorer, item_ids
from corrector.suggest import BATCH_CANDIDATES

# Common words, markers, a rare word and a word the corpus never printed, so windows hit
# stored triples, stored pairs only, and nothing.
ITEMS = ["the", "of", "and", "be", "he", "but", "put", "will", "must", "it", "said",
         "<s>", ",", ";", "labouring", "zzqx", None]
WORDS = ["be", "he", "but", "put", "the", "tho", "and", "arid", "labouring", "zzqx"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(*[st.sampled_from(ITEMS)] * 4, st.lists(st.sampled_from(WORDS),
                                                                  min_size=1, max_size=4)),
                min_size=1, max_size=8))
def test_batch_scores_match_window_logp(model, rows_spec):
    windows = []
    words: list[str] = []
    rows: list[int] = []
    for n, (left2, left, right, right2, hypotheses) in enumerate(rows_spec):
        # Document.window never gives a second item beyond a missing first one.
        windows.append((left2 if left else None, left, right, right2 if right else None))
        words.extend(hypotheses)
        rows.extend([n] * len(hypotheses))
    columns = [item_ids(model.data, list(column)) for column in zip(*windows)]
    batch = ContextScorer(model.data).window_logp(
        item_ids(model.data, words), np.asarray(rows), *columns)
    for k, word in enumerate(words):
        expected = model.suggester.window_logp(word, windows[rows[k]])
        assert math.isclose(batch[k], expected, rel_tol=1e-9, abs_tol=1e-9), word


def test_confusions_priced_from_the_deletion_index_are_the_full_search(model):
    """The indexed single-letter search finds exactly the confusions trying every letter does."""
    from corrector.detectors.realword import MAX_CONFUSION_COST, MIN_CONFUSION_COUNT

    data, errors = model.data, model.errors

    def one_letter_more(form: str) -> list[str]:
        return [data.vocab[i] for i in data.words_sharing_deletion(form)]

    def frequent(found: dict[str, float]) -> dict[str, float]:
        return {c: cost for c, cost in found.items() if data.count(c) >= MIN_CONFUSION_COUNT}

    words = [*data.vocab[:1500:3], "tbe", "arid", "nuke", "modem", "tlie", "bave", "ot"]
    for word in words:
        full = frequent(errors.confusions(word, MAX_CONFUSION_COST, data.ids))
        fast = frequent(errors.confusions(word, MAX_CONFUSION_COST, data.ids, one_letter_more))
        assert fast == full, word


def test_every_stored_triple_has_both_its_pairs_stored_at_least_as_often(model):
    """The batch scorer skips a triple look-up where either of its pairs was never seen:
    exact only while the data keeps this property (compile's pair and triple pruning)."""
    from corrector.context_batch import CountArrays
    from corrector.langdata import PAIR_SHIFT, TRIPLE_SHIFT

    arrays = CountArrays.of(model.data)
    keys = arrays.triple_keys
    mask = np.uint64((1 << TRIPLE_SHIFT) - 1)
    shift = np.uint64(TRIPLE_SHIFT)
    first, middle, last = keys >> (shift + shift), (keys >> shift) & mask, keys & mask
    for a, b in ((first, middle), (middle, last)):
        pair = (a << np.uint64(PAIR_SHIFT)) | b
        at = np.minimum(np.searchsorted(arrays.pair_keys, pair), len(arrays.pair_keys) - 1)
        assert (arrays.pair_keys[at] == pair).all()
        assert (arrays.pair_counts[at] >= arrays.triple_counts).all()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ITEMS), st.sampled_from(ITEMS),
                          st.sampled_from(ITEMS), st.sampled_from(ITEMS),
                          st.sampled_from([("be", "he"), ("but", "put", "the"), ("and",)])),
                min_size=1, max_size=12))
def test_positions_of_a_kind_share_pair_counts_without_changing_a_score(model, rows_spec):
    """Looking pairs up once per (neighbour, kind) gives exactly the per-position figures."""
    kinds_of = {("be", "he"): 0, ("but", "put", "the"): 1, ("and",): 2}
    words: list[str] = []
    rows: list[int] = []
    for n, (*_, hypotheses) in enumerate(rows_spec):
        words.extend(hypotheses)
        rows.extend([n] * len(hypotheses))
    columns = [item_ids(model.data, list(column)) for column in zip(*(w[:4] for w in rows_spec))]
    kinds = np.array([kinds_of[spec[4]] for spec in rows_spec])
    scorer = ContextScorer(model.data)
    ids, at = item_ids(model.data, words), np.asarray(rows)
    plain = scorer.window_logp(ids, at, *columns)
    shared = scorer.window_logp(ids, at, *columns, kinds=kinds)
    assert np.array_equal(plain, shared)


@settings(max_examples=40, deadline=None)
@given(st.tuples(*[st.sampled_from(ITEMS)] * 4),
       st.lists(st.sampled_from(WORDS), min_size=BATCH_CANDIDATES, max_size=20))
def test_suggester_scores_many_candidates_as_it_scores_one(model, window, words):
    left2, left, right, right2 = window
    window = (left2 if left else None, left, right, right2 if right else None)
    together = model.suggester.window_logps(words, window)
    assert len(together) == len(words)
    for word, score in zip(words, together):
        expected = model.suggester.window_logp(word, window)
        assert math.isclose(score, expected, rel_tol=1e-9, abs_tol=1e-9), word
