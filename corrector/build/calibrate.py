"""Measure how often each sort of finding is right, and write the calibration table.

Runs the detectors (uncalibrated) over the OCR side of the aligned *dev* sets, judges each
finding with the evaluation's definitions (on a word error: right; on no error: wrong; on a
punctuation-only difference: left out), and for every (kind, class, score band) records the
smoothed share that were right. Within a (kind, class) the values are made non-decreasing in
the score band (pool-adjacent-violators), so a higher raw score never means less confidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from corrector.atomic import write_text
from corrector.calibration import (
    BANDS,
    CALIBRATION_FILE,
    DETECT,
    FIX,
    band,
    finding_class,
    fix_class,
)
from corrector.evaluate import judge_both, load_pairs
from corrector.model import Model
from corrector.scan import scan_text

DEV_SETS = ("data/aligned/hipe-icdar2017-dev", "data/aligned/hipe-impresso-dev",
            "data/aligned/ght-high-dev")
MIN_CELL = 8  # fewer findings than this in a cell: use the wider class's value for the band
MIN_KIND = 100  # a kind judged fewer times than this keeps its raw scores (too few to measure)


Cell = tuple[str, str, str, int]  # target, kind, class, band


def measure(folders: Iterable[Path], model: Model) -> dict[Cell, list[int]]:
    """(target, kind, class, band) -> [right, wrong] over every document in ``folders``."""
    cells: dict[Cell, list[int]] = defaultdict(lambda: [0, 0])
    for folder in folders:
        for pair in load_pairs(folder):
            findings = scan_text(pair.ocr, model, calibrated=False)
            for finding, (detected, fixed) in zip(findings, judge_both(pair, findings)):
                if detected is None:
                    continue
                kind = finding.kind.value
                for klass in (finding_class(finding), ""):
                    b = band(finding.confidence)
                    cells[(DETECT, kind, klass, b)][0 if detected else 1] += 1
                if fixed is None or not finding.suggestions:
                    continue
                b = band(finding.suggestions[0].score)
                for klass in (fix_class(finding, finding.confidence), finding_class(finding), ""):
                    cells[(FIX, kind, klass, b)][0 if fixed else 1] += 1
    return cells


def monotone(values: list[tuple[float, int]]) -> list[float]:
    """Pool adjacent violators: the closest non-decreasing sequence, weighted by counts."""
    blocks: list[list[float]] = []  # [mean, weight, length]
    for value, weight in values:
        blocks.append([value, max(weight, 1), 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, n2 = blocks.pop()
            v1, w1, n1 = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    out: list[float] = []
    for mean, _, length in blocks:
        out.extend([mean] * int(length))
    return out


def table(cells: dict[Cell, list[int]]) -> dict[Cell, float]:
    groups: dict[tuple[str, str, str], dict[int, list[int]]] = defaultdict(dict)
    for (target, kind, klass, b), counts in cells.items():
        groups[(target, kind, klass)][b] = counts
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for (target, kind, klass, _), counts in cells.items():
        if klass == "":
            totals[(target, kind)] += sum(counts)
    out = {}
    for (target, kind, klass), by_band in groups.items():
        if totals[(target, kind)] < MIN_KIND:
            continue
        bands = sorted(by_band)
        values = []
        for b in bands:
            right, wrong = by_band[b]
            n = right + wrong
            if klass and n < MIN_CELL:
                # A refined class ("lower/sure") falls back to its class, a class to its kind.
                parent = klass.rsplit("/", 1)[0] if "/" in klass else ""
                fallback = cells.get((target, kind, parent, b), [right, wrong])
                right, wrong = fallback
                n = right + wrong
            values.append(((right + 1) / (n + 2), n))
        for b, value in zip(bands, monotone(values)):
            out[(target, kind, klass, b)] = round(value, 4)
    return out


def calibrate(shared: Path, out: Path, model: Model | None = None) -> dict[str, object]:
    """Measure on the dev sets under ``shared`` and write ``out/calibration.tsv``."""
    model = model or Model.load(directory=out)
    cells = measure((shared / s for s in DEV_SETS), model)
    values = table(cells)
    lines = [
        "# Calibrated confidence: share of findings that were real slips on the dev sets",
        "# " + ", ".join(DEV_SETS),
        "# band i covers raw scores from " + ", ".join(str(b) for b in BANDS),
        "# target detect: the finding is a real slip; fix: its first suggestion is right",
        "target\tkind\tclass\tband\tshare\tright\twrong",
    ]
    for cell, value in sorted(values.items()):
        right, wrong = cells[cell]
        lines.append("\t".join(map(str, (*cell, value, right, wrong))))
    write_text(out / CALIBRATION_FILE, "\n".join(lines) + "\n")
    judged = sum(sum(v) for (t, _, c, _), v in cells.items() if t == DETECT and c == "")
    return {"cells": len(values), "findings_judged": judged}
