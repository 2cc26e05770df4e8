"""Files as users have them: BOMs, CRLF, Windows-1252, and bad input of every sort.

Encoded files must come back byte for byte except the accepted words; bad input gives one
line on stderr, exit 2 when the path was named, and the rest of the batch is still scanned.
"""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import pytest

from corrector.files import MAX_BYTES
from corrector.review.keys import key_for, text_hash
from corrector.review.store import Action, Decision, Store
from tests.clirun import run

SLIP = "It is obliged to nuke temporary agreements with them.\n"
CLEAN = "The programme of the labouring classes was not in favour of the Tzar.\n"
WESTERN = ("The caf\u00e9 na\u00efvet\u00e9 of the \u2018r\u00e9gime\u2019 \u2014 so "
           "they said \u2014 cost \u00a35.\r\nIt is obliged to nuke temporary agreements "
           "with them.\r\nThe programme of the labouring classes was not in favour of "
           "the Tzar.\r\n")


def stderr_lines(result) -> list[str]:
    lines = result.stderr.strip().splitlines()
    assert all(line.startswith("corrector: ") for line in lines), result.stderr
    return lines


# -- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix, newline", [(b"", b"\n"), (b"\xef\xbb\xbf", b"\r\n")])
def test_utf8_with_bom_and_crlf_comes_back_exactly(tmp_path, prefix, newline):
    original = prefix + (CLEAN + SLIP + CLEAN).replace("\n", "\r\n" if newline == b"\r\n"
                                                       else "\n").encode()
    (tmp_path / "a.txt").write_bytes(original)
    scan = run("scan", "a.txt", "--format", "json", cwd=tmp_path)
    (finding,) = json.loads(scan.stdout)["findings"]
    text = original.decode("utf-8-sig")
    assert text[finding["start"] : finding["end"]] == "nuke"
    assert run("review", "a.txt", cwd=tmp_path, input="y\n").returncode == 0
    assert run("apply", "a.txt", cwd=tmp_path).returncode == 0
    assert (tmp_path / "a.txt").read_bytes() == original.replace(b" nuke ", b" make ")


def test_windows_1252_is_detected_noted_and_written_back_in_kind(tmp_path):
    original = WESTERN.encode("cp1252")
    (tmp_path / "w.txt").write_bytes(original)
    scan = run("scan", "w.txt", "--format", "json", cwd=tmp_path)
    assert scan.returncode == 1, scan.stderr
    (finding,) = json.loads(scan.stdout)["findings"]
    assert WESTERN[finding["start"] : finding["end"]] == "nuke"
    fixed = run("fix", "w.txt", "--output", "out", "--min-confidence", "0", cwd=tmp_path)
    assert "w.txt: not UTF-8; read as cp1252 (detected)" in fixed.stderr
    assert (tmp_path / "out" / "w.txt").read_bytes() == original.replace(b" nuke ", b" make ")
    assert run("review", "w.txt", cwd=tmp_path, input="y\n").returncode == 0
    assert run("apply", "w.txt", cwd=tmp_path).returncode == 0
    assert (tmp_path / "w.txt").read_bytes() == original.replace(b" nuke ", b" make ")


