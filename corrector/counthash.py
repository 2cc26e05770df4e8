"""Pair and triple counts found by hashing instead of binary search, for long scans.

A scan asks the counts of a few dozen word pairs and triples a word: millions of look-ups in
sorted arrays of millions of keys. A binary search is some twenty dependent steps into
memory far larger than the processor's caches, and a batch of them must be sorted first to
walk memory in order. A hash table finds nearly every key in its first slot: one random
read a look-up, done for a whole batch with a few numpy gathers.

The table is open addressing with linear probing, one uint64 a slot holding the key in its
low bits and its count above them (so a hit costs one read, not a second one for the
count); an empty slot is 0 (a stored count is never 0). A count too large for the bits left
over is marked with the largest value that fits and read from a small sorted side table.
The table has at least three slots a key, so probes are short: the longest run is a few
slots, checked in as many rounds over the keys still unresolved.

Building a table takes a few tenths of a second and 64 MB for the present data: too much for
a one-page check, which keeps the binary search (``CountIndex``), and worth it only once a
process has asked enough look-ups. A built table is kept in the user's cache folder, keyed by
the counts file it was built from (path, size, modification time), and memory-mapped by
later processes, which read it into memory of their own instead once they have asked
millions of look-ups (look-ups into the mapped file measured about 1.7 times slower than
into the same table in anonymous memory), or at once when told that the scan is long
(``CountIndex.expect_many``); when that folder cannot be written the table lives in
memory only. A table read back is checked on
a sample of stored keys first, so a damaged or stale file is rebuilt, never believed.
"""

from __future__ import annotations

import contextlib
import hashlib
import mmap
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corrector.tokentypes import sorted_distinct

HASH_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying is a bijection of uint64
MIN_SLOTS_PER_KEY = 3  # keeps the runs of linear probing short
MIN_COUNT_BITS = 8  # fewer bits left for the count than this: keys too wide to hash
FORMAT = 1
MAGIC = b"corrector-counthash\n"
HEADER_WORDS = 7  # format, slot bits, key bits, slots, overflow entries, source keys, stamp
SELF_CHECK_KEYS = 1024
# Read a cached table once a process has asked this many look-ups of one kind (a few
# pages: reading and checking it costs what some 200,000 binary searches save), and build
# one when none is cached after this many (about ten thousand words). A one-page check
# stays below both and never touches a table.
READ_AFTER_LOOKUPS = 50_000
HASH_AFTER_LOOKUPS = 300_000
# Tables kept in the cache folder: the pairs and triples of two data folders.
MAX_CACHED_TABLES = 4
# Look-ups into a table mapped from the cache file measured about 1.7 times slower than
# into the same table in the process's own memory (both with every page touched). Past
# this many look-ups of a kind (about 100,000 words) the table is read into memory of its
# own: reading it costs about what a million look-ups then save.
COPY_AFTER_LOOKUPS = 2_000_000


@dataclass(frozen=True)
class HashTable:
    """A key -> count table over the same keys and counts as a sorted pair of arrays."""

    slots: np.ndarray  # uint64: key | count << key_bits, 0 where empty
    slot_bits: int  # a key's home slot is the top slot_bits bits of its hash
    key_bits: int
    overflow_keys: np.ndarray  # sorted uint64: keys whose count is too large for a slot
    overflow_counts: np.ndarray  # their counts
    mapped: bool = False  # the slots are a mapping of the cache file (``read``)

    def look_up(self, asked: np.ndarray) -> np.ndarray:
        """The count of each key in ``asked`` (uint64), 0 for a key not in the table, as
        float64: the same figures as a binary search in the sorted keys.

        The first round reads every key's home slot and settles most of them; the later
        rounds, one slot further each, see only the keys still unsettled (a few in ten)."""
        if not len(asked):
            return np.zeros(0)
        key_bits = np.uint64(self.key_bits)
        key_mask = np.uint64((1 << self.key_bits) - 1)
        slot = home_slots(asked, self.slot_bits)
        held = self.slots[slot]
        hit = (held & key_mask) == asked
        # (The counts of the whole round at once, zeroed where the key missed: cheaper
        # than picking out the hits and putting their counts back.)
        counts = held >> key_bits
        counts *= hit
        found = counts.astype(np.float64)
        # A run of occupied slots ends at an empty one: a key not met before it is absent.
        going = held != 0
        going &= ~hit
        active = np.flatnonzero(going)
        slot, wanted = slot[active] + 1, asked[active]
        while active.size:
            held = self.slots[slot]
            hit = (held & key_mask) == wanted
            found[active[hit]] = held[hit] >> key_bits
            going = ~hit & (held != 0)
            active, slot, wanted = active[going], slot[going] + 1, wanted[going]
        if len(self.overflow_keys):
            self._read_overflow(asked, found)
        return found

    def _read_overflow(self, asked: np.ndarray, found: np.ndarray) -> None:
        """Replace the marker count of the keys that overflowed by their true counts."""
        marked = np.flatnonzero(found == self.count_limit)
        if marked.size:
            at = np.searchsorted(self.overflow_keys, asked[marked])
            found[marked] = self.overflow_counts[at]

    @property
    def count_limit(self) -> int:
        """The largest count a slot holds; a larger one is marked with it."""
        return (1 << (64 - self.key_bits)) - 1


