"""The project's pending changes: stored decisions matched against the files as they are now.

``corrector patch`` and ``corrector apply`` both start here, so they agree on what is pending,
what is stale and what was applied already.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from corrector.files import UTF8, InputError
from corrector.files import read_source as read_file
from corrector.review.edits import Edit
from corrector.review.patch import unified_diff
from corrector.review.resolve import Resolution, resolve
from corrector.review.scope import Scope, inside_project, project_file
from corrector.review.store import Decision, Store

BOM = "\ufeff"


@dataclass(frozen=True)
class Source:
    """A file's text as corrector reads it, the byte order mark to write back, if any, and
    the encoding to write it in (the file's own: a Windows-1252 file stays Windows-1252)."""

    text: str
    bom: str = ""
    encoding: str = UTF8


def read_source(path: Path) -> Source:
    read = read_file(path)
    return Source(read.text, read.bom, read.encoding)


def pending_by_file(store: Store | None, scope: Scope) -> dict[str, list[Decision]]:
    """Standing, not yet applied decisions under ``scope``, by project file name, sorted."""
    if store is None:
        return {}
    found: dict[str, list[Decision]] = defaultdict(list)
    for decision in store.pending().values():
        if scope.covers(decision.path):
            found[decision.path].append(decision)
    return dict(sorted(found.items()))


def describe(decision: Decision) -> str:
    new = f" -> {decision.replacement!r}" if decision.replacement is not None else ""
    return f"{decision.key.old!r}{new} (offset {decision.start})"


def stale_message(name: str, resolution: Resolution) -> str:
    """One line saying why a file's decisions cannot be applied."""
    parts = []
    if resolution.stale_changes:
        gone = resolution.stale_changes
        parts.append(f"{len(gone)} accepted change(s) no longer match the text "
                     f"({', '.join(map(describe, gone[:3]))}{', ...' if len(gone) > 3 else ''})")
    if resolution.conflicts:
        parts.append(f"{len(resolution.conflicts)} change(s) overlap another "
                     f"({', '.join(describe(p.decision) for p in resolution.conflicts[:3])})")
    return f"{name}: changed since its decisions were made: {'; '.join(parts)}"


@dataclass
class PatchResult:
    text: str = ""
    files: int = 0
    changes: int = 0
    problems: list[str] = field(default_factory=list)


def make_patch(store: Store | None, root: Path, scope: Scope) -> PatchResult:
    """One unified diff of every accepted change under ``scope`` that still fits its file.

    Changes whose text is gone are reported, not guessed at; the rest of the file is still in
    the patch, because a patch is only a proposal (``apply`` is where we refuse).
    """
    result = PatchResult()
    parts: list[str] = []
    for name, decisions in pending_by_file(store, scope).items():
        if not any(d.action.changes_text for d in decisions):
            continue
        if not inside_project(name):
            result.problems.append(f"{name}: outside the project folder {root}; run corrector "
                                   "patch from a folder that holds it")
            continue
        try:
            source = read_source(project_file(name, root))
        except InputError as exc:
            result.problems.append(str(exc))
            continue
        resolution = resolve(decisions, source.text)
        if resolution.stale_changes or resolution.conflicts:
            result.problems.append(stale_message(name, resolution) + "; left out of the patch")
        shift = len(source.bom)
        edits = [Edit(p.start + shift, p.end + shift, p.edit.new) for p in resolution.changes]
        try:
            diff = unified_diff(name, source.bom + source.text, edits)
        except ValueError as exc:
            result.problems.append(str(exc))
            continue
        if diff:
            parts.append(diff)
            result.files += 1
            result.changes += len(edits)
    result.text = "".join(parts)
    return result
