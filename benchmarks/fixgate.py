"""Where `corrector fix` loses word-error-rate gain, counted in edit-distance units.

For each aligned set, every finding's fix is put in place alone and the document's word edit
distance (ocrscore's ``wer_tokens``) recomputed, so each fix gets its own effect: negative
helps, zero leaves a wrong word wrong, positive makes a right word wrong. The remaining
errors are then split into (a) never flagged, (b) flagged but withheld by the gate, (c) fix
applied but wrong, (d) fix that made a right word wrong; and the gain of the default gate is
compared with gates on the first suggestion's calibrated score, per kind and class.

    python benchmarks/fixgate.py [--sets hipe-impresso-train ...] [--examples 10]

Tune on the dev and train sets only. Needs ../shared; tests never run this.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from types import ModuleType

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from diagnose import load_scorer  # (benchmarks/ is on the path when a script here runs)

from corrector.calibration import finding_class, fix_probability
from corrector.fixing import replacement, worth_fixing
from corrector.model import Model
from corrector.scan import scan_text


@dataclass
class Fix:
    """One finding's fix and what it alone does to its document's word edit distance."""

    doc: str
    start: int
    end: int
    text: str
    best: str
    kind: str
    klass: str
    confidence: float
    raw: float
    fix: float
    applied: bool
    delta: int


def measure(shared: Path, name: str, model: Model, scorer: ModuleType
            ) -> tuple[list[Fix], int, int, int]:
    """Each finding's own effect, the set's edit distance before, its word count, and the
    edit units in error groups no finding touches."""
    docs = scorer.load_corpus(str(shared / "data" / "aligned" / name))
    fixes: list[Fix] = []
    before = words = unflagged = 0
    for doc, (ocr, gt) in docs.items():
        gw = scorer.wer_tokens(gt)
        base = Levenshtein.distance(scorer.wer_tokens(ocr), gw)
        before += base
        words += len(gw)
        found = scan_text(ocr, model, min_confidence=0.0)
        for f in found:
            if f.best is None:
                continue
            fixed = ocr[: f.start] + (replacement(f) or "") + ocr[f.end :]
            delta = Levenshtein.distance(scorer.wer_tokens(fixed), gw) - base
            fixes.append(Fix(doc, f.start, f.end, f.text, f.best, f.kind.value,
                             finding_class(f), f.confidence,
                             float(f.extra.get("raw_confidence", f.confidence)),  # type: ignore[arg-type]
                             fix_probability(f), worth_fixing(f), delta))
        unflagged += untouched_units(scorer, ocr, gt, found)
    return fixes, before, words, unflagged


def untouched_units(scorer: ModuleType, ocr: str, gt: str, found: list) -> int:
    """Edit units in the word-error groups that no finding overlaps."""
    ot, gs = scorer.groups(ocr, gt)
    spans = [(f.start, f.end) for f in found]
    units = 0
    for i1, i2, gtext, kind in gs:
        if kind != "word":
            continue
        lo, hi = ot[i1][1], ot[i2 - 1][2]
        if any(s < hi and e > lo for s, e in spans):
            continue
        otoks = [scorer.core(t).lower() for t, _, _ in ot[i1:i2] if scorer.core(t)]
        gtoks = [scorer.core(t).lower() for t in gtext.split() if scorer.core(t)]
        units += Levenshtein.distance(otoks, gtoks)
    return units


def buckets(fixes: list[Fix]) -> dict[str, int]:
    """Edit units by where the gain went (sums of single-fix effects; overlaps ignored)."""
    out = {"applied_gain": 0, "b_withheld_gain": 0, "b_withheld_harm": 0,
           "c_applied_wrong": 0, "d_made_wrong": 0}
    for f in fixes:
        if f.applied:
            if f.delta < 0:
                out["applied_gain"] += -f.delta
            elif f.delta == 0:
                out["c_applied_wrong"] += 1
            else:
                out["d_made_wrong"] += f.delta
        elif f.delta < 0:
            out["b_withheld_gain"] += -f.delta
        elif f.delta > 0:
            out["b_withheld_harm"] += f.delta
    return out


def by_class(fixes: list[Fix]) -> dict[tuple[str, str, str], list[int]]:
    """(kind, class, gated) -> [gain units, harm units, count, wrong-but-harmless]."""
    table: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for f in fixes:
        row = table[(f.kind, f.klass, "applied" if f.applied else "withheld")]
        row[0] += max(0, -f.delta)
        row[1] += max(0, f.delta)
        row[2] += 1
        row[3] += f.delta == 0
    return table


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--sets", nargs="+", default=["hipe-impresso-train",
                                                      "hipe-impresso-dev"])
    parser.add_argument("--examples", type=int, default=10)
    parser.add_argument("--dump", type=Path, help="write every fix's figures here (JSON lines)")
    args = parser.parse_args(argv)
    model, scorer = Model.load(), load_scorer(args.shared)
    for name in args.sets:
        fixes, before, words, unflagged = measure(args.shared, name, model, scorer)
        if args.dump:
            with args.dump.open("a", encoding="utf-8") as fh:
                for f in fixes:
                    fh.write(json.dumps({"set": name, "before": before, **asdict(f)}) + "\n")
        print(f"== {name}: {words} words, {before} edit units before; "
              f"(a) never flagged: {unflagged}")
        print("  ", buckets(fixes))
        for key, row in sorted(by_class(fixes).items(), key=lambda kv: -kv[1][0] - kv[1][1]):
            print(f"   {'/'.join(key):45s} gain {row[0]:5d} harm {row[1]:5d} "
                  f"n {row[2]:5d} wrong-no-effect {row[3]:5d}")
        for label, pick in (("withheld, would help", lambda f: not f.applied and f.delta < 0),
                            ("applied, harmful", lambda f: f.applied and f.delta > 0)):
            print(f"  {label}:")
            for f in [f for f in fixes if pick(f)][: args.examples]:
                print(f"    {f.text!r}->{f.best!r} {f.kind}/{f.klass} conf {f.confidence:.2f} "
                      f"raw {f.raw:.2f} fix {f.fix:.2f} delta {f.delta}")


if __name__ == "__main__":
    main()
