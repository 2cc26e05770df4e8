"""Every output of ``corrector check`` is one function over one ``CheckReport``.

Like typos' reporters: a format is a module with ``render(report) -> str``; adding one is
adding a file and a line in ``FORMATS``. Modules are imported only when chosen, so the
common text run does not pay for XML or SARIF code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from urllib.parse import quote

from corrector.check.baseline import Entry
from corrector.check.keys import Located

FORMATS = {
    "text": "corrector.check.formats.text",
    "github": "corrector.check.formats.github",
    "sarif": "corrector.check.formats.sarif",
    "json": "corrector.check.formats.json_doc",
    "junit": "corrector.check.formats.junit",
}


@dataclass(frozen=True)
class FileStatus:
    """One file the check met: checked, an error (exit 2), or skipped with a note."""

    path: str
    error: str | None = None
    note: str | None = None


@dataclass
class CheckReport:
    """What a check found, after confidence, kinds and baseline filtering."""

    findings: list[Located] = field(default_factory=list)
    files: list[FileStatus] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)  # the language data's meta
    baseline: str | None = None  # the baseline file read, if any
    suppressed: int = 0  # findings the baseline accepted
    stale: list[Entry] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [f.error for f in self.files if f.error]


def render(name: str, report: CheckReport) -> str:
    """The report in format ``name`` (a key of FORMATS), ending with a newline if not empty."""
    return import_module(FORMATS[name]).render(report)


def repo_path(path: str) -> str:
    """``path`` relative to the current folder with ``/``, as CI systems name files."""
    absolute = Path(os.path.abspath(path))
    here = Path.cwd()
    return absolute.relative_to(here).as_posix() if absolute.is_relative_to(here) \
        else absolute.as_posix()


def uri(path: str) -> str:
    """A URI reference for ``path``: relative and percent-encoded, or file:// outside cwd."""
    posix = repo_path(path)
    return Path(posix).as_uri() if Path(posix).is_absolute() else quote(posix, safe="/")
