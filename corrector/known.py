"""Is a printed word right for the period? The one answer every detector shares.

A word is known when the period corpus printed it often enough, when Webster's 1934 or the
SCOWL/hunspell lists have it, or when the user's word list does. Around that core sit the
forms print produces: possessives (Tzar's), hyphenated compounds whose parts are words
(semi-proletariat), words broken at a line end (frag-/ment), abbreviations, which count
only when their full stop follows (``ft.`` is feet, ``ft`` alone is a slip), and the ways
fiction prints speech: a stammer (S-s-s-say) and a word spelled out (B-r-a-i-n-s).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corrector.langdata import LanguageData, Source

if TYPE_CHECKING:
    import numpy as np

    from corrector.model import Model
    from corrector.tokentypes import TokenTypes

KNOWN_SOURCES = Source.CORPUS | Source.WEB2 | Source.SCOWL | Source.PROPER | Source.USER
POSSESSIVES = ("'s", "'")
KNOWN_BITS = int(KNOWN_SOURCES)
ABBREVIATION_BIT = int(Source.ABBREVIATION)
MEMO_SIZE = 500_000
MIN_LOOSE_PART = 3  # hyphen parts shorter than this must be attested as a compound
ARCHAIC_ENDINGS = ("eth", "est")  # "he noteth", "thou sayest"
MIN_ARCHAIC_LENGTH = 6
MIN_ARCHAIC_STEM = 3
MIN_STAMMER_REPEATS = 2  # "S-s-s-say", "W-w-well"; one ("m-morrow") is as often a misreading
MIN_SPELLED_LETTERS = 3  # "B-r-a-i-n-s"
MIN_REPEATED_WORDS = 3  # "as-as-as"; "no-no" is as often a stray hyphen
MIN_DRAWN_OUT_COUNT = 20  # a word drawn out once ("Ri-i-ley") must be one print used so often


def known_word(word: str, data: LanguageData, next_char: str = "") -> bool:
    """Whether ``word`` (normalised: straight apostrophes and hyphens) is a period word.

    Asked of nearly every word by several detectors, so answers are remembered per data
    (only a following full stop changes one: it makes an abbreviation known)."""
    memo = data.known_memo
    key = (word, next_char == ".")
    answer = memo.get(key)
    if answer is None:
        if len(memo) > MEMO_SIZE:
            memo.clear()
        answer = memo[key] = _known_word(word, data, "." if key[1] else "")
    return answer


def known_keys(types: TokenTypes, keys: np.ndarray, model: Model) -> np.ndarray:
    """``known_word`` for each of a text's (type, full stop) ``keys`` (a type's index * 2
    + whether a full stop follows), as a boolean array: kept across texts by type id
    (``TokenTypes.per_type_and_stop``), so a text asks only the words no text asked."""
    from corrector.tokentypes import TypeAnswers
    from corrector.wordmemo import word_memo

    norms, data = types.norms, model.data
    asked = keys.tolist()

    def answer(n: int) -> bool:
        return known_word(norms[asked[n] >> 1], data, "." if asked[n] & 1 else "")

    return types.per_type_and_stop(keys, answer, word_memo(model, "known word", TypeAnswers))


def _known_word(word: str, data: LanguageData, next_char: str) -> bool:
    if _known_form(word, data, next_char):
        return True
    for ending in POSSESSIVES:
        if word.endswith(ending) and _known_form(word[: -len(ending)], data, ""):
            return True
    if _archaic_verb_form(word, data):
        return True
    if "-" in word and _speech_form(word, data):
        return True
    if "-" in word:
        # A compound (or words joined by a dash) is known when every part is; but two
        # short parts ("Hi-re") are more likely one word with a stray hyphen.
        parts = [p for p in word.split("-") if p]
        return (
            bool(parts)
            and max(len(p) for p in parts) > MIN_LOOSE_PART
            and all(p.isdigit() or _known_word(p, data, "") for p in parts)
        )
    return False


def _speech_form(word: str, data: LanguageData) -> bool:
    """A word as fiction prints it spoken: stammered, its first letters or syllable
    repeated before it ("S-s-s-say", "th-th-that"), or spelled out a letter at a time
    ("B-r-a-i-n-s"). OCR makes neither: a misread letter between hyphens ("m-morrow"
    for "to-morrow", "I-Iogg" for "Hogg") repeats one piece at most, and its letters
    seldom spell a word."""
    parts = word.lower().split("-")
    if not all(part.isalpha() for part in parts):
        return False
    *start, last = parts
    if (len(start) >= MIN_STAMMER_REPEATS and len(last) > 1
            and all(len(piece) < len(last) and last.startswith(piece) for piece in start)):
        return _known_word(last, data, "")
    if (len(parts) >= MIN_SPELLED_LETTERS and len(parts[0]) <= 2
            and all(len(part) == 1 for part in parts[1:])
            and _known_word("".join(parts), data, "")):
        return True  # spelled out, the first letter or two together: "Gr-e-a-t"
    if len(parts) >= MIN_REPEATED_WORDS and len(set(parts)) == 1:
        return _known_word(parts[0], data, "")  # a word said over: "as-as-as"
    return _drawn_out(parts, data)


def _drawn_out(parts: list[str], data: LanguageData) -> bool:
    """A sound drawn out, a letter repeated between hyphens after the piece it ends
    ("Ri-i-ley", "Shu-shu-u-u-u", "Ziz-z-z-z", "maw-w-w-ch"): twice at least, or once
    inside a word print used, the repeat taken out (not at its end: "ar-r", "d-d" are
    as often a misreading's leftovers, and a word only a list knows may be one too:
    "bwr-r"). OCR splits a word at a misread letter, but seldom repeats the letter before
    it."""
    kept = [parts[0]]
    repeats = 0
    for part in parts[1:]:
        if len(part) == 1 and part == kept[-1][-1]:
            repeats += 1
        elif part != kept[-1]:
            kept.append(part)
    if repeats == 0:
        return False
    return repeats >= MIN_STAMMER_REPEATS or (
        len(kept) > 1 and data.count("".join(kept)) >= MIN_DRAWN_OUT_COUNT)


def _archaic_verb_form(word: str, data: LanguageData) -> bool:
    """"noteth", "fulfilleth", "severeth", "sayest": the -eth and -est forms of a known
    verb, which period sermons, pamphlets and translations print far more often than any
    list holds them. Only a form period books did print (however rarely), so an OCR
    garble that happens to end in "eth" is still doubted."""
    if (len(word) < MIN_ARCHAIC_LENGTH or not word.islower()
            or not word.endswith(ARCHAIC_ENDINGS) or data.count(word) < 1):
        return False
    stem = word[:-3]
    stems = (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else None)
    return any(s and len(s) >= MIN_ARCHAIC_STEM and _known_form(s, data, "") for s in stems)


def _known_form(word: str, data: LanguageData, next_char: str) -> bool:
    if word in data.user_words:
        return True
    flags = data.source_bits(word)
    if flags & KNOWN_BITS:
        return True
    return bool(flags & ABBREVIATION_BIT) and next_char == "."
