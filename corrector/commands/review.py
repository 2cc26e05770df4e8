"""``corrector review``, ``patch``, ``apply`` and ``log``: a person's decisions and their fruit.

``review`` scans, then asks about one finding at a time and stores each answer at once in
``.corrector/decisions.sqlite3`` under the current folder (the project folder). ``patch``
writes the accepted changes as a unified diff, ``apply`` writes them into the files, and
``log`` exports every decision as JSON Lines for audit.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

# No ``from __future__ import annotations`` here: typer reads the option annotations of the
# commands defined inside ``register``, which must be evaluated where the names are in scope.
# ``corrector.cli`` is imported inside the functions because it imports this module.

REVIEW_HELP = (
    "Go through the findings one at a time; every decision is saved as it is made.\n\n"
    "Keys (no Enter needed on a terminal): y accept, 1-9 that suggestion, e type your own, "
    "n reject, a add to the project word list, i ignore the word this session, s skip, "
    "u undo, A then a key: the same for every occurrence, q quit, ? help.\n\n"
    "Run it again to carry on where you stopped. Decisions live in .corrector/ in the "
    "current folder."
)

OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
]


def _open_store(create: bool):
    """The project's decision store (None if there is none and ``create`` is False)."""
    from corrector.cli import EXIT_ERROR, fail
    from corrector.review.store import Store, StoreError

    try:
        return Store.open(Path.cwd()) if create else Store.existing(Path.cwd())
    except StoreError as exc:
        fail(str(exc))
        raise typer.Exit(EXIT_ERROR) from None


def _write_output(output: Path | None, text: str) -> None:
    """``text`` to ``output`` (atomically) or to stdout."""
    from corrector.atomic import write_text
    from corrector.cli import EXIT_ERROR, fail

    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        write_text(output, text)
    except OSError as exc:
        fail(f"{output}: cannot write ({exc.strerror or exc})")
        raise typer.Exit(EXIT_ERROR) from None


def _missing(paths: list[Path]) -> list[str]:
    return [f"{p}: no such file or directory" for p in paths if not p.exists()]


