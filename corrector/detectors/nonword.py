"""Non-words: printed words that no period word list knows ("ft", "Hi-re", "bro1ught").

Unknown capitalised words and acronyms are most often names the lists never saw (Souvarine,
Moscal), so they are only flagged when a period word lies a cheap OCR edit away; in
mid-sentence, how cheap depends on how common that word is (a misread "House" is likelier
than a misread "Toison"); unknown lower-case words are flagged whether or not a suggestion
is found. Halves of contractions printed apart ("wo n't", "it 's") are left alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from itertools import compress

from corrector.casing import ends_sentence
from corrector.detectors.money import money_amounts
from corrector.detectors.printforms import print_form
from corrector.docerrors import discount, habitual_edits
from corrector.document import Document
from corrector.errormodel import PUNCT_EDIT
from corrector.finding import Finding, Kind, Suggestion
from corrector.hyphenreadings import hyphenated_candidates, in_printed_case
from corrector.known import ABBREVIATION_BIT, known_word
from corrector.langdata import stored_lines
from corrector.letterlm import letter_model
from corrector.model import Model
from corrector.suggest import MAX_SUGGESTIONS, Candidate
from corrector.tokens import Shape, classify
from corrector.wordmemo import word_memo

# How cheap the OCR explanation must be to doubt a capitalised word in mid-sentence: the
# commoner the period word it would be a misreading of, the likelier a misreading is than a
# name the lists never saw, so the dearer the explanation may be (tuned on the dev sets).
NAME_BASE_COST = 1.5
NAME_COST_PER_DECADE = 1.5  # allowed cost per power of ten in the candidate's period count
INITIAL_MAX_COST = 6.5  # the same at a sentence start, where any word is capitalised
# The misread prior (``realword.misread_prior``) of the OCR pages those costs suit; a page's
# own prior moves them by the log of the ratio (tuned on the dev sets).
NAME_PRIOR_REFERENCE = 0.1
CLOSE_COST = 6.0  # the OCR cost at which the raw score is one half
MIN_COMPOUND_PART = 3  # "lastnamed" is "last-named" closed up; shorter parts are too loose
MIN_COMPOUND_COUNT = 3  # how often print must hyphenate the compound
MIN_JOINED_COUNT = 5  # a kept line-break hyphen is mended only into a word printed this often
MAX_BAD_PARTS = 2  # a compound with more unknown parts than this is mended as a whole
TITLE_MAX_LENGTH = 5  # "Corpl.", "Sergt.": a short capitalised word before a stop ...
TITLE_MAX_COUNT = 20  # ... that period books hardly print is an abbreviated title
MIN_TRIGRAM_TYPES = 4  # a letter trigram must occur in this many period words or names
MIN_TRIGRAM_WORD_COUNT = 3  # period words printed this often teach which letters may meet
# A newspaper's reference code: one letter and a number ("k338", "m216", "L245").
_CASE_PIECE = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+")
_CASE_SEPARATOR = re.compile(r"['-]")
_GAP_PARTS = re.compile(r"(\S*)(\s*)(.*)", re.DOTALL)  # marks glued to the word before, space, rest
_OPENING_MARKS = "\"'([\u2018\u201c \t\n"  # (white space inside the rest too)
# A name set in capitalised pieces: "Mc" + "Kinley", "Mac" + "Donald", "AE" + "etes" (the
# Æ of a Greek name written out in two capitals).
_NAME_PIECES = re.compile(r"(?:AE|OE|[A-Z])[a-z]*(?:[A-Z][a-z]+)+|(?:AE|OE)[a-z]+")
NAME_CASE_SHARE = 0.5
_CODE = re.compile(r"[^\W\d_]\d{2,}")
# A number's plural or possessive, "the 1890's", "the French 75's", "4's and 5's" (but a
# lone "1's" may be "is" misread: a 1 is OCR's commonest stand-in for an i or an l).
_NUMBER_PLURAL = re.compile(r"(?:\d{2,}|[02-9])'s")
# A digit, then small letters or capitals: a number with its unit ("6in", "2ft") or a word
# whose first letter was read as a digit ("8he", "8UITS": an S read as 8).
_DIGIT_THEN_LETTERS = re.compile(r"\d(?:[a-z]{2,}|[A-Z]{2,})")
# A sentence's end, closing quotes or brackets after it allowed ('ready." He', 'so!\' We');
# after a colon or a quote alone, any case goes.
_FULL_STOP_GAP = re.compile(r"[.!?][\s'\"\u2019\u201d)\]]*$|\n[ \t]*\n")
# OCR debris among the capitalised words left alone as names: on a page this misread, a
# word printed once whose spelling is less word-like than this (``letterlm``: mean log
# probability per letter; "Souvarine" -2.0, "Robeon" -2.8, "Joioey" -4.5, "Hft" -6.6) is
# flagged with no suggestion (its readings are too dear to be trusted: right one time in
# five on the dev and train pages). Dev and train OCR pages: 250 such words, 86 % slips.
DEBRIS_PAGE_PRIOR = 0.06
DEBRIS_WORDLIKE = -3.25
DEBRIS_MIN_LETTERS = 3
MIDCAP_NAME_SHARE = 0.3  # a word print capitalises this seldom in mid-sentence is no name
PAGE_WORD_MIN_COUNT = 3  # a page's word this common in period print may be a misread word's reading
TITLE_LINE_MIN_LENGTH = 4  # shorter words ("of", "the", "and") keep small letters in a title
PAGE_CASE_SHARE = 0.75  # the page's own case for a word, when it prints it so this often
PAGE_WORDS_MIN_PRIOR = 0.06  # ... on a page whose misread prior is at least this (``clean_page``)
CLITICS = frozenset({"s", "t", "d", "m", "re", "ve", "ll"})  # "it 's", "we 're", "I 'll"
_APOSTROPHES = ("'", "\u2019")


class NonWordDetector:
    name = "non-word"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        data = model.data
        tokens = document.tokens
        habits = habitual_edits(document, model)  # the text's own habitual misreadings
        cut = (lambda correct, seen: discount(correct, seen, habits)) if habits else None
        page_shift: float | None = None  # worked out at the first capitalised unknown word
        page_reader = None if clean_page(document, model) else (
            lambda: page_words(document, model))
        money = money_amounts(document, model)
        for i in self._unknown(document, model):
            token = tokens[i]
            word = token.norm
            if token.line_broken and token.shape is Shape.WORD and self._known(document, i, model):
                continue
            if token.shape is Shape.MIXED and _numeric_compound(word, model):
                continue
            if document.followed_by_sic(i) or self._after_drop_capital(document, i, model):
                continue
            if contraction_piece(document, i):
                continue
            if print_form(document, i, model) is not None or i in money:
                continue  # "Ac." for "&c.", "Gd." for "6d.": print-form and money detectors
            letters = [c for c in word if c.isalpha()]
            named = bool(letters) and letters[0].isupper()
            bad_parts = (self._bad_parts(word, model)
                         if token.shape in (Shape.WORD, Shape.MIXED) else None)
            # A fix for the whole word that needs no look-up: a line-break hyphen left in,
            # or a possessive's s read as a digit.
            whole_fix = _kept_line_break_hyphen(word, model)
            if whole_fix is None and token.shape is Shape.MIXED:
                whole_fix = _possessive_s_read_as_digit(word, model)
            miscased = token.shape is Shape.WORD and _miscased_word(word, model)
            if (named and token.shape is Shape.WORD and whole_fix is None
                    and not (bad_parts or miscased)):
                if page_shift is None:
                    page_shift = _page_name_shift(document, model)
                if _name_left_alone(word, starts_sentence(document, i, model), page_shift,
                                    cut, page_reader, model) and not _debris(document, i, model):
                    continue
            parts_reading = None  # a compound's misread parts, read one by one
            mended: list[Candidate] = []  # a hyphenated word's readings, weighed whole
            if whole_fix is not None:
                suggestions, candidates = whole_fix
            else:
                suggestions, candidates = model.suggester.suggest(
                    word, document.window(i), discount=cut, miscased=miscased,
                    page_words=page_reader)
                mended, parts_reading = hyphenated_candidates(
                    word, bad_parts, document.window(i), model, candidates
                ) if bad_parts else ([], None)
                if parts_reading is not None and candidates and (
                        parts_reading.cost >= candidates[0].cost):
                    parts_reading = None  # the whole word's reading explains it as cheaply
                if parts_reading is not None:
                    # "Pembroke-ttroet", "Priuces-street": a compound with misread parts.
                    # Its capital says "name" only when a misread part has one.
                    named = any(word.split("-")[k][:1].isupper() for k in bad_parts or ())
            whole = candidates  # the whole word's own readings
            if mended:  # which reading is right is weighed whole ("to-utorrow",
                # "impaove-ment": a word broken at a line end and misread)
                candidates = mended[: MAX_SUGGESTIONS * 2]
                suggestions = in_printed_case(
                    word, model.suggester.ranked(word, candidates), candidates, model)
            if named:  # names are not run-together words: "Fitzsmyth" is no "Fitz smyth"
                keep = [k for k, c in enumerate(candidates) if " " not in c.word]
                candidates = [candidates[k] for k in keep]
                suggestions = [s for s in suggestions if " " not in s.text]
            # How well OCR explains the word: the cheaper of its parts read one by one and
            # the whole word's best reading.
            explained = [parts_reading] if parts_reading is not None else [
                c for c in whole if not named or " " not in c.word]
            best_cost = explained[0].cost if explained else float("inf")
            initial = starts_sentence(document, i, model)
            limit = INITIAL_MAX_COST if initial else name_max_cost(explained, model)
            if named:
                if page_shift is None:
                    page_shift = _page_name_shift(document, model)
                limit += page_shift
            garbled = debris = False
            if named and token.shape is Shape.WORD and best_cost > limit:
                if _unspellable(word, model):
                    garbled = True  # no name has letters in that order: "Mpinday", "QIVBN"
                elif _debris(document, i, model):
                    debris = True  # spelt like no period word: "Joioey", "Hft"
                    suggestions, candidates = [], []
                else:
                    continue
            if miscased:
                klass = "miscased"
            elif debris:
                klass = "debris"
            elif garbled:
                klass = "garbled"
            elif token.shape is Shape.MIXED:
                klass = "mixed"
            elif len(letters) > 1 and all(c.isupper() for c in letters):
                klass = "caps"
            elif named:
                klass = "initial" if initial else "name"
            else:
                klass = "lower"
            if miscased:  # the word itself, each part in the case its printed capitals say
                suggestions = [replace(s, text=recase(word)) if s.text.lower() == word.lower()
                               else s for s in suggestions]
            suggestions = [replace(s, text=fit_case(document, i, s.text, model, initial))
                           for s in suggestions]
            # Raw score: how well an OCR misreading explains the word (calibrated later); for
            # debris, how far its spelling is from any word's.
            if debris:
                confidence = _debris_score(word, model)
            else:
                confidence = 1 / (1 + math.exp(best_cost - CLOSE_COST)) if candidates else 0.3
            yield Finding(
                start=token.start,
                end=token.end,
                text=token.text,
                kind=Kind.NON_WORD,
                confidence=confidence,
                suggestions=tuple(suggestions),
                reason=f"'{word}' is in no period word list (period count {data.count(word)})",
                extra={"class": klass},
            )
        yield from _letters_read_as_a_digit(document, model)

    def _unknown(self, document: Document, model: Model) -> list[int]:
        """The tokens that may be non-words, in text order: words and mixed tokens of two
        characters or more, but of the words not joined across a line end, only those that
        are not known. That is decided once per word and full stop after it (``_known``
        depends on nothing else for them), for the first token of each, and gathered."""
        import numpy as np

        from corrector.tokentypes import TypeAnswers

        types = document.types
        asked = (types.word | types.mixed) & (types.lengths >= 2)[types.of_token]
        plain = types.word & ~types.line_broken
        keys = types.of_token * 2 + types.stop_after
        unknown = np.zeros(2 * len(types.norms), dtype=bool)
        found, first = np.unique(keys[plain], return_index=True)
        at = np.flatnonzero(plain)[first]
        first_token = at.tolist()
        known = types.per_type_and_stop(
            found, lambda n: self._known(document, first_token[n], model),
            word_memo(model, "non-word known", TypeAnswers))  # (word, full stop) -> ``_known``
        unknown[found] = ~known
        asked &= ~plain | unknown[keys]
        asked &= ~types.per_word_test(foreign_letters)[types.of_token]
        return np.flatnonzero(asked).tolist()

    @staticmethod
    def _bad_parts(word: str, model: Model) -> list[int] | None:
        """Indexes of the one or two unknown parts of a hyphenated word, if that is all
        that keeps it from being known and each is a plain word of three letters or more
        (lower case, a capital and lower case, or capitals)."""
        parts = word.split("-")
        if len(parts) < 2:
            return None
        bad = [k for k, p in enumerate(parts) if p and not p.isdigit()
               and not known_word(p, model.data)]
        if not 1 <= len(bad) <= MAX_BAD_PARTS:
            return None
        for k in bad:
            part = parts[k]
            if len(part) < 3 or not (part.isalpha() or _letters_with_a_digit(part)) or not (
                    part.islower() or part.istitle() or part.isupper()):
                return None
        return bad

    @staticmethod
    def _after_drop_capital(document: Document, i: int, model: Model) -> bool:
        """ "R ELIGION": a decorative initial printed apart from the rest of the word."""
        if i == 0:
            return False
        initial = document.tokens[i - 1]
        word = document.tokens[i].norm
        return (
            len(initial.text) == 1
            and initial.text.isupper()
            and document.gap_before(i) == " "
            and known_word(initial.text + word, model.data)
        )

    @staticmethod
    def _known(document: Document, i: int, model: Model) -> bool:
        """Whether token ``i`` is a period word, as printed. Depends only on the word, on
        whether a full stop follows it and, for a word joined across a line break, on its
        text: ``detect`` remembers the answer per word and full stop."""
        token = document.tokens[i]
        end = token.end  # (``document.next_char(i)``, asked of nearly every word)
        if known_word(token.norm, model.data, document.text[end : end + 1]):
            return not _case_slip(token.norm, model)
        if token.line_broken:
            # A compound broken at its own hyphen: "semi-\nproletariat".
            kept = "".join(token.text.split()).replace("\u2010", "-").replace("\u00ac", "-")
            return known_word(kept, model.data)
        return _closed_compound(token.norm, model)


def _name_left_alone(word: str, initial: bool, page_shift: float,
                     cut: Callable[[str, str], float] | None,
                     page_reader: Callable[[], Sequence[str]] | None, model: Model) -> bool:
    """Whether a capitalised word (no hyphened parts, its case no slip) is sure to be left
    alone as a name the lists never saw, before its suggestions are ranked: each reading
    (``Suggester.readings``, the page's words too where ``page_reader`` gives them) costs
    more, discounts for the text's habits taken off, than the limit ``detect`` would set
    for it as the best (at a sentence start if ``initial``, moved by ``page_shift``), and
    the word is spelt like a name (``_unspellable``). ``detect``'s best candidate is one of
    these readings, so the word would be left alone just the same; the look-up is needed
    to know that, and kept for the ranking when the word is doubted after all. Most new
    names of a book are not, and ranking their readings in context, with the run-together
    readings a name never gets, was a third of their cost."""
    lower = word.lower()
    for reading, cost in model.suggester.readings(lower, page_reader):
        if cut is not None:
            cost = cost - cut(reading, lower)
        limit = INITIAL_MAX_COST if initial else reading_max_cost(reading, model)
        if not cost > limit + page_shift:
            return False
    return not _unspellable(word, model)


def _debris(document: Document, i: int, model: Model) -> bool:
    """Whether capitalised token ``i``, left alone as a name so far, is OCR debris: on a
    page misread this often (``DEBRIS_PAGE_PRIOR``), a word of letters alone, in small
    letters after its capital, printed once on the page (a page's repeated abbreviation,
    "Pte" thirty times, is its own), and spelt less like any period word than
    ``DEBRIS_WORDLIKE`` (``letterlm``). Names are spelt like words ("Souvarine",
    "Robeon"); what OCR makes of a word seldom is ("Joioey", "Hft", "Ptv")."""
    from corrector.detectors.realword import misread_prior  # (realword imports this module)

    word = document.tokens[i].norm
    if (len(word) < DEBRIS_MIN_LETTERS or not word.isalpha() or word.isupper()
            or not word[0].isupper()):
        return False
    if misread_prior(document, model) < DEBRIS_PAGE_PRIOR:
        return False
    types = document.types
    if int((types.of_token == types.of_token[i]).sum()) > 1:
        return False
    return letter_model(model.data).wordlike(word) < DEBRIS_WORDLIKE


def _debris_score(word: str, model: Model) -> float:
    """Raw score of a debris finding: one half at ``DEBRIS_WORDLIKE``, nearer one the
    less word-like the spelling (calibrated later)."""
    return 1 - 0.5 * math.exp(letter_model(model.data).wordlike(word) - DEBRIS_WORDLIKE)


def foreign_letters(word: str) -> bool:
    """Whether ``word`` has a letter English print does not set: an accent or a diaeresis
    ("flâneurs", "croisés", "rëestablished"), a ligature ("cæteris"), another alphabet.
    Such a word is a foreign word, a name or a period spelling that no English list holds:
    OCR of English print does not make these letters up (no non-word flag on the OCR side
    of the dev and train sets had one, against 21 false flags on their corrected side)."""
    return not word.isascii() and any(c.isalpha() and not c.isascii() for c in word)


def clean_page(document: Document, model: Model) -> bool:
    """A text whose misread prior is below ``PAGE_WORDS_MIN_PRIOR``: a book or a good scan,
    whose few misread words the period-wide look-ups explain. Its own words are not
    tried as readings (``page_words``): that costs time, and changed no first suggestion on
    100,000 words of period books."""
    from corrector.detectors.realword import misread_prior  # (realword imports this module)

    return misread_prior(document, model) < PAGE_WORDS_MIN_PRIOR


def page_words(document: Document, model: Model) -> tuple[str, ...]:
    """The period words this text prints (lower case, letters only, two or more, printed
    ``PAGE_WORD_MIN_COUNT`` times or more by the corpus), in the order the text first
    prints them: readings the suggester tries for a badly misread word
    (``Suggester.candidates``). Worked out once per text, when first asked, from the
    word ids the real-word detector reads too (``Document.model_ids``)."""
    def compute() -> tuple[str, ...]:
        import numpy as np  # (a text with no badly misread word never needs it)

        from corrector.context_batch import CountArrays

        data = model.data
        ids = document.model_ids(data)
        ids = ids[ids >= 0]  # (markers and words the corpus never printed: no readings)
        distinct, first = np.unique(ids, return_index=True)
        distinct = distinct[np.argsort(first)]
        common = distinct[CountArrays.of(data).counts[distinct] >= PAGE_WORD_MIN_COUNT]
        vocab = data.vocab
        return tuple(word for word in map(vocab.__getitem__, common.tolist())
                     if len(word) > 1 and word.isalpha())

    return document.kept("page words", model, compute)


def fit_case(document: Document, i: int, suggestion: str, model: Model, initial: bool) -> str:
    """``suggestion`` with the capital its place wants when the printed first letter is
    itself the misreading: the case OCR's misread letters had on the train pages decides
    when they say so clearly (``_misread_capital``); else a sentence's first word keeps its
    capital even when OCR lost or misread that letter ("riere is" -> "Here"), and a capital
    in mid-sentence that only the misread letter made ("Iiad", "Hke", "Beemed") goes when
    print seldom capitalises the word there and its neighbours are not capitalised too. A
    proper form's capital over a small letter read right goes when the page itself prints
    the word small."""
    printed = document.tokens[i].text
    if not suggestion or " " in suggestion:
        return suggestion
    start = initial and (i == 0 or _FULL_STOP_GAP.search(document.gap_before(i)) is not None)
    word = suggestion.lower()
    proper = word in model.data.proper_forms
    if suggestion.islower() or (suggestion.istitle() and not proper):
        capital = _misread_capital(document, i, word, model, start)
        if capital is not None:
            return suggestion[0].upper() + suggestion[1:] if capital else word
    if suggestion[0].lower() == printed[0].lower():
        if (proper and printed[0].islower() and suggestion.istitle() and not start
                and page_capital(document, word, model) is False):
            return word  # "heavy wheatsheaf": the page's own small letter, not the name's
        return suggestion
    if start:
        return suggestion[0].upper() + suggestion[1:] if suggestion.islower() else suggestion
    if (suggestion.istitle() and not proper
            and model.data.midcap_share(word) < MIDCAP_NAME_SHARE
            and not _beside_capital(document, i, model)):
        return word
    return suggestion


def _misread_capital(document: Document, i: int, word: str, model: Model,
                     start: bool) -> bool | None:
    """Whether ``word`` (lower case), read for token ``i`` whose first letter OCR got
    wrong, began with a capital: True or False when the evidence is clear, else None.

    A stray mark before the word's own capital says so ("iPrice", "fForfeited"). Else the
    train pages' habits do (``corrector.casing``): "Pour" for "Four" and "8ix" for "Six"
    were capitals, "Ihe" for "the" and "6aid" for "said" small letters, and a small
    "t" read for "s" after a doubtful stop ("Ac.. tend it") was small. A mark
    or digit read for the first letter whose case they leave open takes the line's: a
    capital between capitals ("Plaster, 3anltary Pipes")."""
    printed = document.tokens[i].text
    if printed[0].lower() == word[0]:
        if printed[1:2].isupper() and printed[1].lower() == word[0] and len(
                printed) == len(word) + 1:
            return True  # a doubled first letter, the second the word's own capital
        return None
    if printed[1:2].isupper() and printed[1].lower() == word[0] and not printed[0].isupper():
        return True
    if (not printed[0].isalpha() and printed[1:2].islower() and printed[1] == word[0]
            and len(printed) == len(word) + 1):
        return False  # a stray mark before the word's own small letter ("1plump")
    # The table's sentence start: after a clean stop (``casing.ends_sentence``).
    clean = start and (i == 0 or _clean_stop_before(document, i))
    capital = model.first_letters.capital(printed[0], word[0], clean)
    if (capital is None and not start and not printed[0].isalpha()
            and len(word) >= TITLE_LINE_MIN_LENGTH and _between_capitals(document, i, model)):
        return True
    return capital


def page_capital(document: Document, word: str, model: Model) -> bool | None:
    """Whether the page itself sets ``word`` (lower case) with a capital where no sentence
    begins: True or False when it prints the word so at least ``PAGE_CASE_SHARE`` of the
    time, None when it does not print it there or is divided. A page's own spelling says
    more than period print at large: a pub's "Wheatsheaf" in one town, a "heavy
    wheatsheaf" in a proverb. (Asked only over a proper form's capital: for a misread first
    letter the page's case was measured a worse guide than the train pages' habits, on
    pages that capitalise nouns at will.)"""
    cap, small = page_cases(document, word)
    if not cap + small:
        return None
    share = cap / (cap + small)
    return True if share >= PAGE_CASE_SHARE else False if share <= 1 - PAGE_CASE_SHARE else None


def page_cases(document: Document, word: str) -> tuple[int, int]:
    """How often the page prints ``word`` (lower case) with a capital and in small letters
    where no sentence begins (``sentence_initial``), counting words set as "Word" or
    "word" only: a line of capitals says nothing of a word's case.

    Counted for the one word asked (a page asks about a word or two, if any): its types
    are the ones whose lower-case form it is, found by one pass in C over the text's
    lower-case types (``Document._type_words``, which the model sequence reads too), and
    each one's tokens are counted with numpy. (Counting every type of the text up front
    cost a fifth of a second per million words.)"""
    import numpy as np

    types = document.types
    norms = types.norms
    lowered = document.type_words()
    cap = small = 0
    for k in compress(range(len(lowered)), map(word.__eq__, lowered)):
        norm = norms[k]
        if not _cased_word(norm):
            continue
        n = int(np.count_nonzero((types.of_token == k) & ~document.sentence_starts))
        if norm[0].isupper():
            cap += n
        else:
            small += n
    return cap, small


def _cased_word(word: str) -> bool:
    """Set as "Word" or "word" (two letters or more): whose case ``page_cases`` counts."""
    return len(word) > 1 and word.isalpha() and (word.islower() or word.istitle())


def _clean_stop_before(document: Document, i: int) -> bool:
    """Whether token ``i`` follows a clean sentence end (``casing.ends_sentence``): the
    word before, its stop and closing marks (set apart from it or not), white space, then
    opening quotes or brackets alone ('ready." "Well', "shut.\n\nHere", "school .\nHe"),
    and nothing glued before that word."""
    head, space, tail = _GAP_PARTS.fullmatch(document.gap_before(i).lstrip(" ")).groups()
    if not space or tail.strip(_OPENING_MARKS):
        return False
    if i > 1 and document.gap_before(i - 1)[-1:] not in ("", *_OPENING_MARKS):
        return False  # marks glued to the word before as well: "p.m. be", "we.t."
    return ends_sentence(document.tokens[i - 1].text, head)


def _between_capitals(document: Document, i: int, model: Model) -> bool:
    """Whether the words either side of token ``i`` both begin with a capital, and the one
    after not as a sentence's first: a heading or an advertisement's title-case line
    ("Carlisle Plaster, 3anltary Pipes"), where a word whose first letter OCR read as a
    mark or a digit had a capital too. (Not a say over a misread letter's own case: on
    pages that capitalise nouns, "Ireland alnce Saturday" is still "since".)"""
    tokens = document.tokens
    return (0 < i < len(tokens) - 1 and tokens[i - 1].text[:1].isupper()
            and tokens[i + 1].text[:1].isupper() and tokens[i + 1].text[:1].isalpha()
            and not starts_sentence(document, i + 1, model))


def _beside_capital(document: Document, i: int, model: Model) -> bool:
    """Whether a neighbouring word is capitalised too, not as a sentence's first: a title or
    heading ("Old Father Time", "Upright Grand"), where every word takes a capital."""
    tokens = document.tokens
    return any(0 <= k < len(tokens) and tokens[k].text[:1].isupper()
               and not starts_sentence(document, k, model) for k in (i - 1, i + 1))


def contraction_piece(document: Document, i: int) -> bool:
    """Whether token ``i`` is half of a contraction printed apart, as tokenised texts set
    them ("it 's", "we 're", "wo n't", "ca n't"): each half is right as printed."""
    tokens = document.tokens
    norm = tokens[i].norm
    # (Asked of nearly every word: the length tests settle most cheaply.)
    if (len(norm) <= 2 and norm.lower() in CLITICS and i > 0
            and document.gap_before(i).endswith(_APOSTROPHES)):
        return True
    if i + 1 >= len(tokens):
        return False
    following = tokens[i + 1].norm
    return (len(following) == 3 and following.lower() == "n't"
            and document.gap_before(i + 1) == " ")


def maybe_contraction_pieces(document: Document):
    """A boolean array over the tokens, true wherever ``contraction_piece`` may be: at a
    clitic ("s", "re", "ll") and before an "n't". Everywhere else it is false, so a detector
    that asks it of every token need only ask it where this says so."""
    types = document.types
    of_token = types.of_token
    clitic = types.per_word_test(_is_clitic)[of_token]
    before_nt = clitic[:0].copy()  # (an empty boolean array when there are no tokens)
    if len(of_token):
        before_nt = types.per_word_test(_is_nt)[of_token]
        before_nt[:-1] = before_nt[1:]
        before_nt[-1] = False
    return clitic | before_nt


def _is_clitic(norm: str) -> bool:
    return len(norm) <= 2 and norm.lower() in CLITICS


def _is_nt(norm: str) -> bool:
    return len(norm) == 3 and norm.lower() == "n't"


def _page_name_shift(document: Document, model: Model) -> float:
    """How much dearer (or cheaper) an explanation may be for a capitalised word on this
    page than on a typical OCR page: the log of the page's misread prior against
    ``NAME_PRIOR_REFERENCE``. On a clean page a word no list knows is more likely a name
    than a misreading ("Martlew", "Kingbridge"); on a garbled one, less."""
    from corrector.detectors.realword import misread_prior  # (realword imports this module)

    return math.log(misread_prior(document, model) / NAME_PRIOR_REFERENCE)


def name_max_cost(candidates: list[Candidate], model: Model) -> float:
    """How dear an OCR explanation may be for a capitalised word in mid-sentence to be
    doubted, given the best candidate (a common word misread, or a name nobody listed)."""
    if not candidates:
        return 0.0
    return reading_max_cost(candidates[0].word, model)


def reading_max_cost(reading: str, model: Model) -> float:
    """``name_max_cost`` when ``reading`` is the best candidate: dearer the commoner it is."""
    count = sum(model.data.count(w) for w in reading.split())
    return min(INITIAL_MAX_COST, NAME_BASE_COST + NAME_COST_PER_DECADE * math.log10(count + 1))


def _kept_line_break_hyphen(
    word: str, model: Model
) -> tuple[list[Suggestion], list[Candidate]] | None:
    """ "disad-vantage", "posi-tion": a word broken at a line end whose hyphen stayed when
    the lines were joined. The whole word is the fix, not a correction of either piece."""
    if word.count("-") != 1 or not word.islower():
        return None
    joined = word.replace("-", "")
    if model.data.count(joined) < MIN_JOINED_COUNT:
        return None
    suggestion = Suggestion(joined, 1.0, f"a line-break hyphen left in; period count "
                                         f"{model.data.count(joined)}")
    return [suggestion], [Candidate(joined, PUNCT_EDIT, 0.0)]


_POSSESSIVE_DIGIT = re.compile(r"((?:[^\W\d_]+')*[^\W\d_]{2,})'[568]")


def _possessive_s_read_as_digit(
    word: str, model: Model
) -> tuple[list[Suggestion], list[Candidate]] | None:
    """ "TREBECK'8", "Bewick'6": a possessive whose s was read as a digit (an 8, 6 or 5,
    the digits OCR makes of an s). The fix is the possessive, in the word's case."""
    found = _POSSESSIVE_DIGIT.fullmatch(word)
    if found is None:
        return None
    stem = found.group(1)
    fixed = f"{stem}'{'S' if stem.isupper() else 's'}"
    cost = model.errors.cost(fixed.lower(), word.lower())
    return ([Suggestion(fixed, 1.0, "a possessive's s read as a digit")],
            [Candidate(fixed.lower(), cost, 0.0)])


