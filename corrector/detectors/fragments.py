"""Stray letters: a lone lower-case letter on a misread page is a fragment of a word.

The scanner breaks a faint word into pieces and drops the rest ("Rev. n the Missions" for
"on", "remain q nominal" for "quite", "b g for the first year" for "given"). Every letter is
in the lists (period print has "n" and "q" a thousand times, in formulas, lists and
abbreviations), so neither the non-word nor the real-word check doubts it, and the word it
was is seldom recoverable: the finding is flagged without a suggestion (nothing to fix).

Left alone: "a", "i", "o" (words); "v" (versus); "c" ("&c." losing its ampersand);
a letter beside another lone letter (a horse's "b f", "ch g"; letters spaced out); a letter
with an apostrophe, a stop, a bracket or markup beside it ("don ' t", "s." for shillings,
"p." for page, "(b)", "<i>x</i>"); a letter next to a number ("3 s 6 d"); a letter at
either end of a line (a cut-off line, a hyphenated word's piece); and every page whose
misread prior is low: a clean page prints a lone letter on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator

from corrector.detectors.realword import misread_prior
from corrector.document import Document
from corrector.finding import Finding, Kind
from corrector.model import Model
from corrector.tokens import Shape

STRAY_LETTERS = frozenset("bdefghjklmnpqrstuwxyz")
MIN_STRAY_PRIOR = 0.06  # a page whose misread prior is lower prints its lone letters on purpose
STRAY_CONFIDENCE = 0.9  # raw score; the calibration table maps it to the measured share
_QUIET_NEIGHBOURS = (Shape.WORD, Shape.INITIAL)


class StrayLetterDetector:
    name = "stray-letter"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        tokens = document.tokens
        # The page's prior first: most pages (every clean one) stop here, before a test a token.
        if not tokens or misread_prior(document, model) < MIN_STRAY_PRIOR:
            return
        candidates = [i for i, token in enumerate(tokens)
                      if len(token.text) == 1 and token.text in STRAY_LETTERS]
        if not candidates:
            return
        for i in candidates:
            if not _stray(document, i):
                continue
            token = tokens[i]
            yield Finding(
                start=token.start,
                end=token.end,
                text=token.text,
                kind=Kind.NON_WORD,
                confidence=STRAY_CONFIDENCE,
                suggestions=(),
                reason=f"a lone '{token.text}' on a misread page is a piece of a broken word",
                extra={"class": "fragment"},
            )


def _stray(document: Document, i: int) -> bool:
    """Whether token ``i`` (one letter) stands alone between words on one line: no mark
    beside it that makes it an abbreviation or a clitic, no number beside it, no line end."""
    tokens, text = document.tokens, document.text
    if i == 0 or i + 1 >= len(tokens):
        return False
    before, after = document.gap_before(i), document.gap_before(i + 1)
    if "\n" in before or "\n" in after:
        return False
    if any(mark in before[-1:] + after[:1] for mark in ".'\u2019-&/()[]{}<>|*_=+"):
        return False
    neighbours = (tokens[i - 1], tokens[i + 1])
    if any(token.shape not in _QUIET_NEIGHBOURS or len(token.text) == 1 for token in neighbours):
        return False
    return text[tokens[i].end : tokens[i].end + 1] != "."
