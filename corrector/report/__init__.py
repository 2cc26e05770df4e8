"""Batch reports over a whole archive: which files need work first, and what slips dominate.

The flow streams, so a report over thousands of files needs no more memory than one over ten:

    FileResult ─► aggregate.Aggregator   (per-file summary rows, bounded counts)
               └► ReportWriter.file_section ─► spool file next to OUT   (details, as they come)
    at the end: ReportWriter.document(summary, spool) ─► OUT, replaced atomically

Each output format (html, markdown, json, csv) is one module behind the small ``ReportWriter``
interface in ``corrector.report.writer``; ``corrector.report.build.write_report`` drives them.
"""

from __future__ import annotations

from corrector.report.aggregate import Aggregator, FileRow, Summary
from corrector.report.build import write_report
from corrector.report.writer import FORMATS, ReportWriter, get_writer

__all__ = [
    "FORMATS",
    "Aggregator",
    "FileRow",
    "ReportWriter",
    "Summary",
    "get_writer",
    "write_report",
]
