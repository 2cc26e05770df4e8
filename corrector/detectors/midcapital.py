"""Capitalised small words: "arrived In port", "fate Of the" on a misread page.

OCR takes a small letter for a capital ("i" for "I", "o" for "O") or a smudge for one, and
the commonest words of the language are the ones it does it to most. Period print almost
never capitalises them inside a sentence (under one time in a hundred), so such a word
between two lower-case words, no stop before it, is a slip: its lower-case form is the
fix, or the word itself was misread ("for Is potatoes" is "1s"). Only on a page whose
misread prior is high, and not on a page that capitalises words inside its sentences
by custom: clean text capitalises one for emphasis or a title ("the In and
Out Club"), and a corrected text keeps a capital where an editor dropped a stop.
"""

from __future__ import annotations

from collections.abc import Iterator

from corrector.detectors.realword import misread_prior
from corrector.document import Document
from corrector.finding import Finding, Kind, Suggestion
from corrector.model import Model
from corrector.tokens import Shape

MIN_COMMON_COUNT = 200_000  # the language's commonest words (period count)...
MAX_MIDCAP_SHARE = 0.01  # ...that print capitalises this seldom where no sentence begins
MIN_MIDCAP_PRIOR = 0.1  # a page whose misread prior is lower keeps its capitals
# A page with this share of its words capitalised after a lower-case word capitalises by
# its own custom (18th-century print set nouns and often "For", "One", "This" so).
MAX_PAGE_CAPITALS = 0.15
MIDCAP_CONFIDENCE = 0.9  # raw score; the calibration table maps it to the measured share
MIDCAP_FIX_SCORE = 0.6  # raw score of the lower-case fix (the word may be another one)


class MidCapitalDetector:
    name = "mid-capital"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        tokens = document.tokens
        data = model.data
        # The page's prior first: it is a few array operations, while the candidates are a
        # test a token, and most pages (every clean one) stop here.
        if len(tokens) < 3 or misread_prior(document, model) < MIN_MIDCAP_PRIOR:
            return
        candidates = [i for i in range(1, len(tokens) - 1) if _small_word_capitalised(
            tokens[i].text, model) and _between_small_words(document, i)]
        if not candidates or _capitals_share(document) > MAX_PAGE_CAPITALS:
            return
        for i in candidates:
            token = tokens[i]
            lower = token.text.lower()
            yield Finding(
                start=token.start,
                end=token.end,
                text=token.text,
                kind=Kind.REAL_WORD,
                confidence=MIDCAP_CONFIDENCE,
                suggestions=(Suggestion(lower, MIDCAP_FIX_SCORE,
                                        f"capital inside a sentence: period share "
                                        f"{data.midcap_share(lower):.4f}"),),
                reason=f"'{lower}' is capitalised inside a sentence: a misread capital",
                extra={"class": "midcap"},
            )


def _capitals_share(document: Document) -> float:
    """The share of the page's words that are capitalised right after a lower-case word."""
    tokens = document.tokens
    words = capitals = 0
    for i in range(1, len(tokens)):
        token = tokens[i]
        if token.shape is not Shape.WORD:
            continue
        words += 1
        capitals += (token.text.istitle() and tokens[i - 1].text.islower()
                     and document.gap_before(i).strip() in ("", ","))
    return capitals / words if words else 0.0


def _small_word_capitalised(text: str, model: Model) -> bool:
    """A capitalised one of the commonest words that print keeps in lower case mid-sentence."""
    if len(text) < 2 or not text.istitle() or not text.isalpha():
        return False
    lower = text.lower()
    return (model.data.count(lower) >= MIN_COMMON_COUNT
            and model.data.midcap_share(lower) <= MAX_MIDCAP_SHARE)


def _between_small_words(document: Document, i: int) -> bool:
    """Token ``i`` stands inside a sentence, on one line, between lower-case words: no stop
    or line end before it, no run of title-case words (a heading) around it."""
    tokens = document.tokens
    before, after = tokens[i - 1], tokens[i + 1]
    gap = document.gap_before(i)
    return (gap.strip() in ("", ",") and "\n" not in gap
            and before.shape is Shape.WORD and before.text.islower()
            and after.shape is Shape.WORD and after.text.islower())
