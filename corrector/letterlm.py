"""How word-like a spelling is: a letter model of period spellings.

A name no list holds ("Souvarine", "Bukharin", "Mensheviks") is still spelt the way English
and European words are; OCR debris seldom is ("Hft", "Joioey", "Ointiaeut"). A letter
4-gram model of the words period print used (each spelling once, so common words do not
outweigh rare ones) says how probable each letter is after the three before it, and a
spelling's mean log-probability per letter is its word-likeness: high for names, low for
debris. ``_unspellable`` in the non-word detector asks a harder question (is any letter
trigram unheard of?); this one grades the spellings that pass it.

Witten-Bell interpolation blends each order with the one below, by how many different
letters the context has been seen before: the standard smoothing for letter models, which
needs no tuning. The counts are stored with the language data (``letter-model.tsv``,
written by ``wordlists build``, a pure function of the lexicon) and read on first use:
building them takes a second, reading them a few hundredths.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

from corrector.langdata import LanguageData, stored_lines

ORDER = 4  # letters of context + the letter predicted
MIN_WORD_COUNT = 5  # spellings print used this often teach the model
LETTER_MODEL_FILE = "letter-model.tsv"
MAX_KEPT_SCORES = 65_536  # spellings whose score is kept (an archive's debris is unbounded)
_START, _END = "^", "$"


def _header() -> str:
    return f"# order={ORDER} min_word_count={MIN_WORD_COUNT}"


def _marked(word: str) -> str:
    return _START * (ORDER - 1) + word + _END


def letter_counts(data: LanguageData) -> Counter[str]:
    """How many period spellings have each letter n-gram (orders 1 to ``ORDER``, with the
    word's start and end marked), each spelling counted once."""
    counts: Counter[str] = Counter()
    for word, count in zip(data.vocab, data.counts):
        if count < MIN_WORD_COUNT or not word.isalpha():
            continue
        marked = _marked(word)
        for end in range(ORDER - 1, len(marked)):
            counts.update(marked[end - k : end + 1] for k in range(ORDER))
    return counts


def write_letter_model(directory: Path, data: LanguageData) -> None:
    """Store ``letter_counts(data)`` beside the rest of the language data."""
    from corrector.atomic import write_text

    lines = [_header(), *(f"{gram}\t{n}" for gram, n in sorted(letter_counts(data).items()))]
    write_text(directory / LETTER_MODEL_FILE, "\n".join(lines) + "\n")


def _read_counts(data: LanguageData) -> Counter[str] | None:
    lines = stored_lines(data, LETTER_MODEL_FILE, _header())
    if lines is None:
        return None
    counts: Counter[str] = Counter()
    for line in lines:
        gram, _, n = line.partition("\t")
        if n:
            counts[gram] = int(n)
    return counts


class LetterModel:
    """Witten-Bell interpolated letter n-grams over period spellings."""

    def __init__(self, counts: Counter[str]) -> None:
        self._counts = counts
        seen: Counter[str] = Counter()  # context -> letters seen after it (tokens)
        kinds: Counter[str] = Counter()  # context -> distinct letters seen after it
        for gram, n in counts.items():
            seen[gram[:-1]] += n
            kinds[gram[:-1]] += 1
        self._seen, self._kinds = seen, kinds
        self._alphabet = kinds[""] + 1  # the letters seen, and one for any other
        self._memo: dict[str, float] = {}

    def probability(self, context: str, letter: str) -> float:
        """P(``letter`` | the last ``ORDER - 1`` characters of ``context``)."""
        p = (self._counts.get(letter, 0) + 1) / (self._seen[""] + self._alphabet)
        for k in range(1, ORDER):
            if len(context) < k:
                break
            history = context[-k:]
            kinds = self._kinds.get(history, 0)
            if not kinds:
                break  # (a longer history is unseen too)
            p = (self._counts.get(history + letter, 0) + kinds * p) / (self._seen[history] + kinds)
        return p

    def wordlike(self, word: str) -> float:
        """Mean natural-log probability per letter of ``word`` (lower-cased), its end
        included: about -2 for common English spellings, below -3.5 for most debris."""
        lower = word.lower()
        found = self._memo.get(lower)
        if found is None:
            marked = _marked(lower)
            total = sum(math.log(self.probability(marked[:end], marked[end]))
                        for end in range(ORDER - 1, len(marked)))
            if len(self._memo) >= MAX_KEPT_SCORES:
                self._memo.clear()
            found = self._memo[lower] = total / (len(lower) + 1)
        return found


_MODELS: dict[int, LetterModel] = {}


def letter_model(data: LanguageData) -> LetterModel:
    """The letter model of ``data``'s spellings: read from the stored counts, or built
    (data without the file, or made with other settings)."""
    found = _MODELS.get(id(data))
    if found is None:
        found = _MODELS[id(data)] = LetterModel(_read_counts(data) or letter_counts(data))
    return found
