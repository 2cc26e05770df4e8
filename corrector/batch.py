"""Scan many files, in this process or in worker processes, yielding results in input order.

Every command that reads files (scan, check, report, fix) goes through ``scan_files`` so they
share one behaviour: named files that cannot be read are errors, files met while walking a
folder that cannot be read are skipped with a note, and results come back in a stable order
whatever the number of jobs, so output does not depend on ``--jobs``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from corrector.files import (
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    UTF8,
    InputError,
    Source,
    SourceText,
    iter_sources,
    read_source,
)
from corrector.finding import Finding

if TYPE_CHECKING:
    from concurrent.futures import Future  # (not imported to run: a one-page check)


@dataclass(frozen=True)
class FileResult:
    """What scanning one file gave: findings, or an error / a note instead."""

    path: str
    findings: tuple[Finding, ...] = ()
    words: int = 0
    error: str | None = None  # the file was named and could not be read: exit 2
    note: str | None = None  # met while walking a folder and skipped
    text: str | None = field(default=None, repr=False, compare=False)
    encoding: str = UTF8  # how the file was decoded, and must be written back
    bom: str = ""

    @property
    def encoding_note(self) -> str | None:
        """One line for the user when the file was not UTF-8 and its encoding was guessed."""
        if self.encoding == UTF8 or self.error or self.note:
            return None
        return f"{self.path}: not UTF-8; read as {self.encoding} (detected)"

    def encode(self, text: str) -> bytes:
        """``text`` in the file's own encoding, with its BOM (for writing a fixed copy)."""
        return SourceText("", self.encoding, self.bom).encode(text)


@dataclass(frozen=True)
class ScanSettings:
    """What a worker needs to rebuild the model and scan like the parent process would."""

    user_words: frozenset[str] = frozenset()
    data_dir: Path | None = None
    min_confidence: float = 0.0
    keep_text: bool = False


_WORKER_MODEL = None
_WORKER_SETTINGS: ScanSettings | None = None
_FORKED_MODEL = None  # the parent's model, which forked workers adopt instead of loading


def _init_worker(settings: ScanSettings) -> None:
    global _WORKER_MODEL, _WORKER_SETTINGS
    if _FORKED_MODEL is not None:
        _WORKER_MODEL = _FORKED_MODEL
    else:
        from corrector.model import Model

        _WORKER_MODEL = Model.load(settings.user_words, settings.data_dir)
    _WORKER_SETTINGS = settings


@dataclass(frozen=True)
class Piece:
    """What one worker scans of a file: all of it, or part ``part`` of ``parts`` of a long
    plain-text file (runs of ``scan.chunks``; ``scan.scan_text_part``)."""

    source: Source
    part: int = 0
    parts: int = 1


def _scan_in_worker(pieces: tuple[Piece, ...]) -> list[FileResult]:
    """Scan a run of consecutive files (or one part of a long file) in a ``--jobs`` worker."""
    assert _WORKER_MODEL is not None and _WORKER_SETTINGS is not None
    results = []
    for piece in pieces:
        results.append(scan_piece(piece, _WORKER_MODEL, _WORKER_SETTINGS))
        keep_survivors()  # (a worker is this module's own process: nobody else's collector)
    return results


def scan_piece(piece: Piece, model, settings: ScanSettings) -> FileResult:
    """``scan_source`` for a whole file; for a part of one, the part's findings, with the
    word count, text and encoding on part 0 only, so that ``join_parts`` gives the whole
    file's result. Every part reads the file: an unreadable one is the same error in each."""
    if piece.parts == 1:
        return scan_source(piece.source, model, settings)
    from corrector.scan import scan_text_part

    path = str(piece.source.path)
    read = read_or_result(piece.source)
    if isinstance(read, FileResult):
        return read
    found = scan_text_part(read.text, model, piece.part, piece.parts,
                           min_confidence=settings.min_confidence)
    first = piece.part == 0
    return _file_result(path, read, found, len(read.text.split()) if first else 0, settings,
                        whole=first)


def join_parts(parts: list[FileResult]) -> FileResult:
    """One file's result from its parts' (``scan_piece``), in part order: part 0's, with
    every part's findings; an error or a note (the file could not be read) stands alone."""
    first = parts[0]
    if first.error or first.note:
        return first
    return replace(first, findings=tuple(f for part in parts for f in part.findings))


def keep_survivors() -> None:
    """Exempt what is alive now from the cyclic collector, for a process that only scans
    (the command line, a ``--jobs`` worker), between files; never called on importing.

    What outlives a file is the model and the answers memoised for its word types, which
    hold no cycles and live as long as the process; the collector would otherwise walk
    them again on every older-generation pass (about 3% of a first pass over a folder of
    books, nothing once the memos have stopped growing). ``gc.freeze`` itself costs no
    walk; a scan leaves no cyclic garbage behind to be kept for good by it (a test says
    so), as what it frees, refcounting frees at once."""
    import gc

    gc.freeze()


