"""Type-first scanning (``corrector.tokentypes``) must decide exactly as the plain per-token
loops it replaced. Each reference below is that loop, kept here as the specification; the
texts mix what the shortcuts could get wrong: capitals and initials, drop capitals, words
cut at line ends, contractions printed apart, print forms ("1s.", "&c."), abbreviations
known only before a full stop, numbers and mixed tokens, and rare variants of common words."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from corrector import docerrors
from corrector.detectors import consistency, money, nonword, printforms, realword, splitword
from corrector.document import Document
from corrector.errormodel import segment_edits
from corrector.known import known_word
from corrector.tokens import Shape, tokenize_list
from tests.test_tokens import _plain_tokens

DATA = Path(__file__).resolve().parent.parent / "data"

PIECES = ["the", "The", "THE", "T", "HE", "W", "ANTED", "a", "A", "I", "I.", "J.", "Mr.",
          "he", "be", "bad", "had", "arid", "and", "tho", "Tlie", "ft", "ft.", "Is", "Is.",
          "Gd.", "6d.", "1s.", "2s.", "fid", "fid.", "Ac.", "&c.", "kc.", "Sec.", "£2", "it",
          "'s", "’s", "wo", "n't", "ca", "re", "'ll", "semi-", "proletariat", "frag-\n",
          "ment", "pro- ",
          "perty", "to-day", "today", "to-", "\nday", "Bukharin", "Bukharim", "Bukbarin",
          "bro1ught", "1919", "XIX", "xiv", "Shildon", "Gilley", "nuke", "okay", "every",
          "day", "any", "thing", "sub", "net", "ones", "Each", "Stock¬\nholm", "don’t",
          "étè", "x2", "CorrEE", "Policeconstable"]
GAPS = [" ", " ", " ", ", ", ". ", "; ", "\n", "\n\n", " — ", " (", ") ", "“", "” ", "'"]
TEXTS = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)),
                 max_size=40).map(lambda parts: "".join(p + g for p, g in parts))


def seed_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "seeds").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8")
              for p in sorted((DATA / "eval-sample").glob("*.ocr.txt"))]
    return [t for t in texts if t.strip()]


# --- the per-token references -------------------------------------------------------------


def reference_candidates(document, model):
    text = document.text
    sequence, where = document.model_sequence()
    last = len(sequence) - 1
    verdicts: dict[str, int] = {}
    distinct: list = []
    printed: list[bool] = []
    positions, kinds = [], []
    tokens = document.tokens
    for i, token in enumerate(tokens):
        if token.shape is not Shape.WORD or token.line_broken:
            continue
        word = token.norm
        full_stop = text[token.end : token.end + 1] == "."
        key = word + "." if full_stop else word
        kind = verdicts.get(key)
        if kind is None:
            verdict = realword._weighable(word, full_stop, model)
            kind = verdicts[key] = len(distinct) if verdict else -1
            if verdict:
                distinct.append(verdict)
                printed.append(model.data.count(verdict[0]) > 0)
        if kind < 0:
            continue
        if len(word) <= 3 and printforms.print_form(document, i, model) is not None:
            continue
        if i in money.money_amounts(document, model):
            continue
        if ((len(token.text) == 1 or (i and len(tokens[i - 1].text) == 1))
                and realword._drop_capital(document, i, model)):
            continue
        if nonword.contraction_piece(document, i):
            continue
        if not printed[kind] and realword._capitalised_midsentence(document, i, model):
            continue
        before = tokens[i - 1].norm if i else ""
        if (realword._title_case(word) and realword._title_case(before)
                and realword._name_word(before, model.data)
                and document.gap_before(i) in (" ", ". ")):
            continue  # "Mr. Tooke": a name's next part
        p = where[i]
        if (p < 1 or sequence[p - 1] is None) and (p >= last or sequence[p + 1] is None):
            continue
        positions.append(i)
        kinds.append(distinct[kind])
    return positions, kinds


def reference_unknown(document, model) -> list[int]:
    out = []
    detector = nonword.NonWordDetector()
    for i, token in enumerate(document.tokens):
        if token.shape not in (Shape.WORD, Shape.MIXED) or len(token.norm) < 2:
            continue
        if nonword.foreign_letters(token.norm):
            continue
        if token.shape is Shape.WORD and detector._known(document, i, model):
            continue
        out.append(i)
    return out


def reference_joinable(document, data) -> list[int]:
    tokens = document.tokens
    return [i for i in range(len(tokens) - 1)
            if tokens[i].shape is Shape.WORD and tokens[i + 1].shape is Shape.WORD
            and data.count((tokens[i].norm + tokens[i + 1].norm).lower())
            >= splitword.MIN_JOINED_COUNT]


def reference_habitual_edits(document, model) -> frozenset[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    seen: set[str] = set()
    for token in document.tokens:
        word = token.norm
        if (token.shape is not Shape.WORD or word in seen
                or len(word) < docerrors.MIN_WORD_LENGTH
                or not word.isalpha() or not word.islower()):
            continue
        seen.add(word)
        if known_word(word, model.data):
            continue
        near = model.suggester.nearby(word)
        if not near or near[0][1] > docerrors.SURE_COST:
            continue
        if len(near) > 1 and near[1][1] - near[0][1] < docerrors.CLEAR_MARGIN:
            continue
        counts.update(edit for edit in set(segment_edits(near[0][0], word))
                      if len(edit[0]) > 1 or edit[1])
    return frozenset(edit for edit, n in counts.items() if n >= docerrors.MIN_WORDS)


def reference_misread_prior(document, model) -> float:
    tokens = document.tokens
    words = unknown = 0
    for i in range(0, len(tokens), max(1, len(tokens) // realword.PRIOR_SAMPLE_WORDS)):
        token = tokens[i]
        if token.shape is Shape.MIXED:
            words += 1
            unknown += 1
        elif token.shape is Shape.WORD:
            words += 1
            if token.norm.islower() and not known_word(token.norm, model.data,
                                                       document.next_char(i)):
                unknown += 1
    share = ((unknown + realword.TYPICAL_NONWORD_SHARE * realword.SMOOTHING_WORDS)
             / (words + realword.SMOOTHING_WORDS))
    return min(realword.MAX_MISREAD_PRIOR,
               max(realword.MIN_MISREAD_PRIOR, realword.MISREAD_PER_NONWORD * share))


def reference_misread_of(form, n, common, model):
    by_length: dict[int, list[str]] = {}
    for other in common:
        by_length.setdefault(len(other), []).append(other)
    best = None
    for length in range(len(form) - 2, len(form) + 3):
        for other in by_length.get(length, ()):
            if (common[other] < consistency.MIN_RATIO * n
                    or Levenshtein.distance(form, other, score_cutoff=2) > 2
                    or consistency._inflected(form, other)):
                continue
            cost = model.errors.cost(form, other)
            if cost <= consistency.MAX_MISREAD_COST and (best is None or cost < best[0]):
                best = (cost, other)
    return best[1] if best is not None else None


def reference_page_cases(document):
    counts: dict[str, tuple[int, int]] = {}
    for i, token in enumerate(document.tokens):
        norm = token.norm
        if (len(norm) < 2 or not norm.isalpha() or not (norm.islower() or norm.istitle())
                or document.sentence_initial(i)):
            continue
        cap, small = counts.get(norm.lower(), (0, 0))
        counts[norm.lower()] = (cap + 1, small) if norm[0].isupper() else (cap, small + 1)
    return counts


def reference_money(document, model):
    """``money._find`` as first written: each token's own letters read, then accepted."""
    readings = {}
    for i, token in enumerate(document.tokens):
        if money._may_read_as_money(token.norm):
            reading = money.read_money(token.text, model)
            if reading is not None:
                readings[i] = reading
    accepted = {}
    for _ in range(3):
        grown = False
        for i, reading in readings.items():
            if i not in accepted:
                placed = money._placed(document, i, reading, model, readings, accepted)
                if placed is not None:
                    accepted[i] = placed
                    grown = True
        if not grown:
            break
    return accepted


