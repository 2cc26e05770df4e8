"""Accuracy on aligned OCR / ground-truth sets, scored by ../shared/tools/ocrscore.py.

For each set, corrector's findings on the ``*.ocr.txt`` files and on the ``*.gt.txt`` files
(every flag on corrected text is a false alarm) are written as JSON and scored; the same is
done for baselines that flag every word their dictionary does not know. ``broken_per_10k``
counts the fixes that would be written on the corrected text, per 10,000 of its words:
corrector's at its fix level, a baseline's every flag with a suggestion.

    python benchmarks/accuracy.py [--sets hipe-icdar2017-dev ...] [--baselines pyspellchecker]
        [--min-confidence X] [--shared ../shared]

Needs ../shared (the aligned sets and the scorer); tests never run this.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corrector.finding import Finding
from corrector.fixing import DEFAULT_FIX_CONFIDENCE, replacement, worth_fixing
from corrector.model import Model
from corrector.scan import scan_text

DEFAULT_SETS = ("hipe-icdar2017-dev", "hipe-impresso-dev", "ght-high-dev",
                "hipe-impresso-test", "hipe-icdar2017-test", "bln600")
WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")

Flagger = Callable[[str], list[dict]]


@cache
def _model() -> Model:
    return Model.load()


@lru_cache(maxsize=4096)
def _scanned(text: str, min_confidence: float) -> tuple[Finding, ...]:
    """corrector's findings on ``text``, worked out once for the flagger and the fixer
    (each reads every text of a set, both sides): a scan is deterministic."""
    return tuple(scan_text(text, _model(), min_confidence=min_confidence))


def corrector_flagger(min_confidence: float, fix_confidence: float | None = None,
                      kinds: set[str] | None = None, fixer: bool = False) -> Flagger:
    """corrector's findings at or above ``min_confidence``; as a ``fixer``, only those
    ``corrector fix --min-confidence FIX_CONFIDENCE`` would apply (its default when None)."""
    _model()  # (loaded here, outside the timed scans)

    def flag(text: str) -> list[dict]:
        found: Iterable[Finding] = _scanned(text, min_confidence)
        if kinds:
            found = [f for f in found if f.kind.value in kinds]
        if fixer:
            return [as_written(f) for f in found if worth_fixing(f, fix_confidence)]
        return [f.to_json() for f in found]

    return flag


def as_written(finding: Finding) -> dict:
    """The finding's JSON with its first suggestion as ``corrector fix`` writes it (a line-end
    cut kept), so the scorer's WER after is that of the fixed file."""
    out = finding.to_json()
    out["suggestions"] = [{"text": replacement(finding)}]
    return out


def steady_correction(checker, word: str) -> str | None:
    """``SpellChecker.correction``, with its ties broken the same way in every run: it
    takes the ``max`` of a set, whose order changes with the hash seed, so two runs of the
    baseline differed (impresso-test top-1 .3555 in one, .3602 in another). Its choices
    are kept otherwise: a candidate differing only in accents first, then the commonest;
    of equally common ones, the first in alphabetical order."""
    candidates = sorted(checker.candidates(word) or ())
    if not candidates:
        return None
    strip = getattr(checker, "_remove_diacritics", None)
    if strip is not None:
        bare = strip(word)
        accents = [c for c in candidates if strip(c) == bare]
        candidates = accents or candidates
    return max(candidates, key=checker.__getitem__)


def pyspellchecker_flagger() -> Flagger:
    from spellchecker import SpellChecker

    checker = SpellChecker(distance=1)
    cache: dict[str, str | None] = {}

    def flag(text: str) -> list[dict]:
        out = []
        for m in WORD.finditer(text):
            word = m.group().lower()
            if word in checker:
                continue
            if word not in cache:
                cache[word] = steady_correction(checker, word)
            fix = cache[word]
            out.append({"start": m.start(), "end": m.end(), "text": m.group(),
                        "suggestions": [{"text": fix}] if fix else []})
        return out

    return flag


def symspell_flagger() -> Flagger:
    import importlib.resources

    from symspellpy import SymSpell, Verbosity

    sym = SymSpell(max_dictionary_edit_distance=2)
    dictionary = importlib.resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    sym.load_dictionary(str(dictionary), term_index=0, count_index=1)

    def flag(text: str) -> list[dict]:
        out = []
        for m in WORD.finditer(text):
            word = m.group().lower()
            if word in sym.words:
                continue
            found = sym.lookup(word, Verbosity.TOP, max_edit_distance=2)
            out.append({"start": m.start(), "end": m.end(), "text": m.group(),
                        "suggestions": [{"text": found[0].term}] if found else []})
        return out

    return flag


