"""``--changed-since REV``: the text files git says changed, so CI checks only new work.

"Changed since REV" means changed on this line of work since it left REV: the files that
differ between the merge base of REV and HEAD and the working tree. For a REV that is an
ancestor of HEAD that is simply ``git diff REV``; for a branch that moved on
(``origin/main`` in a pull request) it leaves out what others changed there meanwhile.

Untracked files (not ignored by .gitignore) count as changed: a new transcription not yet
added is exactly what a pre-push check should read. In CI a fresh checkout has none, so it
makes no difference there. Deleted files are left out: there is nothing to read.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from corrector.files import TEXT_SUFFIXES


class GitError(Exception):
    """git cannot answer; the message is one line for the user."""


def changed_files(rev: str, cwd: Path) -> list[Path]:
    """Changed and untracked *.txt / *.md files, as paths relative to ``cwd`` when inside it."""
    if not rev or rev.startswith("-"):
        raise GitError(f"--changed-since: '{rev}' is not a revision")
    if shutil.which("git") is None:
        raise GitError("--changed-since needs git, and git is not installed")
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd,
                    f"--changed-since: {cwd} is not inside a git repository").strip())
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top,
         f"--changed-since: unknown revision '{rev}'")
    base = _git(["merge-base", rev, "HEAD"], top,
                f"--changed-since: '{rev}' and HEAD have no common history").strip()
    names = _git(["diff", "--name-only", "-z", "--diff-filter=d", base, "--"], top).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], top).split("\0")
    here = Path(os.path.realpath(cwd))  # git reports its top folder with links resolved
    found = []
    for name in sorted({n for n in names if n.endswith(TEXT_SUFFIXES)}):
        path = top / name
        found.append(path.relative_to(here) if path.is_relative_to(here) else path)
    return found


def _git(args: list[str], cwd: Path, failure: str | None = None) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                              encoding="utf-8", errors="surrogateescape", timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"--changed-since: git {args[0]} failed ({exc})") from None
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()
        raise GitError(failure or f"--changed-since: git {args[0]} failed: "
                       f"{detail[-1] if detail else done.returncode}")
    return done.stdout
