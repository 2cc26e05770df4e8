"""Text edits: replace ``text[start:end]`` with ``new``; the common currency of patch and apply.

Lines here are split on ``\\n`` only and keep their ending, because that is what ``patch`` and
``git apply`` count as a line (``str.splitlines`` would also split on form feeds and U+2028,
which period transcriptions do contain).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True, slots=True)
class Edit:
    start: int
    end: int
    new: str


class OverlapError(ValueError):
    """Two edits touch the same text; applying both has no single meaning."""


def checked(edits: Iterable[Edit], length: int) -> list[Edit]:
    """``edits`` in text order; raises OverlapError or ValueError when they cannot all apply."""
    ordered = sorted(edits)
    previous: Edit | None = None
    for edit in ordered:
        if not 0 <= edit.start <= edit.end <= length:
            raise ValueError(f"edit {edit.start}-{edit.end} is outside the text")
        if previous and (edit.start < previous.end or edit.start == previous.start):
            raise OverlapError(f"edits at {previous.start}-{previous.end} and "
                               f"{edit.start}-{edit.end} overlap")
        previous = edit
    return ordered


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with every edit made; offsets all refer to the original text."""
    parts, at = [], 0
    for edit in checked(edits, len(text)):
        parts += [text[at : edit.start], edit.new]
        at = edit.end
    parts.append(text[at:])
    return "".join(parts)


def shift(offset: int, edits: Sequence[Edit], *, start: bool) -> int:
    """Where ``offset`` of the original text lies after ``edits`` (none of which covers it).

    An insertion exactly at ``offset`` comes before a span starting there and after a span
    ending there, hence ``start``.
    """
    delta = 0
    for edit in edits:
        inserted_here = edit.start == edit.end == offset
        if edit.end < offset or (edit.end == offset and (start or not inserted_here)):
            delta += len(edit.new) - (edit.end - edit.start)
    return offset + delta


def split_lines(text: str) -> list[str]:
    """Lines as ``patch`` sees them: split after each ``\\n``, the last may lack one."""
    lines = text.split("\n")
    result = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        result.append(lines[-1])
    return result
