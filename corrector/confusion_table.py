"""Every period word's confusion set, worked out once when the data is built.

The real-word detector asks, for each word of a text, which period words it is a cheap OCR
misreading of (``ErrorModel.confusions`` filtered to words the period printed often). Worked
out at run time that is a few hundred edit trials a word: about a tenth of a second for the
few hundred distinct words of one page, which is a quarter of what a one-page ``corrector
check`` is allowed, and the first minutes of every archive scan. The answer depends only
on the language data, the error model and two thresholds, so ``corrector wordlists build``
(or ``wordlists confusions``) stores it for every vocabulary word in ``confusions.bin``, and
a scan reads a word's set with one look-up in the memory-mapped file.

The file carries a fingerprint of everything the sets were worked out from. A table that
no longer matches (the error model relearned, a threshold tuned) is not used: the sets are
then worked out at run time as before, so a stale file costs speed, never a wrong finding.
"""

from __future__ import annotations

import hashlib
import mmap
import sys
from array import array
from collections.abc import Callable, Container, Sequence
from pathlib import Path

from corrector.atomic import write_bytes
from corrector.errormodel import ErrorModel
from corrector.langdata import LanguageData

TABLE_FILE = "confusions.bin"
FORMAT = 1
HEADER = 56  # format, vocabulary size, entries (3 × uint64), then a sha-256 fingerprint

Confusions = list[tuple[str, float]]


