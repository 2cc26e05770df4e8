"""Real-word slips: a known word in a place where a near confusion fits far better.

"he" for "be", "put" for "but", "arid" for "and", "bad" for "had": every one is a word, so a
dictionary is blind to it. For each word the error model gives the period words it is a
cheap misreading of (its confusion set); the period language model scores each in the
word's context (neighbouring words and punctuation). The printed word gets a prior for
being right, each confusion the prior for a misreading times the error-model probability:

    P(c | printed, context) ∝ P(c | context) · P(misread) · P(printed | c, misread)
    P(printed right)        ∝ P(printed | context) · (1 - P(misread))

and a finding is made when a confusion wins. The known-word prior is the knob JamSpell found
essential: without it, context alone would "correct" rare but right words.

How often a known word is a misreading depends on the page: a clean book misprints
one word in thousands, a bad newspaper scan one in twenty. The share of words on the page
that no list knows (smoothed towards a typical share, since a page is short) measures that,
so the misread prior is set from it, between a floor and a ceiling: a clean text is
left alone unless the context is overwhelming, a garbled one is read with suspicion.

A word capitalised in mid-sentence is weighed with its capital: each reading is also
multiplied by how often period print capitalised that word where no sentence began, so
"Mr. Gilley" (a name) is not read as "galley", which print seldom capitalises. A capitalised
word in mid-sentence that only the word lists know ("Shildon") is left alone: the corpus
never printed it, so its context says nothing for or against it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, NamedTuple

from corrector import confusion_table
from corrector.detectors.money import money_amounts
from corrector.detectors.nonword import (
    contraction_piece,
    fit_case,
    maybe_contraction_pieces,
    starts_sentence,
)
from corrector.detectors.printforms import maybe_print_forms, print_form
from corrector.docerrors import (
    DISCOUNT,
    FINAL_S_DISCOUNT,
    drops_final_s,
    habitual_edits,
    lost_final_s,
)
from corrector.document import Document
from corrector.errormodel import segment_edits
from corrector.finding import Finding, Kind, Suggestion
from corrector.known import ABBREVIATION_BIT, known_keys, known_word
from corrector.model import Model
from corrector.suggest import restore_case
from corrector.wordmemo import word_memo

if TYPE_CHECKING:
    from corrector.tokentypes import TypeEntries

MISREAD_PER_NONWORD = 4.0  # misread known words per word no list knows, on OCR pages
MIN_MISREAD_PRIOR = 0.04  # the least share of known words taken to be misread
MAX_MISREAD_PRIOR = 0.2
TYPICAL_NONWORD_SHARE = 0.01  # what a page's share is smoothed towards ...
SMOOTHING_WORDS = 50  # ... with the weight of this many words
PRIOR_SAMPLE_WORDS = 2000
MAX_CONFUSION_COST = 6.5  # confusions dearer than this are not considered ...
# ... and those dearer than this only on a page whose misread prior is at least
# ``DEAR_CONFUSION_PRIOR``: on a clean page a dear misreading is too unlikely ever to win
# (weighing it costs time and, where the context is odd, makes a false flag).
CHEAP_CONFUSION_COST = 5.5
DEAR_CONFUSION_PRIOR = 0.06
MIN_CONFUSION_COUNT = 20  # a confusion must be a word the period printed this often
MIN_POSTERIOR = 0.5
# A word and its own inflection ("order", "orders"; "situate", "situated") both fit most
# places: which one is meant is agreement with words further off than the context sees, so
# such a confusion must explain the page better by this much more (nats).
INFLECTION_COST = 2.0
INFLECTION_ENDINGS = frozenset({"s", "es", "d", "ed", "ing", "'s"})
# The endings by their last letter: a word can end only with those ending in its own.
_ENDINGS_BY_LAST = {last: tuple(e for e in INFLECTION_ENDINGS if e[-1] == last)
                    for last in {e[-1] for e in INFLECTION_ENDINGS}}
_LONGEST_ENDING = max(map(len, INFLECTION_ENDINGS))
MIN_INFLECTED_LENGTH = 4  # shorter: "an" and "and", "be" and "bed" are misreadings
NAME_WORD_SHARE = 0.8  # a word capitalised this often in mid-sentence is a title or a name
MIN_ABBREVIATION_LENGTH = 4  # a stop vouches for an unprinted abbreviation this long
# Words whose confusions' edits are kept for texts with habits (``_with_habits``): about
# 1.4 kB a word, so fewer than the other memos keep (a collection's pages share most).
MAX_KEPT_EDITS = 20_000


_CONFUSIONS: dict[tuple[int, str], list[tuple[str, float]]] = {}
_TABLE_USABLE: dict[tuple[int, int, int], bool] = {}


def confusion_set(model: Model, word: str) -> list[tuple[str, float]]:
    """The period words ``word`` is a cheap misreading of, with their costs (cached): from
    the stored table when it was built from this data and error model, else worked out."""
    key = (id(model.errors), word)
    found = _CONFUSIONS.get(key)
    if found is None:
        data = model.data
        table = _usable_table(model)
        word_id = data.ids.get(word) if table is not None else None
        if table is not None and word_id is not None:
            found = table.get(word_id, data.vocab)
        else:
            found = confusion_table.compute(data, model.errors, word, MAX_CONFUSION_COST,
                                            MIN_CONFUSION_COUNT)
        if len(_CONFUSIONS) > 200_000:
            _CONFUSIONS.clear()
        _CONFUSIONS[key] = found
    return found


def _usable_table(model: Model) -> confusion_table.ConfusionTable | None:
    """The model's stored confusion sets, if they match its data, error model and this
    detector's thresholds (checked once per model)."""
    table = model.confusions
    if table is None:
        return None
    key = (id(table), id(model.data), id(model.errors))
    usable = _TABLE_USABLE.get(key)
    if usable is None:
        usable = _TABLE_USABLE[key] = table.digest == confusion_table.fingerprint(
            model.data, model.errors, MAX_CONFUSION_COST, MIN_CONFUSION_COUNT)
    return table if usable else None


