"""The period language data: word counts, word-pair counts, lexicon membership.

Built by ``corrector wordlists build`` (see ``corrector/build/``) into a folder of compact
files, and loaded here without parsing text: the vocabulary and lexicon flags are one
``marshal`` blob (tens of milliseconds), the pair counts are two sorted arrays read straight
into memory and searched by bisection. The loader never writes anything.

Words are keyed in lower case; a word the corpus mostly prints capitalised in mid-sentence
keeps that form in ``proper_forms`` so that suggestions restore its capital (london → London).
"""

from __future__ import annotations

import marshal
import mmap
import os
import sys
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import IntFlag
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from corrector.atomic import write_bytes
from corrector.tokens import MARKERS

if TYPE_CHECKING:
    import numpy as np

FORMAT_VERSION = 1
PAIR_SHIFT = 22  # word ids below 2**22 fit in one 64-bit pair key
TRIPLE_SHIFT = 18  # word ids below 2**18 fit three to a 64-bit key
LEXICON_FILE = "lexicon.marshal"
PAIRS_FILE = "pairs.bin"
CANDIDATES_FILE = "candidates.bin"
TRIPLES_FILE = "triples.bin"
ORDER_FILE = "vocab-order.bin"  # word ids in sorted-word order, for WordIds


class Source(IntFlag):
    """Which word lists know a word; a word may carry several."""

    CORPUS = 1  # printed in the 1880-1935 corpus often enough to count
    WEB2 = 2  # Webster's Second International, 1934
    SCOWL = 4  # SCOWL British/English/American word lists (modern)
    PROPER = 8  # a proper name in web2's or SCOWL's name lists
    ABBREVIATION = 16  # a SCOWL abbreviation: known only when a full stop follows
    MODERN_COMMON = 32  # common in today's English (SCOWL size 50 or smaller)
    USER = 64  # a user's or project's word list


USER_BIT = int(Source.USER)

class DataError(Exception):
    """The language data is missing or was built for another version of the tool."""


