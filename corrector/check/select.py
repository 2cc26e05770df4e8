"""Which files a check reads: the paths given, folders walked, then include/exclude globs.

The globs apply to every file, named ones too, because pre-commit and ``--changed-since``
name files one by one: a project that excludes ``drafts/`` wants it left out however the file
reached the check. Glob rules, as in ``.gitignore``:

- a pattern with no ``/`` matches a file or folder name at any depth (``*.md``, ``drafts``);
- a pattern with a ``/`` matches the path from the project root (the config file's folder),
  and everything under it when it names a folder (``texts/1919``, ``/notes.md``);
- ``*`` and ``?`` stay within one folder name, ``**`` spans any number of folders.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath

from corrector.files import Source, iter_sources


@dataclass
class Selection:
    """The files to scan, in order, and which of them a folder walk found (not named)."""

    paths: list[Path] = field(default_factory=list)
    walked: set[str] = field(default_factory=set)


def select_files(paths: Iterable[Path], root: Path, include: tuple[str, ...] = (),
                 exclude: tuple[str, ...] = ()) -> Selection:
    """Named files (kept even when missing, so the scan reports them) and walked folders."""
    selection = Selection()
    for path in paths:
        if path.is_dir():
            for source in iter_sources([path]):
                assert isinstance(source, Source)  # a walk yields only files it found
                if wanted(source.path, root, include, exclude):
                    selection.paths.append(source.path)
                    selection.walked.add(str(source.path))
        elif not path.exists() or wanted(path, root, include, exclude):
            selection.paths.append(path)
    return selection


def wanted(path: Path, root: Path, include: tuple[str, ...], exclude: tuple[str, ...]) -> bool:
    """Whether ``path`` passes the globs: any include (when there are some), no exclude."""
    relative = project_path(path, root)
    if include and not any(matches(pattern, relative) for pattern in include):
        return False
    return not any(matches(pattern, relative) for pattern in exclude)


def project_path(path: Path, root: Path) -> PurePosixPath:
    """``path`` relative to the project root, or absolute when it lies outside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return PurePosixPath(absolute.relative_to(Path(os.path.abspath(root))).as_posix())
    except ValueError:
        return PurePosixPath(absolute.as_posix())


def matches(pattern: str, path: PurePosixPath) -> bool:
    """Whether one include/exclude glob matches ``path`` (see the module docstring)."""
    pattern = pattern.strip().rstrip("/")
    if not pattern:
        return False
    if "/" not in pattern:
        name = _compile(pattern, anchored=False)
        return any(name.fullmatch(part) for part in path.parts)
    return bool(_compile(pattern.lstrip("/"), anchored=True).fullmatch(path.as_posix()))


@lru_cache(maxsize=256)
def _compile(pattern: str, anchored: bool) -> re.Pattern[str]:
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and "]" in pattern[i + 2 :]:
            close = pattern.index("]", i + 2)
            body = pattern[i + 1 : close]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = close + 1
            continue
        else:
            out.append(re.escape(c))
        i += 1
    suffix = "(?:/.*)?" if anchored else ""
    return re.compile("".join(out) + suffix)
