"""Rank replacement words for a slip: OCR error model times period language model.

A noisy-channel ranking: for each candidate word ``c`` near what the scanner printed,
    score(c) = log P(c | left word) + log P(right word | c) - cost(printed | c)
where the bigram probabilities come from the period corpus pair counts (interpolated with
the unigram so an unseen pair is unlikely, not impossible) and the cost from the OCR error
model. Candidates are found with rapidfuzz over the period vocabulary, ordered by length so
each look-up scans only words that could be within reach; the weighted OCR distance is then
computed for those few. Scores are turned into probabilities over the candidates, so a
suggestion's ``score`` says how much of the evidence it holds.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from corrector.errormodel import ErrorModel
from corrector.finding import Suggestion
from corrector.langdata import LanguageData
from corrector.nearwords import NearWords

PAIR_WEIGHT = 0.6  # share of the pair estimate in the interpolated bigram probability
TRIPLE_WEIGHT = 0.6  # share of the triple estimate over the pair estimate
FREQUENT_COUNT = 2000  # words this common are also found two substitutions away ...
COMMON_COUNT = 200  # ... and these when nothing cheaper than WIDER_SEARCH_COST was found
RARE_COUNT = 20  # ... and these too, for a word this long, when still nothing was:
MIN_RARE_SCAN_LENGTH = 7  # (two letters wrong in a shorter word make too many words)
WIDER_SEARCH_COST = 7.0  # dearer than the rarest learned edit
MAX_CANDIDATES = 60
LM_WEIGHT = 1.0  # weight of the period language model against the OCR error model
LOST_SPACE_COST = 3.0  # the scanner lost the space between two words
# Two words run together, one of them misread ("throughouttbe", "tnatcan"): the misread
# part's best readings this cheap are tried (the space's cost is added), at most so many.
MISREAD_PART_COST = 4.5
MISREAD_PART_READINGS = 2
MIN_MISREAD_PART = 2  # letters in the misread part: one letter reads as too many words
MIN_CAPS_AFTER_SMALL = 3  # capitals that make a word with a small first letter one in capitals
CASE_SLIP_COST = 2.0  # a period word printed with letters in the wrong case ("communiCated")
MIN_SPLIT_PART_COUNT = 20
MIN_SHORT_PART_COUNT = 2000
MAX_SUGGESTIONS = 5
BATCH_CANDIDATES = 8  # from this many candidates on, their context is scored with numpy
MAX_LEARNED_EDIT_COST = 6.0  # one learned edit this cheap makes a candidate at any distance
LEARNED_EDIT_MIN_COUNT = 20  # ... of a word the period printed this often
# ... and this cheap for pieces run together: the search over learned edits is most of a
# join's cost, and a dearer edit seldom makes the word (found on the dev sets: 4 of 52).
JOINED_LEARNED_EDIT_COST = 4.5
# One cheap learned multi-letter edit and one plain edit more ("tlic": "li" for "h", then
# "c" for "e"), tried when nothing this cheap was found the usual ways.
COMBINED_EDIT_FORM_COST = 3.0  # the learned edit's most
COMBINED_EDIT_MAX_COST = WIDER_SEARCH_COST  # the whole explanation's most
COMBINED_EDIT_WHEN_BEST_ABOVE = 4.0
INFLECTED_READINGS = 5  # the cheapest readings found whose inflections are tried too
# Words printed elsewhere on the same page ("Shildon", "reflections", "the") are tried as
# readings of a misread word up to this many plain edits away, beyond what the period-wide
# look-ups reach, when nothing this cheap was found; the nearest so many of them.
PAGE_WORD_DISTANCE = 3
PAGE_WORDS_WHEN_BEST_ABOVE = 3.0
PAGE_WORD_READINGS = 10
# A word read so badly that nothing cheaper than this explains it ("dunug", "Buainew",
# "luvsded") is often one its left neighbour is commonly followed by: the words print set
# after that neighbour most often (``LanguageData.followers``, the first so many) are tried
# as readings up to ``PAGE_WORD_DISTANCE`` plain edits away, the nearest few, priced by
# the OCR model and kept when no dearer than the most. The context then weighs them with
# the rest ("ever luvsded" -> "invaded", "my Buainew" -> "Business", "dunug" -> "during").
# Tuned on hipe-icdar2017-dev and -train: top-1 +0.2 point on each, no flag changes.
CONTEXT_WORDS_WHEN_BEST_ABOVE = 5.0
CONTEXT_FOLLOWERS = 1000
CONTEXT_WORD_READINGS = 10
CONTEXT_WORD_MAX_COST = 10.0
MAX_KEPT_FOLLOWERS = 4096  # left neighbours whose followers are kept, per suggester


Window = tuple[str | None, str | None, str | None, str | None]  # two before, two after


@dataclass(frozen=True, slots=True)
class Candidate:
    word: str  # lower case
    cost: float  # OCR error-model cost of reading ``word`` as the printed text
    log_context: float  # log P(word | neighbours) from the period corpus

    @property
    def log_score(self) -> float:
        return LM_WEIGHT * self.log_context - self.cost


def max_distance(word: str) -> int:
    """How many plain edits away a candidate may be: more for long words."""
    return 2 if len(word) < 9 else 3


class Suggester:
    """Finds and ranks period words that the scanner may have misread as a given text."""

    def __init__(self, data: LanguageData, errors: ErrorModel) -> None:
        self.data = data
        self.errors = errors
        self._kept_followers: dict[str, list[str]] = {}
        self.total = max(data.total_tokens, 1)
        frequent: list[str] = []
        common: list[str] = []
        rare: list[str] = []
        for word, n in zip(data.vocab, data.counts):
            if n < RARE_COUNT:
                break
            if n < COMMON_COUNT:
                if len(word) >= MIN_RARE_SCAN_LENGTH:
                    rare.append(word)
                continue
            (frequent if n >= FREQUENT_COUNT else common).append(word)
        self._frequent = NearWords(frequent)
        self._common = NearWords(common)
        self._rare = NearWords(rare)
        self.nearby = lru_cache(maxsize=100_000)(self._nearby)
        self.misread_splits = lru_cache(maxsize=50_000)(self._misread_splits)
        self.joined_readings = lru_cache(maxsize=50_000)(self._joined_readings)
        self.wider_joined_readings = lru_cache(maxsize=50_000)(
            self._wider_joined_readings)
        # Neighbouring candidates share most of their look-ups: cache them per process.
        self.pair_probability = lru_cache(maxsize=200_000)(self._pair_probability)
        self.triple_probability = lru_cache(maxsize=200_000)(self._triple_probability)

    def _pair_probability(self, first: str, second: str) -> float:
        """P(second | first), interpolated with the unigram of ``second``."""
        data = self.data
        p_second = (data.count(second) + 0.5) / self.total
        p_pair = data.pair_count(first, second) / max(data.count(first), 1)
        return PAIR_WEIGHT * p_pair + (1 - PAIR_WEIGHT) * p_second

    def _triple_probability(self, first: str | None, second: str | None, third: str) -> float:
        """P(third | first second), interpolated down to the pair and the unigram."""
        if second is None:
            return (self.data.count(third) + 0.5) / self.total
        p_pair = self.pair_probability(second, third)
        if first is None:
            return p_pair
        seen = self.data.pair_count(first, second)
        if not seen:
            return p_pair
        p_triple = self.data.triple_count(first, second, third) / seen
        return TRIPLE_WEIGHT * p_triple + (1 - TRIPLE_WEIGHT) * p_pair

    def window_logp(self, word: str, window: Window) -> float:
        """log P of the words around ``word`` with ``word`` in the middle, by trigrams:
        P(word | two before) · P(next | before, word) · P(after next | word, next)."""
        return self.phrase_logp((word,), window)

    def window_logps(self, words: list[str], window: Window,
                     together: bool | None = None) -> list[float]:
        """``window_logp`` of each of ``words`` in the same window. A badly misread word has
        a score of candidates, each needing a few trigram look-ups: beyond a handful they
        are scored together with numpy (``ContextScorer``, the same arithmetic), which costs
        a fraction of the one-at-a-time look-ups on OCR text. ``together`` says which way
        whatever their number (``word_candidates``: the two ways agree only to rounding)."""
        if together is None:
            together = len(words) >= BATCH_CANDIDATES
        if not together or not words:
            return [self.window_logp(word, window) for word in words]
        import numpy as np

        from corrector.context_batch import ContextScorer, item_ids

        columns = item_ids(self.data, list(window)).reshape(4, 1)  # one position: row 0
        scores = ContextScorer(self.data).window_logp(
            item_ids(self.data, words), np.zeros(len(words), dtype=np.int64), *columns)
        return scores.tolist()

    def phrase_logp(self, words: tuple[str, ...], window: Window) -> float:
        """log P of ``words`` in place between the window's two left and two right items."""
        left2, left, right, right2 = window
        sequence = [left2, left, *words, right, right2]
        logp = 0.0
        for k in range(2, 2 + len(words) + 2):
            if sequence[k] is None:
                break
            logp += math.log(self.triple_probability(sequence[k - 2], sequence[k - 1],
                                                     sequence[k]))  # type: ignore[arg-type]
        return logp

    def log_context(self, word: str, left: str | None, right: str | None) -> float:
        """log P(word | left) + log P(right | word), each interpolated with the unigram.

        Pairs seen fewer than three times are not stored, so an unseen pair means "rare",
        not "impossible": a fixed share of the unigram keeps context a strong hint rather
        than a veto (JamSpell's most reported failure is context overruling good words).
        """
        if left is None:
            logp = math.log((self.data.count(word) + 0.5) / self.total)
        else:
            logp = math.log(self.pair_probability(left, word))
        if right is not None:
            logp += math.log(self.pair_probability(word, right))
        return logp

    def splits(self, printed: str) -> list[tuple[str, str]]:
        """Ways to read ``printed`` as two period words run together ("ofthe")."""
        if len(printed) < 4 or not printed.isalpha():
            return []
        out = []
        for k in range(1, len(printed)):
            first, second = printed[:k], printed[k:]
            short = min(k, len(printed) - k) <= 2
            # (A lone "i" may begin a pair, "iam", but ends none: "thisi" is not "this I".)
            if (second != "i" and self._split_part(first, short)
                    and self._split_part(second, short)):
                out.append((first, second))
        return out

    def _split_part(self, part: str, short: bool) -> bool:
        """Whether ``part`` is common enough to be one of two words run together (``short``:
        a split with a part of two letters or fewer, which must be commoner still)."""
        if len(part) == 1 and part not in ("a", "i"):
            return False
        return self.data.count(part) >= (MIN_SHORT_PART_COUNT if short else MIN_SPLIT_PART_COUNT)

    def _misread_splits(self, printed: str) -> tuple[tuple[str, str, float], ...]:
        """Ways to read ``printed`` as two period words run together, one of them misread
        ("throughouttbe": "throughout" and "tbe" for "the"), with the misread part's OCR
        cost. One part must be a period word as printed and the other a cheap misreading
        (``MISREAD_PART_COST``) of one: that bounds the look-ups to a few per word, and a
        reading with both parts misread would explain too much. The two words must be a
        pair period print uses ("vase hold", "dado rip" are not): a misread part makes some
        word out of nearly anything, a phrase seldom. ``candidates`` asks only
        when no split of two words as printed was found ("ofthe" is not "off he")."""
        if len(printed) < 2 + MIN_MISREAD_PART or not printed.isalpha():
            return ()
        found: dict[tuple[str, str], float] = {}
        for k in range(1, len(printed)):
            first, second = printed[:k], printed[k:]
            short = min(k, len(printed) - k) <= 2
            for kept, other, kept_first in ((first, second, True), (second, first, False)):
                if (len(other) < MIN_MISREAD_PART or not self._split_part(kept, short)
                        or self._split_part(other, short)):
                    continue
                readings = self._part_readings(
                    other, MIN_SHORT_PART_COUNT if short else MIN_SPLIT_PART_COUNT)
                for word, cost in readings[:MISREAD_PART_READINGS]:
                    pair = (kept, word) if kept_first else (word, kept)
                    if self.data.pair_count(*pair):
                        found[pair] = min(cost, found.get(pair, cost))
        return tuple((first, second, cost) for (first, second), cost in sorted(found.items()))

    def _sharing_deletions(self, printed: str, depth: int = 2) -> set[int]:
        """Ids of the period words that share a form with ``printed`` once it has lost up
        to ``depth`` letters and they up to one (the symmetric-delete index): every word one
        plain edit away and, two deep, many two away, with some further off that the
        caller's distance test drops."""
        return self.data.words_sharing_deletions(deletion_forms(printed, depth))

    def _add_within_reach(self, printed: str, ids: set[int], found: dict[str, float]) -> None:
        """Add to ``found`` the words of ``ids`` (the deletion index's) that are within
        ``max_distance`` plain edits of ``printed``, priced by the OCR model."""
        limit = max_distance(printed)
        vocab, cost = self.data.vocab, self.errors.cost
        for word_id in ids:
            word = vocab[word_id]
            if word != printed and Levenshtein.distance(printed, word, score_cutoff=limit) <= limit:
                found[word] = cost(printed, word)

    def _joined_readings(self, joined: str, max_cost: float) -> tuple[tuple[str, float], ...]:
        """Period words that two neighbouring pieces run together (lower case) may misread,
        at most ``max_cost``, cheapest first: the deletion index's words within reach and
        the words one cheap learned multi-letter edit away. Lighter than ``nearby`` (no
        scans of the word lists, no wider search when nothing is cheap): nearly every pair
        of pieces run together reads as nothing at all ("souvarineand")."""
        found: dict[str, float] = {}
        # One deletion each way: as good as two here, in half the time.
        self._add_within_reach(joined, self._sharing_deletions(joined, 1), found)
        self._add_learned(joined, JOINED_LEARNED_EDIT_COST, found)
        return _cheapest(found, max_cost)

    def _add_learned(self, printed: str, max_cost: float, found: dict[str, float]) -> None:
        """Add to ``found`` the words one learned multi-letter edit (at most ``max_cost``)
        from ``printed`` that period print used at least ``LEARNED_EDIT_MIN_COUNT`` times,
        priced by the OCR model: a lost ligature or "rn" for "m" may be further than plain
        edits reach ("battleeld" for "battlefield")."""
        learned = self.errors.confusions(printed, max_cost,
                                         self.data.words_printed_at_least(LEARNED_EDIT_MIN_COUNT),
                                         multi_letter_only=True)
        for word in learned:
            if word not in found:
                found[word] = self.errors.cost(printed, word)

    def _wider_joined_readings(self, joined: str, max_cost: float,
                                  ) -> tuple[tuple[str, float], ...]:
        """Period words two pieces run together may misread beyond ``joined_readings``'
        reach, at most ``max_cost``, cheapest first: two misread letters in a split word
        ("an uounoed" for "announced", "m ighbours" for "neighbours") are beyond one
        deletion each way. The deletion index two deep and a scan (in C) of the frequent
        words (``FREQUENT_COUNT``) of about the join's length find them; asked only when
        the cheap look-up found nothing, so a few times a page."""
        found: dict[str, float] = {}
        self._add_within_reach(joined, self._sharing_deletions(joined), found)
        self._scan(joined, max_distance(joined), self._frequent, found)
        return _cheapest(found, max_cost)

    def _part_readings(self, part: str, min_count: int) -> list[tuple[str, float]]:
        """The period words a part of a run-together word may misread, cheapest first: the
        words the deletion index finds within reach, priced by the OCR model, at most
        ``MISREAD_PART_COST``, printed ``min_count`` times or more (one letter only if it
        is "a" or "i"). A lighter look-up than ``nearby`` (no scans of the frequent
        words, no combined edits): a word has a part for nearly every place it may be cut,
        and a cheap misreading of a part is one or two plain edits away anyway."""
        limit = max_distance(part)
        data = self.data
        found = []
        for word_id in self._sharing_deletions(part):
            word = data.vocab[word_id]
            if (data.counts[word_id] < min_count or word == part
                    or (len(word) == 1 and word not in ("a", "i"))):
                continue
            if Levenshtein.distance(part, word, score_cutoff=limit) <= limit:
                cost = self.errors.cost(part, word)
                if cost <= MISREAD_PART_COST:
                    found.append((word, cost))
        return sorted(found, key=lambda item: (item[1], item[0]))

    def _nearby(self, printed: str) -> tuple[tuple[str, float], ...]:
        """Period words within reach of ``printed`` (lower case), with their OCR cost.

        Three look-ups: the symmetric-delete index (any period word sharing a form with the
        printed word once each has lost up to two and one letters), a rapidfuzz scan of
        the frequent words, which also finds two substitutions ("nuke" for "make"), and the
        words one learned multi-letter edit away, which may be further than plain edits
        reach (a lost ligature: "battleeld" for "battlefield", "denitely" for "definitely").
        """
        limit = max_distance(printed)
        found: dict[str, float] = {}
        self._add_within_reach(printed, self._sharing_deletions(printed), found)
        self._scan(printed, limit, self._frequent, found)
        self._add_learned(printed, MAX_LEARNED_EDIT_COST, found)
        if min(found.values(), default=float("inf")) > COMBINED_EDIT_WHEN_BEST_ABOVE:
            self._combined_edits(printed, found)
        if min(found.values(), default=float("inf")) > WIDER_SEARCH_COST:
            # Nothing cheap: a badly misread word, often two letters wrong in a word print
            # uses less than the most frequent ("aptendidly" for "splendidly"), and in a
            # long word, one print used only some dozens of times ("unwortbinese" for
            # "unworthiness"), which the deletion index misses (it is one letter deep).
            self._scan(printed, limit, self._common, found)
            if (len(printed) >= MIN_RARE_SCAN_LENGTH
                    and min(found.values(), default=float("inf")) > WIDER_SEARCH_COST):
                self._scan(printed, limit, self._rare, found)
        self._add_inflections(printed, found)
        return _cheapest(found)

    def _add_inflections(self, printed: str, found: dict[str, float]) -> None:
        """Add to ``found`` the other inflections (a plural, a past, a singular) of its
        ``INFLECTED_READINGS`` cheapest words, within one edit more than ``max_distance`` of
        ``printed`` and printed at least ``LEARNED_EDIT_MIN_COUNT`` times, priced by the OCR
        model. A misread ending often leaves the word nearer a sibling than itself
        ("ragnlates" is three edits from "regulated", two from "regulates", which is too
        rare for the frequent-word scan), and the sibling's cost and context then decide."""
        data = self.data
        reach = max_distance(printed) + 1
        for word, _ in _cheapest(found)[:INFLECTED_READINGS]:
            for form in inflections(word):
                if (form not in found and form != printed
                        and Levenshtein.distance(printed, form, score_cutoff=reach) <= reach
                        and data.count(form) >= LEARNED_EDIT_MIN_COUNT):
                    found[form] = self.errors.cost(printed, form)

    def _combined_edits(self, printed: str, found: dict[str, float]) -> None:
        """Add to ``found`` the words one cheap learned multi-letter edit and one plain edit
        away: two misreadings in a short word ("tlic" for "the", "tlieni" for "them") are
        beyond two plain edits, and the learned edit alone makes no word ("thc")."""
        data = self.data
        frequent = data.words_printed_at_least(LEARNED_EDIT_MIN_COUNT)
        forms = self.errors.confusions(printed, COMBINED_EDIT_FORM_COST, None,
                                       multi_letter_only=True)
        for form in forms:
            for word_id in data.words_sharing_deletions(deletion_forms(form, 1)):
                word = data.vocab[word_id]
                if (word in found or word == printed or word not in frequent
                        or Levenshtein.distance(form, word, score_cutoff=1) > 1):
                    continue
                cost = self.errors.cost(printed, word)
                if cost <= COMBINED_EDIT_MAX_COST:
                    found[word] = cost

    def _scan(self, printed: str, limit: int, words: NearWords,
              found: dict[str, float]) -> None:
        """Add to ``found`` the words of ``words`` within ``limit`` plain edits."""
        cost = self.errors.cost
        for word in words.within(printed, limit):
            if word != printed and word not in found:
                found[word] = cost(printed, word)

    def readings(self, printed: str, page_words: Callable[[], Sequence[str]] | None = None,
                 ) -> tuple[tuple[str, float], ...]:
        """The single words ``candidates`` weighs for ``printed`` (lower case), with their
        OCR cost: ``nearby``'s and, when it has nothing cheap, the page's
        (``_with_page_words``)."""
        return self._with_page_words(printed, self.nearby(printed), page_words)

    def _with_page_words(self, printed: str, near: tuple[tuple[str, float], ...],
                         page_words: Callable[[], Sequence[str]] | None,
                         ) -> tuple[tuple[str, float], ...]:
        """``near`` and the words of ``page_words`` within ``PAGE_WORD_DISTANCE`` plain
        edits of ``printed``, priced by the OCR model, when ``near`` has nothing cheaper
        than ``PAGE_WORDS_WHEN_BEST_ABOVE``.

        A badly misread word is often one the page prints elsewhere as it should be: a
        name the corpus seldom printed ("Shfldon", "Pockiington"), or a common word three
        edits off ("ilie" for "the", "Reliection" for "reflections") that the period-wide
        look-ups do not reach (searching the whole vocabulary that far is too slow). The
        page's few hundred words are searched in C by rapidfuzz, and only the nearest
        ``PAGE_WORD_READINGS`` are priced: on OCR text the cheap look-ups already
        explain most words, so this costs a few per cent of a scan."""
        if page_words is None or min((c for _, c in near), default=float("inf")) <= (
                PAGE_WORDS_WHEN_BEST_ABOVE):
            return near
        extra = self._nearest_priced(printed, page_words(), near, PAGE_WORD_READINGS)
        return (*near, *extra) if extra else near

    def _nearest_priced(self, printed: str, words: Sequence[str],
                        near: tuple[tuple[str, float], ...], limit: int,
                        ) -> list[tuple[str, float]]:
        """The ``limit`` words of ``words`` nearest ``printed`` within
        ``PAGE_WORD_DISTANCE`` plain edits (searched in C by rapidfuzz), other than it and
        than the readings in ``near``, each with its OCR cost."""
        have = {word for word, _ in near}
        return [(word, self.errors.cost(printed, word))
                for word, _, _ in process.extract(printed, words, scorer=Levenshtein.distance,
                                                  score_cutoff=PAGE_WORD_DISTANCE, limit=limit)
                if word != printed and word not in have]

    def candidates(self, printed: str, window: Window,
                   discount: Callable[[str, str], float] | None = None,
                   miscased: bool = False,
                   page_words: Callable[[], Sequence[str]] | None = None) -> list[Candidate]:
        """Candidates for ``printed`` in its context, best first, joined words split.
        ``discount(word, printed)``, when given, is taken off each word's OCR cost (the
        text's own habitual misreadings, ``docerrors``). A ``miscased`` word (a period word
        with letters in the wrong case) competes as itself at ``CASE_SLIP_COST``: "aDd" may
        be "add" with one letter set large or "and" misread, and context says which.
        ``page_words()``: the period words the same text prints, asked for only when they
        are tried (``_with_page_words``)."""
        near = self._with_context_words(printed.lower(), self.readings(printed.lower(),
                                                                       page_words), window)
        if discount is not None:
            lower = printed.lower()
            near = tuple((word, cost - discount(word, lower)) for word, cost in near)
        if miscased:
            near = ((printed.lower(), CASE_SLIP_COST), *near)
        out = self.scored(near, window)
        splits = self.splits(printed.lower())
        for first, second in splits:
            context = self.phrase_logp((first, second), window)
            out.append(Candidate(f"{first} {second}", LOST_SPACE_COST, context))
        for first, second, cost in () if splits else self.misread_splits(printed.lower()):
            context = self.phrase_logp((first, second), window)
            out.append(Candidate(f"{first} {second}", LOST_SPACE_COST + cost, context))
        out.sort(key=best_first)
        return out

    def _with_context_words(self, printed: str, near: tuple[tuple[str, float], ...],
                            window: Window) -> tuple[tuple[str, float], ...]:
        """``near`` and, when it has nothing cheaper than
        ``CONTEXT_WORDS_WHEN_BEST_ABOVE``, the words print most often set after the word's
        left neighbour that are within ``PAGE_WORD_DISTANCE`` plain edits of ``printed``
        (the nearest ``CONTEXT_WORD_READINGS``), priced by the OCR model, those no dearer
        than ``CONTEXT_WORD_MAX_COST``. A badly misread word's own letters reach too many
        period words to search them all that far; its neighbour narrows them to the words
        that can stand there."""
        left = window[1]
        if left is None or min((c for _, c in near), default=float("inf")) <= (
                CONTEXT_WORDS_WHEN_BEST_ABOVE):
            return near
        followers = self._followers(left.lower())
        if not followers:
            return near
        extra = [(word, cost) for word, cost in self._nearest_priced(
            printed, followers, near, CONTEXT_WORD_READINGS) if cost <= CONTEXT_WORD_MAX_COST]
        return (*near, *extra) if extra else near

    def _followers(self, left: str) -> list[str]:
        """``LanguageData.followers(left, CONTEXT_FOLLOWERS)``, kept for the suggester's
        next badly misread word after the same neighbour ("the", "of", a sentence start)."""
        kept = self._kept_followers
        found = kept.get(left)
        if found is None:
            if len(kept) >= MAX_KEPT_FOLLOWERS:
                kept.clear()
            found = kept[left] = self.data.followers(left, CONTEXT_FOLLOWERS)
        return found

    def word_candidates(self, printed: str, window: Window,
                        keep: Callable[[str, float], bool] | None = None) -> list[Candidate]:
        """``candidates(printed, window)`` without the readings as two words, and of the
        single words only those whose (word, OCR cost) ``keep`` takes: the same candidates
        with the same figures, best first, for callers that weigh no others. Only those
        are scored in context (the mark-letter detector keeps about one reading in six),
        but in the way ``candidates`` scores all of them (``window_logps``' ``together``),
        so that every figure is the same to the last bit."""
        near = self._with_context_words(printed.lower(), self.readings(printed.lower()),
                                        window)
        chosen = [(word, cost) for word, cost in near
                  if " " not in word and (keep is None or keep(word, cost))]
        logps = self.window_logps([word for word, _ in chosen], window,
                                  together=len(near) >= BATCH_CANDIDATES)
        out = [Candidate(word, cost, logp) for (word, cost), logp in zip(chosen, logps)]
        out.sort(key=best_first)
        return out

    def scored(self, near: tuple[tuple[str, float], ...], window: Window) -> list[Candidate]:
        """Each (word, OCR cost) of ``near`` as a candidate with its context in ``window``,
        in ``near``'s order (``best_first`` sorts them)."""
        logps = self.window_logps([word for word, _ in near], window)
        return [Candidate(word, cost, logp) for (word, cost), logp in zip(near, logps)]

    def suggest(
        self, printed: str, window: Window, keep_printed: bool = False,
        discount: Callable[[str, str], float] | None = None, miscased: bool = False,
        page_words: Callable[[], Sequence[str]] | None = None,
    ) -> tuple[list[Suggestion], list[Candidate]]:
        """Ranked suggestions (case restored) and the raw candidates they came from.

        With ``keep_printed`` the printed word itself competes (it is a real word), so the
        suggestion scores say how likely a change is at all; with ``miscased`` the printed
        word set in its proper case does (``candidates``, which also says what
        ``page_words`` are).
        """
        cands = self.candidates(printed, window, discount, miscased,
                                page_words)[: MAX_SUGGESTIONS * 2]
        pool = list(cands)
        if keep_printed:
            pool.append(Candidate(printed.lower(), 0.0, self.window_logp(printed.lower(), window)))
        return self.ranked(printed, cands, pool), cands

    def ranked(self, printed: str, cands: list[Candidate],
               pool: list[Candidate] | None = None) -> list[Suggestion]:
        """The first ``MAX_SUGGESTIONS`` of ``cands`` (best first) as suggestions in the
        printed text's case, each scored by its share of the evidence in ``pool`` (the
        candidates weighed: ``cands`` unless given)."""
        pool = cands if pool is None else pool
        if not pool:
            return []
        top = max(c.log_score for c in pool)
        total = sum(math.exp(c.log_score - top) for c in pool)
        suggestions = []
        for c in cands[:MAX_SUGGESTIONS]:
            prob = math.exp(c.log_score - top) / total
            origin = (
                f"ocr-model cost {c.cost:.2f} ({self.errors.source}); "
                f"period count {self.data.count(c.word)}; context logp {c.log_context:.2f}"
            )
            suggestions.append(Suggestion(restore_case(printed, c.word, self.data), prob, origin))
        return suggestions


