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
import re
from collections.abc import Iterator
from itertools import repeat
from operator import itemgetter
from typing import TYPE_CHECKING

from corrector.detectors.nonword import contraction_piece
from corrector.detectors.realword import misread_prior
from corrector.document import Document
from corrector.finding import Finding, Kind, Suggestion
from corrector.known import known_word
from corrector.model import Model
from corrector.suggest import LM_WEIGHT, Candidate, Suggester, Window, best_first, restore_case

if TYPE_CHECKING:
    import numpy as np

SPLIT_PRIOR = 0.003  # share of adjacent word pairs that are one word split by the scanner
HYPHEN_SPLIT_PRIOR = 0.5  # the same when a hyphen and a space stand between them
MIN_JOINED_COUNT = 5
ATTESTED_PAIR_COUNT = 10
_NORM = itemgetter(3)
LONG_TEXT_TOKENS = 3000  # a chapter: ``WordIds`` would switch to its dict within it
RARE_JOINED_COUNT = 200  # a join this rare may itself be misread ("ta en": "taen", "taken")
MIN_HYPHENATED_COUNT = 3  # print hyphenating a compound this often may also set it open
LOST_ENDING_PRIOR = 0.5  # share of marks set apart from a word that are its misread ending
MAX_DETACHED_SHARE = 0.5  # more detached marks than this per close one: tokenised text
_ENDINGS = ("s", "es")
MISREAD_JOIN_MAX_COST = 6.0  # the join's best reading may be at most this dear
MAX_JOIN_SUGGESTIONS = 3
WIDE_JOIN_MAX_COST = 8.0  # ... of one only the wider look-up finds (a non-word piece)
_LINE_BREAK_GAPS = ("- ", "\u00ad ")
STRAY_MARK_COST = 2.0  # a speck read as a mark and a space inside a word
# A known word printed fewer times than this alone is a fragment (``_fragments``): on a
# page this misread (``misread_prior``), two words with one a fragment may be one split.
FRAGMENT_COUNT = 3000
MAX_FRAGMENT_LENGTH = 3
RARE_WORD_COUNT = 20
MIN_FRAGMENT_PRIOR = 0.06
_MISREAD_JOIN_GAP = re.compile(r"[-.,\u00ad]? |[-.,\u00ad]")
_DETACHED = re.compile(r"(?<=\w) ([,.;:])(?=\s|$)")  # (found as ``_detached_marks`` does)
_SPACED_MARK = re.compile(r" [,.;:]")
_ATTACHED = re.compile(r"\w[,.;:](?=\s|$)")


class SplitWordDetector:
    name = "split-word"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        data = model.data
        suggester = model.suggester
        tokens = document.tokens
        text = document.text
        after = 0  # the next pair that may start: a join takes its second word along
        joinable = _joinable(document, data)
        # (A pair period print has is never joined, whatever else holds: nearly every
        # joinable pair of a book, so that is asked of them all at once, first.)
        for i, attested in zip(joinable, _attested_pairs(document, data, joinable)):
            if i < after or attested:
                continue
            first, second = tokens[i], tokens[i + 1]
            gap = text[first.end : second.start]
            hyphenated = gap != " " and gap.rstrip(" ") in ("-", "\u00ad") and gap.endswith(" ")
            if (
                not (gap == " " or hyphenated)
                or (second.text[0].isupper() and not first.text.isupper())
            ):
                continue
            if "'" in second.norm or "'" in first.norm:
                continue  # "do n't", "Pinch 's": a tokenisation of clitics, not a lost space
            if len(first.text) == 1 and second.text.isupper():
                continue  # a drop capital: "T HE" is how the page prints "THE"
            joined = (first.norm + second.norm).lower()
            if (data.count(joined) < MIN_JOINED_COUNT or contraction_piece(document, i)
                    or not known_word(joined, data)):
                continue
            left, right = document.left_word(i), document.right_word(i + 1)
            prior = HYPHEN_SPLIT_PRIOR if hyphenated else SPLIT_PRIOR
            a, b = first.norm.lower(), second.norm.lower()
            if data.pair_count(a, b) >= ATTESTED_PAIR_COUNT:
                continue  # period print has the pair: "every day", "a gain", "mean time"
            if not hyphenated and data.count(f"{a}-{b}") >= MIN_HYPHENATED_COUNT:
                # A compound print also hyphenates ("sea-weed", "court-yard"): set open,
                # it is a spelling of its time, not a lost space.
                continue
            join = suggester.log_context(joined, left, right) + math.log(prior)
            keep = (
                suggester.log_context(a, left, None)
                + suggester.log_context(b, a, right)  # P(b | a) · P(right | b)
                + math.log(1 - prior)
            ) if data.count(a) and data.count(b) else -math.inf
            if join <= keep:
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
            after = i + 2
        yield from _lost_endings(document, model)
        yield from _misread_joins(document, model)


