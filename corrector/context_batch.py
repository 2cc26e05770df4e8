"""The period trigram model scored for many words at once, with numpy.

Real-word detection asks, for nearly every word of a text, how well the word and each of its
confusions fit between the same neighbours: about a dozen window scores a word, each three
interpolated trigram probabilities, each up to three binary searches in the memory-mapped
counts. One at a time in Python that is most of a scan's time; here the look-ups of a whole
text are made together (``corrector.counthash``: a vectorised binary search over the same
zero-copy arrays, or a hash table once a process has asked many), so the work per word is a
few array elements instead of a few dozen Python calls.

The arithmetic is ``Suggester.window_logp``'s, term for term (the tests hold the two to the
same figures): keep them in step when the model changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np

from corrector.counthash import CountIndex
from corrector.langdata import PAIR_SHIFT, PAIRS_FILE, TRIPLE_SHIFT, TRIPLES_FILE, LanguageData
from corrector.suggest import PAIR_WEIGHT, TRIPLE_WEIGHT

NONE = -2  # no usable item (the window stops here)
UNKNOWN = -1  # a word the corpus never counted: every count is 0


@dataclass(frozen=True)
class CountArrays:
    """The language data's counts as numpy arrays (views of the mapped files where they can be)."""

    counts: np.ndarray  # float64, one per word id, then a 0 for UNKNOWN (index -1)
    midcap_counts: np.ndarray  # float64, as ``counts``: capitalised where no sentence began
    pair_keys: np.ndarray
    pair_counts: np.ndarray
    triple_keys: np.ndarray
    triple_counts: np.ndarray
    total: float
    pairs: CountIndex  # look-ups in pair_keys/pair_counts (binary search, then hashed)
    triples: CountIndex

    @classmethod
    def of(cls, data: LanguageData) -> CountArrays:
        cached = getattr(data, "_count_arrays", None)
        if cached is None:
            counts = _with_zero_after(data.counts)
            midcap = _with_zero_after(data.midcap_counts)
            pair_keys = np.asarray(data.pair_keys, dtype=np.uint64)
            pair_counts = np.asarray(data.pair_counts)
            triple_keys = np.asarray(data.triple_keys, dtype=np.uint64)
            triple_counts = np.asarray(data.triple_counts)
            folder = getattr(data, "directory", None)
            pair_file = Path(folder) / PAIRS_FILE if folder else None
            triple_file = Path(folder) / TRIPLES_FILE if folder else None
            cached = cls(
                counts,
                midcap,
                pair_keys,
                pair_counts,
                triple_keys,
                triple_counts,
                float(max(data.total_tokens, 1)),
                CountIndex(pair_keys, pair_counts, pair_file),
                CountIndex(triple_keys, triple_counts, triple_file),
            )
            object.__setattr__(data, "_count_arrays", cached)
        return cached


def expect_long_scan(data: LanguageData) -> None:
    """Tell the pair and triple look-ups that this process will scan a long input
    (``CountIndex.expect_many``): their cached tables are then read into memory at once."""
    arrays = CountArrays.of(data)
    arrays.pairs.expect_many()
    arrays.triples.expect_many()


def _with_zero_after(values: list[int]) -> np.ndarray:
    """``values`` as float64 and a 0 after them (the entry UNKNOWN, -1, reads): read
    straight from the list in C, about twice as fast as assigning the list to a slice
    (200,000 counts a list, converted at every start)."""
    return np.fromiter(chain(values, (0,)), np.float64, len(values) + 1)


