"""Scan speed, cold start and peak memory of corrector and of two baseline spell checkers.

One run, one sample, every tool on the same words, so the ratios mean something on a shared
machine whose speed drifts from hour to hour:

- the sample: period book text (``--words`` words of whole lines from books of
  ``../shared/corpora/gutenberg-1880-1935`` chosen by ``--seed``, up to ``--book-words`` from
  each, starting a quarter of the way in to skip title pages and contents) and the OCR side of
  one aligned set (``--aligned``, ``--ocr-words`` words), written to a scratch folder as files
  of about 5,000 words;
- throughput in words per second (whitespace-separated tokens), each tool in a fresh process
  that loads (imports included, timed apart) and then flags every word it does not know with
  a suggestion: corrector's ``scan_text`` with all detectors; symspellpy's ``lookup(word,
  CLOSEST, max_edit_distance=2)`` with its bundled English dictionary; pyspellchecker's
  ``unknown()`` and ``correction()``, on the first ``--pyspellchecker-words`` words only,
  because each of its corrections takes a good fraction of a second. No tool gets a cache
  the library does not have;
- end to end through the real command line, ``corrector scan --format json DIR --jobs 1``
  and ``--jobs 2`` on the first ``--cli-words`` words of the books (wall time of the whole
  process, start-up and loading included), which gives the ``--jobs 2`` speed-up; and the
  same pair on an archive-sized sample of other books (``--archive-words``, seed + 1), where
  start-up and each worker's first pages weigh as little as they do on a real archive;
- cold start: ``corrector check`` on one ~600-word page, median wall time of ``--runs`` fresh
  processes (``cold_start.py``'s measurement);
- peak memory: ``getrusage(RUSAGE_SELF).ru_maxrss`` of each measuring process, and for the
  command line also ``RUSAGE_CHILDREN`` (the largest ``--jobs`` worker), so figures never mix.

The targets are printed against the figures, met or not; nothing here tunes anything.

    python benchmarks/speed.py [--shared ../shared] [--words 100000] [--ocr-words 20000]
        [--cli-words 100000] [--archive-words 1000000] [--pyspellchecker-words 2000]
        [--runs 5] [--seed 1880]
        [--json figures.json]

Needs ../shared (the corpus and the aligned sets); tests never run this.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from cold_start import DEFAULT_FILE, time_runs  # noqa: E402

CORPUS = Path("corpora") / "gutenberg-1880-1935"
FILE_WORDS = 5_000  # words per sample file: a long chapter, and enough files for --jobs 2
WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")  # as accuracy.py's baselines

TARGET_WORDS_PER_SECOND = 200_000
TARGET_JOBS2_SPEEDUP = 1.7
TARGET_COLD_SECONDS = 0.5
TARGET_PEAK_MB = 600


# --- the sample -------------------------------------------------------------------------------


def take_lines(text: str, words: int) -> str:
    """The first ``words`` words of ``text`` (all of it if fewer), whole lines but the last,
    which is cut at a space: OCR sets often hold a whole page on one line."""
    out, count = [], 0
    for line in text.splitlines():
        if count >= words:
            break
        tokens = line.split()
        if count + len(tokens) > words:
            line = " ".join(tokens[: words - count])
        out.append(line)
        count += len(tokens)
    return "\n".join(out) + "\n"


def book_sample(corpus: Path, seed: int, words: int, per_book: int) -> tuple[str, list[str]]:
    """``words`` words of period book text and the books (author/title) it came from."""
    books = sorted(corpus.glob("*/*.txt.gz"))
    if not books:
        raise SystemExit(f"no books (*/*.txt.gz) under {corpus}")
    random.Random(seed).shuffle(books)
    parts, chosen, total = [], [], 0
    for path in books:
        if total >= words:
            break
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
        body = "\n".join(lines[len(lines) // 4 :]) if len(lines) > 400 else "\n".join(lines)
        part = take_lines(body, min(per_book, words - total))
        parts.append(part)
        chosen.append(f"{path.parent.name}/{path.name.removesuffix('.txt.gz')}")
        total += len(part.split())
    return "\n".join(parts), chosen


def ocr_sample(folder: Path, words: int) -> str:
    """The ``*.ocr.txt`` files of an aligned set in name order, up to ``words`` words."""
    files = sorted(folder.glob("*.ocr.txt"))
    if not files:
        raise SystemExit(f"no *.ocr.txt files in {folder}")
    return take_lines("\n\n".join(f.read_text(encoding="utf-8") for f in files), words)


def write_files(text: str, folder: Path) -> list[Path]:
    """``text`` as files of about FILE_WORDS words each, cut at line ends."""
    folder.mkdir(parents=True)
    paths, lines, count = [], [], 0

    def flush() -> None:
        path = folder / f"part-{len(paths):03d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)

    for line in text.splitlines():
        lines.append(line)
        count += len(line.split())
        if count >= FILE_WORDS:
            flush()
            lines, count = [], 0
    if any(line.strip() for line in lines):
        flush()
    return paths


def read_texts(folder: Path, words: int) -> list[str]:
    """The sample files in ``folder`` in order, up to ``words`` words in all."""
    texts, total = [], 0
    for path in sorted(folder.glob("*.txt")):
        if total >= words:
            break
        text = take_lines(path.read_text(encoding="utf-8"), words - total)
        texts.append(text)
        total += len(text.split())
    return texts


# --- one tool in a fresh process --------------------------------------------------------------


def load_corrector() -> Callable[[str], int]:
    from corrector.model import Model
    from corrector.scan import scan_text

    model = Model.load()
    return lambda text: len(scan_text(text, model))


def load_symspellpy() -> Callable[[str], int]:
    import importlib.resources

    from symspellpy import SymSpell, Verbosity

    sym = SymSpell(max_dictionary_edit_distance=2)
    dictionary = importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    if not sym.load_dictionary(str(dictionary), term_index=0, count_index=1):
        raise SystemExit(f"symspellpy could not read its dictionary {dictionary}")

    def flag(text: str) -> int:
        flagged = 0
        for match in WORD.finditer(text):
            word = match.group().lower()
            if word not in sym.words:
                sym.lookup(word, Verbosity.CLOSEST, max_edit_distance=2)
                flagged += 1
        return flagged

    return flag


def load_pyspellchecker() -> Callable[[str], int]:
    from spellchecker import SpellChecker

    checker = SpellChecker()  # its defaults: English, distance 2

    def flag(text: str) -> int:
        unknown = checker.unknown(m.group().lower() for m in WORD.finditer(text))
        for word in unknown:
            checker.correction(word)
        return len(unknown)

    return flag


LOADERS: dict[str, Callable[[], Callable[[str], int]]] = {
    "corrector": load_corrector,
    "symspellpy": load_symspellpy,
    "pyspellchecker": load_pyspellchecker,
}


def worker(tool: str, folder: Path, words: int) -> None:
    """Load ``tool``, flag the sample, print the figures as one JSON line (run in a fresh
    process, so the peak memory is this tool's alone)."""
    texts = read_texts(folder, words)
    started = time.perf_counter()
    flag = LOADERS[tool]()
    loaded = time.perf_counter()
    cpu = time.process_time()
    flags = sum(flag(text) for text in texts)
    seconds = time.perf_counter() - loaded
    print(json.dumps({
        "words": sum(len(text.split()) for text in texts),
        "flags": flags,
        "load_seconds": loaded - started,
        "seconds": seconds,
        "cpu_seconds": time.process_time() - cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


@dataclass
class Row:
    """One measured line of the table."""

    corpus: str
    tool: str
    words: int
    flags: int
    seconds: float
    load_seconds: float | None
    peak_mb: float
    workers_peak_mb: float | None = None
    cpu_seconds: float | None = None

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def in_process(corpus: str, tool: str, folder: Path, words: int) -> Row:
    # Every tool's process runs with one BLAS thread, as the corrector command line sets
    # for itself (``cli.main``): none of the tools does linear algebra, and numpy's BLAS
    # otherwise starts a thread per core at import.
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", tool, "--sample", str(folder),
         "--words", str(words)],
        capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1")},
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise SystemExit(f"{tool} on {corpus} failed ({done.returncode}): {last}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    row = Row(corpus, tool, figures["words"], figures["flags"], figures["seconds"],
              figures["load_seconds"], figures["peak_mb"], cpu_seconds=figures["cpu_seconds"])
    show(row)
    return row


def command_line(folder: Path, jobs: int, scratch: Path, corpus: str = "books") -> Row:
    """``corrector scan --format json FOLDER --jobs N`` end to end, with its peak memory."""
    from report_scale import WRAPPER  # runs the command line in-process, then getrusage

    figures_file = scratch / f"{corpus}-jobs{jobs}.figures.json"
    out = scratch / f"{corpus}-jobs{jobs}.json"
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as stdout:
        done = subprocess.run(
            [sys.executable, "-c", WRAPPER, "scan", "--format", "json", str(folder),
             "--jobs", str(jobs)],
            stdout=stdout, stderr=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), "REPORT_SCALE_FIGURES": str(figures_file)},
        )
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"corrector scan --jobs {jobs} failed ({done.returncode}): "
                         f"{done.stderr.strip()[-300:]}")
    figures = json.loads(figures_file.read_text(encoding="utf-8"))
    findings = len(json.loads(out.read_text(encoding="utf-8"))["findings"])
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))
    row = Row(corpus, f"corrector scan --jobs {jobs}", words, findings, seconds, None,
              figures["report_rss_mb"], figures["worker_rss_mb"] if jobs > 1 else None,
              cpu_seconds=figures["cpu_seconds"])
    show(row)
    return row


