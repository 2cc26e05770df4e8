"""``corrector report`` as an editor meets it: every finding in every format, a self-contained
well-formed HTML page with charts, the same report whatever ``--jobs``, and errors reported."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest

from corrector.batch import FileResult
from corrector.finding import Finding, Kind, Suggestion
from corrector.report import aggregate
from corrector.report.aggregate import Aggregator, band
from corrector.report.context import context_of
from corrector.report.to_csv import COLUMNS
from tests.clirun import ENV, run

SLIPPED = "It is obliged to nuke temporary agreements with them.\n"
FT = ("The programme of the labouring classes.\n"
      "gained by plunder ft great deal of territory | *so* <script>x</script> & $1\n")
CLEAN = "The programme of the labouring classes was not in favour of the Tzar.\n"
FORMATS = ("html", "markdown", "json", "csv")
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    (folder / "texts").mkdir()
    (folder / "texts" / "slipped.txt").write_text(SLIPPED, encoding="utf-8")
    (folder / "texts" / "ft.txt").write_text(FT, encoding="utf-8")
    (folder / "texts" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "texts" / "both.md").write_text(SLIPPED + FT, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def expected(archive) -> set[tuple[str, int, int, str]]:
    """What `corrector scan` finds in the archive: (path, line, column, text)."""
    doc = json.loads(run("scan", "-f", "json", "texts", cwd=archive).stdout)
    found = {(f["path"], f["line"], f["column"], f["text"]) for f in doc["findings"]}
    assert len(found) >= 4  # nuke and ft in their own files, and both in both.md
    return found


@pytest.fixture(scope="module")
def reports(archive) -> dict[str, Path]:
    out = {}
    for fmt in FORMATS:
        path = archive / f"report.{fmt}"
        result = run("report", "texts", "--format", fmt, "-o", str(path), cwd=archive)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        out[fmt] = path
    return out


def _html_findings(root: ET.Element) -> set[tuple[str, int, int, str]]:
    found = set()
    for details in root.iter("details"):
        path = details.find("summary/span").text
        for tr in details.iter("tr"):
            cells = tr.findall("td")
            if not cells:
                continue
            line, column = map(int, cells[0].text.split(":"))
            found.add((path, line, column, cells[3].find("mark").text))
    return found


def _unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def _first_bold(cell: str) -> str:
    """The text of the first ``**bold**`` run in a cell, reading backslash escapes."""
    bold, found, i = False, "", 0
    while i < len(cell):
        if cell[i] == "\\":
            found += cell[i + 1] if bold else ""
            i += 2
        elif cell.startswith("**", i):
            if bold:
                return found
            bold, i = True, i + 2
        else:
            found += cell[i] if bold else ""
            i += 1
    raise AssertionError(f"no bold slip in {cell!r}")


def _markdown_findings(text: str) -> set[tuple[str, int, int, str]]:
    found, path = set(), None
    for line in text.splitlines():
        if line.startswith("### "):
            path = _unescape(line[4:])
        elif path and (m := re.match(r"\| (\d+):(\d+) \|(.*)\|$", line)):
            cells = re.split(r"(?<!\\)\|", m.group(3))
            assert len(cells) == 4, line  # kind, confidence, context, suggestions
            found.add((path, int(m.group(1)), int(m.group(2)), _first_bold(cells[2])))
    return found


def test_every_finding_is_in_every_format(reports, expected):
    doc = json.loads(reports["json"].read_text(encoding="utf-8"))
    assert {(f["path"], f["line"], f["column"], f["text"]) for f in doc["findings"]} == expected
    with reports["csv"].open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {(r["path"], int(r["line"]), int(r["column"]), r["text"]) for r in rows} == expected
    root = ET.parse(reports["html"]).getroot()
    assert _html_findings(root) == expected
    assert _markdown_findings(reports["markdown"].read_text(encoding="utf-8")) == expected


def test_html_is_well_formed_self_contained_and_has_two_charts(reports):
    page = reports["html"].read_text(encoding="utf-8")
    root = ET.fromstring(page)  # raises on any unbalanced tag or bad entity
    for outside in ("http", "src=", "<script", "<link", "url(", "@import"):
        assert outside not in page.lower()
    charts = list(root.iter("svg"))
    assert len(charts) == 2
    bars = [len(list(svg.iter("rect"))) for svg in charts]
    assert bars == [3, 2]  # three files with findings; two kinds
    assert "&lt;script&gt;" in page  # the text's own markup is shown, not run


def test_markdown_keeps_tables_whole_despite_markup_in_the_text(reports):
    text = reports["markdown"].read_text(encoding="utf-8")
    assert "\\| \\*so\\* \\<script\\>x\\</script\\> \\& \\$1" in text
    assert "## Files, worst first" in text and "## Most frequent slips" in text


def test_csv_and_json_carry_the_same_counts(reports):
    doc = json.loads(reports["json"].read_text(encoding="utf-8"))
    with reports["csv"].open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [dict(zip(header, row)) for row in reader]
    assert tuple(header) == COLUMNS
    summary = doc["summary"]
    assert len(rows) == len(doc["findings"]) == summary["findings"]
    assert sum(summary["by_kind"].values()) == summary["findings"]
    assert sum(summary["by_confidence"].values()) == summary["findings"]
    assert sum(f["findings"] for f in doc["files"]) == summary["findings"]
    assert summary["files"] == 4 and summary["words"] == sum(f["words"] for f in doc["files"])
    for row, finding in zip(rows, doc["findings"]):
        offset = int(row["context_offset"])
        assert row["context"][offset : offset + len(row["text"])] == row["text"]
        assert row["context"] == finding["context"]
        listed = row["suggestions"].split("; ") if row["suggestions"] else []  # a bare flag
        assert listed == [s["text"] for s in finding["suggestions"]]
    series = {(e["text"], e["best"]): e["count"] for e in summary["error_series"]}
    assert series[("nuke", "make")] == 2 and series[("ft", "a")] == 2
    worst = [f["path"] for f in summary["worst_files"]]
    assert worst[0] == "texts/slipped.txt"  # one slip in nine words
    assert "texts/clean.txt" not in worst


def test_jobs_two_writes_the_same_report_as_jobs_one(archive, reports):
    for fmt in ("html", "json"):
        out = archive / f"jobs2.{fmt}"
        result = run("report", "texts", "-f", fmt, "-o", str(out), "--jobs", "2", cwd=archive)
        assert result.returncode == 1, result.stderr
        assert out.read_bytes() == reports[fmt].read_bytes()


def test_unreadable_files_are_reported_and_exit_two(tmp_path):
    (tmp_path / "slipped.txt").write_text(SLIPPED, encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "r.json"
    result = run("report", "slipped.txt", "binary.txt", "missing.txt", "-o", str(out),
                 cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "missing.txt: no such file or directory" in result.stderr
    assert "binary file" in result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [f["text"] for f in doc["findings"]] == ["nuke"]
    assert len(doc["errors"]) == 2 and doc["summary"]["files_scanned"] == 1
    html = tmp_path / "r.html"
    assert run("report", "slipped.txt", "missing.txt", "-o", str(html),
               cwd=tmp_path).returncode == 2
    assert "missing.txt: no such file or directory" in html.read_text(encoding="utf-8")


def test_clean_archive_exits_zero_with_an_empty_but_valid_report(tmp_path):
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    for fmt in FORMATS:
        out = tmp_path / f"r.{fmt}"
        assert run("report", "clean.txt", "-f", fmt, "-o", str(out), cwd=tmp_path).returncode == 0
    ET.parse(tmp_path / "r.html")
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["findings"] == []
    assert (tmp_path / "r.csv").read_text(encoding="utf-8").strip() == ",".join(COLUMNS)


def test_format_comes_from_the_suffix_and_bad_outputs_are_one_line_errors(tmp_path):
    (tmp_path / "slipped.txt").write_text(SLIPPED, encoding="utf-8")
    assert run("report", "slipped.txt", "-o", "r.md", cwd=tmp_path).returncode == 1
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# corrector report")
    for out, message in [("r.txt", "cannot tell the report format"),
                         ("nowhere/r.html", "no such folder"), (".", "is a folder")]:
        result = run("report", "slipped.txt", "-o", out, cwd=tmp_path)
        assert result.returncode == 2
        assert message in result.stderr and result.stderr.strip().count("\n") == 0
    assert run("report", "slipped.txt", cwd=tmp_path).returncode == 2  # -o is required


def test_report_replaces_the_old_one_atomically_keeping_its_permissions(tmp_path):
    (tmp_path / "slipped.txt").write_text(SLIPPED, encoding="utf-8")
    out = tmp_path / "r.html"
    out.write_text("old report", encoding="utf-8")
    out.chmod(0o640)
    assert run("report", "slipped.txt", "-o", str(out), cwd=tmp_path).returncode == 1
    assert "nuke" in out.read_text(encoding="utf-8")
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "slipped.txt"]


def test_a_report_written_inside_the_archive_is_not_scanned_next_time(tmp_path):
    (tmp_path / "slipped.txt").write_text(SLIPPED, encoding="utf-8")
    (tmp_path / "older.md").write_text(SLIPPED, encoding="utf-8")
    for _ in range(2):  # r.md (JSON quoting the slips) exists for the second run
        result = run("report", ".", "-o", "r.md", "-f", "json", cwd=tmp_path)
        assert result.returncode == 1, result.stderr
        doc = json.loads((tmp_path / "r.md").read_text(encoding="utf-8"))
        assert sorted(f["path"] for f in doc["files"]) == ["older.md", "slipped.txt"]
    named = run("report", "r.md", "-o", "again.json", cwd=tmp_path)  # named: always read
    assert json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))["files"]
    assert named.returncode in (0, 1)


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    (tmp_path / "slipped.txt").write_text(SLIPPED, encoding="utf-8")
    result = run("report", "slipped.txt", "-o", "r.json", cwd=tmp_path)
    assert "scanning" not in result.stderr
    assert result.stderr.startswith("corrector: wrote r.json: 1 findings in 1 files")


def test_progress_bar_on_a_terminal(tmp_path):
    (tmp_path / "slipped.txt").write_text(SLIPPED, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    env = {**ENV, "FORCE_COLOR": "1", "TTY_COMPATIBLE": "1", "COLUMNS": "100"}
    result = subprocess.run([sys.executable, "-m", "corrector", "report", ".", "-o", "r.json"],
                            capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "scanning" in result.stderr and "2/2" in result.stderr


# The pure parts: aggregation and context.


def _finding(text: str, best: str, kind: Kind, confidence: float, start: int = 0) -> Finding:
    return Finding(start, start + len(text), text, kind, confidence,
                   (Suggestion(best, 0.9),), "test", 1, start + 1)


def test_aggregator_counts_kinds_bands_series_and_orders_worst_files():
    aggregator = Aggregator()
    aggregator.add(FileResult("a.txt", (_finding("ft", "a", Kind.NON_WORD, 0.95),
                                        _finding("nuke", "make", Kind.ANACHRONISM, 0.6)),
                              words=100))
    aggregator.add(FileResult("b.txt", (_finding("ft", "a", Kind.NON_WORD, 0.3),), words=10))
    aggregator.add(FileResult("c.txt", words=50))
    aggregator.add(FileResult("d.txt", error="d.txt: no such file or directory"))
    summary = aggregator.summary()
    assert (summary.files, summary.scanned, summary.words, summary.findings) == (4, 3, 160, 3)
    assert summary.by_kind == {"non-word": 2, "anachronism": 1}
    assert summary.by_band == {"high": 1, "medium": 1, "low": 1}
    assert [(e.text, e.best, e.count) for e in summary.series] == [
        ("ft", "a", 2), ("nuke", "make", 1)]
    assert [row.path for row in summary.worst()] == ["b.txt", "a.txt"]  # 100 vs 20 per 1,000
    assert summary.rate == pytest.approx(3 / 160 * 1000)
    assert summary.errors == ["d.txt: no such file or directory"]


def test_band_edges():
    assert [band(c) for c in (1.0, 0.9, 0.89, 0.5, 0.49, 0.0)] == [
        "high", "high", "medium", "medium", "low", "low"]


def test_error_series_stays_bounded_and_keeps_the_frequent_pairs(monkeypatch):
    monkeypatch.setattr(aggregate, "SERIES_CAP", 10)
    aggregator = Aggregator()
    for i in range(200):
        findings = (_finding("ft", "a", Kind.NON_WORD, 0.9),
                    _finding(f"x{i}", "y", Kind.NON_WORD, 0.9, start=5))
        aggregator.add(FileResult(f"{i}.txt", findings, words=10))
        assert len(aggregator._series) <= 11
    summary = aggregator.summary()
    assert (summary.series[0].text, summary.series[0].count) == ("ft", 200)
    assert summary.findings == 400 and summary.files == 200


def test_context_is_one_trimmed_line_with_the_slip_in_place():
    line = "word " * 40 + "nuke" + " word" * 40
    text = "first line\r\n" + line + "\r\nlast"
    start = text.index("nuke")
    context = context_of(text, _finding("nuke", "make", Kind.ANACHRONISM, 0.9, start))
    assert context.slip == "nuke"
    assert context.text[context.offset : context.offset + 4] == "nuke"
    assert context.before.startswith("…") and context.after.endswith("…")
    assert len(context.text) < 140 and "\r" not in context.text and "\n" not in context.text
    broken = "a frag-\nment here"
    split = Finding(2, 12, broken[2:12], Kind.HYPHENATION, 0.9, (), "test", 1, 3)
    assert context_of(broken, split).text == "a frag-⏎ment here"
    assert context_of(None, split).text == split.text


# The page as a browser draws it.


def _png_pixels(path: Path, rows: int) -> tuple[int, list[bytes]]:
    """Width and the first ``rows`` decoded rows (RGB or RGBA, 8-bit) of a PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and color in (2, 6) and interlace == 0
    size = 3 if color == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * size
    out: list[bytes] = []
    previous = bytearray(stride)
    for y in range(min(rows, height)):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) *
                                                         (stride + 1)])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up = previous[i]
            corner = previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc
                                      else corner)) & 255
        out.append(bytes(line if size == 3 else
                         b"".join(line[i : i + 3] for i in range(0, stride, 4))))
        previous = line
    return width, out


