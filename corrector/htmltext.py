"""The text a reader sees in an HTML page, with a map from that text back to the HTML source.

Transcriptions are often published as HTML (the Marxists Internet Archive's are). The
detectors must see only what a reader sees, but every finding has to point into the HTML
source, so a patch edits the page and leaves its markup byte-for-byte intact. Python's
``html.parser`` does the parsing (it copes with the broken HTML real pages hold); this module
decides what is visible and keeps the map.

What is left out:

- tags and attributes, comments, declarations and processing instructions;
- the content of ``<head>`` and ``<title>`` (the browser's, not the reader's),
  ``<script>``, ``<style>``, ``<template>``, ``<noscript>``, ``<svg>`` and ``<math>``;
- editorial apparatus: ``<header>``, ``<footer>`` and ``<nav>`` elements, and any element
  whose ``class`` or ``id`` holds one of the words in ``EDITORIAL_WORDS`` (split on anything
  but letters, so ``class="transcriber-note"`` and MIA's ``<p class="information">`` and
  ``<p class="footer">`` count). ``[sic]`` stays in the text: the detectors already leave
  a word followed by it alone.

Entities are decoded (``&amp;`` reads as ``&``). Where markup separates text, a separator the
source does not hold is put in: a blank line for block elements (so a heading does not run
into the next paragraph), a line break for ``<br>``, nothing for inline elements (so
``<i>w</i>ord`` stays one word).

A span of the extracted text maps back to the source only when it lies inside one run of
plain source text, because only then is the source slice the same text the detectors saw and
replacing it touches no markup. A finding that crosses a tag or includes an entity is
dropped rather than guessed at.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from html.parser import HTMLParser

HIDDEN_ELEMENTS = frozenset(
    {"head", "title", "script", "style", "template", "noscript", "svg", "math"}
)
EDITORIAL_ELEMENTS = frozenset({"header", "footer", "nav"})
EDITORIAL_WORDS = frozenset(
    {
        "header", "footer", "nav", "toc", "info", "information",
        "note", "notes", "footnote", "footnotes", "endnote", "endnotes",
        "transcriber", "transcribers", "editor", "editorial",
    }
)
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)
BLOCK_ELEMENTS = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
     "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
     "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav",
     "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
     "title", "tr", "ul"}
)
# A start tag that ends an open element whose end tag may be left out (the common cases).
_IMPLIED_END = {
    "p": BLOCK_ELEMENTS - {"body", "html"},
    "li": frozenset({"li"}),
    "dt": frozenset({"dt", "dd"}),
    "dd": frozenset({"dt", "dd"}),
    "tr": frozenset({"tr"}),
    "td": frozenset({"td", "th", "tr"}),
    "th": frozenset({"td", "th", "tr"}),
}
_WORDS = re.compile(r"[a-z]+")
_STRENGTH = {"": 0, "\n": 1, "\n\n": 2}


@dataclass
class Extracted:
    """The visible text and, for each run of it copied verbatim from the source, where."""

    text: str
    run_starts: list[int] = field(default_factory=list)  # offset of each run in ``text``
    run_sources: list[int] = field(default_factory=list)  # offset of each run in the source
    run_lengths: list[int] = field(default_factory=list)

    def add_run(self, at: int, source_at: int, length: int) -> None:
        """Record that ``length`` characters at ``at`` in the text stand verbatim at
        ``source_at`` in the source, joining the previous run when they continue it."""
        if (self.run_starts and self.run_starts[-1] + self.run_lengths[-1] == at
                and self.run_sources[-1] + self.run_lengths[-1] == source_at):
            self.run_lengths[-1] += length
        else:
            self.run_starts.append(at)
            self.run_sources.append(source_at)
            self.run_lengths.append(length)

    def source_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where ``text[start:end]`` is in the source, or None when that span is not one
        stretch of plain source text (it crosses a tag, a separator or an entity)."""
        i = bisect_right(self.run_starts, start) - 1
        if i < 0 or end > self.run_starts[i] + self.run_lengths[i]:
            return None
        shift = self.run_sources[i] - self.run_starts[i]
        return start + shift, end + shift


def is_editorial(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """Whether an element is apparatus rather than the text: see the module docstring."""
    if tag in EDITORIAL_ELEMENTS:
        return True
    return any(
        word in EDITORIAL_WORDS
        for name, value in attrs
        if name in ("class", "id") and value
        for word in _WORDS.findall(value.lower())
    )


class _Reader(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.parts: list[str] = []
        self.length = 0  # of the text extracted so far
        self.out = Extracted("")
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, hidden)
        self.separator = ""

    # -- where we are -------------------------------------------------------------------
    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    # -- building the text --------------------------------------------------------------
    def _boundary(self, separator: str) -> None:
        if _STRENGTH[separator] > _STRENGTH[self.separator]:
            self.separator = separator

    def _append(self, text: str, source_at: int | None) -> None:
        """Add visible text; ``source_at`` is where it stands verbatim in the source."""
        if self._hidden() or not text:
            return
        if self.separator and self.length:
            self.parts.append(self.separator)
            self.length += len(self.separator)
        self.separator = ""
        if source_at is not None:
            self.out.add_run(self.length, source_at, len(text))
        self.parts.append(text)
        self.length += len(text)

    # -- parser events ------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        while self.stack and tag in _IMPLIED_END.get(self.stack[-1][0], ()):
            self.stack.pop()
        if tag in BLOCK_ELEMENTS:
            self._boundary("\n\n")
        elif tag == "br":
            self._boundary("\n")
        if tag in VOID_ELEMENTS:
            return
        hidden = (self._hidden() or tag in HIDDEN_ELEMENTS or is_editorial(tag, attrs))
        self.stack.append((tag, hidden))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_ELEMENTS:
            self._boundary("\n\n")
        elif tag == "br":
            self._boundary("\n")

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break
        if tag in BLOCK_ELEMENTS:
            self._boundary("\n\n")

    def handle_data(self, data: str) -> None:
        at = self._offset()
        verbatim = self.source.startswith(data, at)
        self._append(data, at if verbatim else None)

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)

    def _reference(self, raw: str) -> None:
        at = self._offset()
        end = at + len(raw)
        if self.source.startswith(";", end):
            end += 1
        text = html.unescape(self.source[at:end])
        self._append(text, at if text == self.source[at:end] else None)


def extract_html(source: str) -> Extracted:
    """The text of ``source`` a reader of the page sees, with its map back to the source."""
    reader = _Reader(source)
    reader.feed(source)
    reader.close()
    reader.out.text = "".join(reader.parts)
    return reader.out