@dataclass
class LanguageData:
    """Period counts and lexicons, with the look-ups detectors and suggesters need."""

    vocab: list[str]  # lower-case corpus words, most frequent first; index is the word id
    counts: list[int]  # corpus count of vocab[i], all case forms together
    final_counts: list[int]  # how often vocab[i] ended a sentence (before . ! ? and a capital)
    initial_counts: list[int]  # how often vocab[i] began a sentence after one ended
    midcap_counts: list[int]  # how often vocab[i] was capitalised where no sentence began
    flags: Mapping[str, int]  # lower-case word -> Source bits, for every known word
    proper_forms: dict[str, str]  # lower-case word -> its usual capitalised form
    total_tokens: int
    pair_keys: Sequence[int]  # sorted (id1 << PAIR_SHIFT | id2)
    pair_counts: Sequence[int]
    triple_keys: Sequence[int]  # sorted (id1 << 36 | id2 << 18 | id3)
    triple_counts: Sequence[int]
    delete_keys: Sequence[int]  # sorted crc32 of each suggestible word and its one-letter deletions
    delete_ids: Sequence[int]  # the word id for each delete key
    meta: dict[str, object]
    user_words: frozenset[str] = frozenset()
    directory: Path | None = None  # where it was loaded from (for files read on first need)

    def __post_init__(self) -> None:
        self.known_memo: dict[tuple[str, bool], bool] = {}  # see corrector.known
        ids = getattr(self.flags, "ids", None)  # a loaded FlagTable already has the ids
        self.ids = ids if ids is not None else {word: i for i, word in enumerate(self.vocab)}

    def count(self, word: str) -> int:
        """Corpus count of ``word`` (any case)."""
        i = self.ids.get(word.lower())
        return self.counts[i] if i is not None else 0

    def midcap_share(self, word: str) -> float:
        """How often ``word`` was printed capitalised where no sentence began (smoothed)."""
        i = self.ids.get(word.lower())
        if i is None:
            return 0.5
        return (self.midcap_counts[i] + 0.5) / (self.counts[i] + 1)

    def capitalised_where_no_sentence_begins(self, word: str) -> float:
        """Of the times ``word`` was printed where no sentence began, the share it had a
        capital (smoothed): near 1 for a title or a name ("Mr", "Messrs", "London"), which
        ``midcap_share`` understates by counting the sentences they begin."""
        i = self.ids.get(word.lower())
        if i is None:
            return 0.5
        return (self.midcap_counts[i] + 0.5) / (self.counts[i] - self.initial_counts[i] + 1)

    def sources(self, word: str) -> Source:
        return Source(self.source_bits(word))

    def source_bits(self, word: str) -> int:
        """``sources`` as a plain int: asked for nearly every word, and IntFlag is slow."""
        lower = word.lower()
        bits = self.flags.get(lower, 0)
        if lower in self.user_words or word in self.user_words:
            bits |= USER_BIT
        return bits

    def pair_count(self, first: str, second: str) -> int:
        """How often ``second`` followed ``first`` across plain white space in the corpus."""
        a = self.ids.get(first.lower())
        b = self.ids.get(second.lower())
        if a is None or b is None:
            return 0
        key = (a << PAIR_SHIFT) | b
        i = bisect_left(self.pair_keys, key)
        if i < len(self.pair_keys) and self.pair_keys[i] == key:
            return self.pair_counts[i]
        return 0

    def followers(self, word: str, limit: int) -> list[str]:
        """The words print set right after ``word`` (a word or a marker: ``<s>``, ``,``),
        those it set there most often first, at most ``limit`` of them, word markers left
        out. ``word``'s pairs are one run of the sorted pair keys, found by two binary
        searches."""
        import numpy as np  # (asked only for badly misread words)

        first = self.ids.get(word.lower())
        if first is None:
            return []
        keys = np.asarray(self.pair_keys, dtype=np.uint64)  # (views of the mapped file)
        counts = np.asarray(self.pair_counts)
        low = int(np.searchsorted(keys, np.uint64(first << PAIR_SHIFT)))
        high = int(np.searchsorted(keys, np.uint64((first + 1) << PAIR_SHIFT)))
        ids = (keys[low:high] & np.uint64((1 << PAIR_SHIFT) - 1)).astype(np.int64)
        order = np.argsort(-counts[low:high].astype(np.int64), kind="stable")
        vocab = self.vocab
        out = [vocab[i] for i in ids[order].tolist() if vocab[i] not in MARKERS]
        return out[:limit]

    def triple_count(self, first: str, second: str, third: str) -> int:
        """How often the three words (or markers) stood in a row in the corpus."""
        ids = self.ids
        a, b, c = ids.get(first), ids.get(second), ids.get(third)
        if a is None or b is None or c is None:
            return 0
        key = (a << (2 * TRIPLE_SHIFT)) | (b << TRIPLE_SHIFT) | c
        i = bisect_left(self.triple_keys, key)
        if i < len(self.triple_keys) and self.triple_keys[i] == key:
            return self.triple_counts[i]
        return 0

    def words_printed_at_least(self, times: int) -> frozenset[str]:
        """The vocabulary words the corpus printed at least ``times`` times (cached).

        Testing a spelling against this set is a C hash look-up, where ``ids`` may still be
        searching (see ``WordIds``); the confusion search tests a hundred spellings a word.
        The vocabulary is most frequent first, so the words are a prefix of it, found by
        bisection rather than by testing 200,000 counts."""
        memo = self.__dict__.setdefault("_printed_at_least", {})
        found = memo.get(times)
        if found is None:
            end = bisect_right(self.counts, -times, key=_negative)
            found = memo[times] = frozenset(self.vocab[:end])
        return found

    def words_sharing_deletion(self, form: str) -> list[int]:
        """Ids of suggestible words that are ``form`` or become it by losing one letter."""
        key = delete_key(form)
        keys = self.delete_keys
        i = bisect_left(keys, key)
        out = []
        while i < len(keys) and keys[i] == key:
            out.append(self.delete_ids[i])
            i += 1
        return out

    def words_sharing_deletions(self, forms: Collection[str]) -> set[int]:
        """Ids of the suggestible words that ``words_sharing_deletion`` gives for any of
        ``forms``, looked up together: a word and its deletions are some dozens of forms,
        nearly all of them in no word, and one vectorised binary search over the index
        costs less than a Python bisection each (the suggester asks this of every new
        word type a text prints)."""
        import numpy as np  # (only a text with a word no list knows needs it)

        keys, ids = self._delete_arrays()
        wanted = np.fromiter((zlib.crc32(form.encode("utf-8")) for form in forms),
                             dtype=np.uint32, count=len(forms))
        wanted.sort()  # (sorted, the searches walk the index in order)
        first = np.searchsorted(keys, wanted)
        first[first == len(keys)] = 0  # (a key past the last: no hit, tested below)
        hit = keys[first] == wanted
        if not hit.any():
            return set()
        wanted, first = wanted[hit], first[hit]
        sizes = np.searchsorted(keys, wanted, "right") - first
        # The index places of each hit's run: a run's first place, then one more each step.
        places = np.repeat(first - np.cumsum(sizes) + sizes, sizes) + np.arange(sizes.sum())
        return set(ids[places].tolist())

    def _delete_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """The deletion index (keys, word ids) as numpy arrays (views of the loaded ones)."""
        cached = self.__dict__.get("_delete_index")
        if cached is None:
            import numpy as np

            cached = (np.asarray(self.delete_keys, dtype=np.uint32),
                      np.asarray(self.delete_ids, dtype=np.uint32))
            self.__dict__["_delete_index"] = cached
        return cached

    def with_user_words(self, words: set[str]) -> LanguageData:
        """A copy that also knows ``words`` (a user's or project's list)."""
        if not words:
            return self
        lowered = {w.lower() for w in words}
        return replace(self, user_words=self.user_words | frozenset(words) | lowered)