def _misread_joins(document: Document, model: Model) -> Iterator[Finding]:
    """Split words with a misread piece: "Con aervative" for "Conservative", "sugges tioos"
    for "suggestions", "cor. porations" for "corporations", "th s" for "this". Joined, the
    pieces make no word, so the plain join above never sees them; read apart, at least one
    piece is a non-word or a fragment (``_fragments``). Weighed like a split, the best
    reading of the join against the best reading of the pieces, each in its context and
    with its OCR cost:

        join:  P(word | left, right) · P(word misread as the joined pieces) · P(split)
        keep:  P(a', b' | left, right) · P(a', b' misread as the pieces) · (1 - P(split))

    where a piece period print knows is read as itself, a fragment as itself or as a
    misreading, whichever is likelier ("German f" is likelier "German of" than
    "Germans"). Each finding takes the place of the findings on its pieces: one fix for
    the word, not two wrong halves."""
    data = model.data
    suggester = model.suggester
    tokens, text = document.tokens, document.text
    after = 0  # a join takes its second piece along
    for i, readings in _misread_join_places(document, model):
        if i < after:
            continue
        first, second = tokens[i], tokens[i + 1]
        a, b = first.norm, second.norm
        joined = (a + b).lower()
        gap = text[first.end : second.start]
        whole = known_word(joined, data)
        plain = gap == " " or gap in _LINE_BREAK_GAPS
        if whole and plain and (data.count(joined) >= MIN_JOINED_COUNT or "-" in joined):
            continue  # a period word split by a space or a break: the plain join weighs it
        window = (*document.window(i)[:2], *document.window(i + 1)[2:])
        near = suggester.joined_readings(joined, MISREAD_JOIN_MAX_COST)
        if NONWORD in readings and not near and joined.isalpha() and (gap == " " or len(b) > 1):
            # Two letters misread ("an uounoed"): the frequent words further off. Not for a
            # lone letter after a mark, which is seldom a piece ("Scurff, c": "&c.").
            near = suggester.wider_joined_readings(joined, WIDE_JOIN_MAX_COST)
        if whole:  # a stray mark in a period word ("cor. porations"), or a rare word
            near = ((joined, 0.0 if plain else STRAY_MARK_COST), *near)
        if not near:
            continue
        candidates = sorted(suggester.scored(near, window), key=best_first)
        join = candidates[0].log_score + math.log(SPLIT_PRIOR)
        keep = -math.inf
        if FRAGMENT in readings:  # as printed first: cheap, and it settles most pairs
            keep = _pieces_read((a, b), (WORD, WORD), window, suggester)
            if join <= keep + math.log(1 - SPLIT_PRIOR):
                continue
        keep = max(keep, _pieces_read((a, b), readings, window, suggester)) + math.log(
            1 - SPLIT_PRIOR)
        if join <= keep:
            continue
        probability = 1 / (1 + math.exp(keep - join)) if keep > -math.inf else 1.0
        shown = candidates[:MAX_JOIN_SUGGESTIONS]
        weights = [math.exp(c.log_score - shown[0].log_score) for c in shown]
        yield Finding(
            start=first.start,
            end=second.end,
            text=text[first.start : second.end],
            kind=Kind.SPLIT_WORD,
            confidence=probability,
            suggestions=tuple(
                Suggestion(restore_case(first.text, c.word, data),
                           probability * weight / sum(weights),
                           f"join and mend: ocr-model cost {c.cost:.2f}; "
                           f"period count {data.count(c.word)}")
                for c, weight in zip(shown, weights)),
            reason=f"'{a} {b}' reads as one word split with a piece misread: "
                   f"'{candidates[0].word}'",
            extra={"class": "fragment" if NONWORD not in readings else "misread"},
        )
        after = i + 2


# How a piece of a possible split word may be read when its pieces are weighed apart.
WORD, FRAGMENT, NONWORD = "word", "fragment", "non-word"


