"""The case of misread first letters: the learned table, its learning, and its use."""

from __future__ import annotations

import dataclasses

import pytest

from corrector import casing
from corrector.build.learn_errors import learn_first_letters
from corrector.casing import MIDDLE, START, FirstLetters
from corrector.detectors.nonword import fit_case
from corrector.document import Document
from corrector.scan import scan_text
from corrector.suggest import restore_case


def test_a_clear_pair_decides_and_a_divided_one_does_not():
    table = FirstLetters({("P", "f", MIDDLE): (9, 0), ("I", "t", MIDDLE): (1, 12),
                          ("B", "s", MIDDLE): (11, 11)})
    assert table.capital("P", "f", start=False) is True
    assert table.capital("I", "t", start=False) is False
    assert table.capital("B", "s", start=False) is None


def test_a_rare_pair_falls_back_on_the_printed_character():
    table = FirstLetters({("t", "s", START): (0, 2), ("t", "s", MIDDLE): (1, 21),
                          ("t", "a", MIDDLE): (0, 18)})
    assert table.capital("t", "e", start=False) is False  # never seen: "t" in mid-sentence
    assert FirstLetters().capital("t", "s", start=False) is None
    # Two words are too few for the pair at a sentence start, and a start does not fall
    # back on the middle's small letters: the caller's sentence start decides.
    assert table.capital("t", "s", start=True) is None


def test_a_fallback_needs_more_words_than_a_pair():
    table = FirstLetters({("r", "h", MIDDLE): (2, 0), ("r", "g", MIDDLE): (0, 1),
                          ("r", "b", MIDDLE): (0, 7)})
    # "r" rests on ten words of mixed letters, the pair on too few.
    assert table.capital("r", "g", start=False) is False
    assert FirstLetters({("r", "h", MIDDLE): (2, 0), ("r", "g", MIDDLE): (0, 1),
                         ("r", "b", MIDDLE): (0, 6)}).capital("r", "g", start=False) is None


def test_a_letter_read_as_itself_is_left_to_the_caller():
    table = FirstLetters({("I", "i", MIDDLE): (3, 100)})
    assert table.capital("I", "i", start=False) is None


def test_the_table_is_stored_and_read_back(tmp_path):
    counts = {("8", "s", MIDDLE): (21, 1), ('"', "t", START): (2, 0), (",", "a", MIDDLE): (0, 6)}
    path = tmp_path / casing.FIRST_LETTERS_FILE
    casing.write(path, counts, header="two lines\nof header")
    assert casing.read(path).counts == counts
    assert casing.read(tmp_path / "missing.tsv").counts == {}


def test_the_table_is_learned_from_misread_first_letters(tmp_path):
    (tmp_path / "a.gt.txt").write_text(
        "Open from Eleven to Four daily. The hall is shut. See the TIMES of the day.",
        encoding="utf-8")
    (tmp_path / "a.ocr.txt").write_text(
        "Open from Eleven to Pour daily. Ihe hall is shut. See the TLMES of tbe day.",
        encoding="utf-8")
    assert learn_first_letters([tmp_path]) == {
        ("P", "f", MIDDLE): (1, 0),  # a capital read for a capital
        ("I", "t", START): (1, 0),  # a sentence's first word
        # "TLMES" is set in capitals, "tbe" has its own first letter: neither counts
    }


@pytest.mark.parametrize(
    ("printed", "word", "expected"),
    [
        ("o'Cloek", "o'clock", "o'Clock"),  # each part keeps the capital it was printed with
        ("Three-aad-a-Half", "three-and-a-half", "Three-and-a-Half"),
        ("wclI-Vnown", "well-known", "well-known"),  # that "V" is a misread "k"
        ("tbe", "the", "the"),
        ("tOB", "ton", "ton"),  # two capitals after a small letter: a misread small word
        ("gTOCK", "stock", "STOCK"),  # three: a word set in capitals
        ("NOltTH", "north", "NORTH"),
    ],
)
def test_restore_case(model, printed, word, expected):
    assert restore_case(printed, word, model.data) == expected


