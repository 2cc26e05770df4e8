"""Calibrated confidence: a finding's confidence is how often such findings were right.

Each detector gives a raw score (a posterior from its own model) and a class (for non-words:
a lower-case word with a close suggestion, a capitalised name, an acronym …). On the aligned
dev sets we counted, for every (kind, class, score band), how many findings were real slips;
the table maps a raw score to that measured precision, smoothed and made monotone in the
score, so that "confidence 0.9" means "right nine times in ten on text like the dev sets".
Built by ``corrector wordlists calibrate``; without a table, raw scores are used as they are.
"""

from __future__ import annotations

import csv
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from pathlib import Path

from corrector.finding import Finding

CALIBRATION_FILE = "calibration.tsv"
BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)


def band(score: float) -> int:
    """Index of the score band ``score`` falls in."""
    return max(0, bisect_right(BANDS, score) - 1)


def finding_class(finding: Finding) -> str:
    return str(finding.extra.get("class", ""))


@dataclass
class Calibration:
    """(kind, class, band) -> calibrated confidence; a missing cell falls back to (kind, band)."""

    table: dict[tuple[str, str, int], float] = field(default_factory=dict)

    def apply(self, finding: Finding) -> Finding:
        if not self.table:
            return finding
        b = band(finding.confidence)
        kind = finding.kind.value
        value = self.table.get((kind, finding_class(finding), b))
        if value is None:
            value = self.table.get((kind, "", b))
        if value is None:
            return finding
        extra = {**finding.extra, "raw_confidence": finding.confidence}
        return replace(finding, confidence=value, extra=extra)


def load(directory: Path) -> Calibration:
    path = directory / CALIBRATION_FILE
    if not path.exists():
        return Calibration()
    table = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "kind":
                continue
            table[(row[0], row[1], int(row[2]))] = float(row[3])
    return Calibration(table)