class RealWordDetector:
    name = "real-word"

    def detect(self, document: Document, model: Model) -> Iterator[Finding]:
        positions, kinds, distinct, stored = _candidates(document, model)
        if not positions:
            return
        import numpy as np  # imported here: a scan with no candidates does not need it

        from corrector.context_batch import NONE, ContextScorer

        data = model.data
        prior = misread_prior(document, model)
        # Each distinct word's rows (the printed word first, then each of its confusions)
        # as a span of the kept rows: without the dear confusions on a clean page.
        cheap = prior < DEAR_CONFUSION_PRIOR
        span = stored.spans[:, 2:] if cheap else stored.spans[:, :2]
        first_row, lengths = span[:, 0], span[:, 1]
        all_words, all_costs = stored.words, stored.costs
        habits = habitual_edits(document, model)
        lost_s = lost_final_s(document, model)
        if habits or lost_s:  # costs of this text's own: each word's rows copied out
            weighed = [(all_words[a : a + n], all_costs[a : a + n])
                       for a, n in zip(first_row.tolist(), lengths.tolist())]
            if habits:  # the text's own habitual misreadings are cheaper here
                edits = word_memo(model, "confusion edits")  # (word, cut) -> edits' rows
                if len(edits) > MAX_KEPT_EDITS:
                    edits.clear()
                weighed = [_with_habits(words, costs, lower, habits, data.vocab,
                                        edits, cheap)
                           for (words, costs), lower in zip(weighed, distinct.lowers())]
            if lost_s:  # a text that drops final s's: a word is likelier its own plural
                weighed = [_with_final_s(words, costs, lower, lost_s, data.vocab)
                           for (words, costs), lower in zip(weighed, distinct.lowers())]
            all_words = np.concatenate([w for w, _ in weighed])
            all_costs = np.concatenate([c for _, c in weighed])
            first_row = np.cumsum(lengths) - lengths
        # One row per hypothesis, each distinct word's rows copied to its places with one
        # gather from where they are kept.
        kind = np.array(kinds)
        counts = lengths[kind]
        rows = np.repeat(np.arange(len(kind)), counts)
        starts = np.cumsum(counts) - counts  # each candidate's first row: its printed word
        within = np.arange(len(rows)) - starts[rows]
        take = first_row[kind][rows] + within
        words = all_words[take]
        costs = all_costs[take]
        priors = np.where(within == 0, math.log(1 - prior), math.log(prior) - costs)
        # (Asked only where the word starts with a capital: a small share of the words.)
        types = document.types
        midcap = types.per_word_test(_starts_upper)[types.of_token][positions]
        for n in np.flatnonzero(midcap).tolist():
            midcap[n] = _capitalised_midsentence(document, positions[n], model)
        if midcap.any():  # (the share is worked out for those rows only: they are few)
            capital = midcap[rows]
            shares = np.zeros(len(rows))
            shares[capital] = _log_midcap_share(data, words[capital])
            priors = priors + shares
        # Each candidate's window (``Document.window``) as ids, read from the ids of the
        # whole model sequence at once rather than a window at a time.
        ids = document.model_ids(data)
        at = document.model_places()[positions] + 2  # + 2: the padding before
        left, right = ids[at - 1], ids[at + 1]
        left2 = np.where(left != NONE, ids[at - 2], NONE)
        right2 = np.where(right != NONE, ids[at + 2], NONE)
        scores = ContextScorer(data).window_logp(words, rows, left2, left, right, right2,
                                                 kinds=kind) + priors
        top = np.maximum.reduceat(scores, starts)
        weights = np.exp(scores - top[rows])
        posterior = weights / np.add.reduceat(weights, starts)[rows]
        confusion_only = posterior.copy()
        confusion_only[starts] = -1.0
        best = np.maximum.reduceat(confusion_only, starts)
        for n in np.flatnonzero(best >= MIN_POSTERIOR):
            first = int(starts[n])
            i = positions[n]
            lower, confusions = distinct[kinds[n]]
            if cheap:  # (the confusions the rows were cut to, in order)
                confusions = [c for c in confusions if c[1] <= CHEAP_CONFUSION_COST]
            ranked = sorted(
                ((c, float(posterior[first + 1 + k])) for k, (c, _) in enumerate(confusions)),
                key=lambda item: item[1], reverse=True,
            )
            if prior <= MIN_MISREAD_PRIOR and ranked[0][0].startswith(lower) and _elided(
                    document, i):
                continue  # "o'", "th'", "wi'": the word is cut short on purpose
            finding = _finding(document.tokens[i], lower, ranked, confusions,
                               document.window(i), data)
            initial = starts_sentence(document, i, model)
            yield replace(finding, suggestions=tuple(
                replace(s, text=fit_case(document, i, s.text, model, initial))
                for s in finding.suggestions))


