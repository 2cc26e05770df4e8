"""Content keys: how a decision finds its slip again after the file was edited elsewhere.

A decision is keyed on what the reader saw, not on where it was: the project path, the flagged
text, up to ``CONTEXT`` characters of white-space-collapsed text on each side, and which of the
identical-looking places it was (``occurrence``, counted in text order among places with the
same word and the same context). Line numbers change whenever a line is added above; the
word and its neighbours only change when someone edits that very place, and then the decision
should be asked again rather than applied to the wrong text.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

CONTEXT = 20
_WINDOW = 4 * CONTEXT  # raw characters read to get CONTEXT collapsed ones in ordinary prose
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ContentKey:
    """Where a decision applies, described by content: stable under edits elsewhere."""

    path: str  # project-relative POSIX path, or absolute for files outside the project
    old: str  # the flagged source text
    before: str  # collapsed context before, at most CONTEXT characters
    after: str  # collapsed context after, at most CONTEXT characters
    occurrence: int = 0  # index among the places in the file with the same old/before/after


def text_hash(text: str) -> str:
    """A fingerprint of a file's text, so an unchanged file can use stored offsets directly."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def context_before(text: str, start: int) -> str:
    return _SPACE.sub(" ", text[max(0, start - _WINDOW) : start])[-CONTEXT:]


def context_after(text: str, end: int) -> str:
    return _SPACE.sub(" ", text[end : end + _WINDOW])[:CONTEXT]


def project_path(path: Path | str, root: Path) -> str:
    """The name a file has in the store and in patches: relative to the project if inside it."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def _places(text: str, old: str) -> Iterable[int]:
    """Every start offset of ``old`` in ``text``, overlapping ones included."""
    if not old:
        return
    at = text.find(old)
    while at != -1:
        yield at
        at = text.find(old, at + 1)


def keys_for(text: str, path: str, spans: Sequence[tuple[int, int]]) -> list[ContentKey]:
    """Content keys for many spans of one text, in one pass per distinct flagged string."""
    keys: list[ContentKey | None] = [None] * len(spans)
    wanted: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, (start, end) in enumerate(spans):
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span {start}-{end} is empty or outside the text")
        wanted[text[start:end]][start].append(i)
    for old, starts in wanted.items():
        seen: dict[tuple[str, str], int] = defaultdict(int)
        remaining = len(starts)
        for at in _places(text, old):
            context = (context_before(text, at), context_after(text, at + len(old)))
            for i in starts.get(at, ()):
                keys[i] = ContentKey(path, old, *context, occurrence=seen[context])
                remaining -= 1
            seen[context] += 1
            if not remaining:
                break
    return [key for key in keys if key is not None]


def key_for(text: str, path: str, start: int, end: int) -> ContentKey:
    return keys_for(text, path, [(start, end)])[0]


def locate(text: str, key: ContentKey) -> tuple[int, int] | None:
    """Where ``key`` is in ``text`` now, or None when its word and context are gone."""
    seen = 0
    for at in _places(text, key.old):
        end = at + len(key.old)
        if context_before(text, at) == key.before and context_after(text, end) == key.after:
            if seen == key.occurrence:
                return at, end
            seen += 1
    return None