def scan_source(source: Source, model, settings: ScanSettings) -> FileResult:
    """Read and scan one file; unreadable input becomes an error or a note, never raises."""
    read = read_or_result(source)
    if isinstance(read, FileResult):
        return read
    return scan_read(str(source.path), read, model, settings)


def read_or_result(source: Source | InputError) -> SourceText | FileResult:
    """A file's text, or the FileResult that stands for it when it cannot be read: an error
    for a path the user named (exit 2), a note for a file met while walking a folder."""
    if isinstance(source, InputError):  # the path itself was bad: missing, broken link
        return FileResult(str(source).split(":", 1)[0], error=str(source))
    try:
        return read_source(source.path)
    except InputError as exc:
        if source.named:
            return FileResult(str(source.path), error=str(exc))
        return FileResult(str(source.path), note=f"skipped {exc}")


def document_kind(path: str) -> str:
    """How to read a file's text, by its name: ``"html"``, ``"markdown"`` or ``"text"``."""
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return "text"


def scan_read(path: str, read: SourceText, model, settings: ScanSettings) -> FileResult:
    """Scan a file's text once read: the part of ``scan_source`` a remote worker runs."""
    from corrector.scan import scan_document

    scanned = scan_document(read.text, model, document_kind(path),
                            min_confidence=settings.min_confidence)
    return _file_result(path, read, scanned.findings, len(scanned.readable.split()), settings)


def _file_result(path: str, read: SourceText, findings: Iterable[Finding], words: int,
                 settings: ScanSettings, whole: bool = True) -> FileResult:
    """A scanned file's result; a part other than a file's first (``whole`` false) keeps
    no text, which the first part carries for the whole file."""
    return FileResult(path, tuple(f.at(path) for f in findings), words,
                      text=read.text if settings.keep_text and whole else None,
                      encoding=read.encoding, bom=read.bom)


def scan_files(
    paths: Iterable[Path],
    settings: ScanSettings,
    model=None,
    jobs: int = 1,
    on_result: Callable[[FileResult], None] | None = None,
    scheduler: str | None = None,
    skip: frozenset[Path] = frozenset(),
) -> Iterator[FileResult]:
    """Scan every file under ``paths`` and yield one FileResult per file, in input order.

    With ``jobs > 1`` files are scanned in worker processes, which share ``model`` where
    they can be forked (``_worker_pool``) and otherwise each load the model once; each
    takes a run of consecutive files at a time, or a part of a long file (``plan_work``),
    and results still stream back in order a run at a time, so memory does not grow with
    the batch. With
    ``scheduler`` (a Dask scheduler's address) they are scanned on that cluster instead
    (``corrector.cluster``; ``jobs`` and ``model`` are then unused).
    """
    if scheduler is not None:
        from corrector.cluster import scan_files_on_cluster

        yield from scan_files_on_cluster(paths, settings, scheduler, on_result, skip)
        return
    sources = iter_sources(paths, skip)
    if jobs <= 1 and model is None:
        from corrector.model import Model

        model = Model.load(settings.user_words, settings.data_dir)
    if model is not None:
        sources = _hint_long_scan(sources, model)
    if jobs <= 1:
        for source in sources:
            result = (
                read_or_result(source)
                if isinstance(source, InputError)
                else scan_source(source, model, settings)
            )
            if on_result:
                on_result(result)
            yield result
        return
    with _worker_pool(jobs, settings, model) as pool:
        pending: deque[FileResult | Future | list[Future]] = deque()
        for unit in plan_work(sources, jobs):
            if isinstance(unit, InputError):
                pending.append(read_or_result(unit))
            elif unit[0].parts > 1:  # one long file: its parts, each a task of its own
                pending.append([pool.submit(_scan_in_worker, (piece,)) for piece in unit])
            else:
                pending.append(pool.submit(_scan_in_worker, unit))
            while len(pending) > 2 * jobs:
                yield from _resolve(pending.popleft(), on_result)
        while pending:
            yield from _resolve(pending.popleft(), on_result)


LOOKAHEAD_FILES = 512  # files looked at ahead of the workers, to size their runs of files
# Input at least this long (about 350,000 words) is a long scan: the count tables are read
# into memory at once (``counthash.CountIndex.expect_many``). Measured on 1M words of
# books: 0.2 s less a run; on 100,000 words it makes no difference either way.
LONG_SCAN_BYTES = 2_000_000


