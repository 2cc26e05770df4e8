"""The pure core: text in, findings out. No files, no terminal, no clock."""

from __future__ import annotations

import gc
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from corrector.calibration import fix_probability
from corrector.detectors import DEFAULT_DETECTORS, Detector
from corrector.detectors.splitword import LONG_TEXT_TOKENS
from corrector.document import Document
from corrector.finding import Finding
from corrector.model import Model
from corrector.ownspelling import flagged_places, own_keys, without_own_spellings
from corrector.tokens import LineIndex

CHUNK_CHARS = 200_000  # about 35,000 words: scanned at once, so memory stays bounded
CHUNK_SLACK = 20_000  # how far back from a chunk's end to look for a good place to cut


def scan_text(
    text: str,
    model: Model,
    detectors: Iterable[Detector] = DEFAULT_DETECTORS,
    min_confidence: float = 0.0,
    calibrated: bool = True,
) -> list[Finding]:
    """All findings in ``text``, in text order, never overlapping, with line and column set.

    A long text is scanned a chunk at a time (cut at a paragraph break, else a line end,
    else a space), so a book-sized file needs no more memory than a chapter.
    """
    return scan_text_part(text, model, 0, 1, detectors, min_confidence, calibrated)


def scan_text_part(
    text: str,
    model: Model,
    part: int,
    parts: int,
    detectors: Iterable[Detector] = DEFAULT_DETECTORS,
    min_confidence: float = 0.0,
    calibrated: bool = True,
) -> list[Finding]:
    """The findings of part ``part`` (from 0) of ``parts`` of ``text``, offsets into all of it.

    The parts are runs of ``scan_text``'s chunks, which are scanned each on its own, so
    ``--jobs`` workers can share one long file and the parts' findings, joined in part
    order, are ``scan_text``'s (``corrector.batch``): a book in one file would otherwise
    keep one worker busy and leave the others idle. A part may have no chunk at all."""
    detectors = tuple(detectors)
    # Where the chunks are cut, not the chunks: a part holds one chunk's text at a time.
    bounds = list(chunk_bounds(text, CHUNK_CHARS))
    mine = bounds[part * len(bounds) // parts:(part + 1) * len(bounds) // parts]
    if not mine:
        return []
    lines = LineIndex(text)
    result = []
    for offset, end in mine:
        chunk = text[offset:end]
        for finding in _scan_chunk(chunk, model, detectors, min_confidence, calibrated):
            start = finding.start + offset
            line, column = lines.position(start)
            result.append(replace(finding, start=start, end=finding.end + offset,
                                  line=line, column=column))
    return result


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) covering ``text``; pieces end at a paragraph break, a line end or a
    space near ``size`` characters where there is one, so no word is cut in two."""
    for start, end in chunk_bounds(text, size):
        yield start, text[start:end]


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, int]]:
    """(start, end) of each of ``chunks``' pieces."""
    start = 0
    while len(text) - start > size:
        limit = start + size
        cut = -1
        for separator in ("\n\n", "\n", " "):
            cut = text.rfind(separator, limit - CHUNK_SLACK, limit)
            if cut > start:
                cut += len(separator)
                break
        if cut <= start:
            cut = limit  # no white space at all: one enormous "word" is cut anyway
        yield start, cut
        start = cut
    yield start, len(text)


