"""`corrector fix` writes corrected copies; `corrector eval` measures on aligned pairs."""

from __future__ import annotations

import json
import shutil

from corrector.finding import Finding, Kind, Suggestion
from tests.clirun import run


def test_fix_writes_corrected_copies_and_leaves_sources_alone(data_dir, tmp_path):
    source = tmp_path / "in" / "pamphlet2.ocr.txt"
    source.parent.mkdir()
    shutil.copy(data_dir / "eval-sample" / "pamphlet2.ocr.txt", source)
    before = source.read_bytes()
    result = run("fix", str(source), "--output", str(tmp_path / "out"), "--min-confidence", "0.5")
    assert result.returncode == 1, result.stderr
    fixed = (tmp_path / "out" / "pamphlet2.ocr.txt").read_text(encoding="utf-8")
    assert "and a great deal" in fixed
    assert source.read_bytes() == before


def test_fix_at_full_confidence_changes_nothing(data_dir, tmp_path):
    source = data_dir / "eval-sample" / "pamphlet1.ocr.txt"
    result = run("fix", str(source), "--output", str(tmp_path), "--min-confidence", "1.0")
    assert result.returncode == 0
    assert (tmp_path / source.name).read_bytes() == source.read_bytes()


def test_fix_refuses_to_overwrite_its_own_source(data_dir, tmp_path):
    source = tmp_path / "a.txt"
    shutil.copy(data_dir / "eval-sample" / "pamphlet1.ocr.txt", source)
    before = source.read_bytes()
    result = run("fix", str(source), "--output", str(tmp_path), "--min-confidence", "0.5")
    assert result.returncode == 2
    assert "overwrite its own source" in result.stderr
    assert source.read_bytes() == before


def test_eval_reports_the_measures(data_dir):
    result = run("eval", str(data_dir / "eval-sample"), "--format", "json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["docs"] == 2
    assert scores["errors"] == 8
    assert scores["precision"] >= 0.8
    assert scores["recall"] >= 0.5
    assert scores["wer_after"] <= scores["wer_before"]
    assert scores["clean_flags_per_10k"] == 0.0


def test_eval_on_a_folder_without_pairs_is_an_error(tmp_path):
    result = run("eval", str(tmp_path))
    assert result.returncode == 2
    assert "no NAME.ocr.txt" in result.stderr


def test_fix_by_default_applies_what_is_expected_to_lower_the_error_rate():
    """A fix is worth applying when it is likelier right than the finding is false: a sure
    slip with a fairly likely fix is mended, a doubtful finding is not, however its
    suggestion scores; an explicit level keeps to the suggestion's score alone."""
    from corrector.finding import Finding, Kind, Suggestion
    from corrector.fixing import apply_fixes, worth_fixing

    def found(start: int, confidence: float, score: float) -> Finding:
        return Finding(start, start + 3, "tbe", Kind.NON_WORD, confidence,
                       (Suggestion("the", score),), "")

    sure_slip, doubtful = found(0, 0.95, 0.4), found(8, 0.55, 0.5)
    assert worth_fixing(sure_slip) and not worth_fixing(doubtful)
    assert worth_fixing(doubtful, 0.5) and not worth_fixing(sure_slip, 0.5)
    assert apply_fixes("tbe cat tbe dog", [sure_slip, doubtful]) == ("the cat tbe dog", 1)
    no_fix = Finding(0, 3, "tbe", Kind.NON_WORD, 1.0, (), "")
    assert not worth_fixing(no_fix)


def _cut_finding(start: int, source: str, best: str) -> Finding:
    """A sure non-word finding at ``start`` whose first suggestion is ``best``."""
    return Finding(start, start + len(source), source, Kind.NON_WORD, 0.97,
                   (Suggestion(best, 0.9),), "")


def test_fix_keeps_a_line_end_cut_where_it_falls_in_the_mended_word():
    """A fix mends the slip, not the layout: a word cut at a line end keeps its cut (and
    the transcription's own cut mark and indentation) at the matching letter."""
    from corrector.fixing import apply_fixes, replacement

    text = "hostile to the go-\nvernrcient. For Wednef¬\n  day next."
    first = _cut_finding(15, "go-\nvernrcient", "government")
    second = _cut_finding(35, "Wednef¬\n  day", "Wednesday")
    assert text[15:29] == "go-\nvernrcient" and text[35:48] == "Wednef¬\n  day"
    assert replacement(first) == "go-\nvernment"
    assert apply_fixes(text, [first, second]) == (
        "hostile to the go-\nvernment. For Wednes¬\n  day next.", 2)


def test_fix_puts_the_cut_by_alignment_not_by_count():
    """Letters replaced before the cut stay before it: "multi-\\ncient" -> "suffi-\\ncient"."""
    from corrector.fixing import replacement

    assert replacement(_cut_finding(0, "multi-\ncient", "sufficient")) == "suffi-\ncient"


def test_fix_joins_when_the_cut_has_no_place_between_letters():
    """A mended word that ends where the cut was (or a fix across words) is written whole,
    and a text without a cut is mended as suggested."""
    from corrector.fixing import replacement

    assert replacement(_cut_finding(0, "x-\nyz", "x")) == "x"
    assert replacement(_cut_finding(0, "tbe", "the")) == "the"
    assert replacement(_cut_finding(0, "me-\nas", "me as")) == "me as"


def test_a_fix_that_only_rejoins_a_cut_word_is_not_counted():
    """When the suggestion is the cut word joined, the file keeps its cut and nothing is
    reported as fixed."""
    from corrector.fixing import apply_fixes

    text = "to-\nday"
    assert apply_fixes(text, [_cut_finding(0, text, "today")]) == (text, 0)


def test_eval_wer_after_counts_the_fix_as_written():
    """`corrector eval`'s WER after applies fixes as `corrector fix` writes them."""
    from corrector.evaluate import apply_best

    text = "the go-\nvernrcient fell"
    assert apply_best(text, [_cut_finding(4, "go-\nvernrcient", "government")]) == (
        "the go-\nvernment fell")


def test_fix_command_keeps_line_end_cuts(tmp_path):
    """End to end: `corrector fix` mends words misread across a line-end cut in place."""
    source = tmp_path / "page.txt"
    source.write_text("He spoke of opinions hostile to the go-\nvernrcient of the day.\n",
                      encoding="utf-8")
    result = run("fix", str(source), "--output", str(tmp_path / "out"))
    assert result.returncode == 1, result.stderr
    fixed = (tmp_path / "out" / "page.txt").read_text(encoding="utf-8")
    assert fixed == "He spoke of opinions hostile to the go-\nvernment of the day.\n"
