"""``--scheduler``: scanning on a Dask cluster prints byte for byte what a local run prints.

A two-worker ``LocalCluster`` on loopback stands in for a real cluster; the real command line
runs in a subprocess once with ``--scheduler`` and once without, on the same files, among
them a Windows-1252 file, a binary file met in a folder (a note), a named binary file and a
missing path (errors), so errors and notes travel too. Cluster trouble — no scheduler there,
a worker with other language data, no Dask installed — must be one line and exit 2.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from corrector import langdata
from corrector.batch import FileResult, ScanSettings
from corrector.files import Source
from tests.clirun import ENV, run

DATA = Path(__file__).resolve().parent.parent / "data"
HAS_DASK = importlib.util.find_spec("distributed") is not None
needs_dask = pytest.mark.skipif(not HAS_DASK, reason='needs Dask: pip install ".[cluster]"')
WESTERN = ("The caf\u00e9 na\u00efvet\u00e9 of the \u2018r\u00e9gime\u2019 \u2014 so they said "
           "\u2014 cost \u00a35.\r\nIt is obliged to nuke temporary agreements with them.\r\n")
# Named files first, then a folder (walked), then a path that is not there.
INPUTS = ("bukharin-1919-001.txt", "keep.txt", "sample-mia.html", "western.txt", "named.bin.txt",
          "folder", "missing.txt")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    if not HAS_DASK:
        pytest.skip('needs Dask: pip install ".[cluster]"')
    from distributed import LocalCluster

    # The scheduler serves HTTP whatever its dashboard setting: on loopback, on a free port.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0") as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    for name in ("bukharin-1919-001.txt", "keep.txt"):
        shutil.copy(DATA / "seeds" / name, root / name)
    shutil.copy(DATA / "sample-mia.html", root / "sample-mia.html")
    (root / "western.txt").write_bytes(WESTERN.encode("cp1252"))
    (root / "named.bin.txt").write_bytes(b"\x00\x01binary")
    (root / "folder").mkdir()
    shutil.copy(DATA / "seeds" / "bukharin-1923-000.txt", root / "folder" / "b1923.txt")
    (root / "folder" / "walked.bin.txt").write_bytes(b"\x00\x02binary")
    return root


def both(archive: Path, address: str, *args: str) -> tuple[subprocess.CompletedProcess[str],
                                                           subprocess.CompletedProcess[str]]:
    """The same command run here and on the cluster."""
    return run(*args, cwd=archive), run(*args, "--scheduler", address, cwd=archive)


@pytest.mark.parametrize("command", ["scan", "check"])
def test_json_output_is_byte_identical(archive, scheduler, command):
    local, remote = both(archive, scheduler, command, "--format", "json", *INPUTS)
    assert local.returncode == 2, local.stderr  # the named binary file and the missing path
    assert (remote.returncode, remote.stdout, remote.stderr) == (
        local.returncode, local.stdout, local.stderr)
    doc = json.loads(remote.stdout)
    paths = {f["path"] for f in doc["findings"]}
    assert {"bukharin-1919-001.txt", "western.txt", "folder/b1923.txt"} <= paths
    assert "note: skipped folder/walked.bin.txt: binary file" in remote.stderr
    assert "missing.txt: no such file or directory" in remote.stderr


def test_report_file_is_byte_identical(archive, scheduler):
    local, remote = (run("report", *INPUTS, "--format", "json", "-o", f"{name}.json",
                         *extra, cwd=archive)
                     for name, extra in (("local", ()), ("remote", ("--scheduler", scheduler))))
    assert local.returncode == remote.returncode == 2, remote.stderr
    assert remote.stderr.replace("remote.json", "local.json") == local.stderr
    report = (archive / "remote.json").read_bytes()
    assert report == (archive / "local.json").read_bytes()
    assert b"western.txt" in report and b"nuke" in report


def test_fix_writes_identical_copies(archive, scheduler):
    local, remote = (run("fix", *INPUTS, "--output", name, "--min-confidence", "0", *extra,
                         cwd=archive)
                     for name, extra in (("fixed-here", ()),
                                         ("fixed-there", ("--scheduler", scheduler))))
    assert local.returncode == remote.returncode == 2, remote.stderr
    assert remote.stdout.replace("fixed-there", "fixed-here") == local.stdout
    here = sorted(p.name for p in (archive / "fixed-here").iterdir())
    assert here == sorted(p.name for p in (archive / "fixed-there").iterdir())
    assert "western.txt" in here and "b1923.txt" in here
    for name in here:
        assert (archive / "fixed-there" / name).read_bytes() == \
            (archive / "fixed-here" / name).read_bytes(), name
    # the Windows-1252 copy is still Windows-1252, with its slip fixed
    assert (archive / "fixed-there" / "western.txt").read_bytes() == \
        WESTERN.encode("cp1252").replace(b" nuke ", b" make ")


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("corrector: error: ")
    return lines[0]


@needs_dask
def test_no_scheduler_at_the_address_is_one_line(archive):
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    line = one_error_line(run("scan", "keep.txt", "--scheduler", f"tcp://127.0.0.1:{port}",
                              cwd=archive))
    assert f"cannot connect to the Dask scheduler at tcp://127.0.0.1:{port}" in line
    assert "refused" in line


@needs_dask
def test_bad_address_is_one_line(archive):
    line = one_error_line(run("report", "keep.txt", "-o", "r.json", "--scheduler", "localhost",
                              cwd=archive))
    assert "bad scheduler address 'localhost'" in line and "tcp://HOST:8786" in line


def test_workers_with_other_language_data_are_refused(archive, scheduler, tmp_path):
    """A client whose data differs from the workers' (here: its calibration) must not mix."""
    mine = tmp_path / "data"
    mine.mkdir()
    shipped = langdata.default_data_dir()
    for path in shipped.iterdir():
        (mine / path.name).symlink_to(path)
    (mine / "calibration.tsv").unlink()
    (mine / "calibration.tsv").write_text((shipped / "calibration.tsv").read_text() + "# mine\n")
    result = subprocess.run(
        [sys.executable, "-m", "corrector", "scan", "keep.txt", "--scheduler", scheduler],
        capture_output=True, text=True, cwd=archive, timeout=120,
        env={**ENV, "CORRECTOR_DATA": str(mine)})
    line = one_error_line(result)
    assert "worker tcp://127.0.0.1:" in line and "this client has corrector" in line
    assert "install the same corrector version on every worker" in line


