"""False alarms on proofread period books: what a CI gate on a clean transcription reports.

Every finding on a proofread book is a false alarm, or one of the book's own misprints
(Project Gutenberg texts keep a few per hundred thousand words). The sample is
``benchmarks/speed.py``'s: ``--words`` words of whole lines from books of
``../shared/corpora/gutenberg-1880-1935`` chosen by ``--seed`` (7 by default, a sample the
accuracy work has used since session 10), at most ``--book-words`` from each, cut into files
of about 5,000 words as a scan of an archive sees them (the misread prior is a file's).
corrector's alarms are its findings at or above ``--gate`` (``corrector check``'s default,
0.9); a baseline's are the words its dictionary does not know (as in ``accuracy.py``), which
is all a plain spell checker can report.

    python benchmarks/clean_books.py [--words 500000] [--seed 7] [--gate 0.9]
        [--baselines pyspellchecker symspellpy] [--list 40] [--json out.json]

Needs ../shared (the corpus); tests never run this.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import pyspellchecker_flagger, symspell_flagger
from speed import book_sample, write_files

from corrector.model import Model
from corrector.scan import scan_text

Alarm = tuple[str, int, int, str, str]  # file, start, end, kind, first suggestion
PER_WORDS = 10_000


def corrector_alarms(paths: list[Path], gate: float) -> list[Alarm]:
    """corrector's findings at or above ``gate`` in each file, scanned one file at a time."""
    model = Model.load()
    out: list[Alarm] = []
    for path in paths:
        for f in scan_text(path.read_text(encoding="utf-8"), model, min_confidence=gate):
            out.append((path.name, f.start, f.end, f.kind.value, f.best or ""))
    return out


def baseline_alarms(paths: list[Path], flag: Callable[[str], list[dict]]) -> list[Alarm]:
    """A baseline's flags (every unknown word) in each file."""
    out: list[Alarm] = []
    for path in paths:
        for f in flag(path.read_text(encoding="utf-8")):
            best = f["suggestions"][0]["text"] if f.get("suggestions") else ""
            out.append((path.name, f["start"], f["end"], "unknown", best))
    return out


def context(folder: Path, alarm: Alarm, width: int = 40) -> str:
    """The alarm's words with ``width`` characters each side, on one line."""
    name, start, end, _, _ = alarm
    text = (folder / name).read_text(encoding="utf-8")
    around = f"{text[max(0, start - width):start]}[{text[start:end]}]{text[end:end + width]}"
    return " ".join(around.split())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--words", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--book-words", type=int, default=20_000)
    parser.add_argument("--gate", type=float, default=0.9)
    parser.add_argument("--baselines", nargs="*", default=[],
                        choices=["pyspellchecker", "symspellpy"])
    parser.add_argument("--list", type=int, default=0,
                        help="print this many of corrector's alarms (a random sample) in context")
    parser.add_argument("--json", type=Path, help="write the figures here as well")
    args = parser.parse_args(argv)

    corpus = args.shared / "corpora" / "gutenberg-1880-1935"
    text, books = book_sample(corpus, args.seed, args.words, args.book_words)
    words = len(text.split())
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "books"
        paths = write_files(text, folder)
        print(f"{words:,} words of {len(books)} books (seed {args.seed}), {len(paths)} files; "
              f"corrector's alarms at confidence >= {args.gate}, a baseline's every unknown word")
        tools: dict[str, Callable[[], list[Alarm]]] = {
            "corrector": lambda: corrector_alarms(paths, args.gate),
            "pyspellchecker": lambda: baseline_alarms(paths, pyspellchecker_flagger()),
            "symspellpy": lambda: baseline_alarms(paths, symspell_flagger()),
        }
        for tool in ["corrector", *args.baselines]:
            started = time.perf_counter()
            alarms = tools[tool]()
            seconds = time.perf_counter() - started
            kinds = Counter(a[3] for a in alarms)
            figures[tool] = {"words": words, "alarms": len(alarms),
                             "per_10k": round(len(alarms) * PER_WORDS / words, 2),
                             "by_kind": dict(kinds.most_common()), "seconds": round(seconds, 1)}
            print(f"{tool:15} {len(alarms):6} alarms  {figures[tool]['per_10k']:7} per 10k words  "
                  + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
            if tool == "corrector" and args.list:
                shown = random.Random(args.seed).sample(alarms, min(args.list, len(alarms)))
                for alarm in sorted(shown):
                    print(f"    {alarm[3]:12} -> {alarm[4] or '-':14} {context(folder, alarm)}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