def _misread_join_places(document: Document, model: Model,
                         ) -> list[tuple[int, tuple[str, str]]]:
    """(i, how token i and token i + 1 may be read) for each pair of neighbouring words
    that may be one word split with a piece misread: at least one a non-word, only a space
    or one mark and a space between them (a stray mark is a misread piece of a letter too:
    "cor. porations"); or, on a misread page (``MIN_FRAGMENT_PRIOR``), two known words
    with at least one a fragment, only a space between them.

    Non-words and fragments are a handful of any text's words, so the pairs are picked
    out with arrays (``known_keys``, ``_fragments``) before any is weighed; on a clean
    page no fragment is looked for at all."""
    import numpy as np

    from corrector.known import known_keys

    types = document.types
    tokens, text = document.tokens, document.text
    if len(tokens) < 2:
        return []
    known = known_keys(types, types.of_token * 2 + types.stop_after, model)
    words = types.word[:-1] & types.word[1:]
    both_known = known[:-1] & known[1:]
    pairs = words & ~both_known
    fragment = None
    if misread_prior(document, model) >= MIN_FRAGMENT_PRIOR:
        fragment = _fragments(document, model)
        pairs |= words & both_known & (fragment[:-1] | fragment[1:])
    places = []
    for i in np.flatnonzero(pairs).tolist():
        first, second = tokens[i], tokens[i + 1]
        a, b = first.norm, second.norm
        if (
            _MISREAD_JOIN_GAP.fullmatch(text, first.end, second.start) is None
            or (b[0].isupper() and not a.isupper())  # a new sentence or a name
            or "'" in a or "'" in b  # clitics set apart: "do n't"
            or (len(a) == 1 and b[0].isupper())  # a drop capital, an initial: "B Varwell"
        ):
            continue
        if known[i] and known[i + 1]:
            if second.start - first.end != 1 or text[first.end] != " ":
                continue  # "Harris, n", "LET. T": marks between words are punctuation
            places.append((i, (_piece_reading(fragment, i), _piece_reading(fragment, i + 1))))
        else:
            places.append((i, (WORD if known[i] else NONWORD, WORD if known[i + 1] else NONWORD)))
    return places


def _piece_reading(fragment: np.ndarray | None, i: int) -> str:
    return FRAGMENT if fragment is not None and fragment[i] else WORD


def _fragments(document: Document, model: Model) -> np.ndarray:
    """Whether each token is a fragment: a known word period print seldom printed alone
    (fewer than ``FRAGMENT_COUNT`` times), so that on a misread page it is likelier a piece
    of a split word ("th s", "b st", "holi lays") than itself. Read from the counts of the
    text's word ids at once: every word of a misread page is asked."""
    import numpy as np

    from corrector.context_batch import CountArrays

    ids = document.model_ids(model.data)[document.model_places() + 2]
    counts = CountArrays.of(model.data).counts[np.maximum(ids, -1)]  # unknown: a count of 0
    short = document.types.lengths[document.types.of_token] <= MAX_FRAGMENT_LENGTH
    return (counts < RARE_WORD_COUNT) | (short & (counts < FRAGMENT_COUNT))


def _pieces_read(printed: tuple[str, str], readings: tuple[str, str], window: Window,
                 suggester: Suggester) -> float:
    """log P of the two pieces read apart at their best, in context, less the OCR costs:
    a ``WORD`` piece as itself, a ``NONWORD`` piece as its best candidate, a ``FRAGMENT``
    as whichever of the two is likelier; -inf when a non-word piece has no reading."""
    left2, left, right, right2 = window
    chosen = [word.lower() for word in printed]
    cost = 0.0
    for k, how in enumerate(readings):
        if how == WORD:
            continue
        around = (left2, left, chosen[1], right) if k == 0 else (left, chosen[0], right, right2)
        options = suggester.word_candidates(printed[k], around)
        if how == FRAGMENT:
            options.append(Candidate(chosen[k], 0.0, suggester.window_logp(chosen[k], around)))
        best = max(options, key=lambda c: (c.log_score, c.word), default=None)
        if best is None:
            return -math.inf
        chosen[k] = best.word
        cost += best.cost
    return LM_WEIGHT * suggester.phrase_logp(tuple(chosen), window) - cost


def _lost_endings(document: Document, model: Model) -> Iterator[Finding]:
    """Plural endings read as a detached mark ("carpet ," for "carpets,", "inch ." for
    "inches."): the scanner takes a faint final ``s`` for a comma or stop after a space.

    Weighed like a split, ending against mark in context:

        ending:  P(word+s | left) · P(mark | word+s) · P(lost)
        as read: P(word | left) · P(mark | word) · (1 - P(lost))

    Only on a page that sets its marks close up: where a detached mark is common the text
    is tokenised ("said he , taking"), and a detached mark says nothing."""
    text = document.text
    marks = _detached_marks(text)
    if not marks or len(marks) > MAX_DETACHED_SHARE * len(_ATTACHED.findall(text)):
        return
    data = model.data
    suggester = model.suggester
    tokens = document.tokens
    by_end = {token.end: k for k, token in enumerate(tokens)}
    for start, mark, end in marks:
        i = by_end.get(start)
        if i is None:
            continue
        token = tokens[i]
        word = token.norm.lower()
        if not word.isalpha() or len(word) < 2 or word.endswith("s"):
            continue
        left = document.left_word(i)
        keep = (suggester.log_context(word, left, mark) + math.log(1 - LOST_ENDING_PRIOR)
                if data.count(word) else -math.inf)
        best, best_logp = None, keep
        for ending in _ENDINGS:
            plural = word + ending
            if data.count(plural) < MIN_JOINED_COUNT or not known_word(plural, data):
                continue
            logp = suggester.log_context(plural, left, mark) + math.log(LOST_ENDING_PRIOR)
            if logp > best_logp:
                best, best_logp = plural, logp
        if best is None:
            continue
        probability = 1 / (1 + math.exp(keep - best_logp)) if keep > -math.inf else 1.0
        replacement = restore_case(token.text, best, data) + mark
        yield Finding(
            start=token.start,
            end=end,
            text=text[token.start : end],
            kind=Kind.SPLIT_WORD,
            confidence=probability,
            suggestions=(Suggestion(replacement, probability,
                                    f"ending: period count {data.count(best)}"),),
            reason=f"'{best}' with its ending read as a detached '{mark}'",
            extra={"class": "ending"},
        )


