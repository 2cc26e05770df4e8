"""``corrector fix``: write corrected copies, applying only confident findings.

The sources are never touched: each corrected copy goes under ``--output DIR`` with its own
file name, written atomically. A name met twice, or a copy that would overwrite its own
source, is an error for that file (exit 2) while the rest are still written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from corrector.cli import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    DataOption,
    JobsOption,
    SchedulerOption,
    WordsOption,
    err,
    fail,
    load_model,
    load_user_words,
    out,
)
from corrector.fixing import DEFAULT_FIX_CONFIDENCE


def register(app: typer.Typer) -> None:
    app.command()(fix)


def fix(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (*.txt, *.md, *.html).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the copies.")],
    min_confidence: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0,
                     help="Apply only fixes whose score is at or above this. Default: the "
                          "fixes expected to lower the error rate (score beats the chance of "
                          "a false flag)."),
    ] = DEFAULT_FIX_CONFIDENCE,
    words: WordsOption = [],  # noqa: B006
    data: DataOption = None,
    jobs: JobsOption = 1,
    scheduler: SchedulerOption = None,
) -> None:
    """Write a corrected copy of each file under --output, applying confident findings."""
    from corrector.atomic import write_bytes
    from corrector.batch import ScanSettings, scan_files
    from corrector.fixing import apply_fixes

    if output.exists() and not output.is_dir():
        fail(f"{output}: exists and is not a folder")
        raise typer.Exit(EXIT_ERROR)
    output.mkdir(parents=True, exist_ok=True)
    settings = ScanSettings(load_user_words(words), data, min_confidence or 0.0, keep_text=True)
    model = load_model(settings.user_words, data) if jobs == 1 and not scheduler else None
    written: set[str] = set()
    errors = fixed_total = 0
    for result in scan_files(paths, settings, model=model, jobs=jobs, scheduler=scheduler):
        if result.note:
            err.print(f"corrector: note: {result.note}", soft_wrap=True, markup=False)
        if result.error:
            fail(result.error)
            errors += 1
            continue
        if result.text is None:
            continue
        source = Path(result.path)
        target = output / source.name
        if source.name in written or target.resolve() == source.resolve():
            why = "a second file with this name" if source.name in written else "its own source"
            fail(f"{source}: not written: {target} would overwrite {why}")
            errors += 1
            continue
        written.add(source.name)
        if result.encoding_note:
            err.print(f"corrector: note: {result.encoding_note}", soft_wrap=True, markup=False)
        text, applied = apply_fixes(result.text, result.findings, min_confidence)
        try:
            data = result.encode(text)  # the source's encoding, BOM and line ends
        except UnicodeEncodeError:
            fail(f"{source}: not written: a fix holds a character {result.encoding} cannot "
                 "store")
            errors += 1
            continue
        write_bytes(target, data)
        fixed_total += applied
        out.print(f"{source} -> {target}: {applied} fixed", soft_wrap=True, markup=False,
                  highlight=False)
    raise typer.Exit(EXIT_ERROR if errors else EXIT_FINDINGS if fixed_total else EXIT_CLEAN)
