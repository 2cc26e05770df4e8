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
import os
import sys
from array import array
from bisect import bisect_left
from dataclasses import dataclass, replace
from enum import IntFlag
from functools import cache
from importlib import resources
from pathlib import Path

FORMAT_VERSION = 1
PAIR_SHIFT = 22  # word ids below 2**22 fit in one 64-bit pair key
LEXICON_FILE = "lexicon.marshal"
PAIRS_FILE = "pairs.bin"


class Source(IntFlag):
    """Which word lists know a word; a word may carry several."""

    CORPUS = 1  # printed in the 1880-1935 corpus often enough to count
    WEB2 = 2  # Webster's Second International, 1934
    SCOWL = 4  # SCOWL British/English/American word lists (modern)
    PROPER = 8  # a proper name in web2's or SCOWL's name lists
    ABBREVIATION = 16  # a SCOWL abbreviation: known only when a full stop follows
    MODERN_COMMON = 32  # common in today's English (SCOWL size 50 or smaller)
    USER = 64  # a user's or project's word list


class DataError(Exception):
    """The language data is missing or was built for another version of the tool."""


@dataclass
class LanguageData:
    """Period counts and lexicons, with the look-ups detectors and suggesters need."""

    vocab: list[str]  # lower-case corpus words, most frequent first; index is the word id
    counts: list[int]  # corpus count of vocab[i], all case forms together
    final_counts: list[int]  # how often vocab[i] ended a sentence (before . ! ? and a capital)
    initial_counts: list[int]  # how often vocab[i] began a sentence after one ended
    flags: dict[str, int]  # lower-case word -> Source bits, for every known word
    proper_forms: dict[str, str]  # lower-case word -> its usual capitalised form
    total_tokens: int
    pair_keys: array  # sorted (id1 << PAIR_SHIFT | id2)
    pair_counts: array
    meta: dict[str, object]
    user_words: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self.ids = {word: i for i, word in enumerate(self.vocab)}

    def count(self, word: str) -> int:
        """Corpus count of ``word`` (any case)."""
        i = self.ids.get(word.lower())
        return self.counts[i] if i is not None else 0

    def sources(self, word: str) -> Source:
        return Source(self.flags.get(word.lower(), 0))

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

    def with_user_words(self, words: set[str]) -> LanguageData:
        """A copy that also knows ``words`` (a user's or project's list)."""
        if not words:
            return self
        flags = dict(self.flags)
        for word in words:
            key = word.lower()
            flags[key] = flags.get(key, 0) | Source.USER
        return replace(self, flags=flags, user_words=self.user_words | frozenset(words))


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
    blob = {
        "format": FORMAT_VERSION,
        "vocab": data.vocab,
        "counts": data.counts,
        "final_counts": data.final_counts,
        "initial_counts": data.initial_counts,
        "flags": data.flags,
        "proper_forms": data.proper_forms,
        "total_tokens": data.total_tokens,
        "meta": data.meta,
    }
    _write_atomic(directory / LEXICON_FILE, marshal.dumps(blob, 4))
    keys = array("Q", data.pair_keys)
    counts = array("I", data.pair_counts)
    if sys.byteorder != "little":
        keys.byteswap()
        counts.byteswap()
    header = array("Q", [FORMAT_VERSION, len(keys)]).tobytes()
    _write_atomic(directory / PAIRS_FILE, header + keys.tobytes() + counts.tobytes())


def _write_atomic(path: Path, payload: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(payload)
    os.replace(tmp, path)


@cache
def load(directory: Path | None = None) -> LanguageData:
    """Load the language data (once per process) from ``directory`` or the default place."""
    directory = directory or default_data_dir()
    try:
        blob = marshal.loads((directory / LEXICON_FILE).read_bytes())
        raw = (directory / PAIRS_FILE).read_bytes()
    except (OSError, ValueError, EOFError) as exc:
        raise DataError(f"cannot read the language data in {directory}: {exc}") from exc
    if blob.get("format") != FORMAT_VERSION:
        raise DataError(f"language data in {directory} has format {blob.get('format')}, "
                        f"this corrector reads {FORMAT_VERSION}: rebuild it")
    header = array("Q")
    header.frombytes(raw[:16])
    n = header[1]
    keys = array("Q")
    keys.frombytes(raw[16 : 16 + 8 * n])
    counts = array("I")
    counts.frombytes(raw[16 + 8 * n : 16 + 12 * n])
    if sys.byteorder != "little":
        keys.byteswap()
        counts.byteswap()
    return LanguageData(
        vocab=blob["vocab"],
        counts=blob["counts"],
        final_counts=blob["final_counts"],
        initial_counts=blob["initial_counts"],
        flags=blob["flags"],
        proper_forms=blob["proper_forms"],
        total_tokens=blob["total_tokens"],
        pair_keys=keys,
        pair_counts=counts,
        meta=blob["meta"],
    )
