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
from corrector.calibration import BANDS, CALIBRATION_FILE, band, finding_class
from corrector.evaluate import judge, load_pairs
from corrector.model import Model
from corrector.scan import scan_text

DEV_SETS = ("data/aligned/hipe-icdar2017-dev", "data/aligned/hipe-impresso-dev",
            "data/aligned/ght-high-dev")
MIN_CELL = 8  # fewer findings than this in a cell: use the kind-wide value for the band


def measure(folders: Iterable[Path], model: Model) -> dict[tuple[str, str, int], list[int]]:
    """(kind, class, band) -> [right, wrong] over every document in ``folders``."""
    cells: dict[tuple[str, str, int], list[int]] = defaultdict(lambda: [0, 0])
    for folder in folders:
        for pair in load_pairs(folder):
            findings = scan_text(pair.ocr, model, calibrated=False)
            for finding, verdict in zip(findings, judge(pair, findings)):
                if verdict is None:
                    continue
                b = band(finding.confidence)
                for klass in (finding_class(finding), ""):
                    cells[(finding.kind.value, klass, b)][0 if verdict else 1] += 1
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


def table(cells: dict[tuple[str, str, int], list[int]]) -> dict[tuple[str, str, int], float]:
    groups: dict[tuple[str, str], dict[int, list[int]]] = defaultdict(dict)
    for (kind, klass, b), counts in cells.items():
        groups[(kind, klass)][b] = counts
    out = {}
    for (kind, klass), by_band in groups.items():
        bands = sorted(by_band)
        values = []
        for b in bands:
            right, wrong = by_band[b]
            n = right + wrong
            if klass and n < MIN_CELL:
                fallback = cells.get((kind, "", b), [right, wrong])
                right, wrong = fallback
                n = right + wrong
            values.append(((right + 1) / (n + 2), n))
        for b, value in zip(bands, monotone(values)):
            out[(kind, klass, b)] = round(value, 4)
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
        "kind\tclass\tband\tconfidence\tright\twrong",
    ]
    for (kind, klass, b), value in sorted(values.items()):
        right, wrong = cells[(kind, klass, b)]
        lines.append(f"{kind}\t{klass}\t{b}\t{value}\t{right}\t{wrong}")
    write_text(out / CALIBRATION_FILE, "\n".join(lines) + "\n")
    judged = sum(sum(v) for (_, klass, _), v in cells.items() if klass == "")
    return {"cells": len(values), "findings_judged": judged}
