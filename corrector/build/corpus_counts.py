"""Count words and word pairs in the period corpus.

The counts are the period language model: how often a spelling was printed between 1880 and
1935, how often it was capitalised where a sentence does not start (a proper noun), and which
word follows which. Pairs are counted across plain white space, and across the punctuation
that matters to the next word through a marker (``<s>`` for a sentence end, ``,``, ``;``):
"ones. Each" counts as "ones <s>" and "<s> each", so a lost full stop shows up as a rare
pair, and "ignorant, but" as ", but".
Counting runs in one process per core over the gzipped books.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from corrector.tokens import Shape, gap_marker, tokenize

_FULL_STOP = re.compile(r"[.!?][\"\u201d\u2019')]*\s+[\"\u201c\u2018(]*$")
_SENTENCE_BREAK = re.compile(r"[.!?:;\"\u201c\u201d\u2018(\[]|\n[ \t]*\n")


@dataclass
class CorpusCounts:
    """Raw counts from the corpus, case kept: forms, capitalised-mid-sentence forms, pairs."""

    forms: Counter[str] = field(default_factory=Counter)
    midcaps: Counter[str] = field(default_factory=Counter)
    pairs: Counter[str] = field(default_factory=Counter)
    dotted: Counter[str] = field(default_factory=Counter)  # followed straight by "."
    final: Counter[str] = field(default_factory=Counter)  # last word of a sentence (lower)
    initial: Counter[str] = field(default_factory=Counter)  # first word of a sentence (lower)
    triples: Counter[str] = field(default_factory=Counter)  # "a b c", markers included
    tokens: int = 0
    books: int = 0

    def merge(self, other: CorpusCounts) -> None:
        self.forms.update(other.forms)
        self.midcaps.update(other.midcaps)
        self.pairs.update(other.pairs)
        self.dotted.update(other.dotted)
        self.final.update(other.final)
        self.initial.update(other.initial)
        self.triples.update(other.triples)
        self.tokens += other.tokens
        self.books += other.books


def count_text(text: str, counts: CorpusCounts) -> None:
    """Add one text's words and pairs to ``counts``."""
    previous = None
    previous_end = 0
    forms = counts.forms
    pairs = counts.pairs
    midcaps = counts.midcaps
    dotted = counts.dotted
    n = 0
    sequence: list[str | None] = []  # words and markers; None where context breaks
    for token in tokenize(text):
        if token.shape is not Shape.WORD:
            previous = None
            sequence.append(None)
            continue
        n += 1
        word = token.norm
        forms[word] += 1
        gap = text[previous_end : token.start]
        boundary = previous is None or _SENTENCE_BREAK.search(gap) is not None
        if not boundary and word[0].isupper():
            midcaps[word] += 1
        if text[token.end : token.end + 1] == ".":
            dotted[word] += 1
        if previous is not None and word[0].isupper() and _FULL_STOP.search(gap):
            counts.final[previous] += 1
            counts.initial[word.lower()] += 1
        marker = gap_marker(gap) if previous is not None else None
        if previous is not None:
            if marker == "":
                pairs[previous + " " + word.lower()] += 1
            elif marker is not None:
                forms[marker] += 1
                pairs[previous + " " + marker] += 1
                pairs[marker + " " + word.lower()] += 1
        if marker is None or marker:
            sequence.append(marker)
        sequence.append(word.lower())
        previous = word.lower()
        previous_end = token.end
    counts.tokens += n
    triples = counts.triples
    for a, b, c in zip(sequence, sequence[1:], sequence[2:]):
        if a and b and c:
            triples[f"{a} {b} {c}"] += 1


def count_books(paths: Iterable[Path]) -> CorpusCounts:
    counts = CorpusCounts()
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
            count_text(fh.read(), counts)
        counts.books += 1
    return counts


def count_corpus(corpus_dir: Path, jobs: int = 2, min_pair: int = 2) -> CorpusCounts:
    """Count every ``*.txt.gz`` book under ``corpus_dir`` using ``jobs`` processes."""
    books = sorted(corpus_dir.rglob("*.txt.gz"))
    shares = [books[i::jobs] for i in range(jobs)]
    total = CorpusCounts()
    with ProcessPoolExecutor(jobs) as pool:
        for part in pool.map(_count_pruned, shares, [min_pair] * jobs):
            total.merge(part)
    return total


def _count_pruned(paths: list[Path], min_pair: int) -> CorpusCounts:
    """Count a share of the books; drop once-seen pairs so the result pickles back quickly."""
    counts = count_books(paths)
    if min_pair > 1:
        counts.pairs = Counter({k: v for k, v in counts.pairs.items() if v >= min_pair})
        counts.triples = Counter({k: v for k, v in counts.triples.items() if v >= min_pair})
    return counts
