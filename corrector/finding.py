"""The one Finding model every detector produces and every output reads.

The JSON form (``Finding.to_json``) is a data contract other tools rely on: fields are added,
never renamed. ``path`` is filled in at the edge (the core works on text, not files).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum


class Kind(str, Enum):
    """What sort of slip a finding is; one value per detector family."""

    NON_WORD = "non-word"
    ANACHRONISM = "anachronism"
    REAL_WORD = "real-word"
    SPLIT_WORD = "split-word"
    JOINED_WORD = "joined-word"
    HYPHENATION = "hyphenation"
    PUNCTUATION = "punctuation"
    CONSISTENCY = "consistency"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed replacement, its score (higher is better, in [0, 1]) and its provenance."""

    text: str
    score: float
    origin: str = ""  # which mechanism proposed it and the evidence, for `explain` and audit

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "score": round(self.score, 4), "origin": self.origin}


@dataclass(frozen=True, slots=True)
class Finding:
    """A likely slip: where it is, what it is, how sure we are, and what to put instead."""

    start: int  # code-point offset into the text as read
    end: int
    text: str  # text[start:end]
    kind: Kind
    confidence: float
    suggestions: tuple[Suggestion, ...]
    reason: str
    line: int = 0
    column: int = 0
    path: str = ""
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def best(self) -> str | None:
        return self.suggestions[0].text if self.suggestions else None

    def at(self, path: str) -> Finding:
        return replace(self, path=path)

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "text": self.text,
            "kind": self.kind.value,
            "confidence": round(self.confidence, 4),
            "suggestions": [s.to_json() for s in self.suggestions],
            "reason": self.reason,
        }
