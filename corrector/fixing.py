"""Apply findings' first suggestions to a text: the unattended half of batch use.

Only findings whose first suggestion is at least that likely to be the right fix (its
calibrated score) are applied; when two overlap, the first in the text wins. The default
is the level at which, on the dev sets, applying fixes never made the word error rate worse.
"""

from __future__ import annotations

from collections.abc import Iterable

from corrector.calibration import fix_probability
from corrector.finding import Finding

DEFAULT_FIX_CONFIDENCE = 0.6


def apply_fixes(text: str, findings: Iterable[Finding], min_confidence: float) -> tuple[str, int]:
    """``text`` with the qualifying fixes applied, and how many were applied."""
    out, pos, applied = [], 0, 0
    for f in sorted(findings, key=lambda f: f.start):
        if fix_probability(f) < min_confidence or f.best is None or f.start < pos:
            continue
        out.append(text[pos : f.start])
        out.append(f.best)
        pos = f.end
        applied += 1
    out.append(text[pos:])
    return "".join(out), applied
