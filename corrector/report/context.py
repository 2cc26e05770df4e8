"""The line around a finding, cut to a readable width, with the slip marked out.

A report shows each slip where it sits, so an editor can judge it without opening the file.
OCR text can have very long lines (a whole paragraph), so the context is trimmed to about
``width`` characters each side, at a space where one is near, with "…" where it was cut.
Line breaks inside a span (a word broken across lines) are shown as "⏎" so a context is
always one line; carriage returns are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from corrector.finding import Finding

WIDTH = 60
ELLIPSIS = "…"


@dataclass(frozen=True)
class Context:
    """The text before the slip, the slip, and the text after it, on one line."""

    before: str
    slip: str
    after: str

    @property
    def text(self) -> str:
        return self.before + self.slip + self.after

    @property
    def offset(self) -> int:
        """Where the slip starts in ``text``."""
        return len(self.before)


def _one_line(text: str) -> str:
    return text.replace("\r", "").replace("\n", "⏎")


def context_of(text: str | None, finding: Finding, width: int = WIDTH) -> Context:
    """The context of ``finding`` in ``text`` (the file's text as read); empty without text."""
    if text is None:
        return Context("", finding.text, "")
    line_start = text.rfind("\n", 0, finding.start) + 1
    line_end = text.find("\n", finding.end)
    if line_end < 0:
        line_end = len(text)
    before = text[line_start : finding.start]
    after = text[finding.end : line_end]
    if len(before) > width:
        cut = before[-width:]
        space = cut.find(" ")
        before = ELLIPSIS + (cut[space + 1 :] if 0 <= space < width // 2 else cut)
    if len(after) > width:
        cut = after[:width]
        space = cut.rfind(" ")
        after = (cut[:space] if space > width // 2 else cut) + ELLIPSIS
    return Context(_one_line(before), _one_line(text[finding.start : finding.end]),
                   _one_line(after))