NOT_WEIGHABLE = -2  # (a ``TypeEntries`` answer: no entry)


_WEIGHED: dict[tuple[int, int, str], tuple] = {}


def _weighed(model: Model, lower: str, confusions: list[tuple[str, float]]):
    """Word ids and OCR costs of ``lower`` (printed right, cost 0) and its confusions."""
    key = (id(model.errors), id(model.data), lower)
    found = _WEIGHED.get(key)
    if found is None:
        ids = model.data.ids
        table = _usable_table(model)
        word_id = ids.get(lower) if table is not None else None
        if table is not None and word_id is not None:
            # The confusions came from the stored table (``confusion_set``): read their ids
            # and costs from it as arrays instead of looking each word up again.
            words, costs = table.rows(word_id)
        else:
            import numpy as np  # (imported here: asked once for each new word)

            from corrector.context_batch import UNKNOWN

            words = np.array([ids.get(lower, UNKNOWN),
                              *(ids.get(c, UNKNOWN) for c, _ in confusions)], dtype=np.int64)
            costs = np.array([0.0, *(cost for _, cost in confusions)])
        if len(_WEIGHED) > 200_000:
            _WEIGHED.clear()
        found = _WEIGHED[key] = (words, costs)
    return found


class KeptRows:
    """The rows the real-word detector weighs for each word it has met, kept in two growing
    arrays (word ids and costs) for the model: a word's priced rows (``_price``) are
    a span of them, and so are the same rows without the dear confusions (a clean page's;
    the same span when the word has none). A text's rows are then copied from here with
    one gather, instead of each text gathering thousands of small arrays and cutting each
    word's anew. Spans are only ever added: rows read once stay as they were. Kept with
    the weighable entries that point into it (``TypeEntries.kept``), and forgotten with
    them; ``priced`` holds each lower-case word's (printed, spans), and each entry's
    (printed, spans) are kept by entry index (``note``), read with one gather too.

    New rows and spans wait in lists and are written once a text (``arrays``): a
    text's new words would otherwise cost a numpy call each."""

    def __init__(self) -> None:
        self.priced: dict[str, tuple[bool, int, int, int, int]] = {}
        self.size = 0  # rows kept, those waiting included
        self._words: Any = None  # int64 (numpy, made on first need)
        self._costs: Any = None  # float64
        self._written = 0
        self._waiting: list = []  # (word ids, costs) of the rows not written yet
        self._spans: Any = None  # int64, five a row: each entry's (printed, spans)
        self._spans_written = 0
        self._waiting_spans: list[tuple] = []

    def add(self, words, costs) -> int:
        """Keep ``words`` and ``costs`` (one row each); returns where their span starts."""
        start = self.size
        self._waiting.append((words, costs))
        self.size += len(words)
        return start

    def note(self, printed_and_spans: tuple) -> None:
        """Keep the next entry's (printed, start, length, cut start, cut length)."""
        self._waiting_spans.append(printed_and_spans)

    def arrays(self) -> tuple[Any, Any, Any]:
        """The rows' word ids and costs and the entries' (printed, spans), everything kept
        written: arrays read before keep their rows, as growing makes new ones."""
        import numpy as np

        if self._waiting:
            words = np.concatenate([w for w, _ in self._waiting])
            costs = np.concatenate([c for _, c in self._waiting])
            self._waiting = []
            self._words, self._costs = _grown(self._words, self._written, self.size, words), \
                _grown(self._costs, self._written, self.size, costs)
            self._written = self.size
        if self._waiting_spans:
            spans = np.array(self._waiting_spans, dtype=np.int64)
            self._waiting_spans = []
            end = self._spans_written + len(spans)
            self._spans = _grown(self._spans, self._spans_written, end, spans)
            self._spans_written = end
        return self._words, self._costs, self._spans


