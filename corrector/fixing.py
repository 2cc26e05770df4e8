"""Apply findings' first suggestions to a text: the unattended half of batch use.

Which fixes to apply, by default, follows from what a fix does to the word error rate. Put
in place at a real slip, a right fix removes one wrong word and a wrong one leaves one wrong
word where one was; only a fix at a false flag adds a wrong word. So a fix lowers the
error rate in expectation when the chance that it is right (its first suggestion's
calibrated score) exceeds the chance that the finding is no slip at all (one minus its
calibrated confidence) — by ``EXPECTED_GAIN_MARGIN``, for the calibration's own error.
That applies a likely slip's fix even when its suggestion is only fairly likely, and never
a doubtful finding's; on every dev set it removed more errors than "score at least one
half" did.

Given an explicit level instead, only findings whose first suggestion's score is at least
that level are applied. When two overlap, the first in the text wins.

A fix changes the slip, not the layout: where the misread word is cut at a line end
("go-\nvernrcient"), the mended word keeps the cut at the matching place ("go-\nvernment",
``corrector.linecut``), as ``review`` writes it too.
"""

from __future__ import annotations

from collections.abc import Iterable

from corrector.calibration import fix_probability
from corrector.finding import Finding
from corrector.linecut import keep_line_cut

DEFAULT_FIX_CONFIDENCE: float | None = None  # None: apply the fixes expected to help
EXPECTED_GAIN_MARGIN = 0.1


def worth_fixing(finding: Finding, min_confidence: float | None = DEFAULT_FIX_CONFIDENCE
                 ) -> bool:
    """Whether ``fix`` applies ``finding``: its first suggestion's score is at least
    ``min_confidence``, or, with None, it beats the chance of a false flag by the margin."""
    if finding.best is None:
        return False
    score = fix_probability(finding)
    if min_confidence is not None:
        return score >= min_confidence
    return score > 0 and score >= (1 - finding.confidence) + EXPECTED_GAIN_MARGIN


def replacement(finding: Finding) -> str | None:
    """What ``fix`` writes for ``finding``: its first suggestion, keeping the printed
    word's line-end cut (``keep_line_cut``)."""
    return None if finding.best is None else keep_line_cut(finding.text, finding.best)


def apply_fixes(text: str, findings: Iterable[Finding],
                min_confidence: float | None = DEFAULT_FIX_CONFIDENCE) -> tuple[str, int]:
    """``text`` with the qualifying fixes applied, and how many were applied."""
    out, pos, applied = [], 0, 0
    for f in sorted(findings, key=lambda f: f.start):
        if not worth_fixing(f, min_confidence) or f.start < pos:
            continue
        mended = replacement(f) or ""
        out.append(text[pos : f.start])
        out.append(mended)
        pos = f.end
        applied += mended != f.text
    out.append(text[pos:])
    return "".join(out), applied
