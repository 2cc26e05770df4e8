"""Write accepted changes into the files: from the stored decisions, or from a patch file.

Each file is written atomically, or not at all: when any accepted change of a file no longer
fits its text (the file changed there since the decision), that file is refused with one line
saying why, and the other files are still done. After a file is written its decisions are
brought up to date in the store: the changes made are marked applied, and the decisions that
still stand (rejections elsewhere in the file) get the offsets, context keys and hash of the
new text, so the next review recognises them at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corrector.atomic import write_bytes
from corrector.files import InputError
from corrector.review.changes import Source, pending_by_file, read_source, stale_message
from corrector.review.edits import Edit, OverlapError, apply_edits, shift
from corrector.review.keys import keys_for, project_path, text_hash
from corrector.review.resolve import Placed, resolve
from corrector.review.scope import Scope, inside_project, project_file
from corrector.review.store import Decision, Store
from corrector.review.unified import PatchError, parse, patch_edits


@dataclass
class ApplyReport:
    applied: list[tuple[str, int]] = field(default_factory=list)  # (file, changes made)
    problems: list[str] = field(default_factory=list)  # one line each; the command exits 2
    notes: list[str] = field(default_factory=list)


def apply_decisions(store: Store | None, root: Path, scope: Scope,
                    forget_stale: bool = False) -> ApplyReport:
    """Make every pending accepted change under ``scope``; refuse files that changed there.

    With ``forget_stale``, changes whose text is gone are marked undone and the rest of the
    file is applied, for when the person has already fixed those places by hand.
    """
    report = ApplyReport()
    for name, decisions in pending_by_file(store, scope).items():
        assert store is not None
        if not any(d.action.changes_text for d in decisions):
            continue
        path = project_file(name, root)
        try:
            source = read_source(path)
        except InputError as exc:
            report.problems.append(str(exc))
            continue
        resolution = resolve(decisions, source.text)
        stale = resolution.stale_changes + [p.decision for p in resolution.conflicts]
        if stale and not forget_stale:
            report.problems.append(stale_message(name, resolution) + "; file not changed (run "
                                   "corrector review on it again, or apply --forget-stale)")
            continue
        if stale:
            store.forget(d.id for d in stale)
            report.notes.append(f"{name}: forgot {len(stale)} decision(s) whose text is gone")
            gone = {d.id for d in stale}
            decisions = [d for d in decisions if d.id not in gone]
        edits = [p.edit for p in resolution.changes]
        new = apply_edits(source.text, edits)
        if new != source.text:
            try:
                data = _encoded(name, source, source.bom + new)
            except ValueError as exc:
                report.problems.append(f"{exc}; file not changed")
                continue
            write_bytes(path, data)
        settle(store, name, source.text, new, edits, decisions)
        if edits:
            report.applied.append((name, len(edits)))
    return report


def apply_patch(store: Store | None, root: Path, scope: Scope, patch_text: str,
                patch_name: str) -> ApplyReport:
    """Apply a unified diff (``a/`` ``b/`` names, relative to ``root``) file by file."""
    report = ApplyReport()
    try:
        files = parse(patch_text)
    except PatchError as exc:
        report.problems.append(f"{patch_name}: {exc}")
        return report
    if not files and patch_text.strip():
        report.problems.append(f"{patch_name}: not a unified diff (no ---/+++ file headers)")
    for file_patch in files:
        if not inside_project(file_patch.path):
            report.problems.append(f"{patch_name}: {file_patch.path}: outside the project "
                                   "folder; not applied")
            continue
        path = root / file_patch.path
        name = project_path(path, root)
        if not scope.covers(name):
            report.notes.append(f"{name}: not under the paths given; skipped")
            continue
        try:
            source = read_source(path)
            full = source.bom + source.text
            edits = patch_edits(full, file_patch)
            new = apply_edits(full, edits)
            data = _encoded(name, source, new)
        except (InputError, PatchError, ValueError) as exc:
            report.problems.append(f"{exc}; file not changed")
            continue
        write_bytes(path, data)
        _settle_patched(store, name, source, new, edits)
        report.applied.append((name, len(edits)))
    return report


def _encoded(name: str, source: Source, text: str) -> bytes:
    """``text`` (BOM included) in the file's own encoding, so nothing else about it changes;
    ValueError when a change holds a character that encoding cannot store."""
    try:
        return text.encode(source.encoding)
    except UnicodeEncodeError as exc:
        raise ValueError(f"{name}: {exc.object[exc.start:exc.end]!r} cannot be written in "
                         f"{source.encoding}, the file's encoding") from None


def _settle_patched(store: Store | None, name: str, source: Source, new: str,
                    edits: Sequence[Edit]) -> None:
    """Bring a patched file's decisions up to date, in the text without its BOM."""
    if store is None or not new.startswith(source.bom):
        return
    skip = len(source.bom)
    if any(e.start < skip for e in edits):
        return  # the patch touched the BOM itself; decisions fall back to content keys
    inner = [Edit(e.start - skip, e.end - skip, e.new) for e in edits]
    decisions = [d for d in store.pending().values() if d.path == name]
    settle(store, name, source.text, new[skip:], inner, decisions)


def settle(store: Store, name: str, old: str, new: str, edits: Sequence[Edit],
           decisions: Sequence[Decision]) -> None:
    """After ``old`` became ``new`` by ``edits``: mark what was applied, move what stands.

    A change counts as applied when the edits made in its neighbourhood do exactly what the
    change (together with the other changes there) would have done; a decision no edit
    touched moves with the text. Anything else is left for the content key to find or not.
    """
    resolution = resolve(decisions, old)
    applied = [d.id for d in resolution.done]
    moved: list[Placed] = []
    for cluster_edits, placed in _clusters(edits, resolution.placed):
        changes = [p for p in placed if p.decision.action.changes_text]
        if not cluster_edits:
            moved += placed
        elif changes and _same_effect(old, cluster_edits, changes):
            applied += [p.decision.id for p in changes]
    spans = [(shift(p.start, edits, start=True), shift(p.end, edits, start=False))
             for p in moved]
    keys = keys_for(new, name, spans)
    digest = text_hash(new)
    store.rebase([(p.decision.id, key, start, end, digest)
                  for p, key, (start, end) in zip(moved, keys, spans, strict=True)], applied)


def _clusters(edits: Sequence[Edit], placed: Sequence[Placed]
              ) -> list[tuple[list[Edit], list[Placed]]]:
    """Edits and placed decisions grouped where they overlap (an insertion at a span's edge
    does not overlap it)."""
    items = sorted([(e.start, e.end, 0, i) for i, e in enumerate(edits)]
                   + [(p.start, p.end, 1, i) for i, p in enumerate(placed)])
    clusters: list[tuple[list[Edit], list[Placed]]] = []
    low = high = -1
    for start, end, kind, i in items:
        joins = start < high if end > start else low < start < high
        if not clusters or not joins:
            clusters.append(([], []))
            low, high = start, end
        high = max(high, end)
        if kind == 0:
            clusters[-1][0].append(edits[i])
        else:
            clusters[-1][1].append(placed[i])
    return clusters


def _same_effect(old: str, edits: Sequence[Edit], changes: Sequence[Placed]) -> bool:
    low = min([e.start for e in edits] + [p.start for p in changes])
    high = max([e.end for e in edits] + [p.end for p in changes])
    region = old[low:high]
    try:
        made = apply_edits(region, [Edit(e.start - low, e.end - low, e.new) for e in edits])
        wanted = apply_edits(region, [Edit(p.start - low, p.end - low, p.edit.new)
                                      for p in changes])
    except OverlapError:
        return False
    return made == wanted