def _grown(kept, used: int, size: int, new):
    """``kept`` (its first ``used`` rows) with ``new`` written after them, in ``kept``
    itself when there is room, else in a new array twice the size."""
    import numpy as np

    if kept is None or size > len(kept):
        grown = np.empty((max(1024, 2 * size), *new.shape[1:]), dtype=new.dtype)
        if kept is not None:
            grown[:used] = kept[:used]
        kept = grown
    kept[used:size] = new
    return kept


class _Distinct(Sequence):
    """``_candidates``' distinct words as (lower case, confusions), read from the kept
    entries when asked: a text weighs thousands of words and flags a handful, and only
    a flagged word's confusions are read (``confusion_set``)."""

    def __init__(self, entries: list, at, model: Model) -> None:
        self._entries, self._at, self._model = entries, at.tolist(), model

    def __getitem__(self, k):  # type: ignore[override]
        lower = self._entries[self._at[k]][0]
        return lower, confusion_set(self._model, lower)

    def lowers(self) -> list[str]:
        """The distinct words alone, in order."""
        entries = self._entries
        return [entries[k][0] for k in self._at]

    def __len__(self) -> int:
        return len(self._at)


class StoredRows(NamedTuple):
    """``_candidates``' rows: the kept arrays as they were when read, and per distinct word
    its priced span and its cheap span (start, length, cut start, cut length)."""

    words: Any
    costs: Any
    spans: Any  # int64, one row of four a distinct word


def _price_entries(memo: TypeEntries, at: list[int], model: Model) -> None:
    """Give the entries ``at`` of ``memo`` (made as (lower case, None), in order) their
    (whether the corpus printed the word, then the spans of ``memo.kept`` holding its rows
    priced with its own inflections, all and without the confusions dearer than
    ``CHEAP_CONFUSION_COST``: ``_price``'s) and note them. The case forms of a word and a
    full stop after it ("The", "the", "the.") share the lower-case word's rows, kept by
    the word alone (``KeptRows.priced``).

    The words no text priced before are priced together (``_priced_together``) when their
    rows come from the stored confusion table: a text's first scan in a process meets
    thousands, and a few numpy calls a word (cutting its rows, pricing its inflections,
    cutting the cheap ones) were most of the real-word detector's first-time cost."""
    kept, entries = memo.kept, memo.entries
    table = _usable_table(model)
    ids = model.data.ids
    fresh: dict[str, None] = {}  # the words not priced yet, in order
    for k in at:
        lower = entries[k][0]
        if lower in kept.priced or lower in fresh:
            continue
        if table is not None and ids.get(lower) is not None:
            fresh[lower] = None
        else:  # (confusions worked out at run time: priced one by one)
            _price(lower, confusion_set(model, lower), model, kept)
    if fresh:
        kept.priced.update(_priced_together(list(fresh), table, model, kept))
    for k in at:
        lower = entries[k][0]
        entry = entries[k] = (lower, kept.priced[lower])
        kept.note(entry[1])


def _priced_together(lowers: list[str], table: confusion_table.ConfusionTable, model: Model,
                     kept: KeptRows) -> dict[str, tuple[bool, int, int, int, int]]:
    """``KeptRows.priced`` entries for ``lowers`` (vocabulary words with confusions in
    ``table``, the model's usable one), their rows added to ``kept``: the rows ``_weighed``
    reads from the table, priced by ``_with_inflections`` and cut to the cheap confusions
    as ``_price`` does, for all the words at once (the same figures: only where the rows
    lie in ``kept`` differs, which nothing reads but through the spans)."""
    import numpy as np

    data = model.data
    ids = data.ids
    offsets, table_ids, table_costs = table.views()
    word_ids = np.fromiter(map(ids.__getitem__, lowers), np.int64, len(lowers))
    start = offsets[word_ids].astype(np.int64)
    length = offsets[word_ids + 1].astype(np.int64) - start + 1  # + 1: the word itself
    first = np.cumsum(length) - length  # each word's first row: the word itself
    owner = np.repeat(np.arange(len(lowers)), length)
    within = np.arange(len(owner)) - first[owner]
    head = within == 0
    source = start[owner] + within - 1
    source[head] = 0  # (overwritten below: the word's own row)
    words = table_ids[source].astype(np.int64)
    words[head] = word_ids
    raw = table_costs[source]
    raw[head] = 0.0
    costs = raw.copy()
    costs[_inflection_rows(lowers, owner, words, head, data)] += INFLECTION_COST
    base = kept.add(words, costs)
    # The cheap cut (``_price``): a word with a dear confusion gets rows of its own.
    keep = head | (raw <= CHEAP_CONFUSION_COST)
    dear = np.bincount(owner, weights=~keep, minlength=len(lowers)) > 0
    cut = keep & dear[owner]
    cut_length = np.bincount(owner[cut], minlength=len(lowers))
    cut_first = np.cumsum(cut_length) - cut_length
    cut_base = kept.add(words[cut], costs[cut]) if cut.any() else 0
    counts = data.counts
    out = {}
    for lower, word_id, at, size, cheap_at, cheap_size, own in zip(
            lowers, word_ids.tolist(), (base + first).tolist(), length.tolist(),
            (cut_base + cut_first).tolist(), cut_length.tolist(), dear.tolist()):
        out[lower] = ((counts[word_id] > 0, at, size, cheap_at, cheap_size) if own
                      else (counts[word_id] > 0, at, size, at, size))
    return out


