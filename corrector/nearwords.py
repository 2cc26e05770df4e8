"""The words of a fixed list within a few plain edits of a printed word, found fast.

The suggester scans the period's frequent and common words for each new word type a text
prints that no list knows (a name, a rare word, a misreading): a rapidfuzz scan of every
listed word of about the right length costs some tens of nanoseconds a word, thousands of
words a look-up, and on period books it was the largest single cost of suggesting.

Two words a few edits apart have nearly the same letters. Each word's letters are kept as
a 64-bit signature (which letters it has once, which twice), and the letters one word has
that the other lacks bound the edit distance from below: numpy compares the printed word's
signature with the whole list at once, and rapidfuzz measures only the twentieth or so of
the words the bound lets through. The words found are exactly those the plain scan finds.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

# Letters a-z have a bit each; any other character shares one of the six bits left over.
_LETTERS = 26
_OTHER_BITS = 6
_SECOND = 32  # the bit of a letter's second occurrence is its first's plus this


def _bucket(code: int) -> int:
    """The signature bit (of a first occurrence) a character with code ``code`` sets."""
    return code - 97 if 97 <= code <= 122 else _LETTERS + code % _OTHER_BITS


def signature(word: str) -> int:
    """Which letters ``word`` has at least once and at least twice, as a 64-bit integer.

    For words ``a`` and ``b``, the bits ``a`` sets that ``b`` does not count letters ``a``
    has more often than ``b`` (up to two of each): each plain edit removes at most one such
    surplus, so the count is at most the edit distance. (Characters sharing a bit only make
    the count smaller, so it stays a lower bound.)"""
    seen = 0
    for char in word:
        bit = 1 << _bucket(ord(char))
        seen |= bit << _SECOND if seen & bit else bit
    return seen


def signatures(words: Sequence[str]) -> np.ndarray:
    """``signature`` of each of ``words`` (uint64), computed with numpy a letter place at a
    time: a list of twenty thousand words takes milliseconds, not a tenth of a second."""
    out = np.zeros(len(words), dtype=np.uint64)
    if not words:
        return out
    codes = np.array(words, dtype=str).view(np.uint32).reshape(len(words), -1)
    buckets = np.where((codes >= 97) & (codes <= 122), codes.astype(np.int64) - 97,
                       _LETTERS + codes % _OTHER_BITS).astype(np.uint64)
    one = np.uint64(1)
    for place in range(codes.shape[1]):
        present = codes[:, place] != 0  # (a shorter word is padded with zeros)
        bit = np.where(present, one << buckets[:, place], np.uint64(0))
        out |= np.where(out & bit, bit << np.uint64(_SECOND), bit)
    return out


def _popcount(values: np.ndarray) -> np.ndarray:
    """Set bits of each uint64 (``np.bitwise_count`` where numpy has it, numpy >= 2)."""
    counter = getattr(np, "bitwise_count", None)
    if counter is not None:
        return counter(values)
    table = np.array([bin(k).count("1") for k in range(256)], dtype=np.uint8)
    return table[values.view(np.uint8)].reshape(len(values), 8).sum(axis=1)


class NearWords:
    """A word list, ordered by length, that answers ``within``."""

    def __init__(self, words: Sequence[str]) -> None:
        ordered = sorted(words, key=len)
        self._words = np.array(ordered, dtype=object)
        self._lengths = np.array([len(word) for word in ordered], dtype=np.int64)
        self._signatures: np.ndarray | None = None  # worked out at the first look-up

    def __len__(self) -> int:
        return len(self._words)

    def within(self, printed: str, limit: int) -> list[str]:
        """The listed words (``printed`` too, if listed) at most ``limit`` plain edits from
        ``printed``: the words of length within ``limit`` of its length whose signatures
        allow it, then measured by rapidfuzz."""
        start = int(np.searchsorted(self._lengths, max(1, len(printed) - limit), "left"))
        end = int(np.searchsorted(self._lengths, len(printed) + limit, "right"))
        if start >= end:
            return []
        if self._signatures is None:
            self._signatures = signatures(self._words.tolist())
        mine = np.uint64(signature(printed))
        theirs = self._signatures[start:end]
        allowed = ((_popcount(theirs & ~mine) <= limit)
                   & (_popcount(mine & ~theirs) <= limit))
        near = self._words[start:end][allowed].tolist()
        return [word for word, _, _ in process.extract(
            printed, near, scorer=Levenshtein.distance, score_cutoff=limit, limit=None)]
