"""Wall time of ``corrector check`` on one page from a cold start (a fresh process each run).

A pre-commit hook or a CI step starts a new process for every run, so what a user waits for
is interpreter start + imports + loading the language data + scanning, not the scan alone.
To show where the time goes, the same number of fresh processes is timed for the interpreter
alone and for importing the command line, and the load average is printed, since on a
shared machine other work inflates every figure. The operating system's file cache is warm
after the first run (as it is on a developer's machine; a CI runner's first run is slower).

    python benchmarks/cold_start.py [--runs 9] [--file data/seeds/bukharin-1923-000.txt]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "data" / "seeds" / "bukharin-1923-000.txt"  # 589 words, ~one page


def time_runs(command: list[str], runs: int, env: dict[str, str]) -> list[float]:
    """Wall seconds of ``runs`` fresh processes; a failed one (exit 2) stops the benchmark."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
        times.append(time.perf_counter() - started)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    text = args.file.read_text(encoding="utf-8")
    print(f"file: {args.file} ({len(text.split())} words, {text.count(chr(10))} lines); "
          f"{args.runs} fresh processes each; load average before: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    steps = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("import corrector.cli", [sys.executable, "-c", "import corrector.cli"]),
        ("corrector check FILE", [sys.executable, "-m", "corrector", "check", str(args.file)]),
    ]
    # An installed package is byte-compiled at install time; a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile every module at every start, so compile first.
    compileall.compile_dir(ROOT / "corrector", quiet=1)
    time_runs(steps[-1][1], 1, env)  # warm the file cache once, not counted
    for name, command in steps:
        times = time_runs(command, args.runs, env)
        print(f"{name:<24} median {statistics.median(times):.3f} s   min {min(times):.3f} s",
              flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