def _negative(count: int) -> int:
    return -count


def delete_key(form: str) -> int:
    """The stable 32-bit hash a deletion form is indexed under (collisions only add work)."""
    return zlib.crc32(form.encode("utf-8"))


def default_data_dir() -> Path:
    """Where the built data lives: inside the installed package, or the checkout's wordlists/."""
    override = os.environ.get("CORRECTOR_DATA")
    if override:
        return Path(override)
    packaged = Path(str(resources.files("corrector"))) / "wordlists"
    if (packaged / LEXICON_FILE).exists():
        return packaged
    return Path(__file__).resolve().parent.parent / "wordlists"


def write(directory: Path, data: LanguageData) -> None:
    """Write ``data`` in the compact form ``load`` reads (used by the build script)."""
    directory.mkdir(parents=True, exist_ok=True)
    vocab_ids = {w: i for i, w in enumerate(data.vocab)}
    extra = sorted(w for w in data.flags if w not in vocab_ids)
    blob = {
        "format": FORMAT_VERSION,
        "vocab": data.vocab,
        "vocab_flags": [data.flags.get(w, 0) for w in data.vocab],
        "extra_words": "\n".join(extra).encode("utf-8"),
        "extra_offsets": _offsets(extra).tobytes(),
        "extra_flags": bytes(data.flags[w] for w in extra),
        "counts": data.counts,
        "final_counts": data.final_counts,
        "initial_counts": data.initial_counts,
        "midcap_counts": data.midcap_counts,
        "proper_forms": data.proper_forms,
        "total_tokens": data.total_tokens,
        "meta": data.meta,
    }
    write_bytes(directory / LEXICON_FILE, marshal.dumps(blob, 4))
    keys = array("Q", data.pair_keys)
    counts = array("I", data.pair_counts)
    write_bytes(directory / PAIRS_FILE, _pack(keys, counts))
    write_bytes(directory / TRIPLES_FILE,
                _pack(array("Q", data.triple_keys), array("I", data.triple_counts)))
    write_bytes(directory / CANDIDATES_FILE,
                  _pack(array("I", data.delete_keys), array("I", data.delete_ids)))
    write_vocab_order(directory, data.vocab)
    from corrector.detectors.nonword import write_letter_trigrams
    from corrector.letterlm import write_letter_model

    write_letter_trigrams(directory, data)
    write_letter_model(directory, data)


