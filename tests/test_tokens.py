"""The tokenizer: offsets map exactly back to the source, and shapes are right."""

from hypothesis import given
from hypothesis import strategies as st

from corrector.tokens import LineIndex, Shape, tokenize


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def test_offsets_slice_back_to_the_text():
    text = "The Tzar’s men—and women—went to Moscow; it’s 1919.\n"
    for token in tokenize(text):
        assert text[token.start : token.end] == token.text


def test_apostrophes_straight_and_curly_stay_in_the_word():
    assert words("Tzar’s d'etat workers’ can't") == ["Tzar’s", "d'etat", "workers", "can't"]
    assert [t.norm for t in tokenize("Tzar’s")] == ["Tzar's"]


def test_hyphenated_compounds_are_one_token():
    assert words("the semi-proletariat and petty-bourgeois") == [
        "the", "semi-proletariat", "and", "petty-bourgeois",
    ]


def test_line_end_hyphenation_is_joined_with_a_span_over_both_parts():
    text = "the frag-\n  ment of it"
    tokens = list(tokenize(text))
    joined = tokens[1]
    assert joined.norm == "fragment"
    assert joined.line_broken
    assert text[joined.start : joined.end] == "frag-\n  ment"
    assert [t.text for t in tokens[2:]] == ["of", "it"]


def test_a_dash_is_not_a_hyphen():
    assert words("yoke – that of") == ["yoke", "that", "of"]


def test_shapes_numbers_roman_numerals_initials_and_damage():
    text = "Chapter XIX, 1919, 4to, 1st, J. M. Barrie bro1ught"
    shapes = {t.text: t.shape for t in tokenize(text)}
    assert shapes["XIX"] is Shape.ROMAN
    assert shapes["1919"] is Shape.NUMBER
    assert shapes["4to"] is Shape.NUMBER
    assert shapes["1st"] is Shape.NUMBER
    assert shapes["J"] is Shape.INITIAL
    assert shapes["Barrie"] is Shape.WORD
    assert shapes["bro1ught"] is Shape.MIXED


def test_the_pronoun_i_is_a_word_not_a_numeral():
    assert [t.shape for t in tokenize("I think")] == [Shape.WORD, Shape.WORD]


def test_line_index_gives_one_based_line_and_column():
    index = LineIndex("ab\ncd\n\nef")
    assert index.position(0) == (1, 1)
    assert index.position(4) == (2, 2)
    assert index.position(7) == (4, 1)


@given(st.text())
def test_any_text_tokenizes_with_exact_offsets(text):
    last = 0
    for token in tokenize(text):
        assert last <= token.start < token.end <= len(text)
        assert text[token.start : token.end] == token.text
        last = token.end
