"""Finding and reading the files a user names: the edge between paths and text.

Every problem with an input becomes an ``InputError`` with a one-line message, so commands
can report it, carry on with the rest of the batch and exit with status 2 at the end.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".md")
MAX_BYTES = 200 * 1024 * 1024


class InputError(Exception):
    """A path that cannot be scanned; the message is one line for the user."""


@dataclass(frozen=True)
class Source:
    """A file to scan; ``named`` is True when the user named it rather than a folder did."""

    path: Path
    named: bool


def iter_sources(paths: Iterable[Path]) -> Iterator[Source | InputError]:
    """Files to scan, in a stable order; folders are walked for *.txt and *.md files."""
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield Source(path, named=True)
        elif path.is_symlink():
            yield InputError(f"{path}: broken symbolic link")
        else:
            yield InputError(f"{path}: no such file or directory")


def _walk(folder: Path) -> Iterator[Source]:
    found = []
    for root, dirs, names in os.walk(folder):  # does not follow links: no loops
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.endswith(TEXT_SUFFIXES) and not name.startswith("."):
                found.append(Path(root) / name)
    for path in sorted(found):
        yield Source(path, named=False)


def read_text(path: Path) -> str:
    """The file's text, exactly as stored (no newline translation), or an InputError."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: file is {size // (1024 * 1024)} MB, over the "
                             f"{MAX_BYTES // (1024 * 1024)} MB limit")
        raw = path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: binary file (contains NUL bytes), not scanned")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not valid UTF-8 (byte {exc.start}); convert it to UTF-8 first"
        ) from None
    return text.removeprefix("\ufeff")


def read_word_list(path: Path) -> set[str]:
    """Words from a list file: one a line, ``#`` starts a comment."""
    words = set()
    for line in read_text(path).splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return words
