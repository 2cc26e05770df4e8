"""Split words: one word printed as two ("sub net" for "subject", "t he", "pro- perty").

OCR drops spaces into words and keeps the hyphen of a line break that is gone. For two
neighbouring words the joined form is weighed against the pair as printed, both in context:

    join:  P(joined | left) · P(right | joined) · P(split)
    keep:  P(first | left) · P(second | first) · P(right | second) · (1 - P(split))

and the join is proposed when it wins. A leftover line-break hyphen ("pro- perty") makes a
split far more likely, so its prior is higher.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from corrector.detectors.nonword import contraction_piece
from corrector.document import Document
from corrector.finding import Finding, Kind, Suggestion
from corrector.known import known_word
from corrector.model import Model
from corrector.suggest import restore_case
from corrector.tokens import Shape

SPLIT_PRIOR = 0.003  # share of adjacent word pairs that are one word split by the scanner
HYPHEN_SPLIT_PRIOR = 0.5  # the same when a hyphen and a space stand between them
MIN_JOINED_COUNT = 5
ATTESTED_PAIR_COUNT = 10
RARE_JOINED_COUNT = 200  # a join this rare may itself be misread ("ta en": "taen", "taken")
MIN_HYPHENATED_COUNT = 3  # print hyphenating a compound this often may also set it open


class SplitWordDetector:
    name = "split-word"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        data = model.data
        suggester = model.suggester
        tokens = document.tokens
        text = document.text
        word_shape = Shape.WORD
        i = 0
        while i + 1 < len(tokens):
            first, second = tokens[i], tokens[i + 1]
            if first.shape is not word_shape or second.shape is not word_shape:
                i += 1
                continue
            gap = text[first.end : second.start]
            hyphenated = gap != " " and gap.rstrip(" ") in ("-", "\u00ad") and gap.endswith(" ")
            if (
                not (gap == " " or hyphenated)
                or (second.text[0].isupper() and not first.text.isupper())
            ):
                i += 1
                continue
            if "'" in second.norm or "'" in first.norm:
                i += 1  # "do n't", "Pinch 's": a tokenisation of clitics, not a lost space
                continue
            if len(first.text) == 1 and second.text.isupper():
                i += 1  # a drop capital: "T HE" is how the page prints "THE"
                continue
            # (The joined word first: it rules out nearly every pair, the rest seldom do.)
            joined = (first.norm + second.norm).lower()
            if (data.count(joined) < MIN_JOINED_COUNT or contraction_piece(document, i)
                    or not known_word(joined, data)):
                i += 1
                continue
            left, right = document.left_word(i), document.right_word(i + 1)
            prior = HYPHEN_SPLIT_PRIOR if hyphenated else SPLIT_PRIOR
            a, b = first.norm.lower(), second.norm.lower()
            if data.pair_count(a, b) >= ATTESTED_PAIR_COUNT:
                i += 1  # period print has the pair: "every day", "a gain", "mean time"
                continue
            if not hyphenated and data.count(f"{a}-{b}") >= MIN_HYPHENATED_COUNT:
                i += 1  # a compound print also hyphenates ("sea-weed", "court-yard"): set
                continue  # open, it is a spelling of its time, not a lost space
            join = suggester.log_context(joined, left, right) + math.log(prior)
            keep = (
                suggester.log_context(a, left, None)
                + suggester.log_context(b, a, right)  # P(b | a) · P(right | b)
                + math.log(1 - prior)
            ) if data.count(a) and data.count(b) else -math.inf
            if join <= keep:
                i += 1
                continue
            probability = 1 / (1 + math.exp(keep - join)) if keep > -math.inf else 1.0
            replacement = restore_case(first.text, joined, data)
            suggestions = (Suggestion(replacement, probability,
                                      f"join: period count {data.count(joined)}"),)
            if data.count(joined) < RARE_JOINED_COUNT:
                mended = _mended(joined, document, i, model)
                if mended is not None:
                    suggestions = (Suggestion(restore_case(first.text, mended, data),
                                              probability, f"join and mend: '{joined}' is "
                                              f"a misreading of it"), *suggestions)
            yield Finding(
                start=first.start,
                end=second.end,
                text=document.text[first.start : second.end],
                kind=Kind.SPLIT_WORD,
                confidence=probability,
                suggestions=suggestions,
                reason=f"'{joined}' is a period word; '{a} {b}' reads as one word split",
                extra={"class": "hyphen" if hyphenated else "space"},
            )
            i += 2


def _mended(joined: str, document: Document, i: int, model: Model) -> str | None:
    """The word the joined pieces of tokens ``i`` and ``i + 1`` misread, when the suggester
    finds one likelier in their place than the rare join itself: the pieces of a split word
    are often misread too ("ta en" is "taken", "myse f" is "myself")."""
    suggester = model.suggester
    window = (*document.window(i)[:2], *document.window(i + 1)[2:])
    candidates = [c for c in suggester.candidates(joined, window) if " " not in c.word]
    if not candidates:
        return None
    best = candidates[0]
    if best.log_score <= suggester.window_logp(joined, window):
        return None
    return best.word
