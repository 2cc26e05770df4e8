"""Summing up a batch one file at a time, keeping only what the summary needs.

An ``Aggregator`` sees each ``FileResult`` once and keeps a small row per file (for the
worst-files table) and counters (by kind, by confidence band, and the error series: the most
frequent pairs of slip and best fix). It never keeps the findings themselves, so memory grows
with the number of files by a few hundred bytes each, not with the number of findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from corrector.batch import FileResult
from corrector.finding import Finding

# Confidence bands, highest first: (name, lowest confidence in the band). Confidence is
# calibrated precision, so "high" is the `check` gate's default: nine in ten are real slips.
BANDS: tuple[tuple[str, float], ...] = (("high", 0.9), ("medium", 0.5), ("low", 0.0))
SERIES_SHOWN = 25  # pairs listed in the summary's error series
SERIES_CAP = 50_000  # distinct (slip, fix) pairs kept before the rarest are dropped


def band(confidence: float) -> str:
    """The confidence band a finding falls in: high (>= 0.9), medium (>= 0.5) or low."""
    for name, lowest in BANDS:
        if confidence >= lowest:
            return name
    return BANDS[-1][0]


def per_thousand(findings: int, words: int) -> float:
    """Findings per 1,000 words; 0 for a file with no words."""
    return 1000.0 * findings / words if words else 0.0


@dataclass(frozen=True, slots=True)
class FileRow:
    """What the summary keeps about one file: counts, never the findings (a few hundred
    bytes, the only part of a report that grows with the number of files)."""

    index: int  # position in input order, used for stable links between summary and details
    path: str
    words: int = 0
    findings: int = 0
    by_kind: tuple[tuple[str, int], ...] = ()  # (kind, count), by kind name
    error: str | None = None
    note: str | None = None

    @property
    def rate(self) -> float:
        return per_thousand(self.findings, self.words)

    @property
    def scanned(self) -> bool:
        return self.error is None and self.note is None

    def to_json(self) -> dict[str, object]:
        row: dict[str, object] = {
            "path": self.path,
            "words": self.words,
            "findings": self.findings,
            "per_1000_words": round(self.rate, 2),
            "by_kind": dict(self.by_kind),
        }
        if self.error:
            row["error"] = self.error
        if self.note:
            row["note"] = self.note
        return row


@dataclass(frozen=True)
class SeriesEntry:
    """One slip and the fix proposed for it, with how often the pair occurred."""

    text: str
    best: str | None
    count: int

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "best": self.best, "count": self.count}


@dataclass(frozen=True)
class Summary:
    """The whole batch in numbers, ready for any writer."""

    rows: tuple[FileRow, ...]
    words: int
    findings: int
    by_kind: dict[str, int]
    by_band: dict[str, int]
    series: tuple[SeriesEntry, ...]
    meta: dict[str, object] = field(default_factory=dict)  # tool, version, data_version, …

    @property
    def files(self) -> int:
        return len(self.rows)

    @property
    def scanned(self) -> int:
        return sum(1 for row in self.rows if row.scanned)

    @property
    def with_findings(self) -> int:
        return sum(1 for row in self.rows if row.findings)

    @property
    def rate(self) -> float:
        return per_thousand(self.findings, self.words)

    @property
    def errors(self) -> list[str]:
        return [row.error for row in self.rows if row.error]

    @property
    def notes(self) -> list[str]:
        return [row.note for row in self.rows if row.note]

    def worst(self) -> list[FileRow]:
        """Files with findings, most findings per 1,000 words first (ties: most findings)."""
        hit = [row for row in self.rows if row.findings]
        return sorted(hit, key=lambda row: (-row.rate, -row.findings, row.index))

    def to_json(self) -> dict[str, object]:
        return {
            "files": self.files,
            "files_scanned": self.scanned,
            "files_with_findings": self.with_findings,
            "words": self.words,
            "findings": self.findings,
            "per_1000_words": round(self.rate, 2),
            "by_kind": dict(self.by_kind),
            "by_confidence": dict(self.by_band),
            "worst_files": [
                {"path": row.path, "per_1000_words": round(row.rate, 2),
                 "findings": row.findings}
                for row in self.worst()[:SERIES_SHOWN]
            ],
            "error_series": [entry.to_json() for entry in self.series],
        }


class Aggregator:
    """Takes results one at a time; ``summary()`` at the end gives the totals."""

    def __init__(self, meta: dict[str, object] | None = None) -> None:
        self.meta = dict(meta or {})
        self._rows: list[FileRow] = []
        self._words = 0
        self._kinds: Counter[str] = Counter()
        self._bands: Counter[str] = Counter({name: 0 for name, _ in BANDS})
        self._series: Counter[tuple[str, str | None]] = Counter()

    def add(self, result: FileResult) -> FileRow:
        """Count one file's findings and keep its row; the result can then be dropped."""
        kinds = Counter(f.kind.value for f in result.findings)
        row = FileRow(len(self._rows), result.path, result.words, len(result.findings),
                      tuple(sorted(kinds.items())), result.error, result.note)
        self._rows.append(row)
        self._words += result.words
        self._kinds.update(kinds)
        self._count(result.findings)
        return row

    def _count(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self._bands[band(finding.confidence)] += 1
            self._series[(finding.text, finding.best)] += 1
        if len(self._series) > SERIES_CAP:
            # Keep the frequent pairs; a pair dropped here and seen again later restarts at 1,
            # which can only make a rare pair look rarer.
            self._series = Counter(dict(self._series.most_common(SERIES_CAP // 2)))

    def summary(self) -> Summary:
        series = sorted(self._series.items(), key=lambda item: (-item[1], item[0][0],
                                                                item[0][1] or ""))
        return Summary(
            rows=tuple(self._rows),
            words=self._words,
            findings=sum(self._kinds.values()),
            by_kind=dict(sorted(self._kinds.items(), key=lambda item: (-item[1], item[0]))),
            by_band=dict(self._bands),
            series=tuple(SeriesEntry(text, best, count)
                         for (text, best), count in series[:SERIES_SHOWN]),
            meta=dict(self.meta),
        )
