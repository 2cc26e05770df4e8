"""Non-words: printed words that no period word list knows ("ft", "Hi-re", "bro1ught").

Unknown capitalised words and acronyms are most often names the lists never saw (Souvarine,
Moscal), so they are only flagged when a period word lies one cheap OCR edit away; unknown
lower-case words are flagged whether or not a suggestion is found.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace

from corrector.document import Document
from corrector.finding import Finding, Kind, Suggestion
from corrector.known import known_word
from corrector.model import Model
from corrector.suggest import Candidate
from corrector.tokens import Shape

NAME_MAX_COST = 4.5  # how cheap the OCR explanation must be to doubt a capitalised word
INITIAL_MAX_COST = 7.0  # the same at a sentence start, where any word is capitalised
CLOSE_COST = 6.0  # the OCR cost at which the raw score is one half


class NonWordDetector:
    name = "non-word"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        data = model.data
        for i, token in enumerate(document.tokens):
            if token.shape not in (Shape.WORD, Shape.MIXED) or len(token.norm) < 2:
                continue
            word = token.norm
            if token.shape is Shape.WORD and self._known(document, i, model):
                continue
            if document.followed_by_sic(i) or self._after_drop_capital(document, i, model):
                continue
            letters = [c for c in word if c.isalpha()]
            named = bool(letters) and letters[0].isupper()
            bad_part = self._bad_lower_part(word, model) if token.shape is Shape.WORD else None
            if bad_part is not None:
                # "Pembroke-ttroet": a named compound with a misread common-word part.
                named = False
                suggestions, candidates = self._suggest_part(word, bad_part, model)
            else:
                suggestions, candidates = model.suggester.suggest(word, document.window(i))
            if named:  # names are not run-together words: "Fitzsmyth" is no "Fitz smyth"
                keep = [k for k, c in enumerate(candidates) if " " not in c.word]
                candidates = [candidates[k] for k in keep]
                suggestions = [s for s in suggestions if " " not in s.text]
            best_cost = candidates[0].cost if candidates else float("inf")
            limit = INITIAL_MAX_COST if document.sentence_initial(i) else NAME_MAX_COST
            if named and token.shape is Shape.WORD and best_cost > limit:
                continue
            if token.shape is Shape.MIXED:
                klass = "mixed"
            elif len(letters) > 1 and all(c.isupper() for c in letters):
                klass = "caps"
            elif named:
                klass = "initial" if document.sentence_initial(i) else "name"
            else:
                klass = "lower"
            # Raw score: how well an OCR misreading explains the word (calibrated later).
            confidence = 1 / (1 + math.exp(best_cost - CLOSE_COST)) if candidates else 0.3
            yield Finding(
                start=token.start,
                end=token.end,
                text=token.text,
                kind=Kind.NON_WORD,
                confidence=confidence,
                suggestions=tuple(suggestions),
                reason=f"'{word}' is in no period word list (period count {data.count(word)})",
                extra={"class": klass},
            )

    @staticmethod
    def _bad_lower_part(word: str, model: Model) -> int | None:
        """Index of the one unknown lower-case part of a hyphenated word, if that is all
        that keeps it from being known."""
        parts = word.split("-")
        if len(parts) < 2:
            return None
        bad = [k for k, p in enumerate(parts) if p and not p.isdigit()
               and not known_word(p, model.data)]
        if len(bad) != 1 or not parts[bad[0]].islower() or len(parts[bad[0]]) < 3:
            return None
        return bad[0]

    @staticmethod
    def _suggest_part(
        word: str, index: int, model: Model
    ) -> tuple[list[Suggestion], list[Candidate]]:
        """Suggestions for the whole word, made by correcting one part out of context."""
        parts = word.split("-")
        suggestions, candidates = model.suggester.suggest(parts[index], (None, None, None, None))
        whole = [
            replace(s, text="-".join([*parts[:index], s.text, *parts[index + 1 :]]))
            for s in suggestions if " " not in s.text
        ]
        return whole, [c for c in candidates if " " not in c.word]

    @staticmethod
    def _after_drop_capital(document: Document, i: int, model: Model) -> bool:
        """ "R ELIGION": a decorative initial printed apart from the rest of the word."""
        if i == 0:
            return False
        initial = document.tokens[i - 1]
        word = document.tokens[i].norm
        return (
            len(initial.text) == 1
            and initial.text.isupper()
            and document.gap_before(i) == " "
            and known_word(initial.text + word, model.data)
        )

    @staticmethod
    def _known(document: Document, i: int, model: Model) -> bool:
        token = document.tokens[i]
        if known_word(token.norm, model.data, document.next_char(i)):
            return True
        if token.line_broken:
            # A compound broken at its own hyphen: "semi-\nproletariat".
            kept = "".join(token.text.split()).replace("\u2010", "-")
            return known_word(kept, model.data)
        return False
