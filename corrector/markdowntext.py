"""The text a reader sees in a Markdown file, with a map from that text back to the source.

Transcriptions are often kept as Markdown. Its markup is not words: a detector that read
``[tbe](http://example.org/tbe)`` or a fenced code block as prose would flag URLs and code,
and a patch must edit only prose and leave every marker, URL and tag byte-for-byte intact.
markdown-it-py (CommonMark, plus GitHub tables and strikethrough) decides the structure; this
module finds where each piece of visible text stands in the source and keeps the map.

What is left out:

- fenced and indented code blocks, HTML blocks, thematic breaks, link reference definitions
  (``[id]: url "title"``) and YAML front matter (a ``---`` block at the very top whose first
  line is a ``key:``, so a file that merely opens with a rule keeps its text);
- code spans, inline HTML (the tags; text between tags is read), autolinks ``<http://…>``,
  link destinations and titles, and whole images (alt text is not printed text);
- markers: heading hashes and underlines, list bullets and numbers, blockquote ``>``, table
  pipes, emphasis and strikethrough delimiters, link brackets.

Link text is read. Entities and backslash escapes are decoded (``&amp;`` reads as ``&``) but
not mapped, as in ``corrector.htmltext``. Every block (paragraph, heading, table cell) is
separated from the next by a blank line; lines within a paragraph keep their line break.

The parser reports block positions as line ranges only, so the inline pieces are located by
walking them in order: within a line they follow one another in the source with nothing in
between, and each paragraph line is the tail of its source line after the container markers.
Every piece is checked against the source where it should stand; from the first one that
does not match, the rest of that block is still read but left unmapped. A span of the text
maps back only when it lies in one run of verbatim source, so a finding that covers an
entity, an escape or markup (``w*or*d``, ``[f]t``) is dropped rather than guessed at.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.token import Token

from corrector.htmltext import Extracted

# text_join would merge decoded entities and escapes into the text around them, hiding
# where the source differs from the text; with it off they stay ``text_special`` tokens.
_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")
_NEWLINE = re.compile(r"\r\n?|\n")  # what markdown-it counts as a line end
_BREAK = re.compile(r"[ \t]*\\?(\r\n?|\n)")  # trailing spaces or a backslash, then the end
_SPACE = " \t\r\n"
_LABEL = re.compile(r"\[(?:[^\\\[\]]|\\.)*\]", re.DOTALL)
_FRONT_MATTER_KEY = re.compile(r"[A-Za-z_][\w-]*:(\s|$)")
_FRONT_MATTER_END = ("---", "...")
_DELIMITERS = frozenset({"em_open", "em_close", "strong_open", "strong_close", "s_open",
                         "s_close"})


class _Lines:
    """Line starts and ends (line ends excluded), numbered as markdown-it numbers them."""

    def __init__(self, source: str) -> None:
        self.starts = [0]
        self.ends = []
        for match in _NEWLINE.finditer(source):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(source))

    def number(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1


class _Builder:
    """Accumulates the text and its runs of verbatim source."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.out = Extracted("")

    def block(self) -> None:
        if self.length:
            self.add("\n\n", None)

    def add(self, text: str, source_at: int | None) -> None:
        """Add text; ``source_at`` is where it stands verbatim in the source, if it does."""
        if not text:
            return
        if source_at is not None:
            self.out.add_run(self.length, source_at, len(text))
        self.parts.append(text)
        self.length += len(text)

    def finish(self) -> Extracted:
        self.out.text = "".join(self.parts)
        return self.out


