"""Horizontal bar charts as inline SVG: drawn by the report itself, so the HTML needs no
script, no library and no network, and the chart prints and reads the same everywhere.

The SVG is written without a namespace declaration: inside an HTML document the parser puts
``<svg>`` in the SVG namespace by itself, and the report then holds no URL at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

LABEL_WIDTH = 250
VALUE_WIDTH = 70
ROW = 22
BAR = 15
TOP = 6
MAX_LABEL = 36


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    color: str
    shown: str  # the value as written at the end of the bar


def _short(label: str) -> str:
    """Long labels (paths) keep their end, which names the file."""
    return label if len(label) <= MAX_LABEL else "…" + label[-(MAX_LABEL - 1):]


def bar_chart(bars: Sequence[Bar], title: str, width: int = 760) -> str:
    """One bar per item, longest value at full width, labels left and values right."""
    span = width - LABEL_WIDTH - VALUE_WIDTH
    top = max((bar.value for bar in bars), default=0.0) or 1.0
    height = TOP * 2 + ROW * len(bars)
    parts = [
        f'<svg class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{LABEL_WIDTH}" y1="{TOP}" x2="{LABEL_WIDTH}" y2="{height - TOP}" '
        f'stroke="#888" stroke-width="1"/>',
    ]
    for i, bar in enumerate(bars):
        y = TOP + i * ROW
        length = max(0.0, bar.value) / top * span
        middle = y + ROW / 2 + 4
        parts.append(
            f"<g><title>{escape(bar.label)}: {escape(bar.shown)}</title>"
            f'<text x="{LABEL_WIDTH - 6}" y="{middle:.1f}" text-anchor="end" fill="#222">'
            f"{escape(_short(bar.label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + (ROW - BAR) / 2:.1f}" width="{length:.1f}" '
            f'height="{BAR}" fill="{escape(bar.color)}"/>'
            f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{middle:.1f}" fill="#222">'
            f"{escape(bar.shown)}</text></g>"
        )
    parts.append("</svg>")
    return "\n".join(parts)