def _hint_long_scan(sources: Iterable[Source | InputError],
                    model) -> Iterator[Source | InputError]:
    """``sources`` as they are, after a look at the sizes of up to ``LOOKAHEAD_FILES`` of
    them: when those hold ``LONG_SCAN_BYTES`` or more, the model's count look-ups are told
    that the scan is long (``context_batch.expect_long_scan``), before any is made: here
    and now, before ``--jobs`` workers are forked, so that they inherit it."""
    items = iter(sources)
    ahead: list[Source | InputError] = []
    total = 0
    for item in items:
        ahead.append(item)
        total += _size(item)
        if total >= LONG_SCAN_BYTES:
            from corrector.context_batch import expect_long_scan

            expect_long_scan(model.data)
            break
        if len(ahead) >= LOOKAHEAD_FILES:
            break
    return chain(ahead, items)
MAX_RUN_BYTES = 1_000_000  # a run of files a worker takes at once: bounds what waits in order
GUIDE = 2  # each run is at most 1/(GUIDE * jobs) of the work known to be left


def plan_work(sources: Iterable[Source | InputError],
              jobs: int) -> Iterator[InputError | tuple[Piece, ...]]:
    """The work for ``jobs`` workers, in input order: a bad path (answered here), a run of
    consecutive files for one worker, or the parts of one long plain-text file (a tuple of
    ``Piece`` with ``parts > 1``, one task each).

    Runs, not single files, because each task costs a round trip between processes, and
    because neighbouring files share words (chapters of one book): a worker works out what
    it needs to know about a word once, and its neighbour's chapter asks the same. Runs
    shrink as the work known to be left does (guided self-scheduling: a ``GUIDE * jobs``-th
    of it, by bytes), so that the last ones are single files and no worker is left waiting
    on another's long run at the end. A file longer than a scan chunk is split into one
    part per worker, so that one book in one file keeps every worker busy."""
    from corrector.scan import CHUNK_CHARS

    items = iter(sources)
    window: deque[tuple[Source | InputError, int]] = deque()
    known = 0  # bytes of the files in the window
    more = True
    while True:
        while more and len(window) < LOOKAHEAD_FILES:
            item = next(items, None)
            if item is None:
                more = False
                break
            size = _size(item)
            window.append((item, size))
            known += size
        if not window:
            return
        item, size = window.popleft()
        known -= size
        if isinstance(item, InputError):
            yield item
            continue
        if size > CHUNK_CHARS and document_kind(str(item.path)) == "text":
            parts = min(jobs, -(-size // CHUNK_CHARS))
            yield tuple(Piece(item, part, parts) for part in range(parts))
            continue
        target = min(MAX_RUN_BYTES, (known + size) / (GUIDE * jobs))
        run, taken = [Piece(item)], size
        while window:
            following, following_size = window[0]
            if (isinstance(following, InputError) or following_size > CHUNK_CHARS
                    or taken + following_size > target):
                break
            window.popleft()
            known -= following_size
            run.append(Piece(following))
            taken += following_size
        yield tuple(run)


def _size(item: Source | InputError) -> int:
    """A file's size in bytes, to plan with (0 when it cannot be told: it will be an error)."""
    if isinstance(item, InputError):
        return 0
    try:
        return item.path.stat().st_size
    except OSError:
        return 0


@contextmanager
def _worker_pool(jobs: int, settings: ScanSettings, model) -> Iterator:
    """A process pool whose workers scan with ``model``.

    Where processes can be forked, the workers are forked from this process after the
    model's look-up tables are built (``warm_model``), so they start at once and share its
    pages (the memory-mapped counts, the vocabulary and its index) instead of each loading
    and warming a copy; ``gc.freeze`` keeps the collector from writing to those objects in
    the workers, which would copy the pages. Elsewhere each worker loads its own model.
    """
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor  # not at import: a one-page check

    global _FORKED_MODEL
    if model is None or "fork" not in multiprocessing.get_all_start_methods():
        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(settings,)) as pool:
            yield pool
        return
    warm_model(model)
    _FORKED_MODEL = model
    gc.freeze()
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_init_worker, initargs=(settings,)) as pool:
            yield pool
    finally:
        _FORKED_MODEL = None
        gc.unfreeze()


def warm_model(model) -> None:
    """Build the tables a long scan builds on first need, once, before workers are forked:
    each would otherwise build its own copy (the word index, the count arrays). The hashed
    counts (``corrector.counthash``) are left to the workers: they map the cached tables
    in parallel and share the pages through the file, so reading them here would only
    make the workers start later."""
    from corrector.context_batch import CountArrays

    data = model.data
    as_dict = getattr(data.ids, "as_dict", None)
    if as_dict is not None:
        as_dict()
    CountArrays.of(data)


def _resolve(item: FileResult | Future | list[Future],
             on_result: Callable[[FileResult], None] | None) -> Iterator[FileResult]:
    """The results a pending entry stands for, in order: one answered here, a run's, or one
    long file's, joined from its parts."""
    if isinstance(item, FileResult):
        results = [item]
    elif isinstance(item, list):
        results = [join_parts([part for future in item for part in future.result()])]
    else:
        results = item.result()
    for result in results:
        if on_result:
            on_result(result)
        yield result