def _closed_compound(word: str, model: Model) -> bool:
    """A compound printed closed up that period print also hyphenates ("lastnamed",
    "auctionroom", "Policeconstable"): a spelling of its time, not a misreading."""
    if "-" in word or len(word) < 2 * MIN_COMPOUND_PART:
        return False
    lower = word.lower()
    return any(
        model.data.count(f"{lower[:k]}-{lower[k:]}") >= MIN_COMPOUND_COUNT
        for k in range(MIN_COMPOUND_PART, len(lower) - MIN_COMPOUND_PART + 1)
    )


def starts_sentence(document: Document, i: int, model: Model) -> bool:
    """Whether token ``i`` begins a sentence, so its capital says nothing about a name.

    A full stop after an initial, a title or an abbreviation ("Mr. Goodrick", "J. Mvans",
    "Corpl. Cowea") ends no sentence: the word after it is a name's place, not any word's.
    """
    if not document.sentence_initial(i):
        return False
    if i == 0 or document.gap_before(i).strip() != ".":
        return True
    before = document.tokens[i - 1]
    if before.shape is Shape.INITIAL:
        return False
    word = before.norm
    if model.data.source_bits(word) & ABBREVIATION_BIT:
        return False
    return not (word[:1].isupper() and len(word) <= TITLE_MAX_LENGTH
                and model.data.count(word) < TITLE_MAX_COUNT)


