"""SARIF 2.1.0, the format code-scanning tools (GitHub, GitLab, Azure DevOps) read.

Code scanning tracks a finding across commits by its ``partialFingerprints``. Ours hash the
file, the flagged word and the normalised words around it (``keys.context_of``), plus the
occurrence number among identical ones, and never the line, so inserting a paragraph above
a slip does not close the old alert and open a new one. Columns count Unicode code points,
as the finding's offsets do, and the run says so in ``columnKind``.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from corrector import __version__
from corrector.check.formats import CheckReport, uri
from corrector.check.keys import Located
from corrector.finding import Kind
from corrector.fixing import replacement

SCHEMA = ("https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
          "sarif-schema-2.1.0.json")
FINGERPRINT = "correctorFinding/v1"
SRCROOT = "%SRCROOT%"

RULES: dict[Kind, tuple[str, str, str]] = {  # name, short description, full description
    Kind.NON_WORD: ("NonWord", "Word unknown for the period",
                    "A word no period word list knows, one cheap OCR edit from one that it "
                    "does ('ft' for 'a')."),
    Kind.ANACHRONISM: ("Anachronism", "Modern word unknown to period print",
                       "A word common today but never printed in 1880-1935 books: most likely "
                       "a misread period word ('nuke' for 'make')."),
    Kind.REAL_WORD: ("RealWord", "Real word unlikely in its context",
                     "A real word that is unlikely in its context where an OCR confusion gives "
                     "a likely one ('he' for 'be')."),
    Kind.SPLIT_WORD: ("SplitWord", "Word split in two",
                      "A word split in two by a stray space."),
    Kind.JOINED_WORD: ("JoinedWord", "Words run together",
                       "Two words run together by a lost space."),
    Kind.HYPHENATION: ("Hyphenation", "Line-end hyphenation",
                       "A line-end hyphen that should be joined or kept."),
    Kind.PUNCTUATION: ("Punctuation", "Punctuation lost or misread",
                       "Punctuation lost or misread ('ones Each' for 'ones. Each')."),
    Kind.CONSISTENCY: ("Consistency", "Minority spelling",
                       "A minority spelling of a word the text spells another way more often."),
}
RULE_INDEX = {kind: i for i, kind in enumerate(RULES)}


def render(report: CheckReport) -> str:
    return json.dumps(document(report), ensure_ascii=False, indent=1) + "\n"


def document(report: CheckReport) -> dict[str, object]:
    """The whole SARIF log: one run, one rule per kind, one result per finding."""
    driver: dict[str, object] = {"name": "corrector", "version": __version__,
                                 "semanticVersion": __version__}
    home = information_uri()
    if home:
        driver["informationUri"] = home
    driver["rules"] = [rule(kind) for kind in RULES]
    notifications = [_notification("error", status.error) for status in report.files
                     if status.error]
    notifications += [_notification("warning", f"stale baseline entry: '{e.text}' in {e.path} "
                                    f"({e.context}) is no longer found")
                      for e in report.stale]
    invocation: dict[str, object] = {"executionSuccessful": not report.errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results(report.findings),
            "properties": {"dataVersion": report.meta.get("data_version")},
        }],
    }


def rule(kind: Kind) -> dict[str, object]:
    name, short, full = RULES[kind]
    return {
        "id": kind.value,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["transcription", "ocr", "spelling"]},
    }


def results(findings: list[Located]) -> list[dict[str, object]]:
    seen: Counter[str] = Counter()
    out = []
    for located in findings:
        digest = fingerprint_hash(located)
        seen[digest] += 1
        out.append(result(located, f"{digest}:{seen[digest]}"))
    return out


def fingerprint_hash(located: Located) -> str:
    """A hash of file, word and context: what stays put when unrelated lines change."""
    key = "\0".join((uri(located.finding.path), located.word, located.context))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def result(located: Located, fingerprint: str) -> dict[str, object]:
    f = located.finding
    location = _artifact(f.path)
    region = {"startLine": f.line, "startColumn": f.column, "endLine": located.end_line,
              "endColumn": located.end_column + 1, "snippet": {"text": f.text}}
    message = f"'{located.word}' -> '{f.best or '?'}' ({f.kind.value}, confidence " \
              f"{f.confidence:.2f}). {f.reason}"
    out: dict[str, object] = {
        "ruleId": f.kind.value,
        "level": "warning",
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {"confidence": round(f.confidence, 4),
                       "suggestions": [s.to_json() for s in f.suggestions],
                       "context": located.context},
    }
    if f.kind in RULE_INDEX:
        out["ruleIndex"] = RULE_INDEX[f.kind]
    if f.best is not None:
        out["fixes"] = [{
            "description": {"text": f"Replace '{located.word}' with '{f.best}'"},
            "artifactChanges": [{
                "artifactLocation": location,
                "replacements": [{"deletedRegion": {k: v for k, v in region.items()
                                                    if k != "snippet"},
                                  # as `corrector fix` writes it (a line-end cut kept)
                                  "insertedContent": {"text": replacement(f)}}],
            }],
        }]
    return out


def information_uri() -> str | None:
    """The project's home page from the installed package's metadata, if it names one."""
    from importlib import metadata

    try:
        urls = metadata.metadata("corrector").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    found = dict(
        (label.strip().lower(), url.strip())
        for label, _, url in (entry.partition(",") for entry in urls)
    )
    for label in ("homepage", "repository", "source", "documentation"):
        if found.get(label, "").startswith(("https://", "http://")):
            return found[label]
    return None


def _artifact(path: str) -> dict[str, object]:
    reference = uri(path)
    if reference.startswith("file:"):
        return {"uri": reference}
    return {"uri": reference, "uriBaseId": SRCROOT}


def _notification(level: str, text: str | None) -> dict[str, object]:
    return {"level": level, "message": {"text": text or ""}}
