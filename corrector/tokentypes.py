"""A text's tokens grouped by type (their look-up form), as arrays, for type-first detection.

A book of 100,000 words uses only 10,000-15,000 distinct words, and most of what a detector
asks of a token depends on the word alone: is it a period word, has it cheap confusions,
could it be a misread print form. Asked per token in Python, those questions are most of a
scan's time. Here each token gets the index of its type (its ``norm``), and the per-token
facts the answers also depend on (shape, a line-end join, a full stop after it) become
boolean arrays; a detector decides per type, gathers the verdicts to tokens with one numpy
index, and visits in Python only the few tokens whose verdict says they may matter.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from operator import is_, itemgetter
from typing import TYPE_CHECKING, Any

import numpy as np

from corrector.tokens import Shape
from corrector.wordmemo import MEMO_SIZE

if TYPE_CHECKING:
    from corrector.tokens import Token

_LETTER_MEMOS: dict[Callable[[str], bool], TypeAnswers] = {}
# Every norm seen by this process -> its id there, so that answers about word types kept
# across texts (``TypeAnswers``) are arrays indexed by that id. Renumbered from scratch,
# and every kept answer forgotten, past ``MEMO_SIZE`` norms (the generation counts that).
_TYPE_IDS: defaultdict[str, int] = defaultdict()
_TYPE_IDS.default_factory = _TYPE_IDS.__len__
_GENERATION = [0]
_TYPE_IDS_LOCK = threading.Lock()
_NORM = itemgetter(3)
_END = itemgetter(2)
_SHAPE = itemgetter(4)
_LINE_BROKEN = itemgetter(5)
_FULL_STOP = ord(".")


class TypeAnswers:
    """A yes/no answer about each word type, kept across texts for one question: an array
    indexed by the type's process-wide id (-1 where not asked yet), so ``per_type`` reads
    a text's answers with one numpy gather instead of a dict look-up a type."""

    dtype: type = np.int8

    def __init__(self) -> None:
        self.generation = -1
        self.values = np.empty(0, dtype=self.dtype)
        # Held while answers are read, asked and stored (and, for ``TypeEntries``, while
        # their entries are read): threads of one process (a Dask worker's) share these.
        self.lock = threading.RLock()

    def ready(self, generation: int, size: int) -> np.ndarray:
        """The answers, room made for ``size`` type ids, all forgotten when the ids were
        renumbered since (a new ``generation``)."""
        if self.generation != generation:
            self.generation, self.values = generation, np.empty(0, dtype=self.dtype)
            self.forget()
        if len(self.values) < size:
            grown = np.full(max(size, 2 * len(self.values)), -1, dtype=self.dtype)
            grown[: len(self.values)] = self.values
            self.values = grown
        return self.values

    def forget(self) -> None:
        """Drop whatever the answers point to (nothing here)."""


class TypeEntries(TypeAnswers):
    """``TypeAnswers`` whose answer is an index into ``entries`` (any object kept per
    type), or another negative number than -1 for "none". With ``keep``, ``kept`` is a
    ``keep()`` for what the entries point into, made anew whenever they are forgotten."""

    dtype = np.int32

    def __init__(self, keep: Callable[[], Any] | None = None) -> None:
        self.keep = keep
        self.entries: list = []
        self.kept: Any = keep() if keep is not None else None
        super().__init__()

    def forget(self) -> None:
        self.entries = []
        self.kept = self.keep() if self.keep is not None else None


class TypeValues(TypeAnswers):
    """``TypeAnswers`` whose answer is a number of 0 or more for each type (-1: not
    asked yet), for ``TokenTypes.per_type_values``."""

    dtype = np.int64


def _room(ids: np.ndarray) -> int:
    """How many type ids an answer array needs for ``ids``: taken from the ids themselves,
    not from the table, which another thread may have renumbered since."""
    return int(ids.max()) + 1 if len(ids) else 0


