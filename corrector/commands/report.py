"""``corrector report``: scan a whole archive and write one report an editor can work from.

The command is the edge: it checks OUT, counts the files for the progress bar, streams
``scan_files`` results into ``corrector.report.write_report`` and turns the outcome into the
usual exit codes (0 nothing found, 1 findings, 2 an input could not be read — the report is
still written for every other file).

No ``from __future__ import annotations`` here: typer reads the command's annotations at run
time, and the shared option types are imported inside ``register`` (``corrector.cli`` is still
loading when it calls ``register``), where postponed annotations could not find them.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from corrector.batch import FileResult


class ReportFormat(str, Enum):
    html = "html"
    markdown = "markdown"
    json = "json"
    csv = "csv"


def register(app: typer.Typer) -> None:
    # The shared options live in corrector.cli, which imports this module while it loads.
    from corrector.cli import (
        DataOption,
        JobsOption,
        MinConfidenceOption,
        SchedulerOption,
        WordsOption,
    )

    @app.command()
    def report(
        paths: Annotated[
            list[Path], typer.Argument(help="Files or folders (*.txt, *.md, *.html).")
        ],
        output: Annotated[
            Path, typer.Option("--output", "-o", metavar="OUT", help="Write the report here.")
        ],
        output_format: Annotated[
            ReportFormat | None,
            typer.Option("--format", "-f",
                         help="html, markdown, json or csv; by default from OUT's suffix."),
        ] = None,
        words: WordsOption = [],  # noqa: B006
        min_confidence: MinConfidenceOption = 0.0,
        data: DataOption = None,
        jobs: JobsOption = 1,
        scheduler: SchedulerOption = None,
    ) -> None:
        """Scan many files and write one report: summary, charts and every finding in context."""
        run_report(paths, output, output_format, words, min_confidence, data, jobs,
                   scheduler)


def _check_output(output: Path, output_format: ReportFormat | None) -> str:
    """The format to write, or a one-line error and exit 2 before any scanning."""
    from corrector.cli import EXIT_ERROR, fail
    from corrector.report.writer import format_for

    name = output_format.value if output_format else format_for(output.name)
    problem = None
    if output.is_dir():
        problem = f"{output}: is a folder; -o needs a file name"
    elif not output.parent.is_dir():
        problem = f"{output.parent}: no such folder for the report"
    elif name is None:
        problem = (f"{output}: cannot tell the report format from the file name; "
                   "pass --format html, markdown, json or csv")
    if problem:
        fail(problem)
        raise typer.Exit(EXIT_ERROR)
    assert name is not None
    return name


def run_report(paths: list[Path], output: Path, output_format: ReportFormat | None,
               words: list[Path], min_confidence: float, data: Path | None, jobs: int,
               scheduler: str | None = None) -> None:
    from corrector import __version__
    from corrector.batch import ScanSettings, scan_files
    from corrector.cli import (
        EXIT_CLEAN,
        EXIT_ERROR,
        EXIT_FINDINGS,
        err,
        fail,
        load_model,
        load_user_words,
    )
    from corrector.files import iter_sources
    from corrector.report import get_writer, write_report

    name = _check_output(output, output_format)
    settings = ScanSettings(load_user_words(words), data, min_confidence, keep_text=True)
    model = load_model(settings.user_words, data)
    meta = {"tool": "corrector", "version": __version__,
            "data_version": model.data.meta.get("data_version"),
            "min_confidence": min_confidence}
    own = frozenset({output.resolve()})  # a report inside the archive is not a transcription
    total = sum(1 for _ in iter_sources(paths, own))
    with _progress(total, err.is_terminal) as advance:
        results = _tap(scan_files(paths, settings, model=model, jobs=jobs,
                                  scheduler=scheduler, skip=own), advance)
        try:
            summary = write_report(results, get_writer(name), output, meta)
        except OSError as exc:
            fail(f"{output}: cannot write the report ({exc.strerror or exc})")
            raise typer.Exit(EXIT_ERROR) from None
    err.print(f"corrector: wrote {output}: {summary.findings:,} findings in "
              f"{summary.files:,} files ({summary.rate:.1f} per 1,000 words)",
              soft_wrap=True, markup=False, highlight=False)
    for message in summary.errors:
        fail(message)
    raise typer.Exit(EXIT_ERROR if summary.errors
                     else EXIT_FINDINGS if summary.findings else EXIT_CLEAN)


def _tap(results: Iterable["FileResult"],
         advance: Callable[[], None]) -> Iterator["FileResult"]:
    """Pass results on; print notes as they come and move the bar once a file is written."""
    from corrector.cli import err

    for result in results:
        if result.note:
            err.print(f"corrector: note: {result.note}", soft_wrap=True, markup=False)
        yield result
        advance()


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr when it is a terminal; otherwise nothing at all."""
    if not enabled:
        yield lambda: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from corrector.cli import err

    columns = (TextColumn("scanning"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
               TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn())
    with Progress(*columns, console=err) as progress:
        task = progress.add_task("scanning", total=total)
        yield lambda: progress.advance(task)
