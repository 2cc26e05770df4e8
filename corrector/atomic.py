"""Atomic file writes: a reader sees the old file or the new one, never half of either.

Every file corrector writes for a user (patched sources, fixed copies, reports, baselines)
goes through here: the data is written to a temporary file in the same folder, flushed to
disk, and renamed over the target, which POSIX and Windows both do in one step. ``open_text``
is the streaming form, for files better written piece by piece (a report over thousands of
files); ``write_bytes``/``write_text`` take the finished content.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TextIO


def _umask() -> int:
    """The process umask (reading it means setting it, so set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def _replacing(path: Path, binary: bool) -> Iterator[IO]:
    path = Path(path)
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        opened = os.fdopen(fd, "wb") if binary else os.fdopen(
            fd, "w", encoding="utf-8", newline="")
        with opened as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def open_text(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text file that replaces ``path`` only when the block ends without error;
    an existing file keeps its permissions, newlines are written exactly as given."""
    with _replacing(path, binary=False) as fh:
        yield fh  # type: ignore[misc]


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the old file's permissions."""
    with _replacing(path, binary=True) as fh:
        fh.write(data)


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically; newlines are written exactly as given."""
    write_bytes(path, text.encode(encoding))
