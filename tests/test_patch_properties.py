"""The accepted-changes patch: for any non-overlapping edits, the patch does what the edits do.

Checked three ways: with our own patch reader (many generated cases), with ``git apply`` and
``patch -p1`` (fixed cases and a few generated ones), and through the whole store -> patch path.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from corrector.review.apply import _clusters
from corrector.review.changes import make_patch
from corrector.review.edits import Edit, apply_edits, shift, split_lines
from corrector.review.keys import key_for, text_hash
from corrector.review.patch import build_patch, unified_diff
from corrector.review.resolve import Placed
from corrector.review.scope import Scope
from corrector.review.store import Action, Decision, Store
from corrector.review.unified import PatchError, apply_file_patch, parse

CHARS = st.sampled_from(list("abc xyz") + ["\n"] * 3 + ["\r", "\t", "é", "\x0c", "\u2028"])
PLAIN = st.sampled_from(list("abc xyz") + ["\n"] * 3)  # for the external tools


@st.composite
def text_and_edits(draw, chars=CHARS, non_empty: bool = False):
    text = draw(st.text(alphabet=chars, max_size=300))
    wanted = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, 12),
                                     st.text(alphabet=chars, max_size=10)), max_size=8))
    edits: list[Edit] = []
    for start, length, new in sorted(wanted):
        end = min(len(text), start + length)
        if non_empty and end == start:
            continue
        if edits and (start < edits[-1].end or start == edits[-1].start):
            continue
        edits.append(Edit(start, end, new))
    return text, edits


def patched(text: str, diff: str) -> str:
    if not diff:
        return text
    (file_patch,) = parse(diff)
    return apply_file_patch(text, file_patch)


def assert_hunks_are_where_they_say(old: str, new: str, diff: str) -> None:
    """Header line numbers are exact, and only a file's last line lacks its line break
    (what git and patch insist on, while our own reader would forgive both)."""
    old_lines, new_lines = split_lines(old), split_lines(new)
    for file_patch in parse(diff):
        for hunk in file_patch.hunks:
            at_old = hunk.old_start - 1 if hunk.old_count else hunk.old_start
            at_new = hunk.new_start - 1 if hunk.new_count else hunk.new_start
            assert old_lines[at_old : at_old + hunk.old_count] == hunk.old
            assert new_lines[at_new : at_new + hunk.new_count] == hunk.new
            for index, line in enumerate(hunk.old):
                assert line.endswith("\n") or at_old + index == len(old_lines) - 1
            for index, line in enumerate(hunk.new):
                assert line.endswith("\n") or at_new + index == len(new_lines) - 1


@settings(max_examples=400, deadline=None)
@given(text_and_edits(), st.sampled_from([0, 1, 3]))
# A line break deleted and put back after it: blocks, but no change, so no patch.
@example(case=("\n", [Edit(0, 1, ""), Edit(1, 1, "\n")]), context=0)
def test_applying_the_patch_equals_applying_the_edits(case, context):
    text, edits = case
    diff = unified_diff("book/ch 1.txt", text, edits, context=context)
    expected = apply_edits(text, edits)
    assert patched(text, diff) == expected
    assert (diff == "") == (expected == text)
    assert_hunks_are_where_they_say(text, expected, diff)


@given(st.text(alphabet=CHARS, max_size=200))
def test_no_edits_give_an_empty_patch(text):
    assert unified_diff("a.txt", text, []) == ""
    assert build_patch([("a.txt", text, []), ("b.txt", text, [])]) == ""


@settings(max_examples=200, deadline=None)
@given(text_and_edits())
def test_a_patch_does_not_apply_to_a_text_changed_at_its_lines(case):
    text, edits = case
    diff = unified_diff("a.txt", text, edits)
    if not diff:
        return
    (file_patch,) = parse(diff)
    hunk = file_patch.hunks[0]
    old_lines = hunk.old
    if not old_lines:
        return
    damaged = text.replace(old_lines[0], "\x00" + old_lines[0], 1)
    if "\x00" not in damaged or damaged.split("\n").count(old_lines[0].rstrip("\n")) > 1:
        return
    with pytest.raises(PatchError, match="changed since the patch was made"):
        apply_file_patch(damaged, file_patch)


@settings(max_examples=300, deadline=None)
@given(text_and_edits(non_empty=True), st.lists(st.tuples(st.integers(0, 300),
                                                          st.integers(1, 6)), max_size=6))
def test_decisions_away_from_the_edits_move_with_the_text(case, spans):
    """What ``apply`` does to rejections elsewhere: the same words, found at the new offsets."""
    text, edits = case
    new = apply_edits(text, edits)
    placed = [Placed(None, s, min(s + n, len(text))) for s, n in spans  # type: ignore[arg-type]
              if s < len(text)]
    for cluster_edits, cluster_placed in _clusters(edits, placed):
        if cluster_edits:
            continue
        for p in cluster_placed:
            start, end = shift(p.start, edits, start=True), shift(p.end, edits, start=False)
            assert new[start:end] == text[p.start : p.end]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text_and_edits(non_empty=True))
def test_the_patch_made_from_stored_decisions_does_what_they_say(case):
    text, edits = case
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "t.txt").write_bytes(text.encode("utf-8"))
        store = Store.open(root)
        store.record([Decision(key_for(text, "t.txt", e.start, e.end), Action.ACCEPT, e.start,
                               e.end, text_hash(text), e.new) for e in edits])
        result = make_patch(store, root, Scope([], root))
        store.close()
    assert result.problems == []
    assert patched(text, result.text) == apply_edits(text, edits)


def test_an_empty_decision_set_gives_an_empty_patch(tmp_path):
    store = Store.open(tmp_path)
    assert make_patch(store, tmp_path, Scope([], tmp_path)).text == ""
    assert make_patch(None, tmp_path, Scope([], tmp_path)).text == ""


# -- the external tools ------------------------------------------------------------------------

FIXED = {
    "plain.txt": ("l1\nl2 nuke x\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10 ft y\nl11\n",
                  [(6, 10, "make"), (38, 40, "a")]),
    "no newline at end.txt": ("one\ntwo nuke\nthree ft", [(8, 12, "make"), (19, 21, "a")]),
    "crlf.txt": ("one\r\ntwo nuke\r\nthree\r\n", [(9, 13, "make")]),
    "joined.txt": ("a frag-\nment here\nnext\n", [(2, 13, "fragment")]),
    "line break removed.txt": ("one\ntwo nuke\nthree ft\nfour\n", [(12, 13, " ")]),
    "drop last newline.txt": ("a\nb\n", [(3, 4, "")]),
    "é and more.txt": ("x\n", [(2, 2, "tail")]),
}


def _fixed_patch() -> tuple[str, dict[str, str]]:
    expected, files = {}, []
    for name, (text, spans) in FIXED.items():
        edits = [Edit(*span) for span in spans]
        files.append((name, text, edits))
        expected[name] = apply_edits(text, edits)
    return build_patch(files), expected


def _write_tree(folder: Path, texts: dict[str, str]) -> None:
    for name, text in texts.items():
        (folder / name).write_bytes(text.encode("utf-8"))


@pytest.mark.parametrize("tool", ["git", "patch"])
def test_git_apply_and_patch_p1_accept_the_patch(tmp_path, tool):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    diff, expected = _fixed_patch()
    (tmp_path / "changes.patch").write_bytes(diff.encode("utf-8"))
    tree = tmp_path / "tree"
    tree.mkdir()
    _write_tree(tree, {name: text for name, (text, _) in FIXED.items()})
    command = (["git", "apply", "--verbose", "../changes.patch"] if tool == "git"
               else ["patch", "-p1", "--batch", "-i", "../changes.patch"])
    if tool == "git":
        check = subprocess.run(["git", "apply", "--check", "../changes.patch"], cwd=tree,
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
    done = subprocess.run(command, cwd=tree, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    for name, text in expected.items():
        assert (tree / name).read_bytes().decode("utf-8") == text, name
    for file_patch in parse(diff):
        text = FIXED[file_patch.path][0]
        assert apply_file_patch(text, file_patch) == expected[file_patch.path]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@settings(max_examples=15, deadline=None)
@given(text_and_edits(chars=PLAIN))
def test_git_apply_agrees_on_generated_cases(case):
    text, edits = case
    diff = unified_diff("t.txt", text, edits)
    if not diff:
        return
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "t.txt").write_bytes(text.encode("utf-8"))
        (Path(folder) / "p.patch").write_bytes(diff.encode("utf-8"))
        done = subprocess.run(["git", "apply", "p.patch"], cwd=folder, capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stderr + diff
        assert (Path(folder) / "t.txt").read_bytes().decode("utf-8") == apply_edits(text, edits)
