"""Answers about words kept across texts, per model (no heavy imports: loaded at start-up)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corrector.model import Model

MEMO_SIZE = 200_000  # words remembered per question; a book uses a few tens of thousands
_MEMOS: dict[str, tuple[object, object, object, Any]] = {}


def word_memo(model: Model, question: str, kind: Callable[[], Any] = dict) -> Any:
    """Answers to ``question`` about words, for this model, kept across texts: a folder of
    chapters, or a long file scanned a chunk at a time, keeps asking about the same words.
    Valid for the model's data, error model and confusion table, which the entry holds (so
    they stay alive and cannot be mistaken for others): answers for another model's are
    dropped, not reused. The answers are kept in a new ``kind()``: a dict, or a
    ``tokentypes.TypeAnswers`` for a yes/no question asked per word type."""
    parts = (model.data, model.errors, model.confusions)
    entry = _MEMOS.get(question)
    if entry is None or any(held is not part for held, part in zip(entry, parts)):
        entry = _MEMOS[question] = (*parts, kind())
    return entry[3]
