"""Shared fixtures: the bundled language data is loaded once for the whole run."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from corrector.model import Model

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="session")
def model() -> Model:
    return Model.load()


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


# Hash tables of counts (``corrector.counthash``) are cached in a scratch folder, not the
# user's cache: set before any test module is imported, so the command lines the tests run
# in subprocesses (``clirun.ENV`` copies the environment at import) get it too.
CACHE = Path(tempfile.mkdtemp(prefix="corrector-test-cache-"))
os.environ["CORRECTOR_CACHE"] = str(CACHE)


@pytest.fixture(scope="session", autouse=True)
def cache_folder():
    """The scratch cache folder, removed when the run ends."""
    yield CACHE
    shutil.rmtree(CACHE, ignore_errors=True)
