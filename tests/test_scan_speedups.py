"""Structures that make scans faster must not change what a scan finds or leave state
behind: the collector pause, the stored-table fast paths."""

from __future__ import annotations

import gc
import math

import numpy as np
import pytest

from corrector.batch import keep_survivors
from corrector.context_batch import UNKNOWN
from corrector.detectors.realword import _usable_table, _weighed, confusion_set
from corrector.scan import scan_text

TEXT = "Tlie man bad gone to the house, and he said ft was nuke of the matter.\n"


def test_scan_leaves_the_collector_as_it_found_it(model):
    assert gc.isenabled()
    assert scan_text(TEXT, model)
    assert gc.isenabled()
    gc.disable()
    try:
        scan_text(TEXT, model)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_stored_confusion_ids_match_the_words(model):
    """The real-word detector reads a word's confusion ids from the stored table; they must
    be the ids of the confusion words ``confusion_set`` gives, costs alike."""
    if _usable_table(model) is None:
        return  # no stored table for this data: the slow path is the only path
    ids = model.data.ids
    for word in ("he", "bad", "arid", "tile", "modern"):
        confusions = confusion_set(model, word)
        words, costs = _weighed(model, word, confusions)
        expected = [ids.get(word, UNKNOWN), *(ids.get(c, UNKNOWN) for c, _ in confusions)]
        assert words.tolist() == expected
        assert np.array_equal(costs, np.array([0.0, *(c for _, c in confusions)]))


def test_words_printed_at_least_is_the_frequent_prefix(model):
    data = model.data
    for times in (1, 3, 20, 2000, max(data.counts) + 1):
        expected = frozenset(w for w, n in zip(data.vocab, data.counts) if n >= times)
        assert data.words_printed_at_least(times) == expected


def test_item_ids_looks_up_each_item(model):
    from corrector.context_batch import NONE, item_ids

    ids = model.data.ids
    items = ["the", None, "house", "<s>", "qzxqzx", "the", None, ","]
    expected = [NONE if item is None else ids.get(item, UNKNOWN) for item in items]
    assert item_ids(model.data, items).tolist() == expected
    assert expected[4] == UNKNOWN and expected[1] == NONE


def _openblas_threads_after_import(env_value: str | None) -> str:
    """OPENBLAS_NUM_THREADS as a fresh process sees it after importing corrector."""
    import subprocess
    import sys

    from tests.clirun import ENV

    env = {k: v for k, v in ENV.items() if k != "OPENBLAS_NUM_THREADS"}
    if env_value is not None:
        env["OPENBLAS_NUM_THREADS"] = env_value
    code = "import corrector, os; print(os.environ.get('OPENBLAS_NUM_THREADS'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True)
    return done.stdout.strip()


def test_importing_corrector_leaves_the_blas_thread_setting_alone():
    """A program that imports corrector as a library keeps numpy's BLAS threads as it set
    them (the command line asks for one thread for itself, in ``cli.main``)."""
    assert _openblas_threads_after_import(None) == "None"
    assert _openblas_threads_after_import("3") == "3"


