"""The text's own OCR errors: misreadings one scan makes again and again.

A scanner misreads the same shapes the same way all through a text: a book whose fi and fl
ligatures were lost prints "rst", "eld" and "oor" for "first", "field" and "floor" on every
page, a newspaper whose "h" breaks up prints "tlie" and "wliich". The error model prices
each edit by how often scanners in general make it; on such a text one edit is far
likelier than that. Its clear non-words show it: a word no list knows whose best
explanation is cheap and well ahead of the next one names the edits that made it. An edit
named by several different such words is this text's habit, and the detectors price it
lower here, so "nd" is weighed as "find" and "tlic" read as "the" where the text keeps
losing those letters. (A lost single letter names no habit: words also differ by one in
grammar, "year" and "years".)
"""

from __future__ import annotations

from collections import Counter

from corrector.document import Document
from corrector.errormodel import segment_edits
from corrector.known import known_word
from corrector.model import Model
from corrector.wordmemo import word_memo

MIN_WORD_LENGTH = 4  # shorter non-words have too many explanations to name one edit
SURE_COST = 4.5  # a non-word's best explanation must be this cheap ...
CLEAR_MARGIN = 1.5  # ... and this much cheaper than the next one
MIN_WORDS = 3  # an edit this many distinct non-words show is the text's habit
DISCOUNT = 2.5  # nats off each of the text's habitual edits (a twelve times likelier one)
# A lost final "s" names no habit (grammar makes "year" of "years" too), but a common word
# printed without its final s where grammar never drops it ("wa", "hi", "thi", "ha" for
# "was", "his", "this", "has") shows a text whose final s's fade: there any word is likelier
# its own form with an s than elsewhere.
WITH_S_COUNT = 1000  # the word with its s must be this common in period print ...
WITH_S_RATIO = 20  # ... and this many times commoner than without it
# Such words must be at least one in this many of the text's words: a long text (a novel)
# holds a stray "hi" or "u" anywhere, a text that drops s's holds them densely.
WORDS_PER_BARE = 500
FINAL_S_DISCOUNT = 2.0  # nats off reading a word as itself plus "s" on such a text

Edit = tuple[str, str]  # (correct, seen)
# The f ligatures a scanner that lost one loses all of: the glyphs, not the letters, went
# unread, so a text that shows "rst" and "nd" for "first" and "find" reads "oor" as "floor"
# too, though the lost fl is seldom shown by three words of its own.
LOST_LIGATURES = frozenset({("fi", ""), ("fl", ""), ("ff", ""), ("ffi", ""), ("ffl", "")})


def habitual_edits(document: Document, model: Model) -> frozenset[Edit]:
    """The edits (correct, seen) that ``MIN_WORDS`` or more distinct clear non-words of
    the text show, each word counted once however often it is printed. (Kept on the
    document, which the detectors ask in turn: ``Document.kept``.)"""
    return document.kept("habitual edits", model, lambda: _habitual_edits(document, model))


def _habitual_edits(document: Document, model: Model) -> frozenset[Edit]:
    import numpy as np  # (the document's types are arrays already)

    from corrector.tokentypes import TypeAnswers

    types = document.types
    # Each distinct word printed as a word somewhere in the text, once: the clear
    # non-words are a handful of the text's types. Whether a word is one depends on the
    # word alone, so the answer is kept for the process by type (a folder's texts share
    # most words) and only the words no text asked before are weighed.
    printed_as_word = np.zeros(len(types.norms), dtype=bool)
    printed_as_word[types.of_token[types.word]] = True
    clear = types.per_type(lambda word: _clear_nonword(word, model),
                           word_memo(model, "clear non-word", TypeAnswers))
    nearby = model.suggester.nearby
    counts: Counter[Edit] = Counter()
    for k in np.flatnonzero(printed_as_word & clear).tolist():
        word = types.norms[k]
        counts.update(edit for edit in set(segment_edits(nearby(word)[0][0], word))
                      if len(edit[0]) > 1 or edit[1])
    habits = {edit for edit, n in counts.items() if n >= MIN_WORDS}
    if habits & LOST_LIGATURES:  # one cause, every f ligature: the glyphs went unread
        habits |= LOST_LIGATURES
    return frozenset(habits)


def _clear_nonword(word: str, model: Model) -> bool:
    """Whether ``word`` is a clear non-word: lower-case letters, ``MIN_WORD_LENGTH`` or
    more, known to no list, and its best explanation cheap and well ahead of the next."""
    if len(word) < MIN_WORD_LENGTH or not word.isalpha() or not word.islower():
        return False
    if known_word(word, model.data):
        return False
    near = model.suggester.nearby(word)
    if not near or near[0][1] > SURE_COST:
        return False
    return len(near) == 1 or near[1][1] - near[0][1] >= CLEAR_MARGIN


def lost_final_s(document: Document, model: Model) -> frozenset[str]:
    """The words (lower case) of the text that are a common word less its final s
    (``_bare_of_common``): evidence that this text drops final s's; none when they are
    fewer than one in ``WORDS_PER_BARE`` of its words."""
    import numpy as np

    from corrector.tokentypes import TypeAnswers

    types = document.types
    times = np.bincount(types.of_token[types.word], minlength=len(types.norms))
    bare = types.per_type(lambda word: _bare_of_common(word, model),
                          word_memo(model, "bare of common s word", TypeAnswers))
    if int(times[bare].sum()) * WORDS_PER_BARE < int(times.sum()):
        return frozenset()
    return frozenset(types.norms[k].lower() for k in np.flatnonzero(bare & (times > 0)).tolist())


def _bare_of_common(word: str, model: Model) -> bool:
    """Whether ``word`` is a period word's form with its final s lost: that form is
    common and far commoner than ``word`` ("wa", "thi"; not "year", "member")."""
    if not word.isalpha():
        return False
    lower = word.lower()
    data = model.data
    with_s = data.count(lower + "s")
    return with_s >= WITH_S_COUNT and with_s >= WITH_S_RATIO * data.count(lower)


def drops_final_s(word: str, evidence: frozenset[str]) -> bool:
    """Whether the text shows lost final s's by a word other than ``word`` itself (a
    word is no evidence for its own reading)."""
    return bool(evidence) and not evidence <= {word}


def discount(correct: str, seen: str, habits: frozenset[Edit]) -> float:
    """How much cheaper reading ``correct`` as ``seen`` is on this text: ``DISCOUNT`` for
    each habitual edit the reading needs."""
    if not habits:
        return 0.0
    return DISCOUNT * sum(edit in habits for edit in segment_edits(correct, seen))
