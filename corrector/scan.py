"""The pure core: text in, findings out. No files, no terminal, no clock."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

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


@dataclass(frozen=True)
class ScannedDocument:
    """Findings with offsets into the source, and the text a reader sees (for word counts)."""

    findings: list[Finding]
    readable: str


def scan_document(
    source: str, model: Model, kind: str = "text", min_confidence: float = 0.0
) -> ScannedDocument:
    """Scan a file's text by its kind: ``"text"`` (also Markdown, for now) or ``"html"``.

    For HTML only the visible text is scanned (``corrector.htmltext``); findings are mapped
    back so that ``start``/``end``/``line``/``column`` point into ``source`` and ``text`` is
    ``source[start:end]``. Findings that cannot be mapped onto plain source text (they cross
    a tag or an entity) are dropped, and suggestions are escaped so they can go into HTML.
    """
    if kind != "html":
        return ScannedDocument(scan_text(source, model, min_confidence=min_confidence), source)
    from html import escape

    from corrector.htmltext import extract_html
    from corrector.tokens import LineIndex

    extracted = extract_html(source)
    lines = LineIndex(source)
    mapped = []
    for finding in scan_text(extracted.text, model, min_confidence=min_confidence):
        span = extracted.source_span(finding.start, finding.end)
        if span is None:
            continue
        start, end = span
        line, column = lines.position(start)
        suggestions = tuple(replace(s, text=escape(s.text, quote=False))
                            for s in finding.suggestions)
        mapped.append(replace(finding, start=start, end=end, text=source[start:end],
                              line=line, column=column, suggestions=suggestions))
    return ScannedDocument(mapped, extracted.text)
