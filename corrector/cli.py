"""The command line: the edge where paths, terminals and exit codes meet the pure core.

Exit codes, the same for every command (like grep): 0 nothing found, 1 findings, 2 an error
(a usage error, or an input that could not be read; the rest of the batch is still done).
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from corrector import langdata
from corrector.batch import ScanSettings, keep_survivors, scan_files
from corrector.files import InputError, read_word_list
from corrector.finding import Finding
from corrector.langdata import DataError

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
PROJECT_WORDS = "corrector-words.txt"

app = typer.Typer(
    help="Find and fix OCR and transcription slips in English texts of 1890-1935.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
wordlists_app = typer.Typer(help="Build and inspect the period language data.",
                            no_args_is_help=True)
app.add_typer(wordlists_app, name="wordlists")

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


def fail(message: str) -> None:
    """Print one error line to stderr (the message is shown as is, brackets included)."""
    err.print(f"[bold red]corrector: error:[/] {escape(message)}", soft_wrap=True)


def load_user_words(words: list[Path]) -> frozenset[str]:
    """The user's ``--words`` lists plus the project list in the current folder, if any."""
    found: set[str] = set()
    project = Path.cwd() / PROJECT_WORDS
    for path in [*words, *([project] if project.exists() else [])]:
        try:
            found |= read_word_list(path)
        except InputError as exc:
            fail(f"word list {exc}")
            raise typer.Exit(EXIT_ERROR) from None
    return frozenset(found)


def load_model(user_words: frozenset[str], data_dir: Path | None):
    from corrector.model import Model

    try:
        return Model.load(user_words, data_dir)
    except DataError as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_ERROR) from None


WordsOption = Annotated[
    list[Path],
    typer.Option("--words", "-w", help="A word list (one word a line) never to flag; repeatable."),
]
MinConfidenceOption = Annotated[
    float, typer.Option(min=0.0, max=1.0, help="Leave out findings below this confidence.")
]
JobsOption = Annotated[
    int, typer.Option("--jobs", "-j", min=1,
                 help="Scan in this many processes (a long text file is shared).")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", metavar="ADDRESS", show_default=False,
                 help="Send files to the Dask scheduler at ADDRESS (tcp://host:8786) instead "
                      "of scanning here."),
]
DataOption = Annotated[
    Path | None,
    typer.Option("--data", help="Use language data from this folder instead of the bundled one."),
]


@app.command()
def scan(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (*.txt, *.md, *.html).")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text (default) or json.")
    ] = OutputFormat.text,
    words: WordsOption = [],  # noqa: B006
    min_confidence: MinConfidenceOption = 0.0,
    data: DataOption = None,
    jobs: JobsOption = 1,
    scheduler: SchedulerOption = None,
) -> None:
    """Print each likely slip as path:line:column: word -> suggestions."""
    settings = ScanSettings(load_user_words(words), data, min_confidence)
    model = load_model(settings.user_words, data)
    findings: list[Finding] = []
    errors: list[str] = []
    keep_survivors()
    for result in scan_files(paths, settings, model=model, jobs=jobs, scheduler=scheduler):
        keep_survivors()
        findings.extend(result.findings)
        if result.error:
            errors.append(result.error)
        if result.note:
            err.print(f"corrector: note: {result.note}", soft_wrap=True, markup=False)
        if result.encoding_note:
            err.print(f"corrector: note: {result.encoding_note}", soft_wrap=True, markup=False)
    if output_format is OutputFormat.json:
        from corrector.render import json_document

        sys.stdout.write(json_document(findings, errors, model.data.meta) + "\n")
    else:
        from corrector.render import print_text

        print_text(out, findings)
    for message in errors:
        fail(message)
    raise typer.Exit(EXIT_ERROR if errors else EXIT_FINDINGS if findings else EXIT_CLEAN)


@app.command()
def explain(
    word: Annotated[str, typer.Argument(help="The word to explain.")],
    words: WordsOption = [],  # noqa: B006
    data: DataOption = None,
) -> None:
    """Say whether WORD is known for the period, from which lists, and how it would be flagged."""
    from corrector.explain import explain_word

    model = load_model(load_user_words(words), data)
    report, flagged = explain_word(word, model)
    out.print(report, soft_wrap=True, markup=False)
    raise typer.Exit(EXIT_FINDINGS if flagged else EXIT_CLEAN)


@wordlists_app.command("build")
def wordlists_build(
    shared: Annotated[Path, typer.Option(help="The shared data folder.")] = Path("../shared"),
    output: Annotated[Path, typer.Option("--out", help="Where to write the data.")] = Path(
        "wordlists"
    ),
    jobs: Annotated[int, typer.Option(min=1, help="Processes for counting the corpus.")] = 2,
    cache: Annotated[
        Path | None, typer.Option(help="Keep raw corpus counts here to skip recounting.")
    ] = None,
) -> None:
    """Rebuild the period language data from the shared corpus and lexicons."""
    from corrector.build.wordlists import build

    if not (shared / "corpora").is_dir():
        fail(f"{shared}: no corpora/ folder here; pass --shared PATH")
        raise typer.Exit(EXIT_ERROR)
    with err.status("counting the period corpus and building the language data…"):
        meta = build(shared, output, jobs=jobs, cache=cache)
    for key, value in meta.items():
        out.print(f"{key}: {value}")