def _inflection_rows(lowers: list[str], owner, words, head, data):
    """Which rows (``words``, of the word ``lowers[owner]`` each, ``head`` where it is the
    word itself) are one of the word's own inflections (``_inflections_of``): the rows
    ``_with_inflections`` prices up, found for all words at once. A form is an inflection
    when one of the two is the other and an ending; only rows one to three letters longer
    or shorter than their word can be, and only those are compared, in one pass."""
    import numpy as np

    vocab = data.vocab
    names = list(map(vocab.__getitem__, words.tolist()))
    sizes = np.fromiter(map(len, lowers), np.int64, len(lowers))[owner]
    longer = np.fromiter(map(len, names), np.int64, len(names)) - sizes
    near = np.flatnonzero((longer != 0) & (np.abs(longer) <= _LONGEST_ENDING) & ~head
                          & (sizes >= MIN_INFLECTED_LENGTH))
    at = near.tolist()
    hit = np.zeros(len(words), dtype=bool)
    hit[near] = [_inflection(lowers[k], names[r]) for k, r in zip(owner[near].tolist(), at)]
    return hit


def _inflection(word: str, form: str) -> bool:
    """``form in _inflections_of(word)``, for a ``form`` other than ``word``: one of the
    two is the other and an ending."""
    if len(form) > len(word):
        return form.startswith(word) and form[len(word):] in INFLECTION_ENDINGS
    return word.startswith(form) and word[len(form):] in INFLECTION_ENDINGS


def _price(lower: str, confusions: list[tuple[str, float]], model: Model,
           kept: KeptRows) -> tuple[bool, int, int, int, int]:
    """``lower``'s (printed, spans) in ``kept``, its rows added there when new: priced with
    its own inflections (``_with_inflections`` of ``_weighed``), then cut to the
    confusions no dearer than ``CHEAP_CONFUSION_COST``."""
    found = kept.priced.get(lower)
    if found is None:
        words, costs = _with_inflections(model, lower, *_weighed(model, lower, confusions))
        start = kept.add(words, costs)
        keep = [cost <= CHEAP_CONFUSION_COST for _, cost in confusions]
        if all(keep):
            cut = start, len(words)
        else:
            import numpy as np

            mask = np.array([True, *keep])
            cut = kept.add(words[mask], costs[mask]), int(mask.sum())
        found = kept.priced[lower] = (model.data.count(lower) > 0, start, len(words), *cut)
    return found


def _weighed_entries(model: Model) -> TypeEntries:
    """The model's kept entries for ``_candidates`` (``_price_entries``), with the rows
    they point into."""
    from corrector.tokentypes import TypeEntries

    return word_memo(model, "weighable", lambda: TypeEntries(KeptRows))


def _with_inflections(model: Model, lower: str, words, costs):
    """``costs`` with ``INFLECTION_COST`` added for the confusions that are ``lower``'s own
    inflections (a copy when there are any). Asked once per lower-case word: its case
    forms and a full stop after it share the priced rows (``_price``)."""
    if len(lower) < MIN_INFLECTED_LENGTH:
        return words, costs
    vocab = model.data.vocab
    inflected = _inflections_of(lower)
    # (Python ints: numpy scalars are slow. Adding 0.0 elsewhere changes no cost, so only
    # the inflections' costs are raised, in a copy.)
    at = [k for k, w in enumerate(words.tolist()) if k and w >= 0 and vocab[w] in inflected]
    if not at:
        return words, costs
    costs = costs.copy()
    costs[at] += INFLECTION_COST
    return words, costs


def _inflections_of(word: str) -> set[str]:
    """Every word that is ``word`` with an inflection's ending ("order", "orders"), or
    ``word`` without one. (One set a word instead of a test a
    confusion: asked for every new word of a text that has confusions.)"""
    forms = set(map(word.__add__, INFLECTION_ENDINGS))
    for ending in _ENDINGS_BY_LAST.get(word[-1:], ()):  # (only those it may end with)
        if word.endswith(ending):
            forms.add(word[: -len(ending)])
    return forms


