"""OCR debris among capitalised words: flagged on a badly read page, names left alone."""

from __future__ import annotations

from collections import Counter

from corrector.detectors import nonword
from corrector.letterlm import LetterModel, _read_counts, letter_counts, letter_model
from corrector.model import Model
from corrector.scan import scan_text

# A badly read page (every "h" read as "li" or "b"): its misread prior is at the ceiling.
GARBLED = ("Tlie meeting was lield at tbe Town Hall on Tuesday, wlien Mr Joioey presided. "
           "Tbe cliairman said tliat tlie accounts sliowed a balance in liand, and tbe "
           "committee liad resolved to continue tlie work of tlie society during tbe winter. "
           "Mr Souvarine seconded tlie motion, wliicli was carried.")
CLEAN = ("The meeting was held at the Town Hall on Tuesday, when Mr Joioey presided. The "
         "chairman said that the accounts showed a balance in hand, and the committee had "
         "resolved to continue the work of the society during the winter. Mr Souvarine "
         "seconded the motion, which was carried, and the meeting closed at nine o'clock.")


def _flagged(text: str, model: Model) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {f.text: (str(f.extra.get("class")), tuple(s.text for s in f.suggestions))
            for f in scan_text(text, model)}


def test_names_are_more_word_like_than_debris(model: Model) -> None:
    letters = letter_model(model.data)
    for name in ("Souvarine", "Bukharin", "Mensheviks", "Tzar", "Robeon", "England"):
        assert letters.wordlike(name) > nonword.DEBRIS_WORDLIKE, name
    for debris in ("Joioey", "Hft", "Ptv", "Eeeex"):
        assert letters.wordlike(debris) < nonword.DEBRIS_WORDLIKE, debris


def test_stored_letter_counts_are_the_lexicons(model: Model) -> None:
    """``letter-model.tsv`` is what the build would write from the shipped lexicon: a
    stale file would grade spellings by another vocabulary."""
    assert _read_counts(model.data) == letter_counts(model.data)


def test_witten_bell_probabilities_sum_to_one() -> None:
    counts: Counter[str] = Counter()
    for word in ("the", "then", "than", "that", "this"):
        marked = "^^^" + word + "$"
        for end in range(3, len(marked)):
            counts.update(marked[end - k : end + 1] for k in range(4))
    letters = LetterModel(counts)
    alphabet = sorted({g[-1] for g in counts})
    for context in ("^^^", "^^t", "^th", "tha", "xyz"):
        total = sum(letters.probability(context, c) for c in alphabet)
        # the rest goes to letters never seen (one share of the unigram's smoothing)
        assert 0.9 < total < 1.0, context
    assert letters.wordlike("that") > letters.wordlike("tzqx")


def test_debris_on_a_garbled_page_is_flagged_without_a_suggestion(model: Model) -> None:
    found = _flagged(GARBLED, model)
    assert found["Joioey"] == ("debris", ())
    assert "Souvarine" not in found  # a name the lists never saw, spelt like one


def test_debris_is_left_alone_on_a_clean_page(model: Model) -> None:
    assert "Joioey" not in _flagged(CLEAN, model)


def test_a_spelling_the_page_repeats_is_its_own(model: Model) -> None:
    twice = GARBLED.replace("Mr Souvarine seconded", "Mr Joioey seconded")
    assert "Joioey" not in _flagged(twice, model)


def test_kept_scores_are_bounded(model: Model, monkeypatch) -> None:
    from corrector import letterlm

    letters = LetterModel(letter_counts(model.data))
    monkeypatch.setattr(letterlm, "MAX_KEPT_SCORES", 3)
    scores = [letters.wordlike(w) for w in ("Hft", "Joioey", "Robeon", "Tzar", "Hft")]
    assert len(letters._memo) <= 3 and scores[0] == scores[-1]
