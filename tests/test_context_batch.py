"""Fast paths (vectorised context scores, indexed confusions) must give the slow results."""

from __future__ import annotations

import math
import os

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from corrector.context_batch import ContextScorer, CountArrays, item_ids
from corrector.suggest import BATCH_CANDIDATES

# Common words, markers, a rare word and a word the corpus never printed, so windows hit
# stored triples, stored pairs only, and nothing.
ITEMS = ["the", "of", "and", "be", "he", "but", "put", "will", "must", "it", "said",
         "<s>", ",", ";", "labouring", "zzqx", None]
WORDS = ["be", "he", "but", "put", "the", "tho", "and", "arid", "labouring", "zzqx"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(*[st.sampled_from(ITEMS)] * 4, st.lists(st.sampled_from(WORDS),
                                                                  min_size=1, max_size=4)),
                min_size=1, max_size=8))
def test_batch_scores_match_window_logp(model, rows_spec):
    windows = []
    words: list[str] = []
    rows: list[int] = []
    for n, (left2, left, right, right2, hypotheses) in enumerate(rows_spec):
        # Document.window never gives a second item beyond a missing first one.
        windows.append((left2 if left else None, left, right, right2 if right else None))
        words.extend(hypotheses)
        rows.extend([n] * len(hypotheses))
    columns = [item_ids(model.data, list(column)) for column in zip(*windows)]
    batch = ContextScorer(model.data).window_logp(
        item_ids(model.data, words), np.asarray(rows), *columns)
    for k, word in enumerate(words):
        expected = model.suggester.window_logp(word, windows[rows[k]])
        assert math.isclose(batch[k], expected, rel_tol=1e-9, abs_tol=1e-9), word


def test_confusions_priced_from_the_deletion_index_are_the_full_search(model):
    """The indexed single-letter search finds exactly the confusions trying every letter does."""
    from corrector.detectors.realword import MAX_CONFUSION_COST, MIN_CONFUSION_COUNT

    data, errors = model.data, model.errors

    def one_letter_more(form: str) -> list[str]:
        return [data.vocab[i] for i in data.words_sharing_deletion(form)]

    def frequent(found: dict[str, float]) -> dict[str, float]:
        return {c: cost for c, cost in found.items() if data.count(c) >= MIN_CONFUSION_COUNT}

    words = [*data.vocab[:1500:3], "tbe", "arid", "nuke", "modem", "tlie", "bave", "ot"]
    for word in words:
        full = frequent(errors.confusions(word, MAX_CONFUSION_COST, data.ids))
        fast = frequent(errors.confusions(word, MAX_CONFUSION_COST, data.ids, one_letter_more))
        assert fast == full, word


def test_every_stored_triple_has_both_its_pairs_stored_at_least_as_often(model):
    """The batch scorer skips a triple look-up where either of its pairs was never seen:
    exact only while the data keeps this property (compile's pair and triple pruning)."""
    from corrector.context_batch import CountArrays
    from corrector.langdata import PAIR_SHIFT, TRIPLE_SHIFT

    arrays = CountArrays.of(model.data)
    keys = arrays.triple_keys
    mask = np.uint64((1 << TRIPLE_SHIFT) - 1)
    shift = np.uint64(TRIPLE_SHIFT)
    first, middle, last = keys >> (shift + shift), (keys >> shift) & mask, keys & mask
    for a, b in ((first, middle), (middle, last)):
        pair = (a << np.uint64(PAIR_SHIFT)) | b
        at = np.minimum(np.searchsorted(arrays.pair_keys, pair), len(arrays.pair_keys) - 1)
        assert (arrays.pair_keys[at] == pair).all()
        assert (arrays.pair_counts[at] >= arrays.triple_counts).all()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ITEMS), st.sampled_from(ITEMS),
                          st.sampled_from(ITEMS), st.sampled_from(ITEMS),
                          st.sampled_from([("be", "he"), ("but", "put", "the"), ("and",)])),
                min_size=1, max_size=12))
