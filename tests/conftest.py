"""Shared fixtures: the bundled language data is loaded once for the whole run."""

from __future__ import annotations

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


@pytest.fixture(scope="session", autouse=True)
def cache_folder(tmp_path_factory: pytest.TempPathFactory):
    """Hash tables of counts (``corrector.counthash``) are cached in a scratch folder, not
    the user's cache."""
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("cache")
        patch.setenv("CORRECTOR_CACHE", str(folder))
        yield folder
