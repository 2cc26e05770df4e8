"""The suggester's fast look-ups must find exactly what the plain ones find: the letter
signature bound of ``NearWords`` never drops a word within reach, and the batched deletion
index look-up gives the same ids as one look-up per form."""

from __future__ import annotations

import random

import numpy as np
from rapidfuzz.distance import Levenshtein

from corrector import nearwords
from corrector.nearwords import NearWords, signature, signatures
from corrector.suggest import deletion_forms

WORDS = ["the", "tile", "tlie", "then", "hen", "mill-wheels", "mill-wheel", "naïve",
         "don't", "aaa", "a", "ab", "bab", "zz", "Éclair", "éclair", "αβγ", "sheep", "shepherd",
         "battlefield", "battleeld", "xerxes", "tea", "eat", "ate", "teas"]


def _popcount(value: int) -> int:
    return bin(value).count("1")


def test_signatures_match_one_at_a_time():
    assert signatures(WORDS).tolist() == [signature(word) for word in WORDS]
    assert signatures([]).tolist() == []


def test_signature_bounds_the_edit_distance():
    rng = random.Random(7)
    letters = "abcdeéz-'"
    words = WORDS + ["".join(rng.choice(letters) for _ in range(rng.randint(1, 9)))
                     for _ in range(300)]
    for a in words:
        for b in rng.sample(words, 40):
            bound = max(_popcount(signature(a) & ~signature(b)),
                        _popcount(signature(b) & ~signature(a)))
            assert bound <= Levenshtein.distance(a, b), (a, b)


def test_within_finds_what_a_plain_scan_finds():
    rng = random.Random(3)
    listed = sorted({"".join(rng.choice("aeilnrst") for _ in range(rng.randint(1, 8)))
                     for _ in range(3000)} | set(WORDS))
    near = NearWords(listed)
    for printed in ["tlie", "shepherd", "a", "zzzzzzzzzzzzz", "mill-wheels", "rnen", "slate",
                    *rng.sample(listed, 30)]:
        for limit in (1, 2, 3):
            expected = sorted(w for w in listed
                              if abs(len(w) - len(printed)) <= limit
                              and Levenshtein.distance(printed, w) <= limit)
            assert sorted(near.within(printed, limit)) == expected, (printed, limit)
    assert NearWords([]).within("the", 2) == []


def test_popcount_fallback_counts_bits(monkeypatch):
    values = np.array([0, 1, 3, 2**63, 2**64 - 1, 0xF0F0], dtype=np.uint64)
    expected = [0, 1, 2, 1, 64, 8]
    assert nearwords._popcount(values).tolist() == expected
    monkeypatch.delattr(np, "bitwise_count", raising=False)
    assert nearwords._popcount(values).tolist() == expected


def test_batched_deletion_look_up_matches_one_form_at_a_time(model):
    data = model.data
    for word in ["tlie", "the", "shepherd", "battleeld", "qzxqzx", "a", "mill-wheels"]:
        for depth in (1, 2):
            forms = deletion_forms(word, depth)
            expected: set[int] = set()
            for form in forms:
                expected.update(data.words_sharing_deletion(form))
            assert data.words_sharing_deletions(forms) == expected, (word, depth)
    assert data.words_sharing_deletions(set()) == set()


def _confusions_by_full_table(errors, seen: str, max_cost: float, vocabulary,
                              multi_letter_only: bool) -> dict[str, float]:
    """``ErrorModel.confusions`` as it was before its edit tables were cut to the limit:
    every edit of the sorted table tried until one is too dear."""
    by_seen = errors._by_seen_multi if multi_letter_only else errors._by_seen
    out: dict[str, float] = {}
    for i in range(len(seen) + 1):
        for length in range(0, min(errors._max_seen, len(seen) - i) + 1):
            for correct, cost in by_seen.get(seen[i : i + length], ()):
                if cost > max_cost:
                    break
                word = seen[:i] + correct + seen[i + length :]
                if word == seen or (vocabulary is not None and word not in vocabulary):
                    continue
                if cost < out.get(word, float("inf")):
                    out[word] = cost
    return out