_TRIGRAMS: dict[int, frozenset[str]] = {}


def _unspellable(word: str, model: Model) -> bool:
    """Whether ``word`` has three letters in a row (or two at its start or end) that no
    period word or known name has: a name the lists never saw is still spelt like one
    ("Goodrick"), OCR debris seldom is ("Mpinday", "Uuitrated", "HVKGBY")."""
    known = _letter_trigrams(model)
    for part in word.lower().split("-"):
        marked = f"^{part}$"
        if part.isalpha() and any(marked[k : k + 3] not in known
                                  for k in range(len(marked) - 2)):
            return True
    return _miscased(word, model)


def _miscased_word(word: str, model: Model) -> bool:
    """A period word printed with capitals and small letters mixed as print never sets
    them ("communiCated", "wAter", "LoNDON"): the letters are right, their case is OCR's
    slip, so the word is no more known as printed than "cornmunicated" is.

    Names are the exception: print sets "McKinley", "MacDonald", "AEetes" (for Æetes) with
    capitals inside, so a name (a word print capitalises where no sentence begins) printed
    as capitalised pieces is its own spelling, not a slip."""
    return known_word(word, model.data) and _case_slip(word, model)


def _case_slip(word: str, model: Model) -> bool:
    """Whether the case of ``word``'s letters is OCR's slip (``_miscased``, and not a name
    set in capitalised pieces)."""
    return _miscased(word, model) and not _name_cased(word, model)


