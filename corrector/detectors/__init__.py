"""Detectors: each turns a Document and the Model into Findings.

A detector is anything with a ``name`` and a ``detect(document, model)`` method; adding one
is adding a module here and listing it in ``DEFAULT_DETECTORS``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from corrector.detectors.anachronism import AnachronismDetector
from corrector.detectors.compounds import CompoundDetector
from corrector.detectors.consistency import ConsistencyDetector
from corrector.detectors.fragments import StrayLetterDetector
from corrector.detectors.markletters import MarkLetterDetector
from corrector.detectors.midcapital import MidCapitalDetector
from corrector.detectors.money import MoneyDetector
from corrector.detectors.nonword import NonWordDetector
from corrector.detectors.printforms import PrintFormDetector
from corrector.detectors.punctuation import PunctuationDetector
from corrector.detectors.realword import RealWordDetector
from corrector.detectors.splitword import SplitWordDetector

if TYPE_CHECKING:
    from corrector.document import Document
    from corrector.finding import Finding
    from corrector.model import Model


class Detector(Protocol):
    name: str

    def detect(self, document: Document, model: Model) -> Iterable[Finding]: ...


DEFAULT_DETECTORS: tuple[Detector, ...] = (
    NonWordDetector(),
    AnachronismDetector(),
    RealWordDetector(),
    CompoundDetector(),
    SplitWordDetector(),
    PunctuationDetector(),
    PrintFormDetector(),
    MoneyDetector(),
    ConsistencyDetector(),
    StrayLetterDetector(),
    MidCapitalDetector(),
    MarkLetterDetector(),
)
