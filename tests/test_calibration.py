"""Calibrated scores: the most specific measured class answers, the fix target by sureness."""

from __future__ import annotations

from corrector.build.calibrate import table
from corrector.calibration import DETECT, FIX, Calibration, band
from corrector.finding import Finding, Kind, Suggestion


def finding(raw_confidence: float, top: float) -> Finding:
    return Finding(0, 3, "tbe", Kind.NON_WORD, raw_confidence,
                   (Suggestion("the", top),), "", extra={"class": "lower"})


def test_a_sure_detection_gets_its_own_fix_share():
    b = band(0.6)
    calibration = Calibration({
        (DETECT, "non-word", "lower", band(0.9)): 0.97,
        (DETECT, "non-word", "lower", band(0.3)): 0.9,
        (FIX, "non-word", "lower", b): 0.4,
        (FIX, "non-word", "lower/sure", b): 0.6,
        (FIX, "non-word", "lower/unsure", b): 0.3,
    })
    sure, unsure = calibration.apply(finding(0.9, 0.6)), calibration.apply(finding(0.3, 0.6))
    assert sure.suggestions[0].score == 0.6 and sure.confidence == 0.97
    assert unsure.suggestions[0].score == 0.3 and unsure.confidence == 0.9


def test_an_unmeasured_refinement_falls_back_to_the_class():
    calibration = Calibration({(FIX, "non-word", "lower", band(0.6)): 0.4})
    assert calibration.apply(finding(0.9, 0.6)).suggestions[0].score == 0.4


def test_a_thin_refined_cell_borrows_its_class_share():
    cells = {
        (FIX, "non-word", "", 2): [60, 60],
        (FIX, "non-word", "lower", 2): [90, 10],
        (FIX, "non-word", "lower/sure", 2): [2, 1],  # too few to measure on their own
    }
    values = table(cells)
    assert values[(FIX, "non-word", "lower/sure", 2)] == values[(FIX, "non-word", "lower", 2)]
