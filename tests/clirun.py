"""Run the real command line in a subprocess, with the same corrector the tests import."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import corrector

ENV = {**os.environ, "PYTHONPATH": str(Path(corrector.__file__).resolve().parent.parent)}


def run(*args: str, cwd: Path | None = None, input: str | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``corrector ARGS...`` as a user would run it; returns the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "corrector", *args],
        capture_output=True, text=True, cwd=cwd, timeout=timeout, env=ENV, input=input,
    )