def _detached_marks(text: str) -> list[tuple[int, str, int]]:
    """(start, mark, end) of each of ``_DETACHED``'s matches, in order: a space and a mark
    found by a plain search, then the word character before (``\\w``: alphanumeric or an
    underscore) and the white space or end after checked at each. The pattern's look-behind
    tried at every character of a text was a scan's slowest pattern."""
    out = []
    n = len(text)
    for match in _SPACED_MARK.finditer(text):
        start = match.start()
        end = start + 2
        before = text[start - 1 : start]
        if (before.isalnum() or before == "_") and (end == n or text[end].isspace()):
            out.append((start, text[start + 1], end))
    return out


def _joinable(document: Document, data) -> list[int]:
    """Where a split may be, in text order: each ``i`` whose token and the next are words
    that, joined, make a word period print has at least ``MIN_JOINED_COUNT`` times.

    That test rules out nearly every pair, so it is made for all pairs at once (the joins
    built and looked up in C-level passes) and ``detect`` weighs only the pairs left."""
    import numpy as np

    from corrector.context_batch import CountArrays

    types = document.types
    if len(types.of_token) < 2:
        return []
    # ``data.count``'s look-up, pair by pair: the id of the lower-case form, then its count.
    # A long text asks for thousands of joins, more than ``WordIds`` searches before it
    # builds its dict for a long scan anyway: it is built now and answers them in C.
    get = data.ids.get
    if len(types.of_token) >= LONG_TEXT_TOKENS and hasattr(data.ids, "as_dict"):
        get = data.ids.as_dict().get
    pairs = len(types.of_token) - 1
    ids = np.fromiter(map(get, joined_lower(document), repeat(-1)), np.int64, pairs)
    counts = CountArrays.of(data).counts[ids]  # (its entry at -1 is 0: no id, no count)
    pairs = types.word[:-1] & types.word[1:] & (counts >= MIN_JOINED_COUNT)
    return np.flatnonzero(pairs).tolist()


def joined_lower(document: Document) -> Iterator[str]:
    """Each token's norm joined with the next one's, in lower case, in text order.

    Built from the tokens' types in lower case (``Document.type_words``, which the model
    sequence reads too), so that each distinct word is lowered once, not each pair: the
    same strings, as lowering works letter by letter, but for a capital sigma, which
    lowers by what follows it (a final one to "ς"): a text with one is joined first."""
    if "\u03a3" in document.text:
        norms = list(map(_NORM, document.tokens))
        return map(str.lower, map(str.__add__, norms[:-1], norms[1:]))
    lowered = list(map(document.type_words().__getitem__, document.types.of_token.tolist()))
    return map(str.__add__, lowered[:-1], lowered[1:])


def _attested_pairs(document: Document, data, at: list[int]) -> list[bool]:
    """For each word token ``i`` of ``at`` (the next token a word too), whether period
    print has the two as a pair at least ``ATTESTED_PAIR_COUNT`` times (``data.pair_count``
    of their lower-case words), looked up together from the text's word ids."""
    if not at:
        return []
    import numpy as np

    from corrector.context_batch import ContextScorer

    ids = document.model_ids(data)
    places = document.model_places() + 2  # + 2: the padding before
    first = np.array(at)
    counts = ContextScorer(data).pair_count(ids[places[first]], ids[places[first + 1]])
    return (counts >= ATTESTED_PAIR_COUNT).tolist()


def _mended(joined: str, document: Document, i: int, model: Model) -> str | None:
    """The word the joined pieces of tokens ``i`` and ``i + 1`` misread, when the suggester
    finds one likelier in their place than the rare join itself: the pieces of a split word
    are often misread too ("ta en" is "taken", "myse f" is "myself")."""
    suggester = model.suggester
    window = (*document.window(i)[:2], *document.window(i + 1)[2:])
    candidates = suggester.word_candidates(joined, window)
    if not candidates:
        return None
    best = candidates[0]
    if best.log_score <= suggester.window_logp(joined, window):
        return None
    return best.word
