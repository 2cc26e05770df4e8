"""``--jobs`` workers forked from a process that has the model: they scan with that model
(no second load), and the results are the ones one process gives, in the same order."""

from __future__ import annotations

import multiprocessing

import pytest

from corrector import batch
from corrector.batch import ScanSettings, scan_files
from corrector.model import Model

TEXT = "The nuke of the matter ft all. Tlie man bad gone to-day.\n"


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="workers adopt the parent's model only where they are forked")
def test_forked_workers_adopt_the_parents_model(tmp_path, model, monkeypatch):
    for i in range(4):
        (tmp_path / f"t{i}.txt").write_text(TEXT * (i + 1), encoding="utf-8")
    settings = ScanSettings()
    one = list(scan_files([tmp_path], settings, model=model, jobs=1))

    def no_second_load(*args, **kwargs):
        raise AssertionError("a forked worker loaded the model again")

    monkeypatch.setattr(Model, "load", no_second_load)
    two = list(scan_files([tmp_path], settings, model=model, jobs=2))
    assert [r.path for r in two] == [r.path for r in one]
    assert [r.findings for r in two] == [r.findings for r in one]
    assert any(r.findings for r in one)
    assert batch._FORKED_MODEL is None  # not kept once the pool is done
