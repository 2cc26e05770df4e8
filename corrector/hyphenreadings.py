"""Readings of a hyphenated word with misread parts, weighed as whole words in context.

"to-utorrow", "worx-bexes", "impaove-ment": each part corrected on its own, out of
context, gives "to-sorrow" as readily as "to-morrow", and "improve-ment" rather than
"improvement". A reader weighs the whole: a compound period print set ("to-morrow",
"work-boxes", "four-post"), or the word a line-break hyphen was left in ("improvement",
"consulted"), against a compound print never set. So the readings are

- every combination of the misread parts' cheapest readings (``PART_READINGS`` each),
- the pieces joined, as printed or misread, at the cost of the hyphen left in, and
- the readings the whole word found on its own,

each scored as one word by the period model in the word's context, less its OCR cost: the
noisy channel ``Suggester`` ranks single words by. A compound print never set gets the
model's probability for an unseen word, all such compounds alike, so between them the OCR
cost decides, as it did when the parts were mended alone.
"""

from __future__ import annotations

import math
from dataclasses import replace
from itertools import product
from typing import NamedTuple

from corrector.errormodel import PUNCT_EDIT
from corrector.finding import Suggestion
from corrector.model import Model
from corrector.suggest import Candidate, Window, best_first, restore_case

PART_READINGS = 3  # the cheapest readings of each misread part combined
MIN_JOINED_COUNT = 5  # the pieces joined as printed are a reading if print used them so often
NO_WINDOW: Window = (None, None, None, None)


class HyphenatedReadings(NamedTuple):
    ranked: list[Candidate]  # every reading, best first ([] when a part has none)
    # The cheapest account of the misread parts, each read as its likeliest word out of
    # context: how well OCR explains the word at all (whether to doubt it, how surely),
    # as apart from which reading is right. Its word is the first misread part's reading.
    parts: Candidate | None


def hyphenated_candidates(word: str, bad: list[int], window: Window, model: Model,
                          whole: list[Candidate]) -> HyphenatedReadings:
    """Readings of ``word`` (a hyphenated word whose parts at ``bad`` are unknown) in
    ``window``, ``whole`` (the whole word's own candidates) among them; none when a
    misread part has no reading (the whole word's search is then all there is)."""
    parts = word.lower().split("-")
    suggester = model.suggester
    per_part = []
    for k in bad:
        found = [(c.word, c.cost)
                 for c in suggester.word_candidates(parts[k], NO_WINDOW)][:PART_READINGS]
        if not found:
            return HyphenatedReadings([], None)
        per_part.append(found)
    first = per_part[0][0]
    explained = Candidate(first[0], sum(found[0][1] for found in per_part), 0.0)
    data = model.data
    readings: dict[str, float] = {}
    unprinted: dict[str, float] = {}  # compound print never set -> its parts' share
    for combination in product(*per_part):
        pieces = list(parts)
        for k, (reading, _) in zip(bad, combination):
            pieces[k] = reading
        compound = "-".join(pieces)
        readings[compound] = sum(cost for _, cost in combination)
        if not data.count(compound):
            unprinted[compound] = sum(_part_share(reading, found, data)
                                      for (reading, _), found in zip(combination, per_part))
    if len(parts) == 2 and all(parts):
        for reading, cost in _line_break_readings(parts[0] + parts[1], model):
            if cost + PUNCT_EDIT < readings.get(reading, math.inf):
                readings[reading] = cost + PUNCT_EDIT
    mended = {c.word: c for c in whole}
    for c in suggester.scored(tuple(readings.items()), window):
        if c.word in unprinted:
            c = replace(c, log_context=c.log_context + unprinted[c.word])
        if c.word not in mended or best_first(c) < best_first(mended[c.word]):
            mended[c.word] = c
    return HyphenatedReadings(sorted(mended.values(), key=best_first), explained)


def _part_share(reading: str, found: list[tuple[str, float]], data) -> float:
    """log P(``reading``) against the commonest of a part's readings ``found`` (0 for it,
    less for the rarer): between compounds print never set, all alike to the period model,
    the commoner parts make the likelier compound ("Newman-street" before
    "Newman-stress"), as when each part was mended on its own."""
    return math.log(data.count(reading) + 0.5) - max(math.log(data.count(w) + 0.5)
                                                     for w, _ in found)


def _line_break_readings(joined: str, model: Model) -> tuple[tuple[str, float], ...]:
    """The words two pieces joined may be: themselves, if print used them
    (``MIN_JOINED_COUNT``), and their misreadings."""
    near = model.suggester.readings(joined)
    if model.data.count(joined) >= MIN_JOINED_COUNT:
        return ((joined, 0.0), *near)
    return near


def in_printed_case(word: str, suggestions: list[Suggestion], candidates: list[Candidate],
                    model: Model) -> list[Suggestion]:
    """``suggestions`` (made from ``candidates``, in order) with each compound reading set
    part by part as ``word`` printed its parts: a part read as printed keeps its letters
    ("Combs-tMH", not "Combs-tmh"), a mended part takes the printed part's case
    ("Stockton-on-Trees")."""
    printed = word.split("-")
    out = []
    for s, c in zip(suggestions, candidates):
        parts = c.word.split("-")
        if len(parts) == len(printed):
            s = replace(s, text="-".join(
                seen if seen.lower() == part else restore_case(seen, part, model.data)
                for seen, part in zip(printed, parts)))
        out.append(s)
    return out