def test_positions_of_a_kind_share_pair_counts_without_changing_a_score(model, rows_spec):
    """Looking pairs up once per (neighbour, kind) gives exactly the per-position figures."""
    kinds_of = {("be", "he"): 0, ("but", "put", "the"): 1, ("and",): 2}
    words: list[str] = []
    rows: list[int] = []
    for n, (*_, hypotheses) in enumerate(rows_spec):
        words.extend(hypotheses)
        rows.extend([n] * len(hypotheses))
    columns = [item_ids(model.data, list(column)) for column in zip(*(w[:4] for w in rows_spec))]
    kinds = np.array([kinds_of[spec[4]] for spec in rows_spec])
    scorer = ContextScorer(model.data)
    ids, at = item_ids(model.data, words), np.asarray(rows)
    plain = scorer.window_logp(ids, at, *columns)
    shared = scorer.window_logp(ids, at, *columns, kinds=kinds)
    assert np.array_equal(plain, shared)


@settings(max_examples=40, deadline=None)
@given(st.tuples(*[st.sampled_from(ITEMS)] * 4),
       st.lists(st.sampled_from(WORDS), min_size=BATCH_CANDIDATES, max_size=20))
def test_suggester_scores_many_candidates_as_it_scores_one(model, window, words):
    left2, left, right, right2 = window
    window = (left2 if left else None, left, right, right2 if right else None)
    together = model.suggester.window_logps(words, window)
    assert len(together) == len(words)
    for word, score in zip(words, together):
        expected = model.suggester.window_logp(word, window)
        assert math.isclose(score, expected, rel_tol=1e-9, abs_tol=1e-9), word


# --- hashed count look-ups (corrector.counthash) against the binary search they replace ----