class ContextScorer:
    """log P(window with a word in the middle) for arrays of words and windows."""

    def __init__(self, data: LanguageData) -> None:
        self.arrays = CountArrays.of(data)

    def pair_count(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """How often b followed a; 0 where either is unknown or missing.

        Every item's key is looked up, a missing or unknown one's too: a negative id sets
        the key's top bits, which no stored key has (ids fit in ``PAIR_SHIFT`` bits), so it
        reads 0 like any pair the corpus never printed. That is cheaper than picking the
        valid items out first and putting their counts back (they are nearly all valid)."""
        key = a.astype(np.uint64)
        key <<= np.uint64(PAIR_SHIFT)
        key |= b.astype(np.uint64)
        return self.arrays.pairs.look_up(key)

    def unigram(self, word: np.ndarray) -> np.ndarray:
        return (self.arrays.counts[word] + 0.5) / self.arrays.total

    def _pair_probability(self, first: np.ndarray, second: np.ndarray,
                          pair: np.ndarray) -> np.ndarray:
        """P(second | first) interpolated with the unigram (``Suggester._pair_probability``),
        from the pair's count."""
        return (PAIR_WEIGHT * pair / np.maximum(self.arrays.counts[first], 1)
                + (1 - PAIR_WEIGHT) * self.unigram(second))

    def window_logp(self, words: np.ndarray, rows: np.ndarray, left2: np.ndarray,
                    left: np.ndarray, right: np.ndarray, right2: np.ndarray,
                    kinds: np.ndarray | None = None) -> np.ndarray:
        """``Suggester.window_logp`` for each word in ``words`` in the window of position
        ``rows[k]`` (the window arrays hold one entry a position): the trigram terms ending at
        the word, at the next item and at the one after, stopping at the first missing item.

        Look-ups that depend only on the window (the pairs left of and right of the word)
        are made once a position, not once a word weighed there. With ``kinds`` (one a
        position; rows must then be in order, each position's words together, and positions
        of the same kind must weigh the same words in the same order) the pairs of a word
        with its left or right neighbour are looked up once per distinct neighbour and kind:
        in running text "of the", "in the" recur, so that halves the largest look-ups.

        The arithmetic is ``Suggester._pair_probability`` and ``_triple_probability``'s,
        element for element; what depends on the position alone (its neighbours' counts,
        which terms apply) is worked out once a position and gathered, and a word's count
        is read once."""
        counts = self.arrays.counts
        has_left, has_right = left != NONE, right != NONE
        has_right2 = has_right & (right2 != NONE)
        before = self.pair_count(left2, left)  # (two before, one before)
        after_pair = self.pair_count(right, right2)  # (one after, two after)
        lft, r = left[rows], right[rows]
        hl, hr, hr2 = has_left[rows], has_right[rows], has_right2[rows]

        if kinds is None:
            left_pair = self.pair_count(lft, words)
            right_pair = self.pair_count(words, r)
        else:
            shared = _SharedRows(rows, kinds)
            left_pair = shared.spread(lambda keep: self.pair_count(lft[keep], words[keep]), left)
            right_pair = shared.spread(lambda keep: self.pair_count(words[keep], r[keep]), right)
        word_count = counts[words]
        unigram = (word_count + 0.5) / self.arrays.total  # ``self.unigram(words)``
        left_seen = left_pair > 0
        right_seen = right_pair > 0

        # P(word | two before, one before), or P(word) with nothing before it.
        p_left = (PAIR_WEIGHT * left_pair / np.maximum(counts[left], 1)[rows]
                  + (1 - PAIR_WEIGHT) * unigram)
        use = (has_left & (left2 != NONE) & (before > 0))[rows]
        p_left = self._triple_term(p_left, use, np.maximum(before, 1)[rows], use & left_seen,
                                   (left2, left, words), words, rows)
        logp = np.log(np.where(hl, p_left, unigram))

        # P(one after | one before, word), where there is an item after.
        p_right = (PAIR_WEIGHT * right_pair / np.maximum(word_count, 1)
                   + (1 - PAIR_WEIGHT) * self.unigram(right)[rows])
        use = hr & hl & left_seen
        p_right = self._triple_term(p_right, use, np.maximum(left_pair, 1), use & right_seen,
                                    (left, words, right), words, rows)
        logp += np.log(np.where(hr, p_right, 1.0))  # (log 1 = 0: nothing added)

        # P(two after | word, one after), where there are two items after.
        p_after = self._pair_probability(right, right2, after_pair)[rows]
        use = hr2 & right_seen
        p_after = self._triple_term(p_after, use, np.maximum(right_pair, 1),
                                    use & (after_pair > 0)[rows], (words, right, right2),
                                    words, rows)
        logp += np.log(np.where(hr2, p_after, 1.0))
        return logp

    def _triple_term(self, p_pair: np.ndarray, use: np.ndarray, divisor: np.ndarray,
                     look: np.ndarray, items: tuple[np.ndarray, np.ndarray, np.ndarray],
                     words: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """``Suggester._triple_probability`` given its pair estimate ``p_pair``: which rows
        ``use`` the triple estimate, the count of its first pair each row divides by (at
        least 1), and which rows must ``look`` the triple up. A triple is looked up only
        where both its pairs were seen, since every stored triple's pairs are stored too (a
        pair is counted at every place its triple is, and kept at a lower count): most
        look-ups of a text are for confusions in windows the corpus never printed, so this
        skips most of them. ``items`` are the triple's three items, one a position, but for
        ``words`` (the word weighed, one a row) in its place: each is read only for the rows
        looked up. A row with an unknown or missing item reads 0, as its key has top bits no
        stored key has (``pair_count``): the 0 it would get unasked."""
        triple = np.zeros(len(p_pair))
        at = np.flatnonzero(look)
        if len(at):
            places = rows[at]
            first, second, third = (words[at] if part is words else part[places]
                                    for part in items)
            shift = np.uint64(TRIPLE_SHIFT)
            key = first.astype(np.uint64) << (shift + shift)
            key |= second.astype(np.uint64) << shift
            key |= third.astype(np.uint64)
            triple[at] = self.arrays.triples.look_up(key)
        return np.where(use, TRIPLE_WEIGHT * triple / divisor + (1 - TRIPLE_WEIGHT) * p_pair,
                        p_pair)


class _SharedRows:
    """Positions weighing the same words (same kind) beside the same neighbour share their
    pair counts: the counts are looked up for the first such position and copied."""

    def __init__(self, rows: np.ndarray, kinds: np.ndarray) -> None:
        self.rows = rows
        self.kinds = kinds
        self.row_start = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        self.within = np.arange(len(rows)) - self.row_start[rows]

    def spread(self, count: Callable[[np.ndarray], np.ndarray],
               neighbour: np.ndarray) -> np.ndarray:
        """``count(keep)`` (pair counts of the hypotheses at the row indexes ``keep``) for
        every hypothesis, computed only for the first position of each (neighbour, kind)."""
        kinds = self.kinds
        combined = (neighbour - NONE) * (int(kinds.max()) + 1) + kinds
        _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
        leader = np.zeros(len(kinds), dtype=bool)
        leader[first] = True
        keep = np.flatnonzero(leader[self.rows])
        counts = np.empty(len(self.rows))
        counts[keep] = count(keep)
        # Each row reads its leader position's row of the same hypothesis (a leader's own).
        source = self.row_start[first[inverse.ravel()]][self.rows]
        source += self.within
        return counts[source]


def item_ids(data: LanguageData, items: list[str | None]) -> np.ndarray:
    """Ids for window items: the word id, UNKNOWN for an uncounted word, NONE for None."""
    # Each distinct item is looked up once (a text repeats its words and markers), then
    # the items are mapped in one C-level pass.
    get = data.ids.get
    found: dict[str | None, int] = {item: get(item, UNKNOWN) for item in set(items)
                                    if item is not None}
    found[None] = NONE
    return np.fromiter(map(found.__getitem__, items), dtype=np.int64, count=len(items))
