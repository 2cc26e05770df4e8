"""``corrector patch``, ``apply`` and ``log`` on stored decisions, and the store under load."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from corrector.review.keys import key_for, text_hash
from corrector.review.store import Action, Decision, Store
from tests.clirun import ENV, run

TEXT = ("It is obliged to nuke temporary agreements with them.\n"
        "They gained by plunder ft great deal of territory, and did nuke it.\n")
FIXED = TEXT.replace("nuke", "make", 1)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def decide(project: Path, word: str, action: Action = Action.ACCEPT,
           replacement: str | None = None, name: str = "a.txt", nth: int = 0) -> None:
    """Record a decision as a review session would, on the file as it is now."""
    text = (project / name).read_text(encoding="utf-8").removeprefix("\ufeff")
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    end = start + len(word)
    store = Store.open(project)
    store.record([Decision(key_for(text, name, start, end), action, start, end,
                           text_hash(text), replacement, "test", "non-word")])
    store.close()


def pending(project: Path) -> list[Decision]:
    store = Store.existing(project)
    assert store is not None
    found = list(store.pending().values())
    store.close()
    return found


def test_apply_makes_accepted_changes_and_moves_the_other_decisions(project):
    decide(project, "nuke", Action.ACCEPT, "make")
    decide(project, "ft", Action.REJECT)
    result = run("apply", "a.txt", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "a.txt: 1 change(s) applied" in result.stdout
    text = (project / "a.txt").read_text(encoding="utf-8")
    assert text == FIXED
    (reject,) = pending(project)
    assert text[reject.start : reject.end] == "ft" and reject.file_hash == text_hash(text)
    again = run("apply", "a.txt", cwd=project)
    assert again.returncode == 0 and "no accepted changes" in again.stderr
    assert run("patch", "a.txt", cwd=project).stdout == ""


def test_decisions_apply_after_edits_elsewhere_in_the_file(project):
    decide(project, "ft", Action.ACCEPT, "a")
    (project / "a.txt").write_text("A line added later.\n" + TEXT, encoding="utf-8")
    assert run("apply", ".", cwd=project).returncode == 0
    assert (project / "a.txt").read_text(encoding="utf-8") == (
        "A line added later.\n" + TEXT.replace(" ft ", " a "))


def test_apply_refuses_a_file_changed_at_the_decision_and_still_does_the_others(project):
    (project / "b.txt").write_text(TEXT, encoding="utf-8")
    decide(project, "nuke", Action.ACCEPT, "make")
    decide(project, "nuke", Action.ACCEPT, "make", name="b.txt")
    changed = TEXT.replace("obliged to nuke", "obliged to nuke, they say,")
    (project / "a.txt").write_text(changed, encoding="utf-8")
    result = run("apply", ".", cwd=project)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "a.txt: changed since its decisions were made" in result.stderr
    assert (project / "a.txt").read_text(encoding="utf-8") == changed
    assert (project / "b.txt").read_text(encoding="utf-8") == FIXED
    forgot = run("apply", ".", "--forget-stale", cwd=project)
    assert forgot.returncode == 0 and "forgot 1 decision" in forgot.stderr
    assert (project / "a.txt").read_text(encoding="utf-8") == changed


def test_patch_reports_a_stale_decision_and_keeps_the_rest(project):
    decide(project, "nuke", Action.ACCEPT, "make")
    decide(project, "nuke", Action.ACCEPT, "make", nth=1)
    (project / "a.txt").write_text(TEXT.replace("did nuke it", "did nuke them"),
                                   encoding="utf-8")
    result = run("patch", "a.txt", cwd=project)
    assert result.returncode == 2
    assert "1 accepted change(s) no longer match" in result.stderr
    assert "+It is obliged to make temporary" in result.stdout
    assert "did make" not in result.stdout


def test_apply_patch_file_marks_the_decisions_applied(project):
    decide(project, "nuke", Action.ACCEPT, "make")
    decide(project, "ft", Action.REJECT)
    assert run("patch", "a.txt", "-o", "fix.patch", cwd=project).returncode == 0
    result = run("apply", "--patch", "fix.patch", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "a.txt").read_text(encoding="utf-8") == FIXED
    assert [d.action for d in pending(project)] == [Action.REJECT]
    refused = run("apply", "--patch", "fix.patch", cwd=project)
    assert refused.returncode == 2
    assert "hunk 1 (line 1) does not match the file" in refused.stderr
    assert (project / "a.txt").read_text(encoding="utf-8") == FIXED


def test_a_patch_applied_by_another_tool_counts_as_applied(project):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    decide(project, "nuke", Action.ACCEPT, "make")
    (project / "fix.patch").write_text(run("patch", ".", cwd=project).stdout, encoding="utf-8")
    subprocess.run(["git", "apply", "fix.patch"], cwd=project, check=True)
    result = run("apply", ".", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "a.txt").read_text(encoding="utf-8") == FIXED
    assert pending(project) == []


def test_a_byte_order_mark_is_kept_and_is_in_the_patch(project):
    (project / "a.txt").write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    decide(project, "nuke", Action.ACCEPT, "make")
    diff = run("patch", "a.txt", cwd=project).stdout
    assert "+\ufeffIt is obliged to make" in diff
    assert run("apply", "a.txt", cwd=project).returncode == 0
    assert (project / "a.txt").read_bytes() == b"\xef\xbb\xbf" + FIXED.encode("utf-8")


def test_log_exports_json_lines_with_provenance(project):
    decide(project, "nuke", Action.ACCEPT, "make")
    decide(project, "ft", Action.EDIT, "a")
    assert run("log", "-o", "audit.jsonl", cwd=project).returncode == 0
    records = [json.loads(line) for line in
               (project / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["file"], r["span"], r["old"], r["new"], r["rule"], r["origin"])
            for r in records] == [("a.txt", [17, 21], "nuke", "make", "non-word", "test"),
                                  ("a.txt", [77, 79], "ft", "a", "non-word", "test")]
    assert all(r["time"].endswith("Z") for r in records)


def test_commands_without_a_store_say_so_calmly(tmp_path):
    assert run("patch", ".", cwd=tmp_path).stdout == ""
    assert run("log", cwd=tmp_path).stdout == ""
    result = run("apply", ".", cwd=tmp_path)
    assert result.returncode == 0 and "no accepted changes" in result.stderr
    assert not (tmp_path / ".corrector").exists()


def test_usage_errors_are_one_line(project):
    result = run("apply", cwd=project)
    assert result.returncode == 2 and "name the files or folders" in result.stderr
    result = run("review", "missing.txt", cwd=project)
    assert result.returncode == 2
    assert "missing.txt: no such file or directory" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / ".corrector").exists()  # created on first use, not before
    (project / ".corrector").mkdir()
    (project / ".corrector" / "decisions.sqlite3").write_text("garbage" * 500)
    result = run("log", cwd=project)
    assert result.returncode == 2 and "not a corrector decision store" in result.stderr


WRITER = """
import sys
from pathlib import Path
from corrector.review.keys import ContentKey
from corrector.review.store import Action, Decision, Store
store = Store.open(Path(sys.argv[1]))
for i in range(int(sys.argv[3])):
    key = ContentKey("a.txt", sys.argv[2], "before", "after", i)
    store.record([Decision(key, Action.REJECT, i, i + 1, "hash")])
"""


def test_two_writers_at_once_do_not_corrupt_the_store(project):
    Store.open(project).close()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(project), word, "150"],
                                env=ENV) for word in ("one", "two")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    db = sqlite3.connect(project / ".corrector" / "decisions.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(*), COUNT(DISTINCT grp) FROM decisions").fetchone() == (
        300, 300)
    db.close()


def test_apply_and_patch_carry_a_mended_word_that_keeps_its_line_end_cut(tmp_path):
    """A review fix to a word cut at a line end spans two lines: the patch shows the
    mended second line and apply writes the word in place, cut where it was."""
    text = "hostile to the go-\nvernrcient of the day.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    decide(tmp_path, "go-\nvernrcient", Action.ACCEPT, "go-\nvernment")
    patch = run("patch", "a.txt", cwd=tmp_path)
    assert patch.returncode == 0, patch.stderr
    assert "+vernment of the day." in patch.stdout and "-vernrcient of the day." in patch.stdout
    result = run("apply", "a.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == (
        "hostile to the go-\nvernment of the day.\n")
