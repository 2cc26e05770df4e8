"""Measure a flagger on aligned OCR / ground-truth pairs (``corrector eval``).

The definitions are those of the shared scorer the project is judged by, so a user's own
figures compare with ours:

- Gold errors come from aligning the OCR and ground-truth texts as white-space tokens
  (difflib, no junk heuristic). Each differing group whose letters or digits differ is a
  *word error*; a group that differs only in punctuation is tracked apart and counts neither
  as a hit nor as a false flag.
- A finding is a true flag when the tokens it overlaps belong to a word error, a false flag
  when they belong to no error group at all.
- Precision = true flags / (true + false flags); recall = word errors hit / word errors.
- Top-1: for a finding on exactly one word error, whether putting its first suggestion in
  place makes the group read as the ground truth (ignoring outer punctuation and spacing).
- WER before/after: word-level edit distance (lower case, outer punctuation stripped) of the
  OCR text, and of the OCR text with every finding's first suggestion applied, against the
  ground truth, over the number of ground-truth words.
- False flags per 10k words: findings on the ground-truth text itself, per 10,000 words.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from corrector.finding import Finding
from corrector.fixing import replacement, worth_fixing

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-", "\u00ad": ""})
_EDGE = re.compile(r"^\W+|\W+$")
_TOKEN = re.compile(r"\S+")


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


def bare(text: str) -> str:
    """The token without outer punctuation, after folding."""
    return _EDGE.sub("", fold(text))


@dataclass(frozen=True)
class ErrorGroup:
    first: int  # OCR token index range [first, last)
    last: int
    truth: str
    word: bool  # False: differs in punctuation only


@dataclass
class Pair:
    """One aligned document: OCR text, ground truth, and the error groups between them."""

    name: str
    ocr: str
    truth: str
    tokens: list[tuple[str, int, int]] = field(init=False)
    groups: list[ErrorGroup] = field(init=False)
    group_of: dict[int, int] = field(init=False)  # OCR token index -> its error group

    def __post_init__(self) -> None:
        self.tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(self.ocr)]
        self.groups = align(self.tokens, [m.group() for m in _TOKEN.finditer(self.truth)])
        self.group_of = {t: gi for gi, g in enumerate(self.groups) for t in range(g.first, g.last)}


def align(
    ocr_tokens: Sequence[tuple[str, int, int]], truth_tokens: Sequence[str]
) -> list[ErrorGroup]:
    """Error groups between the OCR tokens and the ground-truth tokens."""
    a = [fold(t) for t, _, _ in ocr_tokens]
    b = [fold(t) for t in truth_tokens]
    groups = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            spans = [(i, i + 1, j, j + 1) for i, j in zip(range(i1, i2), range(j1, j2))]
        elif op in ("replace", "delete"):
            spans = [(i1, i2, j1, j2)]
        else:
            continue
        for p1, p2, q1, q2 in spans:
            truth, seen = " ".join(b[q1:q2]), " ".join(a[p1:p2])
            if truth == seen:
                continue
            word = bare(seen).replace(" ", "") != bare(truth).replace(" ", "")
            groups.append(ErrorGroup(p1, p2, truth, word))
    return groups


def load_pairs(folder: Path) -> list[Pair]:
    """Every ``NAME.ocr.txt`` with its ``NAME.gt.txt`` in ``folder``."""
    pairs = []
    for ocr_path in sorted(folder.glob("*.ocr.txt")):
        name = ocr_path.name[: -len(".ocr.txt")]
        truth_path = folder / f"{name}.gt.txt"
        if truth_path.exists():
            pairs.append(Pair(name, _read(ocr_path), _read(truth_path)))
    return pairs


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def wer_words(text: str) -> list[str]:
    return [w for w in (bare(t).lower() for t in _TOKEN.findall(text)) if w]


def apply_best(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with each finding's first suggestion put in place as ``corrector fix`` writes
    it (``corrector.fixing.replacement``; overlaps: first wins)."""
    out, pos = [], 0
    for f in sorted((f for f in findings if f.best is not None), key=lambda f: f.start):
        if f.start < pos:
            continue
        out.append(text[pos : f.start])
        out.append(replacement(f) or "")
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


@dataclass
class Score:
    """Counts over a set of documents, and the rates computed from them."""

    docs: int = 0
    words: int = 0
    flags: int = 0
    true_flags: int = 0
    false_flags: int = 0
    punctuation_flags: int = 0
    errors: int = 0
    errors_found: int = 0
    fixes_tried: int = 0
    fixes_right: int = 0
    edits_before: int = 0
    edits_after: int = 0
    clean_flags: int | None = None

    @property
    def precision(self) -> float:
        flagged = self.true_flags + self.false_flags
        return self.true_flags / flagged if flagged else 0.0

    @property
    def recall(self) -> float:
        return self.errors_found / self.errors if self.errors else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def top1(self) -> float:
        return self.fixes_right / self.fixes_tried if self.fixes_tried else 0.0

    @property
    def wer_before(self) -> float:
        return self.edits_before / self.words if self.words else 0.0

    @property
    def wer_after(self) -> float:
        return self.edits_after / self.words if self.words else 0.0

    @property
    def fix_gain(self) -> float:
        if not self.edits_before:
            return 0.0
        return (self.edits_before - self.edits_after) / self.edits_before

    @property
    def clean_flags_per_10k(self) -> float | None:
        if self.clean_flags is None or not self.words:
            return None
        return self.clean_flags * 10_000 / self.words

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "docs": self.docs, "words": self.words, "flags": self.flags,
            "true_flags": self.true_flags, "false_flags": self.false_flags,
            "errors": self.errors, "errors_found": self.errors_found,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4), "top1": round(self.top1, 4),
            "wer_before": round(self.wer_before, 4), "wer_after": round(self.wer_after, 4),
            "fix_gain": round(self.fix_gain, 4),
            "clean_flags_per_10k": (None if self.clean_flags_per_10k is None
                                    else round(self.clean_flags_per_10k, 2)),
        }