class _Inline:
    """Walks one block's inline tokens along the source; ``at`` is where the next one
    should start, or None once the source stopped matching (the rest is left unmapped)."""

    def __init__(self, source: str, lines: _Lines, line_starts: dict[int, int],
                 at: int | None, out: _Builder) -> None:
        self.source = source
        self.lines = lines
        self.line_starts = line_starts  # where each line's content starts
        self.at = at
        self.out = out

    # -- moving along the source ---------------------------------------------------------
    def _expect(self, markup: str) -> None:
        """The source has ``markup`` here: step over it."""
        if self.at is not None:
            self.at = self.at + len(markup) if self.source.startswith(markup, self.at) else None

    def _visible(self, text: str, emit: bool) -> None:
        at = self.at
        self._expect(text)
        if emit:
            self.out.add(text, at if self.at is not None else None)

    def _line_break(self, emit: bool) -> None:
        match = _BREAK.match(self.source, self.at) if self.at is not None else None
        if match is None:
            self.at = None
            if emit:
                self.out.add("\n", None)
            return
        if emit:
            self.out.add(match.group(1), match.start(1))
        self.at = self.line_starts.get(self.lines.number(match.end()))

    def _code_span(self, markup: str) -> None:
        self._expect(markup)
        if self.at is None:
            return
        fence = re.compile(rf"(?<!`){markup}(?!`)")
        match = fence.search(self.source, self.at)
        self.at = match.end() if match else None

    def _autolink(self) -> None:
        self._expect("<")
        if self.at is not None:
            end = self.source.find(">", self.at)
            self.at = end + 1 if end >= 0 else None

    def _skip_space(self, pos: int) -> int:
        while pos < len(self.source) and self.source[pos] in _SPACE:
            pos += 1
        return pos

    def _target(self) -> None:
        """Step over what follows a link's or image's ``]``: ``(url "title")``, ``[label]``
        or nothing (a shortcut reference); mirrors markdown-it's link rule."""
        if self.at is None:
            return
        source, end = self.source, len(self.source)
        if source.startswith("(", self.at):
            pos = self._skip_space(self.at + 1)
            destination = parseLinkDestination(source, pos, end)
            if destination.ok:
                pos = self._skip_space(destination.pos)
                title = parseLinkTitle(source, pos, end)
                if title.ok and pos != destination.pos:  # a title follows white space
                    pos = self._skip_space(title.pos)
            if source.startswith(")", pos):
                self.at = pos + 1
                return
        if source.startswith("[", self.at):
            label = _LABEL.match(source, self.at)
            self.at = label.end() if label else None

    # -- the tokens ----------------------------------------------------------------------
    def walk(self, children: Sequence[Token], emit: bool = True) -> None:
        """Read ``children`` (``emit`` False: only step over them, as for alt text)."""
        skipping_autolink = False
        for token in children:
            kind = token.type
            if skipping_autolink:
                skipping_autolink = kind != "link_close"
            elif kind == "text":
                self._visible(token.content, emit)
            elif kind == "text_special":  # an entity or a backslash escape
                self._expect(token.markup)
                if emit:
                    self.out.add(token.content, None)
            elif kind in ("softbreak", "hardbreak"):
                self._line_break(emit)
            elif kind == "code_inline":
                self._code_span(token.markup)
            elif kind == "html_inline":
                self._expect(token.content)
            elif kind in _DELIMITERS:
                self._expect(token.markup)
            elif kind == "link_open" and token.markup == "autolink":
                self._autolink()
                skipping_autolink = True
            elif kind == "link_open":
                self._expect("[")
            elif kind == "link_close":
                self._expect("]")
                self._target()
            elif kind == "image":
                self._expect("![")
                self.walk(token.children or [], emit=False)
                self._expect("]")
                self._target()
            else:  # something this walker does not know: keep reading, stop mapping
                self.at = None


def _front_matter(source: str, lines: _Lines) -> int:
    """How many lines a YAML front matter block at the top takes (0 when there is none)."""
    def line(number: int) -> str:
        return source[lines.starts[number] : lines.ends[number]]

    if len(lines.starts) < 3 or line(0).rstrip() != "---" or not _FRONT_MATTER_KEY.match(line(1)):
        return 0
    for number in range(1, len(lines.starts)):
        if line(number).rstrip() in _FRONT_MATTER_END:
            return number + 1
    return 0


def _paragraph_starts(source: str, lines: _Lines, token: Token) -> dict[int, int]:
    """Where each line of a paragraph's (or setext heading's) content starts: the content
    line is the tail of its source line, after the container markers and indentation."""
    first, last = token.map or (0, 0)
    content = token.content.split("\n")
    if len(content) != last - first:
        return {}
    starts = {}
    for number, want in zip(range(first, last), content):
        want = want.strip()
        line = source[lines.starts[number] : lines.ends[number]].rstrip()
        if want and line.endswith(want):
            starts[number] = lines.starts[number] + len(line) - len(want)
    return starts


def _atx_start(source: str, lines: _Lines, token: Token, markup: str) -> int | None:
    """Where an ATX heading's text starts: after the hashes and the space that follow the
    container markers (the text itself is the token's raw content, which pins it down)."""
    number = (token.map or (0, 0))[0]
    start, end = lines.starts[number], lines.ends[number]
    for match in re.finditer(rf"(?<!#){markup}[ \t]+", source[start:end]):
        if source.startswith(token.content, start + match.end()):
            return start + match.end()
    return None


def extract_markdown(source: str) -> Extracted:
    """The text of ``source`` a reader of the rendered page sees, with its map back."""
    lines = _Lines(source)
    skipped = _front_matter(source, lines)
    # blank lines in its place keep markdown-it's line numbers those of the source
    parsed = "\n" * (skipped - 1) + source[lines.ends[skipped - 1] :] if skipped else source
    tokens = _PARSER.parse(parsed)
    out = _Builder()
    cell_at: int | None = None  # where the next table cell of a row may start
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        before = tokens[index - 1] if index else None
        line_starts: dict[int, int] = {}
        at: int | None = None
        if token.map is not None and before is not None:
            number = token.map[0]
            if before.type in ("th_open", "td_open"):
                row = lines.starts[number]
                found = source.find(token.content, max(row, cell_at or row), lines.ends[number])
                at = found if found >= 0 and token.content else None
                cell_at = found + len(token.content) if at is not None else cell_at
            elif before.type == "heading_open" and before.markup.startswith("#"):
                at = _atx_start(source, lines, token, before.markup)
            else:
                line_starts = _paragraph_starts(source, lines, token)
                at = line_starts.get(number)
        out.block()
        _Inline(source, lines, line_starts, at, out).walk(token.children or [])
    return out.finish()