def findings_for(folder: Path, suffix: str, flag: Flagger, out: Path) -> tuple[int, float]:
    started = time.perf_counter()
    found, words = [], 0
    for path in sorted(folder.glob(f"*{suffix}")):
        text = path.read_text(encoding="utf-8")
        words += len(text.split())
        for f in flag(text):
            f["path"] = path.name.replace(".gt.txt", ".ocr.txt")
            found.append(f)
    out.write_text(json.dumps({"findings": found}), encoding="utf-8")
    return words, time.perf_counter() - started


def ocrscore(shared: Path, folder: Path, findings: Path, clean: Path | None) -> dict:
    command = [sys.executable, str(shared / "tools" / "ocrscore.py"), str(folder),
               str(findings), "--json"]
    if clean is not None:
        command[4:4] = ["--clean", str(clean)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def score(shared: Path, folder: Path, flag: Flagger, fixer: Flagger | None = None) -> dict:
    """ocrscore's figures for ``flag``; WER after from ``fixer``'s findings when given."""
    with tempfile.TemporaryDirectory() as tmp:
        ocr_json, gt_json = Path(tmp) / "ocr.json", Path(tmp) / "gt.json"
        words, seconds = findings_for(folder, ".ocr.txt", flag, ocr_json)
        findings_for(folder, ".gt.txt", flag, gt_json)
        res = ocrscore(shared, folder, ocr_json, gt_json)
        if fixer is not None:
            fix_json = Path(tmp) / "fix.json"
            findings_for(folder, ".ocr.txt", fixer, fix_json)
            fixed = ocrscore(shared, folder, fix_json, None)
            res.update(wer_after=fixed["wer_after"], fix_gain=fixed["fix_gain"])
        # Words a fix would change on the corrected text (JamSpell's "broken"): each one a
        # right word made wrong by running the fixer unattended on a clean transcription.
        gt_fix_json = Path(tmp) / "gt-fix.json"
        clean_words, _ = findings_for(folder, ".gt.txt", fixer or flag, gt_fix_json)
        written = [f for f in json.loads(gt_fix_json.read_text(encoding="utf-8"))["findings"]
                   if f.get("suggestions")]
        res["broken_per_10k"] = round(len(written) * 10_000 / clean_words, 2) if clean_words else 0
    res["words_per_second"] = round(words / seconds) if seconds else 0
    return res


COLUMNS = ("precision", "recall", "f1", "top1", "wer_before", "wer_after", "fix_gain",
           "clean_flags_per_10k", "broken_per_10k", "words_per_second")


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--sets", nargs="+", default=list(DEFAULT_SETS))
    parser.add_argument("--baselines", nargs="*", default=["pyspellchecker"],
                        choices=["pyspellchecker", "symspellpy"])
    parser.add_argument("--min-confidence", type=float, default=0.0,
                        help="count corrector's findings at or above this confidence")
    parser.add_argument("--fix-confidence", type=float, default=DEFAULT_FIX_CONFIDENCE,
                        help="WER after applies the fixes `corrector fix` would at this level "
                             "(default: those it applies by default)")
    parser.add_argument("--kinds", default="",
                        help="only these corrector kinds, comma-separated (e.g. non-word)")
    args = parser.parse_args(argv)
    kinds = {k for k in args.kinds.split(",") if k} or None
    flaggers: dict[str, Callable[[], Flagger]] = {
        "corrector": lambda: corrector_flagger(args.min_confidence, kinds=kinds),
        "pyspellchecker": pyspellchecker_flagger,
        "symspellpy": symspell_flagger,
    }
    tools = ["corrector", *args.baselines]
    fixing = "its default" if args.fix_confidence is None else f">= {args.fix_confidence}"
    print(f"corrector findings at confidence >= {args.min_confidence}; its WER after applies "
          f"fixes at {fixing}; baselines apply every flag's first suggestion")
    print("set".ljust(22), "tool".ljust(15), " ".join(c[:10].rjust(10) for c in COLUMNS))
    for name in args.sets:
        folder = args.shared / "data" / "aligned" / name
        for tool in tools:
            fixer = (corrector_flagger(0.0, args.fix_confidence, kinds, fixer=True)
                     if tool == "corrector" else None)
            res = score(args.shared, folder, flaggers[tool](), fixer)
            print(name.ljust(22), tool.ljust(15),
                  " ".join(str(res.get(c, "")).rjust(10) for c in COLUMNS), flush=True)


if __name__ == "__main__":
    main()
