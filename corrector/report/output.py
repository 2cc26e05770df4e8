"""Streamed, atomic report files: the same promise as ``corrector.atomic``, without the whole
report in memory.

``corrector.atomic.write_text`` takes the finished text; a report over thousands of files is
better written piece by piece. ``atomic_open`` gives a file object for a temporary file in
OUT's folder and, only when the block finishes without error, flushes it to disk and renames
it over OUT — so a reader sees the old report or the new one, never half of one, and an
interrupted run leaves the old report alone. ``spool`` is the scratch file the per-file
sections wait in, also next to OUT (same disk, and no /tmp size limit), and gone when closed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


def _default_mode() -> int:
    """The permissions a newly created file gets under the current umask (0o644 usually)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_open(path: Path) -> Iterator[TextIO]:
    """Write UTF-8 text to ``path`` atomically; an existing file keeps its permissions."""
    path = Path(path)
    mode = path.stat().st_mode & 0o7777 if path.exists() else _default_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def spool(next_to: Path) -> TextIO:
    """An anonymous scratch file in ``next_to``'s folder, deleted when closed."""
    return tempfile.TemporaryFile(  # the caller closes it
        "w+", encoding="utf-8", newline="\n", dir=Path(next_to).parent,
        prefix=f".{Path(next_to).name}.", suffix=".spool",
    )
