"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

``::warning file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::MESSAGE``, escaped as the
Actions toolkit does (``escapeProperty`` / ``escapeData``) so a word with a comma, a colon or
a newline cannot end a property early or start a command of its own. Stale baseline entries
become notices on the baseline file, where the fix (re-writing it) is made.
"""

from __future__ import annotations

from corrector.check.formats import CheckReport, repo_path
from corrector.check.keys import Located


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    head = f"::{name} {props}" if props else f"::{name}"
    return f"{head}::{escape_data(message)}"


def annotation(located: Located) -> str:
    f = located.finding
    others = ", ".join(s.text for s in f.suggestions[1:4])
    message = (f"'{located.word}' -> '{f.best or '?'}' ({f.kind.value}, confidence "
               f"{f.confidence:.2f})" + (f"; also: {others}" if others else "")
               + f". {f.reason}")
    return command("warning", message, file=repo_path(f.path), line=f.line, col=f.column,
                   endLine=located.end_line, endColumn=located.end_column,
                   title=f"corrector {f.kind.value}: {located.word}")


def render(report: CheckReport) -> str:
    lines = [annotation(located) for located in report.findings]
    for entry in report.stale:
        lines.append(command(
            "notice",
            f"stale baseline entry: '{entry.text}' in {entry.path} ({entry.context}) is no "
            f"longer found; re-write the baseline with --write-baseline",
            file=repo_path(report.baseline or ""), title="corrector: stale baseline entry",
        ))
    for status in report.files:
        if status.error:
            lines.append(command("error", status.error, title="corrector: cannot check"))
    return "".join(line + "\n" for line in lines)