def test_latin_1_file_round_trips(tmp_path):
    text = ("Le caf\u00e9 \u00e0 c\u00f4t\u00e9 de l'\u00e9glise, na\u00efve.\n" * 3) + SLIP
    (tmp_path / "l.txt").write_bytes(text.encode("latin-1"))
    result = run("fix", "l.txt", "--output", "out", "--min-confidence", "0.9", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    written = (tmp_path / "out" / "l.txt").read_bytes()
    assert written.decode("latin-1").replace(" make ", " nuke ") == text


def test_a_change_the_file_encoding_cannot_hold_is_refused(tmp_path):
    text = WESTERN
    (tmp_path / "w.txt").write_bytes(text.encode("cp1252"))
    start = text.index("nuke")
    store = Store.open(tmp_path)
    store.record([Decision(key_for(text, "w.txt", start, start + 4), Action.ACCEPT, start,
                           start + 4, text_hash(text), "m\u0105ke", "test", "anachronism")])
    store.close()
    result = run("apply", "w.txt", cwd=tmp_path)
    assert result.returncode == 2
    (line,) = stderr_lines(result)
    assert "cannot be written in cp1252" in line and "file not changed" in line
    assert (tmp_path / "w.txt").read_bytes() == text.encode("cp1252")


# -- bad input ------------------------------------------------------------------------------


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(SLIP, encoding="utf-8")
    return tmp_path


def scan_with_good(folder: Path, *names: str):
    """Scan the bad ``names`` and good.txt; good.txt's finding must still be reported."""
    result = run("scan", *names, "good.txt", "--format", "json", cwd=folder)
    findings = json.loads(result.stdout)["findings"]
    assert [f["path"] for f in findings] == ["good.txt"], result.stdout
    return result


def test_missing_path(folder):
    result = scan_with_good(folder, "missing.txt")
    assert result.returncode == 2
    assert stderr_lines(result) == ["corrector: error: missing.txt: no such file or directory"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root can read a file whatever its permissions")
def test_unreadable_file(folder):
    (folder / "secret.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "secret.txt").chmod(0)
    try:
        result = scan_with_good(folder, "secret.txt")
    finally:
        (folder / "secret.txt").chmod(0o644)
    assert result.returncode == 2
    assert stderr_lines(result) == ["corrector: error: secret.txt: permission denied"]


def test_binary_file_named_is_an_error_and_in_a_folder_a_note(folder):
    (folder / "sub").mkdir()
    for place in (folder / "image.txt", folder / "sub" / "image.txt"):
        place.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = scan_with_good(folder, "image.txt")
    assert result.returncode == 2
    (line,) = stderr_lines(result)
    assert line.startswith("corrector: error: image.txt: binary file")
    walked = run("scan", ".", cwd=folder)
    assert walked.returncode == 1  # the note does not make it an error
    assert "corrector: note: skipped sub/image.txt: binary file" in walked.stderr.replace(
        os.sep, "/")


def test_bytes_that_are_text_in_no_encoding(folder):
    rng = random.Random(7)
    noise = bytes(rng.randrange(1, 256) for _ in range(4000))
    (folder / "noise.txt").write_bytes(noise)
    result = scan_with_good(folder, "noise.txt")
    assert result.returncode == 2
    (line,) = stderr_lines(result)
    assert "noise.txt: not valid UTF-8" in line and "nor text in any Western encoding" in line


def test_empty_file_is_clean(folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "empty.html").write_bytes(b"")
    result = run("scan", "empty.txt", "empty.html", cwd=folder)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("name, line", [("big.txt", b"word word word\n"),
                                        ("line.txt", b"word ")])
def test_files_over_the_size_limit_are_refused_at_once(folder, name, line):
    size = 50 * 2**20 if name == "big.txt" else 10 * 2**20
    assert size > MAX_BYTES
    with open(folder / name, "wb") as fh:
        fh.write(line * (size // len(line)))
    began = time.monotonic()
    result = scan_with_good(folder, name)
    assert time.monotonic() - began < 60
    assert result.returncode == 2
    (message,) = stderr_lines(result)
    assert f"{name}: file is" in message and "MB limit for one file" in message


def test_symlink_loops_in_a_folder_do_not_hang_the_walk(folder):
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)
    (folder / "sub" / "self.txt").symlink_to(folder / "sub" / "self.txt")
    result = run("scan", ".", cwd=folder, timeout=60)
    assert result.returncode == 1, result.stderr
    assert result.stdout.count("nuke") == 1  # good.txt once: the loop was not followed
    assert "skipped sub/self.txt" in result.stderr.replace(os.sep, "/")
    named = run("scan", "sub/self.txt", cwd=folder)
    assert named.returncode == 2 and len(stderr_lines(named)) == 1


def test_a_device_or_pipe_is_not_read(folder):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    result = scan_with_good(folder, "/dev/zero")
    assert result.returncode == 2
    assert stderr_lines(result) == ["corrector: error: /dev/zero: not a regular file"]
