"""Everything the detectors need to know about the language, loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from corrector import calibration, casing, confusion_table, errormodel, langdata
from corrector.calibration import Calibration
from corrector.casing import FirstLetters
from corrector.confusion_table import ConfusionTable
from corrector.errormodel import ErrorModel
from corrector.langdata import LanguageData
from corrector.suggest import Suggester


@dataclass
class Model:
    """Period language data, OCR error model and the suggester built on both."""

    data: LanguageData
    errors: ErrorModel
    suggester: Suggester
    calibration: Calibration
    confusions: ConfusionTable | None = None  # stored confusion sets, when the data has them
    # The case misread first letters had on the train pages (empty: no such table).
    first_letters: FirstLetters = field(default_factory=FirstLetters)

    @classmethod
    def load(cls, user_words: frozenset[str] = frozenset(), directory: Path | None = None) -> Model:
        directory = directory or langdata.default_data_dir()
        data = langdata.load(directory).with_user_words(set(user_words))
        errors = _load_errors(directory)
        return cls(data, errors, Suggester(data, errors), calibration.load(directory),
                   confusion_table.load(directory), casing.load(directory))


_ERRORS: dict[Path, ErrorModel] = {}


def _load_errors(directory: Path) -> ErrorModel:
    if directory not in _ERRORS:
        _ERRORS[directory] = errormodel.load(directory)
    return _ERRORS[directory]
