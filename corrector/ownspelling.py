"""A clean text's own spellings: what it prints the same way again and again is its own.

On a clean transcription (one whose misread prior is at its floor: hardly a word no list
knows) a slip is rare, and the same slip twice rarer still. A word such a text sets the same
way more than once, flagged each time, is the author's: a dialect spelling in dialogue
("hevery", "wisky", "th'"), a name no list has ("Escott", "Bromfleet"), an abbreviation of
the trade ("Pte"). pptext's rule is alike (a word a book spells one way five or more times is
probably right); two places are enough here, since each was already doubted on its own. On
the aligned sets' clean pages this withheld ninety false flags of a spelling flagged twice,
against seven slips on a clean-looking OCR page. On an OCR page the opposite holds (a
misreading the scanner made once it makes again: "tbe", "arid"), so only a clean text of
some length is read this way.

A text's own spelling may also be a habit across words rather than one word repeated: a
Cockney speaker's added h's ("h'always", "h'and", "h'about") or a dialect's "t'" are each
printed once or twice, but the elision at the apostrophe (``elision_key``) recurs, and at
three places it is the text's own too.
"""

from __future__ import annotations

from collections import Counter

from corrector.detectors.realword import MIN_MISREAD_PRIOR, misread_prior
from corrector.document import Document
from corrector.finding import Finding, Kind
from corrector.langdata import LanguageData
from corrector.model import Model

MIN_OWN_SPELLINGS = 2  # places one spelling is flagged at, on one clean text ...
MIN_WORDS = 200  # ... of this many words at least: a few lines are no evidence of a clean
# text (the misread prior of a short one is mostly the typical share it is smoothed towards)
# An elision (``elision_key``: at most so many letters at an apostrophe, of a word print used
# so often) the text shows at this many places is its own, whatever the words.
MAX_ELIDED_LETTERS = 2
MIN_ELIDED_COUNT = 20
MIN_OWN_ELISIONS = 3
_KINDS = frozenset({Kind.NON_WORD, Kind.REAL_WORD, Kind.SPLIT_WORD})


def spelling_key(finding: Finding) -> tuple[Kind, str] | None:
    """What makes two findings the same spelling flagged the same way (None: a kind of
    finding this rule leaves alone)."""
    return (finding.kind, finding.text.lower()) if finding.kind in _KINDS else None


def elision_key(finding: Finding, data: LanguageData) -> tuple[Kind, str, str] | None:
    """The elision a non-word shows, if it is a word print used with a letter or two
    elided or added at an apostrophe ("h'always", "h'and": "h'"; "t'ask": "t'"; "head'n":
    "'n"): what two findings share when a text spells the same way in many words (a
    Cockney speaker's h's), not only in one. None for any other finding. (Three items, so
    no spelling's key is ever an elision's.)"""
    if finding.kind is not Kind.NON_WORD:
        return None
    text = finding.text.replace("\u2019", "'")
    if text.count("'") != 1:
        return None
    head, tail = text.lower().split("'")
    if not (head + tail).isalpha():
        return None
    if len(head) <= MAX_ELIDED_LETTERS and len(tail) >= 2 and data.count(tail) >= MIN_ELIDED_COUNT:
        return (finding.kind, "elided", head + "'")
    if len(tail) <= MAX_ELIDED_LETTERS and len(head) >= 2 and data.count(head) >= MIN_ELIDED_COUNT:
        return (finding.kind, "elided", "'" + tail)
    return None


def own_keys(finding: Finding, data: LanguageData) -> list[tuple]:
    """The keys ``flagged_places`` counts ``finding``'s place under: its spelling and
    the elision it shows, those it has."""
    return [key for key in (spelling_key(finding), elision_key(finding, data))
            if key is not None]


def flagged_places(places: set[tuple[tuple, int]]) -> Counter:
    """How many places each spelling was flagged at, from (``spelling_key``, start) pairs:
    two detectors of one kind flagging the same word ("The" mid-sentence) flag one place."""
    return Counter(key for key, _ in places)


def without_own_spellings(findings: list[Finding], flagged: Counter,
                          document: Document, model: Model) -> list[Finding]:
    """``findings`` less those of a spelling (``spelling_key``) a clean ``document`` was
    flagged for at ``MIN_OWN_SPELLINGS`` places or more (``flagged``, from every finding
    the detectors made, whatever its confidence, so the answer does not hang on the
    confidence the user asked for)."""
    if (not flagged or max(flagged.values()) < MIN_OWN_SPELLINGS
            or len(document.tokens) < MIN_WORDS):
        return findings
    if misread_prior(document, model) > MIN_MISREAD_PRIOR:
        return findings
    data = model.data
    return [f for f in findings if flagged[spelling_key(f)] < MIN_OWN_SPELLINGS
            and flagged[elision_key(f, data)] < MIN_OWN_ELISIONS]
