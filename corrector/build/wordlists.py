"""``corrector wordlists build``: rebuild everything under wordlists/ from ../shared.

Steps: count the period corpus (the slow part, one process per core), learn the OCR error
model from the aligned *train* splits, read the permissive lexicons, and write the compact
files the scanner loads, last the confusion sets of every word (``confusion_table``), which
depend on both the data and the error model. The raw counts can be cached between runs
(``--cache``) so that tuning the compile step does not recount 87 M tokens.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from datetime import date
from pathlib import Path

from corrector import casing, confusion_table, errormodel, langdata
from corrector.build import compile as compile_step
from corrector.build.corpus_counts import CorpusCounts, count_corpus
from corrector.build.learn_errors import learn, learn_first_letters

CORPUS = Path("corpora/gutenberg-1880-1935")
LEXICONS = Path("lexicons")
TRAIN_SETS = ("data/aligned/hipe-icdar2017-train", "data/aligned/hipe-impresso-train")
DATA_VERSION = "2026.11.1"


def build(shared: Path, out: Path, jobs: int = 2, cache: Path | None = None) -> dict[str, object]:
    """Rebuild the language data in ``out`` from the ``shared`` folder; returns its metadata."""
    counts = _counts(shared / CORPUS, jobs, cache)
    edits, error_stats = learn(shared / t for t in TRAIN_SETS)
    meta: dict[str, object] = {
        "data_version": DATA_VERSION,
        "built": date.today().isoformat(),
        "corpus_books": counts.books,
        "corpus_tokens": counts.tokens,
        "train_sets": list(TRAIN_SETS),
        **{f"errors_{k}": v for k, v in error_stats.items()},
    }
    data = compile_step.compile_data(counts, shared / LEXICONS, meta)
    meta.update(vocabulary=len(data.vocab), known_words=len(data.flags),
                pairs=len(data.pair_keys), triples=len(data.triple_keys))
    langdata.write(out, data)
    errormodel.write_confusions(
        out / errormodel.CONFUSIONS_FILE,
        edits,
        header=(
            "OCR confusion costs in nats (-log P(seen | correct)), learned by\n"
            "`corrector wordlists build` from " + ", ".join(TRAIN_SETS) + "\n"
            "plus the hand-written period seed table in corrector/build/learn_errors.py."
        ),
    )
    meta["confusion_entries"] = write_confusion_table(out)
    meta["first_letter_rows"] = write_first_letters(shared, out)
    return meta


def write_first_letters(shared: Path, out: Path) -> int:
    """Learn from the aligned train pages which case a misread first letter had
    (``corrector.casing``) and store it in ``out``; returns the number of rows."""
    counts = learn_first_letters(shared / t for t in TRAIN_SETS)
    casing.write(out / casing.FIRST_LETTERS_FILE, counts, header=(
        "The case of misread first letters: per (printed first character, true first\n"
        "letter, sentence start or middle), how many misread words began with a capital\n"
        "and how many with a small letter. Learned by `corrector wordlists first-letters`\n"
        "(and `wordlists build`) from " + ", ".join(TRAIN_SETS) + "."))
    return len(counts)


def write_confusion_table(directory: Path,
                          progress: Callable[[int, int], None] | None = None) -> int:
    """Store the confusion set of every vocabulary word of the data in ``directory``, for
    the real-word detector's thresholds; returns the number of entries."""
    from corrector.detectors.realword import MAX_CONFUSION_COST, MIN_CONFUSION_COUNT

    data = langdata.read(directory)
    errors = errormodel.load(directory)
    return confusion_table.write(directory, data, errors, MAX_CONFUSION_COST,
                                 MIN_CONFUSION_COUNT, progress)


def _counts(corpus: Path, jobs: int, cache: Path | None) -> CorpusCounts:
    if cache and cache.exists():
        with cache.open("rb") as fh:
            return pickle.load(fh)
    counts = count_corpus(corpus, jobs=jobs)
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as fh:
            pickle.dump(counts, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return counts