def _with_habits(words, costs, lower: str, habits, vocab, kept: dict | None = None,
                 cheap: bool = False):
    """``costs`` less the discount for this text's habitual edits (a copy when changed):
    ``discount`` of each confusion read as ``lower``, from the rows each of the word's
    edits is in (``_rows_by_edit``, kept in ``kept`` by the word and whether its rows are
    the cheap cut): a text asks for a handful of edits, each word's confusions need
    hundreds of alignments."""
    key = (lower, cheap)
    by_edit = kept.get(key) if kept is not None else None
    if by_edit is None:
        by_edit = _rows_by_edit(words, lower, vocab)
        if kept is not None:
            kept[key] = by_edit
    times: dict[int, int] = {}  # row -> how many of its edits are habits
    for edit in habits:
        for k in by_edit.get(edit, ()):
            times[k] = times.get(k, 0) + 1
    if not times:
        return words, costs
    import numpy as np

    cut = np.zeros(len(costs))
    for k, n in times.items():
        cut[k] = DISCOUNT * n  # (``discount``'s figure)
    return words, costs - cut


def _rows_by_edit(words, lower: str, vocab) -> dict[tuple[str, str], list[int]]:
    """Each edit (correct, seen) reading a confusion as ``lower`` needs, and the rows of
    ``words`` (after the first, the word itself) whose reading needs it, once per need."""
    out: dict[tuple[str, str], list[int]] = {}
    for k, w in enumerate(words.tolist()):
        if k and w >= 0:
            for edit in segment_edits(vocab[w], lower):
                out.setdefault(edit, []).append(k)
    return out


def _with_final_s(words, costs, lower: str, lost_s: frozenset[str], vocab):
    """``costs`` less ``FINAL_S_DISCOUNT`` for reading ``lower`` as ``lower`` + "s", when
    the text shows lost final s's by other words (a copy when changed)."""
    if not drops_final_s(lower, lost_s):
        return words, costs
    plural = lower + "s"
    cut = [FINAL_S_DISCOUNT if k and w >= 0 and vocab[w] == plural else 0.0
           for k, w in enumerate(words.tolist())]
    if not any(cut):
        return words, costs
    return words, costs - cut


def misread_prior(document: Document, model: Model) -> float:
    """The share of this text's known words taken to be misread others: from the share of
    its words that no list knows (lower-case ones, and letters mixed with digits).

    Several detectors ask it of the same text: kept on the document for its last model."""
    return document.kept("misread prior", model, lambda: _misread_prior(document, model))