def home_slots(keys: np.ndarray, slot_bits: int) -> np.ndarray:
    """Each key's home slot: the top bits of a multiplicative hash (keys differing only in
    their low bits, as the pairs of one word do, land far apart)."""
    hashed = keys * HASH_MULTIPLIER
    hashed >>= np.uint64(64 - slot_bits)
    return hashed.view(np.int64)  # (below 2**63 after the shift: the same numbers)


def slot_bits_for(n: int) -> int:
    """The fewest bits giving at least ``MIN_SLOTS_PER_KEY`` slots a key."""
    return max(4, (MIN_SLOTS_PER_KEY * max(n, 1) - 1).bit_length())


def hashable(keys: np.ndarray) -> bool:
    """Whether sorted ``keys`` leave enough bits for counts in one uint64 slot (and are few
    enough for home slots of 32 bits, which ``build`` orders in two 16-bit passes)."""
    if not len(keys):
        return True
    return (64 - int(keys[-1]).bit_length() >= MIN_COUNT_BITS
            and slot_bits_for(len(keys)) <= 32)


def build(keys: np.ndarray, counts: np.ndarray) -> HashTable:
    """The table for sorted, distinct ``keys`` (uint64) and their ``counts``.

    Keys are placed in order of their home slot, each in the first free slot from its home
    on (a running maximum over the sorted order gives every key's slot at once): the layout
    linear probing would give, found without a loop over keys. The order is two stable
    radix passes over 16-bit halves of the home slot (numpy sorts 16-bit integers by
    radix), much faster than a general sort of millions of 64-bit keys."""
    keys = np.asarray(keys, dtype=np.uint64)
    counts = np.asarray(counts).astype(np.uint64)
    stored = counts > 0  # a count of 0 reads the same as a key not stored
    if not stored.all():
        keys, counts = keys[stored], counts[stored]
    key_bits = int(keys[-1]).bit_length() if len(keys) else 1
    slot_bits = slot_bits_for(len(keys))
    home = home_slots(keys, slot_bits)
    order = np.argsort((home & 0xFFFF).astype(np.uint16), kind="stable")
    order = order[np.argsort((home[order] >> 16).astype(np.uint16), kind="stable")]
    # Each key's place, worked out in place in one array (the build's peak memory matters
    # as much as its time): rank + the running maximum of (home - rank).
    place = home[order]
    del home
    rank = np.arange(len(keys))
    place -= rank
    np.maximum.accumulate(place, out=place)
    place += rank
    del rank
    # One empty slot past the last key ends every run: a probe never reads past the table.
    size = max(1 << slot_bits, int(place[-1]) + 1 if len(keys) else 0) + 1
    slots = _zeroed_slots(size)
    limit = np.uint64((1 << (64 - key_bits)) - 1)
    over = counts >= limit
    overflow_keys, overflow_counts = keys[over], counts[over].astype(np.float64)
    packed = np.minimum(counts, limit)  # (packed in key order, then moved with one gather)
    del counts
    packed <<= np.uint64(key_bits)
    packed |= keys
    slots[place] = packed[order]
    return HashTable(slots, slot_bits, key_bits, overflow_keys, overflow_counts)


