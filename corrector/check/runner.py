"""One check from options to exit code: settings, files, scan, baseline, report.

The steps run in the order that fails cheapest first: settings, git and the baseline file
are read before the language data is loaded, so a typo in a setting costs no half-second
load; when no file is left to check the data is not loaded at all (a pull request that
touches no text passes at once).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from corrector.check.baseline import Baseline, BaselineError, Outcome
from corrector.check.config import CheckConfig, ConfigError, load_config
from corrector.check.formats import CheckReport, FileStatus, render
from corrector.check.gitchanged import GitError, changed_files
from corrector.check.keys import Located, locate
from corrector.check.select import Selection, select_files

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass
class CheckRequest:
    """The command line as given; ``None`` means "not given, use the settings file"."""

    paths: list[Path] = field(default_factory=list)
    output_format: str = "text"
    min_confidence: float | None = None
    kinds: str | None = None
    words: list[Path] = field(default_factory=list)
    baseline: Path | None = None
    write_baseline: Path | None = None
    changed_since: str | None = None
    config: Path | None = None
    data: Path | None = None
    jobs: int = 1
    scheduler: str | None = None  # a Dask scheduler's address: scan on that cluster
    fail_on_stale: bool = False


class UsageError(Exception):
    """A request that cannot run; the message is one line for the user."""


def run(request: CheckRequest) -> int:
    """Do the check, print the report, return the exit code (0 clean, 1 findings, 2 error)."""
    try:
        config, selection, baseline = prepare(request, Path.cwd())
    except (UsageError, ConfigError, GitError, BaselineError) as exc:
        _fail(str(exc))
        return EXIT_ERROR
    if selection.paths:
        report, found = scan(request, config, selection)
        if report is None:
            return EXIT_ERROR
    else:  # still print an (empty) report: a CI step may upload it
        _say("no files to check")
        report, found = CheckReport(), []
    if request.write_baseline:
        return _write_baseline(request.write_baseline, found, report)
    outcome = Outcome(new=found)
    if baseline is not None:
        checked = [f.path for f in report.files if not f.error and not f.note]
        outcome = baseline.match(found, checked)
        report.baseline = str(config.baseline)
    report.findings, report.suppressed = outcome.new, outcome.suppressed
    report.stale = outcome.stale
    sys.stdout.write(render(request.output_format, report))
    sys.stdout.flush()
    for entry in report.stale:
        _say(f"stale baseline entry: '{entry.text}' in {entry.path} ({entry.context}) is no "
             f"longer found; re-write the baseline with --write-baseline {config.baseline}")
    for message in report.errors:
        _fail(message)
    _say(summary(report, config))
    if report.errors:
        return EXIT_ERROR
    if report.findings or (request.fail_on_stale and report.stale):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def prepare(request: CheckRequest, cwd: Path) -> tuple[CheckConfig, Selection, Baseline | None]:
    """Settings, the files to check and the baseline; raises on anything unusable."""
    if request.write_baseline and request.changed_since:
        raise UsageError("--write-baseline records every finding, so it cannot be combined "
                         "with --changed-since (which checks only some files)")
    if not request.paths and not request.changed_since:
        raise UsageError("give the files or folders to check (or --changed-since REV)")
    config = load_config(request.config, cwd).overridden(
        min_confidence=request.min_confidence, kinds=request.kinds,
        words=request.words or None, baseline=request.baseline,
    )
    paths = request.paths or [Path(".")]
    if request.changed_since:
        paths = [p for p in changed_files(request.changed_since, cwd) if _under(p, paths)]
    selection = select_files(paths, config.root, config.include, config.exclude)
    baseline = None
    if config.baseline is not None and not request.write_baseline:
        baseline = Baseline.load(config.baseline)
    return config, selection, baseline


def scan(request: CheckRequest, config: CheckConfig,
         selection: Selection) -> tuple[CheckReport | None, list[Located]]:
    """Scan the selected files; findings of the configured kinds, located for keys."""
    from corrector.batch import ScanSettings, scan_files
    from corrector.cli import load_model, load_user_words

    user_words = load_user_words(list(config.words))
    model = load_model(user_words, request.data)
    version = model.data.meta.get("data_version")
    if config.data_version is not None and str(version) != config.data_version:
        _fail(f"{config.source}: data-version is pinned to {config.data_version} but the "
              f"language data is {version}; install the corrector that ships "
              f"{config.data_version}, or update data-version after reviewing the change")
        return None, []
    settings = ScanSettings(user_words, request.data, config.min_confidence, keep_text=True)
    report = CheckReport(meta=model.data.meta)
    found: list[Located] = []
    for result in scan_files(selection.paths, settings, model=model, jobs=request.jobs,
                             scheduler=request.scheduler):
        error, note = result.error, result.note
        if error and result.path in selection.walked:  # as scan treats a walked file
            error, note = None, f"skipped {error}"
        if note:
            _say(f"note: {note}")
        report.files.append(FileStatus(result.path, error, note))
        if result.text is None:
            continue
        found.extend(locate(f, result.text) for f in result.findings
                     if config.kinds is None or f.kind.value in config.kinds)
    return report, found


def summary(report: CheckReport, config: CheckConfig) -> str:
    checked = sum(1 for f in report.files if not f.error and not f.note)
    files = len({located.finding.path for located in report.findings})
    text = (f"{len(report.findings)} finding{'s' if len(report.findings) != 1 else ''} "
            f"at or above confidence {config.min_confidence:.2f} in {files} of {checked} "
            f"file{'s' if checked != 1 else ''} checked")
    if report.baseline is not None:
        text += (f"; {report.suppressed} accepted by the baseline, {len(report.stale)} stale "
                 f"baseline entr{'ies' if len(report.stale) != 1 else 'y'}")
    return text


def _write_baseline(path: Path, found: list[Located], report: CheckReport) -> int:
    from corrector.atomic import write_text

    if report.errors:
        for message in report.errors:
            _fail(message)
        _fail(f"baseline {path} not written: some files could not be checked")
        return EXIT_ERROR
    baseline = Baseline.of(found, Path(os.path.abspath(path)).parent)
    try:
        write_text(path, baseline.dump())
    except OSError as exc:
        _fail(f"cannot write baseline {path}: {exc.strerror or exc}")
        return EXIT_ERROR
    _say(f"wrote {len(baseline.entries)} baseline entr"
         f"{'ies' if len(baseline.entries) != 1 else 'y'} ({len(found)} findings) to {path}")
    return EXIT_CLEAN


def _under(path: Path, roots: list[Path]) -> bool:
    target = os.path.abspath(path)
    for root in roots:
        top = os.path.abspath(root)
        if target == top or target.startswith(top.rstrip(os.sep) + os.sep):
            return True
    return False


def _say(message: str) -> None:
    """A line for the person reading the log, on stderr so stdout stays machine-readable."""
    sys.stderr.write(f"corrector: {message}\n")


def _fail(message: str) -> None:
    from corrector.cli import fail

    fail(message)
