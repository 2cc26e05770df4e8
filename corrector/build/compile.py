"""Turn raw corpus counts and the permissive lexicons into the compact language data.

Sources (recorded in wordlists/README.md): the Gutenberg 1880-1935 corpus (public domain),
Webster's Second International 1934 (public domain), the SCOWL size-graded lists and the
hunspell en_GB dictionary (SCOWL licence). GCIDE is GPL and deliberately not read.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from corrector.build.corpus_counts import CorpusCounts
from corrector.langdata import PAIR_SHIFT, TRIPLE_SHIFT, LanguageData, Source, delete_key
from corrector.tokens import MARKERS, normalise

MIN_VOCAB_COUNT = 2  # a word printed once may be a typo in the corpus itself
KNOWN_COUNT = 3  # printed this often, the corpus alone makes a word known
MIN_PAIR_COUNT = 3
MIN_TRIPLE_COUNT = 4
MIN_SUGGESTION_COUNT = 3  # a period word printed this often can be suggested
ABBREVIATION_SHARE = 0.9  # followed by a full stop this often: an abbreviation ("ft.")
PROPER_SHARE = 0.8  # capitalised in mid-sentence this often: a proper noun
MODERN_COMMON_SIZE = 50  # SCOWL size at or below which a word is common today

# SCOWL list families: (spelling) region x (kind) type; sizes are the numeric suffix.
_SCOWL_NAME = re.compile(
    r"(?P<region>english|british(?:_variant_[12]|_z)?|american|canadian(?:_variant_[12])?|"
    r"australian(?:_variant_[12])?|variant_[123])-(?P<kind>[a-z-]+)\.(?P<size>\d+)$"
)


def read_lines(path: Path, encoding: str = "utf-8") -> Iterator[str]:
    with path.open(encoding=encoding, errors="replace") as fh:
        for line in fh:
            word = line.strip().lstrip("\ufeff")
            if word and not word.startswith("#"):
                yield word


def lexicon_flags(lexicons: Path) -> dict[str, int]:
    """Source bits for every word in the permissive lexicons, keyed in lower case."""
    flags: dict[str, int] = defaultdict(int)

    def mark(words: Iterable[str], bit: Source) -> None:
        for word in words:
            word = normalise(word)
            if " " not in word:
                flags[word.lower()] |= bit

    web2 = lexicons / "web2-1934"
    mark(read_lines(web2 / "web2"), Source.WEB2)
    mark(read_lines(web2 / "web2a"), Source.WEB2)
    mark(read_lines(web2 / "propernames"), Source.WEB2 | Source.PROPER)

    for path in sorted((lexicons / "scowl" / "scowl-graded").iterdir()):
        match = _SCOWL_NAME.match(path.name)
        if not match:
            continue
        kind, size = match["kind"], int(match["size"])
        words = list(read_lines(path, encoding="latin-1"))
        if kind == "abbreviations":
            mark(words, Source.ABBREVIATION)
        elif kind == "proper-names":
            mark(words, Source.SCOWL | Source.PROPER)
        elif kind in ("words", "upper", "contractions"):
            mark(words, Source.SCOWL)
            if kind == "words" and size <= MODERN_COMMON_SIZE:
                mark(words, Source.MODERN_COMMON)

    # hunspell lists abbreviations without their full stop ("ft"); SCOWL's graded lists say
    # which words those are, so they stay known only before a full stop.
    dic = lexicons / "hunspell-en-gb" / "en_GB.dic"
    stems = (line.split("/", 1)[0] for line in read_lines(dic))
    mark(
        (s for s in stems
         if not s.isdigit() and flags.get(s.lower(), 0) & Source.ABBREVIATION == 0),
        Source.SCOWL,
    )
    return {word: int(bits) for word, bits in flags.items()}


def compile_data(counts: CorpusCounts, lexicons: Path, meta: dict[str, object]) -> LanguageData:
    """Combine corpus counts and lexicon flags into one ``LanguageData``."""
    lower_counts: Counter[str] = Counter()
    cap_forms: dict[str, Counter[str]] = defaultdict(Counter)
    for form, n in counts.forms.items():
        lower = form.lower()
        lower_counts[lower] += n
        if form != lower:
            cap_forms[lower][form] += counts.midcaps.get(form, 0)

    vocab = sorted(
        (w for w, n in lower_counts.items() if n >= MIN_VOCAB_COUNT),
        key=lambda w: (-lower_counts[w], w),
    )
    if len(vocab) >= 1 << PAIR_SHIFT:
        vocab = vocab[: (1 << PAIR_SHIFT) - 1]
    ids = {w: i for i, w in enumerate(vocab)}

    # Proper nouns: capitalised in mid-sentence far more often than printed in lower case.
    # Sentence starts say nothing either way, so they are left out of both sides.
    proper_forms = {}
    for lower in vocab:
        forms = cap_forms.get(lower)
        if not forms:
            continue
        form, mid = forms.most_common(1)[0]
        lower_uses = counts.forms.get(lower, 0)
        if mid >= 2 and mid >= PROPER_SHARE * (sum(forms.values()) + lower_uses):
            proper_forms[lower] = form

    dotted: Counter[str] = Counter()
    for form, n in getattr(counts, "dotted", {}).items():
        dotted[form.lower()] += n
    flags = lexicon_flags(lexicons)
    for word in vocab:
        n = lower_counts[word]
        if n < KNOWN_COUNT or word in MARKERS:
            continue
        if dotted[word] >= ABBREVIATION_SHARE * n:
            flags[word] = flags.get(word, 0) | int(Source.ABBREVIATION)
        else:
            flags[word] = flags.get(word, 0) | int(Source.CORPUS)

    pair_items = []
    for pair, n in counts.pairs.items():
        if n < MIN_PAIR_COUNT:
            continue
        first, _, second = pair.partition(" ")
        a, b = ids.get(first), ids.get(second)
        if a is not None and b is not None:
            pair_items.append(((a << PAIR_SHIFT) | b, n))
    pair_items.sort()
    triple_items = []
    limit = 1 << TRIPLE_SHIFT
    for triple, n in getattr(counts, "triples", {}).items():
        if n < MIN_TRIPLE_COUNT:
            continue
        a, b, c = (ids.get(w, limit) for w in triple.split(" "))
        if a < limit and b < limit and c < limit:
            triple_items.append(((a << (2 * TRIPLE_SHIFT)) | (b << TRIPLE_SHIFT) | c, n))
    triple_items.sort()
    delete_keys, delete_ids = delete_index(vocab, [lower_counts[w] for w in vocab])
    final = getattr(counts, "final", {})
    initial = getattr(counts, "initial", {})
    return LanguageData(
        vocab=vocab,
        counts=[lower_counts[w] for w in vocab],
        final_counts=[final.get(w, 0) for w in vocab],
        midcap_counts=[sum(cap_forms[w].values()) if w in cap_forms else 0 for w in vocab],
        initial_counts=[initial.get(w, 0) for w in vocab],
        flags=flags,
        proper_forms=proper_forms,
        total_tokens=counts.tokens,
        pair_keys=[k for k, _ in pair_items],  # type: ignore[arg-type]
        pair_counts=[n for _, n in pair_items],  # type: ignore[arg-type]
        triple_keys=array("Q", (k for k, _ in triple_items)),
        triple_counts=array("I", (n for _, n in triple_items)),
        delete_keys=delete_keys,
        delete_ids=delete_ids,
        meta=meta,
    )


def delete_index(vocab: list[str], counts: list[int]) -> tuple[array, array]:
    """The candidate index: every suggestible word and its one-letter deletions, hashed.

    A printed word and a period word within two edits share a deletion form in most cases
    (SymSpell's symmetric-delete idea, with one deletion stored per word to keep the index
    small; the suggester covers two substitutions with a scan of the frequent words).
    """
    entries = []
    for word_id, (word, n) in enumerate(zip(vocab, counts)):
        if n < MIN_SUGGESTION_COUNT:
            break
        if word in MARKERS:
            continue
        for form in {word} | {word[:k] + word[k + 1 :] for k in range(len(word))}:
            entries.append((delete_key(form), word_id))
    entries.sort()
    return array("I", (k for k, _ in entries)), array("I", (i for _, i in entries))

