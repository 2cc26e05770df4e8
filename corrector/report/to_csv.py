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


def finding_row(finding: Finding, text: str | None) -> list[object]:
    context = context_of(text, finding)
    return [finding.path, finding.line, finding.column, finding.start, finding.end,
            finding.kind.value, round(finding.confidence, 4), finding.text,
            SEPARATOR.join(s.text for s in finding.suggestions), finding.reason,
            context.text, context.offset]


class Writer:
    def file_section(self, row: FileRow, findings: Sequence[Finding], text: str | None) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerows(finding_row(f, text) for f in findings)
        return buffer.getvalue()

    def document(self, summary: Summary, sections: TextIO, out: TextIO) -> None:
        csv.writer(out).writerow(COLUMNS)
        shutil.copyfileobj(sections, out)