def test_stored_rows_are_the_word_then_its_stored_confusions(model):
    """``ConfusionTable.rows`` (cut from whole-table views, the entry before a word's
    standing in for it) against ``arrays``: for the first word, whose rows start the table,
    and for words spread through it."""
    table = model.confusions
    if table is None:
        return
    for word_id in {0, 1, 2, table.words // 3, table.words // 2, table.words - 1}:
        words, costs = table.rows(word_id)
        ids, stored = table.arrays(word_id)
        assert words.dtype == np.int64 and costs.dtype == np.float64
        assert words.tolist() == [word_id, *ids]
        assert costs.tolist() == [0.0, *stored]
        again, _ = table.rows(word_id)
        again[0] = -5  # a new array each time: a caller may change it
        assert table.rows(word_id)[0][0] == word_id


def _cheap_only_reference(confusions: list, words, costs) -> tuple:
    """A word's rows without the confusions dearer than ``CHEAP_CONFUSION_COST``, as the
    cut was first written: made anew from its rows."""
    from corrector.detectors.realword import CHEAP_CONFUSION_COST

    keep = np.array([True, *(cost <= CHEAP_CONFUSION_COST for _, cost in confusions)])
    return words[keep], costs[keep]


def test_kept_rows_are_each_words_priced_rows_and_their_cheap_cut(model):
    """Each distinct word's spans of the kept rows (``realword.KeptRows``): its priced rows
    and their cut made anew, whichever text asked first; and rows read for one text stay
    as they were while later texts add words."""
    from corrector.detectors import realword
    from corrector.document import Document

    texts = ("The man bad gone to the house, and he said it was nuke of the matter. "
             "They went home and found the door open, as he had said.",
             "He said the house was open and the man had gone home.",
             "Zebras and quartz vexed the jovial pygmies of the hinterland orchestra.")
    earlier = []
    for text in (*texts, *texts):
        _, _, distinct, stored = realword._candidates(Document.from_text(text), model)
        assert distinct and len(stored.spans) == len(distinct)
        for (lower, confusions), (start, length, cut, cut_length) in zip(
                distinct, stored.spans.tolist()):
            words, costs = realword._with_inflections(
                model, lower, *realword._weighed(model, lower, confusions))
            assert stored.words[start : start + length].tolist() == words.tolist()
            assert stored.costs[start : start + length].tolist() == costs.tolist()
            want_words, want_costs = _cheap_only_reference(confusions, words, costs)
            assert stored.words[cut : cut + cut_length].tolist() == want_words.tolist()
            assert stored.costs[cut : cut + cut_length].tolist() == want_costs.tolist()
        earlier.append((stored, stored.words.copy(), stored.costs.copy()))
    for stored, words, costs in earlier:
        used = int((stored.spans[:, 0] + stored.spans[:, 1]).max())
        assert np.array_equal(stored.words[:used], words[:used])
        assert np.array_equal(stored.costs[:used], costs[:used])


def test_words_priced_together_get_the_rows_each_priced_alone_gets(model):
    """A text's new words are priced all at once (``_priced_together``); one at a time
    (``_price``, the plain reference) each must get the same printed flag and the same
    rows, priced and cut, whatever spans they sit at: words with their own inflections
    among their confusions and without, with dear confusions and without, short and long."""
    from corrector.detectors import realword

    table = _usable_table(model)
    assert table is not None  # the bundled data has its stored table
    verdicts = [verdict for word in model.data.vocab[:4000]
                if (verdict := realword._weighable(word, False, model)) is not None]
    lowers = [lower for lower, _ in verdicts]
    together, alone = realword.KeptRows(), realword.KeptRows()
    priced = realword._priced_together(lowers, table, model, together)
    for lower, confusions in verdicts:
        realword._price(lower, confusions, model, alone)
    got_words, got_costs, _ = together.arrays()
    want_words, want_costs, _ = alone.arrays()
    raised = dear = 0
    for lower, confusions in verdicts:
        got, want = priced[lower], alone.priced[lower]
        assert got[0] == want[0], lower
        for (at, size), (want_at, want_size) in ((got[1:3], want[1:3]), (got[3:5], want[3:5])):
            assert size == want_size, lower
            here, there = slice(at, at + size), slice(want_at, want_at + size)
            assert got_words[here].tolist() == want_words[there].tolist(), lower
            assert got_costs[here].tolist() == want_costs[there].tolist(), lower
        at, size = got[1:3]
        raised += got_costs[at : at + size].tolist() != [0.0, *(c for _, c in confusions)]
        dear += got[4] < got[2]
    assert raised and dear  # (both cases met: the test can tell them apart)


def test_an_inflection_is_told_as_the_set_of_inflections_tells_it(model):
    """``_inflection(word, form)`` (a prefix and an ending) against the plain reference,
    ``form in _inflections_of(word)``: for each word, every other vocabulary word sharing
    its first three letters, and made-up forms around the endings."""
    from corrector.detectors.realword import _inflection, _inflections_of

    vocab = model.data.vocab
    by_start: dict[str, list[str]] = {}
    for word in vocab[:20000]:
        by_start.setdefault(word[:3], []).append(word)
    told = 0
    for word in [*vocab[:1500], "tries", "going", "man's", "ordered", "kisses", "bed"]:
        forms = {*by_start.get(word[:3], ()), word + "s", word + "'s", word + "ing", word[:-1],
                 word[:-2], word[:-3], word + "e", word + "ss", "x" + word}
        forms.discard(word)
        inflected = _inflections_of(word)
        for form in forms:
            assert _inflection(word, form) == (form in inflected), (word, form)
            told += form in inflected
    assert told > 1000


def test_whether_a_word_is_weighed_is_read_without_its_confusions(model):
    """``_has_confusions`` (counted from the stored table's offsets) is whether
    ``confusion_set`` (the confusions listed, the plain reference) has any, for words with
    and without, in the vocabulary and not; and a text's distinct words come with their
    ``confusion_set``."""
    from corrector.detectors import realword
    from corrector.document import Document

    vocab = model.data.vocab
    words = [*vocab[:3000], *vocab[20000:20500], *vocab[-300:], "zzqx", "sergt", "tbe", "arid"]
    answers = [realword._has_confusions(model, word) for word in words]
    assert answers == [bool(confusion_set(model, word)) for word in words]
    assert any(answers) and not all(answers)
    document = Document.from_text("He said the house was open and the man bad gone home.")
    _, _, distinct, _ = realword._candidates(document, model)
    assert [distinct[k] for k in range(len(distinct))] == [
        (lower, confusion_set(model, lower)) for lower in distinct.lowers()]
    assert all(confusions for _, confusions in distinct)


def test_threads_scanning_at_once_find_what_one_finds_alone(model):
    """Answers kept by type id are shared by the threads of a process (a Dask worker's):
    scans in several threads at once, with the ids renumbered again and again (a small
    ``MEMO_SIZE``), find what each text's scan finds alone."""
    from concurrent.futures import ThreadPoolExecutor

    from corrector import tokentypes

    texts = [TEXT, "Tlie cat sat on tlie mat, and wliich way the wind blew was nuke.\n",
             "He said ft was tbe best of times; the worst of tirnes was yet to corne.\n",
             "Mr. Tooke went to London and said that Sergt. Smith had gone home.\n"] * 3
    alone = [scan_text(text, model) for text in texts]
    saved = tokentypes.MEMO_SIZE
    tokentypes.MEMO_SIZE = 20
    try:
        for _ in range(3):
            with ThreadPoolExecutor(4) as pool:
                assert list(pool.map(lambda text: scan_text(text, model), texts)) == alone
    finally:
        tokentypes.MEMO_SIZE = saved


def test_a_scan_leaves_no_cyclic_garbage(model):
    """The command line exempts what outlives a file from the collector (``keep_survivors``);
    a scan must then leave nothing that only the collector could free, or it would be kept
    for good, file after file."""
    text = TEXT * 40 + "Tlie house, the house; the HOUSE and tlie man.\n" * 20
    scan_text(text, model)
    gc.collect()
    saved = gc.get_debug()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        scan_text(text, model)
        scan_text(text.replace("man", "men"), model)
        gc.collect()
        assert gc.garbage == []
    finally:
        gc.set_debug(saved)
        gc.garbage.clear()


def test_keeping_survivors_freezes_and_a_scan_does_not(model):
    """Only the command line and its workers freeze the heap: a library scan must not."""
    gc.unfreeze()
    scan_text(TEXT, model)
    assert gc.get_freeze_count() == 0
    try:
        keep_survivors()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def _weigh_entry(word: str, full_stop: bool, model) -> tuple | None:
    """What ``_candidates`` keeps for a (word, full stop) of a text, made the way it makes
    it: the verdict (``_weighable``), and the entry ``_price_entries`` gives it."""
    from corrector.detectors.realword import _price_entries, _weighable, _weighed_entries

    verdict = _weighable(word, full_stop, model)
    if verdict is None:
        return None
    memo = _weighed_entries(model)
    with memo.lock:
        memo.entries.append((verdict[0], None))
        at = len(memo.entries) - 1
        _price_entries(memo, [at], model)
        return verdict, memo.entries[at][1]


def test_a_weighed_word_entry_is_its_verdict_count_and_priced_rows(model):
    """A weighed word's entry is its verdict (``_weighable``), whether the corpus printed
    the word and the span of the kept rows holding its rows priced with its own
    inflections, whichever case form or full stop asked first."""
    from corrector.detectors.realword import _weighable, _weighed_entries, _with_inflections

    memo = _weighed_entries(model)
    for word, full_stop in [("order", False), ("Order", True), ("order", True), ("he", False),
                            ("He", False), ("bad", True), ("zzqx", False), ("well-known", False),
                            ("London", False)]:
        entry = _weigh_entry(word, full_stop, model)
        verdict = _weighable(word, full_stop, model)
        if verdict is None:
            assert entry is None, word
            continue
        lower = verdict[0]
        words, costs = _with_inflections(model, lower, *_weighed(model, *verdict))
        assert entry[0] == verdict and entry[1][0] == (model.data.count(lower) > 0), word
        start, length = entry[1][1:3]
        kept_words, kept_costs, _ = memo.kept.arrays()
        assert np.array_equal(kept_words[start : start + length], words), word
        assert np.array_equal(kept_costs[start : start + length], costs), word
    assert _weigh_entry("Order", False, model)[1] == _weigh_entry("order", True, model)[1]
    raw = _weighed(model, *_weighable("order", False, model))[1]
    start, length = _weigh_entry("order", False, model)[1][1:3]
    assert not np.array_equal(memo.kept.arrays()[1][start : start + length], raw)  # ("orders")


def test_a_long_text_gives_the_word_index_its_dict_before_the_detectors_run(model):
    """A chapter or more switches ``WordIds`` to its dict at once (its words then hash
    instead of being searched first); a page leaves it searching, as a one-page check needs."""
    from types import SimpleNamespace

    from corrector.detectors.splitword import LONG_TEXT_TOKENS
    from corrector.document import Document
    from corrector.langdata import WordIds
    from corrector.scan import _index_words_for_long_text

    vocab = model.data.vocab
    order = sorted(range(len(vocab)), key=vocab.__getitem__)
    for repeats, built in ((10, False), (LONG_TEXT_TOKENS // 3 + 1, True)):
        ids = WordIds(vocab, order)
        document = Document.from_text("the man said " * repeats)
        _index_words_for_long_text(document, SimpleNamespace(data=SimpleNamespace(ids=ids)))
        assert (ids._dict is not None) is built
        assert ids.get("the") == model.data.ids.get("the") is not None


NAMES_PARAGRAPH = (
    "It was late in the autumn when Mr. Goodrick came down to Kingbridge with his friend "
    "Souvarine, and they found the old house at Martlew shut up. Tlie gardener, a man "
    "named Pockiington, told them that Mrs. Shildon had gone away to Moscal. The "
    "Fitzsmyth family were abroad. Hnuse and garden were in good order. They walked "
    "on to the village, where the Reliection of the church lay in the still water, and "
    "Goodrick said that Kingbridge was the quietest place in England.\n"
)
# The names three times, the misreadings once (on a page this clean, a word misread the
# same way twice would be read as the text's own spelling: ``corrector.ownspelling``).
NAMES_TEXT = NAMES_PARAGRAPH.replace("Tlie", "The").replace("Hnuse", "House") * 2 + (
    NAMES_PARAGRAPH)


# The same on a badly read page, whose own words are tried as readings too.
GARBLED_NAMES_TEXT = (
    "Tlie man wlio came to Kingbridge witli Mr. Goodrick saicl tliat Souvarine liad gone. "
    "Tbe gardener Pockiington liad seen Goodriek at Martlew, aud Mrs. Sliildon at tlie "
    "cliurch witli Shildon's sister; Moscal was far. Tliey all went liome to Kingbridge.\n"
) * 3


@pytest.mark.parametrize("text", [NAMES_TEXT, GARBLED_NAMES_TEXT])
def test_names_left_alone_early_are_the_names_left_alone_late(model, monkeypatch, text):
    """The non-word detector leaves a capitalised word with no cheap reading alone before
    ranking its readings (``_name_left_alone``): what it finds must be what it finds when
    every such word is ranked first."""
    from corrector.detectors import nonword

    asked: list[bool] = []
    decide = nonword._name_left_alone

    def counted(word, *args):
        asked.append(decide(word, *args))
        return asked[-1]

    monkeypatch.setattr(nonword, "_name_left_alone", counted)
    early = scan_text(text, model)
    assert any(asked) and not all(asked)  # (some names are left early, some not)
    monkeypatch.setattr(nonword, "_name_left_alone", lambda *args: False)
    assert scan_text(text, model) == early
    assert any(f.text in ("Tlie", "Hnuse", "Tbe") for f in early)


def test_habit_discounts_are_the_per_confusion_ones_first_time_and_remembered(model):
    """``realword._with_habits`` (each word's edits kept by row) against ``discount`` of
    each confusion, for habits a text may show, and again from what it kept."""
    from corrector.detectors import realword
    from corrector.docerrors import DISCOUNT, discount
    from corrector.errormodel import segment_edits

    vocab = model.data.vocab
    # Habits that some confusions need (each word's first and last confusions' edits),
    # a few at a time, and one that none needs.
    needed = []
    for word in ("he", "bad", "order", "time"):
        words = realword._weighed(model, word, realword.confusion_set(model, word))[0]
        for w in (words[1], words[-1]):
            needed.extend(segment_edits(vocab[int(w)], word))
    habit_sets = [frozenset(needed[k : k + 3]) for k in range(0, len(needed), 3)]
    habit_sets.append(frozenset({("zz", "q")}))
    kept: dict = {}
    discounted = 0
    for habits in habit_sets * 2:
        for word in ("the", "he", "order", "bad", "time", "which", "modern", "tho"):
            confusions = realword.confusion_set(model, word)
            words, costs = realword._with_inflections(
                model, word, *realword._weighed(model, word, confusions))
            cut = [discount(vocab[w], word, habits) if k and w >= 0 else 0.0
                   for k, w in enumerate(words.tolist())]
            want = costs - cut if any(cut) else costs
            got_words, got = realword._with_habits(words, costs, word, habits, vocab, kept)
            assert got_words is words and got.tolist() == want.tolist(), (word, habits)
            discounted += any(cut)
    assert kept and discounted >= 8  # (the second round read each word's edits from kept)
    # A reading that needs two habitual edits is discounted for each (the stored
    # confusions need one edit each: a made-up vocabulary).
    words, costs = np.array([-1, 0, 1]), np.array([0.0, 3.0, 4.0])
    habits = frozenset({("b", "x"), ("d", "y")})
    got = realword._with_habits(words, costs, "axcye", habits, ["abcde", "abcye"])[1]
    assert got.tolist() == [0.0, 3.0 - 2 * DISCOUNT, 4.0 - DISCOUNT]


@pytest.mark.parametrize("printed", ["'he", "(hips", "'tbe", "tlie", "arid", "ofthe", "rnodern",
                                     "Hcuse", "wliich", "rendred"])
@pytest.mark.parametrize("window", [("the", "old", "was", "not"),
                                    ("alone", "yes", "myself", "make"), ("it", "was", "to", "be")])
def test_word_candidates_are_the_candidates_a_caller_keeps(model, printed, window):
    """``Suggester.word_candidates`` (only the kept single-word readings scored) against
    ``candidates`` filtered afterwards, as the mark-letter detector and the split-word
    readings did: the same candidates in the same order with the same figures to the bit,
    though fewer are scored, and some of them one at a time where all were scored with
    numpy (in these windows the two ways differ in the last bit for some readings)."""
    from corrector.detectors.markletters import MAX_MARK_COST

    suggester = model.suggester
    for keep in (None, lambda word, cost: cost <= MAX_MARK_COST,
                 lambda word, cost: cost <= 4.0 and word != "he"):
        want = [c for c in suggester.candidates(printed, window) if " " not in c.word
                and (keep is None or keep(c.word, c.cost))]
        got = suggester.word_candidates(printed, window, keep)
        assert got == want, (printed, [(c.word, c.log_context) for c in got])


def test_scores_together_and_one_at_a_time_can_differ_in_the_last_bit(model):
    """Why ``word_candidates`` keeps ``candidates``' way of scoring: the batched and the
    one-at-a-time scores agree only to rounding."""
    words = ["villages", "rendered", "abroad", "parties"]
    window = ("alone", "yes", "myself", "make")
    suggester = model.suggester
    together = suggester.window_logps(words, window, together=True)
    alone = suggester.window_logps(words, window, together=False)
    assert together != alone
    assert all(math.isclose(a, b, rel_tol=1e-12) for a, b in zip(together, alone))
