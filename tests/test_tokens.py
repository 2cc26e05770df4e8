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


def _plain_tokens(text: str) -> list[tuple]:
    """The tokenizer's definition, one regex match at a time and nothing remembered: the
    fast path (line cuts found in one pass, forms remembered per word) must agree with it."""
    from corrector.tokens import _LINE_BREAK_RE, _WORD_RE, classify, normalise

    matches = list(_WORD_RE.finditer(text))
    out: list[tuple] = []
    skip_next = False
    for i, match in enumerate(matches):
        if skip_next:
            skip_next = False
            continue
        start, end = match.span()
        word = match.group()
        tail = _LINE_BREAK_RE.match(text, end)
        if (i + 1 < len(matches) and tail and tail.end() == matches[i + 1].start()
                and word[-1].isalpha()):
            joined_end = matches[i + 1].end()
            joined = word + matches[i + 1].group()
            out.append((text[start:joined_end], start, joined_end, normalise(joined),
                        classify(joined, text[joined_end : joined_end + 1]), True))
            skip_next = True
            continue
        out.append((word, start, end, normalise(word), classify(word, text[end : end + 1]),
                    False))
    return out


@given(st.lists(st.sampled_from(["I", "V", "J", "xiv", "the", "frag", "ment", "1919", "4to",
                                 "bro1ught", "Tzar’s", "semi-", "-", "¬", ".", ",", " ", "\n",
                                 "  \n", "\t", "a", "A"]), max_size=40).map("".join))
def test_fast_tokenizer_agrees_with_its_plain_definition(text):
    assert [tuple(t) for t in tokenize(text)] == _plain_tokens(text)
    # The same words again (now remembered) give the same tokens.
    assert [tuple(t) for t in tokenize(text)] == _plain_tokens(text)


def test_the_quick_word_tests_agree_with_the_plain_ones():
    """``normalise`` skips ``translate`` for a word of letters and digits, and ``_is_roman``
    the pattern for a word with a letter of no numeral: both give the plain answers
    (``translate``, the pattern) for every character alone, doubled and inside a word."""
    import sys

    from corrector.tokens import _APOSTROPHE_TABLE, _ROMAN_RE, _is_roman, normalise

    def plain_roman(word: str) -> bool:
        if not _ROMAN_RE.fullmatch(word):
            return False
        if word.isupper():
            return len(word) > 1 or (word in "IVXLCDM" and word != "I")
        return word.islower() and len(word) >= 2 and set(word) <= set("ivxlc")

    for code in range(sys.maxunicode + 1):  # every character alone
        char = chr(code)
        assert normalise(char) == char.translate(_APOSTROPHE_TABLE), hex(code)
        assert _is_roman(char) == plain_roman(char), hex(code)
    for char in map(chr, [*range(0x800), 0x2010, 0x2011, 0x2018, 0x2019, 0x212A]):
        for word in (char * 2, f"d{char}n", f"X{char}I", f"x{char}", f"mc{char}v"):
            assert normalise(word) == word.translate(_APOSTROPHE_TABLE), word
            assert _is_roman(word) == plain_roman(word), word