# --- the checks ---------------------------------------------------------------------------


def check_document(text: str, model) -> None:
    assert [tuple(t) for t in tokenize_list(text)] == _plain_tokens(text)
    document = Document.from_text(text)
    positions, kinds, distinct, _ = realword._candidates(document, model)
    assert (positions, [distinct[k] for k in kinds]) == reference_candidates(document, model)
    detector, tokens = nonword.NonWordDetector(), document.tokens
    # (``detect`` asks a word joined across a line end whether it is known itself.)
    assert [i for i in detector._unknown(document, model)
            if not (tokens[i].line_broken and tokens[i].shape is Shape.WORD
                    and detector._known(document, i, model))
            ] == reference_unknown(document, model)
    assert splitword._joinable(document, model.data) == reference_joinable(document,
                                                                            model.data)
    assert realword.misread_prior(document, model) == reference_misread_prior(document, model)
    assert docerrors._habitual_edits(document, model) == reference_habitual_edits(document,
                                                                                  model)
    assert document.sentence_starts.tolist() == [document.sentence_initial(i)
                                                 for i in range(len(document.tokens))]
    # Each type in lower case, kept on the document and read by the detectors (the
    # consistency detector's forms, the joined pairs), never changed by them.
    list(consistency.ConsistencyDetector().detect(document, model))
    assert document.type_words() == [norm.lower() for norm in document.types.norms]
    cases = reference_page_cases(document)
    for word in [*cases, *(t.norm.lower() for t in document.tokens[:50]), "zzyzx"]:
        assert nonword.page_cases(document, word) == cases.get(word, (0, 0)), word
    assert money._find(document, model) == reference_money(document, model)
    prints = printforms.maybe_print_forms(document)
    pieces = nonword.maybe_contraction_pieces(document)
    for i in range(len(document.tokens)):
        if printforms.print_form(document, i, model) is not None:
            assert prints[i], document.tokens[i]
        if nonword.contraction_piece(document, i):
            assert pieces[i], document.tokens[i]


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_type_first_decisions_are_the_per_token_ones(model, text):
    check_document(text, model)


