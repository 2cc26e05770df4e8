"""Plain lines, ``path:line:column: kind: word -> suggestion``: what editors and grep read.

No colour and no wrapping even on a terminal, so a CI log and a local run look the same and
an editor's "jump to error" pattern matches every line.
"""

from __future__ import annotations

from corrector.check.formats import CheckReport
from corrector.check.keys import Located


def line(located: Located) -> str:
    f = located.finding
    return f"{f.path}:{f.line}:{f.column}: {f.kind.value}: {located.word} -> {f.best or '?'}"


def render(report: CheckReport) -> str:
    return "".join(line(located) + "\n" for located in report.findings)