def stored_lines(data: LanguageData, name: str, header: str) -> list[str] | None:
    """The lines after the first of file ``name`` beside ``data``'s files, when that first
    line is ``header`` (the settings it was built with). None for data not read from a
    folder, a folder without the file, or a file built with other settings: the caller
    then builds what the file would hold."""
    directory = data.directory
    if directory is None:
        return None
    try:
        lines = (Path(directory) / name).read_text(encoding="utf-8").split("\n")
    except OSError:
        return None
    return lines[1:] if lines[0] == header else None


def write_vocab_order(directory: Path, vocab: list[str]) -> None:
    """The vocabulary's ids in sorted-word order (``WordIds`` searches it)."""
    order = array("I", sorted(range(len(vocab)), key=vocab.__getitem__))
    if sys.byteorder != "little":
        order.byteswap()
    write_bytes(directory / ORDER_FILE, order.tobytes())


class WordIds(Mapping[str, int]):
    """Word -> id for the vocabulary, without hashing 200,000 words at every start.

    A one-page check asks for a few thousand ids of a few hundred words; building the dict
    would take longer than the whole scan. So a word is found by binary search over the words
    in sorted order, and remembered, since a page repeats its words. Only when ``BUILD_AFTER``
    distinct words have been searched, so a long text is clearly being scanned, is the dict
    built; from then on ``get`` is the dict's own method. (A search costs about as much as
    hashing 60 words into the dict: a one-page check searches 3,000-4,000 words, a
    5,000-word chapter twice that, so a long scan switches within its first chapter.)
    """

    BUILD_AFTER = 8_000

    def __init__(self, vocab: list[str], order: Sequence[int]) -> None:
        self._vocab, self._order = vocab, order
        self._dict: dict[str, int] | None = None
        self._found: dict[str, int | None] = {}  # what the searches found: a page repeats
        self.get = self._search  # type: ignore[method-assign]

    def _search(self, word: str, default: int | None = None) -> int | None:
        found = self._found
        if word in found:
            hit = found[word]
            return default if hit is None else hit
        if len(found) > self.BUILD_AFTER:
            return self.as_dict().get(word, default)
        order, vocab = self._order, self._vocab
        i = bisect_left(order, word, key=vocab.__getitem__)
        hit = found[word] = order[i] if i < len(order) and vocab[order[i]] == word else None
        return default if hit is None else hit

    def as_dict(self) -> dict[str, int]:
        if self._dict is None:
            self._dict = dict(zip(self._vocab, range(len(self._vocab))))
            self.get = self._dict.get  # type: ignore[method-assign]
        return self._dict

    def __getitem__(self, word: str) -> int:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self.get(word) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._vocab)

    def __len__(self) -> int:
        return len(self._vocab)


def _offsets(words: list[str]) -> array:
    """Start offset of each word in the newline-joined UTF-8 blob, plus the end."""
    out = array("I")
    position = 0
    for word in words:
        out.append(position)
        position += len(word.encode("utf-8")) + 1
    out.append(position)
    return out


class FlagTable(Mapping[str, int]):
    """Lexicon flags without a dict of 760,000 strings: vocabulary words by id, the rest
    (lexicon-only words) found by binary search in one sorted UTF-8 blob. Loading it is a
    few array copies instead of building hundreds of thousands of objects."""

    def __init__(self, ids: Mapping[str, int], vocab_flags: list[int], words: bytes,
                 offsets: array, flags: bytes) -> None:
        self.ids, self._vocab_flags = ids, vocab_flags
        self._words, self._offsets, self._flags = words, offsets, flags

    def _extra_index(self, word: str) -> int | None:
        key = word.encode("utf-8")
        lo, hi = 0, len(self._flags)
        words, offsets = self._words, self._offsets
        while lo < hi:
            mid = (lo + hi) // 2
            here = words[offsets[mid] : offsets[mid + 1] - 1]
            if here < key:
                lo = mid + 1
            elif here > key:
                hi = mid
            else:
                return mid
        return None

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        """The word's flags (0 for a vocabulary word no list knows), else ``default``.

        Asked for nearly every word of a text, so it is answered directly rather than by
        Mapping's ``get`` raising and catching a KeyError for each word no list knows; and
        a vocabulary word is never searched for in the blob, which holds only the rest."""
        i = self.ids.get(word)
        if i is not None:
            return self._vocab_flags[i]
        j = self._extra_index(word)
        return default if j is None else self._flags[j]

    def __getitem__(self, word: str) -> int:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __iter__(self) -> Iterator[str]:
        yield from (w for w, i in self.ids.items() if self._vocab_flags[i])
        for k in range(len(self._flags)):
            yield self._words[self._offsets[k] : self._offsets[k + 1] - 1].decode("utf-8")

    def __len__(self) -> int:
        return sum(1 for f in self._vocab_flags if f) + len(self._flags)


