"""The same text gives the same findings in every process (Dask workers, --jobs workers and
the next CI run each have their own string hash seed)."""

import os
import subprocess
import sys

from tests.clirun import ENV

# Words whose candidates tie on cost at the suggestion cut, so a set's iteration order
# (which follows the hash seed) would decide the order and the cut if ties were not broken.
TEXT = ("Then he went mously down the stair, and the procurator-fiseal said he "
        "do'svn know, with a yvas and a wliich of the other.\n")


def _scan(path, seed: int) -> str:
    env = {**ENV, "PYTHONHASHSEED": str(seed)}
    done = subprocess.run([sys.executable, "-m", "corrector", "scan", "--format", "json",
                           str(path)], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 1, done.stderr
    return done.stdout


def test_findings_do_not_depend_on_the_hash_seed(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")
    outputs = {_scan(page, seed) for seed in (1, 2, 3, 4, 5, 6)}
    assert len(outputs) == 1
    assert os.path.basename(str(page)) in next(iter(outputs))
