"""Find each stored decision in a file's text as it is now.

An unchanged file (same hash) uses the stored offsets. A file edited since uses the content
key: the same word with the same context on both sides. A change whose replacement already
stands there in the same context was applied by some other route (``git apply`` of our patch,
or by hand) and is left alone. Anything else is stale: reported, never guessed at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from corrector.review.edits import Edit
from corrector.review.keys import locate, text_hash
from corrector.review.store import Decision


@dataclass(frozen=True, slots=True)
class Placed:
    decision: Decision
    start: int
    end: int

    @property
    def edit(self) -> Edit:
        return Edit(self.start, self.end, self.decision.replacement or "")


@dataclass
class Resolution:
    """Decisions of one file sorted by what can be done with them."""

    placed: list[Placed] = field(default_factory=list)  # found in the text, in text order
    changes: list[Placed] = field(default_factory=list)  # placed accept/edit, non-overlapping
    conflicts: list[Placed] = field(default_factory=list)  # changes overlapping an earlier one
    done: list[Decision] = field(default_factory=list)  # the replacement is already there
    stale: list[Decision] = field(default_factory=list)  # the text is gone

    @property
    def stale_changes(self) -> list[Decision]:
        return [d for d in self.stale if d.action.changes_text]


def place(decision: Decision, text: str, current_hash: str) -> tuple[int, int] | None:
    old = decision.key.old
    if decision.file_hash == current_hash and text[decision.start : decision.end] == old:
        return decision.start, decision.end
    return locate(text, decision.key)


def _already_applied(decision: Decision, text: str) -> bool:
    if not decision.action.changes_text or not decision.replacement:
        return False
    key = replace(decision.key, old=decision.replacement)
    return any(locate(text, replace(key, occurrence=n)) for n in
               dict.fromkeys((decision.key.occurrence, 0)))


def resolve(decisions: Iterable[Decision], text: str) -> Resolution:
    result = Resolution()
    current = text_hash(text)
    for decision in decisions:
        span = place(decision, text, current)
        if span is not None:
            result.placed.append(Placed(decision, *span))
        elif _already_applied(decision, text):
            result.done.append(decision)
        else:
            result.stale.append(decision)
    result.placed.sort(key=lambda p: (p.start, p.end, p.decision.id))
    last_end = -1
    for placed in result.placed:
        if not placed.decision.action.changes_text:
            continue
        if placed.start < last_end:
            result.conflicts.append(placed)
        else:
            result.changes.append(placed)
            last_end = placed.end
    return result
