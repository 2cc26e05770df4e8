"""A text prepared for the detectors: its tokens, their neighbours, and line positions.

Detectors ask the same questions about a token (is it at a sentence start, what word is next
to it, does ``[sic]`` follow it); answering them once here keeps each detector small.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import TYPE_CHECKING, TypeVar

from corrector.tokens import SENTENCE, LineIndex, Shape, Token, gap_marker, tokenize_with_gaps

if TYPE_CHECKING:
    import numpy as np

    from corrector.langdata import LanguageData
    from corrector.tokentypes import TokenTypes

# What may stand between two sentences: end punctuation, an opening quote or bracket, a dash,
# or a blank line. (The text's first token is sentence-initial by position.)
_SENTENCE_END = re.compile(r"[.!?:\"\u201c\u2018(\[\u2014]|\n[ \t]*\n")
_SIC = re.compile(r"\s*\[sic\]", re.IGNORECASE)
_SENTENCE_GAPS: dict[str, bool] = {}  # gap -> whether a sentence starts after it
MAX_KEPT_GAPS = 20_000
_START, _END = itemgetter(1), itemgetter(2)
T = TypeVar("T")


@dataclass
class Document:
    """Text plus its tokens; the core never reads files, so a Document is built from text."""

    text: str
    tokens: list[Token] = field(default_factory=list)
    # Answers worked out for a model or data (``kept``): key -> (owner, answer).
    _kept: dict[str, tuple[object, object]] = field(default_factory=dict, init=False,
                                                    repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str) -> Document:
        tokens, gaps = tokenize_with_gaps(text)
        document = cls(text, tokens)
        document.__dict__["gaps"] = gaps  # (``gaps``, as the tokenizer's split cut them out)
        return document

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
        """The source text between token ``i - 1`` and token ``i`` (before the first: from
        the text's start), read from ``gaps``."""
        return self.gaps[i - 1] if i > 0 else self.text[: self.tokens[0].start]

    def sentence_initial(self, i: int) -> bool:
        """Whether token ``i`` starts a sentence, paragraph or the text. (Each distinct gap
        is searched once for the process: a text has a few hundred, asked thousands of
        times.)"""
        if i == 0:
            return True
        gap = self.gaps[i - 1]
        found = _SENTENCE_GAPS.get(gap)
        if found is None:
            if len(_SENTENCE_GAPS) > MAX_KEPT_GAPS:
                _SENTENCE_GAPS.clear()
            found = _SENTENCE_GAPS[gap] = _SENTENCE_END.search(gap) is not None
        return found

    @cached_property
    def gaps(self) -> list[str]:
        """The source text between each token and the next (``gap_before`` of tokens 1
        on), cut out in one C-level pass: the model sequence and the sentence starts are
        read from them."""
        tokens, text = self.tokens, self.text
        ends = list(map(_END, tokens[:-1]))
        return list(map(text.__getitem__, map(slice, ends, map(_START, tokens[1:]))))

    @cached_property
    def sentence_starts(self) -> np.ndarray:
        """``sentence_initial`` of every token, as a boolean array: each distinct gap (most
        are " ", ", ", ".\n") is searched once, for detectors that ask it of most tokens."""
        import numpy as np

        gaps = self.gaps
        starts = {gap: _SENTENCE_END.search(gap) is not None for gap in set(gaps)}
        out = np.empty(len(self.tokens), dtype=bool)
        if len(out):
            out[0] = True
            out[1:] = np.fromiter(map(starts.__getitem__, gaps), bool, len(gaps))
        return out

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
        sequence, where = self._sequence_arrays
        return sequence.tolist(), where.tolist()

    @cached_property
    def _sequence_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """``_sequence`` as arrays (the items in an object array), built in C-level passes:
        each distinct gap (most are " ", ", ", ".\n") is read once for its marker, each
        token's place is its index plus the markers before it, and the words (each type
        lowered once) and markers are put in their places with one assignment each."""
        import numpy as np

        tokens, text = self.tokens, self.text
        if not tokens:
            return np.empty(0, dtype=object), np.empty(0, dtype=np.int64)
        types = self.types
        words = np.empty(len(types.norms), dtype=object)
        words[:] = self._type_words
        items = words[types.of_token]
        items[~types.word] = None  # numbers, numerals, initials: the context breaks there
        gaps = self.gaps
        marker_of = {gap: gap_marker(gap) for gap in set(gaps)}
        markers = np.empty(len(gaps), dtype=object)
        markers[:] = list(map(marker_of.__getitem__, gaps))
        marked = markers != ""  # (a None marker is an item too: the context breaks there)
        first = 0 if text[: tokens[0].start].strip() else 1  # a sentence start before
        where = np.arange(first, first + len(tokens))
        where[1:] += np.cumsum(marked)
        sequence = np.empty(int(where[-1]) + 2, dtype=object)  # (None where not set)
        if first:
            sequence[0] = SENTENCE
        sequence[where] = items
        sequence[where[1:][marked] - 1] = markers[marked]
        sequence[-1] = gap_marker(text[tokens[-1].end :]) or None
        return sequence, where

    @cached_property
    def _type_words(self) -> list[str]:
        """Each token type's norm in lower case: the word the language model sees."""
        return list(map(str.lower, self.types.norms))

    def type_words(self) -> list[str]:
        """Each token type's norm in lower case (``types.norms``' order), as the language
        model sees it."""
        return self._type_words

    def model_sequence(self) -> tuple[list[str | None], list[int]]:
        """The items the language model sees (words in lower case, markers, None where the
        context breaks) and each token's position in that list: ``window(i)`` is read from
        them, and detectors that weigh many tokens at once can read them directly."""
        return self._sequence

    def model_places(self) -> np.ndarray:
        """Each token's position in ``model_sequence`` (int64), for detectors that read
        the window items of many tokens at once (``model_ids`` at these + 2)."""
        return self._sequence_arrays[1]

    def model_ids(self, data: LanguageData) -> np.ndarray:
        """``model_sequence``'s items as word ids (``context_batch.item_ids``), with two
        NONE before and after so that a window's items are read without bounds checks.
        Kept for the document's last data: detectors read it more than once."""
        import numpy as np  # (when first needed, as the types)

        from corrector.context_batch import NONE, item_ids

        def compute() -> np.ndarray:
            # The words' ids looked up once a type and gathered to the tokens' places; the
            # markers (the other items) looked up apart.
            sequence, where = self._sequence_arrays
            ids = np.full(len(sequence) + 4, NONE, dtype=np.int64)
            if len(where):
                types = self.types
                token_ids = self._type_word_ids(data)[types.of_token]
                token_ids[~types.word] = NONE
                ids[where + 2] = token_ids
                others = np.ones(len(sequence), dtype=bool)
                others[where] = False
                rest = np.flatnonzero(others)
                ids[rest + 2] = item_ids(data, sequence[rest].tolist())
            return ids

        return self.kept("model ids", data, compute)

    def _type_word_ids(self, data: LanguageData) -> np.ndarray:
        """Each type's word id (``context_batch.item_ids`` of its lower-case word), by
        type: kept for the data by process-wide type id (``TokenTypes.per_type_values``),
        so a text looks up only the words no text looked up before."""
        from corrector.context_batch import item_ids
        from corrector.tokentypes import TypeValues

        memo = getattr(data, "_type_word_ids", None)
        if memo is None:
            memo = TypeValues()
            object.__setattr__(data, "_type_word_ids", memo)
        words = self._type_words
        # (Kept as the id + 1, so that a word the corpus never counted, UNKNOWN, is 0.)
        return self.types.per_type_values(
            lambda new: item_ids(data, [words[k] for k in new.tolist()]) + 1, memo) - 1

    def kept(self, key: str, owner: object, compute: Callable[[], T]) -> T:
        """``compute()``, kept on the document under ``key`` for ``owner`` (the model or
        data it was worked out with) until another owner asks: several detectors ask the
        same question of a text in turn (its misread prior, its habitual misreadings), and
        keeping the answer on the text itself, not in a module, lets threads scanning
        different texts keep theirs and frees it with the text."""
        cached = self._kept.get(key)
        if cached is None or cached[0] is not owner:
            cached = self._kept[key] = (owner, compute())
        return cached[1]

    def window(self, i: int) -> tuple[str | None, str | None, str | None, str | None]:
        """(two before, one before, one after, two after) token ``i`` for the language
        model: words in lower case or markers (``<s>``, ``,``, ``;``), None where unknown."""
        sequence, where = self._sequence_arrays  # (read directly: asked of a few tokens)
        p = int(where[i])
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