def _misread_prior(document: Document, model: Model) -> float:
    import numpy as np

    # A share needs no more than a few thousand words: a long text is sampled evenly.
    # Whether a sampled word is unknown depends on it and on a full stop after it only.
    types = document.types
    n = len(types.of_token)
    sample = np.arange(0, n, max(1, n // PRIOR_SAMPLE_WORDS))
    mixed, word = types.mixed[sample], types.word[sample]
    keys = (types.of_token * 2 + types.stop_after)[sample][word]
    found, times = np.unique(keys, return_counts=True)
    lower = types.per_word_test(str.islower)[found >> 1]  # (only lower-case words count)
    found, times = found[lower], times[lower]
    unknown = int(mixed.sum()) + int(times[~known_keys(types, found, model)].sum())
    words = int(mixed.sum()) + int(word.sum())
    share = (unknown + TYPICAL_NONWORD_SHARE * SMOOTHING_WORDS) / (words + SMOOTHING_WORDS)
    return min(MAX_MISREAD_PRIOR, max(MIN_MISREAD_PRIOR, MISREAD_PER_NONWORD * share))


def _capitalised_midsentence(document: Document, i: int, model: Model) -> bool:
    """A capital where no sentence begins (and not a line of capitals): it says "name"."""
    text = document.tokens[i].text
    return (text[:1].isupper() and not text.isupper()
            and not starts_sentence(document, i, model))


def _log_midcap_share(data, words):
    """log of how often period print capitalised each word id where no sentence began
    (``LanguageData.midcap_share``; one half for a word the corpus never printed)."""
    import numpy as np

    from corrector.context_batch import CountArrays

    arrays = CountArrays.of(data)
    known = words >= 0
    at = np.where(known, words, 0)
    share = (arrays.midcap_counts[at] + 0.5) / (arrays.counts[at] + 1)
    return np.log(np.where(known, share, 0.5))


def _candidates(document: Document, model: Model
                ) -> tuple[list[int], list[int], Sequence[tuple[str, list[tuple[str, float]]]],
                           StoredRows]:
    """The words worth weighing against their confusions: period words with cheap
    confusions and at least one neighbour. Returns each one's token index, which of the
    distinct words it is, those distinct words as (lower case, confusions), and where
    their word ids and costs are kept (``_weighed``, own inflections priced:
    ``_with_inflections``; ``StoredRows``).

    Type first (``corrector.tokentypes``): whether a word is weighed depends on the word
    and on whether a full stop follows it, so that is decided once per such pair and
    gathered to the tokens as an array. The checks that look at a token's neighbours (a
    print form, a drop capital, half a contraction, a name only the lists know) are asked
    only of the tokens whose word can make them true; a missing neighbour on both sides is
    read from the model sequence as an array."""
    import numpy as np

    from corrector.context_batch import NONE
    from corrector.tokentypes import TypeAnswers, sorted_distinct

    types = document.types
    # The word, with whether a full stop follows it (that can make it known) -> its index
    # in ``distinct``, or -1 when it is never weighed.
    plain_words = types.word & ~types.line_broken
    keys = types.of_token * 2 + types.stop_after
    kind_of = np.full(2 * len(types.norms), -1, dtype=np.int64)
    norms = types.norms
    # (word, full stop) -> its entry (lower case (``_weighable_word``), (printed, spans)),
    # or none: kept by type id, so a text looks up all its words at once.
    memo = _weighed_entries(model)
    asked = sorted_distinct(keys[plain_words])
    asked_keys = asked.tolist()

    new_entries: list[int] = []  # the entries made for this text, priced below

    def weigh(n: int) -> int:
        key = asked_keys[n]
        lower = _weighable_word(norms[key >> 1], bool(key & 1), model)
        if lower is None:
            return NOT_WEIGHABLE
        memo.entries.append((lower, None))
        new_entries.append(len(memo.entries) - 1)
        return len(memo.entries) - 1

    with memo.lock:  # (the entries read are the ones the indexes point into)
        entry_at = types.kept_per_key(asked, weigh, memo)
        if new_entries:
            _price_entries(memo, new_entries, model)
        weighable = np.flatnonzero(entry_at >= 0)
        at = entry_at[weighable]
        distinct = _Distinct(memo.entries, at, model)
        # (The arrays as they are now: later words are added past them.)
        words, costs, entry_spans = memo.kept.arrays()
        spans = entry_spans[at] if len(at) else np.zeros((0, 5), dtype=np.int64)
        stored = StoredRows(words, costs, spans[:, 1:])
    kind_of[asked[weighable]] = np.arange(len(weighable))
    kinds = np.where(plain_words, kind_of[keys], -1)
    # No neighbour on either side (``Document.window``'s middle items): never weighed.
    ids = document.model_ids(model.data)
    at = document.model_places() + 2  # + 2: the padding
    keep = (kinds >= 0) & ((ids[at - 1] != NONE) | (ids[at + 1] != NONE))
    # The checks that need the token's neighbours, where its word allows them to hold:
    # each asked only of the tokens its own mask picks out.
    lengths = types.lengths[types.of_token]
    capital_letter = types.per_word_test(_capital_letter)[types.of_token]  # "W ANTED", "T HE"
    beside_capital_letter = capital_letter.copy()
    beside_capital_letter[1:] |= capital_letter[:-1]
    starts_upper = types.per_word_test(_starts_upper)[types.of_token]
    title_case = types.per_word_test(_title_case)[types.of_token]
    name_word = types.per_type(lambda word: _name_word(word, model.data),
                               word_memo(model, "name word", TypeAnswers))[types.of_token]
    after_name_word = np.zeros_like(name_word)
    after_name_word[1:] = name_word[:-1] & title_case[:-1]
    unprinted = np.r_[spans[:, 0] == 0, False]  # (whether the corpus printed it; [-1]: no kind)
    checks = (
        (maybe_print_forms(document) & (lengths <= 3),
         lambda i: print_form(document, i, model) is not None),  # "Ac." for "&c.": a print form
        (beside_capital_letter, lambda i: _drop_capital(document, i, model)),
        (maybe_contraction_pieces(document), lambda i: contraction_piece(document, i)),
        # A name only the lists know ("Shildon"): no context to judge it by.
        (starts_upper & unprinted[kinds],
         lambda i: _capitalised_midsentence(document, i, model)),
        (title_case & after_name_word, lambda i: _in_name_place(document, i)),
    )
    keep[list(money_amounts(document, model))] = False  # "Is." for "1s.": the money detector's
    for mask, excluded in checks:
        for i in np.flatnonzero(keep & mask).tolist():
            if excluded(i):
                keep[i] = False
    positions = np.flatnonzero(keep)
    return positions.tolist(), kinds[positions].tolist(), distinct, stored


def _name_word(word: str, data) -> bool:
    """A title or a name: print capitalises it nearly everywhere no sentence begins."""
    return data.capitalised_where_no_sentence_begins(word) >= NAME_WORD_SHARE


def _in_name_place(document: Document, i: int) -> bool:
    """ "Mr. Tooke", "Messrs Carne", "St. Kitts": a capitalised word right after a title or
    a name (``_name_word``, in title case, the token before) is the name's next
    part. Any surname is right there, so the language model cannot judge it, only prefer
    the commoner name ("Rooke")."""
    return document.gap_before(i) in (" ", ". ")


def _title_case(word: str) -> bool:
    """A capital, then lower case: how a name is printed in running text (a line of
    capitals says nothing of names)."""
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def _starts_upper(word: str) -> bool:
    return word[:1].isupper()


def _capital_letter(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _weighable(word: str, full_stop: bool,
               model: Model) -> tuple[str, list[tuple[str, float]]] | None:
    """(lower case, confusions) when ``word`` (normalised) is a period word with cheap
    confusions that is not the user's, a compound, a contraction or a name; else None."""
    lower = _weighable_word(word, full_stop, model)
    return None if lower is None else (lower, confusion_set(model, lower))


def _weighable_word(word: str, full_stop: bool, model: Model) -> str | None:
    """``_weighable``'s verdict without the confusions: the word in lower case, or None.
    Whether it has any is read from the stored table's offsets where it can be
    (``_has_confusions``): a text's first scan asks this of thousands of words, and only
    the few it flags need their confusions as (word, cost) pairs."""
    data = model.data
    if word in data.user_words or "-" in word or "'" in word:
        return None
    lower = word.lower()
    if word[0].isupper() and lower in data.proper_forms:
        return None
    if not known_word(word, data, "." if full_stop else ""):
        return None  # not a period word: the non-word detector's business
    if (full_stop and len(lower) >= MIN_ABBREVIATION_LENGTH and not data.count(lower)
            and data.source_bits(lower) & ABBREVIATION_BIT):
        # "Sergt.", "prem.": an abbreviation with its full stop that the corpus never
        # printed. The stop vouches for it, and with no count its context cannot: every
        # common confusion ("Serge", "press") would win on the unigram alone. (Two or
        # three letters and a stop are as often a misread word: "ls." for "1s.".)
        return None
    return lower if _has_confusions(model, lower) else None


def _has_confusions(model: Model, lower: str) -> bool:
    """``bool(confusion_set(model, lower))``, from the stored table's offsets when the
    confusions would be read from it."""
    table = _usable_table(model)
    word_id = model.data.ids.get(lower) if table is not None else None
    if table is not None and word_id is not None:
        return table.size(word_id) > 0
    return bool(confusion_set(model, lower))


def _drop_capital(document: Document, i: int, model: Model) -> bool:
    """ "W ANTED", "T HE": a decorative initial printed apart from the rest of its word;
    neither piece is a misread word."""
    tokens = document.tokens
    if len(tokens[i].text) > 1 and (i == 0 or len(tokens[i - 1].text) > 1):
        return False
    if i + 1 < len(tokens) and len(tokens[i].text) == 1 and tokens[i].text.isupper():
        pair = (i, i + 1)
    elif i > 0 and len(tokens[i - 1].text) == 1 and tokens[i - 1].text.isupper():
        pair = (i - 1, i)
    else:
        return False
    rest = tokens[pair[1]]
    return (rest.text.isupper() and document.gap_before(pair[1]) == " "
            and known_word(tokens[pair[0]].text + rest.norm, model.data))


def _elided(document: Document, i: int) -> bool:
    """Whether token ``i`` is set with an apostrophe after it and no letter after that
    ("pitch o' his lungs", "th' Eighty-second", "Tha' poor chap"): on a clean page, print's
    mark of letters left off, so the word it completes is what the writer meant and
    printed. (Asked only there: on an OCR page an apostrophe is as often a letter misread,
    "ag' was" for "ago", "thei' former" for "their".)"""
    after = document.gap_before(i + 1) if i + 1 < len(document.tokens) else ""
    # (a space after it: an apostrophe glued to the next piece is in a garbled word, "h'!ac")
    return after.startswith(("'", "\u2019")) and after[-1:].isspace()


def _finding(token, lower: str, ranked: list[tuple[str, float]],
             confusions: list[tuple[str, float]], window, data) -> Finding:
    left, right = window[1], window[2]
    best, posterior = ranked[0]
    costs = dict(confusions)
    suggestions = tuple(
        Suggestion(
            restore_case(token.text, c, data), p,
            f"context {left or '?'} _ {right or '?'}; ocr-model cost "
            f"{costs[c]:.2f}; period count {data.count(c)}",
        )
        for c, p in ranked[:5]
    )
    return Finding(
        start=token.start,
        end=token.end,
        text=token.text,
        kind=Kind.REAL_WORD,
        confidence=posterior,
        suggestions=suggestions,
        reason=(
            f"'{best}' fits '{left or '…'} _ {right or '…'}' far better than "
            f"'{token.norm}' in period print, and is a common misreading of it"
        ),
        extra={"class": "short" if len(lower) <= 3 else "long"},
    )
