"""The decision store: an SQLite file in the project's ``.corrector/`` folder.

Every decision is committed in its own transaction the moment it is made, so killing the
process at any point loses nothing decided before. The database runs in WAL mode with a busy
timeout: two review sessions on one project take turns for the write lock instead of
corrupting anything, and a writer that cannot get the lock in time gets ``StoreBusy`` with a
message to show, not a traceback.

Nothing is ever deleted: undo marks a group of decisions undone, ``apply`` marks accepted ones
applied, so the audit log can say what happened and when.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

from corrector.review.keys import ContentKey

STORE_DIR = ".corrector"
STORE_FILE = "decisions.sqlite3"
BUSY_TIMEOUT_MS = 5000
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    grp INTEGER NOT NULL,
    path TEXT NOT NULL,
    old TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    occurrence INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    file_hash TEXT NOT NULL,
    action TEXT NOT NULL,
    replacement TEXT,
    origin TEXT NOT NULL DEFAULT '',
    rule TEXT NOT NULL DEFAULT '',
    word_added INTEGER NOT NULL DEFAULT 0,
    made_at TEXT NOT NULL,
    undone_at TEXT,
    applied_at TEXT
);
CREATE INDEX IF NOT EXISTS decisions_path ON decisions (path, old);
CREATE INDEX IF NOT EXISTS decisions_grp ON decisions (grp);
"""
_COLUMNS = ("id", "grp", "path", "old", "before", "after", "occurrence", "start", "end",
            "file_hash", "action", "replacement", "origin", "rule", "word_added", "made_at",
            "undone_at", "applied_at")


class Action(str, Enum):
    ACCEPT = "accept"  # a suggestion taken as it is
    EDIT = "edit"  # the person typed the replacement
    REJECT = "reject"  # keep the text as it is
    IGNORE = "ignore"  # not now, not a verdict on the text
    ADD_WORD = "add-word"  # the word went on the project word list

    @property
    def changes_text(self) -> bool:
        return self in (Action.ACCEPT, Action.EDIT)


class StoreError(Exception):
    """The store cannot be used; the message is one line for the user."""


