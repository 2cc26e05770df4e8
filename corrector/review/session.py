"""A review session without a terminal: which finding is next, and what a key press decides.

The terminal UI only draws and reads keys; everything a key means lives here, so it can be
tested without a terminal and reused by another front end. Every decision goes to the store
the moment it is made. A finding counts as done when the store holds a standing decision for
its content key, which is what lets a new session resume where the last one stopped, and lets
two sessions on one project avoid asking the same question twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from corrector.files import InputError
from corrector.finding import Finding
from corrector.linecut import keep_line_cut
from corrector.review.keys import ContentKey, keys_for, project_path, text_hash
from corrector.review.store import Action, Decision, Store, StoreError
from corrector.review.words import WordList, listable

BATCH_KEYS = frozenset("yn123456789e")  # keys that can follow the batch key
BATCH_KEY = "A"

HELP = (
    ("y", "accept the first suggestion"),
    ("1-9", "accept that suggestion"),
    ("e", "type your own replacement (empty line: cancel)"),
    ("n", "reject: keep the text as it is"),
    ("a", "add the word to the project word list (corrector-words.txt)"),
    ("i", "ignore every occurrence of this word in this session"),
    ("s", "skip for now (asked again next time)"),
    ("u", "undo the last decision (repeatable, also across sessions)"),
    ("A", "then y, 1-9, e or n: the same decision for every occurrence of this slip"),
    ("q", "quit; every decision is already saved"),
    ("?", "this help"),
)


@dataclass(frozen=True, slots=True)
class Item:
    """A finding of the session with the content key its decision is stored under."""

    finding: Finding
    key: ContentKey
    file_hash: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a key press did, for the front end to show."""

    message: str = ""
    quit: bool = False
    rescan: bool = False  # a word left the word list: findings it hid must be looked for again
    changed: bool = False  # a decision was recorded or undone
    undone: tuple[ContentKey, ...] = ()  # keys of the decisions an undo took back


def items_from(findings: Iterable[Finding], texts: Mapping[str, str],
               root: Path) -> list[Item]:
    """Session items for ``findings`` (their paths as scanned), keyed against ``texts``."""
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    items = []
    for path, found in by_path.items():
        text = texts[path]
        name, digest = project_path(path, root), text_hash(text)
        keys = keys_for(text, name, [(f.start, f.end) for f in found])
        items += [Item(f, k, digest) for f, k in zip(found, keys, strict=True)]
    return items


