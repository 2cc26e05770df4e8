"""What identifies a finding across edits: the flagged word and the words around it.

Line numbers move whenever a line is added above a slip, so a baseline or a code-scanning
fingerprint keyed on them would "find" every old slip again after any edit. The words on
either side of the slip move with it. They are normalised (case folded, punctuation, line
breaks and spacing dropped) so re-wrapping a paragraph or fixing a comma nearby does not
count as a new finding either; changing the neighbouring words does, since then the slip may
mean something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corrector.finding import Finding

CONTEXT_WORDS = 2  # words kept on each side of the slip
WINDOW = 160  # characters looked at on each side to find them
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Located:
    """A finding with where it ends and the normalised words around it."""

    finding: Finding
    context: str  # "obliged to [nuke] temporary agreements"
    end_line: int
    end_column: int  # 1-based column of the finding's last character

    @property
    def word(self) -> str:
        """The flagged text with its spacing normalised (a word broken over a line is one)."""
        return normalise(self.finding.text)


def locate(finding: Finding, text: str) -> Located:
    """``finding`` (from ``text``) with its end position and context."""
    end_line, end_column = end_position(finding)
    return Located(finding, context_of(text, finding.start, finding.end), end_line, end_column)


def context_of(text: str, start: int, end: int, words: int = CONTEXT_WORDS) -> str:
    """``before before [slip] after after``, case folded, punctuation and spacing dropped."""
    before = _WORD.findall(text[max(0, start - WINDOW) : start])[-words:] if words else []
    after = _WORD.findall(text[end : end + WINDOW])[:words]
    return " ".join([*before, f"[{normalise(text[start:end])}]", *after]).casefold()


def normalise(text: str) -> str:
    return " ".join(text.split())


def end_position(finding: Finding) -> tuple[int, int]:
    """Line and 1-based column of the finding's last character (it may span a line break)."""
    span = finding.text
    last = max(len(span) - 1, 0)
    breaks = span.count("\n", 0, last)
    if breaks:
        return finding.line + breaks, last - span.rfind("\n", 0, last)
    return finding.line, finding.column + last
