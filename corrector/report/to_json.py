"""The report as one JSON object, for other tools.

    {"tool", "version", "data_version", "min_confidence",
     "summary": {files, files_scanned, files_with_findings, words, findings, per_1000_words,
                 by_kind, by_confidence, worst_files, error_series},
     "files": [{path, words, findings, per_1000_words, by_kind, error?, note?}, ...],
     "findings": [{...the fields of `scan --format json`..., context, context_offset}, ...],
     "errors": [...], "notes": [...]}

Findings carry exactly the fields of ``corrector scan --format json`` plus ``context`` (the
line around the slip, see ``corrector.report.context``) and ``context_offset`` (where the slip
starts in it). The spool holds one finding per line; ``document`` joins them into the array.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from corrector.finding import Finding
from corrector.report.aggregate import FileRow, Summary
from corrector.report.context import context_of


def finding_json(finding: Finding, text: str | None) -> dict[str, object]:
    """A finding's JSON form with its context; shared with the CSV writer."""
    context = context_of(text, finding)
    return {**finding.to_json(), "context": context.text, "context_offset": context.offset}


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


class Writer:
    def file_section(self, row: FileRow, findings: Sequence[Finding], text: str | None) -> str:
        return "".join(_dump(finding_json(f, text)) + "\n" for f in findings)

    def document(self, summary: Summary, sections: TextIO, out: TextIO) -> None:
        head = {key: summary.meta.get(key)
                for key in ("tool", "version", "data_version", "min_confidence")}
        out.write("{" + ", ".join(f"{_dump(k)}: {_dump(v)}" for k, v in head.items()) + ",\n")
        out.write(f' "summary": {_dump(summary.to_json())},\n')
        out.write(' "files": [')
        for i, row in enumerate(summary.rows):  # a row at a time: there may be many
            out.write(("\n  " if i == 0 else ",\n  ") + _dump(row.to_json()))
        out.write('\n ],\n "findings": [\n')
        first = True
        for line in sections:
            out.write(("  " if first else ",\n  ") + line.rstrip("\n"))
            first = False
        out.write(f'\n ],\n "errors": {_dump(summary.errors)},\n')
        out.write(f' "notes": {_dump(summary.notes)}\n}}\n')
