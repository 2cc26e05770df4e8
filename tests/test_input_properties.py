"""Random bytes and random text through the reader, the scanner and the HTML reader: no
exception escapes, and every finding lies inside the source and matches its ``text``."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corrector.files import InputError, decode
from corrector.htmltext import extract_html
from corrector.scan import scan_document, scan_text

SETTINGS = settings(max_examples=50, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])

WORDS = ["nuke", "ft", "make", "the", "The", "programme", "Tzar", "plunder", "great", "deal",
         "[sic]", ".", ",", " ", "\n", "\r\n", "\n\n", "-", "\u2019", "caf\u00e9"]
MARKUP = ["<p>", "</p>", "<p class=\"note\">", "<br>", "<i>", "</i>", "<script>", "</script>",
          "<!-- ", " -->", "&amp;", "&rsquo;", "&#8212;", "&#x41;", "&bogus;", "&", "<", ">",
          "<div class=\"footer\">", "</div>", "<![CDATA[", "]]>", "<?pi?>", "</>", "<a href='x'>"]


def check(findings, source: str) -> None:
    for finding in findings:
        assert 0 <= finding.start <= finding.end <= len(source)
        assert source[finding.start : finding.end] == finding.text
        before = source[: finding.start]
        assert finding.line == before.count("\n") + 1
        assert finding.column == finding.start - (before.rfind("\n") + 1) + 1


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_are_read_or_refused_never_crash(model, raw):
    try:
        source = decode(raw, Path("random.txt"))
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert source.encode(source.text) == raw  # what was read can be written back exactly
    check(scan_text(source.text, model), source.text)
    check(scan_document(source.text, model, "html").findings, source.text)


@SETTINGS
@given(st.text(max_size=300))
def test_random_text_scans_as_text_and_as_html(model, text):
    check(scan_text(text, model), text)
    check(scan_document(text, model, "html").findings, text)


@SETTINGS
@given(st.lists(st.sampled_from(WORDS + MARKUP), max_size=80))
def test_random_html_maps_findings_onto_the_source(model, parts):
    source = "".join(parts)
    extracted = extract_html(source)
    for start in range(len(extracted.text) + 1):  # every mapped span is verbatim source
        span = extracted.source_span(start, min(start + 3, len(extracted.text)))
        if span is not None:
            assert source[span[0] : span[1]] == extracted.text[start : start + 3]
    check(scan_document(source, model, "html").findings, source)
