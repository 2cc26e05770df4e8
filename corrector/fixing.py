"""Apply findings' first suggestions to a text: the unattended half of batch use.

Only findings whose first suggestion is at least that likely to be the right fix (its
calibrated score) are applied; when two overlap, the first in the text wins. The default is
one half: a fix that is right at least as often as not cannot raise the word error rate in
expectation, since a wrong fix at a real slip leaves one wrong word where one was, and only
a fix at a false flag (within the "not right" half) adds one. On the dev sets fixes with
lower scores still helped on balance, but the margin there is the dev sets' noise level,
not a property of the scores.
"""

from __future__ import annotations

from collections.abc import Iterable

from corrector.calibration import fix_probability
from corrector.finding import Finding

DEFAULT_FIX_CONFIDENCE = 0.5


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
