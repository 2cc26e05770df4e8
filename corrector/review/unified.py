"""Read a unified diff and apply it to a text, refusing rather than guessing.

``corrector apply --patch`` uses this instead of shelling out to ``patch``, so it works where
no ``patch`` or ``git`` is installed and can say in one line which file no longer matches. A
hunk may have moved (lines added or removed above it, as ``patch`` allows) but its old lines
must be there exactly; there is no fuzz.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corrector.review.edits import Edit, apply_edits, split_lines

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


class PatchError(ValueError):
    """The patch is malformed or does not fit the file; the message is one line."""


@dataclass
class Hunk:
    old_start: int
    old_count: int
    new_start: int
    new_count: int
    lines: list[tuple[str, str]] = field(default_factory=list)  # (" " | "-" | "+", line)

    @property
    def old(self) -> list[str]:
        return [text for tag, text in self.lines if tag != "+"]

    @property
    def new(self) -> list[str]:
        return [text for tag, text in self.lines if tag != "-"]


@dataclass
class FilePatch:
    path: str  # with the first component (a/ or b/) stripped, as patch -p1 does
    hunks: list[Hunk] = field(default_factory=list)


def _name(header: str) -> str:
    name = header[4:].rstrip("\n").split("\t", 1)[0]
    if name == "/dev/null":
        return name
    return name.split("/", 1)[1] if "/" in name else name


def parse(text: str) -> list[FilePatch]:
    """The files and hunks of a unified diff; anything else around them is skipped."""
    files: list[FilePatch] = []
    lines = split_lines(text)  # on \n only, as the patch was written
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("--- ") and i + 1 < len(lines) and lines[i + 1].startswith("+++ "):
            target = _name(lines[i + 1])
            if target == "/dev/null" or _name(line) == "/dev/null":
                raise PatchError(f"patch line {i + 1}: creating or deleting files is not "
                                 "supported")
            files.append(FilePatch(target))
            i += 2
            continue
        match = _HUNK.match(line)
        if match:
            if not files:
                raise PatchError(f"patch line {i + 1}: hunk before any file header")
            i = _read_hunk(lines, i, match, files[-1])
            continue
        i += 1
    return files


def _read_hunk(lines: list[str], i: int, match: re.Match[str], into: FilePatch) -> int:
    old_count = int(match[2]) if match[2] is not None else 1
    new_count = int(match[4]) if match[4] is not None else 1
    hunk = Hunk(int(match[1]), old_count, int(match[3]), new_count)
    at = i + 1
    olds = news = 0
    while (olds < old_count or news < new_count) and at < len(lines):
        line = lines[at]
        tag = line[:1]
        if tag not in (" ", "-", "+"):
            if line.rstrip("\r\n") == "":  # some tools drop the space of an empty context line
                tag, line = " ", " " + line
            else:
                break
        hunk.lines.append((tag, line[1:]))
        olds += tag != "+"
        news += tag != "-"
        at += 1
        if at < len(lines) and lines[at].startswith("\\"):
            hunk.lines[-1] = (tag, hunk.lines[-1][1].removesuffix("\n"))
            at += 1
    if olds != old_count or news != new_count:
        raise PatchError(f"patch line {i + 1}: hunk is cut short (expected {old_count} old "
                         f"and {new_count} new lines)")
    into.hunks.append(hunk)
    return at


def patch_edits(text: str, patch: FilePatch) -> list[Edit]:
    """The character edits ``patch`` makes to ``text``, one per run of changed lines.

    PatchError when a hunk's old lines are not in the file (it changed since the patch).
    """
    lines = split_lines(text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    edits: list[Edit] = []
    lowest = 0  # hunks apply in order and may not overlap
    offset = 0  # how far hunks have moved from where the patch says
    for number, hunk in enumerate(patch.hunks, 1):
        wanted = (hunk.old_start - 1 if hunk.old_count else hunk.old_start) + offset
        found = _find(lines, hunk.old, max(wanted, lowest), lowest)
        if found is None:
            raise PatchError(f"{patch.path}: hunk {number} (line {hunk.old_start}) does not "
                             "match the file; it changed since the patch was made")
        offset += found - wanted
        at, removed, added = found, 0, []
        for tag, line in [*hunk.lines, (" ", "")]:
            if tag == "-":
                removed += 1
            elif tag == "+":
                added.append(line)
            else:
                if removed or added:
                    edits.append(_tight(text, Edit(starts[at], starts[at + removed],
                                                   "".join(added))))
                at += removed + 1
                removed, added = 0, []
        lowest = found + len(hunk.old)
    return edits


def _tight(text: str, edit: Edit) -> Edit:
    """The same edit without the characters its old and new text share at either end."""
    old, new = text[edit.start : edit.end], edit.new
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return Edit(edit.start + head, edit.end - tail, new[head : len(new) - tail])


def apply_file_patch(text: str, patch: FilePatch) -> str:
    """``text`` with every hunk of ``patch`` applied; PatchError when a hunk does not fit."""
    return apply_edits(text, patch_edits(text, patch))


def _find(lines: list[str], old: list[str], wanted: int, lowest: int) -> int | None:
    """The position nearest ``wanted`` (not before ``lowest``) where ``old`` lines are."""
    size = len(old)
    top = len(lines) - size
    for distance in range(max(top - lowest, wanted - lowest, 0) + 1):
        for position in (wanted - distance, wanted + distance):
            if lowest <= position <= top and lines[position : position + size] == old:
                return position
    return None
