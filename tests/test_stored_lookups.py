"""What the language data stores to start fast must answer as working it out would."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from corrector import confusion_table
from corrector.detectors import realword
from corrector.detectors.realword import MAX_CONFUSION_COST, MIN_CONFUSION_COUNT
from corrector.langdata import WordIds
from corrector.model import Model


def test_the_bundled_confusion_table_was_built_from_the_bundled_data(model):
    """A stale table would silently cost every scan its speed: rebuild it with
    ``corrector wordlists confusions`` when the error model or the thresholds change."""
    assert model.confusions is not None
    assert model.confusions.words == len(model.data.vocab)
    assert model.confusions.digest == confusion_table.fingerprint(
        model.data, model.errors, MAX_CONFUSION_COST, MIN_CONFUSION_COUNT)


def test_stored_confusion_sets_are_the_worked_out_ones(model):
    data = model.data
    sample = [*data.vocab[:400], *random.Random(7).sample(data.vocab, 400),
              "he", "put", "arid", "modem", "bad"]
    for word in sample:
        stored = model.confusions.get(data.ids[word], data.vocab)
        assert stored == confusion_table.compute(
            data, model.errors, word, MAX_CONFUSION_COST, MIN_CONFUSION_COUNT), word


def test_a_table_that_does_not_match_is_not_used(model, monkeypatch):
    """A table built from another error model: the detector works the sets out instead."""
    monkeypatch.setattr(realword, "_CONFUSIONS", {})
    table = model.confusions
    stale = confusion_table.ConfusionTable(table._offsets, table._ids,
                                           [cost + 1.0 for cost in table._costs], b"\0" * 32)
    stale_model = replace(model, confusions=stale)
    assert realword._usable_table(stale_model) is None
    assert realword.confusion_set(stale_model, "he") == confusion_table.compute(
        model.data, model.errors, "he", MAX_CONFUSION_COST, MIN_CONFUSION_COUNT)


@pytest.mark.parametrize("content", [b"", b"\1" * 10, b"\1" + b"\0" * 200])
def test_an_unreadable_table_is_no_table(tmp_path: Path, content: bytes):
    (tmp_path / confusion_table.TABLE_FILE).write_bytes(content)
    assert confusion_table.load(tmp_path) is None
    assert confusion_table.load(tmp_path / "missing") is None


def test_a_model_without_a_table_finds_the_same_slips(model, monkeypatch):
    monkeypatch.setattr(realword, "_CONFUSIONS", {})
    from corrector.scan import scan_text

    text = ("It will he a long time before the workers put their trust in such men, arid "
            "the bad leaders will nuke no difference to the modem movement.\n")
    without = Model(model.data, model.errors, model.suggester, model.calibration, None)
    assert scan_text(text, without) == scan_text(text, model)


def test_word_ids_found_by_search_are_the_dict(model, monkeypatch):
    vocab = model.data.vocab
    order = model.data.ids._order
    monkeypatch.setattr(WordIds, "BUILD_AFTER", 50)  # so the switch to the dict is seen too
    ids = WordIds(vocab, order)
    words = [*random.Random(3).sample(vocab, 120), "zzqx", "", "Labouring", vocab[0], vocab[-1]]
    truth = {w: i for i, w in enumerate(vocab)}
    for word in words * 2:  # the second time from what the searches remembered, or the dict
        assert ids.get(word) == truth.get(word), word
        assert (word in ids) == (word in truth)


def test_the_stored_flag_table_answers_as_the_flags_it_was_written_from():
    """``FlagTable.get`` answers directly (no KeyError raised and caught per unknown word):
    a vocabulary word's flags (0 when no list knows it), a lexicon-only word's from the
    blob, ``default`` for a word neither holds."""
    from corrector.langdata import FlagTable, _offsets

    vocab = ["the", "tzar", "zzq"]  # "zzq": printed, but in no list
    flags = {"the": 5, "tzar": 3, "aaa": 4, "labouring": 2, "mensheviks": 9}
    extra = sorted(w for w in flags if w not in vocab)
    table = FlagTable({w: i for i, w in enumerate(vocab)}, [flags.get(w, 0) for w in vocab],
                      "\n".join(extra).encode("utf-8"), _offsets(extra),
                      bytes(flags[w] for w in extra))
    for word in [*vocab, *extra, "labour", "zzzz", "a"]:
        expected = flags.get(word, 0 if word in vocab else None)
        assert table.get(word) == expected, word
        assert table.get(word, -1) == (-1 if expected is None else expected), word
        if expected is None:
            with pytest.raises(KeyError):
                table[word]
        else:
            assert table[word] == expected
