"""Learn OCR confusion costs from aligned OCR / ground-truth pairs.

For every word the scanner got wrong (a one-to-one token replacement in a difflib alignment of
the two texts, the same alignment ``tools/ocrscore.py`` uses), the characters are aligned
with Levenshtein opcodes and each run of adjacent edits becomes one (correct, seen) segment
pair, so "m" read as "rn" is learned as one edit, not as a substitution plus an insertion.
A pair's cost is -log P(seen | correct), with the denominator the number of times the correct
segment occurs in the ground-truth words, so rare letters are not punished for being rare.

Only *train* splits are read: dev and test sets stay unseen for measurement.
A small table of hand-written period confusions (long s, ligatures, the "ft" for "a" of the
seed texts) is merged in, each at the cost given there, where the data says less.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from corrector.casing import ends_sentence
from corrector.errormodel import MAX_SEGMENT, Edit, segment_edits

MIN_PAIR_COUNT = 2
MAX_COST = 7.0  # no learned edit may cost more than an unknown substitution
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-", "\u00ad": ""})
# Ground-truth segments we learn from: modern letters and in-word punctuation only (the
# ICDAR monographs' long s and private-use ligature glyphs would teach nothing useful).
_PLAIN = re.compile(r"[a-z'.-]*")
_STRIP = re.compile(r"^[^\w'-]+|[^\w'-]+$")

# Confusions well known in period print that a newspaper training set may not show.
SEED_EDITS = [
    Edit("s", "f", 2.5),  # long s read as f: "fuch" for "such"
    Edit("a", "ft", 3.0),  # seed text: "ft great deal"
    Edit("fi", "f", 3.5),  # lost ligature
    Edit("fl", "f", 3.5),
    Edit("fi", "", 4.0),
    Edit("fl", "", 4.0),
    Edit("m", "rn", 2.5),
    Edit("n", "ri", 2.5),  # "arid" for "and"
    Edit("n", "ii", 3.0),
    Edit("u", "ii", 3.0),
    Edit("rn", "m", 2.5),  # "modem" for "modern"
    Edit("m", "in", 3.0),
    Edit("h", "li", 2.5),
    Edit("d", "cl", 2.5),
    Edit("e", "c", 3.0),
    Edit("e", "i", 3.5),
    Edit("b", "h", 3.0),
    Edit("h", "b", 3.0),
    Edit("b", "p", 3.5),
    Edit("p", "b", 3.5),
    Edit("w", "vv", 3.0),
    Edit("n", "u", 3.0),
    Edit("u", "n", 3.0),
    Edit("m", "n", 4.0),
    Edit("a", "u", 4.0),
    Edit("", "-", 2.0),
]


def _replacements(folders: Iterable[Path]) -> Iterator[tuple[list[str], list[str], int, int]]:
    """Each one-to-one token replacement in the alignment of every pair of files (the
    alignment ``tools/ocrscore.py`` uses): the ground-truth and OCR tokens of the pair's
    text and the indexes of the replaced ground-truth token and the OCR token read for it."""
    for folder in folders:
        for ocr_path in sorted(folder.glob("*.ocr.txt")):
            gt_path = ocr_path.with_name(ocr_path.name[: -len(".ocr.txt")] + ".gt.txt")
            if not gt_path.exists():
                continue
            ocr = ocr_path.read_text(encoding="utf-8").translate(_FOLD).split()
            gt = gt_path.read_text(encoding="utf-8").translate(_FOLD).split()
            matcher = difflib.SequenceMatcher(None, gt, ocr, autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op != "replace" or i2 - i1 != j2 - j1:
                    continue
                for k in range(i2 - i1):
                    yield gt, ocr, i1 + k, j1 + k


def aligned_pairs(folders: Iterable[Path]) -> Iterator[tuple[str, str]]:
    """Yield (ground truth, OCR) word pairs that differ, from every pair of files."""
    for gt, ocr, i, j in _replacements(folders):
        g, o = _STRIP.sub("", gt[i]).lower(), _STRIP.sub("", ocr[j]).lower()
        if g and o and g != o and any(c.isalpha() for c in g):
            yield g, o


def learn(folders: Iterable[Path]) -> tuple[list[Edit], dict[str, int]]:
    """Learn edit costs from the aligned train folders; returns the edits and statistics."""
    pair_counts: Counter[tuple[str, str]] = Counter()
    correct_words: Counter[str] = Counter()
    words = 0
    for correct, seen in aligned_pairs(folders):
        words += 1
        correct_words[correct] += 1
        for c, s in segment_edits(correct, seen):
            if len(c) <= MAX_SEGMENT and len(s) <= MAX_SEGMENT and _PLAIN.fullmatch(c):
                pair_counts[(c, s)] += 1
    # How often each correct segment occurs in the erroneous words' ground truth.
    segment_totals: Counter[str] = Counter()
    wanted = {c for c, _ in pair_counts}
    total_chars = 0
    for word, n in correct_words.items():
        total_chars += n * len(word)
        for length in range(1, MAX_SEGMENT + 1):
            for i in range(len(word) - length + 1):
                seg = word[i : i + length]
                if seg in wanted:
                    segment_totals[seg] += n
    edits = []
    for (c, s), n in pair_counts.items():
        if n < MIN_PAIR_COUNT:
            continue
        denominator = segment_totals[c] if c else total_chars
        if not denominator:
            continue
        cost = -math.log((n + 0.5) / (denominator + 1))
        edits.append(Edit(c, s, round(min(cost, MAX_COST), 3)))
    learned = {(e.correct, e.seen) for e in edits}
    by_key = {(e.correct, e.seen): e for e in edits}
    for seed in SEED_EDITS:
        key = (seed.correct, seed.seen)
        if key not in learned or by_key[key].cost > seed.cost:
            by_key[key] = seed
    stats = {"error_words": words, "learned_edits": len(edits), "edits": len(by_key)}
    return list(by_key.values()), stats


_OPENING = "\"'([\u2018\u201c"  # opening marks before a word are not its first character


def first_letter_pairs(folders: Iterable[Path]) -> Iterator[tuple[str, str, bool, bool]]:
    """(printed first character, true first letter in lower case, whether the printed word
    follows a clean full stop, whether its true first letter is a capital) for each misread
    word of the aligned pages: the same one-to-one replacements ``aligned_pairs`` learns
    edits from.
    Only words whose first letter OCR got wrong count (a letter read as itself is most
    often read in its own case, and the findings whose case is in doubt are the misread
    ones). Words set all in capitals, as printed or in truth, are left out: their case is
    the line's, not the letter's."""
    for gt, ocr, i, j in _replacements(folders):
        true, printed = _STRIP.sub("", gt[i]), ocr[j].lstrip(_OPENING)
        if (not true or not printed or not true[0].isalpha()
                or (len(true) > 1 and true.isupper())
                or (len(printed) > 1 and printed.isupper())
                or printed[0].lower() == true[0].lower()
                or printed[0] == "#"):
            continue
        # A start as the scanner sees it (``ends_sentence``, as ``fit_case`` asks): a
        # full stop OCR made up ends no sentence in truth.
        yield printed[0], true[0].lower(), _after_stop(ocr, j), true[0].isupper()


def _after_stop(ocr: list[str], j: int) -> bool:
    """Whether the OCR token ``j`` (of the white-space split text) follows a clean sentence
    end (``casing.ends_sentence``): a word with its stop, or a word and a stop set apart."""
    if j == 0:
        return True
    before = ocr[j - 1]
    if before[:1] in ".!?":
        return j > 1 and ends_sentence(ocr[j - 2], before)
    word = before.rstrip(".!?\"')]\u2019\u201d")
    return ends_sentence(word, before[len(word):])


def learn_first_letters(folders: Iterable[Path]) -> dict[tuple[str, str, str], tuple[int, int]]:
    """Counts of capital and small true first letters per (printed character, true letter,
    place) over ``first_letter_pairs`` (``corrector.casing`` reads them)."""
    from corrector.casing import MIDDLE, START

    upper: Counter[tuple[str, str, str]] = Counter()
    lower: Counter[tuple[str, str, str]] = Counter()
    for seen, letter, start, capital in first_letter_pairs(folders):
        key = (seen, letter, START if start else MIDDLE)
        (upper if capital else lower)[key] += 1
    return {key: (upper[key], lower[key]) for key in upper.keys() | lower.keys()}
