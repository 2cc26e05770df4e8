"""HTML transcriptions: only what a reader sees is scanned, findings point into the HTML
source, and review → patch → apply changes only the accepted words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from corrector.htmltext import extract_html, is_editorial
from corrector.scan import scan_document
from tests.clirun import run

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample-mia.html"
SOURCE = SAMPLE.read_text(encoding="utf-8")
NUKE = SOURCE.index("nuke temporary")
FT = SOURCE.index("ft great deal")


def position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_the_reader_sees_no_markup_scripts_comments_or_apparatus():
    text = extract_html(SOURCE).text
    assert "workers\u2019\nparty knows it & says so." in text  # entities decoded
    assert "Tzar\u2014nor of" in text
    assert "The party has no need of kings or of priests." in text
    for hidden in ("<", "&amp;", "var ft", "text-indent", "Transcriber", "Last updated",
                   "Source:", "comment", "A Sample Page", "#nuke", "ft nuke"):
        assert hidden not in text, hidden
    # every slip planted in the apparatus is gone: only the two in the text remain
    assert text.count("nuke") == 1 and text.count(" ft ") == 1


def test_blocks_are_separated_and_inline_markup_is_not():
    text = extract_html("<h1>Title</h1><p>one <i>w</i>ord<br>next</p><p>two</p>").text
    assert text == "Title\n\none word\nnext\n\ntwo"


def test_editorial_rule_reads_class_and_id_words():
    assert is_editorial("p", [("class", "information")])
    assert is_editorial("div", [("id", "transcriber-note")])
    assert is_editorial("span", [("class", "fst note")])
    assert is_editorial("footer", [])
    assert not is_editorial("p", [("class", "fst")])
    assert not is_editorial("p", [("class", "quoteb"), ("title", "note")])


def test_an_unclosed_editorial_paragraph_ends_at_the_next_paragraph():
    text = extract_html('<p class="information">Source: here<p>The text.').text
    assert text == "The text."


def test_spans_map_back_only_onto_plain_source_text():
    source = "<p>a &amp; b <i>c</i>d e</p>"
    extracted = extract_html(source)
    assert extracted.text == "a & b cd e"
    b = extracted.text.index("b")
    assert extracted.source_span(b, b + 1) == (source.index("b"), source.index("b") + 1)
    amp = extracted.text.index("&")
    assert extracted.source_span(amp, amp + 1) is None  # an entity
    cd = extracted.text.index("cd")
    assert extracted.source_span(cd, cd + 2) is None  # crosses </i>
    assert extracted.source_span(0, 3) is None  # "a &" includes the entity


def test_findings_point_into_the_html_source(model):
    scanned = scan_document(SOURCE, model, "html")
    found = {(f.start, f.text, f.best) for f in scanned.findings}
    assert found == {(NUKE, "nuke", "make"), (FT, "ft", "a")}
    for finding in scanned.findings:
        assert SOURCE[finding.start : finding.end] == finding.text
        assert (finding.line, finding.column) == position(SOURCE, finding.start)


def test_a_finding_across_markup_is_dropped_not_misplaced(model):
    plain = "<p>gained by plunder ft great deal of territory.</p>"
    split = "<p>gained by plunder <i>f</i>t great deal of territory.</p>"
    assert [f.text for f in scan_document(plain, model, "html").findings] == ["ft"]
    assert scan_document(split, model, "html").findings == []


def test_text_documents_are_scanned_as_before(model):
    text = "It is obliged to nuke temporary agreements with them."
    scanned = scan_document(text, model)
    assert [f.text for f in scanned.findings] == ["nuke"] and scanned.readable == text


@pytest.fixture()
def page(tmp_path: Path) -> Path:
    shutil.copy(SAMPLE, tmp_path / "page.html")
    return tmp_path


def test_scan_cli_reports_source_offsets_in_html(page):
    result = run("scan", "page.html", "--format", "json", cwd=page)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert [(f["start"], f["end"], f["text"]) for f in findings] == [
        (NUKE, NUKE + 4, "nuke"), (FT, FT + 2, "ft")]
    assert [(f["line"], f["column"]) for f in findings] == [
        position(SOURCE, NUKE), position(SOURCE, FT)]


def test_folders_are_walked_for_html_pages(page):
    (page / "sub").mkdir()
    shutil.copy(SAMPLE, page / "sub" / "other.htm")
    result = run("scan", ".", "--format", "json", cwd=page)
    paths = {Path(f["path"]).name for f in json.loads(result.stdout)["findings"]}
    assert paths == {"page.html", "other.htm"}


def test_review_patch_apply_changes_only_the_accepted_words(page):
    review = run("review", "page.html", cwd=page, input="y\ny\n")
    assert review.returncode == 0, review.stdout + review.stderr
    patch = run("patch", "page.html", cwd=page)
    assert patch.returncode == 0, patch.stderr
    removed = [line for line in patch.stdout.splitlines() if line.startswith("-")][1:]
    added = [line for line in patch.stdout.splitlines() if line.startswith("+")][1:]
    assert len(removed) == len(added) == 2
    assert [a for a in added] == [r.replace("-", "+", 1).replace(" nuke ", " make ")
                                  .replace(" ft ", " a ") for r in removed]
    applied = run("apply", "page.html", cwd=page)
    assert applied.returncode == 0, applied.stderr
    expected = SOURCE[:NUKE] + "make" + SOURCE[NUKE + 4 : FT] + "a" + SOURCE[FT + 2 :]
    assert (page / "page.html").read_bytes() == expected.encode("utf-8")
