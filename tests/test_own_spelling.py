"""A clean text's own spellings are left alone; an OCR page's repeated misreadings are not."""

from __future__ import annotations

from corrector.scan import scan_text

# A clean page: some two hundred and fifty words, every one a period word.
STORY = ("The old man sat by the fire and told us of the days when he was young. "
         "He had worked on the farm from dawn until dark, and his father before him. "
         "In winter the snow lay deep on the hills, and the sheep were brought down "
         "to the fold by the river. We listened to him until the candle burned low. ") * 4
OCR_PAGE = ("Tbe oommittee met on Tuesdav, and tbe cbairman read tbe minutes of tbe last "
            "meetiug. Tlie members were uot all present, but tbe business went on as nsual.")


def flagged(model, text: str) -> list[str]:
    return [f.text for f in scan_text(text, model)]


def test_a_word_a_clean_text_prints_twice_is_its_own_spelling(model):
    twice = STORY + '"I took hevery chance," he said, "and I would take hevery one again."'
    assert flagged(model, twice) == []


def test_the_same_word_once_on_a_clean_text_is_still_flagged(model):
    once = STORY + '"I took hevery chance," he said, "and I would take every one again."'
    assert flagged(model, once) == ["hevery"]


def test_an_ocr_page_repeating_a_misreading_is_flagged_every_time(model):
    assert flagged(model, OCR_PAGE).count("tbe") == 4


def test_a_spelling_counts_the_places_it_was_flagged_at():
    from corrector.finding import Kind
    from corrector.ownspelling import flagged_places

    places = {((Kind.REAL_WORD, "the"), 10), ((Kind.REAL_WORD, "the"), 50),
              ((Kind.NON_WORD, "hevery"), 80)}
    assert flagged_places(places) == {(Kind.REAL_WORD, "the"): 2, (Kind.NON_WORD, "hevery"): 1}


def test_an_elision_a_clean_text_makes_in_many_words_is_its_own(model):
    # (a longer text: three words no list knows in a short one make it look misread)
    cockney = STORY * 2 + ('"I h\u2019always said it, h\u2019and I\'ll say it h\u2019again," '
                           'said the man.')
    assert flagged(model, cockney) == []


def test_an_elision_in_two_words_only_is_still_flagged(model):
    twice = STORY * 2 + '"I h\u2019always said it, h\u2019and so did he," said the man.'
    assert sorted(flagged(model, twice)) == ["h\u2019always", "h\u2019and"]


def test_an_elision_is_a_letter_or_two_at_an_apostrophe_of_a_word_print_used():
    from corrector.finding import Finding, Kind
    from corrector.ownspelling import elision_key

    class Counts:
        def count(self, word: str) -> int:
            return {"always": 900, "head": 800, "ask": 700}.get(word, 0)

    def key(text: str) -> tuple | None:
        return elision_key(Finding(0, len(text), text, Kind.NON_WORD, 0.9, (), ""), Counts())

    assert key("h\u2019always") == (Kind.NON_WORD, "elided", "h'")
    assert key("head'n") == (Kind.NON_WORD, "elided", "'n")
    assert key("t'ask") == (Kind.NON_WORD, "elided", "t'")
    assert key("h'zzyq") is None  # no word print used
    assert key("th'ask") == (Kind.NON_WORD, "elided", "th'")
    assert key("h'I'll") is None  # two apostrophes
    assert key("abc'defg") is None  # more than two letters either side