def _generated_counts(seed: int, n: int, key_bits: int, big_share: float
                      ) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct keys below 2**key_bits with counts, some too large for a slot, some 0."""
    rng = np.random.default_rng(seed)
    keys = np.unique(rng.integers(0, 1 << key_bits, n, dtype=np.uint64, endpoint=False))
    counts = rng.integers(0, 50, len(keys)).astype(np.uint32)
    big = rng.random(len(keys)) < big_share
    counts[big] = rng.integers(1, 2**32 - 1, int(big.sum()), dtype=np.uint32)
    return keys, counts


def _asked(keys: np.ndarray, seed: int, key_bits: int) -> np.ndarray:
    """Stored keys, their neighbours and random keys, shuffled, with repeats."""
    rng = np.random.default_rng(seed + 1)
    stored = keys[rng.integers(0, len(keys), 3 * len(keys))] if len(keys) else keys
    near = stored + np.uint64(1)
    anywhere = rng.integers(0, 1 << key_bits, len(keys) + 10, dtype=np.uint64)
    asked = np.concatenate([stored, near, anywhere, np.zeros(2, dtype=np.uint64)])
    rng.shuffle(asked)
    return asked


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32), st.integers(0, 3000), st.sampled_from([12, 20, 40, 54]),
       st.sampled_from([0.0, 0.01, 0.5]))
def test_hashed_counts_are_the_binary_search_counts(seed, n, key_bits, big_share):
    """Every key asked (stored, next to a stored one, anywhere) gets the binary search's count,
    with dense key spaces (long probe runs), wide keys (counts overflowing to the side table)
    and counts of 0 (left out of the table)."""
    from corrector.counthash import build, sorted_look_up

    keys, counts = _generated_counts(seed, n, key_bits, big_share)
    if not len(keys):
        return
    asked = _asked(keys, seed, key_bits)
    table = build(keys, counts)
    assert np.array_equal(table.look_up(asked), sorted_look_up(keys, counts, asked))
    too_big = counts.astype(np.uint64) >= np.uint64(table.count_limit)
    assert np.array_equal(table.overflow_keys, keys[too_big])


def test_counts_too_large_for_a_slot_are_read_from_the_side_table():
    from corrector.counthash import build, sorted_look_up

    keys, counts = _generated_counts(11, 4000, 54, 0.3)
    table = build(keys, counts)
    assert table.count_limit == 1023 and len(table.overflow_keys) > 500
    asked = _asked(keys, 11, 54)
    assert np.array_equal(table.look_up(asked), sorted_look_up(keys, counts, asked))


def test_hashed_counts_of_the_shipped_pairs_and_triples(model, tmp_path):
    """The real tables: every stored key and its neighbour read as by binary search."""
    from corrector.counthash import load_or_build, sorted_look_up

    arrays = CountArrays.of(model.data)
    for keys, counts in ((arrays.pair_keys, arrays.pair_counts),
                         (arrays.triple_keys, arrays.triple_counts)):
        table = load_or_build(keys, counts, tmp_path / "counts.hash")
        for asked in (keys[::7], keys[3::7] + np.uint64(1), keys[5::11] ^ np.uint64(1 << 20)):
            assert np.array_equal(table.look_up(asked), sorted_look_up(keys, counts, asked))


def test_a_cached_table_is_read_back_and_a_bad_one_is_rebuilt(tmp_path):
    from corrector.counthash import FORMAT, HEADER_WORDS, MAGIC, build, load_or_build, read, write

    keys, counts = _generated_counts(7, 5000, 30, 0.01)
    asked = _asked(keys, 7, 30)
    expected = build(keys, counts).look_up(asked)
    path = tmp_path / "sub" / "t.hash"
    assert write(path, build(keys, counts), len(keys))
    again = read(path, keys, counts)
    assert again is not None and np.array_equal(again.look_up(asked), expected)
    assert again.mapped
    read_in = read(path, keys, counts, into_memory=True)  # the file read, not mapped
    assert read_in is not None and not read_in.mapped
    assert np.array_equal(read_in.look_up(asked), expected)
    assert np.array_equal(read_in.slots, again.slots)
    # Other keys of the same number (a rebuilt counts file): not believed.
    other_keys, other_counts = _generated_counts(8, 5000, 30, 0.01)
    other_keys, other_counts = other_keys[:len(keys)], other_counts[:len(keys)]
    if len(other_keys) == len(keys):
        assert read(path, other_keys, other_counts) is None
    assert read(path, keys[:-1], counts[:-1]) is None  # another number of keys
    assert write(path, build(keys, counts), len(keys), stamp=12345)
    assert read(path, keys, counts, stamp=12345) is not None
    assert read(path, keys, counts, stamp=12346) is None  # the counts file changed
    assert write(path, build(keys, counts), len(keys))
    whole = path.read_bytes()
    header = len(MAGIC) + 8 * HEADER_WORDS
    for damaged in (whole[:-8], b"", whole[:len(MAGIC)] + bytes([FORMAT + 1]) + whole[
            len(MAGIC) + 1:], whole[:-8] + b"\1" * 8, whole[:header] + bytes(len(whole) - header)):
        path.write_bytes(damaged)
        assert read(path, keys, counts) is None
        assert read(path, keys, counts, into_memory=True) is None
        assert np.array_equal(load_or_build(keys, counts, path).look_up(asked), expected)
        assert read(path, keys, counts) is not None  # rebuilt and saved again


def test_a_key_with_a_missing_or_unknown_item_reads_0(model, tmp_path):
    """``pair_count`` and the triple terms look up keys made from NONE and UNKNOWN ids too,
    counting on their top bits: no stored key has them, so both the binary search and the
    hash table read 0 for them, whatever the known items beside them."""
    from corrector.context_batch import NONE, UNKNOWN
    from corrector.counthash import load_or_build, sorted_look_up
    from corrector.langdata import PAIR_SHIFT, TRIPLE_SHIFT

    arrays = CountArrays.of(model.data)
    ids = np.array([model.data.ids[w] for w in ("the", "of", "<s>", ",", "labouring")])
    bad = np.array([NONE, UNKNOWN])
    grid = np.array(np.meshgrid(np.r_[ids, bad], np.r_[ids, bad], np.r_[ids, bad])).reshape(3, -1)
    bad_pair, bad_triple = (grid[:2] < 0).any(axis=0), (grid < 0).any(axis=0)
    a, b, c = (part.astype(np.uint64) for part in grid)
    pair_keys = (a << np.uint64(PAIR_SHIFT)) | b
    shift = np.uint64(TRIPLE_SHIFT)
    triple_keys = (a << (shift + shift)) | (b << shift) | c
    for keys, counts, asked, some_bad, name in (
            (arrays.pair_keys, arrays.pair_counts, pair_keys, bad_pair, "pairs"),
            (arrays.triple_keys, arrays.triple_counts, triple_keys, bad_triple, "triples")):
        table = load_or_build(keys, counts, tmp_path / f"{name}.hash")
        for found in (sorted_look_up(keys, counts, asked), table.look_up(asked)):
            assert not found[some_bad].any()
            assert found[~some_bad].any()  # (the known items do make stored keys)
        assert np.array_equal(table.look_up(asked), sorted_look_up(keys, counts, asked))
    pairs = ContextScorer(model.data).pair_count(grid[0], grid[1])
    assert not pairs[bad_pair].any() and pairs[~bad_pair].any()


def test_count_index_switches_to_the_hash_table_with_the_same_counts(tmp_path, monkeypatch):
    """A few look-ups use the binary search; past the threshold the table is built (and
    cached), or read from the cache by the next index; an unwritable cache only costs time."""
    from corrector import counthash
    from corrector.counthash import CountIndex, sorted_look_up

    keys, counts = _generated_counts(3, 20000, 40, 0.0)
    asked = _asked(keys, 3, 40)
    expected = sorted_look_up(keys, counts, asked)
    source = tmp_path / "pairs.bin"
    source.write_bytes(b"the counts file")
    monkeypatch.setenv("CORRECTOR_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(counthash, "READ_AFTER_LOOKUPS", len(asked) + 1)
    monkeypatch.setattr(counthash, "HASH_AFTER_LOOKUPS", 2 * len(asked) + 1)
    index = CountIndex(keys, counts, source)
    assert np.array_equal(index.look_up(asked), expected) and index.table is None
    assert np.array_equal(index.look_up(asked), expected) and index.table is None  # no cache
    assert np.array_equal(index.look_up(asked), expected) and index.table is not None
    assert len(list((tmp_path / "cache").glob("pairs-*.hash"))) == 1
    os.utime(source, ns=(1, 1))  # the counts file rebuilt: its table is rebuilt, in place
    rebuilt = CountIndex(keys, counts, source)
    rebuilt.prepare(build_if_missing=False)
    assert rebuilt.table is None
    rebuilt.prepare()
    assert rebuilt.table is not None
    assert len(list((tmp_path / "cache").glob("pairs-*.hash"))) == 1
    built = counthash.build
    monkeypatch.setattr(counthash, "build", None)  # the next index must read, not build
    monkeypatch.setattr(counthash, "COPY_AFTER_LOOKUPS", 3 * len(asked))
    reader = CountIndex(keys, counts, source)
    assert np.array_equal(reader.look_up(asked), expected) and reader.table is None
    assert np.array_equal(reader.look_up(asked), expected) and reader.table is not None
    assert reader.table.mapped  # read from the cache file, as it is ...
    assert np.array_equal(reader.look_up(asked), expected) and not reader.table.mapped
    assert np.array_equal(reader.look_up(asked), expected)  # ... then copied into memory
    monkeypatch.setattr(counthash, "build", built)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("CORRECTOR_CACHE", str(blocked))
    fresh = CountIndex(keys, counts, source)
    fresh.prepare(build_if_missing=False)
    assert fresh.table is None  # nothing cached there
    fresh.prepare()
    assert fresh.table is not None and np.array_equal(fresh.look_up(asked), expected)


def test_a_long_scan_reads_the_cached_table_into_memory_at_once(tmp_path, monkeypatch):
    """Told the scan is long (``expect_many``), an index reads the cached table into memory
    of its own when it first needs it (never mapped, nothing to copy later); its counts
    are the binary search's. Untold, it maps the table first."""
    from corrector import counthash
    from corrector.counthash import CountIndex, sorted_look_up

    keys, counts = _generated_counts(5, 20000, 40, 0.01)
    asked = _asked(keys, 5, 40)
    expected = sorted_look_up(keys, counts, asked)
    source = tmp_path / "triples.bin"
    source.write_bytes(b"the counts file")
    monkeypatch.setenv("CORRECTOR_CACHE", str(tmp_path / "cache"))
    CountIndex(keys, counts, source).prepare()  # (built and cached)
    monkeypatch.setattr(counthash, "build", None)  # from here on, read, never built
    monkeypatch.setattr(counthash, "READ_AFTER_LOOKUPS", len(asked) + 1)
    for long_scan in (True, False):
        index = CountIndex(keys, counts, source)
        if long_scan:
            index.expect_many()
        assert np.array_equal(index.look_up(asked), expected) and index.table is None
        assert np.array_equal(index.look_up(asked), expected) and index.table is not None
        assert index.table.mapped is not long_scan
        assert np.array_equal(index.look_up(asked), expected)