def _name_cased(word: str, model: Model) -> bool:
    """Whether ``word`` is set as a name's capitalised pieces ("McKinley", "AEetes") and
    is a name: print capitalises it where no sentence begins at least ``NAME_CASE_SHARE``
    of the time (so "HoMe" is still OCR's slip, and "LoNDON", not set in pieces, too)."""
    return (_NAME_PIECES.fullmatch(word) is not None
            and model.data.capitalised_where_no_sentence_begins(word) >= NAME_CASE_SHARE)


def _letters_read_as_a_digit(document: Document, model: Model) -> Iterator[Finding]:
    """ "8he", "8ir", "9TOCK": a word whose first letter OCR read as a digit, which the
    tokenizer takes for a number with its unit. Flagged only when the likeliest reading of
    the whole token, in context, is a word that differs from it in that digit alone, and
    cheaply: "6in" reads best as "in" with a stray digit, so a measure is left alone."""
    import numpy as np

    types = document.types
    for i in np.flatnonzero(types.per_word_test(_digit_then_letters)[types.of_token]).tolist():
        token = document.tokens[i]
        if token.shape is not Shape.NUMBER:
            continue
        suggestions, candidates = model.suggester.suggest(token.text, document.window(i))
        if not candidates:
            continue
        best = candidates[0]
        if (len(best.word) != len(token.text) or best.word[1:] != token.text[1:].lower()
                or best.cost > CLOSE_COST):
            continue
        initial = starts_sentence(document, i, model)
        # A digit stands for a capital's shape (8 for S): the word begins with a capital,
        # kept where its place wants one (``fit_case``).
        suggestions = [replace(s, text=fit_case(document, i, s.text[:1].upper() + s.text[1:],
                                                model, initial))
                       for s in suggestions if " " not in s.text]
        yield Finding(
            start=token.start,
            end=token.end,
            text=token.text,
            kind=Kind.NON_WORD,
            confidence=1 / (1 + math.exp(best.cost - CLOSE_COST)),
            suggestions=tuple(suggestions),
            reason=f"'{token.text}' reads as '{best.word}' with its first letter taken "
                   "for a digit",
            extra={"class": "mixed"},
        )