@pytest.mark.parametrize("text", seed_texts())
def test_type_first_decisions_on_whole_pages(model, text):
    check_document(text, model)


def test_a_long_text_decides_as_a_page_does(model):
    """Past ``LONG_TEXT_TOKENS`` the split-word joins are looked up another way."""
    text = "\n\n".join(seed_texts() * 2)
    assert len(tokenize_list(text)) >= splitword.LONG_TEXT_TOKENS
    check_document(text, model)


def test_the_examples_are_covered(model):
    """The shortcuts' own cases occur in the generated texts' vocabulary and do what the
    references do: a print form, a drop capital, a contraction, an initial."""
    text = ("He paid £2 Is. Gd. for it, &c. and Ac. T HE man wo n't say it 's J. Smith. to-\nday"
            " and 3s. fid. more, Sec. and so on")
    check_document(text, model)
    document = Document.from_text(text)
    assert printforms.maybe_print_forms(document).sum() >= 2
    assert len(money.money_amounts(document, model)) >= 3
    assert nonword.maybe_contraction_pieces(document).sum() >= 2


def test_misreadings_found_at_once_are_the_one_at_a_time_ones(model):
    words = re.findall(r"\w+", " ".join(seed_texts()).lower())
    counts = Counter(w for w in words if len(w) >= consistency.MIN_LENGTH)
    common = {w: n for w, n in counts.items() if n >= consistency.MIN_COMMON}
    rare = [(w, n) for w, n in counts.items() if n <= consistency.MAX_RARE][:300]
    rare += [("bukbarin", 1), ("proletariab", 1), ("revolutiou", 2), ("tbe", 1)]
    found = consistency._misreadings_of(rare, common, model)
    assert found == [reference_misread_of(form, n, common, model) for form, n in rare]
    assert any(found)