def _zeroed_slots(size: int) -> np.ndarray:
    """``size`` zeroed uint64 in fresh anonymous memory, advised to use huge pages: the
    keys land all over tens of megabytes, and a fresh numpy array faulted in 4 KB at a
    time took several times longer to fill than this (measured: 0.04-0.14 s against
    0.01 s for 64 MB)."""
    try:
        memory = mmap.mmap(-1, 8 * size)
    except (OSError, ValueError):  # pragma: no cover - no anonymous mapping here
        return np.zeros(size, dtype=np.uint64)
    advise = getattr(memory, "madvise", None)
    huge = getattr(mmap, "MADV_HUGEPAGE", None)
    if advise is not None and huge is not None:
        with contextlib.suppress(OSError):  # refused: small pages then
            advise(huge)
    return np.frombuffer(memory, dtype=np.uint64)


# --- the cache on disk -------------------------------------------------------------------------


CACHE_OFF = "off"  # ``CORRECTOR_CACHE=off``: nothing is written to disk, tables are built


def cache_dir() -> Path | None:
    """``$CORRECTOR_CACHE``, else the platform's user cache folder, + ``corrector``; None
    when ``CORRECTOR_CACHE`` is ``off``: a user who may not or will not have 128 MB written
    outside the files they name (a shared machine, a small home quota) can say so, and
    pays about half a second per long run instead."""
    override = os.environ.get("CORRECTOR_CACHE")
    if override and override.strip().lower() == CACHE_OFF:
        return None
    if override:
        return Path(override)
    if sys.platform == "win32":  # pragma: no cover - the tests run on POSIX
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":  # pragma: no cover
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "corrector"


def cache_entry(source: Path, folder: Path | None = None) -> tuple[Path, int] | None:
    """Where the table for the counts file ``source`` is cached, and the stamp it must
    carry: the file is named by the counts file's path (so new data installed in the same
    place replaces its table instead of piling up beside it), the stamp is the counts
    file's size, modification time and inode (so a table of the data before is never
    read). None when the file cannot be examined or the cache is off."""
    folder = folder or cache_dir()
    if folder is None:
        return None
    try:
        stat = source.stat()
        where = str(source.resolve())
    except OSError:
        return None
    named = hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    stamp = hashlib.sha256(f"{FORMAT}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ino}"
                           .encode()).digest()
    return folder / f"{source.stem}-{named}.hash", int.from_bytes(
        stamp[:8], "little")


def load_or_build(keys: np.ndarray, counts: np.ndarray, path: Path | None,
                  stamp: int = 0, into_memory: bool = False) -> HashTable:
    """The table for ``keys``/``counts``: read from ``path`` when it holds a sound one with
    ``stamp`` (mapped, or ``into_memory``: ``read``), else built and (when the folder can
    be written) saved there for the next process."""
    if path is not None:
        table = read(path, keys, counts, stamp, into_memory)
        if table is not None:
            return table
    table = build(keys, counts)
    if path is not None and write(path, table, len(keys), stamp):
        prune(path.parent, keep=path)
    return table


