"""The money detector: misread sums of money in £ s. d., read from their context only."""

from __future__ import annotations

import pytest

from corrector.detectors.money import MoneyDetector, money_amounts, read_money
from corrector.document import Document
from corrector.scan import scan_text


def money(model, text: str) -> list[tuple[str, str, str]]:
    """(token, kind, first suggestion) of every money finding in ``text``."""
    return [(f.text, f.kind.value, f.best) for f in scan_text(text, model)
            if f.extra.get("class") == "money"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Price Is. Gd. each.", [("Is", "real-word", "1s"), ("Gd", "real-word", "6d")]),
        ("with an advance of Is. to Is. Gd. on the week.",
         [("Is", "real-word", "1s"), ("Is", "real-word", "1s"), ("Gd", "real-word", "6d")]),
        ("an annuity of £47 16s. cd. and £394 Us. in cash.",
         [("cd", "non-word", "6d"), ("Us", "real-word", "11s")]),
        ("Cloth Blankets at 7e 9d, and 8s 6d.", [("7e", "non-word", "7s")]),
        ("Suits from 12a lid. each.", [("12a", "non-word", "12s"), ("lid", "real-word", "11d")]),
        ("sold in this country at Is ljd per box.",
         [("Is", "real-word", "1s"), ("ljd", "non-word", "1\u00bdd")]),
        ("A Whist Treadle, £3 10. Hand ditto, £2.", [("10", "non-word", "10s")]),
        ("Lady Lawrence, 27 6d, less 1s 3d.", [("27", "non-word", "27s")]),
        ("This day is published, price ls.", [("ls", "non-word", "1s")]),
        ("Linoleum, colours through to the back, 4e per square yard.",
         [("4e", "non-word", "4s")]),
        ("Pheasants, Gs. to 8s. per brace.", [("Gs", "real-word", "6s")]),
        ("There has been a fall of Is. per cent. in other sorts.", [("Is", "real-word", "1s")]),
        ("Danish butter. Is 5d per lb.", [("Is", "real-word", "1s")]),
        ("It may be had for 1d each, by post ljd on application.",
         [("ljd", "non-word", "1\u00bdd")]),
        ("Curtains in vogue, from 7s lid per pair.", [("lid", "real-word", "11d")]),
    ],
)
def test_misread_sums_are_read_where_their_neighbours_make_them_sums(model, text, expected):
    found = money(model, text)
    assert [(t, s) for t, _, s in found] == [(t, s) for t, _, s in expected]


@pytest.mark.parametrize(
    "text",
    [
        "The price is 6d. a copy, and it is 2d. at most.",  # English before a sum
        "It Is. Then the sea.",  # no sum beside it
        "He paid £2 is the price, he said.",  # a word after pounds, no stop
        "to 74lbs. to 83lbs. per lb. per lb., 1s 5d per 1b. fresh",  # "lb", "1b": weight
        "limit the subscription to 2l. 2s., that all may join.",  # l after a figure: pounds
        "a surety in £20. St. Thomas Local Board met.",  # "St." is Saint
        "lines 6 to 11 3d, 12 to 18 4d per line.",  # counts before pence, not shillings
        "rent of £3i per annum.",  # figures of pounds are not read here
        "add 2s. to it and see; what is to be done?",  # a range needs a sum on both sides
        "at the rate of ft per cent per annum.",  # a rate, but of a number
        "The table: £3 10 0, £4 2 6.",  # a column of figures, not a lost unit
        "The price Is, as heretofore, 18s. per gallon.",  # a capitalised word, no stop
        "the Three per Cents opened at 76f. 60c. and closed.",  # francs and centimes
        "a road from 8t. John's Chapel to the bridge.",  # "St." misread, no sum
        "a man at 6ft, the height of the door.",  # feet, no sum
        "Apply at 12a Bond Street, or from 4e Wharf.",  # an address, not a price
    ],
)
def test_words_and_figures_that_only_look_like_sums_are_left_alone(model, text):
    assert money(model, text) == []


def test_readings_follow_the_error_model(model):
    assert read_money("Is", model).amounts == ("1s",)
    assert read_money("fid", model).amounts == ("6d",)
    assert read_money("5e", model).amounts == ("5s",)  # "e" for "s": learned, cheap
    assert read_money("9il", model).amounts == ("9d",)  # dearer unit letter, but a digit
    assert read_money("ljd", model).amounts[0] == "1\u00bdd"
    assert read_money("6d", model) is None  # already a sum
    assert read_money("lb", model) is None  # "b" for "s" is too dear in a word
    assert read_money("1b", model) is None  # and after a figure it is a pound's weight
    assert read_money("2l", model) is None  # pounds (librae)
    assert read_money("76f", model) is None  # francs
    assert read_money("God", model) is None  # 60 pence is no sum print sets
    assert read_money("Od", model) is None  # no sum begins with a nought


def test_other_detectors_leave_a_read_sum_alone(model):
    text = "Price Is. fid. In case for the pocket, 4s. The annuity of £394 Us. in cash."
    document = Document.from_text(text)
    positions = money_amounts(document, model)
    assert {document.tokens[i].text for i in positions} == {"Is", "fid", "Us"}
    findings = scan_text(text, model)
    on_sums = [f for f in findings if f.text in ("Is", "fid", "Us")]
    assert on_sums and all(f.extra.get("class") == "money" for f in on_sums)
    assert len(list(MoneyDetector().detect(document, model))) == 3


def test_money_findings_are_calibrated_and_ranked(model):
    (finding,) = [f for f in scan_text("Price ljd each.", model)
                  if f.extra.get("class") == "money"]
    assert 0 < finding.confidence <= 1
    assert [s.text for s in finding.suggestions] == ["1\u00bdd", "1\u00bcd", "1\u00bed"]
    assert finding.suggestions[0].score > finding.suggestions[1].score


def test_a_plain_word_read_as_a_sum_is_settled_without_its_neighbours(model, monkeypatch):
    """Every "is" reads as "1s": the plain ones (small letters, no stop, mid-sentence) are
    settled before the units beside them are looked at, and the sums beside them are read
    as they are without the shortcut (the cases above)."""
    from corrector.detectors import money as module

    looked: list[int] = []
    unit_at = module._unit_at

    def counted(document, j, readings, accepted, beside):
        looked.append(beside)
        return unit_at(document, j, readings, accepted, beside)

    monkeypatch.setattr(module, "_unit_at", counted)
    text = "It is cheap, and this is the price: Is. Gd. each, as it is. The rest is here."
    document = Document.from_text(text)
    found = module._find(document, model)
    plain = [i for i, t in enumerate(document.tokens) if t.text == "is"
             and document.next_char(i) != "."]
    assert len(plain) == 3 and not set(plain) & set(looked)
    assert [(document.tokens[i].text, r.amounts[0]) for i, r in sorted(found.items())] == [
        ("Is", "1s"), ("Gd", "6d")]