def judge_both(pair: Pair, findings: Sequence[Finding]) -> list[tuple[bool | None, bool | None]]:
    """For each finding: (True on a word error, False on no error, None on a punctuation-only
    difference; whether its first suggestion brings the text nearer the ground truth, None
    where that cannot be told)."""
    verdicts: list[tuple[bool | None, bool | None]] = []
    for f in findings:
        hit = _groups_under(pair, f)
        words = [g for g in hit if pair.groups[g].word]
        if words:
            verdicts.append((True, _fix_helps(pair, f, [pair.groups[g] for g in words])))
        elif hit:
            verdicts.append((None, None))
        else:
            verdicts.append((False, False))
    return verdicts


def _fix_helps(pair: Pair, f: Finding, groups: list[ErrorGroup]) -> bool | None:
    """Whether putting the first suggestion in place brings the error groups under the
    finding nearer the ground truth (fewer word edits), as the WER after ``fix`` counts."""
    if f.best is None:
        return None
    first, last = min(g.first for g in groups), max(g.last for g in groups)
    lo = min(pair.tokens[first][1], f.start)
    hi = max(pair.tokens[last - 1][2], f.end)
    truth = wer_words(" ".join(g.truth for g in sorted(groups, key=lambda g: g.first)))
    before = Levenshtein.distance(wer_words(pair.ocr[lo:hi]), truth)
    after = Levenshtein.distance(
        wer_words(pair.ocr[lo : f.start] + f.best + pair.ocr[f.end : hi]), truth)
    return after < before


def _fix_right(pair: Pair, f: Finding, g: ErrorGroup) -> bool | None:
    if f.best is None:
        return None
    lo = min(pair.tokens[g.first][1], f.start)
    hi = max(pair.tokens[g.last - 1][2], f.end)
    fixed = pair.ocr[lo : f.start] + f.best + pair.ocr[f.end : hi]
    return bare(" ".join(fixed.split())) == bare(g.truth)


def _groups_under(pair: Pair, f: Finding) -> set[int]:
    """Indexes of the error groups whose OCR tokens the finding overlaps."""
    end = max(f.end, f.start + 1)
    group_of = pair.group_of
    return {group_of[t] for t, (_, s, e) in enumerate(pair.tokens)
            if s < end and e > f.start and t in group_of}


def score_pair(pair: Pair, findings: Sequence[Finding], total: Score,
               fixes: Sequence[Finding] | None = None) -> None:
    """Add one document's counts to ``total``; WER after applies ``fixes`` (default: all)."""
    found: set[int] = set()
    for f in findings:
        total.flags += 1
        hit = _groups_under(pair, f)
        words = [g for g in hit if pair.groups[g].word]
        if words:
            total.true_flags += 1
            found.update(words)
            right = _fix_right(pair, f, pair.groups[words[0]]) if len(words) == 1 else None
            if right is not None:
                total.fixes_tried += 1
                total.fixes_right += right
        elif hit:
            total.punctuation_flags += 1
        else:
            total.false_flags += 1
    word_groups = {i for i, g in enumerate(pair.groups) if g.word}
    total.docs += 1
    total.errors += len(word_groups)
    total.errors_found += len(found & word_groups)
    truth_words = wer_words(pair.truth)
    total.words += len(truth_words)
    total.edits_before += Levenshtein.distance(wer_words(pair.ocr), truth_words)
    fixed = apply_best(pair.ocr, findings if fixes is None else fixes)
    total.edits_after += Levenshtein.distance(wer_words(fixed), truth_words)


def evaluate(
    pairs: Iterable[Pair],
    flag: Callable[[str], Sequence[Finding]],
    min_confidence: float = 0.0,
    fix_confidence: float | None = None,
    clean: bool = True,
    fix_by_expected_gain: bool = False,
) -> Score:
    """Score ``flag`` (text -> findings) on the pairs.

    Detection counts and false flags on the truth side (``clean``) use findings at or above
    ``min_confidence``; WER after fixing applies those whose first suggestion's calibrated
    score is at or above ``fix_confidence`` (``min_confidence`` when None), as
    ``corrector fix --min-confidence`` does; with ``fix_by_expected_gain``, those ``corrector
    fix`` applies by default (``corrector.fixing.worth_fixing``).
    """
    total = Score(clean_flags=0 if clean else None)
    fix_at = min_confidence if fix_confidence is None else fix_confidence
    for pair in pairs:
        found = flag(pair.ocr)
        shown = [f for f in found if f.confidence >= min_confidence]
        fixes = [f for f in found if worth_fixing(f, None if fix_by_expected_gain else fix_at)]
        score_pair(pair, shown, total, fixes)
        if clean:
            on_truth = [f for f in flag(pair.truth) if f.confidence >= min_confidence]
            total.clean_flags = (total.clean_flags or 0) + len(on_truth)
    return total
