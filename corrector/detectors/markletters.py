"""Marks that are misread letters: "furn.shed" (furnished), "Chesh:re" (Cheshire),
"(hips" (ships), "'he" (the).

The tokenizer cuts words at punctuation, so a letter the scanner read as a mark leaves two
period words ("furn", "shed") or one ("hips" after a bracket) that no other detector doubts.
Two places are looked at, both cheap to find with a pattern over the text:

* a mark between letters with no space ("furn.shed", "Un,on"): one word, the mark a letter;
* a bracket or quote glued to a word's start that nothing closes ("(hips", "'he"): the
  mark is the word's misread first letter (or letters: "(luring" for "during").

Each reading with the mark as a letter is priced by the OCR error model (the suggester's
candidates for the text with the mark in it) and weighed in context against the text as
printed, the mark kept as punctuation:

    mark a letter:    P(word | context) · P(printed | word)
    as printed:       P(pieces and the mark's boundary | context) · P(mark is punctuation)

and flagged only when the first wins by ``MIN_LOG_RATIO``: context must clearly prefer it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterator
from operator import attrgetter

from corrector.detectors.nonword import contraction_piece
from corrector.document import Document
from corrector.finding import Finding, Kind, Suggestion
from corrector.known import known_word
from corrector.model import Model
from corrector.suggest import Candidate, Window, restore_case
from corrector.tokens import Shape, Token, gap_marker

# A mark before a letter (``detect`` asks for one before it, too): "furn.shed", "Chesh:re".
# (A pattern that starts with the mark skips the rest of the text quickly; a look-behind
# would be tried at every character.)
_INNER = re.compile(r"[.:,!;?](?=[^\W\d_])")
# A bracket or quote before a letter (``detect`` asks for a space or a line's start before
# it): "(hips", "'he".
_LEADING = re.compile(r"[(\['\u2018](?=[^\W\d_])")
_CLOSERS = {"(": ")", "[": "]", "'": "'", "\u2018": "\u2019"}
_START, _END = attrgetter("start"), attrgetter("end")
CLOSE_REACH = 120  # characters after an opening mark in which its closing mark is looked for
MAX_MARK_COST = 7.5  # the dearest OCR explanation a reading may have (learned edits cost <= 7)
MIN_LOG_RATIO = 2.0  # how much likelier the reading must be than the text as printed
# How often a bracket or quote that nothing closes is still punctuation (a parenthesis
# running over lines, a quotation that goes on): a guess, weighed against context.
UNCLOSED_MARK_PRIOR = 0.5


class MarkLetterDetector:
    name = "mark-letter"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        text = document.text
        tokens = document.tokens
        for match in _INNER.finditer(text):
            if not text[match.start() - 1 : match.start()].isalpha():
                continue
            i = _token_at(tokens, match.start(), _END)
            if i is not None and i + 1 < len(tokens) and tokens[i + 1].start == match.end():
                finding = _inner_mark(document, i, model)
                if finding is not None:
                    yield finding
        for match in _LEADING.finditer(text):
            if match.start() and not text[match.start() - 1].isspace():
                continue
            i = _token_at(tokens, match.end(), _START)
            if i is not None:
                finding = _leading_mark(document, i, model)
                if finding is not None:
                    yield finding


def _token_at(tokens: list[Token], offset: int, edge: attrgetter) -> int | None:
    """The token whose start (or end: ``edge``) is at ``offset``, if any: a binary search,
    as a text has thousands of tokens and only a few marks worth a look."""
    k = bisect_left(tokens, offset, key=edge)
    return k if k < len(tokens) and edge(tokens[k]) == offset else None


def _inner_mark(document: Document, i: int, model: Model) -> Finding | None:
    """Tokens ``i`` and ``i + 1`` joined by one mark ("furn.shed") read as one word."""
    tokens, text = document.tokens, document.text
    first, second = tokens[i], tokens[i + 1]
    if first.shape is not Shape.WORD or second.shape is not Shape.WORD:
        return None  # an initial ("J.Smith"), a number, a numeral
    if len(first.norm) == 1 and len(second.norm) == 1:
        return None  # "i.e", "a.m", "e.g": an abbreviation's letters
    if not (second.text[:1].islower() or (first.text.isupper() and second.text.isupper())):
        return None  # "London.The": a space lost after a stop, not a misread letter
    mark = text[first.end]
    if _in_chain(text, first.start, second.end, mark):
        return None  # "U.S.A", "p.m.": a chain of letters and stops
    printed = first.norm + mark + second.norm
    window = (*document.window(i)[:2], *document.window(i + 1)[2:])
    marker = gap_marker(mark)
    pieces = (first.norm.lower(), *((marker,) if marker else ()), second.norm.lower())
    keep = model.suggester.phrase_logp(pieces, window)
    return _weigh(document, model, first.start, second.end, first.text, printed, window,
                  keep, f"'{mark}' between letters")


def _in_chain(text: str, start: int, end: int, mark: str) -> bool:
    """Whether the mark between two pieces is one of a run ("U.S.A", "a.m."), where print
    sets letters and stops together."""
    before = text[start - 2 : start] if start >= 2 else ""
    after = text[end : end + 2]
    return (len(before) == 2 and before[1] == mark and before[0].isalpha()) or (
        len(after) == 2 and after[0] == mark and after[1].isalpha())


def _leading_mark(document: Document, i: int, model: Model) -> Finding | None:
    """Token ``i`` after an opening bracket or quote that nothing closes, read with the
    mark as its misread first letter."""
    token = document.tokens[i]
    text = document.text
    if token.shape is not Shape.WORD:
        return None
    mark = text[token.start - 1]
    data = model.data
    if mark in "'\u2018" and (known_word("'" + token.norm, data)
                              or contraction_piece(document, i)):
        return None  # "'tis", "'em": an elision; "it 's", "I 'll": a contraction set apart
    if _closed(text, token.end, mark):
        return None
    printed = mark + token.norm
    window = _window_without_mark(document, i)
    keep = (model.suggester.window_logp(token.norm.lower(), window)
            + math.log(UNCLOSED_MARK_PRIOR))
    return _weigh(document, model, token.start - 1, token.end, token.text, printed, window,
                  keep, f"'{mark}' that nothing closes", token.norm.lower())


def _window_without_mark(document: Document, i: int) -> Window:
    """Token ``i``'s window as the language model would see it were the mark before it a
    letter: an opening bracket or quote breaks the context, a letter does not."""
    left2, left, right, right2 = document.window(i)
    if i and left is None and document.gap_before(i)[:-1].strip() == "":
        before = document.tokens[i - 1]
        if before.shape is Shape.WORD:
            left, left2 = before.norm.lower(), document.window(i - 1)[1]
    return left2, left, right, right2


def _closed(text: str, end: int, mark: str) -> bool:
    """Whether ``mark``'s closing mark follows within ``CLOSE_REACH`` characters, before a
    blank line or another opening of it. A quote closes where an apostrophe is not inside a
    word ("said,' and" closes; "don't" does not)."""
    closer = _CLOSERS[mark]
    reach = text[end : end + CLOSE_REACH].split("\n\n")[0]
    for k, ch in enumerate(reach):
        if ch == closer and not (closer in "'\u2019" and _inside_word(reach, k)):
            return True
        if ch == mark and mark not in "'" and k:
            return False
    return False


def _inside_word(text: str, k: int) -> bool:
    """Whether the character at ``k`` stands between two letters (an elision's apostrophe)."""
    return 0 < k < len(text) - 1 and text[k - 1].isalpha() and text[k + 1].isalpha()


def _weigh(document: Document, model: Model, start: int, end: int, case_from: str,
           printed: str, window: Window, keep: float, what: str,
           as_printed: str = "") -> Finding | None:
    """The finding for ``printed`` (the text with its mark) when a period word read with the
    mark as a letter is cheap enough and clearly likelier in context than ``keep``, the
    reading of the text as printed (``as_printed``, the word without its mark, is that
    reading too, so it is no candidate)."""
    candidates = model.suggester.word_candidates(
        printed, window, lambda word, cost: cost <= MAX_MARK_COST and word != as_printed)
    if not candidates:
        return None
    best = candidates[0]
    if best.log_score < keep + MIN_LOG_RATIO:
        return None
    data = model.data
    probability = 1 / (1 + math.exp(keep - best.log_score))
    suggestions = _suggestions(candidates, keep, case_from, data)
    return Finding(
        start=start,
        end=end,
        text=document.text[start:end],
        kind=Kind.NON_WORD,
        confidence=probability,
        suggestions=suggestions,
        reason=f"{what}: '{best.word}' read with the mark as a letter fits its context "
               f"better than '{printed}' as printed",
        extra={"class": "mark"},
    )


def _suggestions(candidates: list[Candidate], keep: float, case_from: str,
                 data) -> tuple[Suggestion, ...]:
    """The better readings, scored as shares of the evidence with the printed text's."""
    top = candidates[0].log_score
    total = math.exp(keep - top) + sum(math.exp(c.log_score - top) for c in candidates)
    return tuple(
        Suggestion(restore_case(case_from, c.word, data), math.exp(c.log_score - top) / total,
                   f"mark read as a letter; ocr-model cost {c.cost:.2f}; "
                   f"period count {data.count(c.word)}")
        for c in candidates[:5] if c.log_score > keep)