def sorted_distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` for a one-dimensional integer array: its distinct values in
    ascending order. (``np.unique`` without indexes or counts asks ``np.ma`` whether the
    array is masked, and the first such call imports numpy.ma: 8 ms of every process.)"""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    first = np.empty(len(ordered), dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return ordered[first]


@dataclass(frozen=True)
class TokenTypes:
    """Per-token arrays (one entry a token) and per-type lists (one entry a distinct norm)."""

    norms: list[str]  # the distinct norms, in order of first appearance
    of_token: np.ndarray  # int64: each token's index into ``norms``
    word: np.ndarray  # bool: shape is Shape.WORD
    mixed: np.ndarray  # bool: shape is Shape.MIXED
    line_broken: np.ndarray  # bool: joined across a line-end hyphen
    stop_after: np.ndarray  # bool: a full stop follows the token in the text

    @classmethod
    def of(cls, text: str, tokens: list[Token]) -> TokenTypes:
        """The arrays for ``tokens`` of ``text``; every pass over the tokens runs in C."""
        n = len(tokens)
        index: defaultdict[str, int] = defaultdict()
        index.default_factory = index.__len__  # a new norm gets the next index
        of_token = np.fromiter(map(index.__getitem__, map(_NORM, tokens)), np.int64, n)
        index.default_factory = None  # the index no longer refers to itself: freed at once
        shapes = list(map(_SHAPE, tokens))
        word = np.fromiter(map(is_, shapes, repeat(Shape.WORD)), bool, n)
        mixed = np.fromiter(map(is_, shapes, repeat(Shape.MIXED)), bool, n)
        line_broken = np.fromiter(map(_LINE_BROKEN, tokens), bool, n)
        ends = np.fromiter(map(_END, tokens), np.int64, n)
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        inside = ends < len(codes)
        stop_after = np.zeros(n, dtype=bool)
        stop_after[inside] = codes[ends[inside]] == _FULL_STOP
        return cls(list(index), of_token, word, mixed, line_broken, stop_after)

    def per_type(self, test: Callable[[str], bool],
                 memo: TypeAnswers | None = None) -> np.ndarray:
        """``test(norm)`` for every type, as a boolean array indexed by type; with ``memo``
        answers are read from it and new ones stored there (``_per_type_kept``)."""
        norms = self.norms
        if memo is None:
            return np.fromiter(map(test, norms), bool, len(norms))
        return self._per_type_kept(test, memo)

    def _per_type_kept(self, test: Callable[[str], bool], memo: TypeAnswers) -> np.ndarray:
        """``per_type`` with answers kept in ``memo`` (``per_type_values``, 1 for yes):
        gathered by type id, and only the types never asked before tested."""
        norms = self.norms

        def answers(new: np.ndarray) -> np.ndarray:
            return np.fromiter(map(test, map(norms.__getitem__, new.tolist())), bool,
                               len(new))

        return self.per_type_values(answers, memo) == 1

    def per_type_and_stop(self, keys: np.ndarray, answer: Callable[[int], bool],
                          memo: TypeAnswers) -> np.ndarray:
        """Kept yes/no answers for ``keys`` (each a type's index * 2 + whether a full stop
        follows, as ``keys`` of the detectors), as a boolean array beside ``keys``:
        ``answer(n)`` is asked for ``keys[n]`` only when no text asked it before."""
        return self.kept_per_key(keys, answer, memo) == 1

    def kept_per_key(self, keys: np.ndarray, answer: Callable[[int], int],
                     memo: TypeAnswers) -> np.ndarray:
        """``per_type_and_stop``'s kept answers as they are stored (0/1, or the entry
        indexes of a ``TypeEntries``), for ``keys``."""
        generation, ids = self.type_ids()
        with memo.lock:
            values = memo.ready(generation, 2 * _room(ids))
            kept_keys = ids[keys >> 1] * 2 + (keys & 1)
            got = values[kept_keys]
            new = np.flatnonzero(got == -1)
            if len(new):
                answers = np.fromiter(map(answer, new.tolist()), memo.dtype, len(new))
                got[new] = answers
                values[kept_keys[new]] = answers
        return got

    def per_type_values(self, compute: Callable[[np.ndarray], np.ndarray],
                        memo: TypeAnswers) -> np.ndarray:
        """A number of 0 or more for every type (indexed by type, in ``memo``'s dtype: int64
        for a ``TypeValues``), kept in ``memo`` by type id: ``compute(types)`` gives the
        numbers of the types (indexes) no text asked before, all at once."""
        generation, ids = self.type_ids()
        with memo.lock:
            values = memo.ready(generation, _room(ids))
            got = values[ids]
            new = np.flatnonzero(got < 0)
            if len(new):
                found = compute(new)
                got[new] = found
                values[ids[new]] = found
        return got

    def type_ids(self) -> tuple[int, np.ndarray]:
        """(generation, each type's process-wide id), numbered on first need; numbered
        again when the ids were renumbered since."""
        known = self.__dict__.get("_type_ids")
        if known is not None and known[0] == _GENERATION[0]:
            return known
        with _TYPE_IDS_LOCK:
            if len(_TYPE_IDS) > MEMO_SIZE:
                _TYPE_IDS.clear()
                _GENERATION[0] += 1
            ids = np.fromiter(map(_TYPE_IDS.__getitem__, self.norms), np.int64,
                              len(self.norms))
            known = self.__dict__["_type_ids"] = (_GENERATION[0], ids)
        return known

    def per_word_test(self, test: Callable[[str], bool]) -> np.ndarray:
        """``per_type`` for a test of the word's letters alone (no model): a module-level
        function, whose answers are kept for the process (bounded by ``MEMO_SIZE``)."""
        memo = _LETTER_MEMOS.get(test)
        if memo is None:
            memo = _LETTER_MEMOS[test] = TypeAnswers()
        return self.per_type(test, memo)

    @cached_property
    def lengths(self) -> np.ndarray:
        """Each type's length in characters."""
        return np.fromiter(map(len, self.norms), np.int64, len(self.norms))