@pytest.mark.parametrize(
    ("text", "printed", "expected"),
    [
        ("Apply between the hours of Eleven and Pour o'clock.", "Pour", "Four"),
        ("His Royal Highness 1'rince Albert walked on the terrace.", "1'rince", "Prince"),
        ("The whole of the songs, and 8ix others, were sent by post.", "8ix", "Six"),
        ("They were sold at •peoial Prices and at iPrice lists.", "iPrice", "Price"),
        ("Wool made into yarn, &c. Ac.. tend it to the mill at once.", "tend", "send"),
        ("The meeting was called for 11 o'Cloek in the forenoon.", "o'Cloek", "o'Clock"),
        ("Carlisle Plaster, 3anltary Pipes, Fire Bricks.", "3anltary", "Sanitary"),
        ("They charged three pounds per tOB for the iron.", "tOB", "ton"),
    ],
)
def test_a_misread_first_letter_takes_the_case_the_train_pages_taught(model, text, printed,
                                                                     expected):
    best = {f.text: f.best for f in scan_text(text, model)}
    assert best.get(printed) == expected


def test_fit_case_follows_the_table(model):
    document = Document.from_text("He spoke of the Pour men who came.")
    i = next(k for k, t in enumerate(document.tokens) if t.text == "Pour")
    capital = dataclasses.replace(model, first_letters=FirstLetters(
        {("P", "f", MIDDLE): (9, 0)}))
    small = dataclasses.replace(model, first_letters=FirstLetters(
        {("P", "f", MIDDLE): (0, 9)}))
    assert fit_case(document, i, "Four", capital, initial=False) == "Four"
    assert fit_case(document, i, "Four", small, initial=False) == "four"
    # Without a table, the old rule: print seldom capitalises "four" in mid-sentence.
    empty = dataclasses.replace(model, first_letters=FirstLetters())
    assert fit_case(document, i, "Four", empty, initial=False) == "four"


def test_a_small_letter_after_a_doubtful_stop_stays_small(model):
    # After a clean stop a sentence begins ("riere" is "Here"); after "we.t." or a doubled
    # stop the train pages' small letters stay small ("aeverul" is "several").
    text = ("The offices were shut. riere is the book. The wind veered round to the north "
            "we.t. aeverul vessels came in. Wool, yarn, Ac.. tend it to the mill.")
    best = {f.text: f.best for f in scan_text(text, model)}
    assert (best.get("riere"), best.get("aeverul"), best.get("tend")) == (
        "Here", "several", "send")


@pytest.mark.parametrize(
    ("before", "stop", "expected"),
    [("shut", ".", True), ('"Yes', "?", True), ("ready", '."', True), ("p.m", ".", False),
     ("Ac", "..", False), ("11", ".", False)],
)
def test_a_clean_stop_ends_a_sentence(before, stop, expected):
    assert casing.ends_sentence(before, stop) is expected


def test_the_learner_sees_a_stop_as_the_scanner_does():
    from corrector.build.learn_errors import _after_stop

    ocr = ["at", "school", ".", "ie", "made", "it", ".", "p.m.", "be", "there", "shut.",
           "riere"]
    assert [_after_stop(ocr, ocr.index(w)) for w in ("ie", "be", "riere", "made")] == [
        True, False, True, False]


def test_a_closing_quote_after_a_full_stop_still_ends_the_sentence(model):
    document = Document.from_text("They were wet to the skin.\"\nell, there is something.")
    i = next(k for k, t in enumerate(document.tokens) if t.text == "ell")
    # Where the train pages say nothing of the letter, the sentence's start gives a capital.
    empty = dataclasses.replace(model, first_letters=FirstLetters())
    assert fit_case(document, i, "well", empty, initial=True) == "Well"
    assert fit_case(document, i, "well", empty, initial=False) == "well"


def test_a_proper_form_yields_to_the_small_letter_the_page_itself_prints(model):
    text = "Light Christmas, dark whealaheaf. Dark Christmas, heavy wheatsheaf."
    assert {f.text: f.best for f in scan_text(text, model)}.get("whealaheaf") == "wheatsheaf"