def register(app: typer.Typer) -> None:
    from corrector.cli import (
        EXIT_CLEAN,
        EXIT_ERROR,
        EXIT_FINDINGS,
        DataOption,
        JobsOption,
        MinConfidenceOption,
        WordsOption,
        err,
        fail,
        load_model,
        load_user_words,
        out,
    )

    @app.command(help=REVIEW_HELP)
    def review(
        paths: Annotated[
            list[Path], typer.Argument(help="Files or folders (*.txt, *.md, *.html).")
        ],
        words: WordsOption = [],  # noqa: B006
        min_confidence: MinConfidenceOption = 0.0,
        data: DataOption = None,
        jobs: JobsOption = 1,
    ) -> None:
        """Go through the findings one at a time; every decision is saved as it is made."""
        from rich.console import Console

        from corrector.batch import ScanSettings, scan_files
        from corrector.finding import Finding
        from corrector.review import tui
        from corrector.review.session import Item, Session, items_from
        from corrector.review.words import WordList

        root = Path.cwd()
        settings = ScanSettings(load_user_words(words), data, min_confidence, keep_text=True)
        model = load_model(settings.user_words, data)

        def scan(settings: ScanSettings, model) -> tuple[list[Item], dict[str, str], list[str]]:
            findings: list[Finding] = []
            texts: dict[str, str] = {}
            errors: list[str] = []
            for result in scan_files(paths, settings, model=model, jobs=jobs):
                if result.error:
                    errors.append(result.error)
                if result.note:
                    err.print(f"corrector: note: {result.note}", soft_wrap=True, markup=False)
                if result.encoding_note:
                    err.print(f"corrector: note: {result.encoding_note}", soft_wrap=True,
                              markup=False)
                if result.findings and result.text is not None:
                    findings.extend(result.findings)
                    texts[result.path] = result.text
            return items_from(findings, texts, root), texts, errors

        items, texts, errors = scan(settings, model)
        for message in errors:
            fail(message)

        def rescan():
            fresh = ScanSettings(load_user_words(words), data, min_confidence, keep_text=True)
            new_items, new_texts, _ = scan(fresh, load_model(fresh.user_words, data))
            return new_items, new_texts

        if not items:
            out.print("nothing to review", markup=False)
            raise typer.Exit(EXIT_ERROR if errors else EXIT_CLEAN)
        session = Session(items, _open_store(create=True), WordList.of_project(root))
        if session.current is None:
            out.print(f"all {len(items)} findings already decided", markup=False)
            raise typer.Exit(EXIT_ERROR if errors else EXIT_CLEAN)
        console = Console(highlight=False)
        complete = tui.run(session, texts, console, tui.key_source(console), rescan)
        if any(d.action.changes_text for d in session.store.pending(session.paths).values()):
            console.print("accepted changes: corrector patch PATH (a diff), corrector apply "
                          "PATH (into the files)", style="dim")
        raise typer.Exit(EXIT_ERROR if errors else EXIT_CLEAN if complete else EXIT_FINDINGS)

    @app.command("patch")
    def patch_command(
        paths: Annotated[list[Path], typer.Argument(help="Files or folders whose changes to "
                                                         "include.")],
        output: OutputOption = None,
    ) -> None:
        """Write the accepted changes as one unified diff (git apply / patch -p1 take it)."""
        from corrector.review.changes import make_patch
        from corrector.review.scope import Scope

        problems = _missing(paths)
        result = make_patch(_open_store(create=False), Path.cwd(), Scope(paths, Path.cwd()))
        _write_output(output, result.text)
        if output is not None:
            err.print(f"corrector: {result.changes} change(s) in {result.files} file(s) "
                      f"written to {output}", markup=False, soft_wrap=True)
        for message in problems + result.problems:
            fail(message)
        raise typer.Exit(EXIT_ERROR if problems or result.problems else EXIT_CLEAN)

    @app.command("apply")
    def apply_command(
        paths: Annotated[list[Path] | None, typer.Argument(
            help="Files or folders whose changes to make (with --patch: limit it to these).")
        ] = None,
        patch: Annotated[Path | None, typer.Option(
            "--patch", help="Apply this unified diff instead of the stored decisions.")] = None,
        forget_stale: Annotated[bool, typer.Option(
            "--forget-stale", help="Drop accepted changes whose text is gone; apply the rest.")
        ] = False,
    ) -> None:
        """Make the accepted changes in the files, atomically; refuse files changed since."""
        from corrector.files import InputError, read_text
        from corrector.review.apply import apply_decisions, apply_patch
        from corrector.review.scope import Scope

        paths = paths or []
        if not paths and patch is None:
            fail("name the files or folders whose accepted changes to apply (or give --patch)")
            raise typer.Exit(EXIT_ERROR)
        problems = _missing(paths)
        root = Path.cwd()
        store = _open_store(create=False)
        scope = Scope(paths, root)
        if patch is not None:
            try:
                patch_text = read_text(patch)
            except InputError as exc:
                fail(f"patch {exc}")
                raise typer.Exit(EXIT_ERROR) from None
            report = apply_patch(store, root, scope, patch_text, str(patch))
        else:
            report = apply_decisions(store, root, scope, forget_stale)
        for name, count in report.applied:
            out.print(f"{name}: {count} change(s) applied", markup=False, soft_wrap=True)
        for note in report.notes:
            err.print(f"corrector: note: {note}", markup=False, soft_wrap=True)
        if not report.applied and not report.problems and not problems:
            err.print("corrector: no accepted changes to apply", markup=False)
        for message in problems + report.problems:
            fail(message)
        raise typer.Exit(EXIT_ERROR if problems or report.problems else EXIT_CLEAN)

    @app.command("log")
    def log_command(
        output: OutputOption = None,
        include_undone: Annotated[bool, typer.Option(
            "--all", help="Also list decisions that were undone.")] = False,
    ) -> None:
        """Export every decision as JSON Lines: file, span, old, new, rule, origin, time."""
        from corrector.review.auditlog import log_lines
        from corrector.review.store import StoreError

        store = _open_store(create=False)
        try:
            decisions = store.history(include_undone) if store else []
        except StoreError as exc:
            fail(str(exc))
            raise typer.Exit(EXIT_ERROR) from None
        _write_output(output, "".join(log_lines(decisions)))
        raise typer.Exit(EXIT_CLEAN)
