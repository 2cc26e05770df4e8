"""Which case a misread first letter had: learned from the aligned train pages.

When OCR misreads a word's first letter, the printed letter's case is weak evidence of
the true one, and how weak depends on the letters: a capital "P" read for "F" was a
capital ("Pour o'clock" for "Four"), a capital "I" read for "t" seldom was ("Ihe" for
"the"), an "8" stands for a capital S ("8ix" for "Six") but a "6" for a small one
("6mall"), and a small "t" read for "s" was small, also after a doubtful stop ("Ac..
tend it" for "&c., send it"). The table counts, for each (printed first character, true
first letter) of the misread words of the train pages, how often the true word began with
a capital, after a clean sentence end and elsewhere
(``corrector.build.learn_errors.learn_first_letters`` writes it as ``first-letters.tsv``).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

FIRST_LETTERS_FILE = "first-letters.tsv"
START, MIDDLE = "start", "middle"  # after a clean sentence end (``ends_sentence``) or not
# A sentence's last word and its stop: letters, then one full stop, question or
# exclamation mark (closing quotes or brackets after it allowed), glued to the word or set
# apart as tokenised texts set it ("shut .\n"). "p.m.", "we.t.", "Ac..", "made ..bout" are
# abbreviations or OCR's stray marks as often as a sentence's end.
_LAST_WORD = re.compile(r"[^\W\d_]+")
_STOP = re.compile(r"[.!?][\"')\]\u2019\u201d]*")
_OPENING = "\"'([\u2018\u201c"
MIN_EVIDENCE = 4  # misread words a pair's share must rest on ...
MIN_FALLBACK_EVIDENCE = 10  # ... and a printed character's, which mixes many letters
DECISIVE_SHARE = 0.75  # ... and how one-sided it must be to say "capital" or "small"


@dataclass(frozen=True)
class FirstLetters:
    """Counts of (capital, small) true first letters per (printed character, true letter,
    place), with the sums per (printed character, place) and per printed character that
    a rare pair falls back on."""

    counts: dict[tuple[str, str, str], tuple[int, int]] = field(default_factory=dict)
    _by_seen_place: dict[tuple[str, str], tuple[int, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    _by_seen: dict[str, tuple[int, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_place: Counter[tuple[str, str, bool]] = Counter()
        by_seen: Counter[tuple[str, bool]] = Counter()
        for (seen, _, place), (upper, lower) in self.counts.items():
            by_place[(seen, place, True)] += upper
            by_place[(seen, place, False)] += lower
            by_seen[(seen, True)] += upper
            by_seen[(seen, False)] += lower
        for seen, place, _ in by_place:
            self._by_seen_place[(seen, place)] = (by_place[(seen, place, True)],
                                                  by_place[(seen, place, False)])
        for seen, _ in by_seen:
            self._by_seen[seen] = (by_seen[(seen, True)], by_seen[(seen, False)])

    def capital(self, seen: str, letter: str, start: bool) -> bool | None:
        """Whether a word printed with ``seen`` first where its first letter is ``letter``
        (lower case) began with a capital: True or False when the train pages say so
        clearly (``DECISIVE_SHARE`` of ``MIN_EVIDENCE`` words or more, of
        ``MIN_FALLBACK_EVIDENCE`` for a printed character's sums), else None.

        The most specific evidence with enough words decides: the pair in this place, the
        printed character in this place, and in mid-sentence the printed character
        anywhere. A sentence's first word (``start``, after a clean stop: ``ends_sentence``)
        does not fall back on the middle's habits, where small letters rule: with too few
        words there, None leaves the capital a sentence wants to the caller. A letter read
        as itself is left to the caller too: it is most often read in its own case."""
        if seen.lower() == letter:
            return None  # (the table counts misread letters only)
        place = START if start else MIDDLE
        for (upper, lower), least in (
                (self.counts.get((seen, letter, place), (0, 0)), MIN_EVIDENCE),
                (self._by_seen_place.get((seen, place), (0, 0)), MIN_FALLBACK_EVIDENCE),
                (self._by_seen.get(seen, (0, 0)) if not start else (0, 0),
                 MIN_FALLBACK_EVIDENCE)):
            if upper + lower >= least:
                share = upper / (upper + lower)
                if share >= DECISIVE_SHARE:
                    return True
                if share <= 1 - DECISIVE_SHARE:
                    return False
                return None
        return None


def ends_sentence(word: str, stop: str) -> bool:
    """Whether ``word`` (the word before another, opening marks allowed) and ``stop`` (the
    marks after it) end a sentence cleanly: a word and one stop ("shut", "."; "ready",
    '."'). The table's "start" is the word after such a one, on the train pages as in a
    scanned text (``fit_case``): after a doubtful stop OCR's small letters stay small far
    more often ("made ..bout", "p.m. be arrestee", "Ac.. tend it")."""
    return (_LAST_WORD.fullmatch(word.lstrip(_OPENING)) is not None
            and _STOP.fullmatch(stop) is not None)


def read(path: Path) -> FirstLetters:
    """The table stored at ``path`` (``write``'s format); empty when there is none."""
    if not path.exists():
        return FirstLetters()
    counts: dict[tuple[str, str, str], tuple[int, int]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row or row[0].startswith("#") or row[0] == "seen" or len(row) != 5:
                continue
            counts[(row[0], row[1], row[2])] = (int(row[3]), int(row[4]))
    return FirstLetters(counts)


def load(directory: Path) -> FirstLetters:
    return read(directory / FIRST_LETTERS_FILE)


def write(path: Path, counts: dict[tuple[str, str, str], tuple[int, int]], header: str) -> None:
    """Store ``counts`` as TSV: seen, letter, place, capital, small."""
    from corrector.atomic import write_text

    lines = [f"# {line}" for line in header.splitlines()]
    lines.append("seen\tletter\tplace\tcapital\tsmall")
    for (seen, letter, place), (upper, lower) in sorted(counts.items()):
        lines.append(f"{seen}\t{letter}\t{place}\t{upper}\t{lower}")
    write_text(path, "\n".join(lines) + "\n")
