"""Split text into word tokens whose offsets map exactly back to the source.

Every later stage (detectors, patches, review) edits the source by offsets, so the tokenizer
never rewrites the text: a token's ``text`` is always ``source[start:end]``. What it adds is a
``norm`` form for look-ups (curly apostrophes made straight, a word broken across a line end
joined up) and a ``shape`` that tells detectors what sort of token it is, so that numbers,
roman numerals and initials are left alone without each detector re-deriving that.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from enum import Enum
from itertools import accumulate, compress, repeat
from operator import is_, itemgetter
from typing import NamedTuple

APOSTROPHES = "'\u2019\u2018\u02bc"
HYPHENS = "-\u2010\u2011"

# A run of letters/digits, with single internal apostrophes or hyphens between them.
_JOINERS = re.escape(APOSTROPHES + HYPHENS)
_WORD_RE = re.compile(r"[^\W_]+(?:[" + _JOINERS + r"][^\W_]+)*")
# split: gaps and words in turn. The same words, matched possessively: a run of letters
# ends where a non-letter begins, so nothing matched need ever be given back (the engine
# then keeps no backtracking points: a tenth faster over a book).
_WORD_SPLIT_RE = re.compile(r"([^\W_]++(?:[" + _JOINERS + r"][^\W_]++)*+)")
# A word cut at a line end: "frag-" then optional spaces, a newline, optional indentation.
# Some transcriptions (impresso's newspapers) mark the cut with a not sign: "Stock¬\nholm".
_LINE_BREAK_RE = re.compile(r"[" + re.escape(HYPHENS + "\u00ac") + r"][ \t]*\r?\n[ \t]*")
_ROMAN_RE = re.compile(
    r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})", re.IGNORECASE
)
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
# 1st, 22nd, 3rd, 4th, 4to, 8vo, 12mo, 2d, 3d (period ordinals and book sizes), 1s, 6d.
_NUMERIC_ABBREV_RE = re.compile(r"\d+(?:st|nd|rd|th|d|s|to|vo|mo)", re.IGNORECASE)
# Digits (and vulgar fractions) then at most four letters: a quantity with its unit.
_MEASURE_RE = re.compile(r"[\d\u00bc-\u00be\u2150-\u215e]+(?:[.,]\d+)*[^\W\d_]{0,4}")
_APOSTROPHE_TABLE = str.maketrans({c: "'" for c in APOSTROPHES} | {c: "-" for c in HYPHENS})
_LETTER_APOSTROPHE = "\u02bc"  # (the one apostrophe ``str.isalnum`` takes for a letter)
_ROMAN_LETTERS = "MDCLXVImdclxvi\u0130\u0131"  # every letter ``_ROMAN_RE`` matches (İ, ı too)


class Shape(str, Enum):
    """What sort of token this is; detectors only look at WORD tokens."""

    WORD = "word"
    NUMBER = "number"
    ROMAN = "roman"
    INITIAL = "initial"
    MIXED = "mixed"  # letters and digits interleaved: "bro1ught", usually OCR damage


class Token(NamedTuple):
    """A word in the source: ``text == source[start:end]``; ``norm`` is the look-up form.

    A named tuple rather than a frozen dataclass: a text makes one per word, and a tuple is
    built several times faster (fields, immutability and equality are the same)."""

    text: str
    start: int
    end: int
    norm: str
    shape: Shape
    line_broken: bool = False  # joined across a line-end hyphen ("frag-\\nment")


def normalise(word: str) -> str:
    """Fold typographic apostrophes and hyphens so look-ups see one spelling. (A word of
    letters and digits alone has none to fold but the modifier apostrophe, a letter to
    ``isalnum``: it is returned as it is, without the far slower ``translate``.)"""
    if word.isalnum() and _LETTER_APOSTROPHE not in word:
        return word
    return word.translate(_APOSTROPHE_TABLE)


def classify(word: str, next_char: str) -> Shape:
    """Decide a token's shape from its letters and the character after it."""
    # (ASCII letters alone hold no numeral: most words settle without a look at each letter.)
    has_digit = not (word.isascii() and word.isalpha()) and any(c.isnumeric() for c in word)
    if has_digit:
        if _NUMBER_RE.fullmatch(word) or _NUMERIC_ABBREV_RE.fullmatch(word):
            return Shape.NUMBER
        if _MEASURE_RE.fullmatch(word):
            return Shape.NUMBER  # a number with its unit or fraction: 160lbs, 2½d, 6in
        return Shape.MIXED
    if len(word) == 1 and word.isupper() and next_char == ".":
        return Shape.INITIAL
    if _is_roman(word):
        return Shape.ROMAN
    return Shape.WORD


def _is_roman(word: str) -> bool:
    """Upper-case roman numerals (XIX, IV) and lower-case ones of two letters or more (xiv)."""
    if word.strip(_ROMAN_LETTERS) or not _ROMAN_RE.fullmatch(word):  # (a letter of no numeral)
        return False
    if word.isupper():
        return len(word) > 1 or (word in "IVXLCDM" and word != "I")
    return word.islower() and len(word) >= 2 and set(word) <= set("ivxlc")


_NORM_OF, _SHAPE_OF = itemgetter(0), itemgetter(1)
_FORMS: dict[str, tuple[str, Shape]] = {}  # word of two letters or more -> (norm, shape)
_LETTER_FORMS: dict[str, tuple[str, Shape]] = {}  # one letter (+ "." before a stop) -> form
FORMS_MEMO_SIZE = 50_000  # a book uses 15,000-30,000 distinct forms; a few MB at most


