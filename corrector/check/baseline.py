"""A baseline: the findings a project has accepted for now, so the gate fails only on new ones.

Entries are keyed on the file, the flagged word and the normalised words around it (see
``keys``), never on line numbers, so edits elsewhere in a file do not bring old findings back.
The same slip in the same words twice in one file is one entry with a count.

An entry no check finds any more (the slip was fixed, or the text changed) is *stale*. Stale
entries are reported so the file does not rot into a list of things nobody can match; an entry
is only judged stale when its file was checked in this run, so checking a few changed files
does not call the rest of the baseline stale.

Paths are stored relative to the baseline file's folder, with ``/``, so the file means the same
in every checkout and on every system.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from corrector.check.keys import Located

FORMAT = "corrector-baseline"
VERSION = 1

Key = tuple[str, str, str]  # path, word, context


class BaselineError(Exception):
    """A baseline file that cannot be read; the message is one line for the user."""


@dataclass(frozen=True)
class Entry:
    """One accepted finding (``count`` times in the same words) in one file."""

    path: str
    text: str
    context: str
    kind: str = ""  # for the reader of the file; not part of the key
    count: int = 1

    @property
    def key(self) -> Key:
        return (self.path, self.text, self.context)

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "text": self.text, "context": self.context,
                "kind": self.kind, "count": self.count}


@dataclass
class Outcome:
    """Findings the baseline did not know, how many it accepted, and its stale entries."""

    new: list[Located] = field(default_factory=list)
    suppressed: int = 0
    stale: list[Entry] = field(default_factory=list)


@dataclass
class Baseline:
    """Accepted findings by key; ``root`` is the folder entry paths are relative to."""

    root: Path
    entries: dict[Key, Entry] = field(default_factory=dict)

    def path_key(self, path: str) -> str:
        """A checked file's path as entries store it: relative to ``root``, with ``/``."""
        absolute = os.path.abspath(path)
        try:
            return Path(os.path.relpath(absolute, self.root)).as_posix()
        except ValueError:  # another drive on Windows
            return Path(absolute).as_posix()

    def key(self, located: Located) -> Key:
        return (self.path_key(located.finding.path), located.word, located.context)

    @classmethod
    def of(cls, findings: Iterable[Located], root: Path) -> Baseline:
        """A baseline accepting exactly ``findings``."""
        baseline = cls(Path(os.path.abspath(root)))
        counts: Counter[Key] = Counter()
        kinds: dict[Key, str] = {}
        for located in findings:
            key = baseline.key(located)
            counts[key] += 1
            kinds.setdefault(key, located.finding.kind.value)
        for key in sorted(counts):
            baseline.entries[key] = Entry(*key, kind=kinds[key], count=counts[key])
        return baseline

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"baseline {path}: no such file (write one with "
                                f"--write-baseline {path})") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(f"baseline {path}: cannot read ({exc})") from None
        except json.JSONDecodeError as exc:
            raise BaselineError(f"baseline {path}: not valid JSON ({exc})") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise BaselineError(f"baseline {path}: not a corrector baseline")
        if document.get("version") != VERSION:
            raise BaselineError(f"baseline {path}: version {document.get('version')!r} is not "
                                f"supported (this corrector reads version {VERSION})")
        baseline = cls(Path(os.path.abspath(path)).parent)
        for raw in document.get("entries", []):
            entry = _entry(raw, path)
            baseline.entries[entry.key] = entry
        return baseline

    def dump(self) -> str:
        """The file's text: one entry a line, sorted, so a re-written baseline diffs cleanly."""
        lines = [json.dumps(e.to_json(), ensure_ascii=False) for e in self.entries.values()]
        body = ",\n  ".join(lines)
        return (f'{{"format": "{FORMAT}", "version": {VERSION}, "entries": [\n  {body}\n]}}\n'
                if lines else f'{{"format": "{FORMAT}", "version": {VERSION}, "entries": []}}\n')

    def match(self, findings: Iterable[Located], checked: Iterable[str]) -> Outcome:
        """Split ``findings`` into accepted and new; entries of ``checked`` files left are stale."""
        outcome = Outcome()
        left = {key: entry.count for key, entry in self.entries.items()}
        for located in findings:
            key = self.key(located)
            if left.get(key, 0) > 0:
                left[key] -= 1
                outcome.suppressed += 1
            else:
                outcome.new.append(located)
        checked_keys = {self.path_key(path) for path in checked}
        for key, count in left.items():
            if count and key[0] in checked_keys:
                entry = self.entries[key]
                outcome.stale.append(Entry(*key, kind=entry.kind, count=count))
        return outcome


def _entry(raw: object, path: Path) -> Entry:
    if not isinstance(raw, dict):
        raise BaselineError(f"baseline {path}: an entry is not an object")
    values = [raw.get(name) for name in ("path", "text", "context")]
    count = raw.get("count", 1)
    if not all(isinstance(v, str) for v in values) or type(count) is not int or count < 1:
        raise BaselineError(f"baseline {path}: entry {json.dumps(raw)[:80]} needs string "
                            f"path, text and context and a count of at least 1")
    kind = raw.get("kind", "")
    return Entry(*values, kind=kind if isinstance(kind, str) else "", count=count)