def _starts_upper_or_short(word: str) -> bool:
    return word[:1].isupper() or len(word) < 3


def reference_inflection(printed: str, other: str) -> bool:
    """Whether one word is the other with an inflection's ending ("order", "orders"): the
    pairwise test ``realword._inflections_of`` replaced."""
    short, long = sorted((printed, other), key=len)
    return long.startswith(short) and long[len(short):] in realword.INFLECTION_ENDINGS


def test_a_words_inflections_are_the_ones_the_pairwise_test_finds(model):
    """``_inflections_of`` (one set a word) against ``reference_inflection`` (the pairwise
    test it replaces) over common words and their neighbours in the vocabulary."""
    vocab = model.data.vocab[:3000]
    others = [*vocab, "orders", "ordered", "ordering", "order's", "ord", "o", ""]
    for word in [*vocab[:300], "order", "orders", "passes", "pass", "ed", "s"]:
        inflected = realword._inflections_of(word)
        assert {o for o in others if reference_inflection(word, o)} == (
            inflected & set(others)), word


@given(st.lists(st.integers(min_value=-3, max_value=40), max_size=60))
@settings(max_examples=80, deadline=None)
def test_sorted_distinct_is_numpys_unique(values):
    """``sorted_distinct`` (which spares a process numpy.ma's import) gives ``np.unique``'s
    values and dtype, empty and one-element arrays included."""
    import numpy as np

    from corrector.tokentypes import sorted_distinct

    for dtype in (np.int64, np.intp, np.uint64):
        array = np.array([abs(v) for v in values] if dtype is np.uint64 else values,
                         dtype=dtype)
        got, expected = sorted_distinct(array), np.unique(array)
        assert got.dtype == expected.dtype
        assert got.tolist() == expected.tolist()


def test_a_scan_does_not_import_numpy_ma():
    """np.unique without indexes or counts imports numpy.ma on first use (8 ms a process):
    a scan must not call it."""
    import subprocess
    import sys

    from tests.clirun import ENV

    code = ("import sys; from corrector.model import Model; from corrector.scan import "
            "scan_text; m = Model.load(); scan_text('The man bad gone to tlie house, and he '"
            "'said it was nuke of the matter. The man said so.', m); "
            "print('numpy' in sys.modules, 'numpy.ma' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=ENV, check=True)
    assert done.stdout.split() == ["True", "False"]


_WORDS = ["the", "The", "tlie", "order", "orders", "a", "I", "n't", "s", "1s", "W", "Mr",
          "x", "London", "nuke", "okay", "CAPS", "semi-", "1890", "ft"]


@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=25), min_size=1, max_size=6),
       st.sampled_from([3, 8, 200_000]))
@settings(max_examples=60, deadline=None)
def test_kept_type_answers_are_the_tests_answers_across_texts(texts, limit):
    """``TypeAnswers`` (answers kept by process-wide type id): every text, and a text asked
    again after later ones, gets the test's own answers, also when the ids are renumbered
    between texts (a small ``MEMO_SIZE``)."""
    from corrector import tokentypes
    from corrector.tokentypes import TypeAnswers

    saved = tokentypes.MEMO_SIZE
    tokentypes.MEMO_SIZE = limit
    try:
        memo = TypeAnswers()
        documents = [Document.from_text(" ".join(words)) for words in texts]
        for document in [*documents, *documents[:2]]:
            types = document.types
            expected = [_starts_upper_or_short(norm) for norm in types.norms]
            assert types.per_type(_starts_upper_or_short, memo).tolist() == expected
            assert types.per_type(_starts_upper_or_short, memo).tolist() == expected
    finally:
        tokentypes.MEMO_SIZE = saved