def test_with_the_cache_off_tables_are_built_in_memory_and_nothing_is_written(tmp_path,
                                                                             monkeypatch):
    """``CORRECTOR_CACHE=off``: the same counts, from a table built in memory, and no file
    anywhere (the user's cache folder is where a write would otherwise go)."""
    from corrector import counthash
    from corrector.counthash import CountIndex, sorted_look_up

    keys, counts = _generated_counts(5, 20000, 40, 0.0)
    asked = _asked(keys, 5, 40)
    source = tmp_path / "pairs.bin"
    source.write_bytes(b"the counts file")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CORRECTOR_CACHE", "Off")
    monkeypatch.chdir(tmp_path)  # (a folder named "Off" would be made here)
    monkeypatch.setattr(counthash, "HASH_AFTER_LOOKUPS", 1)
    index = CountIndex(keys, counts, source)
    assert np.array_equal(index.look_up(asked), sorted_look_up(keys, counts, asked))
    assert index.table is not None and not index.table.mapped
    assert counthash.cache_dir() is None and counthash.cache_entry(source) is None
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["pairs.bin"]


def test_count_arrays_are_the_counts_then_a_zero_for_unknown(model):
    """``CountArrays`` reads each word's count and mid-sentence capital count at its id,
    as float64, and 0 at UNKNOWN (-1)."""
    from corrector.context_batch import UNKNOWN, CountArrays

    data = model.data
    arrays = CountArrays.of(data)
    for got, listed in ((arrays.counts, data.counts), (arrays.midcap_counts, data.midcap_counts)):
        assert got.dtype == np.float64 and len(got) == len(listed) + 1
        assert got[UNKNOWN] == 0.0
        assert got[:-1].tolist() == [float(c) for c in listed]


