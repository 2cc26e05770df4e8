"""``corrector check PATH...``: the CI gate, exit 0 clean, 1 findings, 2 error.

Only the command line lives here; the work is in ``corrector.check`` and is imported when the
command runs. The command is defined inside ``register`` because it reuses the option types
of ``corrector.cli``, which is still being imported when it registers its commands.
"""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class CheckFormat(str, Enum):
    text = "text"
    github = "github"
    sarif = "sarif"
    json = "json"
    junit = "junit"


def register(app: typer.Typer) -> None:
    from corrector.check.config import DEFAULT_MIN_CONFIDENCE
    from corrector.cli import DataOption, JobsOption, SchedulerOption, WordsOption

    @app.command("check")
    def check(
        paths: Annotated[
            list[Path] | None,
            typer.Argument(help="Files or folders (*.txt, *.md); with --changed-since, "
                                "only changed files under them (default: .).",
                           show_default=False),
        ] = None,
        output_format: Annotated[
            CheckFormat,
            typer.Option("--format", "-f", help="text, github (workflow annotations), "
                                                "sarif, json or junit."),
        ] = CheckFormat.text,
        min_confidence: Annotated[
            float | None,
            typer.Option(min=0.0, max=1.0, show_default=False,
                         help="Fail only on findings at or above this confidence "
                              f"(setting: min-confidence; default {DEFAULT_MIN_CONFIDENCE})."),
        ] = None,
        kinds: Annotated[
            str | None,
            typer.Option(show_default=False,
                         help="Comma-separated kinds to check, e.g. non-word,anachronism "
                              "(setting: kinds; default: all)."),
        ] = None,
        words: WordsOption = [],  # noqa: B006
        baseline: Annotated[
            Path | None,
            typer.Option(show_default=False,
                         help="Report only findings this baseline file does not hold "
                              "(setting: baseline)."),
        ] = None,
        write_baseline: Annotated[
            Path | None,
            typer.Option(show_default=False,
                         help="Record today's findings in this file and exit 0."),
        ] = None,
        changed_since: Annotated[
            str | None,
            typer.Option(metavar="REV", show_default=False,
                         help="Check only *.txt/*.md files changed since REV's merge base "
                              "with HEAD, plus untracked ones (needs git)."),
        ] = None,
        config: Annotated[
            Path | None,
            typer.Option(show_default=False,
                         help="Read settings from this file instead of the nearest "
                              "corrector.toml, or pyproject.toml with a tool.corrector table."),
        ] = None,
        fail_on_stale: Annotated[
            bool,
            typer.Option(help="Also fail (exit 1) when baseline entries are no longer found."),
        ] = False,
        data: DataOption = None,
        jobs: JobsOption = 1,
        scheduler: SchedulerOption = None,
    ) -> None:
        """Fail (exit 1) when texts have slips at or above the gate's confidence."""
        from corrector.check.runner import CheckRequest, run

        raise typer.Exit(run(CheckRequest(
            paths=list(paths or []), output_format=output_format.value,
            min_confidence=min_confidence, kinds=kinds, words=list(words), baseline=baseline,
            write_baseline=write_baseline, changed_since=changed_since, config=config,
            data=data, jobs=jobs, scheduler=scheduler, fail_on_stale=fail_on_stale,
        )))
