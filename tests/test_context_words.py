"""Readings of a badly misread word from the words its left neighbour is followed by."""

from __future__ import annotations

from corrector import suggest
from corrector.model import Model
from corrector.scan import scan_text
from corrector.tokens import MARKERS


def test_followers_are_the_commonest_pairs_first(model: Model) -> None:
    data = model.data
    followers = data.followers("the", 50)
    assert len(followers) == 50 and not MARKERS & set(followers)
    counts = [data.pair_count("the", word) for word in followers]
    assert counts == sorted(counts, reverse=True) and counts[-1] > 0
    assert "same" in followers[:5]
    assert "the" in data.followers("<s>", 5)  # a sentence start is a left neighbour too
    assert data.followers("xqzzyv", 5) == []


def _first(text: str, word: str, model: Model) -> str | None:
    for finding in scan_text(text, model):
        if finding.text == word:
            return finding.best
    return None


def test_a_badly_misread_word_is_read_as_a_word_its_neighbour_takes(model: Model) -> None:
    # Each has no reading cheaper than CONTEXT_WORDS_WHEN_BEST_ABOVE among the usual ones.
    assert _first("No enemy had ever luvsded the country before.", "luvsded", model) == (
        "invaded")
    assert _first("The meeting was held dunug the afternoon.", "dunug", model) == "during"
    assert _first("It was the ntnal practice of the society.", "ntnal", model) == "usual"


def test_a_cheaply_explained_word_gets_no_context_readings(model: Model) -> None:
    near = (("the", 1.2),)
    assert model.suggester._with_context_words("tbe", near, (None, "of", None, None)) == near


def test_followers_are_kept_and_the_memo_is_bounded(model: Model, monkeypatch) -> None:
    suggester = suggest.Suggester(model.data, model.errors)
    monkeypatch.setattr(suggest, "MAX_KEPT_FOLLOWERS", 2)
    for left in ("the", "of", "a", "the"):
        assert suggester._followers(left) == model.data.followers(
            left, suggest.CONTEXT_FOLLOWERS)
    assert len(suggester._kept_followers) <= 2