def restore_case(printed: str, word: str, data: LanguageData) -> str:
    """Give ``word`` the printed text's case pattern, or its own capital if it is a name.

    A word printed mostly in capitals ("NOltTH", "ThBFT") is a word set in capitals with
    letters misread as lower case, so its fix is set in capitals too; when its first letter
    is small, three capitals at least make it so ("gTOCK" is "STOCK", but "per tOB for"
    is "ton" with two letters misread as capitals)."""
    proper = data.proper_forms.get(word)
    letters = [c for c in printed if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    if (upper > 1 and upper > len(letters) - upper
            and (upper >= MIN_CAPS_AFTER_SMALL or letters[0].isupper())):
        return word.upper()
    if proper:
        word = proper
    elif letters and letters[0].isupper():
        word = word[:1].upper() + word[1:]
    word = _part_capitals(printed, word)
    if "\u2019" in printed:
        word = word.replace("'", "\u2019")
    return word


_PART_SEPARATOR = re.compile(r"['\u2019-]")


def _part_capitals(printed: str, word: str) -> str:
    """``word`` with a capital on each part (between hyphens and apostrophes, after the
    first) that begins with one as printed, when printed and word have as many parts:
    "o'Cloek" is "o'Clock" and "Three-aad-a-Half" "Three-and-a-Half" as the page set
    them, not "o'clock" and "Three-and-a-half". A part's capital is the page's, like a
    word's first, when the letter is the word's own ("wclI-Vnown" is "well-known": its
    "V" is a misread "k"); a part printed small is left as the word has it (a name's own
    capitals stay)."""
    if "-" not in printed and "'" not in printed and "\u2019" not in printed:
        return word
    seen, parts = _PART_SEPARATOR.split(printed), _PART_SEPARATOR.split(word)
    if len(seen) != len(parts) or len(parts) < 2:
        return word
    marks = _PART_SEPARATOR.findall(word)
    out = [parts[0]]
    for mark, part, printed_part in zip(marks, parts[1:], seen[1:]):
        if printed_part[:1].isupper() and printed_part[:1].lower() == part[:1]:
            part = part[:1].upper() + part[1:]
        out.append(mark + part)
    return "".join(out)


def best_first(candidate: Candidate) -> tuple[float, str]:
    """Sort key for candidates: the likeliest first, ties broken by the word, so that the
    order never changes between runs."""
    return (-candidate.log_score, candidate.word)


def _cheapest(found: dict[str, float], max_cost: float = math.inf,
              ) -> tuple[tuple[str, float], ...]:
    """``found``'s (word, cost) at most ``max_cost``, cheapest first, at most
    ``MAX_CANDIDATES``. Ties broken by the word: the look-ups iterate sets of strings, whose
    order changes with the hash seed, and a tie at the cut must not change between runs."""
    ranked = sorted((item for item in found.items() if item[1] <= max_cost),
                    key=lambda item: (item[1], item[0]))
    return tuple(ranked[:MAX_CANDIDATES])


def inflections(word: str) -> set[str]:
    """Regular English inflections of ``word`` and the stems it may inflect: plural and
    third person (-s, -es, -ies), past (-d, -ed), and those endings taken off."""
    forms = {word + "s", word + "es", word + "d", word + "ed"}
    if word.endswith("y") and len(word) > 2:
        forms.add(word[:-1] + "ies")
    for ending in ("s", "es", "d", "ed"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            forms.add(word[: -len(ending)])
    if word.endswith("ies") and len(word) > 4:
        forms.add(word[:-3] + "y")
    forms.discard(word)
    return forms


def deletion_forms(word: str, depth: int) -> set[str]:
    """``word`` and every form of it with up to ``depth`` letters deleted."""
    forms = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:k] + w[k + 1 :] for w in frontier for k in range(len(w))}
        forms |= frontier
    return forms