def _form(word: str, next_char: str) -> tuple[str, Shape]:
    """``normalise(word)`` and ``classify(word, next_char)``, remembered per distinct word:
    a text repeats a few thousand words for its tens of thousands of tokens. Only a
    one-letter word's shape depends on what follows it (a capital before a full stop is an
    initial), so those are kept apart, keyed with whether a full stop follows: a look-up
    of any word in ``_FORMS`` is then right whatever follows it."""
    if len(word) > 1:
        memo, key = _FORMS, word
    else:
        memo, key = _LETTER_FORMS, word + "." if next_char == "." else word
    form = memo.get(key)
    if form is None:
        if len(memo) > FORMS_MEMO_SIZE:
            memo.clear()
        form = memo[key] = (normalise(word), classify(word, next_char))
    return form


def tokenize(text: str) -> Iterator[Token]:
    """Yield the word tokens of ``text`` in order, joining words split at a line-end hyphen."""
    return iter(tokenize_list(text))


def tokenize_list(text: str) -> list[Token]:
    """``tokenize`` as a list (``tokenize_with_gaps``'s tokens)."""
    return tokenize_with_gaps(text)[0]


def tokenize_with_gaps(text: str) -> tuple[list[Token], list[str]]:
    """``tokenize`` as a list, and the text between each token and the next, which the
    split gives for nothing (but where a line-end cut was joined: that gap is dropped).
    Every Document tokenizes a whole text, so the per-token work here is most of what
    reading a text costs.

    Each pass runs in C: the pattern splits the text into gaps and words (so offsets are
    running sums of lengths), forms come from the memo, tokens are built by ``tuple.__new__``
    from zipped fields. Python looks only at what those passes cannot settle: words not yet
    in the memo, one-letter words (whose shape depends on what follows), line-end cuts."""
    parts = _WORD_SPLIT_RE.split(text)  # gap, word, gap, word, ..., gap
    words = parts[1::2]
    if not words:
        return [], []
    offsets = list(accumulate(map(len, parts), initial=0))
    starts, ends = offsets[1:-1:2], offsets[2::2]  # (offsets: where each part starts)
    forms = list(map(_FORMS.get, words))  # (None for one-letter words: not kept there)
    for k in compress(range(len(forms)), map(is_, forms, repeat(None))):
        end = ends[k]
        forms[k] = _form(words[k], text[end : end + 1])
    tokens = list(map(tuple.__new__, repeat(Token), zip(
        words, starts, ends, map(_NORM_OF, forms), map(_SHAPE_OF, forms), repeat(False))))
    # Where a line-end cut ("frag-\n") starts -> where the next line's word starts.
    breaks = {m.start(): m.end() for m in _LINE_BREAK_RE.finditer(text)}
    gaps = parts[2:-1:2]
    if breaks:
        for k in reversed(_join_line_breaks(text, tokens, words, starts, ends, breaks)):
            del gaps[k]  # (the cut itself: the joined word's two pieces became one token)
    return tokens, gaps


def _join_line_breaks(text: str, tokens: list[Token], words: list[str], starts: list[int],
                      ends: list[int], breaks: dict[int, int]) -> list[int]:
    """Join, in place, each word cut at a line end with the next line's word: "frag-\nment"
    is one token, its norm the joined word. A joined word's second piece is not joined on.
    Returns the indexes (among the words) of the words joined with the next, in order."""
    last = len(words) - 1
    cut = sorted(bisect_left(ends, at) for at in breaks.keys() & set(ends))
    joined_at: list[int] = []
    for k in cut:
        if k >= last or (joined_at and joined_at[-1] == k - 1):
            continue  # (the text's last word, or the second piece of a word just joined)
        following = k + 1
        if breaks[ends[k]] == starts[following] and words[k][-1].isalpha():
            start, joined_end = starts[k], ends[following]
            norm, shape = _form(words[k] + words[following], text[joined_end : joined_end + 1])
            tokens[k] = Token(text[start:joined_end], start, joined_end, norm, shape, True)
            joined_at.append(k)
    for k in reversed(joined_at):
        del tokens[k + 1]
    return joined_at


SENTENCE = "<s>"  # context marker: a sentence boundary between two words
COMMA = ","
SEMICOLON = ";"
MARKERS = frozenset({SENTENCE, COMMA, SEMICOLON})  # the markers, as words of the vocabulary
_CLOSERS = "\"'\u201d\u2019)]"


def gap_marker(gap: str) -> str | None:
    """What separates two adjacent words, as the language model sees it.

    "" for plain white space, a marker (SENTENCE, COMMA, SEMICOLON) for the punctuation that
    matters to the next word's odds ("ignorant, but" vs "ignorant, put"), None for anything
    else (dashes, brackets, quotes), where the pair says nothing reliable.
    """
    if "\n\n" in gap or "\n\r\n" in gap:
        return SENTENCE
    stripped = gap.strip()
    if not stripped:
        return ""
    head = stripped.lstrip(_CLOSERS)[:1]
    if head in (".", "!", "?"):
        return SENTENCE
    if head == ",":
        return COMMA
    if head in (";", ":"):
        return SEMICOLON
    return None


class LineIndex:
    """Map code-point offsets to 1-based line and column numbers."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        """Return (line, column), both 1-based, of the character at ``offset``."""
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1
