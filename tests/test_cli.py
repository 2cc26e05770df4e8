"""The command line as a user meets it: output lines, JSON contract, exit codes, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.clirun import run

SLIPPED = "It is obliged to nuke temporary agreements with them.\n"
CLEAN = "The programme of the labouring classes was not in favour of the Tzar.\n"


@pytest.fixture()
def texts(tmp_path: Path) -> Path:
    (tmp_path / "slipped.txt").write_text(SLIPPED, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def test_scan_prints_path_line_column_word_and_suggestions(texts):
    result = run("scan", str(texts / "slipped.txt"))
    assert result.returncode == 1
    line = result.stdout.strip().splitlines()[0]
    assert line.startswith(f"{texts / 'slipped.txt'}:1:18: nuke -> make")
    assert "anachronism" in line



def test_a_word_cut_at_a_line_end_is_one_output_line(tmp_path):
    """The text listing stays one line per finding when the flagged word spans a break."""
    page = tmp_path / "cut.txt"
    page.write_text("He spoke of opinions hostile to the go-\nvernrcient of the day.\n",
                    encoding="utf-8")
    result = run("scan", str(page))
    assert result.returncode == 1
    (line,) = result.stdout.strip().splitlines()
    assert line.startswith(f"{page}:1:37: go- vernrcient -> government")

def test_clean_file_exits_zero_with_no_output(texts):
    result = run("scan", str(texts / "clean.txt"))
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_json_output_carries_the_documented_fields(texts):
    result = run("scan", "--format", "json", str(texts))
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    (finding,) = doc["findings"]
    assert set(finding) >= {"path", "start", "end", "line", "column", "text", "kind",
                            "confidence", "suggestions", "reason"}
    assert SLIPPED[finding["start"] : finding["end"]] == finding["text"] == "nuke"
    assert finding["suggestions"][0]["text"] == "make"
    assert 0.0 <= finding["confidence"] <= 1.0
    assert doc["errors"] == []


def test_folders_are_walked_for_txt_and_md(texts):
    (texts / "sub").mkdir()
    (texts / "sub" / "notes.md").write_text(SLIPPED, encoding="utf-8")
    (texts / "sub" / "image.png").write_bytes(b"\x89PNG\x00\x00nuke")
    doc = json.loads(run("scan", "-f", "json", str(texts)).stdout)
    assert sorted(Path(f["path"]).name for f in doc["findings"]) == ["notes.md", "slipped.txt"]


def test_user_word_list_and_project_word_list_silence_a_word(texts):
    (texts / "mine.txt").write_text("# words I know\nnuke\n", encoding="utf-8")
    mine = str(texts / "mine.txt")
    assert run("scan", "--words", mine, str(texts / "slipped.txt")).returncode == 0
    (texts / "corrector-words.txt").write_text("nuke\n", encoding="utf-8")
    assert run("scan", "slipped.txt", cwd=texts).returncode == 0


def test_sic_marks_a_word_as_intended(tmp_path):
    (tmp_path / "sic.txt").write_text("They were obliged to nuke [sic] it.\n", encoding="utf-8")
    assert run("scan", str(tmp_path / "sic.txt")).returncode == 0


def test_missing_file_is_a_one_line_error_and_the_batch_goes_on(texts):
    result = run("scan", str(texts / "nope.txt"), str(texts / "slipped.txt"))
    assert result.returncode == 2
    assert "nuke -> make" in result.stdout
    assert result.stderr.strip().count("\n") == 0
    assert "nope.txt: no such file or directory" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01\x02binary", "binary file"),
        (b"\x01\x02\xfe\xff\x81\x8d\x8f\x90\x9d\x03\x04\n", "not valid UTF-8"),
    ],
)
def test_unreadable_named_files_are_errors(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = run("scan", str(path))
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_empty_file_is_clean(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert run("scan", str(tmp_path / "empty.txt")).returncode == 0


def test_usage_error_exits_two():
    assert run("scan", "--format", "yaml", "x.txt").returncode == 2


def test_explain_says_where_a_period_word_comes_from():
    result = run("explain", "labouring")
    assert result.returncode == 0
    assert "known for the period" in result.stdout
    assert "period corpus" in result.stdout


def test_explain_says_how_a_slip_would_be_flagged():
    result = run("explain", "nuke")
    assert result.returncode == 1
    assert "anachronism" in result.stdout
    assert "make" in result.stdout


def test_wordlists_info_says_where_the_count_tables_are_kept_and_their_size(tmp_path):
    """Long scans write hashed count tables to a cache folder: ``wordlists info`` names the
    folder and what it holds, so a user can find the space and reclaim it."""
    import os
    import subprocess
    import sys

    from tests.clirun import ENV

    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "pairs-0123.hash").write_bytes(b"x" * 3_000_000)
    (cache / "triples-4567.hash").write_bytes(b"x" * 2_000_000)
    (cache / "notes.txt").write_text("not a table")
    done = subprocess.run([sys.executable, "-m", "corrector", "wordlists", "info"],
                          capture_output=True, text=True, timeout=120,
                          env={**ENV, "CORRECTOR_CACHE": str(cache), "COLUMNS": "300"})
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("count cache: "))
    assert line.startswith(f"count cache: {cache} (2 tables, 5 MB;")
    empty = subprocess.run([sys.executable, "-m", "corrector", "wordlists", "info"],
                           capture_output=True, text=True, timeout=120,
                           env={**ENV, "CORRECTOR_CACHE": str(tmp_path / "none")})
    assert f"count cache: {tmp_path / 'none'} (0 tables, 0 MB;" in empty.stdout
    off = subprocess.run([sys.executable, "-m", "corrector", "wordlists", "info"],
                         capture_output=True, text=True, timeout=120,
                         env={**ENV, "CORRECTOR_CACHE": "off", "COLUMNS": "300"})
    assert "count cache: off (CORRECTOR_CACHE=off:" in off.stdout
    assert os.environ.get("CORRECTOR_CACHE") != str(cache)  # (the run's own cache untouched)
