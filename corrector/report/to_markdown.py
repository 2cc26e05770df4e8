"""The report as Markdown, made to read well on a code forge (GitHub, GitLab, Gitea).

Tables for the summary and for each file's findings; the slip is shown in bold inside its
line. Every piece of text from a file is escaped with ``cell()``, so OCR debris such as
``|``, ``*``, ``_``, ``<`` or ``$`` cannot break a table, start emphasis, open an HTML tag or
turn into mathematics.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable, Sequence
from typing import TextIO

from corrector.finding import Finding
from corrector.report.aggregate import BANDS, FileRow, Summary
from corrector.report.context import context_of

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")
_CONTROLS = {c: 0x2400 + c for c in range(32) if chr(c) != "\t"} | {0x7F: 0x2421}


def cell(value: object) -> str:
    """Text made safe for a Markdown table cell or heading: punctuation escaped, one line."""
    return _SPECIAL.sub(r"\\\1", str(value).translate(_CONTROLS))


def _bold(value: str) -> str:
    """Bold that survives spaces at the edges of the slip (``** x**`` would not render)."""
    stripped = value.strip()
    if not stripped:
        return cell(value)
    lead = value[: len(value) - len(value.lstrip())]
    trail = value[len(value.rstrip()) :]
    return f"{cell(lead)}**{cell(stripped)}**{cell(trail)}"


def _finding_row(finding: Finding, source: str | None) -> str:
    context = context_of(source, finding)
    fixes = ", ".join(
        _bold(s.text) if i == 0 else cell(s.text) for i, s in enumerate(finding.suggestions)
    ) or "–"
    return (f"| {finding.line}:{finding.column} | {cell(finding.kind.value)} | "
            f"{finding.confidence:.2f} | {cell(context.before)}{_bold(context.slip)}"
            f"{cell(context.after)} | {fixes} |\n")


def _write_table(out: TextIO, header: Sequence[str], align: str,
                 rows: Iterable[Sequence[object]]) -> None:
    """A Markdown table, written a row at a time (the files table may have many)."""
    written = False
    for row in rows:
        if not written:
            out.write("| " + " | ".join(header) + " |\n|"
                      + "|".join("---:" if a == "r" else "---" for a in align) + "|\n")
            written = True
        out.write("| " + " | ".join(str(v) for v in row) + " |\n")
    if not written:
        out.write("None.\n")


def _share(count: int, total: int) -> str:
    return f"{100 * count / total if total else 0:.1f}%"


class Writer:
    def file_section(self, row: FileRow, findings: Sequence[Finding], source: str | None) -> str:
        head = (f"### {cell(row.path)}\n\n{row.findings:,} "
                f"finding{'s' if row.findings != 1 else ''}, {row.rate:.1f} per 1,000 words.\n\n"
                "| line:col | kind | confidence | in context | suggestions |\n"
                "|---:|---|---:|---|---|\n")
        return head + "".join(_finding_row(f, source) for f in findings) + "\n"

    def document(self, summary: Summary, sections: TextIO, out: TextIO) -> None:
        meta = summary.meta
        worst = summary.worst()
        out.write(
            f"# corrector report: {summary.findings:,} findings in {summary.files:,} "
            f"file{'s' if summary.files != 1 else ''}\n\n"
            f"{cell(meta.get('tool'))} {cell(meta.get('version'))}, language data "
            f"{cell(meta.get('data_version'))}, minimum confidence "
            f"{cell(meta.get('min_confidence'))}.\n\n"
        )
        _write_table(
            out, ["files", "scanned", "with findings", "words", "findings", "per 1,000 words"],
            "rrrrrr",
            [[f"{summary.files:,}", f"{summary.scanned:,}", f"{len(worst):,}",
              f"{summary.words:,}", f"{summary.findings:,}", f"{summary.rate:.1f}"]],
        )
        out.write("\n## By kind\n\n")
        _write_table(out, ["kind", "findings", "share"], "lrr",
                     [[cell(k), f"{n:,}", _share(n, summary.findings)]
                      for k, n in summary.by_kind.items()])
        limits = ", ".join(f"{name} ≥ {lowest:g}" for name, lowest in BANDS[:-1])
        out.write(f"\n## By confidence\n\n{limits}, low below.\n\n")
        _write_table(out, ["confidence", "findings", "share"], "lrr",
                     [[name, f"{summary.by_band.get(name, 0):,}",
                       _share(summary.by_band.get(name, 0), summary.findings)]
                      for name, _ in BANDS])
        out.write("\n## Most frequent slips\n\n")
        _write_table(out, ["slip", "suggested fix", "times"], "llr",
                     [[cell(e.text), cell(e.best or "?"), f"{e.count:,}"]
                      for e in summary.series])
        out.write("\n## Files, worst first\n\n")
        _write_table(out, ["file", "words", "findings", "per 1,000 words", "kinds"], "lrrrl",
                     ([cell(r.path), f"{r.words:,}", f"{r.findings:,}", f"{r.rate:.1f}",
                       ", ".join(f"{cell(k)} {n}" for k, n in r.by_kind)]
                      for r in worst))
        problems = [f"- **error:** {cell(m)}" for m in summary.errors]
        problems += [f"- {cell(m)}" for m in summary.notes]
        if problems:
            out.write("\n## Files not scanned\n\n" + "\n".join(problems) + "\n")
        out.write("\n## Findings by file\n\n")
        shutil.copyfileobj(sections, out)