def fingerprint(data: LanguageData, errors: ErrorModel, max_cost: float, min_count: int) -> bytes:
    """A digest of everything a confusion set depends on."""
    digest = hashlib.sha256()
    for part in (FORMAT, sorted(data.meta.items()), len(data.vocab), data.total_tokens,
                 len(data.delete_keys), sorted(errors.edits.items()), max_cost, min_count):
        digest.update(repr(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.digest()


class _PrintedAtLeast(Container[str]):
    """Words the corpus printed at least ``times`` times, tested by count: for the few words
    a scan works out itself, cheaper than hashing the whole vocabulary into a set first."""

    def __init__(self, data: LanguageData, times: int) -> None:
        self._count, self._times = data.count, times

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._count(word) >= self._times


def compute(data: LanguageData, errors: ErrorModel, word: str, max_cost: float,
            min_count: int, printed: Container[str] | None = None) -> Confusions:
    """The period words printed at least ``min_count`` times that ``word`` is an OCR
    misreading of at an error-model cost of at most ``max_cost``, in the order the error
    model found them. ``printed`` is those words as a set, when the caller has one."""
    vocab = data.vocab
    printed = printed if printed is not None else _PrintedAtLeast(data, min_count)

    def one_letter_more(form: str) -> list[str]:
        return [vocab[i] for i in data.words_sharing_deletion(form)]

    found = errors.confusions(word, max_cost, printed, one_letter_more)
    return [(c, cost) for c, cost in found.items() if data.count(c) >= min_count]


class ConfusionTable:
    """The stored confusion sets: word id -> (confusion ids, costs), memory-mapped."""

    def __init__(self, offsets: Sequence[int], ids: Sequence[int], costs: Sequence[float],
                 digest: bytes) -> None:
        self._offsets, self._ids, self._costs = offsets, ids, costs
        self.digest = digest
        self.words = len(offsets) - 1

    def arrays(self, word_id: int) -> tuple[Sequence[int], Sequence[float]]:
        """The confusion ids and costs of ``word_id`` as slices of the mapped file, in
        ``get``'s order: for callers that want ids, not words (numpy reads them directly)."""
        start, end = self._offsets[word_id], self._offsets[word_id + 1]
        return self._ids[start:end], self._costs[start:end]

    def size(self, word_id: int) -> int:
        """How many confusions ``word_id`` has (``get``'s length, read from the offsets)."""
        return self._offsets[word_id + 1] - self._offsets[word_id]

    def views(self):
        """The whole table as numpy views of the mapped file: offsets (uint32, one a word
        and one past the last), confusion ids (uint32) and costs (float64)."""
        import numpy as np  # (not at import: a one-page check may never ask)

        views = self.__dict__.get("_all_views")
        if views is None:
            views = self._all_views = (np.frombuffer(self._offsets, dtype=np.uint32),
                                       *self._row_views())
        return views

    def _row_views(self):
        """The confusion ids (uint32) and costs (float64) as numpy views, made once."""
        import numpy as np

        views = self.__dict__.get("_views")
        if views is None:
            views = self._views = (np.frombuffer(self._ids, dtype=np.uint32),
                                   np.frombuffer(self._costs, dtype=np.float64))
        return views

    def rows(self, word_id: int):
        """``word_id`` and its confusion ids (int64), and 0 and their costs (float64): the
        rows the real-word detector weighs, as new numpy arrays (``arrays`` with the
        word itself first), cut from whole-table views in one copy each."""
        import numpy as np  # (not at import: a one-page check may never ask)

        ids, costs = self._row_views()
        start, end = self._offsets[word_id], self._offsets[word_id + 1]
        if start:  # the entry before stands in for the word's own, then is overwritten
            words, weights = ids[start - 1 : end].astype(np.int64), costs[start - 1 : end].copy()
        else:
            words = np.concatenate([[0], ids[start:end]]).astype(np.int64)
            weights = np.concatenate([[0.0], costs[start:end]])
        words[0] = word_id
        weights[0] = 0.0
        return words, weights

    def get(self, word_id: int, vocab: Sequence[str]) -> Confusions:
        start, end = self._offsets[word_id], self._offsets[word_id + 1]
        return list(zip(map(vocab.__getitem__, self._ids[start:end]), self._costs[start:end]))


def write(directory: Path, data: LanguageData, errors: ErrorModel, max_cost: float,
          min_count: int, progress: Callable[[int, int], None] | None = None) -> int:
    """Work out and store the confusion set of every vocabulary word; returns the number of
    (word, confusion) entries."""
    offsets, ids, costs = array("I", [0]), array("I"), array("d")
    printed = data.words_printed_at_least(min_count)
    known_ids = data.ids
    for n, word in enumerate(data.vocab):
        for confusion, cost in compute(data, errors, word, max_cost, min_count, printed):
            ids.append(known_ids[confusion])
            costs.append(cost)
        offsets.append(len(ids))
        if progress and n % 5000 == 0:
            progress(n, len(data.vocab))
    header = array("Q", [FORMAT, len(data.vocab), len(ids)])
    parts = [header, offsets, ids, costs]
    if sys.byteorder != "little":  # pragma: no cover - the files are little-endian
        for part in parts:
            part.byteswap()
    blob = (header.tobytes() + fingerprint(data, errors, max_cost, min_count)
            + offsets.tobytes() + ids.tobytes() + costs.tobytes())
    write_bytes(directory / TABLE_FILE, blob)
    return len(ids)


def load(directory: Path) -> ConfusionTable | None:
    """The stored table, or None when there is none (or it cannot be read: the sets are
    then worked out at run time)."""
    path = directory / TABLE_FILE
    try:
        with path.open("rb") as fh:
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    view = memoryview(mapped)
    if len(view) < HEADER:
        return None
    form, words, entries = (int.from_bytes(view[i : i + 8], "little") for i in (0, 8, 16))
    sizes = 4 * (words + 1), 4 * entries, 8 * entries
    if form != FORMAT or len(view) != HEADER + sum(sizes):
        return None
    at = HEADER
    parts = []
    for size, kind in zip(sizes, "IId"):
        part = view[at : at + size].cast(kind)
        if sys.byteorder != "little":  # pragma: no cover
            part = array(kind, part)
            part.byteswap()
        parts.append(part)
        at += size
    return ConfusionTable(*parts, digest=bytes(view[24:HEADER]))
