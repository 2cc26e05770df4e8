"""Streamed, atomic report files: the same promise as ``corrector.atomic``, without the whole
report in memory.

A report over thousands of files is better written piece by piece: ``atomic_open``
(``corrector.atomic.open_text``) gives a file object for a temporary file in OUT's folder
and, only when the block finishes without error, flushes it to disk and renames it over OUT
— so a reader sees the old report or the new one, never half of one, and an interrupted run
leaves the old report alone. ``spool`` is the scratch file the per-file
sections wait in, also next to OUT (same disk, and no /tmp size limit), and gone when closed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TextIO

from corrector.atomic import open_text

atomic_open = open_text  # the report's name for corrector.atomic.open_text


def spool(next_to: Path) -> TextIO:
    """An anonymous scratch file in ``next_to``'s folder, deleted when closed."""
    return tempfile.TemporaryFile(  # the caller closes it
        "w+", encoding="utf-8", newline="\n", dir=Path(next_to).parent,
        prefix=f".{Path(next_to).name}.", suffix=".spool",
    )
