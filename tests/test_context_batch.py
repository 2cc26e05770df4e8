"""The vectorised context scorer must give the scalar language model's figures."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from corrector.context_batch import ContextScorer, item_ids

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