def test_without_dask_the_option_says_what_to_install(archive):
    hide_dask = ("import sys; sys.modules['distributed'] = None; sys.argv[0] = 'corrector'; "
                 "from corrector.cli import main; main()")
    result = subprocess.run(
        [sys.executable, "-c", hide_dask, "scan", "keep.txt", "--scheduler", "tcp://h:8786"],
        capture_output=True, text=True, cwd=archive, timeout=120, env=ENV)
    line = one_error_line(result)
    assert 'pip install "corrector[cluster]"' in line


def test_the_command_line_does_not_import_dask():
    code = ("import sys, corrector.cli, corrector.cluster; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, env=ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# -- streaming, without a cluster ----------------------------------------------------------


class FakeFuture:
    def __init__(self, result: FileResult) -> None:
        self._result = result
        self.key = result.path

    def result(self) -> FileResult:
        return self._result


class FakeClient:
    """Records what is submitted; two worker threads."""

    def __init__(self) -> None:
        self.submitted: list[str] = []

    def nthreads(self) -> dict[str, int]:
        return {"tcp://a:1": 1, "tcp://b:1": 1}

    def submit(self, function, path, read, name, pure=True) -> FakeFuture:
        assert not pure and name == "run"
        self.submitted.append(path)
        return FakeFuture(FileResult(path, words=len(read.text.split())))


@needs_dask
def test_files_in_flight_are_bounded_and_results_keep_input_order(tmp_path):
    from corrector.cluster import FILES_PER_THREAD, _stream

    sources = []
    for number in range(40):
        path = tmp_path / f"{number:02}.txt"
        path.write_text("word " * number, encoding="utf-8")
        sources.append(Source(path, named=True))
    sources.insert(5, Source(tmp_path / "gone.txt", named=True))
    client = FakeClient()
    seen: list[FileResult] = []
    stream = _stream(client, "tcp://s:8786", iter(sources), "run",
                     ScanSettings(keep_text=True), seen.append)
    first = next(stream)
    assert first.path == str(sources[0].path)
    assert len(client.submitted) <= 2 * FILES_PER_THREAD + 1  # not the whole batch at once
    results = [first, *stream]
    assert [r.path for r in results] == [str(s.path) for s in sources]
    assert results == seen
    gone = results[5]
    assert gone.error and "cannot read" in gone.error and gone.path not in client.submitted
    assert results[7].text == "word " * 6 and results[7].words == 6  # text put back here
