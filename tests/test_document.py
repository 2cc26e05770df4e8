"""Document: the language model's view of a text (its sequence and each token's window)."""

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from corrector.context_batch import NONE, item_ids
from corrector.document import Document
from corrector.tokens import SENTENCE, Shape, gap_marker

TEXTS = st.lists(st.sampled_from(["the", "Be", "1919", "xiv", " ", "  ", ", ", ". ", "; ",
                                  " — ", "\n", "\n\n", "(", ")", "“", "”", "frag-\n", "ment"]),
                 max_size=30).map("".join)


def _plain_sequence(document: Document) -> tuple[list, list[int]]:
    """The sequence as the corpus counts build it, a gap at a time with nothing remembered."""
    sequence: list = []
    where: list[int] = []
    tokens, text = document.tokens, document.text
    for i, token in enumerate(tokens):
        if i == 0:
            if not text[: token.start].strip():
                sequence.append(SENTENCE)
        else:
            marker = gap_marker(text[tokens[i - 1].end : token.start])
            if marker != "":
                sequence.append(marker)
        where.append(len(sequence))
        sequence.append(token.norm.lower() if token.shape is Shape.WORD else None)
    if tokens:
        sequence.append(gap_marker(text[tokens[-1].end :]) or None)
    return sequence, where


@given(TEXTS)
def test_model_sequence_is_the_plain_construction(model, text):
    document = Document.from_text(text)
    assert document.model_ids(model.data).tolist() == [
        NONE, NONE, *item_ids(model.data, document.model_sequence()[0]).tolist(), NONE, NONE]
    tokens = document.tokens
    assert document.gaps == [text[a.end : b.start] for a, b in pairwise(tokens)]
    sequence, where = _plain_sequence(document)
    assert document.model_sequence() == (sequence, where)
    assert document.model_places().tolist() == where
    for i, p in enumerate(where):  # each token's window, read from the plain sequence
        left = sequence[p - 1] if p >= 1 else None
        right = sequence[p + 1] if p + 1 < len(sequence) else None
        assert document.window(i) == (sequence[p - 2] if left and p >= 2 else None, left,
                                      right, sequence[p + 2] if right and p + 2 < len(sequence)
                                      else None)


def test_windows_read_words_and_markers_either_side():
    document = Document.from_text("He said, the man was here. Then")
    words = [t.text for t in document.tokens]
    assert document.window(words.index("the")) == ("said", ",", "man", "was")
    assert document.window(words.index("here")) == ("man", "was", SENTENCE, "then")
    assert document.window(0) == (None, SENTENCE, "said", ",")
    assert Document.from_text("").model_sequence() == ([], [])


def test_sentence_starts_are_after_stops_and_blank_lines_not_after_spaces():
    document = Document.from_text("The Internet Archive holds it.\n\nNext para. “Quoted” end")
    initial = {t.text: document.sentence_initial(i) for i, t in enumerate(document.tokens)}
    assert initial["The"] and initial["Next"] and initial["Quoted"]
    assert not initial["Internet"] and not initial["Archive"] and not initial["holds"]
    assert not initial["end"]
