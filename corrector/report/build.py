"""Drive one report: results in, sections spooled as they come, the document written at the end.

This is the only place that holds a file's findings and text, and only while its section is
written; afterwards the aggregator's row is all that is left of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from corrector.batch import FileResult
from corrector.report.aggregate import Aggregator, Summary
from corrector.report.output import atomic_open, spool
from corrector.report.writer import ReportWriter


def write_report(results: Iterable[FileResult], writer: ReportWriter, out: Path,
                 meta: dict[str, object] | None = None) -> Summary:
    """Write the report on ``results`` to ``out`` (atomically) and return its summary.

    Raises OSError if OUT's folder cannot be written; OUT is then left as it was.
    """
    aggregator = Aggregator(meta)
    with spool(out) as sections:
        for result in results:
            row = aggregator.add(result)
            if result.findings:
                sections.write(writer.file_section(row, result.findings, result.text))
        summary = aggregator.summary()
        sections.seek(0)
        with atomic_open(out) as fh:
            writer.document(summary, sections, fh)
    return summary

