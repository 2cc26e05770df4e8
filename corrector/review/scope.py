"""Which stored decisions a command line's PATH arguments cover.

The store names files relative to the project folder (absolute for files outside it); the user
names files or folders relative to where they stand. Both are resolved before comparing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path, PurePosixPath


def project_file(name: str, root: Path) -> Path:
    """The file a store or patch name refers to."""
    path = Path(name)
    return path if path.is_absolute() else root / path


def inside_project(name: str) -> bool:
    """Whether a patch or store name stays inside the project folder (no /abs, no ../)."""
    pure = PurePosixPath(name)
    return not pure.is_absolute() and ".." not in pure.parts and name not in ("", ".")


class Scope:
    """The files and folders named on the command line."""

    def __init__(self, targets: Iterable[Path], root: Path) -> None:
        self.root = root
        self.targets = [Path(t).resolve() for t in targets]

    def covers(self, name: str) -> bool:
        if not self.targets:
            return True
        path = project_file(name, self.root).resolve()
        return any(path == t or t in path.parents for t in self.targets)
