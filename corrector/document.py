"""A text prepared for the detectors: its tokens, their neighbours, and line positions.

Detectors ask the same questions about a token (is it at a sentence start, what word is next
to it, does ``[sic]`` follow it); answering them once here keeps each detector small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from corrector.tokens import SENTENCE, LineIndex, Shape, Token, gap_marker, tokenize_list

if TYPE_CHECKING:
    from corrector.tokentypes import TokenTypes

# What may stand between two sentences: end punctuation, an opening quote or bracket, a dash,
# or a blank line. (The text's first token is sentence-initial by position.)
_SENTENCE_END = re.compile(r"[.!?:\"\u201c\u2018(\[\u2014]|\n[ \t]*\n")
_SIC = re.compile(r"\s*\[sic\]", re.IGNORECASE)


@dataclass
class Document:
    """Text plus its tokens; the core never reads files, so a Document is built from text."""

    text: str
    tokens: list[Token] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str) -> Document:
        return cls(text, tokenize_list(text))

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def types(self) -> TokenTypes:
        """The tokens grouped by type, as arrays (``corrector.tokentypes``): detectors decide
        per distinct word and visit only the tokens whose word may matter."""
        from corrector.tokentypes import TokenTypes  # numpy: imported when first needed

        return TokenTypes.of(self.text, self.tokens)

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
        """What the language model sees before token ``i``: the previous word (lower case),
        a punctuation marker (``<s>``, ``,``, ``;``), or None when nothing useful is known."""
        if i == 0:
            return SENTENCE if not self.text[: self.tokens[0].start].strip() else None
        return self._neighbour(i - 1, self.gap_before(i))

    def right_word(self, i: int) -> str | None:
        """What the language model sees after token ``i`` (see ``left_word``)."""
        if i + 1 < len(self.tokens):
            return self._neighbour(i + 1, self.gap_before(i + 1))
        tail = self.text[self.tokens[i].end :]
        return gap_marker(tail) or None

    @cached_property
    def _sequence(self) -> tuple[list[str | None], list[int]]:
        """Words and punctuation markers as the language model counted them, and where
        each token stands in that sequence (the same construction as the corpus counts)."""
        sequence: list[str | None] = []
        where: list[int] = []
        tokens, text = self.tokens, self.text
        if not tokens:
            return sequence, where
        if not text[: tokens[0].start].strip():
            sequence.append(SENTENCE)
        # Most gaps are one of a few strings (" ", ", ", ".\n"): each is read once a text.
        markers: dict[str, str | None] = {}
        append = sequence.append
        word_shape = Shape.WORD
        end = -1
        for token in tokens:
            if end >= 0:
                gap = text[end : token.start]
                marker = markers.get(gap, "?")
                if marker == "?":
                    marker = markers[gap] = gap_marker(gap)
                if marker != "":
                    append(marker)
            end = token.end
            where.append(len(sequence))
            append(token.norm.lower() if token.shape is word_shape else None)
        sequence.append(gap_marker(text[end:]) or None)
        return sequence, where

    def model_sequence(self) -> tuple[list[str | None], list[int]]:
        """The items the language model sees (words in lower case, markers, None where the
        context breaks) and each token's position in that list: ``window(i)`` is read from
        them, and detectors that weigh many tokens at once can read them directly."""
        return self._sequence

    def window(self, i: int) -> tuple[str | None, str | None, str | None, str | None]:
        """(two before, one before, one after, two after) token ``i`` for the language
        model: words in lower case or markers (``<s>``, ``,``, ``;``), None where unknown."""
        sequence, where = self._sequence
        p = where[i]
        left = sequence[p - 1] if p >= 1 else None
        right = sequence[p + 1] if p + 1 < len(sequence) else None
        return (sequence[p - 2] if left and p >= 2 else None, left, right,
                sequence[p + 2] if right and p + 2 < len(sequence) else None)

    def _neighbour(self, j: int, gap: str) -> str | None:
        marker = gap_marker(gap)
        if marker != "":
            return marker
        token = self.tokens[j]
        return token.norm.lower() if token.shape is Shape.WORD else None

    def followed_by_sic(self, i: int) -> bool:
        return _SIC.match(self.text, self.tokens[i].end) is not None

    def next_char(self, i: int) -> str:
        end = self.tokens[i].end
        return self.text[end : end + 1]
