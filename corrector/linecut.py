"""Keep a word's line-end cut when the word is mended: a fix changes letters, not layout.

A transcription that keeps the printed line breaks ("go-\\nvernrcient") wants the mended
word cut where the printed one was ("go-\\nvernment"), not joined onto one line
("government"): joining would move a line's end, and in a text that keeps its line-end
hyphens it would be a change of convention nobody asked for. ``fix`` and ``review`` write
every replacement through ``keep_line_cut`` so the two agree.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

# A word cut at a line end, letters on both sides: "frag-\nment", "Stock\u00ac\n  holm".
_LINE_CUT = re.compile(r"(?<=[^\W\d_])[-\u2010\u2011\u00ac][ \t]*\r?\n[ \t]*(?=[^\W\d_])")


def keep_line_cut(printed: str, mended: str) -> str:
    """``mended`` (the replacement for ``printed``) with ``printed``'s one line-end cut put
    back where it falls in the mended word, when it falls between two letters there.

    Anything else is written as given: no cut or several, a replacement that has line
    breaks of its own, or a cut that lands at the mended word's edge or beside a space
    (the fix joins or splits words there, and a cut has no place to go)."""
    cuts = list(_LINE_CUT.finditer(printed))
    if len(cuts) != 1 or "\n" in mended:
        return mended
    cut = cuts[0]
    joined = printed[: cut.start()] + printed[cut.end() :]
    at = _boundary_in(joined, mended, cut.start())
    if not (0 < at < len(mended) and mended[at - 1].isalpha() and mended[at].isalpha()):
        return mended
    return mended[:at] + cut.group() + mended[at:]


def _boundary_in(source: str, target: str, at: int) -> int:
    """Where the boundary before ``source[at]`` falls in ``target``, by the cheapest edit
    alignment of the two (case ignored): letters kept stay on their side of it."""
    for op in Levenshtein.opcodes(source.lower(), target.lower()):
        if op.src_start <= at < op.src_end:
            offset = at - op.src_start
            if op.tag != "equal":
                offset = min(offset, op.dest_end - op.dest_start)
            return op.dest_start + offset
    return len(target)
