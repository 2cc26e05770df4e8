"""``corrector report`` at archive scale: wall time by ``--jobs``, and memory as files grow.

(a) time a report over the 600 BLN600 OCR files with ``--jobs 1`` and ``--jobs 2``;
(b) peak memory of a report over those 600 files and over 6,000 (the 600 copied ten times into
    a temporary folder, which the report walks), for the report process itself
    (``getrusage(RUSAGE_SELF).ru_maxrss`` at its exit) and for its largest scanning worker
    (``RUSAGE_CHILDREN``);
(c) the report code alone (aggregation, spooling, writing), with no scanner and no model:
    ``tracemalloc`` peak while writing reports on 600, 6,000 and 20,000 synthetic files, each
    with 40 findings and a 2,000-word text — the part that must not grow with the archive.

    python benchmarks/report_scale.py [--shared ../shared] [--format html] [--copies 10]
        [--big-jobs 2] [--skip-timing] [--skip-big] [--skip-synthetic]

Needs ../shared (the BLN600 set); tests never run this.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corrector.batch import FileResult  # noqa: E402
from corrector.finding import Finding, Kind, Suggestion  # noqa: E402
from corrector.report import get_writer, write_report  # noqa: E402

# Runs `corrector ARGS` in this process (as `python -m corrector` would) and, at the end, records
# the peak memory of the report process itself (RUSAGE_SELF) apart from that of its largest
# scanning worker (RUSAGE_CHILDREN; 0 with --jobs 1), so the part that must stay flat — the
# report — is not hidden behind the workers' language model.
WRAPPER = """
import json, os, resource, sys, time
start = time.perf_counter()
from corrector.cli import app
try:
    app(args=sys.argv[1:], prog_name="corrector")
    code = 0
except SystemExit as exc:
    code = exc.code or 0
own = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(os.environ["REPORT_SCALE_FIGURES"], "w") as fh:
    json.dump({"seconds": time.perf_counter() - start,
               "cpu_seconds": own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime,
               "report_rss_mb": own.ru_maxrss / 1024, "worker_rss_mb": kids.ru_maxrss / 1024},
              fh)
sys.stderr.flush()
os._exit(code)  # as corrector.cli.main does: no heap teardown
"""


def measure(args: list[str], out: Path) -> dict[str, float]:
    """Run ``corrector report ARGS -o OUT``; wall and CPU time and peak memory of each part."""
    figures_file = out.with_suffix(".figures.json")
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, "report", *args, "-o", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "REPORT_SCALE_FIGURES": str(figures_file)},
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"corrector report failed ({done.returncode}): {done.stderr[-500:]}")
    figures = json.loads(figures_file.read_text(encoding="utf-8"))
    figures["report_mb"] = out.stat().st_size / 1e6
    return figures


def show(label: str, figures: dict[str, float]) -> None:
    print(f"{label:<30} {figures['seconds']:7.1f} s wall {figures['cpu_seconds']:7.1f} s CPU  "
          f"peak RSS: report process {figures['report_rss_mb']:6.1f} MB, largest worker "
          f"{figures['worker_rss_mb']:6.1f} MB  {figures['report_mb']:6.1f} MB report",
          flush=True)


def synthetic_result(i: int) -> FileResult:
    words = ("the programme of the labouring classes was not in favour of the Tzar " * 155)
    text = "\n".join(words[j : j + 70] for j in range(0, len(words), 70))
    findings = tuple(
        Finding(k * 250, k * 250 + 4, text[k * 250 : k * 250 + 4],
                Kind.NON_WORD if k % 3 else Kind.ANACHRONISM, 0.3 + (k % 7) / 10,
                (Suggestion(f"fix{k % 11}", 0.9, "synthetic"), Suggestion("other", 0.1)),
                "synthetic finding", k + 1, 1, f"archive/{i:06d}.txt")
        for k in range(40)
    )
    return FileResult(f"archive/{i:06d}.txt", findings, len(text.split()), text=text)


def synthetic(files: int, fmt: str, folder: Path) -> tuple[float, float, float]:
    """Peak traced memory (MB), seconds and report size (MB) for ``files`` synthetic files."""
    out = folder / f"synthetic-{files}.{fmt}"
    tracemalloc.start()
    start = time.perf_counter()
    write_report((synthetic_result(i) for i in range(files)), get_writer(fmt), out,
                 {"tool": "corrector"})
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    size = out.stat().st_size / 1e6
    out.unlink()
    return peak / 1e6, seconds, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--format", default="html", choices=("html", "markdown", "json", "csv"))
    parser.add_argument("--copies", type=int, default=10, help="copies of the 600 for (b)")
    parser.add_argument("--big-jobs", type=int, default=2, help="--jobs for the big run")
    parser.add_argument("--skip-timing", action="store_true")
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    args = parser.parse_args()

    files = sorted((args.shared / "data" / "aligned" / "bln600").glob("*.ocr.txt"))
    if not files:
        raise SystemExit(f"no BLN600 *.ocr.txt files under {args.shared}")
    with tempfile.TemporaryDirectory(prefix="report-scale-") as scratch:
        folder = Path(scratch)
        out = folder / f"report.{args.format}"
        names = [str(f) for f in files]
        print(f"{len(files)} files, format {args.format}", flush=True)
        if not args.skip_timing:
            for jobs in (1, 2):
                show(f"(a) {len(files)} files, --jobs {jobs}",
                     measure([*names, "-f", args.format, "--jobs", str(jobs)], out))
        if not args.skip_big:
            archive = folder / "archive"
            for copy in range(args.copies):
                target = archive / f"copy{copy:02d}"
                target.mkdir(parents=True)
                for f in files:
                    shutil.copyfile(f, target / f.name)
            show(f"(b) {len(files)} files, --jobs {args.big_jobs}",
                 measure([*names, "-f", args.format, "--jobs", str(args.big_jobs)], out))
            show(f"(b) {len(files) * args.copies} files, --jobs {args.big_jobs}",
                 measure([str(archive), "-f", args.format, "--jobs", str(args.big_jobs)], out))
        if not args.skip_synthetic:
            for count in (600, 6_000, 20_000):
                peak, seconds, size = synthetic(count, args.format, folder)
                print(f"(c) report code, {count:>6} synthetic files: {peak:7.1f} MB traced peak "
                      f"{seconds:7.1f} s {size:8.1f} MB report", flush=True)


if __name__ == "__main__":
    main()
