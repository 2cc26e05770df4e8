"""An OCR error model: how likely a scanner is to print one spelling for another.

Plain Levenshtein distance treats every edit alike; OCR does not. It reads "m" as "rn",
"h" as "li", "b" as "h", "a" as "ft", and drops or adds hyphens, so "tlie" is much nearer
"the" than "tile" is. The model is a table of weighted edits, each a (correct, seen) pair of
strings of up to three characters with a cost in nats (-log probability), read from a TSV
file in the language data. ``cost(seen, correct)`` is the cheapest way to turn the correct
word into what the scanner printed, found by dynamic programming over those edits.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

CONFUSIONS_FILE = "ocr-confusions.tsv"
MAX_SEGMENT = 3
# Edits never seen in the training data: rarer than the rarest learned one (cost 7).
DEFAULT_SUBSTITUTE = 9.0
DEFAULT_INSERT = 9.0  # a character the scanner added
DEFAULT_DELETE = 9.0  # a character the scanner lost
PUNCT_EDIT = 2.5  # stray or lost hyphen/apostrophe/full stop inside a word
MAX_CUT_TABLES = 16  # edit tables cut to a cost limit kept at once (``_edits_at_most``)


@dataclass(frozen=True)
class Edit:
    correct: str
    seen: str
    cost: float


@dataclass
class ErrorModel:
    """Weighted OCR edits; the cheapest path explains how ``correct`` became ``seen``."""

    edits: dict[tuple[str, str], float] = field(default_factory=dict)
    source: str = "built-in defaults"

    def __post_init__(self) -> None:
        self._max_seen = max((len(s) for _, s in self.edits), default=1)
        self._max_correct = max((len(c) for c, _ in self.edits), default=1)
        self.cost = lru_cache(maxsize=200_000)(self._cost)
        self._run_cost = lru_cache(maxsize=50_000)(self._aligned_cost)
        by_seen: dict[str, list[tuple[str, float]]] = {}
        for (correct, seen), cost in self.edits.items():
            by_seen.setdefault(seen, []).append((correct, cost))
        self._by_seen = {k: sorted(v, key=lambda e: e[1]) for k, v in by_seen.items()}
        # The same without the one-letter edits (a letter lost or misread as one letter), for
        # callers that find those from the deletion index: skipping them entry by entry cost
        # more than the multi-letter edits themselves, at every place of every word.
        self._by_seen_multi = {
            seen: kept for seen, entries in self._by_seen.items()
            if (kept := [(c, cost) for c, cost in entries
                         if not (len(seen) <= 1 and len(c) == 1)])}
        self._lost_letter_cost = {c: cost for c, cost in self._by_seen.get("", ()) if len(c) == 1}
        self._letter_substitution_cost = {
            (c, s): cost for (c, s), cost in self.edits.items() if len(c) == 1 and len(s) == 1}
        # The multi-letter edits (rn for m, ft for a, ...) for ``_aligned_cost``, by their
        # correct side: those by the first letter of their seen side, each list with the
        # edits that lose the letters (an empty seen side) added, and those alone. A cell of
        # its search tries only the few edits whose seen side can start there.
        by_first: dict[str, dict[str, list[tuple[str, int, float]]]] = {}
        losses: dict[str, list[tuple[str, int, float]]] = {}
        for (correct, seen), cost in self.edits.items():
            if len(correct) > 1 or len(seen) > 1:
                if seen:
                    by_first.setdefault(correct, {}).setdefault(seen[0], []).append(
                        (seen, len(seen), cost))
                else:
                    losses.setdefault(correct, []).append((seen, 0, cost))
        self._multi_by_correct: dict[str, tuple[dict[str, tuple[tuple[str, int, float], ...]],
                                                tuple[tuple[str, int, float], ...]]] = {}
        for correct in by_first.keys() | losses.keys():
            lost = tuple(losses.get(correct, ()))
            self._multi_by_correct[correct] = (
                {first: (*entries, *lost) for first, entries in by_first.get(correct, {}).items()},
                lost)
        self._cut_tables: dict[tuple[float, bool], dict[str, tuple[tuple[str, float], ...]]] = {}

    @classmethod
    def from_edits(cls, edits: Iterable[Edit], source: str) -> ErrorModel:
        table: dict[tuple[str, str], float] = {}
        for e in edits:
            key = (e.correct, e.seen)
            table[key] = min(e.cost, table.get(key, e.cost))
        return cls(table, source)

    def confusions(
        self, seen: str, max_cost: float, vocabulary: Container[str] | None = None,
        one_letter_more: Callable[[str], Iterable[str]] | None = None,
        multi_letter_only: bool = False,
    ) -> dict[str, float]:
        """Every spelling one learned edit away from ``seen`` whose edit costs at most
        ``max_cost`` (and that ``vocabulary`` holds): the words a scanner may have misread
        as ``seen``. Generated from the edit table (what was printed -> what may have been
        meant), so it is cheap enough to ask for every word of a text.

        Trying each learned lost or misread letter at every position is most of the work, and
        most of what it builds is no word at all. ``one_letter_more(form)``, when given, names
        the vocabulary words that are ``form`` or ``form`` plus one letter (the language
        data's deletion index answers that with one look-up); then single-letter losses and
        substitutions are found from it, and only their letters are priced. With
        ``multi_letter_only`` only edits of more than one letter on either side are tried
        (for a caller that finds the one-letter ones another way)."""
        indexed = one_letter_more is not None or multi_letter_only
        # (A lost or misread letter is found from the index below: its edits are left out.)
        by_seen = self._edits_at_most(max_cost, indexed)
        out: dict[str, float] = {}
        n = len(seen)
        inf = float("inf")
        for i in range(n + 1):
            head = seen[:i]
            for length in range(0, min(self._max_seen, n - i) + 1):
                entries = by_seen.get(seen[i : i + length])
                if entries is None:
                    continue
                tail = seen[i + length :]
                for correct, cost in entries:
                    word = head + correct + tail
                    if word == seen or (vocabulary is not None and word not in vocabulary):
                        continue
                    if cost < out.get(word, inf):
                        out[word] = cost
        if one_letter_more is not None and not multi_letter_only:
            self._single_letter_confusions(seen, max_cost, one_letter_more, out)
        return out

    def _edits_at_most(self, max_cost: float, indexed: bool,
                       ) -> dict[str, tuple[tuple[str, float], ...]]:
        """The edit table by seen side (``_by_seen``, or ``_by_seen_multi`` when
        ``indexed``), each list cut to the edits costing at most ``max_cost``, cheapest
        first: ``confusions`` is asked of every new word a text prints with the same few
        limits, and testing each edit's cost at every place of every word was a third of
        its time. Kept per limit (a handful: the callers' constants)."""
        key = (max_cost, indexed)
        table = self._cut_tables.get(key)
        if table is None:
            if len(self._cut_tables) >= MAX_CUT_TABLES:
                self._cut_tables.clear()
            source = self._by_seen_multi if indexed else self._by_seen
            table = {seen: kept for seen, entries in source.items()
                     if (kept := tuple((c, cost) for c, cost in entries if cost <= max_cost))}
            self._cut_tables[key] = table
        return table

    def _single_letter_confusions(self, seen: str, max_cost: float,
                                  one_letter_more: Callable[[str], Iterable[str]],
                                  out: dict[str, float]) -> None:
        """Add to ``out`` the words ``seen`` is one lost or one misread letter away from."""
        n = len(seen)
        for word in one_letter_more(seen):  # the scanner lost a letter
            if len(word) != n + 1:
                continue
            for i in range(n + 1):
                if word[:i] + word[i + 1 :] != seen:
                    continue
                cost = self._lost_letter_cost.get(word[i])
                if cost is not None and cost <= max_cost and cost < out.get(word, 1e9):
                    out[word] = cost
        substitution = self._letter_substitution_cost
        for i in range(n):  # the scanner misread letter i: both lose it to the same form
            head, printed, tail = seen[:i], seen[i], seen[i + 1 :]
            for word in one_letter_more(head + tail):
                if (len(word) != n or word[i] == printed or not word.startswith(head)
                        or not word.endswith(tail)):
                    continue
                cost = substitution.get((word[i], printed))
                if cost is not None and cost <= max_cost and cost < out.get(word, 1e9):
                    out[word] = cost

    def edit_cost(self, correct: str, seen: str) -> float:
        """Cost of one edit; unknown single-character edits get the default costs."""
        if correct == seen:
            return 0.0
        known = self.edits.get((correct, seen))
        if known is not None:
            return known
        if len(correct) > 1 or len(seen) > 1:
            return float("inf")
        if not correct:
            return PUNCT_EDIT if not seen.isalnum() else DEFAULT_INSERT
        if not seen:
            return PUNCT_EDIT if not correct.isalnum() else DEFAULT_DELETE
        return DEFAULT_SUBSTITUTE

    def _cost(self, seen: str, correct: str) -> float:
        """Cost of the edits turning ``correct`` into ``seen`` (both lower case).

        Levenshtein opcodes (computed in C by rapidfuzz) split the pair into runs of adjacent
        edits, the same runs the model was learned from; each run is priced from the table,
        and only a run the table does not hold whole is priced by the slower search below.
        """
        if seen == correct:
            return 0.0
        return sum(self._run_cost(s, c) for c, s in segment_edits(correct, seen))

    def _aligned_cost(self, seen: str, correct: str) -> float:
        """Cheapest total cost of edits turning ``correct`` into ``seen``, by search."""
        n, m = len(correct), len(seen)
        inf = float("inf")
        dist = [[inf] * (m + 1) for _ in range(n + 1)]
        dist[0][0] = 0.0
        max_c = self._max_correct
        tables = self._multi_by_correct
        substitution = self._letter_substitution_cost
        # (Each letter's loss and addition priced once, not once a cell.)
        lost = [self.edit_cost(c, "") for c in correct]
        added = [self.edit_cost("", s) for s in seen]
        for i in range(n + 1):
            row = dist[i]
            below = dist[i + 1] if i < n else row
            # The multi-letter edits whose correct side starts here, with the row each
            # reaches: looked up once a row, not once a cell.
            multi = [(dist[i + a], table) for a in range(min(max_c, n - i) + 1)
                     if (table := tables.get(correct[i : i + a])) is not None]
            for j in range(m + 1):
                here = row[j]
                if here == inf:
                    continue
                if i < n:
                    c = lost[i] + here
                    if c < below[j]:
                        below[j] = c
                    if j < m:
                        if correct[i] == seen[j]:  # the next letters match
                            c = here
                        else:
                            c = substitution.get((correct[i], seen[j]), DEFAULT_SUBSTITUTE) + here
                        if c < below[j + 1]:
                            below[j + 1] = c
                if j < m:
                    c = added[j] + here
                    if c < row[j + 1]:
                        row[j + 1] = c
                    # Multi-character edits from the table (rn for m, ft for a, ...).
                    first = seen[j]
                    for target, (by_first, losses) in multi:
                        for s, length, known in by_first.get(first, losses):
                            if seen.startswith(s, j) and here + known < target[j + length]:
                                target[j + length] = here + known
                else:
                    for target, (_, losses) in multi:
                        for _, _, known in losses:
                            if here + known < target[j]:
                                target[j] = here + known
        return dist[n][m]


def read_confusions(path: Path) -> list[Edit]:
    """Read a TSV of ``correct<TAB>seen<TAB>cost`` rows (header and # comments allowed)."""
    edits = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "correct":
                continue
            correct, seen, cost = row[0], row[1], float(row[2])
            edits.append(Edit(_unescape(correct), _unescape(seen), cost))
    return edits


def write_confusions(path: Path, edits: Iterable[Edit], header: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        for line in header.splitlines():
            fh.write(f"# {line}\n")
        fh.write("correct\tseen\tcost\n")
        for e in sorted(edits, key=lambda e: (e.cost, e.correct, e.seen)):
            fh.write(f"{_escape(e.correct)}\t{_escape(e.seen)}\t{e.cost:.3f}\n")
    tmp.replace(path)


def _escape(s: str) -> str:
    return s if s else "<>"


def _unescape(s: str) -> str:
    return "" if s == "<>" else s


def load(directory: Path) -> ErrorModel:
    path = directory / CONFUSIONS_FILE
    if not path.exists():
        return ErrorModel()
    return ErrorModel.from_edits(read_confusions(path), source=str(path.name))


def segment_edits(correct: str, seen: str) -> list[tuple[str, str]]:
    """The runs of adjacent edits that turn ``correct`` into ``seen``: [("m", "rn"), ...].
    (Asked of every pair the suggester prices: the opcodes are read as plain tuples.)"""
    runs: list[tuple[str, str]] = []
    start = -1  # where the current run begins in ``correct`` (-1: no run), and in ``seen``
    seen_start = c_end = s_end = 0
    for tag, c_from, c_to, s_from, s_to in Levenshtein.opcodes(correct, seen).as_list():
        if tag == "equal":
            if start >= 0:
                runs.append((correct[start:c_end], seen[seen_start:s_end]))
                start = -1
            continue
        if start < 0:
            start, seen_start = c_from, s_from
        c_end, s_end = c_to, s_to
    if start >= 0:
        runs.append((correct[start:c_end], seen[seen_start:s_end]))
    return runs
