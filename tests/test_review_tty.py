"""A real ``corrector review`` in a pseudo-terminal (80×24): single keys, durable decisions.

Each test drives the command as a person would, waiting for the screen to show the next
finding before pressing the next key, then checks what the store, the word list and the patch
say afterwards.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.clirun import ENV, run

pexpect = pytest.importorskip("pexpect", reason="pexpect drives the terminal session")

TEXT = ("It is obliged to nuke temporary agreements with them.\n"
        "They gained by plunder ft great deal of territory, and did nuke it.\n")
PROMPT = "[y 1-9 e n a i s u A q ?] "
TTY_ENV = {**ENV, "TERM": "xterm", "COLUMNS": "80", "LINES": "24"}
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    return folder


class Review:
    """One ``corrector review`` in a pseudo-terminal, with its screen output kept."""

    def __init__(self, project: Path, *paths: str) -> None:
        self.screen = io.StringIO()
        self.child = pexpect.spawn(
            sys.executable, ["-m", "corrector", "review", *(paths or ("a.txt",))],
            cwd=str(project), env=TTY_ENV, dimensions=(24, 80), encoding="utf-8", timeout=60,
        )
        self.child.logfile_read = self.screen

    def at(self, n: int, m: int) -> None:
        """Wait until finding n of m is shown and the session waits for a key."""
        self.child.expect_exact(f"{n}/{m}")
        self.child.expect_exact(PROMPT)

    def press(self, keys: str) -> None:
        self.child.send(keys)

    def shows(self, text: str) -> None:
        self.child.expect_exact(text)

    def ends(self) -> int:
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus

    def lines(self) -> list[str]:
        return ANSI.sub("", self.screen.getvalue()).replace("\r\n", "\n").split("\n")


def decisions(project: Path, *flags: str) -> list[tuple[str, str, str | None]]:
    result = run("log", *flags, cwd=project)
    assert result.returncode == 0, result.stderr
    return [(d["old"], d["action"], d["new"])
            for d in map(json.loads, result.stdout.splitlines())]


def test_accept_edit_undo_reject_quit_resume_and_the_patch_applies(project, tmp_path):
    review = Review(project)
    review.at(1, 3)
    review.press("y")
    review.at(2, 3)
    review.press("e")
    review.shows("replacement for 'ft': ")
    review.press("a\r")
    review.at(3, 3)
    review.press("u")
    review.shows("undone: edit 'ft' -> 'a'")
    review.at(2, 3)
    review.press("n")
    review.at(3, 3)
    review.press("q")
    assert review.ends() == 1  # one finding left undecided
    screen = review.lines()
    assert any(line.startswith("a.txt:1:18  anachronism") for line in screen)
    assert max(map(len, screen)) <= 80
    assert decisions(project) == [("nuke", "accept", "make"), ("ft", "reject", None)]
    assert ("ft", "edit", "a") in decisions(project, "--all")

    again = Review(project)
    again.at(3, 3)  # resumes at the one finding not yet decided
    again.press("e")
    again.shows("replacement for 'nuke': ")
    again.press("make\r")
    again.shows("nothing left to decide")
    again.press("x")
    assert again.ends() == 0

    patch = run("patch", "a.txt", "-o", "changes.patch", cwd=project)
    assert patch.returncode == 0, patch.stderr
    expected = TEXT.replace("nuke", "make")
    pristine = tmp_path / "pristine"
    pristine.mkdir()
    (pristine / "a.txt").write_text(TEXT, encoding="utf-8")
    if shutil.which("git") is None:
        pytest.skip("git is not installed: cannot check the patch with git apply")
    patch_file = str(project / "changes.patch")
    check = subprocess.run(["git", "apply", "--check", patch_file], cwd=pristine,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    subprocess.run(["git", "apply", patch_file], cwd=pristine, check=True)
    assert (pristine / "a.txt").read_text(encoding="utf-8") == expected


def test_add_to_list_and_undo_take_the_word_on_and_off_the_project_list(project):
    words = project / "corrector-words.txt"
    review = Review(project)
    review.at(1, 3)
    review.press("a")
    review.shows("'nuke' added to corrector-words.txt")
    review.at(2, 3)  # the other 'nuke' is not asked about any more
    assert words.read_text(encoding="utf-8") == "nuke\n"
    review.press("u")
    review.shows("nuke taken off the word list")
    review.at(1, 3)
    assert words.read_text(encoding="utf-8") == ""
    review.press("a")
    review.at(2, 3)
    review.press("q")
    assert review.ends() == 1

    later = Review(project)  # the list now silences 'nuke' in the scan itself
    later.at(1, 1)
    later.press("u")  # undo reaches back into the last session: the word leaves the list
    later.shows("taken off the word list")
    later.at(1, 3)
    assert "nuke" not in words.read_text(encoding="utf-8")
    later.press("q")
    later.ends()


def test_sigkill_mid_session_loses_no_decision_made_before(project):
    review = Review(project)
    review.at(1, 3)
    review.press("y")
    review.at(2, 3)
    review.press("n")
    review.at(3, 3)
    review.child.kill(signal.SIGKILL)
    review.child.expect(pexpect.EOF)
    review.child.close()
    assert review.child.signalstatus == signal.SIGKILL
    assert decisions(project) == [("nuke", "accept", "make"), ("ft", "reject", None)]
    db = sqlite3.connect(project / ".corrector" / "decisions.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()

    again = Review(project)
    again.at(3, 3)
    again.press("q")
    again.ends()


def test_batch_key_decides_every_occurrence_of_the_slip(project):
    review = Review(project)
    review.at(1, 3)
    review.press("A")
    review.shows("the same decision for all 2 'nuke'")
    review.press("y")
    review.at(2, 3)
    review.press("q")
    review.ends()
    assert decisions(project) == [("nuke", "accept", "make"), ("nuke", "accept", "make")]


def test_help_lists_every_key(project):
    review = Review(project)
    review.at(1, 3)
    review.press("?")
    review.shows("this help")
    review.at(1, 3)
    review.press("q")
    review.ends()
    screen = "\n".join(review.lines())
    for key in ("y", "1-9", "e", "n", "a", "i", "s", "u", "A", "q", "?"):
        assert re.search(rf"^  {re.escape(key)}\s+\w", screen, re.MULTILINE), key


def test_without_a_terminal_keys_come_one_a_line(project):
    result = run("review", "a.txt", cwd=project, input="y\ne mend\nn\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1/3" in result.stdout and "3/3" in result.stdout
    assert decisions(project) == [("nuke", "accept", "make"), ("ft", "edit", "mend"),
                                  ("nuke", "reject", None)]
    result = run("review", "a.txt", cwd=project, input="")
    assert result.returncode == 0
    assert "all 3 findings already decided" in result.stdout


def test_a_finding_fits_80_by_24_whatever_its_line_and_path(tmp_path):
    """Long lines, long paths, tabs, nine suggestions: still one finding per 80×24 screen."""
    from rich.console import Console

    from corrector.finding import Finding, Kind, Suggestion
    from corrector.review.session import Session, items_from
    from corrector.review.store import Store
    from corrector.review.tui import draw
    from corrector.review.words import WordList

    path = str(tmp_path / ("a-very-long-folder-name/" * 4) / "chapter.txt")
    text = ("word\tand " * 40 + "nuke" + " and word" * 40 + "\n") * 3
    start = text.index("nuke", len(text) // 3)
    line = text.count("\n", 0, start) + 1
    finding = Finding(start, start + 4, "nuke", Kind.ANACHRONISM, 0.85,
                      tuple(Suggestion(f"fix{i}" * 5, 0.1, "origin " * 30) for i in range(12)),
                      "reason " * 30, line, start - text.rfind("\n", 0, start), path)
    session = Session(items_from([finding], {path: text}, tmp_path), Store.open(tmp_path),
                      WordList.of_project(tmp_path))
    screen = io.StringIO()
    console = Console(file=screen, width=80, height=24, color_system=None)
    draw(console, session, text)
    lines = screen.getvalue().splitlines()
    assert max(map(len, lines)) <= 80
    assert len(lines) < 24 - 1  # room left for the prompt
    header = lines[1]  # lines[0] is the blank line between findings
    assert header.startswith("…") and header.endswith("1/1")
    assert f"chapter.txt:{line}:{finding.column}  anachronism 0.85" in header
    assert any(" nuke " in line for line in lines)
    assert sum("fix" in line for line in lines) == 9