@dataclass
class Session:
    items: list[Item]
    store: Store
    words: WordList
    index: int | None = None
    skipped: set[ContentKey] = field(default_factory=set)
    hidden_words: set[str] = field(default_factory=set)  # added with `a` during this session
    _paths: frozenset[str] = field(default=frozenset(), init=False, repr=False)

    def __post_init__(self) -> None:
        self._paths = frozenset(item.key.path for item in self.items)
        self.index = self._next_from(0)

    # -- where we are ----------------------------------------------------------------------

    @property
    def paths(self) -> frozenset[str]:
        return self._paths

    @property
    def current(self) -> Item | None:
        return None if self.index is None else self.items[self.index]

    def decision_for(self, item: Item) -> Decision | None:
        return self.store.pending(self.paths).get(item.key)

    def is_done(self, item: Item) -> bool:
        return (item.finding.text.lower() in self.hidden_words
                or self.decision_for(item) is not None)

    def position(self) -> tuple[int, int]:
        """``(N, M)``: the current finding's place in the session and how many there are."""
        return (0 if self.index is None else self.index + 1), len(self.items)

    def done_count(self) -> int:
        return sum(self.is_done(item) for item in self.items)

    def occurrences(self, item: Item) -> list[Item]:
        """Undecided findings of the same slip (the same flagged text), this one first."""
        same = [other for other in self.items
                if other.finding.text == item.finding.text and other is not item
                and not self.is_done(other)]
        return [item, *same]

    def _next_from(self, start: int) -> int | None:
        for i in chain(range(start, len(self.items)), range(start)):
            item = self.items[i]
            if item.key not in self.skipped and not self.is_done(item):
                return i
        return None

    def advance(self) -> None:
        """Move to the next undecided, unskipped finding, wrapping round; None when none."""
        self.index = None if self.index is None else self._next_from(self.index + 1)

    def refresh(self) -> None:
        """Another session may have decided the current finding: move on if so."""
        current = self.current
        if current is not None and self.is_done(current):
            self.index = self._next_from(self.index or 0)

    def replace_items(self, items: Sequence[Item], focus: Iterable[ContentKey] = ()) -> None:
        """A rescan gave new findings; go to the first of ``focus`` found, else carry on."""
        self.items = list(items)
        self._paths = frozenset(item.key.path for item in self.items)
        focus = set(focus)
        for i, item in enumerate(self.items):
            if item.key in focus and not self.is_done(item):
                self.index = i
                return
        self.index = self._next_from(0)

    # -- key presses -----------------------------------------------------------------------

    def press(self, key: str, text: str | None = None, batch: bool = False) -> Outcome:
        """Do what ``key`` means for the current finding; ``text`` is the typed line for `e`."""
        try:
            return self._press(key, text, batch)
        except StoreError as exc:
            return Outcome(f"not saved: {exc}")
        except (InputError, OSError) as exc:
            return Outcome(f"not saved: word list: {exc}")

    def _press(self, key: str, text: str | None, batch: bool) -> Outcome:
        if key == "q":
            return Outcome("quit", quit=True)
        if key == "u":
            return self._undo()
        item = self.current
        if item is None:
            return Outcome("nothing left to decide; u undoes the last decision")
        if batch and key not in BATCH_KEYS:
            return Outcome(f"{BATCH_KEY} must be followed by y, 1-9, e or n")
        targets = self.occurrences(item) if batch else [item]
        if key == "y" or (len(key) == 1 and key in "123456789"):
            return self._accept(targets, 0 if key == "y" else int(key) - 1)
        if key == "e":
            return self._edit(targets, text)
        if key == "n":
            return self._decide(targets, Action.REJECT, "kept")
        if key == "i":
            return self._decide(self.occurrences(item), Action.IGNORE, "ignored")
        if key == "a":
            return self._add_word(item)
        if key == "s":
            self.skipped.add(item.key)
            self.advance()
            return Outcome(f"skipped {item.finding.text!r}")
        return Outcome(f"no key {key!r}; ? lists the keys")

    def _decision(self, item: Item, action: Action, replacement: str | None = None,
                  origin: str = "", word_added: bool = False) -> Decision:
        f = item.finding
        return Decision(item.key, action, f.start, f.end, item.file_hash, replacement,
                        origin, f.kind.value, word_added)

    def _record(self, decisions: list[Decision], message: str) -> Outcome:
        self.store.record(decisions)
        self.advance()
        return Outcome(message, changed=True)

    def _accept(self, targets: list[Item], choice: int) -> Outcome:
        first = targets[0].finding
        if choice >= len(first.suggestions):
            return Outcome(f"no suggestion {choice + 1}; e types your own" if first.suggestions
                           else "no suggestion; e types your own, n keeps the text")
        chosen = first.suggestions[choice]
        decisions = []
        for item in targets:
            own = {s.text: s.origin for s in item.finding.suggestions}
            origin = own.get(chosen.text) or (
                f"same fix as {first.path}:{first.line}:{first.column}: {chosen.origin}")
            # Written as `corrector fix` writes it: a word cut at a line end keeps its cut.
            decisions.append(self._decision(
                item, Action.ACCEPT, keep_line_cut(item.finding.text, chosen.text), origin))
        return self._record(decisions, _summary(targets, f"-> {chosen.text!r}"))

    def _edit(self, targets: list[Item], text: str | None) -> Outcome:
        if not text:
            return Outcome("edit cancelled")
        if text == targets[0].finding.text:
            return self._decide(targets, Action.REJECT, "kept")
        decisions = [self._decision(item, Action.EDIT, text, "typed") for item in targets]
        return self._record(decisions, _summary(targets, f"-> {text!r}"))

    def _decide(self, targets: list[Item], action: Action, verb: str) -> Outcome:
        decisions = [self._decision(item, action) for item in targets]
        return self._record(decisions, _summary(targets, verb))

    def _add_word(self, item: Item) -> Outcome:
        word = item.finding.text
        if not listable(word):
            return Outcome(f"{word!r} is not a single word; a word list holds one word a line")
        added = word not in self.words.words()
        decision = self._decision(item, Action.ADD_WORD, word_added=added)
        self.store.record([decision], also=lambda: self.words.add(word))
        self.hidden_words.add(word.lower())
        self.advance()
        where = self.words.path.name
        return Outcome(f"{word!r} added to {where}" if added else f"{word!r} already in {where}",
                       changed=True)

    def _undo(self) -> Outcome:
        removed: list[str] = []

        def take_words_back(undone: list[Decision]) -> None:
            for d in undone:
                if (d.action is Action.ADD_WORD and d.word_added
                        and not self.store.active_words(d.key.old)
                        and self.words.remove(d.key.old)):
                    removed.append(d.key.old)

        undone = self.store.undo(self.paths, also=take_words_back)
        if not undone:
            return Outcome("nothing to undo")
        for d in undone:
            if d.action is Action.ADD_WORD:
                self.hidden_words.discard(d.key.old.lower())
        keys = {d.key for d in undone}
        self.skipped -= keys
        first = undone[0]
        message = (f"undone: {first.action.value} {first.key.old!r}"
                   + (f" -> {first.replacement!r}" if first.replacement else "")
                   + (f" and {len(undone) - 1} more" if len(undone) > 1 else "")
                   + (f"; {', '.join(removed)} taken off the word list" if removed else ""))
        back = tuple(d.key for d in undone)
        for i, item in enumerate(self.items):
            if item.key in keys:
                self.index = i
                return Outcome(message, changed=True, undone=back)
        return Outcome(message, rescan=bool(removed), changed=True, undone=back)


def _summary(targets: list[Item], verb: str) -> str:
    word = targets[0].finding.text
    more = f" (and {len(targets) - 1} more like it)" if len(targets) > 1 else ""
    return f"{word!r} {verb}{more}"
