"""Anachronisms: words common today that period print never used ("nuke", "okay").

A modern word list says the word exists, but 87 M tokens of 1880-1935 books never print it:
in a period text it is far more likely a misreading of a period word ("nuke" for "make").
Without a nearby period word it is still reported, at low confidence, for a person to judge.
"""

from __future__ import annotations

from collections.abc import Iterator

from corrector.document import Document
from corrector.finding import Finding, Kind
from corrector.langdata import Source
from corrector.model import Model
from corrector.wordmemo import word_memo

INFLECTIONS = ("s", "es", "ies", "ed", "d", "ing", "ly", "er", "ers", "est", "ism", "ist",
               "'s", "\u2019s", "'", "\u2019")  # possessives: "project's", "workers'"
MAX_PERIOD_COUNT = 1  # printed at most this often in the period corpus
CLOSE_COST = 9.0
MODERN_BIT = int(Source.MODERN_COMMON)
USER_OR_PROPER = int(Source.USER | Source.PROPER)


class AnachronismDetector:
    name = "anachronism"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        import numpy as np

        from corrector.tokentypes import TypeAnswers

        data = model.data
        tokens = document.tokens
        # Whether a word is modern and unprinted depends on the word alone: decided once
        # per distinct word of the text, and only its tokens are visited.
        types = document.types
        modern = types.per_type(lambda word: len(word) >= 3 and _modern_unprinted(word, model),
                                word_memo(model, "modern unprinted", TypeAnswers))
        for i in np.flatnonzero(types.word & modern[types.of_token]).tolist():
            token = tokens[i]
            word = token.norm
            if document.followed_by_sic(i):
                continue
            if token.text[0].isupper() and not document.sentence_initial(i):
                continue  # a name or title ("Internet Archive"), not a misread word
            suggestions, candidates = model.suggester.suggest(word, document.window(i))
            close = bool(candidates) and candidates[0].cost <= CLOSE_COST
            yield Finding(
                start=token.start,
                end=token.end,
                text=token.text,
                kind=Kind.ANACHRONISM,
                # Uncalibrated: the dev sets hold too few anachronisms to measure.
                confidence=0.9 if close else 0.4,
                extra={"class": "close" if close else "far"},
                suggestions=tuple(suggestions),
                reason=(
                    f"'{word}' is common today but printed {data.count(word)} times in "
                    f"{data.total_tokens:,} words of 1880-1935 books"
                ),
            )


def _modern_unprinted(word: str, model: Model) -> bool:
    """Whether ``word`` is common today but (nor any word it inflects) printed in period
    books, and not the user's or a name."""
    data = model.data
    # (The count first: most words are printed, and then nothing else need be asked.)
    if data.count(word) > MAX_PERIOD_COUNT or word in data.user_words:
        return False
    flags = data.source_bits(word)
    if not flags & MODERN_BIT or flags & USER_OR_PROPER:
        return False
    # An inflection of a period word ("dictatorships") is not an anachronism.
    return not any(data.count(stem) > MAX_PERIOD_COUNT for stem in stems(word.lower()))


def stems(word: str) -> list[str]:
    """Possible bases of an inflected word: dictatorships -> dictatorship, tries -> try."""
    out = []
    for ending in INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)]
            out.append(base)
            if ending in ("ies", "ied"):
                out.append(base + "y")
            if ending in ("ed", "ing", "er", "est"):
                out.append(base + "e")
    return out
