"""The project word list, ``corrector-words.txt``: words the person said are right.

``a`` in a review puts a word here and ``u`` takes it out again (Guiguts users could never undo
a dictionary addition). Both rewrite the file atomically and keep its comments and order.
"""

from __future__ import annotations

from pathlib import Path

from corrector.atomic import write_text
from corrector.files import read_text

PROJECT_WORDS = "corrector-words.txt"  # the name corrector.cli reads automatically


def listable(word: str) -> bool:
    """Whether ``word`` can be one line of a word list (no spaces, no comment sign)."""
    return bool(word) and not any(c.isspace() for c in word) and "#" not in word


def _entry(line: str) -> str:
    return line.split("#", 1)[0].strip()


class WordList:
    """One word-list file; reads it fresh on every change so other writers are not lost."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def of_project(cls, root: Path) -> WordList:
        return cls(root / PROJECT_WORDS)

    def _lines(self) -> list[str]:
        return read_text(self.path).splitlines() if self.path.exists() else []

    def words(self) -> set[str]:
        return {entry for entry in map(_entry, self._lines()) if entry}

    def add(self, word: str) -> bool:
        """Append ``word``; False (and no write) if it is already there."""
        if not listable(word):
            raise ValueError(f"{word!r} cannot go on a word list")
        lines = self._lines()
        if word in map(_entry, lines):
            return False
        write_text(self.path, "".join(f"{line}\n" for line in [*lines, word]))
        return True

    def remove(self, word: str) -> bool:
        """Drop every line that holds just ``word``; False if there was none."""
        lines = self._lines()
        kept = [line for line in lines if _entry(line) != word]
        if len(kept) == len(lines):
            return False
        write_text(self.path, "".join(f"{line}\n" for line in kept))
        return True