def test_kept_type_answers_are_per_question():
    """Two questions kept side by side never read each other's answers."""
    from corrector.tokentypes import TypeAnswers

    types = Document.from_text("The man said a word to London").types
    upper, short = TypeAnswers(), TypeAnswers()
    assert types.per_type(str.istitle, upper).tolist() == [n.istitle() for n in types.norms]
    assert types.per_type(lambda n: len(n) < 3, short).tolist() == [len(n) < 3
                                                                    for n in types.norms]
    assert types.per_type(str.istitle, upper).tolist() == [n.istitle() for n in types.norms]


@given(st.lists(st.lists(st.sampled_from([*_WORDS, "the.", "ft.", "Mr.", "tlie."]),
                         max_size=25), min_size=1, max_size=5),
       st.sampled_from([3, 200_000]))
@settings(max_examples=50, deadline=None)
def test_kept_answers_by_type_and_stop_ask_each_key_once(texts, limit):
    """``per_type_and_stop``: the answer for each (type, full stop) key, asked only for
    keys no earlier text asked (unless the ids were renumbered meanwhile)."""
    import numpy as np

    from corrector import tokentypes
    from corrector.tokentypes import TypeAnswers

    def truth(norm: str, stop: bool) -> bool:
        return norm[:1].isupper() != stop

    saved = tokentypes.MEMO_SIZE
    tokentypes.MEMO_SIZE = limit
    try:
        memo, asked = TypeAnswers(), Counter()
        generation = tokentypes._GENERATION[0]
        for document in [Document.from_text(" ".join(words)) for words in texts]:
            types = document.types
            keys = np.unique(types.of_token * 2 + types.stop_after)
            pairs = [(types.norms[k >> 1], bool(k & 1)) for k in keys.tolist()]

            def answer(n: int, pairs=pairs) -> bool:
                asked[pairs[n]] += 1
                return truth(*pairs[n])

            got = types.per_type_and_stop(keys, answer, memo)
            assert got.tolist() == [truth(*pair) for pair in pairs]
        if generation == tokentypes._GENERATION[0]:  # (no renumbering: each key once)
            assert set(asked.values()) <= {1}
    finally:
        tokentypes.MEMO_SIZE = saved


