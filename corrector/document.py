"""A text prepared for the detectors: its tokens, their neighbours, and line positions.

Detectors ask the same questions about a token (is it at a sentence start, what word is next
to it, does ``[sic]`` follow it); answering them once here keeps each detector small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from corrector.tokens import LineIndex, Shape, Token, tokenize

_SENTENCE_END = re.compile(r"[.!?:\"\u201c\u2018(\[\u2014]|\n[ \t]*\n|^\s*$")
_SIC = re.compile(r"\s*\[sic\]", re.IGNORECASE)


@dataclass
class Document:
    """Text plus its tokens; the core never reads files, so a Document is built from text."""

    text: str
    tokens: list[Token] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str) -> Document:
        return cls(text, list(tokenize(text)))

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    def gap_before(self, i: int) -> str:
        """The source text between token ``i - 1`` and token ``i``."""
        start = self.tokens[i - 1].end if i > 0 else 0
        return self.text[start : self.tokens[i].start]

    def sentence_initial(self, i: int) -> bool:
        """Whether token ``i`` starts a sentence, paragraph or the text."""
        if i == 0:
            return True
        return _SENTENCE_END.search(self.gap_before(i)) is not None

    def left_word(self, i: int) -> str | None:
        """The word before token ``i`` if only white space separates them, else None."""
        if i == 0:
            return None
        previous = self.tokens[i - 1]
        gap = self.gap_before(i)
        if previous.shape is Shape.WORD and (gap.isspace() and "\n\n" not in gap):
            return previous.norm.lower()
        return None

    def right_word(self, i: int) -> str | None:
        """The word after token ``i`` if only white space separates them, else None."""
        if i + 1 >= len(self.tokens):
            return None
        return self.left_word(i + 1) and self.tokens[i + 1].norm.lower()

    def followed_by_sic(self, i: int) -> bool:
        return _SIC.match(self.text, self.tokens[i].end) is not None

    def next_char(self, i: int) -> str:
        end = self.tokens[i].end
        return self.text[end : end + 1]