def _pack(keys: array, values: array) -> bytes:
    """Header (format, n) as two little-endian uint64, then the n keys, then the n values."""
    if sys.byteorder != "little":
        keys, values = array(keys.typecode, keys), array(values.typecode, values)
        keys.byteswap()
        values.byteswap()
    header = array("Q", [FORMAT_VERSION, len(keys)])
    if sys.byteorder != "little":
        header.byteswap()
    return header.tobytes() + keys.tobytes() + values.tobytes()


def _unpack(path: Path, key_type: str, value_type: str) -> tuple[Sequence[int], Sequence[int]]:
    """The two arrays of a packed file, as zero-copy views of the memory-mapped file.

    Nothing is read until a look-up touches it, and worker processes share the pages, so
    start-up costs no copying however large the counts grow.
    """
    with path.open("rb") as fh:
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    view = memoryview(mapped)
    _, n = view[:16].cast("Q")
    key_size, value_size = array(key_type).itemsize, array(value_type).itemsize
    split = 16 + key_size * n
    keys = view[16:split].cast(key_type)
    values = view[split : split + value_size * n].cast(value_type)
    if sys.byteorder != "little":  # pragma: no cover - the files are little-endian
        keys, values = array(key_type, keys), array(value_type, values)
        keys.byteswap()
        values.byteswap()
    return keys, values


@cache
def load(directory: Path | None = None) -> LanguageData:
    """Load the language data (once per process) from ``directory`` or the default place."""
    return read(directory or default_data_dir())


def read(directory: Path) -> LanguageData:
    """The language data in ``directory``, read now (a build step reads what it just wrote)."""
    try:
        blob = marshal.loads((directory / LEXICON_FILE).read_bytes())
        keys, counts = _unpack(directory / PAIRS_FILE, "Q", "I")
        delete_keys, delete_ids = _unpack(directory / CANDIDATES_FILE, "I", "I")
        triple_keys, triple_counts = _unpack(directory / TRIPLES_FILE, "Q", "I")
        order = array("I")
        order.frombytes((directory / ORDER_FILE).read_bytes())
        if sys.byteorder != "little":
            order.byteswap()
    except (OSError, ValueError, EOFError) as exc:
        raise DataError(f"cannot read the language data in {directory}: {exc}") from exc
    if blob.get("format") != FORMAT_VERSION:
        raise DataError(f"language data in {directory} has format {blob.get('format')}, "
                        f"this corrector reads {FORMAT_VERSION}: rebuild it")
    ids = WordIds(blob["vocab"], order)
    offsets = array("I")
    offsets.frombytes(blob["extra_offsets"])
    if sys.byteorder != "little":
        offsets.byteswap()
    flags = FlagTable(ids, blob["vocab_flags"], blob["extra_words"], offsets, blob["extra_flags"])
    return LanguageData(
        vocab=blob["vocab"],
        counts=blob["counts"],
        final_counts=blob["final_counts"],
        initial_counts=blob["initial_counts"],
        midcap_counts=blob["midcap_counts"],
        flags=flags,
        proper_forms=blob["proper_forms"],
        total_tokens=blob["total_tokens"],
        pair_keys=keys,
        pair_counts=counts,
        triple_keys=triple_keys,
        triple_counts=triple_counts,
        delete_keys=delete_keys,
        delete_ids=delete_ids,
        meta=blob["meta"],
        directory=directory,
    )
