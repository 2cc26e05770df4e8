"""Turn findings into what a person or another program reads: text lines or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable

from rich.console import Console
from rich.markup import escape

from corrector import __version__
from corrector.finding import Finding

KIND_STYLE = {
    "non-word": "bold red",
    "anachronism": "bold magenta",
    "real-word": "bold yellow",
    "split-word": "bold blue",
    "punctuation": "bold cyan",
}


def print_text(console: Console, findings: Iterable[Finding]) -> None:
    """Print findings one a line, coloured when the console is a terminal. A word cut at
    a line end is shown with its break as a space, so each finding stays one line for grep
    and editors' jump-to-line."""
    for f in findings:
        flagged = " ".join(f.text.split())
        fixes = ", ".join(escape(s.text) for s in f.suggestions[:3]) or "?"
        style = KIND_STYLE.get(f.kind.value, "bold")
        console.print(
            f"[cyan]{escape(f.path)}[/]:{f.line}:{f.column}: [{style}]{escape(flagged)}[/] -> "
            f"[green]{fixes}[/] [dim]({f.kind.value}, {f.confidence:.2f})[/]",
            soft_wrap=True,
            highlight=False,
        )


def json_document(findings: Iterable[Finding], errors: Iterable[str],
                  meta: dict[str, object]) -> str:
    """The stable JSON form: ``{"tool", "version", "data_version", "findings", "errors"}``."""
    return json.dumps(
        {
            "tool": "corrector",
            "version": __version__,
            "data_version": meta.get("data_version"),
            "findings": [f.to_json() for f in findings],
            "errors": list(errors),
        },
        ensure_ascii=False,
        indent=1,
    )