def _letters_with_a_digit(part: str) -> bool:
    """A word with a letter read as a digit: letters and one digit, the digit not last
    ("8treet", "6ourt"; not "12th" or "Wood10", which are print)."""
    digits = sum(c.isdigit() for c in part)
    return (digits == 1 and part.isalnum() and not part[-1].isdigit()
            and sum(c.isalpha() for c in part) >= 2)


def _digit_then_letters(word: str) -> bool:
    return _DIGIT_THEN_LETTERS.fullmatch(word) is not None


def recase(word: str) -> str:
    """``word`` set as print would set it, part by part between hyphens: in capitals where
    most of its letters are ("LoNDON"), with a capital where it begins with one ("WIlson"),
    else in small letters ("communiCated", "streeL")."""
    out = []
    for part in word.split("-"):
        letters = [c for c in part if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        if upper > 1 and upper > len(letters) - upper:
            out.append(part.upper())
        elif letters and letters[0].isupper():
            out.append(part[:1] + part[1:].lower())
        else:
            out.append(part.lower())
    return "-".join(out)


def _miscased(word: str, model: Model) -> bool:
    """Capitals and small letters mixed in a way print never sets them ("BUnkete", "CorrEE",
    "DaKLIBOTON"): OCR misreads letter case; a word set as "Title", "lower" or "CAPS", or
    words run together ("HarcourtThe", "M'Dougal"), keeps to one of those in each piece."""
    # (Asked of every new word: most have no separator, and ``re.split`` looks its
    # pattern up anew each call.)
    parts = _CASE_SEPARATOR.split(word) if "'" in word or "-" in word else (word,)
    for part in parts:
        if part.isupper() or part.islower() or part.istitle() or len(part) < 2:
            continue
        pieces = _CASE_PIECE.findall(part)
        if "".join(pieces) != part or not all(
            (len(p) > 2 and known_word(p, model.data)) or (k == 0 and p.istitle())
            for k, p in enumerate(pieces)
        ):
            return True
    return False


def _letter_trigrams(model: Model) -> frozenset[str]:
    """Every letter trigram of the period words and names (``^``/``$`` mark the ends).

    Stored with the language data (``letter-trigrams.txt``, written by ``wordlists build``)
    so a one-page check does not spend a fifth of a second building it; built here only for
    data that lacks the file or was made with other thresholds."""
    data = model.data
    found = _TRIGRAMS.get(id(data))
    if found is None:
        found = _read_trigrams(data) or letter_trigrams(data)
        _TRIGRAMS[id(data)] = found
    return found


TRIGRAMS_FILE = "letter-trigrams.txt"


def _trigram_header() -> str:
    return f"# min_word_count={MIN_TRIGRAM_WORD_COUNT} min_types={MIN_TRIGRAM_TYPES}"


def _read_trigrams(data) -> frozenset[str] | None:
    lines = stored_lines(data, TRIGRAMS_FILE, _trigram_header())
    return None if lines is None else frozenset(t for t in lines if len(t) == 3)


def write_letter_trigrams(directory, data) -> None:
    """Store ``letter_trigrams(data)`` beside the rest of the language data."""
    from corrector.atomic import write_text

    lines = [_trigram_header(), *sorted(letter_trigrams(data))]
    write_text(directory / TRIGRAMS_FILE, "\n".join(lines) + "\n")


def letter_trigrams(data) -> frozenset[str]:
    """The trigrams of words printed ``MIN_TRIGRAM_WORD_COUNT`` times or more and of known
    names that occur in at least ``MIN_TRIGRAM_TYPES`` of them."""
    import numpy as np

    frequent = [w for w, n in zip(data.vocab, data.counts) if n >= MIN_TRIGRAM_WORD_COUNT]
    text = "^" + "$^".join(frequent) + "$^" + "$^".join(data.proper_forms) + "$"
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    trigrams = (codes[:-2] << np.uint64(42)) | (codes[1:-1] << np.uint64(21)) | codes[2:]
    values, times = np.unique(trigrams, return_counts=True)
    return frozenset(_decode(int(v)) for v in values[times >= MIN_TRIGRAM_TYPES])


def _decode(trigram: int) -> str:
    """The three characters packed 21 bits each into ``trigram``."""
    mask = (1 << 21) - 1
    return chr(trigram >> 42) + chr((trigram >> 21) & mask) + chr(trigram & mask)


def _numeric_compound(word: str, model: Model) -> bool:
    """A reference code ("k338"), a number's plural ("1890's") or numbers and words joined
    by hyphens ("1745-46", "1st-15th", "Betting-5", "3-wheel"): print, not a misreading of
    one word."""
    if _CODE.fullmatch(word) or _NUMBER_PLURAL.fullmatch(word):
        return True
    parts = word.split("-")
    if len(parts) < 2 or not all(parts):
        return False
    numeric = [classify(p, "") is Shape.NUMBER for p in parts]
    return any(numeric) and all(
        n or (p.isalpha() and known_word(p, model.data)) for p, n in zip(parts, numeric))