# --- printing ---------------------------------------------------------------------------------

HEADER = (f"{'corpus':<7} {'tool':<26} {'words':>9} {'words/s':>9} {'× corrector':>11} "
          f"{'load s':>7} {'CPU %':>6} {'peak MB':>8} {'flags':>6}")


def show(row: Row, ratio: float | None = None) -> None:
    load = f"{row.load_seconds:7.2f}" if row.load_seconds is not None else f"{'-':>7}"
    peak = f"{row.peak_mb:.0f}"
    if row.workers_peak_mb is not None:
        peak += f"+{row.workers_peak_mb:.0f}w"
    times = f"{ratio:10.2f}×" if ratio is not None else " " * 11
    cpu = f"{100 * row.cpu_seconds / row.seconds:6.0f}" if row.cpu_seconds and row.seconds else ""
    print(f"{row.corpus:<7} {row.tool:<26} {row.words:>9,} {row.words_per_second:>9,.0f} "
          f"{times} {load} {cpu:>6} {peak:>8} {row.flags:>6,}", flush=True)


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def targets(rows: list[Row], cold: float) -> list[dict]:
    by = {(r.corpus, r.tool): r for r in rows}
    scan = by[("books", "corrector")].words_per_second
    corrector_peaks = [max(r.peak_mb, r.workers_peak_mb or 0) for r in rows
                       if r.tool.startswith("corrector")]
    sym = by[("books", "symspellpy")].words_per_second
    return [
        {"target": f"scan >= {TARGET_WORDS_PER_SECOND:,} words/s, one core, book text",
         "figure": f"{scan:,.0f} words/s", "met": scan >= TARGET_WORDS_PER_SECOND},
        *(jobs_target(by, corpus) for corpus in ("books", "archive")
          if (corpus, "corrector scan --jobs 2") in by),
        {"target": f"cold start `corrector check` one page < {TARGET_COLD_SECONDS} s",
         "figure": f"{cold:.3f} s median", "met": cold < TARGET_COLD_SECONDS},
        {"target": f"peak memory < {TARGET_PEAK_MB} MB (any corrector process)",
         "figure": f"{max(corrector_peaks):.0f} MB", "met": max(corrector_peaks) < TARGET_PEAK_MB},
        {"target": "faster than symspellpy flagging unknown words, book text",
         "figure": f"{scan / sym:.2f}x symspellpy ({scan:,.0f} vs {sym:,.0f} words/s)",
         "met": scan > sym},
    ]