@wordlists_app.command("calibrate")
def wordlists_calibrate(
    shared: Annotated[Path, typer.Option(help="The shared data folder.")] = Path("../shared"),
    output: Annotated[Path, typer.Option("--out", help="The language data folder.")] = Path(
        "wordlists"
    ),
) -> None:
    """Measure each kind of finding on the aligned dev sets and write calibration.tsv."""
    from corrector.build.calibrate import calibrate

    if not (shared / "data" / "aligned").is_dir():
        fail(f"{shared}: no data/aligned/ folder here; pass --shared PATH")
        raise typer.Exit(EXIT_ERROR)
    with err.status("scanning the dev sets…"):
        result = calibrate(shared, output)
    for key, value in result.items():
        out.print(f"{key}: {value}")


@wordlists_app.command("confusions")
def wordlists_confusions(
    output: Annotated[Path, typer.Option("--out", help="The language data folder.")] = Path(
        "wordlists"
    ),
) -> None:
    """Rework the stored confusion sets (after relearning the error model or retuning the
    real-word thresholds; ``wordlists build`` does this itself)."""
    from corrector.build.wordlists import write_confusion_table

    try:
        with err.status("working out every word's confusion set…") as status:
            entries = write_confusion_table(output, lambda done, total: status.update(
                f"working out every word's confusion set… {done:,} of {total:,} words"))
    except DataError as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_ERROR) from None
    out.print(f"confusion_entries: {entries}")


@wordlists_app.command("first-letters")
def wordlists_first_letters(
    shared: Annotated[Path, typer.Option(help="The shared data folder.")] = Path("../shared"),
    output: Annotated[Path, typer.Option("--out", help="The language data folder.")] = Path(
        "wordlists"
    ),
) -> None:
    """Relearn which case misread first letters had, from the aligned train pages
    (``wordlists build`` does this itself)."""
    from corrector.build.wordlists import TRAIN_SETS, write_first_letters

    if not all((shared / t).is_dir() for t in TRAIN_SETS):
        fail(f"{shared}: no aligned train sets here; pass --shared PATH")
        raise typer.Exit(EXIT_ERROR)
    out.print(f"first_letter_rows: {write_first_letters(shared, output)}")


@wordlists_app.command("info")
def wordlists_info(data: DataOption = None) -> None:
    """Show where the language data is and what it was built from."""
    directory = data or langdata.default_data_dir()
    try:
        loaded = langdata.load(directory)
    except DataError as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_ERROR) from None
    out.print(f"path: {directory}")
    for key, value in loaded.meta.items():
        out.print(f"{key}: {value}")
    out.print(f"count cache: {_count_cache_summary()}", soft_wrap=True, markup=False)


def _count_cache_summary() -> str:
    """Where long scans keep their hashed count tables and how much room they take: they
    are the one thing corrector writes outside the files a user names (``counthash``)."""
    from corrector.counthash import cache_dir

    folder = cache_dir()
    if folder is None:
        return ("off (CORRECTOR_CACHE=off: long scans build their count tables in memory "
                "each run)")
    tables = sorted(folder.glob("*.hash")) if folder.is_dir() else []
    size = sum(table.stat().st_size for table in tables)
    return (f"{folder} ({len(tables)} table{'s' if len(tables) != 1 else ''}, "
            f"{size / 1e6:.0f} MB; rebuilt when needed, safe to delete; "
            f"CORRECTOR_CACHE sets another folder)")


def _register_commands() -> None:
    """Commands that live in their own modules (corrector/commands/) add themselves here."""
    from corrector.commands import register_all

    register_all(app)


_register_commands()


def main() -> None:
    """Run the command line, then end the process without tearing the heap down.

    The language data is hundreds of thousands of small objects, and freeing them one by one
    at exit is a visible share of a one-page ``check``. Every command has written and closed
    its files when it returns, so once the standard streams are flushed the process can end.

    numpy's BLAS would start a thread per core at import, which costs a one-page check more
    than the scan itself on a busy machine; nothing here does linear algebra.

    A Dask cluster that cannot do a ``--scheduler`` scan is one error line, wherever it fails.
    """
    from corrector.cluster import ClusterError

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        app()
        code: object = EXIT_CLEAN
    except SystemExit as exc:
        code = exc.code
    except ClusterError as exc:
        fail(str(exc))
        code = EXIT_ERROR
    sys.stdout.flush()
    sys.stderr.flush()
    if code is None:
        code = EXIT_CLEAN
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = EXIT_ERROR
    os._exit(code)