def _scan_chunk(text: str, model: Model, detectors: tuple[Detector, ...],
                min_confidence: float, calibrated: bool) -> list[Finding]:
    """Findings in one piece of text, offsets relative to it, overlaps resolved.

    The cyclic garbage collector is paused meanwhile: a chunk makes tens of thousands of
    tokens and look-up entries that live until it is done and hold no cycles, and the
    collector would walk them over and over (about a twentieth of a scan's time). Whatever
    the scan leaves behind is collected as usual once the collector runs again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _scan_chunk_now(text, model, detectors, min_confidence, calibrated)
    finally:
        if enabled:
            gc.enable()


def _scan_chunk_now(text: str, model: Model, detectors: tuple[Detector, ...],
                    min_confidence: float, calibrated: bool) -> list[Finding]:
    document = Document.from_text(text)
    _index_words_for_long_text(document, model)
    found: dict[tuple[int, int], Finding] = {}
    places: set[tuple[tuple, int]] = set()  # (``ownspelling``: a key, a place)
    for detector in detectors:
        for finding in detector.detect(document, model):
            if calibrated:
                finding = model.calibration.apply(finding)
            for own in own_keys(finding, model.data):
                places.add((own, finding.start))
            if finding.confidence < min_confidence:
                continue
            key = (finding.start, finding.end)
            if key not in found or _rank(finding) > _rank(found[key]):
                found[key] = finding
    # Overlapping findings (a split word over a non-word): the one with the likelier fix
    # stands, then the more confident one.
    # Kept spans never overlap, so in (start, end) order only the one just before a new span
    # and those starting inside it can overlap it: a bad OCR page has thousands of findings,
    # too many to check pairwise.
    keys: list[tuple[int, int]] = []
    kept: list[Finding] = []
    for finding in sorted(found.values(), key=lambda f: (-fix_probability(f), -f.confidence)):
        key = (finding.start, finding.end)
        at = bisect_left(keys, key)
        if not _overlaps_kept(finding, kept, at):
            keys.insert(at, key)
            kept.insert(at, finding)
    return without_own_spellings(kept, flagged_places(places), document, model)


def _index_words_for_long_text(document: Document, model: Model) -> None:
    """Give the vocabulary's word index its dict now when the text is a chapter or more
    (``WordIds``): the detectors' first look-ups then hash, instead of binary-searching
    the thousands of distinct words a chapter has before the index switches on its own
    (it does within the first chapter of any long scan; a one-page check never does)."""
    as_dict = getattr(model.data.ids, "as_dict", None)
    if as_dict is not None and len(document.tokens) >= LONG_TEXT_TOKENS:
        as_dict()


def _rank(finding: Finding) -> tuple[bool, float]:
    """Which of two findings on the same span stands: one with a fix before one that only
    flags (a stray letter's flag must not hide a real-word fix of it), then the surer."""
    return finding.best is not None, finding.confidence


def _overlaps_kept(finding: Finding, kept: list[Finding], at: int) -> bool:
    """Whether ``finding`` overlaps a kept one; ``at`` is where it would go in the list."""
    near = kept[at - 1] if at else None
    if near is not None and not (finding.end <= near.start or finding.start >= near.end):
        return True
    for k in range(at, len(kept)):
        near = kept[k]
        if near.start >= finding.end:
            break
        if finding.start < near.end:
            return True
    return False


@dataclass(frozen=True)
class ScannedDocument:
    """Findings with offsets into the source, and the text a reader sees (for word counts)."""

    findings: list[Finding]
    readable: str


def scan_document(
    source: str, model: Model, kind: str = "text", min_confidence: float = 0.0
) -> ScannedDocument:
    """Scan a file's text by its kind: ``"text"``, ``"html"`` or ``"markdown"``.

    For HTML and Markdown only the text a reader sees is scanned (``corrector.htmltext``,
    ``corrector.markdowntext``); findings are mapped back so that ``start``/``end``/``line``/
    ``column`` point into ``source`` and ``text`` is ``source[start:end]``. Findings that
    cannot be mapped onto plain source text (they cross markup, an entity or an escape) are
    dropped, and for HTML suggestions are escaped so they can go into the page.
    """
    if kind not in ("html", "markdown"):
        return ScannedDocument(scan_text(source, model, min_confidence=min_confidence), source)
    from html import escape

    from corrector.htmltext import extract_html
    from corrector.markdowntext import extract_markdown

    extracted = extract_html(source) if kind == "html" else extract_markdown(source)
    lines = LineIndex(source)
    mapped = []
    for finding in scan_text(extracted.text, model, min_confidence=min_confidence):
        span = extracted.source_span(finding.start, finding.end)
        if span is None:
            continue
        start, end = span
        line, column = lines.position(start)
        suggestions = finding.suggestions
        if kind == "html":
            suggestions = tuple(replace(s, text=escape(s.text, quote=False))
                                for s in suggestions)
        mapped.append(replace(finding, start=start, end=end, text=source[start:end],
                              line=line, column=column, suggestions=suggestions))
    return ScannedDocument(mapped, extracted.text)
