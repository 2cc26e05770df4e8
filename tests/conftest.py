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
