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
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

if TYPE_CHECKING:
    import numpy as np

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
    import numpy as np

    out = np.zeros(len(words), dtype=np.uint64)
    if not words:
        return out
    # The words longest last, so that each letter place is worked for the words that
    # reach it only, a tail of the rows (most words are far shorter than the longest).
    lengths = np.fromiter(map(len, words), np.int64, len(words))
    order = np.argsort(lengths, kind="stable")
    codes = np.array(words, dtype=str).view(np.uint32).reshape(len(words), -1)[order]
    reach = np.searchsorted(lengths[order], np.arange(codes.shape[1]), "right")
    ordered = np.zeros(len(words), dtype=np.uint64)
    one, second = np.uint64(1), np.uint64(_SECOND)
    for place, first in enumerate(reach.tolist()):
        letters = codes[first:, place]
        bit = one << np.where((letters >= 97) & (letters <= 122), letters - 97,
                              _LETTERS + letters % _OTHER_BITS).astype(np.uint64)
        signed = ordered[first:]
        signed |= np.where(signed & bit, bit << second, bit)
    out[order] = ordered
    return out


def _popcount(values: np.ndarray) -> np.ndarray:
    """Set bits of each uint64 (``np.bitwise_count`` where numpy has it, numpy >= 2)."""
    import numpy as np

    counter = getattr(np, "bitwise_count", None)
    if counter is not None:
        return counter(values)
    table = np.array([bin(k).count("1") for k in range(256)], dtype=np.uint8)
    return table[values.view(np.uint8)].reshape(len(values), 8).sum(axis=1)


class NearWords:
    """A word list that answers ``within``. Its arrays (the words ordered by length, their
    lengths and signatures) are made at the first look-up, not when the model loads: a
    one-page check may never need them, nor numpy so early."""

    def __init__(self, words: Sequence[str]) -> None:
        self._listed = words
        self._arrays: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def _made(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(words ordered by length, their lengths, their signatures), made once."""
        if self._arrays is None:
            import numpy as np

            ordered = sorted(self._listed, key=len)
            self._arrays = (np.array(ordered, dtype=object),
                            np.array([len(word) for word in ordered], dtype=np.int64),
                            signatures(ordered))
        return self._arrays

    def within(self, printed: str, limit: int) -> list[str]:
        """The listed words (``printed`` too, if listed) at most ``limit`` plain edits from
        ``printed``: the words of length within ``limit`` of its length whose signatures
        allow it, then measured by rapidfuzz."""
        import numpy as np

        words, lengths, signed = self._made()
        start = int(np.searchsorted(lengths, max(1, len(printed) - limit), "left"))
        end = int(np.searchsorted(lengths, len(printed) + limit, "right"))
        if start >= end:
            return []
        mine = np.uint64(signature(printed))
        theirs = signed[start:end]
        allowed = ((_popcount(theirs & ~mine) <= limit)
                   & (_popcount(mine & ~theirs) <= limit))
        near = words[start:end][allowed].tolist()
        return [word for word, _, _ in process.extract(
            printed, near, scorer=Levenshtein.distance, score_cutoff=limit, limit=None)]
