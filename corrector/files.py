"""Finding and reading the files a user names: the edge between paths and text.

Every problem with an input becomes an ``InputError`` with a one-line message, so commands
can report it, carry on with the rest of the batch and exit with status 2 at the end.

Files are read as UTF-8 (a byte order mark is noted and put back on writing). Only when that
fails is charset-normalizer asked, and only among the single-byte encodings English
transcriptions were saved in (``WESTERN_ENCODINGS``): a guess among every codec it knows
turns a Latin-1 "naïve" into Czech. Whatever was read is written back in the same encoding,
with the same byte order mark and line ends (``SourceText.encode``), so a patched file
differs from the original only in the changed words.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES)
# Scanning runs at about 100 kB a second on one core: a whole book is one to three MB, and a
# bigger file is more likely a dump or a mistake than something to wait ten minutes for
# (memory would not be the limit: long texts are scanned in chunks).
MAX_BYTES = 8 * 1024 * 1024
WESTERN_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "mac_roman")
UTF8 = "utf-8"
BOM = "\ufeff"


class InputError(Exception):
    """A path that cannot be scanned; the message is one line for the user."""


@dataclass(frozen=True)
class Source:
    """A file to scan; ``named`` is True when the user named it rather than a folder did."""

    path: Path
    named: bool


def iter_sources(paths: Iterable[Path],
                 skip: frozenset[Path] = frozenset()) -> Iterator[Source | InputError]:
    """Files to scan, in a stable order; folders are walked for ``TEXT_SUFFIXES`` files.

    ``skip`` holds resolved paths a walk passes over (a report being written inside the
    folder it reports on must not be read as a transcription next time); a file named on
    the command line is always scanned."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path, skip)
        elif path.exists():
            yield Source(path, named=True)
        elif path.is_symlink():
            yield InputError(f"{path}: broken symbolic link")
        else:
            yield InputError(f"{path}: no such file or directory")


def _walk(folder: Path, skip: frozenset[Path]) -> Iterator[Source]:
    found = []
    for root, dirs, names in os.walk(folder):  # does not follow links: no loops
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.endswith(TEXT_SUFFIXES) and not name.startswith("."):
                found.append(Path(root) / name)
    for path in sorted(found):
        if not skip or path.resolve() not in skip:
            yield Source(path, named=False)


@dataclass(frozen=True)
class SourceText:
    """A file's text as read (without its byte order mark) and how to write it back."""

    text: str
    encoding: str = UTF8  # a Python codec name
    bom: str = ""  # "\ufeff" when the file starts with one

    def encode(self, text: str) -> bytes:
        """``text`` (without BOM) as the file stores it; UnicodeEncodeError if it cannot be."""
        return (self.bom + text).encode(self.encoding)


def read_source(path: Path) -> SourceText:
    """The file's text, exactly as stored (no newline translation), or an InputError."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path}: is a directory")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device could be endless
            raise InputError(f"{path}: not a regular file")
        if info.st_size > MAX_BYTES:
            raise _too_big(path, info.st_size)
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # bounded even if the file grew since
        if len(raw) > MAX_BYTES:
            raise _too_big(path, len(raw))
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return decode(raw, path)


def _too_big(path: Path, size: int) -> InputError:
    return InputError(f"{path}: file is {size / 2**20:.1f} MB, over the "
                      f"{MAX_BYTES // 2**20} MB limit for one file; split it")


def decode(raw: bytes, path: Path) -> SourceText:
    """A file's bytes as text (UTF-8, else a detected Western encoding), or an InputError."""
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: binary file (contains NUL bytes), not scanned")
    try:
        text = raw.decode(UTF8)
    except UnicodeDecodeError as exc:
        return _detect(path, raw, exc.start)
    if text.startswith(BOM):
        return SourceText(text[1:], UTF8, BOM)
    return SourceText(text)


def _detect(path: Path, raw: bytes, bad_byte: int) -> SourceText:
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=list(WESTERN_ENCODINGS)).best()
    if best is None or best.encoding not in WESTERN_ENCODINGS:
        raise InputError(f"{path}: not valid UTF-8 (byte {bad_byte}), nor text in any "
                         "Western encoding; convert it to UTF-8 first")
    try:
        text = raw.decode(best.encoding)
    except UnicodeDecodeError:
        text = ""
    if text.encode(best.encoding) != raw:  # never write back other bytes than we read
        raise InputError(f"{path}: {best.encoding} does not read it back exactly; "
                         "convert it to UTF-8 first")
    return SourceText(text, best.encoding)


def read_text(path: Path) -> str:
    """The file's text, exactly as stored (no newline translation, no BOM), or an InputError."""
    return read_source(path).text


def read_word_list(path: Path) -> set[str]:
    """Words from a list file: one a line, ``#`` starts a comment."""
    words = set()
    for line in read_text(path).splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return words
