"""The text as its own dictionary: a rare variant of a form the same text prints often."""

from __future__ import annotations

from corrector.detectors.consistency import ConsistencyDetector
from corrector.document import Document
from corrector.finding import Kind


def findings(text, model):
    return list(ConsistencyDetector().detect(Document.from_text(text), model))


def test_a_name_misread_once_is_read_as_the_name_the_text_prints_often(model):
    text = "Bukharin spoke. " * 4 + "Then Bukbarin answered, and the hall was quiet."
    (found,) = findings(text, model)
    assert found.kind is Kind.CONSISTENCY and found.extra["class"] == "misread"
    assert (found.text, found.best) == ("Bukbarin", "Bukharin")
    assert text[found.start:found.end] == "Bukbarin"
    assert "printed 1 time in this text, 'bukharin' 4 times" in found.reason


def test_names_printed_alike_and_period_words_are_left_alone(model):
    # Two names each printed often, and a period word near a common form, are not variants.
    text = ("Bukharin and Zinoviev spoke. " * 4 + "The labouring masses laboured on. " * 3
            + "Bukbarin [sic] said so. Bukharin's wife met the Bukharins.")
    assert findings(text, model) == []


def test_the_minority_hyphenation_is_flagged_whichever_it_is(model):
    closed = findings("To-day we meet. " + "We meet today. " * 3, model)
    assert [(f.text, f.best, f.extra["class"]) for f in closed] == [("To-day", "Today",
                                                                     "hyphenation")]
    hyphened = findings("We meet today. " + "To-morrow and to-morrow and to-morrow. ", model)
    assert hyphened == []  # to-morrow is another word; today is not the minority of anything
    opened = findings("We meet to-day. " * 3 + "Today we part.", model)
    assert [(f.text, f.best) for f in opened] == [("Today", "To-day")]


def test_a_variant_needs_a_clearly_commoner_form(model):
    assert findings("Bukharin spoke. Bukharin spoke. Bukbarin answered.", model) == []
    text = "Bukharin spoke. " * 4 + "Bukbarin answered. Bukbarin left."
    assert findings(text, model) == []  # 4 is not three times 2


def test_a_capital_only_the_misread_letter_made_goes(model):
    # "Httle" in mid-sentence is "little" misread, not a name: print seldom capitalises
    # "little" there. At a sentence's start the capital stays.
    text = " ".join(["The little man went home."] * 6) + " He saw a Httle dog. Httle was said."
    fixes = [f.best for f in ConsistencyDetector().detect(Document.from_text(text), model)]
    assert fixes == ["little", "Little"]
