"""The report as one self-contained HTML page: open it offline, in any browser, without script.

Everything is inline: the style sheet, the two charts (SVG drawn by ``corrector.report.svg``),
the tables. There is no script, no font, no image and no link outside the page, so the file can
be mailed, archived or opened from a USB stick and look the same. The markup is also
well-formed XML (every element closed, no named entities), which lets tests parse it strictly.

Per-file sections are ``<details open>`` blocks: readable as they are, foldable without script.
All text from files (paths, slips, context, reasons) goes through ``text()``, which escapes it
and shows control characters as visible symbols, since OCR output is full of them.
"""

from __future__ import annotations

import html
import os
import shutil
from collections.abc import Sequence
from typing import TextIO

from corrector.finding import Finding
from corrector.report.aggregate import BANDS, FileRow, Summary
from corrector.report.context import context_of
from corrector.report.svg import Bar, bar_chart

CHART_FILES = 30  # files shown in the findings-per-1,000-words chart
RATE_COLOR = "#2e6da4"
KIND_COLORS = {
    "non-word": "#c0392b",
    "anachronism": "#8e44ad",
    "real-word": "#d68910",
    "split-word": "#2471a3",
    "joined-word": "#17a589",
    "hyphenation": "#7f8c8d",
    "punctuation": "#a04000",
    "consistency": "#1e8449",
}
OTHER_COLOR = "#555555"

# C0 controls (but tab, newline, return) and DEL become their visible Unicode pictures.
_CONTROLS = {c: 0x2400 + c for c in range(32) if chr(c) not in "\t\n\r"} | {0x7F: 0x2421}

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#222;
 margin:0 auto;max-width:1150px;padding:1em 1.5em}
