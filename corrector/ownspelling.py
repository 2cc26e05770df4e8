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
"""

from __future__ import annotations

from collections import Counter

from corrector.detectors.realword import MIN_MISREAD_PRIOR, misread_prior
from corrector.document import Document
from corrector.finding import Finding, Kind
from corrector.model import Model

MIN_OWN_SPELLINGS = 2  # places one spelling is flagged at, on one clean text ...
MIN_WORDS = 200  # ... of this many words at least: a few lines are no evidence of a clean
# text (the misread prior of a short one is mostly the typical share it is smoothed towards)
_KINDS = frozenset({Kind.NON_WORD, Kind.REAL_WORD, Kind.SPLIT_WORD})


def spelling_key(finding: Finding) -> tuple[Kind, str] | None:
    """What makes two findings the same spelling flagged the same way (None: a kind of
    finding this rule leaves alone)."""
    return (finding.kind, finding.text.lower()) if finding.kind in _KINDS else None


def flagged_places(places: set[tuple[tuple[Kind, str], int]]) -> Counter:
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
    return [f for f in findings if flagged[spelling_key(f)] < MIN_OWN_SPELLINGS]
