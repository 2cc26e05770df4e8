"""The review session in a terminal: draw one finding, read one key, show what it did.

Drawing is plain scrolling output (no full-screen mode), so it works in any terminal of 80×24
and leaves a readable transcript. On a terminal, keys are read one at a time in cbreak mode,
no Enter needed; when standard input is not a terminal (a pipe, a script, an editor's shell),
each key is the first character of a line, and ``e`` takes the replacement from the rest of
that line or the next one. All meaning lives in ``session``; this module only shows it.
"""

from __future__ import annotations

import codecs
import os
import select
import signal
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Protocol

from rich.console import Console
from rich.text import Text

from corrector.render import KIND_STYLE
from corrector.review.session import BATCH_KEY, HELP, Item, Session
from corrector.review.store import Action

PROMPT = "[y 1-9 e n a i s u A q ?] "
SLIP_STYLE = "bold reverse"
BREAK = "↵"  # shown for a line break inside a flagged span


class Keys(Protocol):
    """Where key presses come from."""

    def hold(self) -> AbstractContextManager[None]:
        """Keep the input ready for single keys for the whole session."""

    def key(self, continued: bool = False) -> str | None:
        """One key ("" for one to ignore), None at the end of input."""

    def line(self, prompt: str) -> str | None:
        """A typed line without its line break, None at the end of input."""


class TerminalKeys:
    """Single keys from a terminal, without Enter; a small line editor for ``e``."""

    def __init__(self, console: Console, fd: int | None = None) -> None:
        self.console = console
        self.fd = sys.stdin.fileno() if fd is None else fd

    @contextmanager
    def hold(self) -> Iterator[None]:
        """cbreak mode for the whole session: no echo, no line buffering, so keys typed ahead
        are neither echoed nor held back; output and Ctrl-C work as usual."""
        import termios
        import tty

        saved = termios.tcgetattr(self.fd)
        try:
            tty.setcbreak(self.fd)
            yield
        finally:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, saved)

    def _char(self) -> str | None:
        first = os.read(self.fd, 1)
        if not first:
            return None
        if first == b"\x1b":  # an escape sequence (arrow keys...): swallow it whole
            while select.select([self.fd], [], [], 0.05)[0]:
                os.read(self.fd, 64)
            return "\x1b"
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        char = decoder.decode(first)
        while not char:
            more = os.read(self.fd, 1)
            char = decoder.decode(more, final=not more)
        return char

    def key(self, continued: bool = False) -> str | None:
        char = self._char()
        if char is None or char == "\x04":  # end of input, Ctrl-D
            return None
        return "" if char in "\x1b\r\n\t " else char

    def line(self, prompt: str) -> str | None:
        self.console.print(prompt, end="", markup=False, highlight=False)
        self.console.file.flush()
        typed: list[str] = []
        while True:
            char = self._char()
            if char is None or char == "\x04":
                return None
            if char in "\r\n":
                break
            if char == "\x1b":  # Escape cancels
                typed = []
                break
            if char in "\x7f\b":
                if typed:
                    typed.pop()
                    self._echo("\b \b")
            elif char == "\x15":  # Ctrl-U
                self._echo("\b \b" * len(typed))
                typed = []
            elif char.isprintable():
                typed.append(char)
                self._echo(char)
        self._echo("\n")
        return "".join(typed)

    def _echo(self, text: str) -> None:
        self.console.file.write(text)
        self.console.file.flush()


class LineKeys:
    """Keys from lines of text, for when standard input is not a terminal."""

    def __init__(self, console: Console, stream=None) -> None:
        self.console = console
        self.stream = stream or sys.stdin
        self.rest = ""

    def hold(self) -> AbstractContextManager[None]:
        return nullcontext()

    def _read(self) -> str | None:
        line = self.stream.readline()
        if not line:
            return None
        self.console.print(line.rstrip("\r\n"), markup=False, highlight=False)
        return line.rstrip("\r\n")

    def key(self, continued: bool = False) -> str | None:
        if continued and self.rest.strip():
            text, self.rest = self.rest.strip(), ""
        else:
            read = self._read()
            if read is None:
                return None
            text = read.strip()
        self.rest = text[1:]
        return text[:1]

    def line(self, prompt: str) -> str | None:
        if self.rest.strip():
            text, self.rest = self.rest.strip(), ""
            return text
        self.console.print(prompt, end="", markup=False, highlight=False)
        return self._read()