def _mark_used(path: Path) -> None:
    """Date a table read back to now, so ``prune`` keeps the tables in use."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(folder: Path, keep: Path, most: int = MAX_CACHED_TABLES) -> None:
    """Delete all but the ``most`` latest-used tables in ``folder`` (``keep`` always
    stays). Each data folder a scan used (a virtual environment, a project's own data) left
    two tables of 64 MB there, and one that is gone would otherwise stay for good: the
    cache must not grow without end on a machine that installs corrector again and again."""
    try:
        tables = sorted(folder.glob("*.hash"), key=lambda t: t.stat().st_mtime, reverse=True)
    except OSError:  # (a table removed meanwhile by another process: try next time)
        return
    for table in [t for t in tables if t != keep][max(0, most - 1):]:
        with contextlib.suppress(OSError):
            table.unlink()


def write(path: Path, table: HashTable, source_keys: int, stamp: int = 0) -> bool:
    """Save ``table`` atomically (a temporary file renamed into place, so a reader sees a
    whole table or none); False, and nothing left behind, when that cannot be done."""
    header = np.array([FORMAT, table.slot_bits, table.key_bits, len(table.slots),
                       len(table.overflow_keys), source_keys, stamp], dtype="<u8")
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC)
            for array in (header, table.slots, table.overflow_keys, table.overflow_counts):
                little = array.dtype.newbyteorder("<")
                fh.write(np.ascontiguousarray(array, dtype=little).data)  # (no copy here)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        return False


def read(path: Path, keys: np.ndarray, counts: np.ndarray, stamp: int = 0,
         into_memory: bool = False) -> HashTable | None:
    """The table saved at ``path`` if it carries ``stamp``, is whole and gives the right
    counts for a sample of ``keys`` and of keys next to them; else None. Memory-mapped, or
    with ``into_memory`` read into memory of its own (``_zeroed_slots``), the file
    never mapped: a process that maps a table and then copies it would hold both."""
    try:
        with path.open("rb") as fh:
            if into_memory:
                table = _read_in(fh)
            else:
                table = _mapped(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError):  # missing, unreadable or empty
        return None
    if table is None or table[0] != stamp or table[1] != len(keys):
        return None
    if not agrees(table[2], keys, counts):
        return None
    _mark_used(path)
    return table[2]


def _header(head: bytes, length: int) -> tuple[int, ...] | None:
    """(slot bits, key bits, slots, overflow entries, source keys, stamp) from the start of
    a saved table of ``length`` bytes, if it is a table of this format and that length."""
    start = len(MAGIC)
    end = start + 8 * HEADER_WORDS
    if len(head) < end or head[:start] != MAGIC:
        return None
    fmt, slot_bits, key_bits, size, overflow, source_keys, stamp = (
        int(x) for x in np.frombuffer(head, dtype="<u8", count=HEADER_WORDS, offset=start))
    if (fmt != FORMAT or not 4 <= slot_bits <= 40 or not 1 <= key_bits <= 64 - MIN_COUNT_BITS
            or size <= 1 << slot_bits or length != end + 8 * (size + 2 * overflow)):
        return None
    return slot_bits, key_bits, size, overflow, source_keys, stamp


def _mapped(mapped: mmap.mmap) -> tuple[int, int, HashTable] | None:
    """(stamp, source keys, table) of a saved table, its arrays views of the mapping."""
    header = _header(mapped[: len(MAGIC) + 8 * HEADER_WORDS], len(mapped))
    if header is None:
        return None
    slot_bits, key_bits, size, overflow, source_keys, stamp = header
    at = len(MAGIC) + 8 * HEADER_WORDS
    slots = np.frombuffer(mapped, dtype="<u8", count=size, offset=at)
    at += 8 * size
    over_keys = np.frombuffer(mapped, dtype="<u8", count=overflow, offset=at)
    over_counts = np.frombuffer(mapped, dtype="<f8", count=overflow, offset=at + 8 * overflow)
    return _checked(stamp, source_keys,
                    HashTable(slots, slot_bits, key_bits, over_keys, over_counts, mapped=True))


def _read_in(fh) -> tuple[int, int, HashTable] | None:
    """(stamp, source keys, table) of a saved table, read into fresh memory."""
    header = _header(fh.read(len(MAGIC) + 8 * HEADER_WORDS), os.fstat(fh.fileno()).st_size)
    if header is None:
        return None
    slot_bits, key_bits, size, overflow, source_keys, stamp = header
    slots = _zeroed_slots(size)
    if fh.readinto(memoryview(slots).cast("B")) != 8 * size:
        return None
    over_keys = np.frombuffer(fh.read(8 * overflow), dtype="<u8")
    over_counts = np.frombuffer(fh.read(8 * overflow), dtype="<f8")
    if len(over_keys) != overflow or len(over_counts) != overflow:
        return None
    return _checked(stamp, source_keys,
                    HashTable(slots, slot_bits, key_bits, over_keys, over_counts))


def _checked(stamp: int, source_keys: int, table: HashTable
             ) -> tuple[int, int, HashTable] | None:
    """The parts, if the table ends with the empty slot that stops every run (a probe then
    never reads past it)."""
    return (stamp, source_keys, table) if table.slots[-1] == 0 else None


def agrees(table: HashTable, keys: np.ndarray, counts: np.ndarray) -> bool:
    """Whether ``table`` gives the sorted arrays' counts for evenly spread stored keys and
    for the keys just above them (mostly not stored: their count must be 0 or the stored
    one)."""
    if not len(keys):
        return True
    keys = np.asarray(keys, dtype=np.uint64)
    sample = sorted_distinct(np.linspace(0, len(keys) - 1, min(len(keys), SELF_CHECK_KEYS))
                             .astype(np.intp))
    asked = np.concatenate([keys[sample], keys[sample] + np.uint64(1)])
    at = np.minimum(np.searchsorted(keys, asked), len(keys) - 1)
    expected = np.where(keys[at] == asked, np.asarray(counts)[at], 0)
    try:
        return bool((table.look_up(asked) == expected).all())
    except IndexError:  # a damaged table can send a probe past its end
        return False


class CountIndex:
    """Counts of a sorted key array looked up by binary search until a process has asked
    many of them, by a hash table after: the cached one, mapped (``READ_AFTER_LOOKUPS``),
    or one built and cached (``HASH_AFTER_LOOKUPS``); a mapped table is read into memory
    of its own past ``COPY_AFTER_LOOKUPS``."""

    def __init__(self, keys: np.ndarray, counts: np.ndarray, source: Path | None) -> None:
        self.keys = keys
        self.counts = counts
        self.source = source  # the counts file, which names the cached table
        self.asked = 0
        self.table: HashTable | None = None
        self.usable = hashable(keys)
        self.cache_read = False  # whether the cache was asked for a table already
        self.cache: tuple[Path, int] | None = None  # the cached table's path and stamp
        self.copy_tried = False  # whether a mapped table was read into memory of its own
        # Read a cached table into memory of its own at once, never mapped: set for a scan
        # known to be long (``expect_many``).
        self.read_in = False

    def look_up(self, asked: np.ndarray) -> np.ndarray:
        """The count of each key in ``asked`` (uint64), 0 where it is not stored."""
        self.asked += len(asked)
        if self.table is None and self.usable:
            if self.asked >= HASH_AFTER_LOOKUPS:
                self.prepare()
            elif self.asked >= READ_AFTER_LOOKUPS and not self.cache_read:
                self.prepare(build_if_missing=False)
        if self.table is not None:
            if self.asked >= COPY_AFTER_LOOKUPS and self.table.mapped and not self.copy_tried:
                self.read_into_memory()
            return self.table.look_up(asked)
        return sorted_look_up(self.keys, self.counts, asked)

    def expect_many(self) -> None:
        """Say that this process will ask millions of look-ups (a long scan): a cached
        table is then read into memory of its own when first needed instead of mapped
        and copied later (``COPY_AFTER_LOOKUPS``), which a scan of a few chapters would
        not make up for. The counts are the same either way."""
        self.read_in = True

    def prepare(self, build_if_missing: bool = True) -> None:
        """Switch to the hash table now: the cached one, or (``build_if_missing``) a new
        one, saved to the cache for the next process."""
        if self.table is not None or not self.usable:
            return
        entry = self.cache = cache_entry(self.source) if self.source is not None else None
        path, stamp = entry if entry is not None else (None, 0)
        if build_if_missing:
            self.table = load_or_build(self.keys, self.counts, path, stamp, self.read_in)
        elif path is not None and not self.cache_read:
            self.table = read(path, self.keys, self.counts, stamp, into_memory=self.read_in)
        self.cache_read = True

    def read_into_memory(self) -> None:
        """Replace the mapped table by the same table read into memory of its own (the
        mapping dropped first, so the two are never held at once); if the file cannot be
        read now, the table is built (or mapped again)."""
        assert self.cache is not None
        self.copy_tried = True
        path, stamp = self.cache
        self.table = None  # (the file is unmapped here: nothing else holds the table)
        self.table = (read(path, self.keys, self.counts, stamp, into_memory=True)
                      or load_or_build(self.keys, self.counts, path, stamp))


def sorted_look_up(keys: np.ndarray, values: np.ndarray, asked: np.ndarray) -> np.ndarray:
    """``values`` at each ``asked`` key found in the sorted ``keys``, else 0.

    The keys asked are sorted first: a text's look-ups land all over arrays of millions of
    keys, and in key order each binary search starts where the last ended and walks memory
    forwards, several times faster than the same searches in text order. (Equal keys find
    the same value, so the sort need not be stable, and numpy's default sort is the fast
    one: vectorised where the processor allows.)"""
    order = np.argsort(asked)
    asked = asked[order]
    at = np.searchsorted(keys, asked)
    np.minimum(at, len(keys) - 1, out=at)
    hit = keys[at] == asked
    found = np.zeros(len(asked))
    found[hit] = values[at[hit]]
    unsorted = np.empty(len(asked))
    unsorted[order] = found
    return unsorted
