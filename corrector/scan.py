"""The pure core: text in, findings out. No files, no terminal, no clock."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from corrector.calibration import fix_probability
from corrector.detectors import DEFAULT_DETECTORS, Detector
from corrector.document import Document
from corrector.finding import Finding
from corrector.model import Model


def scan_text(
    text: str,
    model: Model,
    detectors: Iterable[Detector] = DEFAULT_DETECTORS,
    min_confidence: float = 0.0,
    calibrated: bool = True,
) -> list[Finding]:
    """All findings in ``text``, in text order, never overlapping, with line and column set."""
    document = Document.from_text(text)
    found: dict[tuple[int, int], Finding] = {}
    for detector in detectors:
        for finding in detector.detect(document, model):
            if calibrated:
                finding = model.calibration.apply(finding)
            if finding.confidence < min_confidence:
                continue
            key = (finding.start, finding.end)
            if key not in found or finding.confidence > found[key].confidence:
                found[key] = finding
    # Overlapping findings (a split word over a non-word): the one with the likelier fix
    # stands, then the more confident one.
    kept: list[Finding] = []
    for finding in sorted(found.values(), key=lambda f: (-fix_probability(f), -f.confidence)):
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    result = []
    for finding in sorted(kept, key=lambda f: (f.start, f.end)):
        line, column = document.lines.position(finding.start)
        result.append(replace(finding, line=line, column=column))
    return result