h1{font-size:1.6em;margin:.3em 0}h2{font-size:1.25em;margin:1.4em 0 .5em;
 border-bottom:1px solid #ddd}
.meta{color:#666}
table{border-collapse:collapse;margin:.4em 0}
th,td{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.totals td{font-size:1.3em;font-weight:600}
.charts{display:flex;flex-wrap:wrap;gap:2em}
.ctx{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;white-space:pre-wrap;
 word-break:break-word}
mark{background:#ffe08a;border-bottom:3px solid var(--k,#555);padding:0 1px}
.kind{color:#fff;background:var(--k,#555);border-radius:3px;padding:0 .35em;font-size:.85em;
 white-space:nowrap}
details{margin:.6em 0;border:1px solid #ddd;border-radius:4px;padding:.3em .6em}
summary{cursor:pointer;font-weight:600}
.path{font-family:ui-monospace,Menlo,Consolas,monospace}
.error{color:#a00}
"""


def text(value: object) -> str:
    """Escape any text for HTML and make control characters visible."""
    return html.escape(str(value).translate(_CONTROLS))


def _kind_color(kind: str) -> str:
    return KIND_COLORS.get(kind, OTHER_COLOR)


def _kind_label(kind: str, title: str = "") -> str:
    tip = f' title="{text(title)}"' if title else ""
    return f'<span class="kind" style="--k:{_kind_color(kind)}"{tip}>{text(kind)}</span>'


def _finding_row(finding: Finding, source: str | None) -> str:
    context = context_of(source, finding)
    kind = finding.kind.value
    fixes = ", ".join(
        (f'<span title="score {s.score:.2f}{" · " + text(s.origin) if s.origin else ""}">'
         + (f"<b>{text(s.text)}</b>" if i == 0 else text(s.text)) + "</span>")
        for i, s in enumerate(finding.suggestions)
    ) or "<i>none</i>"
    return (
        f'<tr><td class="num">{finding.line}:{finding.column}</td>'
        f"<td>{_kind_label(kind, finding.reason)}</td>"
        f'<td class="num">{finding.confidence:.2f}</td>'
        f'<td class="ctx">{text(context.before)}<mark style="--k:{_kind_color(kind)}">'
        f"{text(context.slip)}</mark>{text(context.after)}</td>"
        f"<td>{fixes}</td></tr>\n"
    )


def _common_folder(paths: list[str]) -> str:
    """The folder all ``paths`` share ('' if none), left out of chart labels as it tells
    no file apart."""
    try:
        return os.path.commonpath([os.path.dirname(path) for path in paths]) if paths else ""
    except ValueError:  # absolute and relative paths mixed
        return ""


def _rate_chart(all_worst: list[FileRow]) -> str:
    worst = all_worst[:CHART_FILES]
    if not worst:
        return "<p>No findings, so no chart.</p>"
    folder = _common_folder([row.path for row in worst])
    bars = [Bar(row.path[len(folder):].lstrip("/\\") or row.path, row.rate, RATE_COLOR,
                f"{row.rate:.1f}") for row in worst]
    hit = len(all_worst)
    notes = ([f"The {len(worst)} worst of {hit:,} files with findings."] if hit > len(worst)
             else []) + ([f"Files in {folder}."] if folder else [])
    note = f'<p class="meta">{text(" ".join(notes))}</p>' if notes else ""
    return bar_chart(bars, "Findings per 1,000 words, worst files first") + note


def _kind_chart(summary: Summary) -> str:
    if not summary.by_kind:
        return "<p>No findings, so no chart.</p>"
    bars = [Bar(kind, count, _kind_color(kind), f"{count:,}")
            for kind, count in summary.by_kind.items()]
    return bar_chart(bars, "Findings by kind", width=520)


def _totals(summary: Summary) -> str:
    cells = [("files", f"{summary.files:,}"), ("scanned", f"{summary.scanned:,}"),
             ("with findings", f"{summary.with_findings:,}"),
             ("words", f"{summary.words:,}"), ("findings", f"{summary.findings:,}"),
             ("per 1,000 words", f"{summary.rate:.1f}")]
    head = "".join(f'<th class="num">{name}</th>' for name, _ in cells)
    body = "".join(f'<td class="num">{value}</td>' for _, value in cells)
    return f'<table class="totals"><tr>{head}</tr><tr>{body}</tr></table>'


def _counts_table(title: str, counts: dict[str, int], total: int, kinds: bool) -> str:
    rows = "".join(
        f"<tr><td>{_kind_label(name) if kinds else text(name)}</td>"
        f'<td class="num">{count:,}</td>'
        f'<td class="num">{100 * count / total if total else 0:.1f}%</td></tr>'
        for name, count in counts.items()
    )
    return (f'<table><tr><th>{title}</th><th class="num">findings</th>'
            f'<th class="num">share</th></tr>{rows}</table>')


def _series_table(summary: Summary) -> str:
    if not summary.series:
        return "<p>None.</p>"
    rows = "".join(
        f'<tr><td class="ctx">{text(e.text)}</td><td class="ctx">{text(e.best or "?")}</td>'
        f'<td class="num">{e.count:,}</td></tr>'
        for e in summary.series
    )
    return ('<table><tr><th>slip</th><th>suggested fix</th><th class="num">times</th></tr>'
            f"{rows}</table>")


def _write_files_table(worst: list[FileRow], out: TextIO) -> None:
    """All files with findings, worst first, one row written at a time (there may be many)."""
    if not worst:
        out.write("<p>No file has findings.</p>\n")
        return
    out.write('<table><tr><th>file</th><th class="num">words</th><th class="num">findings</th>'
              '<th class="num">per 1,000 words</th><th>kinds</th></tr>\n')
    for row in worst:
        out.write(
            f'<tr><td class="path"><a href="#file-{row.index}">{text(row.path)}</a></td>'
            f'<td class="num">{row.words:,}</td><td class="num">{row.findings:,}</td>'
            f'<td class="num">{row.rate:.1f}</td>'
            f"<td>{', '.join(f'{text(k)} {n}' for k, n in row.by_kind)}</td></tr>\n"
        )
    out.write("</table>\n")


def _problems(summary: Summary) -> str:
    items = [f'<li class="error">{text(m)}</li>' for m in summary.errors]
    items += [f"<li>{text(m)}</li>" for m in summary.notes]
    if not items:
        return ""
    return f"<h2>Files not scanned</h2><ul>{''.join(items)}</ul>"


class Writer:
    def file_section(self, row: FileRow, findings: Sequence[Finding], source: str | None) -> str:
        head = (f'<details open="open" id="file-{row.index}"><summary>'
                f'<span class="path">{text(row.path)}</span> — {row.findings:,} '
                f"finding{'s' if row.findings != 1 else ''}, {row.rate:.1f} per 1,000 words"
                "</summary>\n"
                '<table class="findings"><tr><th class="num">line:col</th><th>kind</th>'
                '<th class="num">confidence</th><th>in context</th><th>suggestions</th></tr>\n')
        return head + "".join(_finding_row(f, source) for f in findings) + "</table></details>\n"

    def document(self, summary: Summary, sections: TextIO, out: TextIO) -> None:
        meta = summary.meta
        worst = summary.worst()
        title = (f"corrector report: {summary.findings:,} findings in {summary.files:,} "
                 f"file{'s' if summary.files != 1 else ''}")
        bands = {name: summary.by_band.get(name, 0) for name, _ in BANDS}
        limits = ", ".join(f"{name} ≥ {lowest:g}" for name, lowest in BANDS[:-1])
        out.write(
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
            f"<title>{text(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            f"<h1>{text(title)}</h1>\n"
            f'<p class="meta">{text(meta.get("tool"))} {text(meta.get("version"))}, language '
            f'data {text(meta.get("data_version"))}, minimum confidence '
            f'{text(meta.get("min_confidence"))}</p>\n'
            f"{_totals(summary)}\n"
            '<div class="charts">\n'
            f"<div><h2>Findings per 1,000 words, worst files first</h2>\n"
            f"{_rate_chart(worst)}</div>\n"
            f"<div><h2>Findings by kind</h2>\n{_kind_chart(summary)}</div>\n</div>\n"
            f"<h2>By kind</h2>\n{_counts_table('kind', summary.by_kind, summary.findings, True)}"
            f"\n<h2>By confidence</h2>\n<p class=\"meta\">{text(limits)}, low below.</p>\n"
            f"{_counts_table('confidence', bands, summary.findings, False)}\n"
            f"<h2>Most frequent slips</h2>\n{_series_table(summary)}\n"
            "<h2>Files, worst first</h2>\n"
        )
        _write_files_table(worst, out)
        out.write(f"{_problems(summary)}\n<h2>Findings by file</h2>\n")
        shutil.copyfileobj(sections, out)
        out.write("</body>\n</html>\n")
