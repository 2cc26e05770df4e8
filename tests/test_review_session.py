"""The review session's logic without a terminal: keys, decisions, resume, undo, batch, store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from corrector.finding import Finding, Kind, Suggestion
from corrector.review.keys import key_for, locate
from corrector.review.session import Session, items_from
from corrector.review.store import Action, Store
from corrector.review.words import WordList

TEXT = ("It is obliged to nuke temporary agreements with them.\n"
        "They gained by plunder ft great deal of territory.\n"
        "And so they did nuke it, and nuke it again.\n")
FIXES = {"nuke": ("make", "take"), "ft": ("a", "as", "it")}


def findings_in(text: str, path: str) -> list[Finding]:
    """Findings as the scanner would give them, for every listed slip in ``text``."""
    found = []
    for word, fixes in FIXES.items():
        at = text.find(f" {word} ")
        while at != -1:
            start = at + 1
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            found.append(Finding(
                start, start + len(word), word,
                Kind.ANACHRONISM if word == "nuke" else Kind.NON_WORD, 0.9,
                tuple(Suggestion(fix, 0.5, f"test origin {fix}") for fix in fixes),
                f"{word} is a slip", line, column, path))
            at = text.find(f" {word} ", start)
    return sorted(found, key=lambda f: f.start)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path


def open_session(root: Path, text: str = TEXT, store: Store | None = None) -> Session:
    path = str(root / "a.txt")
    items = items_from(findings_in(text, path), {path: text}, root)
    store = store or Store.open(root)
    return Session(items, store, WordList.of_project(root))


def current_word(session: Session) -> tuple[str, int]:
    assert session.current is not None
    return session.current.finding.text, session.current.finding.start


def test_y_accepts_the_first_suggestion_and_moves_on(project):
    session = open_session(project)
    assert session.position() == (1, 4)
    assert current_word(session) == ("nuke", 17)
    outcome = session.press("y")
    assert outcome.changed
    assert session.position() == (2, 4)
    (decision,) = session.store.pending().values()
    assert (decision.action, decision.replacement, decision.key.old) == (Action.ACCEPT, "make",
                                                                         "nuke")
    assert decision.origin == "test origin make"
    assert decision.rule == "anachronism"
    assert (decision.start, decision.end) == (17, 21)
    assert decision.key.path == "a.txt"  # relative to the project folder


def test_a_digit_picks_that_suggestion_and_a_missing_one_decides_nothing(project):
    session = open_session(project)
    assert "no suggestion 9" in session.press("9").message
    assert session.position() == (1, 4) and not session.store.pending()
    session.press("2")
    assert next(iter(session.store.pending().values())).replacement == "take"


def test_edit_records_the_typed_text_and_empty_or_same_text_do_not(project):
    session = open_session(project)
    assert session.press("e", "").message == "edit cancelled"
    assert not session.store.pending()
    session.press("e", "mend")
    (decision,) = session.store.pending().values()
    assert (decision.action, decision.replacement, decision.origin) == (Action.EDIT, "mend",
                                                                        "typed")
    session.press("e", "ft")  # typing the text as it stands means keep it
    assert session.store.pending()[session.items[1].key].action is Action.REJECT


def test_a_new_session_resumes_at_the_first_undecided_finding(project):
    first = open_session(project)
    first.press("y")
    first.press("n")
    assert first.press("q").quit
    again = open_session(project)
    assert again.position() == (3, 4)
    assert again.done_count() == 2


def test_decisions_survive_edits_elsewhere_in_the_file(project):
    session = open_session(project)
    session.press("y")  # nuke on line 1
    session.press("n")  # ft on line 2
    lines = TEXT.splitlines(keepends=True)
    edited = lines[0] + "A paragraph added later.\n\n" + lines[1] + lines[2].replace("And", "But")
    again = open_session(project, edited)
    assert [again.is_done(item) for item in again.items] == [True, True, False, False]
    assert again.items[1].finding.start == TEXT.index("ft") + 26


def test_a_decision_whose_context_was_edited_is_asked_again(project):
    session = open_session(project)
    session.press("y")
    edited = TEXT.replace("obliged to nuke temporary", "forced to nuke lasting")
    again = open_session(project, edited)
    assert not again.is_done(again.items[0])
    assert again.position() == (1, 4)


def test_identical_looking_places_get_separate_decisions():
    line = "so many words before the slip nuke and so many words after it\n"
    text = line * 3
    keys = [key_for(text, "t", at, at + 4) for at in (30, 30 + len(line), 30 + 2 * len(line))]
    assert len({(k.old, k.before, k.after) for k in keys}) == 1  # they look the same
    assert [k.occurrence for k in keys] == [0, 1, 2]
    assert [locate(text, k) for k in keys] == [(at, at + 4) for at in
                                                (30, 30 + len(line), 30 + 2 * len(line))]
    assert locate(line * 2 + line.replace("nuke", "make"), keys[2]) is None


def test_batch_key_decides_every_occurrence_and_one_undo_takes_them_all_back(project):
    session = open_session(project)
    assert len(session.occurrences(session.items[0])) == 3
    session.press("y", batch=True)
    pending = session.store.pending()
    assert [d.replacement for d in pending.values()] == ["make"] * 3
    assert current_word(session) == ("ft", TEXT.index("ft"))
    outcome = session.press("u")
    assert "and 2 more" in outcome.message
    assert not session.store.pending()
    assert current_word(session) == ("nuke", 17)


def test_batch_needs_a_decision_key(project):
    session = open_session(project)
    assert "must be followed" in session.press("s", batch=True).message
    assert not session.store.pending()


def test_ignore_covers_every_occurrence_of_the_word_only(project):
    session = open_session(project)
    session.press("i")
    assert [session.is_done(item) for item in session.items] == [True, False, True, True]
    assert {d.action for d in session.store.pending().values()} == {Action.IGNORE}
    assert current_word(session)[0] == "ft"


def test_add_word_writes_the_list_hides_the_word_and_undo_takes_it_out(project):
    words = project / "corrector-words.txt"
    words.write_text("# our names\nTzar\n", encoding="utf-8")
    session = open_session(project)
    assert "added to corrector-words.txt" in session.press("a").message
    assert words.read_text(encoding="utf-8") == "# our names\nTzar\nnuke\n"
    assert [session.is_done(item) for item in session.items] == [True, False, True, True]
    assert current_word(session)[0] == "ft"
    session.press("u")
    assert words.read_text(encoding="utf-8") == "# our names\nTzar\n"
    assert not any(session.is_done(item) for item in session.items)
    assert current_word(session) == ("nuke", 17)


def test_undo_keeps_a_word_that_was_on_the_list_before(project):
    words = project / "corrector-words.txt"
    words.write_text("nuke\n", encoding="utf-8")
    session = open_session(project)
    assert "already in" in session.press("a").message
    session.press("u")
    assert words.read_text(encoding="utf-8") == "nuke\n"


def test_undo_is_repeatable_and_walks_back_in_order(project):
    session = open_session(project)
    session.press("y")
    session.press("n")
    session.press("u")
    assert current_word(session)[0] == "ft"
    session.press("u")
    assert current_word(session) == ("nuke", 17)
    assert session.press("u").message == "nothing to undo"
    undone = session.store.history(include_undone=True)
    assert len(undone) == 2 and all(d.undone_at for d in undone)


def test_undo_reaches_back_into_an_earlier_session(project):
    open_session(project).press("y")
    later = open_session(project)
    assert later.position() == (2, 4)
    later.press("u")
    assert later.position() == (1, 4)


def test_skip_moves_on_without_deciding_and_next_session_asks_again(project):
    session = open_session(project)
    session.press("s")
    assert session.position() == (2, 4)
    for _ in range(3):
        session.press("n")
    assert session.current is None  # the skipped one is not asked twice in a session
    assert open_session(project).position() == (1, 4)


def test_a_second_session_sees_the_first_ones_decisions(project):
    one, two = open_session(project), open_session(project, store=Store(
        project / ".corrector" / "decisions.sqlite3"))
    one.press("y")
    two.refresh()
    assert two.position() == (2, 4)


def test_a_locked_store_gives_a_message_and_records_nothing(project):
    session = open_session(project, store=Store.open(project, timeout_ms=100))
    other = sqlite3.connect(project / ".corrector" / "decisions.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        outcome = session.press("y")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "busy: another corrector session is writing" in outcome.message
    assert not outcome.changed and session.position() == (1, 4)
    assert not session.store.pending()
    assert session.press("y").changed  # and it works once the lock is free


def test_a_damaged_store_is_a_one_line_error(tmp_path):
    from corrector.review.store import StoreError

    (tmp_path / ".corrector").mkdir()
    (tmp_path / ".corrector" / "decisions.sqlite3").write_bytes(b"this is no database" * 100)
    with pytest.raises(StoreError, match="not a corrector decision store"):
        Store.open(tmp_path)


def test_unknown_keys_and_quit(project):
    session = open_session(project)
    assert "? lists the keys" in session.press("z").message
    assert session.press("q").quit
    assert not session.store.pending()


def test_accepting_a_fix_for_a_word_cut_at_a_line_end_keeps_the_cut(tmp_path):
    """Review writes a fix as `corrector fix` does: the mended word keeps the printed
    line-end cut at the matching letter, for the first suggestion and any other."""
    text = "hostile to the go-\nvernrcient of the day.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    path = str(tmp_path / "a.txt")
    start = text.index("go-")
    word = "go-\nvernrcient"
    finding = Finding(start, start + len(word), word, Kind.NON_WORD, 0.97,
                      (Suggestion("government", 0.9, "model"),
                       Suggestion("governments", 0.1, "model")),
                      "a misread word", 1, start + 1, path)
    session = Session(items_from([finding], {path: text}, tmp_path), Store.open(tmp_path),
                      WordList.of_project(tmp_path))
    session.press("2")
    (decision,) = session.store.pending().values()
    assert decision.replacement == "go-\nvernments"
