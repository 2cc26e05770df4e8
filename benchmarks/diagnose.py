"""Where accuracy is lost on the aligned DEV sets: top-1 misses, missed slips and false
flags, bucketed by cause, so work goes to the largest bucket rather than to anecdotes.

    python benchmarks/diagnose.py [--sets hipe-icdar2017-dev ...] [--dump out.jsonl]
        [--examples 8] [--shared ../shared]

Uses the alignment of ../shared/tools/ocrscore.py (imported, so the buckets count exactly
what the scorer counts). Tune on the dev sets only; the test sets and bln600 are for
measuring. Needs ../shared; tests never run this.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corrector.calibration import fix_probability
from corrector.finding import Finding
from corrector.fixing import worth_fixing
from corrector.known import known_word
from corrector.model import Model
from corrector.scan import scan_text

DEV_SETS = ("hipe-icdar2017-dev", "hipe-impresso-dev", "ght-high-dev")


def load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("ocrscore", shared / "tools" / "ocrscore.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def top1_bucket(sc: ModuleType, model: Model, finding: Finding, fixed: str, gold: str,
                span_tokens: int) -> str:
    """Why the first suggestion did not give the gold text (or "right")."""
    got, want = sc.core(" ".join(fixed.split())), sc.core(gold)
    if got == want:
        return "right"
    if got.lower() == want.lower():
        return "case-only"
    strip = "".join(ch for ch in want if ch.isalnum())
    if "".join(ch for ch in got if ch.isalnum()) == strip:
        return "punct-only"
    if " " in gold.strip() or span_tokens > 1:
        return "multi-token"
    texts = [s.text.lower() for s in finding.suggestions]
    core_want = want.lower()
    for k, text in enumerate(texts[1:], 2):
        if sc.core(text) == core_want or text == core_want:
            return f"ranked-{min(k, 3)}{'+' if k >= 3 else ''}"
    if not finding.suggestions:
        return "no-suggestion"
    word = "".join(ch for ch in core_want if ch.isalpha() or ch in "'-")
    if model.data.count(word) == 0 and not known_word(word, model.data):
        return "gold-unknown-word"
    return "gold-not-candidate"


def miss_bucket(sc: ModuleType, model: Model, ocr_text: str, gold: str) -> str:
    """Why a word-level slip was not flagged at all."""
    if " " in ocr_text.strip() or " " in gold.strip():
        return "multi-token"
    word = sc.core(ocr_text)
    if not word:
        return "no-letters"
    if any(ch.isdigit() for ch in word):
        return "digits"
    if known_word(word, model.data):
        return "real-word" if word[:1].islower() else "real-word-capital"
    return "unknown-capital" if word[:1].isupper() else "unknown-lower"


def diagnose(sc: ModuleType, model: Model, folder: Path,
             dump: list[dict]) -> dict[str, Counter]:
    buckets: dict[str, Counter] = defaultdict(Counter)
    for name, (ocr, gt) in sc.load_corpus(str(folder)).items():
        ot, gs = sc.groups(ocr, gt)
        tok_group = {i: gi for gi, (i1, i2, _, _) in enumerate(gs) for i in range(i1, i2)}
        hit: set[int] = set()
        for f in scan_text(ocr, model):
            toks = [i for i, (_, s, e) in enumerate(ot) if s < max(f.end, f.start + 1)
                    and e > f.start]
            gis = {tok_group[i] for i in toks if i in tok_group}
            word = [g for g in gis if gs[g][3] == "word"]
            fix = worth_fixing(f)
            row = {"set": folder.name, "doc": name, "text": f.text, "kind": f.kind.value,
                   "class": str(f.extra.get("class", "")), "conf": round(f.confidence, 3),
                   "fixp": round(fix_probability(f), 3),
                   "sugg": [s.text for s in f.suggestions][:5],
                   "origin": f.suggestions[0].origin if f.suggestions else ""}
            if not word:
                what = "punct-group" if gis else "false-flag"
                buckets["ocr-flags"][f"{what}:{f.kind.value}"] += 1
                row.update(what=what)
                dump.append(row)
                continue
            hit.update(word)
            if len(word) != 1 or not f.suggestions:
                buckets["top1"]["no-suggestion" if not f.suggestions else "many-groups"] += 1
                continue
            i1, i2, gtext, _ = gs[word[0]]
            lo, hi = min(ot[i1][1], f.start), max(ot[i2 - 1][2], f.end)
            fixed = ocr[lo:f.start] + f.suggestions[0].text + ocr[f.end:hi]
            bucket = top1_bucket(sc, model, f, fixed, gtext, i2 - i1)
            buckets["top1"][bucket] += 1
            buckets["top1-by-kind"][f"{f.kind.value}:{bucket == 'right'}"] += 1
            if fix:
                buckets["fixed"][f"{f.kind.value}:{bucket == 'right'}"] += 1
            row.update(what="top1", bucket=bucket, gold=gtext, fixed=fixed)
            dump.append(row)
        for gi, (i1, i2, gtext, kind) in enumerate(gs):
            if kind != "word" or gi in hit:
                continue
            otext = " ".join(t for t, _, _ in ot[i1:i2])
            bucket = miss_bucket(sc, model, otext, gtext)
            buckets["missed"][bucket] += 1
            dump.append({"set": folder.name, "doc": name, "what": "missed", "bucket": bucket,
                         "text": otext, "gold": gtext})
        for f in scan_text(gt, model):
            key = f"{f.kind.value}:{f.extra.get('class', '')}"
            buckets["gt-flags"][key] += 1
            dump.append({"set": folder.name, "doc": name, "what": "gt-flag", "text": f.text,
                         "kind": f.kind.value, "class": str(f.extra.get("class", "")),
                         "conf": round(f.confidence, 3), "sugg": [s.text for s in
                                                                 f.suggestions][:3]})
    return buckets


def show(buckets: dict[str, Counter], title: str) -> None:
    print(f"== {title}")
    for section, counter in buckets.items():
        total = sum(counter.values())
        items = ", ".join(f"{k} {v}" for k, v in counter.most_common())
        print(f"  {section} ({total}): {items}")


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--sets", nargs="+", default=list(DEV_SETS))
    parser.add_argument("--dump", type=Path, help="write every bucketed case as JSON Lines")
    args = parser.parse_args(argv)
    sc = load_scorer(args.shared)
    model = Model.load()
    dump: list[dict] = []
    for name in args.sets:
        show(diagnose(sc, model, args.shared / "data" / "aligned" / name, dump), name)
    if args.dump:
        args.dump.write_text("".join(json.dumps(r) + "\n" for r in dump), encoding="utf-8")


if __name__ == "__main__":
    main()
