"""Markdown transcriptions: only the prose a reader sees is scanned (no code, URLs, HTML or
markers), findings point into the Markdown source, and review → patch → apply changes only
the accepted words."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corrector.batch import document_kind
from corrector.markdowntext import extract_markdown
from corrector.scan import scan_document
from tests.clirun import run

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample-pamphlet.md"
SOURCE = SAMPLE.read_text(encoding="utf-8")
HEADING_TBE = SOURCE.index("tbe State")
ARID = SOURCE.index("arid it has")
LINK_TBE = SOURCE.index("[tbe Labour") + 1
SLIPS = [(HEADING_TBE, "tbe", "the"), (ARID, "arid", "and"), (LINK_TBE, "tbe", "the")]


def position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def mapped(source: str, word: str) -> tuple[int, int] | None:
    """Where the first ``word`` of the extracted text maps to in ``source``."""
    extracted = extract_markdown(source)
    start = extracted.text.index(word)
    return extracted.source_span(start, start + len(word))


def test_the_reader_sees_prose_not_code_urls_html_or_markers():
    text = extract_markdown(SOURCE).text
    for seen in ("The Labouring Classes and tbe State", "What the Party Demands",
                 "The programme of a party is its flag; woe to the party that lowers it.",
                 "A legal working day of eight hours.", "of speech and of association.",
                 "printed in tbe Labour Leader\nand in the Clarion of the same week",
                 "marked the doubtful words with tags and set", "ended by a vote."):
        assert seen in text, seen
    for hidden in ("title:", "https", "example.org", "images/", "portrait", "cipher used by "
                   "the printers in tbe", "indented", "<", "class=", "#", "*", "`", "[", "]",
                   "(", "> ", "1.", "ft", "nuke"):
        assert hidden not in text, hidden
    # the slips in code, URLs, titles, alt text, HTML and front matter are all gone
    assert text.count("tbe") == 2 and text.count("arid") == 1


@pytest.mark.parametrize(("source", "text"), [
    ("# Title #\n\npara one\nline two", "Title\n\npara one\nline two"),
    ("Setext\n======\n\n- a\n- b\n\n***\n\n> quoted", "Setext\n\na\n\nb\n\nquoted"),
    ("see `co de` and [link *x*](http://u.rl/ \"t\") ![alt](i.png) <http://a.b> end",
     "see  and link x   end"),
    ("| one | two |\n|---|---|\n| x | y |", "one\n\ntwo\n\nx\n\ny"),
    ("---\ntitle: tbe\n---\nbody", "body"),
    ("---\r\ntitle: tbe\r\n...", ""),
    ("---\n\nProse opens with a rule.\n\n---\nbody", "Prose opens with a rule.\n\nbody"),
    ("a\n\n```\ncode\n```\n\n    indented\n\n<div>\nblock\n</div>\n\n[id]: http://x\nb", "a\n\nb"),
    ("with a <i>tag</i> in it", "with a tag in it"),
    ("w*or*d and ~~gone~~ &amp; \\* esc", "word and gone & * esc"),
])
def test_what_the_reader_sees(source, text):
    assert extract_markdown(source).text == text


def test_spans_map_back_only_onto_plain_source_text():
    assert mapped("x [tbe Labour](http://tbe.org)", "tbe") == (3, 6)
    assert mapped("> one\n> tbe", "tbe") == (8, 11)
    assert mapped("- item\n  two tbe", "tbe") == (13, 16)
    assert mapped("> ## Head tbe ##", "tbe") == (10, 13)
    assert mapped("| a | a tbe |\n|---|---|", "a tbe") == (6, 11)  # not the first "a"
    assert mapped("pro-\nperty", "pro-\nperty") == (0, 10)  # a plain line break maps
    assert mapped("> pro-\n> perty", "pro-\nperty") is None  # across a quote marker
    assert mapped("w*or*d", "word") is None  # across emphasis markers
    assert mapped("a &amp; b", "&") is None  # an entity
    assert mapped("a \\* b", "*") is None  # an escape
    assert mapped("one\r\ntwo", "two") == (5, 8)
    assert mapped("---\ntitle: x\n---\n# tbe", "tbe") == (19, 22)  # after front matter


@pytest.mark.parametrize("before", [
    '[a](<http://u.rl/x y> "ti)tle")', "[a]( http://u.rl/(x) )", "[a][id]", "[a][]", "[a]",
    "![alt *x*](i.png 'tbe')", "`co`` de`", "``co`de``", "<http://tbe.org>", "<b class=x>",
    "**a** _b_ ~~c~~", "&amp;", "\\[", "x  \ny", "x\\\ny",
])
def test_text_after_hidden_markup_on_the_same_line_still_maps(before):
    source = f"[id]: http://x\n\n{before} tbe"
    assert mapped(source, "tbe") == (len(source) - 3, len(source))


def test_document_kind_and_suffixes():
    assert document_kind("a/b.md") == document_kind("c.MARKDOWN") == "markdown"
    assert document_kind("a.html") == "html" and document_kind("a.txt") == "text"


def test_findings_point_into_the_markdown_source(model):
    scanned = scan_document(SOURCE, model, "markdown")
    assert [(f.start, f.text, f.best) for f in scanned.findings] == SLIPS
    for finding in scanned.findings:
        assert SOURCE[finding.start : finding.end] == finding.text
        assert (finding.line, finding.column) == position(SOURCE, finding.start)
    assert scanned.readable == extract_markdown(SOURCE).text


def test_the_same_file_read_as_plain_text_flags_code_and_urls(model):
    # what the Markdown reader is for: as plain text, the URLs and code are flagged too
    plain = scan_document(SOURCE, model, "text").findings
    assert len(plain) > 3 * len(SLIPS)
    assert {"nuke", "ft"} <= {f.text for f in plain}


def test_a_finding_across_markup_is_dropped_not_misplaced(model):
    plain = "gained by plunder ft great deal of territory."
    split = "gained by plunder *f*t great deal of territory."
    assert [f.text for f in scan_document(plain, model, "markdown").findings] == ["ft"]
    assert scan_document(split, model, "markdown").findings == []


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    shutil.copy(SAMPLE, tmp_path / "page.md")
    return tmp_path


def test_scan_cli_reports_source_offsets_in_markdown(folder):
    result = run("scan", "page.md", "--format", "json", cwd=folder)
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)["findings"]
    assert [(f["start"], f["end"], f["text"]) for f in findings] == [
        (start, start + len(word), word) for start, word, _ in SLIPS]
    assert [(f["line"], f["column"]) for f in findings] == [
        position(SOURCE, start) for start, _, _ in SLIPS]


def test_folders_are_walked_for_markdown_files(folder):
    (folder / "sub").mkdir()
    shutil.copy(SAMPLE, folder / "sub" / "other.markdown")
    result = run("scan", ".", "--format", "json", cwd=folder)
    found = json.loads(result.stdout)["findings"]
    assert sorted(Path(f["path"]).name for f in found) == ["other.markdown"] * 3 + ["page.md"] * 3


def test_review_patch_apply_changes_only_the_accepted_words(folder):
    review = run("review", "page.md", cwd=folder, input="y\ny\ny\n")
    assert review.returncode == 0, review.stdout + review.stderr
    patch = run("patch", "page.md", cwd=folder)
    assert patch.returncode == 0, patch.stderr
    removed = [line for line in patch.stdout.splitlines() if line.startswith("-")][1:]
    added = [line for line in patch.stdout.splitlines() if line.startswith("+")][1:]
    expected = SOURCE
    for start, word, fix in reversed(SLIPS):
        expected = expected[:start] + fix + expected[start + len(word) :]
    changed = [(a, b) for a, b in zip(SOURCE.splitlines(), expected.splitlines()) if a != b]
    assert removed == ["-" + a for a, _ in changed] and added == ["+" + b for _, b in changed]
    assert len(changed) == 3
    applied = run("apply", "page.md", cwd=folder)
    assert applied.returncode == 0, applied.stderr
    assert (folder / "page.md").read_bytes() == expected.encode("utf-8")


# -- random Markdown-ish input ---------------------------------------------------------------

WORDS = ["nuke", "ft", "tbe", "the", "The", "programme", "plunder", "great", "deal", ".", ",",
         " ", "\n", "\r\n", "\n\n", "-", "\u2019", "caf\u00e9"]
MARKUP = ["# ", "## ", "#", "> ", "- ", "* ", "1. ", "2) ", "*", "**", "_", "~~", "`", "``",
          "```", "~~~", "    ", "\t", "[", "]", "](", "(", ")", "![", "<", ">", "\"", "|", "---",
          "===", "http://x.y/nuke", "<span class=\"ft\">", "</span>", "<div>", "<!-- ", " -->",
          "&amp;", "&bogus;", "&#65;", "\\", "\\*", "[id]: ", "\r", "\u00a0", "\x00", "title: "]


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS + MARKUP), max_size=80) | st.text(max_size=200))
def test_random_markdown_maps_findings_onto_the_source(model, parts):
    source = "".join(parts)
    extracted = extract_markdown(source)
    for start in range(len(extracted.text) + 1):  # every mapped span is verbatim source
        span = extracted.source_span(start, min(start + 3, len(extracted.text)))
        if span is not None:
            assert source[span[0] : span[1]] == extracted.text[start : start + 3]
    for finding in scan_document(source, model, "markdown").findings:
        assert 0 <= finding.start <= finding.end <= len(source)
        assert source[finding.start : finding.end] == finding.text
        assert (finding.line, finding.column) == position(source, finding.start)
