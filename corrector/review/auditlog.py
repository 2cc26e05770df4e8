"""The decision log for audit: one JSON object a line, oldest decision first.

An editor publishing a corrected text can show what was changed, which rule flagged it, on what
evidence: file, span, old and new text, the finding's kind (rule), where the replacement came
from (the suggestion's origin, or "typed"), and when it was decided, applied or undone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from corrector.review.store import Decision


def record(decision: Decision) -> dict[str, object]:
    return {
        "file": decision.path,
        "span": [decision.start, decision.end],
        "old": decision.key.old,
        "new": decision.replacement if decision.action.changes_text else None,
        "action": decision.action.value,
        "rule": decision.rule,
        "origin": decision.origin,
        "time": decision.made_at,
        "applied": decision.applied_at,
        "undone": decision.undone_at,
        "context": [decision.key.before, decision.key.after],
    }


def log_lines(decisions: Iterable[Decision]) -> Iterator[str]:
    for decision in decisions:
        yield json.dumps(record(decision), ensure_ascii=False) + "\n"