def base_row(rows: list[Row], corpus: str) -> Row:
    """What a sample's ratios are taken against: corrector in-process, or for the archive
    sample (measured on the command line only) ``--jobs 1``."""
    mine = {r.tool: r for r in rows if r.corpus == corpus}
    return mine.get("corrector") or mine["corrector scan --jobs 1"]


def jobs_target(by: dict[tuple[str, str], Row], corpus: str) -> dict:
    """The ``--jobs 2`` target on one command-line sample (``books`` or ``archive``)."""
    jobs1 = by[(corpus, "corrector scan --jobs 1")]
    jobs2 = by[(corpus, "corrector scan --jobs 2")]
    speedup = jobs2.words_per_second / jobs1.words_per_second
    return {"target": f"--jobs 2 >= {TARGET_JOBS2_SPEEDUP}x --jobs 1 (command line, end to end, "
                      f"{jobs1.words:,} words)",
            "figure": f"{speedup:.2f}x ({jobs2.words_per_second:,.0f} vs "
                      f"{jobs1.words_per_second:,.0f} words/s)",
            "met": speedup >= TARGET_JOBS2_SPEEDUP}


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# --- the run ----------------------------------------------------------------------------------


def measure(args: argparse.Namespace, scratch: Path) -> dict:
    corpus = args.shared / CORPUS
    aligned = args.shared / "data" / "aligned" / args.aligned
    books_text, books = book_sample(corpus, args.seed, args.words, args.book_words)
    ocr_text = ocr_sample(aligned, args.ocr_words)
    samples = {"books": scratch / "books", "ocr": scratch / "ocr"}
    write_files(books_text, samples["books"])
    write_files(ocr_text, samples["ocr"])
    cli = scratch / "cli"
    write_files(take_lines(books_text, args.cli_words), cli)
    print(f"books: {len(books_text.split()):,} words from {len(books)} books (seed {args.seed}, "
          f"up to {args.book_words:,} words each); OCR: {len(ocr_text.split()):,} words of "
          f"{args.aligned}; pyspellchecker on the first {args.pyspellchecker_words:,} words of "
          f"each only (its corrections are slow)")
    busy = os.getloadavg()[0]
    print(f"load average before: {load_average()} on {os.cpu_count()} cores; "
          f"Python {platform.python_version()}", flush=True)
    print(HEADER, flush=True)

    rows: list[Row] = []
    for name, folder in samples.items():
        cap = args.words if name == "books" else args.ocr_words
        rows.append(in_process(name, "corrector", folder, cap))
        rows.append(in_process(name, "symspellpy", folder, cap))
        rows.append(in_process(name, "pyspellchecker", folder,
                               min(cap, args.pyspellchecker_words)))
    rows.append(command_line(cli, 1, scratch))
    rows.append(command_line(cli, 2, scratch))
    if args.archive_words:
        # An archive-sized run: start-up and the first pages' per-word work (each worker
        # learns the common words once) weigh less, as on a real archive.
        archive_text, _ = book_sample(corpus, args.seed + 1, args.archive_words, args.book_words)
        archive = scratch / "archive"
        write_files(archive_text, archive)
        rows.append(command_line(archive, 1, scratch, "archive"))
        rows.append(command_line(archive, 2, scratch, "archive"))

    command = [sys.executable, "-m", "corrector", "check", str(args.page)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    time_runs(command, 1, env)  # warm the file cache once, not counted
    cold_times = time_runs(command, args.runs, env)
    cold = statistics.median(cold_times)
    page_words = len(args.page.read_text(encoding="utf-8").split())

    print(f"\nload average after: {load_average()}\n")
    print(HEADER)
    for row in rows:
        base = base_row(rows, row.corpus)
        show(row, row.words_per_second / base.words_per_second)
    print("(load s: imports and loading, timed apart from the scan; the command-line rows time "
          "whole processes, start-up and loading included; CPU %: CPU time over wall time of "
          "what words/s times, workers included; peak +Nw: largest --jobs worker)")
    if busy >= 0.5:
        print(f"note: the machine was busy (load average {busy:.2f} before the run): every "
              "figure is lower than on an idle machine, the --jobs 2 speed-up above all")
    print(f"cold start `corrector check` on {args.page.name} ({page_words} words): median "
          f"{cold:.3f} s, min {min(cold_times):.3f} s of {args.runs} fresh processes\n")
    checks = targets(rows, cold)
    for check in checks:
        print(f"target {check['target']}: {verdict(check['met'])} ({check['figure']})")
    return {
        "seed": args.seed, "books": books, "aligned": args.aligned,
        "cpu_count": os.cpu_count(), "python": platform.python_version(),
        "rows": [{**asdict(r), "words_per_second": round(r.words_per_second)} for r in rows],
        "cold_start": {"page": args.page.name, "page_words": page_words,
                       "median_seconds": cold, "seconds": cold_times},
        "targets": checks,
    }


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--words", type=positive, default=100_000,
                        help="words of book text (corrector and symspellpy in-process)")
    parser.add_argument("--book-words", type=positive, default=10_000,
                        help="at most this many words from each book")
    parser.add_argument("--aligned", default="hipe-icdar2017-dev",
                        help="the aligned set whose OCR side is the OCR sample")
    parser.add_argument("--ocr-words", type=positive, default=20_000)
    parser.add_argument("--cli-words", type=positive, default=100_000,
                        help="words of book text for the command-line --jobs 1 / 2 runs")
    parser.add_argument("--archive-words", type=int, default=1_000_000,
                        help="words of other books for a second, archive-sized pair of "
                             "command-line runs (0: skip)")
    parser.add_argument("--pyspellchecker-words", type=positive, default=2_000)
    parser.add_argument("--runs", type=positive, default=5, help="cold-start processes")
    parser.add_argument("--page", type=Path, default=DEFAULT_FILE, help="the cold-start page")
    parser.add_argument("--seed", type=int, default=1880)
    parser.add_argument("--json", type=Path, help="also save the figures here")
    parser.add_argument("--worker", choices=sorted(LOADERS), help=argparse.SUPPRESS)
    parser.add_argument("--sample", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.sample, args.words)
        return
    if not args.page.is_file():
        raise SystemExit(f"no such page: {args.page}")
    with tempfile.TemporaryDirectory(prefix="speed-") as scratch:
        figures = measure(args, Path(scratch))
    if args.json:
        try:
            args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise SystemExit(f"cannot save the figures to {args.json}: {exc.strerror}") from None
        print(f"figures saved to {args.json}")


if __name__ == "__main__":
    main()