def test_confusions_from_cut_tables_are_the_full_tables(model):
    errors = model.errors
    vocabulary = model.data.words_printed_at_least(20)
    for seen in ["battleeld", "tlie", "rnen", "wliich", "aptendidly", "ft", "a", ""]:
        for max_cost in (0.5, 3.0, 4.5, 6.0, 9.0):
            for words in (vocabulary, None):
                for multi in (True, False):
                    got = errors.confusions(seen, max_cost, words, multi_letter_only=multi)
                    assert got == _confusions_by_full_table(errors, seen, max_cost, words,
                                                            multi), (seen, max_cost, multi)


def _aligned_cost_by_every_segment(errors, seen: str, correct: str) -> float:
    """``ErrorModel._aligned_cost`` as it was before its multi-letter edits were grouped by
    correct side: at each cell, every segment length of the correct side looked up."""
    from corrector.errormodel import DEFAULT_SUBSTITUTE

    multi: dict[tuple[str, str], list[tuple[str, float]]] = {}
    for (c, s), cost in errors.edits.items():
        if len(c) > 1 or len(s) > 1:
            multi.setdefault((c, s[:1]), []).append((s, cost))
    n, m = len(correct), len(seen)
    inf = float("inf")
    dist = [[inf] * (m + 1) for _ in range(n + 1)]
    dist[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = dist[i][j]
            if here == inf:
                continue
            if i < n:
                dist[i + 1][j] = min(dist[i + 1][j], errors.edit_cost(correct[i], "") + here)
                if j < m:
                    step = 0.0 if correct[i] == seen[j] else errors._letter_substitution_cost.get(
                        (correct[i], seen[j]), DEFAULT_SUBSTITUTE)
                    dist[i + 1][j + 1] = min(dist[i + 1][j + 1], step + here)
            if j < m:
                dist[i][j + 1] = min(dist[i][j + 1], errors.edit_cost("", seen[j]) + here)
            first = seen[j : j + 1]
            for a in range(0, min(errors._max_correct, n - i) + 1):
                segment = correct[i : i + a]
                for key in ((segment, first), (segment, "")) if first else ((segment, ""),):
                    for s, known in multi.get(key, ()):
                        if seen.startswith(s, j):
                            dist[i + a][j + len(s)] = min(dist[i + a][j + len(s)], here + known)
    return dist[n][m]


def test_aligned_cost_is_the_search_over_every_segment(model):
    errors = model.errors
    rng = random.Random(11)
    letters = "abcdefhilmnorstuw'-."
    pairs = [("tlie", "the"), ("rn", "m"), ("battleeld", "battlefield"), ("", "ab"),
             ("ab", ""), ("m", "rn"), ("ii", "ll"), ("niv", "my")]
    pairs += [("".join(rng.choice(letters) for _ in range(rng.randint(0, 5))),
               "".join(rng.choice(letters) for _ in range(rng.randint(0, 5))))
              for _ in range(3000)]
    for seen, correct in pairs:
        assert errors._aligned_cost(seen, correct) == _aligned_cost_by_every_segment(
            errors, seen, correct), (seen, correct)


def test_segment_edits_groups_the_opcodes_into_runs():
    from corrector.errormodel import segment_edits

    rng = random.Random(13)
    letters = "abcdeilmnrt-'"
    for _ in range(3000):
        correct = "".join(rng.choice(letters) for _ in range(rng.randint(0, 9)))
        seen = "".join(rng.choice(letters) for _ in range(rng.randint(0, 9)))
        runs, current = [], None
        for op in Levenshtein.opcodes(correct, seen):
            if op.tag == "equal":
                if current:
                    runs.append((correct[current[0]:current[1]], seen[current[2]:current[3]]))
                    current = None
            elif current is None:
                current = [op.src_start, op.src_end, op.dest_start, op.dest_end]
            else:
                current[1], current[3] = op.src_end, op.dest_end
        if current:
            runs.append((correct[current[0]:current[1]], seen[current[2]:current[3]]))
        assert segment_edits(correct, seen) == runs, (correct, seen)
    assert segment_edits("tlie", "tlie") == []
    assert segment_edits("the", "tlie") == [("h", "li")]
