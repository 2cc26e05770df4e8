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


def _folder(tmp_path, sizes: list[int]) -> list:
    """Files of about ``sizes`` bytes each (repeats of TEXT), named in order."""
    paths = []
    for i, size in enumerate(sizes):
        path = tmp_path / f"f{i:03d}.txt"
        path.write_text(TEXT * max(1, size // len(TEXT)), encoding="utf-8")
        paths.append(path)
    return paths


def test_work_is_planned_as_shrinking_runs_of_consecutive_files(tmp_path):
    """Every file once, in order; runs of neighbours, the first ones long, the last ones
    single files (so no worker waits on another's long run at the end)."""
    from corrector.batch import plan_work
    from corrector.files import InputError, iter_sources

    _folder(tmp_path, [3_000] * 40)
    units = list(plan_work(iter_sources([tmp_path]), jobs=2))
    assert all(not isinstance(u, InputError) and u[0].parts == 1 for u in units)
    order = [piece.source.path.name for unit in units for piece in unit]
    assert order == [f"f{i:03d}.txt" for i in range(40)]
    lengths = [len(unit) for unit in units]
    assert lengths[0] >= 8 and lengths[-3:] == [1, 1, 1]
    assert lengths == sorted(lengths, reverse=True)
    assert len(units) < 40  # fewer round trips than files


def test_bad_paths_keep_their_place_and_a_long_text_file_is_split_per_worker(
        tmp_path, monkeypatch):
    from corrector import scan
    from corrector.batch import plan_work
    from corrector.files import InputError, iter_sources

    monkeypatch.setattr(scan, "CHUNK_CHARS", 2_000)
    small, long = _folder(tmp_path, [500, 9_000])
    page = tmp_path / "long.html"
    page.write_text("<p>" + TEXT * 200 + "</p>", encoding="utf-8")  # not cut: markup
    missing = tmp_path / "missing.txt"
    units = list(plan_work(iter_sources([small, missing, long, page]), jobs=3))
    assert [type(u).__name__ for u in units] == ["tuple", "InputError", "tuple", "tuple"]
    assert isinstance(units[1], InputError) and "missing.txt" in str(units[1])
    assert [(p.source.path, p.part, p.parts) for p in units[2]] == [
        (long, 0, 3), (long, 1, 3), (long, 2, 3)]
    assert [(p.source.path, p.parts) for p in units[3]] == [(page, 1)]


@pytest.mark.parametrize("parts", [1, 2, 3, 7])
def test_parts_of_a_text_give_its_findings_joined(model, monkeypatch, parts):
    """``--jobs`` workers sharing a long file find what one scan of it finds, in order,
    even with more parts than chunks (a part with no chunk finds nothing)."""
    from corrector import scan
    from corrector.scan import chunks, scan_text, scan_text_part

    text = "\n".join(f"{i}. " + TEXT for i in range(40))
    monkeypatch.setattr(scan, "CHUNK_CHARS", 600)
    assert len(list(chunks(text, scan.CHUNK_CHARS))) == 5
    whole = scan_text(text, model)
    joined = [f for part in range(parts) for f in scan_text_part(text, model, part, parts)]
    assert joined == whole and len(whole) > 10


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                    reason="forked workers see the monkeypatched chunk size")
def test_runs_and_split_files_give_what_one_process_gives(tmp_path, model, monkeypatch):
    from corrector import scan

    monkeypatch.setattr(scan, "CHUNK_CHARS", 1_500)
    _folder(tmp_path, [300, 7_000, 200, 400, 5_000, 100, 250, 600, 300])
    (tmp_path / "unreadable.txt").write_bytes(b"\x00\x01" * 10)  # skipped with a note
    missing = tmp_path / "missing.txt"
    settings = ScanSettings(keep_text=True)
    one = list(scan_files([tmp_path, missing], settings, model=model, jobs=1))
    seen: list[str] = []
    two = list(scan_files([tmp_path, missing], settings, model=model, jobs=2,
                          on_result=lambda r: seen.append(r.path)))
    assert [r.path for r in two] == [r.path for r in one] == seen
    for a, b in zip(one, two):
        assert (a.findings, a.words, a.text, a.error, a.note, a.encoding) == (
            b.findings, b.words, b.text, b.error, b.note, b.encoding)
    assert sum(len(r.findings) for r in one) > 20
    assert one[-1].error and any(r.note for r in one)


def test_a_part_of_an_unreadable_file_is_its_error(tmp_path, model):
    from corrector.batch import Piece, join_parts, scan_piece
    from corrector.files import Source

    gone = Source(tmp_path / "gone.txt", named=True)
    parts = [scan_piece(Piece(gone, k, 2), model, ScanSettings()) for k in range(2)]
    joined = join_parts(parts)
    assert joined.error and "gone.txt" in joined.error and not joined.findings


def test_a_long_scan_is_told_so_before_its_first_file_and_keeps_its_order(tmp_path,
                                                                            monkeypatch):
    """``_hint_long_scan`` looks at the first files' sizes: when they hold
    ``LONG_SCAN_BYTES``, the count look-ups are told the scan is long before any file is
    scanned; the files come back all and in order either way."""
    from corrector.files import iter_sources

    told: list[object] = []
    monkeypatch.setattr("corrector.context_batch.expect_long_scan", told.append)
    paths = _folder(tmp_path, [3000, 3000, 3000, 3000])
    wanted = list(iter_sources([tmp_path]))

    class Stub:
        data = "the data"

    monkeypatch.setattr(batch, "LONG_SCAN_BYTES", 20_000)  # more than the folder holds
    assert list(batch._hint_long_scan(iter_sources([tmp_path]), Stub())) == wanted
    assert not told
    monkeypatch.setattr(batch, "LONG_SCAN_BYTES", 5_000)  # the first two files hold it
    hinted = batch._hint_long_scan(iter_sources([tmp_path, tmp_path / "gone.txt"]), Stub())
    assert told == ["the data"]  # (told on the call, before a file is asked for)
    rest = list(hinted)
    assert [s.path for s in rest[:-1]] == paths and "gone.txt" in str(rest[-1])