def _longest_run(rows: list[bytes], rgb: bytes) -> int:
    """The longest horizontal run of pixels of exactly this colour: a bar, not a label."""
    best = 0
    for row in rows:
        run_length = 0
        for i in range(0, len(row), 3):
            run_length = run_length + 1 if row[i : i + 3] == rgb else 0
            best = max(best, run_length)
    return best


def test_html_renders_its_charts_in_headless_chromium(reports, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium "
                    "(apt-get install -y chromium) to render the report")
    shot = tmp_path / "report.png"
    result = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}",
         f"--screenshot={shot}", "--window-size=1200,1600", reports["html"].as_uri()],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert shot.exists(), result.stderr[-2000:]
    assert shot.stat().st_size > 20_000
    _, rows = _png_pixels(shot, 700)
    for color in ("2e6da4", "c0392b", "8e44ad"):  # rate bars, non-word and anachronism bars
        assert _longest_run(rows, bytes.fromhex(color)) >= 150, (
            f"no chart bar of colour #{color} in the screenshot")
    shutil.rmtree(tmp_path / "profile", ignore_errors=True)


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_defused():
    from corrector.report.to_csv import finding_row

    text = "=HYPERLINK(\"http://x\") nuke\n-- the nuke of it\n"
    slip = text.index("nuke", 30)
    finding = Finding(slip, slip + 4, "nuke", Kind.ANACHRONISM, 0.9,
                      (Suggestion("@make", 0.8, "test"),), "+reason", line=2, column=8,
                      path="-a.txt")
    row = dict(zip(COLUMNS, finding_row(finding, text)))
    assert row["path"] == "'-a.txt" and row["suggestions"] == "'@make"
    assert row["reason"] == "'+reason" and row["text"] == "nuke"
    context, offset = str(row["context"]), int(row["context_offset"])
    assert context.startswith("'-- the")
    assert context[offset : offset + 4] == "nuke"
