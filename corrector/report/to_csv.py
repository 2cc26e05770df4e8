"""The report as CSV: one row per finding, for spreadsheets and scripts.

Columns, in order (a header row names them):

    path, line, column   where the slip is (line and column count from 1)
    start, end           code-point offsets into the file's text as read (as in scan JSON)
    kind                 non-word, anachronism, ...
    confidence           0 to 1
    text                 the flagged source text
    suggestions          the suggested fixes, best first, separated by "; "
    reason               why it was flagged
    context              the line around the slip (trimmed, "…" where cut)
    context_offset       where the slip starts in ``context`` (0-based)

Files without findings have no rows; the JSON report carries per-file counts and errors.
Rows are written with CRLF endings and minimal quoting (RFC 4180).

A transcription is text from anywhere, and a spreadsheet runs a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return as a formula (CSV injection). Such text cells
get a leading apostrophe, which spreadsheets hide; offsets, not the ``text`` column, are the
way for scripts to find a finding in its file.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Sequence
from typing import TextIO

from corrector.finding import Finding
from corrector.report.aggregate import FileRow, Summary
from corrector.report.context import context_of

COLUMNS = ("path", "line", "column", "start", "end", "kind", "confidence", "text",
           "suggestions", "reason", "context", "context_offset")
SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: str) -> str:
    """``value`` made safe to open in a spreadsheet (see the module docstring)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def finding_row(finding: Finding, text: str | None) -> list[object]:
    context = context_of(text, finding)
    context_text = cell(context.text)
    context_offset = context.offset + len(context_text) - len(context.text)
    return [cell(finding.path), finding.line, finding.column, finding.start, finding.end,
            finding.kind.value, round(finding.confidence, 4), cell(finding.text),
            cell(SEPARATOR.join(s.text for s in finding.suggestions)), cell(finding.reason),
            context_text, context_offset]


class Writer:
    def file_section(self, row: FileRow, findings: Sequence[Finding], text: str | None) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerows(finding_row(f, text) for f in findings)
        return buffer.getvalue()

    def document(self, summary: Summary, sections: TextIO, out: TextIO) -> None:
        csv.writer(out).writerow(COLUMNS)
        shutil.copyfileobj(sections, out)
