"""JUnit XML for CI systems that read test reports (GitLab, Jenkins, Azure, CircleCI).

One test case per file checked, one ``<failure>`` per finding, ``<error>`` for a file that
could not be read, ``<skipped>`` for one a folder walk skipped. Built with ElementTree so it
is always well-formed; characters XML 1.0 cannot carry (control characters a scanned file
may hold) are replaced first, since ElementTree would write them as they are.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from corrector.check.formats import CheckReport, repo_path
from corrector.check.formats.text import line
from corrector.check.keys import Located

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render(report: CheckReport) -> str:
    by_file: dict[str, list[Located]] = {}
    for located in report.findings:
        by_file.setdefault(located.finding.path, []).append(located)
    suite = ET.Element("testsuite", name="corrector check")
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for status in report.files:
        case = ET.SubElement(suite, "testcase", classname="corrector.check",
                             name=clean(repo_path(status.path)), file=clean(repo_path(status.path)))
        counts["tests"] += 1
        if status.error:
            ET.SubElement(case, "error", message=clean(status.error), type="input")
            counts["errors"] += 1
        elif status.note:
            ET.SubElement(case, "skipped", message=clean(status.note))
            counts["skipped"] += 1
        found = by_file.get(status.path, [])
        if found:
            counts["failures"] += 1
        for located in found:
            f = located.finding
            failure = ET.SubElement(
                case, "failure", type=f.kind.value,
                message=clean(f"{f.line}:{f.column}: {located.word} -> {f.best or '?'} "
                              f"(confidence {f.confidence:.2f})"),
            )
            failure.text = clean(f"{line(located)}\n{f.reason}")
    if report.stale:
        out = ET.SubElement(suite, "system-out")
        out.text = clean("".join(f"stale baseline entry: '{e.text}' in {e.path} ({e.context})\n"
                                 for e in report.stale))
    for key, value in counts.items():
        suite.set(key, str(value))
    root = ET.Element("testsuites", name="corrector", tests=str(counts["tests"]),
                      failures=str(counts["failures"]), errors=str(counts["errors"]))
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
