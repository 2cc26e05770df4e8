"""`corrector fix` writes corrected copies; `corrector eval` measures on aligned pairs."""

from __future__ import annotations

import json
import shutil

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