def test_the_cache_keeps_the_latest_used_tables_and_drops_the_rest(tmp_path):
    """Each data folder a scan used leaves its tables in the cache: a new one written
    drops all but the latest-used few, and a table read back counts as used."""
    import os

    from corrector.counthash import MAX_CACHED_TABLES, build, load_or_build

    keys, counts = _generated_counts(3, 2000, 30, 0.01)
    table = build(keys, counts)
    old = []
    for n in range(MAX_CACHED_TABLES + 2):  # tables left by earlier data folders
        path = tmp_path / f"old-{n}.hash"
        path.write_bytes(b"x")
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
        old.append(path)
    os.utime(old[0], (2_000_000, 2_000_000))  # the oldest written, but used last
    (tmp_path / "notes.txt").write_text("not a table")
    new = tmp_path / "new.hash"
    assert np.array_equal(load_or_build(keys, counts, new).look_up(keys), table.look_up(keys))
    kept = sorted(p.name for p in tmp_path.glob("*.hash"))
    assert len(kept) == MAX_CACHED_TABLES and "new.hash" in kept
    assert "old-0.hash" in kept and f"old-{MAX_CACHED_TABLES + 1}.hash" in kept
    assert "old-1.hash" not in kept
    assert (tmp_path / "notes.txt").exists()
    # Reading a table back dates it to now: it outlives tables written after it.
    os.utime(new, (1_000, 1_000))
    assert load_or_build(keys, counts, new) is not None
    assert new.stat().st_mtime > 2_000_000
