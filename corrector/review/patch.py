"""Accepted changes as one unified diff that ``git apply`` and ``patch -p1`` accept.

Pure: a file's name, its current text and the edits in, diff text out. We know exactly which
characters change, so no diff algorithm is needed: each edit marks the lines it touches, lines
touched by the same edits form a block, and blocks closer than two contexts share a hunk. That
keeps the patch minimal, linear in the size of the file, and exact about the last line
(``\\ No newline at end of file``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from corrector.review.edits import Edit, apply_edits, checked, split_lines

CONTEXT_LINES = 3
NO_NEWLINE = "\\ No newline at end of file\n"


@dataclass(frozen=True)
class _Block:
    """Old lines ``[first, stop)`` replaced by ``new`` lines."""

    first: int
    stop: int
    new: tuple[str, ...]


class _Lines:
    """The old text's lines and where each starts, to map offsets to line numbers."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = split_lines(text)
        self.starts: list[int] = []
        at = 0
        for line in self.lines:
            self.starts.append(at)
            at += len(line)

    def __len__(self) -> int:
        return len(self.lines)

    def at(self, offset: int) -> int:
        """Index of the line holding ``offset``; len(self) for the end of a text ending in \\n."""
        if offset >= len(self.text) and (not self.text or self.text.endswith("\n")):
            return len(self.lines)
        return bisect_right(self.starts, offset) - 1

    def stop(self, edit: Edit) -> int:
        """One past the last line ``edit`` touches (an insertion touches the line it is in)."""
        if edit.end > edit.start:
            return self.at(edit.end - 1) + 1
        return min(self.at(edit.start) + 1, len(self.lines))

    def offset(self, index: int) -> int:
        return self.starts[index] if index < len(self.lines) else len(self.text)


def _blocks(old: _Lines, edits: Sequence[Edit]) -> list[_Block]:
    blocks = []
    i = 0
    while i < len(edits):
        first, stop = old.at(edits[i].start), old.stop(edits[i])
        group = [edits[i]]
        i += 1
        while True:
            while i < len(edits) and old.at(edits[i].start) < stop:
                group.append(edits[i])
                stop = max(stop, old.stop(edits[i]))
                i += 1
            begin, end = old.offset(first), old.offset(stop)
            new = apply_edits(old.text[begin:end],
                              [Edit(e.start - begin, e.end - begin, e.new) for e in group])
            if new and not new.endswith("\n"):  # a line break removed: what follows joins
                if stop < len(old):
                    stop += 1
                    continue
                if i < len(edits):  # an insertion at the very end of the text
                    group.append(edits[i])
                    i += 1
                    continue
            break
        if new != old.text[begin:end]:
            blocks.append(_Block(first, stop, tuple(split_lines(new))))
    return blocks


def _hunks(blocks: list[_Block], context: int) -> list[list[_Block]]:
    hunks: list[list[_Block]] = []
    for block in blocks:
        if hunks and block.first - hunks[-1][-1].stop <= 2 * context:
            hunks[-1].append(block)
        else:
            hunks.append([block])
    return hunks


def _line(tag: str, line: str) -> str:
    return f"{tag}{line}" if line.endswith("\n") else f"{tag}{line}\n{NO_NEWLINE}"


def unified_diff(name: str, old_text: str, edits: Iterable[Edit],
                 context: int = CONTEXT_LINES) -> str:
    """The diff turning ``old_text`` into it with ``edits`` made; "" when nothing changes.

    ``name`` is the path relative to the project folder, written as ``a/name`` and ``b/name``.
    """
    if any(c in name for c in "\t\n\r"):
        raise ValueError(f"{name!r}: a file name with a tab or line break cannot go in a patch")
    old = _Lines(old_text)
    edits = checked(edits, len(old_text))
    blocks = _blocks(old, edits)
    if not blocks or apply_edits(old_text, edits) == old_text:
        # (edits that undo each other across a line break, "\n" deleted and "\n" put
        # back after it, make blocks but no change)
        return ""
    # the tab ends the name for patch and git alike, as in GNU diff's "name<TAB>date"
    out = [f"--- a/{name}\t\n", f"+++ b/{name}\t\n"]
    delta = 0  # new lines minus old lines in the blocks already written
    for hunk in _hunks(blocks, context):
        first = max(0, hunk[0].first - context)
        stop = min(len(old), hunk[-1].stop + context)
        body, old_count, new_count, at = [], 0, 0, first
        for block in hunk:
            body += [_line(" ", line) for line in old.lines[at : block.first]]
            body += [_line("-", line) for line in old.lines[block.first : block.stop]]
            body += [_line("+", line) for line in block.new]
            old_count += block.first - at + block.stop - block.first
            new_count += block.first - at + len(block.new)
            at = block.stop
        body += [_line(" ", line) for line in old.lines[at:stop]]
        old_count += stop - at
        new_count += stop - at
        new_first = first + delta
        out.append(f"@@ -{first + (1 if old_count else 0)},{old_count} "
                   f"+{new_first + (1 if new_count else 0)},{new_count} @@\n")
        out += body
        delta += sum(len(b.new) - (b.stop - b.first) for b in hunk)
    return "".join(out)


def build_patch(files: Iterable[tuple[str, str, Iterable[Edit]]]) -> str:
    """One patch for many files: (name, current text, edits) each, in the order given."""
    return "".join(unified_diff(name, text, edits) for name, text, edits in files)
