"""The standard findings document of ``corrector scan --format json``, plus the baseline's say.

The findings are the ones that fail the gate (after the baseline), in the same contract as
scan's, so one parser reads both; a ``baseline`` object is added only when one was used.
"""

from __future__ import annotations

import json

from corrector.check.formats import CheckReport
from corrector.render import json_document


def render(report: CheckReport) -> str:
    text = json_document([located.finding for located in report.findings], report.errors,
                         report.meta)
    if report.baseline is None:
        return text + "\n"
    document = json.loads(text)
    document["baseline"] = {
        "path": report.baseline,
        "suppressed": report.suppressed,
        "stale": [entry.to_json() for entry in report.stale],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