def key_source(console: Console) -> Keys:
    """Single keys on a terminal that supports them (POSIX termios), lines otherwise."""
    try:
        import termios  # noqa: F401
    except ImportError:
        return LineKeys(console)
    return TerminalKeys(console) if sys.stdin.isatty() else LineKeys(console)


# -- drawing ---------------------------------------------------------------------------------


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _visible(text: str) -> str:
    return text.replace("\t", " ").replace("\r", "").replace("\n", BREAK)


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    return text.rfind("\n", 0, start) + 1, (text.find("\n", end) + 1 or len(text) + 1) - 1


def context_lines(item: Item, text: str, width: int) -> list[Text]:
    """The slip's line with the slip highlighted, between the lines before and after it."""
    f = item.finding
    first, last = _line_bounds(text, f.start, f.end)
    gutter = len(str(f.line + 1 + f.text.count("\n"))) + 3
    room = max(20, width - gutter - 1)
    before, slip, after = (_visible(text[first : f.start]), _visible(f.text),
                           _visible(text[f.end : last]))
    slip = _fit(slip, room - 2)
    space = room - len(slip)
    if len(before) + len(after) > space:
        keep_before = min(len(before), max(space // 2, space - len(after)))
        before = ("…" + before[len(before) - keep_before + 1 :]) if keep_before < len(before) \
            else before
        after = _fit(after, space - len(before))
    lines = []
    if first > 0:
        prev_first = text.rfind("\n", 0, first - 1) + 1
        lines.append(Text.assemble(
            (f"{f.line - 1:>{gutter - 3}} │ ", "dim"),
            (_fit(_visible(text[prev_first : first - 1]), room), "dim")))
    lines.append(Text.assemble((f"{f.line:>{gutter - 3}} │ ", "dim"), before,
                               (slip, SLIP_STYLE), after))
    if last + 1 < len(text):
        next_last = (text.find("\n", last + 1) + 1 or len(text) + 1) - 1
        lines.append(Text.assemble(
            (f"{f.line + 1 + f.text.count(chr(10)):>{gutter - 3}} │ ", "dim"),
            (_fit(_visible(text[last + 1 : next_last]), room), "dim")))
    return lines


def draw(console: Console, session: Session, text: str) -> None:
    item = session.current
    assert item is not None
    f = item.finding
    width = max(40, console.width)
    n, m = session.position()
    kind = Text(f"  {f.kind.value} {f.confidence:.2f}", style=KIND_STYLE.get(f.kind.value, "bold"))
    count = Text(f"{n}/{m}", style="bold")
    place = f"{f.path}:{f.line}:{f.column}"
    room = width - len(kind) - len(count) - 1
    if len(place) > room:  # a long path loses its start, never the line or the N/M
        place = "…" + place[len(place) - room + 1 :]
    where = Text(place, style="bold cyan")
    pad = max(1, width - len(where) - len(kind) - len(count))
    console.print()
    console.print(Text.assemble(where, kind, " " * pad, count), no_wrap=True, overflow="ellipsis")
    for line in context_lines(item, text, width):
        console.print(line, no_wrap=True, overflow="ellipsis")
    console.print(Text(_fit(f.reason, width), style="italic"), no_wrap=True)
    shown = f.suggestions[:9]
    wide = max((len(s.text) for s in shown), default=0)
    wide = min(wide, 20)
    for number, suggestion in enumerate(shown, 1):
        head = f"{number:>3}  {_fit(suggestion.text, 20):<{wide}}  "
        console.print(Text.assemble((head, "bold green"),
                                    (_fit(suggestion.origin, width - len(head)), "dim")),
                      no_wrap=True, overflow="ellipsis")
    if not shown:
        console.print(Text("  no suggestion: e types your own, n keeps the text", style="dim"))
    more = len(session.occurrences(item)) - 1
    if more:
        console.print(Text(_fit(f"  {more} more {f.text!r} to decide in this session; "
                                f"{BATCH_KEY} then a key decides them all", width), style="dim"))


def draw_help(console: Console) -> None:
    console.print()
    for key, what in HELP:
        console.print(Text.assemble((f"  {key:<4}", "bold"), what), no_wrap=True,
                      overflow="ellipsis")


def summary(session: Session) -> str:
    decided = session.done_count()
    total = len(session.items)
    counts: dict[str, int] = {}
    for item in session.items:
        decision = session.decision_for(item)
        if decision is not None:
            counts[decision.action.value] = counts.get(decision.action.value, 0) + 1
    parts = ", ".join(f"{counts[a.value]} {a.value}" for a in Action if a.value in counts)
    left = total - decided
    return (f"{decided}/{total} decided" + (f" ({parts})" if parts else "")
            + (f"; {left} left for next time" if left else ""))


# -- the loop --------------------------------------------------------------------------------


Rescan = Callable[[], tuple[list[Item], Mapping[str, str]]]


@contextmanager
def _exit_on_hangup() -> Iterator[None]:
    """SIGTERM and SIGHUP end the session through ``finally`` blocks (terminal restored)."""

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    saved = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def run(session: Session, texts: Mapping[str, str], console: Console, keys: Keys,
        rescan: Rescan | None = None) -> bool:
    """Review until every finding is decided or the person quits; True when all are decided."""
    texts = dict(texts)
    with _exit_on_hangup(), keys.hold():
        try:
            _loop(session, texts, console, keys, rescan)
        except KeyboardInterrupt:
            console.print("\ninterrupted; every decision made is saved")
    console.print(summary(session), markup=False, highlight=False)
    return session.done_count() == len(session.items)


def _loop(session: Session, texts: dict[str, str], console: Console, keys: Keys,
          rescan: Rescan | None) -> None:
    shown: Item | None = None
    while True:
        session.refresh()
        item = session.current
        if item is None:
            if not session.items:
                return
            left = len(session.items) - session.done_count()
            console.print(Text(
                ("\nnothing left to decide" if not left else
                 f"\nall seen; {left} skipped will be asked again next time")
                + ": u undoes the last decision, any other key ends the session", style="bold"))
            if keys.key() != "u":
                return
            pressed: tuple[str, str | None, bool] = ("u", None, False)
        else:
            if item is not shown:
                draw(console, session, texts[item.finding.path])
                shown = item
            console.print(PROMPT, end="", markup=False, highlight=False)
            console.file.flush()
            key = keys.key()
            while key == "":  # Enter, space, arrow keys: nothing to do, keep waiting
                key = keys.key()
            if key is None:
                console.print()
                return
            if isinstance(keys, TerminalKeys):
                console.print(key, markup=False, highlight=False)
            if key == "?":
                draw_help(console)
                shown = None
                continue
            completed = _complete(key, item, session, console, keys)
            if completed is None:
                return
            pressed = completed
        outcome = session.press(*pressed)
        if outcome.message:
            console.print(Text(f"  {outcome.message}", style="dim"), no_wrap=True,
                          overflow="ellipsis")
        if outcome.rescan and rescan is not None:
            console.print(Text("  looking again for the word taken off the list…", style="dim"))
            items, new_texts = rescan()
            texts.update(new_texts)
            session.replace_items(items, outcome.undone)
        if outcome.undone:
            shown = None
        if outcome.quit:
            return


def _complete(key: str, item: Item, session: Session, console: Console,
              keys: Keys) -> tuple[str, str | None, bool] | None:
    """The key with the batch key's second key and ``e``'s typed replacement, if it needs
    them; None when the input ends first."""
    batch = False
    if key == BATCH_KEY:
        count = len(session.occurrences(item))
        console.print(f"  the same decision for all {count} {item.finding.text!r}: "
                      "y, 1-9, e or n? ", end="", markup=False, highlight=False)
        console.file.flush()
        second = keys.key(continued=True)
        if second is None:
            return None
        if isinstance(keys, TerminalKeys):
            console.print(second, markup=False, highlight=False)
        key, batch = second, True
    text = None
    if key == "e":
        text = keys.line(f"  replacement for {item.finding.text!r}: ")
        if text is None:
            return None
    return key, text, batch
