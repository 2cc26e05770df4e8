"""Calibrated confidence: a finding's confidence is how often such findings were right,
and its first suggestion's score how often such a fix was the right one.

Each detector gives a raw score (a posterior from its own model) and a class (for non-words:
a lower-case word with a close suggestion, a capitalised name, an acronym …). On the aligned
dev sets we counted, for every (kind, class, score band), how many findings were real slips;
the table maps a raw score to that measured precision, smoothed and made monotone in the
score, so that "confidence 0.9" means "right nine times in ten on text like the dev sets".
For the first suggestion's score the class is refined by how sure the detector was (its raw
score at least ``SURE_SCORE``): a non-word one cheap OCR edit from a word is mended right far
more often than one only a dear explanation reaches, whatever share its first suggestion
holds among the candidates.
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


def fix_probability(finding: Finding) -> float:
    """The calibrated chance that putting the first suggestion in place is right."""
    return finding.suggestions[0].score if finding.suggestions else 0.0


def finding_class(finding: Finding) -> str:
    return str(finding.extra.get("class", ""))


SURE_SCORE = 0.8  # raw detection scores from here up mean a cheap, clear explanation


def fix_class(finding: Finding, raw_confidence: float) -> str:
    """The finding's class refined by how sure its detector was, for the fix target: a
    non-word one cheap OCR edit from a word gets that word right far more often than one
    whose best explanation is dear, whatever the share the first suggestion holds."""
    return f"{finding_class(finding)}/{'sure' if raw_confidence >= SURE_SCORE else 'unsure'}"


DETECT = "detect"  # target: the finding is a real slip
FIX = "fix"  # target: the first suggestion is the right fix


@dataclass
class Calibration:
    """(target, kind, class, band) -> measured share; a missing class falls back to ""."""

    table: dict[tuple[str, str, str, int], float] = field(default_factory=dict)

    def lookup(self, target: str, finding: Finding, score: float,
               refined: str | None = None) -> float | None:
        """The share for the finding's most specific measured class: ``refined`` (when
        given), then its class, then its kind as a whole."""
        kind, b = finding.kind.value, band(score)
        for klass in (refined, finding_class(finding), ""):
            if klass is None:
                continue
            value = self.table.get((target, kind, klass, b))
            if value is not None:
                return value
        return None

    def apply(self, finding: Finding) -> Finding:
        """The finding with calibrated confidence and a calibrated first-suggestion score."""
        if not self.table:
            return finding
        confidence = self.lookup(DETECT, finding, finding.confidence)
        suggestions = finding.suggestions
        if suggestions:
            top = suggestions[0].score
            fix = self.lookup(FIX, finding, top, fix_class(finding, finding.confidence))
            if fix is not None and top > 0:
                suggestions = tuple(
                    replace(s, score=min(fix, s.score * fix / top)) for s in suggestions
                )
        extra = {**finding.extra, "raw_confidence": finding.confidence}
        return replace(
            finding,
            confidence=finding.confidence if confidence is None else confidence,
            suggestions=suggestions,
            extra=extra,
        )


def load(directory: Path) -> Calibration:
    path = directory / CALIBRATION_FILE
    if not path.exists():
        return Calibration()
    table = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "target":
                continue
            table[(row[0], row[1], row[2], int(row[3]))] = float(row[4])
    return Calibration(table)