class StoreBusy(StoreError):
    """Another session held the write lock for longer than the busy timeout."""


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision on one slip, as stored."""

    key: ContentKey
    action: Action
    start: int  # offsets and hash of the text the decision was made on
    end: int
    file_hash: str
    replacement: str | None = None
    origin: str = ""  # what proposed the replacement: the suggestion's origin, or "typed"
    rule: str = ""  # the finding's kind
    word_added: bool = False  # ADD_WORD only: the word was not on the list before
    id: int = 0
    group: int = 0
    made_at: str = ""
    undone_at: str | None = None
    applied_at: str | None = None

    @property
    def path(self) -> str:
        return self.key.path


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _from_row(row: sqlite3.Row) -> Decision:
    key = ContentKey(row["path"], row["old"], row["before"], row["after"], row["occurrence"])
    return Decision(
        key=key, action=Action(row["action"]), start=row["start"], end=row["end"],
        file_hash=row["file_hash"], replacement=row["replacement"], origin=row["origin"],
        rule=row["rule"], word_added=bool(row["word_added"]), id=row["id"], group=row["grp"],
        made_at=row["made_at"], undone_at=row["undone_at"], applied_at=row["applied_at"],
    )


class Store:
    """The project's decisions; one connection, short write transactions."""

    def __init__(self, path: Path, timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
        self.path = path
        self._timeout_ms = timeout_ms
        self._db = self._connect()
        self._cache: dict[frozenset[str] | None, dict[ContentKey, Decision]] = {}
        self._seen_version: int | None = None

    @classmethod
    def open(cls, root: Path, timeout_ms: int = BUSY_TIMEOUT_MS) -> Store:
        """The store of the project at ``root``, created (with ``.corrector/``) if need be."""
        path = root / STORE_DIR / STORE_FILE
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {path.parent}: {exc.strerror or exc}") from None
        return cls(path, timeout_ms)

    @classmethod
    def existing(cls, root: Path, timeout_ms: int = BUSY_TIMEOUT_MS) -> Store | None:
        """The store of the project at ``root``, or None when nothing was decided there yet."""
        path = root / STORE_DIR / STORE_FILE
        return cls(path, timeout_ms) if path.exists() else None

    def _connect(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path, timeout=self._timeout_ms / 1000,
                                 isolation_level=None)
            db.row_factory = sqlite3.Row
            db.execute(f"PRAGMA busy_timeout = {int(self._timeout_ms)}")
            if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                db.execute("PRAGMA journal_mode = WAL")  # stays set in the file
            db.execute("PRAGMA synchronous = FULL")
            version = self._schema_version(db)
            if version is None:  # a new store: create it under the write lock
                db.execute("BEGIN IMMEDIATE")
                try:
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            db.execute(statement)
                    db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)",
                               (str(SCHEMA_VERSION),))
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
                version = self._schema_version(db)
        except sqlite3.DatabaseError as exc:
            raise _store_error(self.path, exc) from None
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: made by a newer corrector (schema {version}); "
                             "upgrade corrector to use it")
        return db

    @staticmethod
    def _schema_version(db: sqlite3.Connection) -> int | None:
        exists = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
                            ).fetchone()
        if not exists:
            return None
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return int(row[0]) if row else None

    def close(self) -> None:
        self._db.close()

    # -- writing ---------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: committed on leaving, rolled back on any error."""
        with _translated(self.path):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
            finally:
                self._cache.clear()

    def record(self, decisions: Sequence[Decision],
               also: Callable[[], object] | None = None) -> list[Decision]:
        """Store ``decisions`` as one undo group, committed before returning.

        ``also`` runs inside the transaction, holding the write lock (the word-list file is
        changed there, so two sessions cannot interleave their edits to it); if it raises,
        nothing is recorded.
        """
        stored = []
        with self._write() as db:
            group = db.execute("SELECT COALESCE(MAX(grp), 0) + 1 FROM decisions").fetchone()[0]
            made_at = _now()
            for d in decisions:
                cursor = db.execute(
                    'INSERT INTO decisions (grp, path, old, before, after, occurrence, start, '
                    '"end", file_hash, action, replacement, origin, rule, word_added, made_at) '
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (group, d.key.path, d.key.old, d.key.before, d.key.after, d.key.occurrence,
                     d.start, d.end, d.file_hash, d.action.value, d.replacement, d.origin,
                     d.rule, int(d.word_added), made_at),
                )
                stored.append(replace(d, id=cursor.lastrowid or 0, group=group, made_at=made_at))
            if also:
                also()
        return stored

    def undo(self, paths: Iterable[str] | None = None,
             also: Callable[[list[Decision]], None] | None = None) -> list[Decision]:
        """Mark the newest group of not-yet-applied decisions undone; [] if there is none.

        With ``paths``, only groups touching those files count, so one session does not undo
        what another session, on other files, decided last.
        """
        with self._write() as db:
            where, args = _paths_clause(paths)
            row = db.execute(
                f"SELECT MAX(grp) FROM decisions WHERE undone_at IS NULL AND applied_at IS NULL"
                f"{where}", args).fetchone()
            if row[0] is None:
                return []
            rows = db.execute("SELECT * FROM decisions WHERE grp = ? AND undone_at IS NULL "
                              "AND applied_at IS NULL ORDER BY id", (row[0],)).fetchall()
            db.execute("UPDATE decisions SET undone_at = ? WHERE grp = ? AND undone_at IS NULL "
                       "AND applied_at IS NULL", (_now(), row[0]))
            undone = [_from_row(r) for r in rows]
            if also:
                also(undone)
        return undone

    def rebase(self, moved: Iterable[tuple[int, ContentKey, int, int, str]],
               applied: Iterable[int]) -> None:
        """After a file was rewritten: new keys and offsets for some decisions, others applied.

        ``moved`` holds (id, key, start, end, file_hash) for decisions that still stand.
        """
        with self._write() as db:
            db.executemany(
                'UPDATE decisions SET before = ?, after = ?, occurrence = ?, start = ?, "end" = ?, '
                "file_hash = ? WHERE id = ?",
                [(k.before, k.after, k.occurrence, s, e, h, i) for i, k, s, e, h in moved],
            )
            db.executemany("UPDATE decisions SET applied_at = ? WHERE id = ?",
                           [(_now(), i) for i in applied])

    def forget(self, ids: Iterable[int]) -> None:
        """Mark single decisions undone, outside the undo order (their text is gone)."""
        with self._write() as db:
            db.executemany("UPDATE decisions SET undone_at = ? WHERE id = ?",
                           [(_now(), i) for i in ids])

    # -- reading ---------------------------------------------------------------------------

    def _changed_elsewhere(self) -> bool:
        """Whether another connection committed since we last looked (PRAGMA data_version)."""
        version = self._query("PRAGMA data_version")[0][0]
        changed = version != self._seen_version
        self._seen_version = version
        return changed

    def pending(self, paths: Iterable[str] | None = None) -> dict[ContentKey, Decision]:
        """The standing decision for each key: newest, not undone, not yet applied.

        Cached between writes; another session's commits are noticed and reloaded, so two
        sessions on one file do not ask the same question twice.
        """
        cache_key = frozenset(paths) if paths is not None else None
        if self._changed_elsewhere():
            self._cache.clear()
        if cache_key not in self._cache:
            where, args = _paths_clause(cache_key)
            rows = self._query(
                "SELECT * FROM decisions WHERE undone_at IS NULL AND applied_at IS NULL"
                f"{where} ORDER BY id", args)
            self._cache[cache_key] = {d.key: d for d in map(_from_row, rows)}
        return self._cache[cache_key]

    def history(self, include_undone: bool = False) -> list[Decision]:
        """Every decision, oldest first: the audit log."""
        where = "" if include_undone else " WHERE undone_at IS NULL"
        return [_from_row(r) for r in self._query(f"SELECT * FROM decisions{where} ORDER BY id")]

    def active_words(self, word: str) -> int:
        """How many standing add-word decisions there are for ``word`` (any case)."""
        rows = self._query("SELECT COUNT(*) FROM decisions WHERE action = 'add-word' AND "
                           "undone_at IS NULL AND lower(old) = lower(?)", (word,))
        return int(rows[0][0])

    def _query(self, sql: str, args: Sequence[object] = ()) -> list[sqlite3.Row]:
        with _translated(self.path):
            return self._db.execute(sql, args).fetchall()


def _paths_clause(paths: Iterable[str] | None) -> tuple[str, list[str]]:
    if paths is None:
        return "", []
    paths = sorted(paths)
    if not paths:
        return " AND 0", []
    # json_each keeps one parameter however many files a session has
    return " AND path IN (SELECT value FROM json_each(?))", [json.dumps(paths)]


@contextmanager
def _translated(path: Path) -> Iterator[None]:
    """SQLite errors become StoreBusy / StoreError with a one-line message."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise _store_error(path, exc) from None


def _store_error(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreBusy(f"{path} is busy: another corrector session is writing to it; "
                         "try again in a moment")
    if "not a database" in text or "malformed" in text:
        return StoreError(f"{path} is not a corrector decision store (or is damaged): {text}")
    return StoreError(f"{path}: {text}")
