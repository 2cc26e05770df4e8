"""``corrector explain WORD``: what the language data knows about one word, and why."""

from __future__ import annotations

from corrector.known import known_word
from corrector.langdata import Source
from corrector.model import Model
from corrector.scan import scan_text
from corrector.tokens import normalise

SOURCE_NAMES = {
    Source.CORPUS: "the 1880-1935 period corpus",
    Source.WEB2: "Webster's Second International (1934)",
    Source.SCOWL: "SCOWL / hunspell en_GB (modern)",
    Source.PROPER: "a list of proper names",
    Source.ABBREVIATION: "SCOWL abbreviations (known only before a full stop)",
    Source.MODERN_COMMON: "common in today's English (SCOWL size <= 50)",
    Source.USER: "your word list",
}


def explain_word(word: str, model: Model) -> tuple[str, bool]:
    """A short report on ``word`` and whether it would be flagged on its own."""
    data = model.data
    norm = normalise(word)
    count = data.count(norm)
    per_million = count * 1_000_000 / max(data.total_tokens, 1)
    sources = data.sources(norm)
    known = known_word(norm, data) or norm in data.user_words
    lines = [f"{word}: {'known' if known else 'not known'} for the period"]
    lines.append(f"  printed {count:,} times in {data.total_tokens:,} words of 1880-1935 books "
                 f"({per_million:.2f} per million)")
    named = [name for bit, name in SOURCE_NAMES.items() if sources & bit]
    if norm in data.user_words and "your word list" not in named:
        named.append("your word list")
    lines.append("  in: " + ("; ".join(named) if named else "no word list"))
    proper = data.proper_forms.get(norm.lower())
    if proper:
        lines.append(f"  usually printed as a name: {proper}")
    findings = scan_text(word, model)
    if findings:
        f = findings[0]
        fixes = ", ".join(f"{s.text} ({s.score:.2f})" for s in f.suggestions[:5]) or "none"
        lines.append(f"  on its own it would be flagged as {f.kind.value} "
                     f"(confidence {f.confidence:.2f}): {f.reason}")
        lines.append(f"  suggestions: {fixes}")
    else:
        lines.append("  on its own it would not be flagged")
    return "\n".join(lines), bool(findings)