def _misread_prior_reference(document: Document, model) -> float:
    """``realword.misread_prior`` as first written: known_word asked a sampled key at a
    time."""
    import numpy as np

    types = document.types
    n = len(types.of_token)
    sample = np.arange(0, n, max(1, n // realword.PRIOR_SAMPLE_WORDS))
    mixed, word = types.mixed[sample], types.word[sample]
    keys = (types.of_token * 2 + types.stop_after)[sample][word]
    found, times = np.unique(keys, return_counts=True)
    unknown = int(mixed.sum())
    for key, count in zip(found.tolist(), times.tolist()):
        norm = types.norms[key >> 1]
        if norm.islower() and not known_word(norm, model.data, "." if key & 1 else ""):
            unknown += count
    words = int(mixed.sum()) + int(word.sum())
    share = ((unknown + realword.TYPICAL_NONWORD_SHARE * realword.SMOOTHING_WORDS)
             / (words + realword.SMOOTHING_WORDS))
    return min(realword.MAX_MISREAD_PRIOR,
               max(realword.MIN_MISREAD_PRIOR, realword.MISREAD_PER_NONWORD * share))


@pytest.mark.parametrize("text", [
    "Tlie man bad gone to the house, and he said ft was nuke of the matter. Sergt. Smith "
    "came in ft. by ft. and wliich way tlie wind blew, Mr. Jones said.",
    "the the. The ft ft. Ft. xqzv xqzv. 1890 Mr. mr. Londen london",
    "",
])
def test_known_keys_and_misread_prior_are_the_per_key_ones(model, text):
    """``known.known_keys`` (kept by type id) answers ``known_word`` for each (type, full
    stop) key, and ``misread_prior`` built on it is the per-key reference's, asked twice
    (the second time from kept answers)."""
    import numpy as np

    from corrector.known import known_keys

    for _ in range(2):
        document = Document.from_text(text)
        types = document.types
        keys = np.unique(types.of_token * 2 + types.stop_after)
        expected = [known_word(types.norms[k >> 1], model.data, "." if k & 1 else "")
                    for k in keys.tolist()]
        assert known_keys(types, keys, model).tolist() == expected
        assert realword.misread_prior(document, model) == _misread_prior_reference(document,
                                                                                   model)


@given(st.lists(st.lists(st.sampled_from([*_WORDS, "the.", "ft."]), max_size=25),
                min_size=1, max_size=5),
       st.sampled_from([3, 200_000]))
@settings(max_examples=50, deadline=None)
def test_kept_entries_by_type_and_stop_point_at_their_own_entries(texts, limit):
    """``TypeEntries`` through ``kept_per_key``: each key's entry is the one made for that
    (word, full stop), -2 where there is none, across texts and renumberings."""
    import numpy as np

    from corrector import tokentypes
    from corrector.tokentypes import TypeEntries

    saved = tokentypes.MEMO_SIZE
    tokentypes.MEMO_SIZE = limit
    try:
        memo = TypeEntries()
        for words in [*texts, *texts[:2]]:
            types = Document.from_text(" ".join(words)).types
            keys = np.unique(types.of_token * 2 + types.stop_after)
            pairs = [(types.norms[k >> 1], bool(k & 1)) for k in keys.tolist()]

            def entry(n: int, pairs=pairs) -> int:
                if pairs[n][0][:1].isupper():
                    return -2
                memo.entries.append(pairs[n])
                return len(memo.entries) - 1

            got = types.kept_per_key(keys, entry, memo).tolist()
            assert [memo.entries[j] if j >= 0 else None for j in got] == [
                None if pair[0][:1].isupper() else pair for pair in pairs]
    finally:
        tokentypes.MEMO_SIZE = saved


HABIT_TEXT = ("Tliere was a man wlio said tliat wliich was true, and wliat he knew of tlieir "
              "ways; tlien he went home, for tliey were waiting.")


def test_a_texts_habits_are_the_reference_ones_first_time_and_remembered(model):
    """The clear non-words are kept by type: a second text, and a text that shares some of
    the first's words, name the same habits as the per-word loop."""
    texts = [HABIT_TEXT, HABIT_TEXT, HABIT_TEXT.replace("wliich", "which") + " Tlie wliole."]
    for text in texts:
        document = Document.from_text(text)
        habits = docerrors._habitual_edits(document, model)
        assert habits == reference_habitual_edits(document, model)
    assert habits  # (the texts show a habit: "h" read as "li")
    # Two clear ones, and three whose best reading is not clearly ahead ("liim": "him" or
    # "lum"), one capitalised, one number: no habit.
    near_ties = Document.from_text("Tliere liim and liave; tliat tlie 1890 Wliich tliat.")
    assert docerrors._habitual_edits(near_ties, model) == frozenset()
    assert reference_habitual_edits(near_ties, model) == frozenset()


@given(st.text(alphabet=" ,.;:ab_1é\n\t\u00a0\u2003-", max_size=40))
def test_detached_marks_are_the_patterns_matches(text):
    """``splitword._detached_marks`` (a plain search, then the checks around each) finds
    what the look-behind pattern ``_DETACHED`` does, in order."""
    assert splitword._detached_marks(text) == [
        (m.start(), m.group(1), m.end()) for m in splitword._DETACHED.finditer(text)]


@pytest.mark.parametrize("text", seed_texts()[:6])
def test_attested_pairs_at_once_are_the_pair_counts(model, text):
    """``splitword._attested_pairs`` (the pairs looked up together by word id) against
    ``data.pair_count`` of each pair's lower-case words, for every pair of word tokens."""
    document = Document.from_text(text)
    types, tokens, data = document.types, document.tokens, model.data
    at = [i for i in range(len(tokens) - 1) if types.word[i] and types.word[i + 1]]
    attested = splitword._attested_pairs(document, data, at)
    assert attested == [data.pair_count(tokens[i].norm.lower(), tokens[i + 1].norm.lower())
                        >= splitword.ATTESTED_PAIR_COUNT for i in at]
    assert True in attested and False in attested


def test_modern_unprinted_asks_the_count_first_and_answers_as_before(model):
    """``anachronism._modern_unprinted`` (the count asked first) against its tests in the
    order they were written: the flags, the user's words, the count, the stems."""
    from corrector.detectors import anachronism

    data = model.data

    def reference(word: str) -> bool:
        flags = data.source_bits(word)
        if not flags & anachronism.MODERN_BIT or flags & anachronism.USER_OR_PROPER:
            return False
        if word in data.user_words or data.count(word) > anachronism.MAX_PERIOD_COUNT:
            return False
        return not any(data.count(stem) > anachronism.MAX_PERIOD_COUNT
                       for stem in anachronism.stems(word.lower()))

    words = [*data.vocab[:3000], *data.vocab[-2000:], "internet", "email", "websites",
             "okay", "computers", "blogging", "Internet", "zzqx", "nuke"]
    answers = [anachronism._modern_unprinted(word, model) for word in words]
    assert answers == [reference(word) for word in words]
    assert any(answers)


@given(st.lists(st.lists(st.sampled_from([*_WORDS, "Tlie", "THE", "orders."]), max_size=25),
                min_size=1, max_size=6),
       st.sampled_from([3, 8, 200_000]))
@settings(max_examples=40, deadline=None)
def test_kept_type_word_ids_are_the_looked_up_ones(model, texts, limit):
    """``Document.model_ids`` reads each type's word id from the ids kept by type id
    (``TokenTypes.per_type_values``): every text, and a text asked again after later ones,
    gets the ids looked up afresh (``item_ids`` of its lower-case words), also when the
    type ids are renumbered between texts (a small ``MEMO_SIZE``)."""
    from corrector import tokentypes
    from corrector.context_batch import NONE, item_ids

    saved = tokentypes.MEMO_SIZE
    tokentypes.MEMO_SIZE = limit
    try:
        documents = [Document.from_text(" ".join(words)) for words in texts]
        for document in [*documents, *documents[:2]]:
            types = document.types
            kept = document._type_word_ids(model.data)
            assert kept.tolist() == item_ids(model.data, document._type_words).tolist()
            ids, where = document.model_ids(model.data), document.model_places()
            expected = [NONE if not types.word[i] else kept[types.of_token[i]]
                        for i in range(len(document.tokens))]
            assert ids[where + 2].tolist() == expected
    finally:
        tokentypes.MEMO_SIZE = saved


@pytest.mark.parametrize("text", [
    "The man-\nner of it, O'Brien's DOG and the Dog. In the end it was a fine day.\n",
    "He read ΟΔΥΣΣΕΥΣ ΑΝΑΞ and ΠΟΛΥΣ Α to them; ΣΟΦΟΣ. Then ΟΔΥΣΣΕΥΣ again.\n",
    "İstanbul and STRASSE, Straße; ǅemal and ǄEMAL.\n",
])
def test_pairs_are_joined_in_lower_case_as_each_pair_lowered(text):
    """``splitword.joined_lower`` (lowered per word type, then joined) against each pair
    joined and then lowered, a capital sigma's own rule included."""
    document = Document.from_text(text)
    norms = [t.norm for t in document.tokens]
    assert list(splitword.joined_lower(document)) == [
        (a + b).lower() for a, b in pairwise(norms)]
