"""The evaluation's definitions, on hand-made pairs whose figures are known."""

from __future__ import annotations

from corrector.evaluate import Pair, evaluate
from corrector.finding import Finding, Kind, Suggestion


def finding(text: str, word: str, fix: str | None, nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    suggestions = (Suggestion(fix, 1.0),) if fix else ()
    return Finding(start, start + len(word), word, Kind.NON_WORD, 1.0, suggestions, "")


def test_hits_misses_false_flags_and_wer():
    ocr = "tbe cat sat on tbe mat"
    truth = "the cat sat on the mat"
    pair = Pair("x", ocr, truth)
    flags = [finding(ocr, "tbe", "the"), finding(ocr, "sat", "sat")]
    score = evaluate([pair], lambda text: flags if text == ocr else [])
    assert (score.true_flags, score.false_flags, score.errors, score.errors_found) == (1, 1, 2, 1)
    assert score.precision == 0.5
    assert score.recall == 0.5
    assert score.top1 == 1.0
    assert score.wer_before == 2 / 6
    assert score.wer_after == 1 / 6
    assert score.clean_flags == 0


def test_punctuation_only_differences_are_neither_hits_nor_false_flags():
    ocr = "the cat, sat"
    pair = Pair("x", ocr, "the cat sat")
    score = evaluate([pair], lambda text: [finding(ocr, "cat,", "cat")] if text == ocr else [])
    assert (score.true_flags, score.false_flags, score.errors) == (0, 0, 0)


def test_flags_on_the_corrected_text_count_as_false_flags():
    pair = Pair("x", "a b", "a b")
    score = evaluate([pair], lambda text: [finding(text, "b", "c")])
    assert score.clean_flags_per_10k == 10_000 / 2
