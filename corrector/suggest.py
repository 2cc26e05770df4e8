"""Rank replacement words for a slip: OCR error model times period language model.

A noisy-channel ranking: for each candidate word ``c`` near what the scanner printed,
    score(c) = log P(c | left word) + log P(right word | c) - cost(printed | c)
where the bigram probabilities come from the period corpus pair counts (interpolated with
the unigram so an unseen pair is unlikely, not impossible) and the cost from the OCR error
model. Candidates are found with rapidfuzz over the period vocabulary, bucketed by length so
each look-up scans only words that could be within reach; the weighted OCR distance is then
computed for those few. Scores are turned into probabilities over the candidates, so a
suggestion's ``score`` says how much of the evidence it holds.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from corrector.errormodel import ErrorModel
from corrector.finding import Suggestion
from corrector.langdata import LanguageData

PAIR_WEIGHT = 0.6  # share of the pair estimate in the interpolated bigram probability
MIN_CANDIDATE_COUNT = 3  # a suggestion must have been printed at least this often
MAX_SUGGESTIONS = 5


@dataclass(frozen=True, slots=True)
class Candidate:
    word: str  # lower case
    cost: float  # OCR error-model cost of reading ``word`` as the printed text
    log_context: float  # log P(word | neighbours) from the period corpus

    @property
    def log_score(self) -> float:
        return self.log_context - self.cost


def max_distance(word: str) -> int:
    """How many plain edits away a candidate may be: more for long words."""
    return 2 if len(word) < 9 else 3


class Suggester:
    """Finds and ranks period words that the scanner may have misread as a given text."""

    def __init__(self, data: LanguageData, errors: ErrorModel) -> None:
        self.data = data
        self.errors = errors
        self.total = max(data.total_tokens, 1)
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for word, n in zip(data.vocab, data.counts):
            if n < MIN_CANDIDATE_COUNT:
                break
            self._by_length[len(word)].append(word)
        self.nearby = lru_cache(maxsize=100_000)(self._nearby)

    def log_unigram(self, word: str) -> float:
        return math.log((self.data.count(word) + 0.5) / self.total)

    def log_context(self, word: str, left: str | None, right: str | None) -> float:
        """log P(word | left) + log P(right | word), each interpolated with the unigram.

        Pairs seen fewer than three times are not stored, so an unseen pair means "rare",
        not "impossible": a fixed share of the unigram keeps context a strong hint rather
        than a veto (JamSpell's most reported failure is context overruling good words).
        """
        data = self.data
        p_word = (data.count(word) + 0.5) / self.total
        if left is None:
            logp = math.log(p_word)
        else:
            p_pair = data.pair_count(left, word) / max(data.count(left), 1)
            logp = math.log(PAIR_WEIGHT * p_pair + (1 - PAIR_WEIGHT) * p_word)
        if right is not None:
            p_right = (data.count(right) + 0.5) / self.total
            p_pair = data.pair_count(word, right) / max(data.count(word), 1)
            logp += math.log(PAIR_WEIGHT * p_pair + (1 - PAIR_WEIGHT) * p_right)
        return logp

    def _nearby(self, printed: str) -> tuple[tuple[str, float], ...]:
        """Period words within reach of ``printed`` (lower case), with their OCR cost."""
        limit = max_distance(printed)
        found: list[tuple[str, float]] = []
        stripped = printed.replace("-", "")
        queries = {printed, stripped} if stripped else {printed}
        seen: set[str] = set()
        for length in range(max(1, len(printed) - limit), len(printed) + limit + 1):
            choices = self._by_length.get(length)
            if not choices:
                continue
            for query in queries:
                for word, _, _ in process.extract_iter(
                    query, choices, scorer=Levenshtein.distance, score_cutoff=limit
                ):
                    if word in seen or word == printed:
                        continue
                    seen.add(word)
                    found.append((word, self.errors.cost(printed, word)))
        found.sort(key=lambda item: item[1])
        return tuple(found[:60])

    def candidates(self, printed: str, left: str | None, right: str | None) -> list[Candidate]:
        """Candidates for ``printed`` in its context, best first."""
        out = [
            Candidate(word, cost, self.log_context(word, left, right))
            for word, cost in self.nearby(printed.lower())
        ]
        out.sort(key=lambda c: c.log_score, reverse=True)
        return out

    def suggest(
        self,
        printed: str,
        left: str | None,
        right: str | None,
        keep_printed: bool = False,
    ) -> tuple[list[Suggestion], list[Candidate]]:
        """Ranked suggestions (case restored) and the raw candidates they came from.

        With ``keep_printed`` the printed word itself competes (it is a real word), so the
        suggestion scores say how likely a change is at all.
        """
        cands = self.candidates(printed, left, right)[: MAX_SUGGESTIONS * 2]
        pool = list(cands)
        if keep_printed:
            pool.append(Candidate(printed.lower(), 0.0, self.log_context(printed, left, right)))
        if not pool:
            return [], []
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
        return suggestions, cands


def restore_case(printed: str, word: str, data: LanguageData) -> str:
    """Give ``word`` the printed text's case pattern, or its own capital if it is a name."""
    proper = data.proper_forms.get(word)
    letters = [c for c in printed if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return word.upper()
    if proper:
        word = proper
    elif letters and letters[0].isupper():
        word = word[:1].upper() + word[1:]
    if "\u2019" in printed:
        word = word.replace("'", "\u2019")
    return word
