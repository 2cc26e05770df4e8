"""The one small interface every report format implements, and the table of formats.

A format is written in two steps so that a report streams: ``file_section`` turns one file's
findings into text as soon as the file is scanned (the driver spools it to disk and drops the
findings), and ``document`` writes the finished report around the spooled sections, once the
summary is known. Formats are imported only when chosen, to keep the command line quick.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import Protocol, TextIO

from corrector.finding import Finding
from corrector.report.aggregate import FileRow, Summary

# format name -> (module, file suffixes that imply it)
FORMATS: dict[str, tuple[str, tuple[str, ...]]] = {
    "html": ("corrector.report.to_html", (".html", ".htm")),
    "markdown": ("corrector.report.to_markdown", (".md", ".markdown")),
    "json": ("corrector.report.to_json", (".json",)),
    "csv": ("corrector.report.to_csv", (".csv",)),
}


class ReportWriter(Protocol):
    """One output format."""

    def file_section(self, row: FileRow, findings: Sequence[Finding], text: str | None) -> str:
        """The details for one file with findings: each finding in its line, with suggestions.

        ``text`` is the file's text as read, for context; it is not kept after this call.
        """
        ...

    def document(self, summary: Summary, sections: TextIO, out: TextIO) -> None:
        """Write the whole report to ``out``: the summary, then the spooled ``sections``."""
        ...


def get_writer(name: str) -> ReportWriter:
    """A new writer for format ``name`` (one of ``FORMATS``)."""
    module = import_module(FORMATS[name][0])
    return module.Writer()


def format_for(path: str) -> str | None:
    """The format a file name implies by its suffix, if any."""
    lowered = path.lower()
    for name, (_, suffixes) in FORMATS.items():
        if lowered.endswith(suffixes):
            return name
    return None
