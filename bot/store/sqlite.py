"""What staff need to improve the FAQ, kept in a local SQLite file: unanswered questions and 👎 presses.

Privacy by construction: the tables have no column for a Telegram user id, chat id, username or name,
callers pass only the question text and the decision, and phone numbers and e-mail addresses in the
text are masked before it is written. Rows older than the retention period are deleted when the
store is opened and at most once an hour while it is used. What is kept of a question, and how it is
masked, is decided in bot.store.records, the same for every Store.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from bot.store.records import COUNTED_KINDS, Unanswered, kept_question, utc_now

PURGE_EVERY = dt.timedelta(hours=1)
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

SCHEMA = """
CREATE TABLE IF NOT EXISTS unanswered (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,           -- UTC, ISO 8601
    outcome TEXT NOT NULL,      -- 'fallback' or 'suggest'
    question TEXT NOT NULL,     -- phone numbers and e-mail addresses masked
    score REAL NOT NULL,        -- the best match score, 0-100
    entry_id TEXT               -- first suggestion, or the entry the question came closest to
);
CREATE INDEX IF NOT EXISTS unanswered_at ON unanswered (at);
CREATE TABLE IF NOT EXISTS unhelpful (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,           -- UTC, ISO 8601
    entry_id TEXT NOT NULL      -- the entry whose answer got a 👎
);
CREATE INDEX IF NOT EXISTS unhelpful_at ON unhelpful (at);
CREATE TABLE IF NOT EXISTS replies_per_day (
    day TEXT NOT NULL,          -- UTC date, YYYY-MM-DD
    kind TEXT NOT NULL,         -- 'answer', 'suggest', 'fallback' or 'urgent'
    n INTEGER NOT NULL,         -- how many replies of that kind were sent that day: no text, no ids
    PRIMARY KEY (day, kind)
);
CREATE TABLE IF NOT EXISTS digests_sent (
    week TEXT PRIMARY KEY,      -- the Monday (YYYY-MM-DD) of the week whose weekly digest went out
    at TEXT NOT NULL            -- UTC, ISO 8601
);
"""


class SqliteStore:
    """The embedded default Store: the SQLite file at `path`, created (with its folder) on first use.
    Safe to call from threads."""

    def __init__(
        self, path: Path, *, retention_days: int, clock: Callable[[], dt.datetime] = utc_now
    ) -> None:
        self.path = Path(path)
        self.retention = dt.timedelta(days=retention_days)
        self._clock = clock
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._last_purge: dt.datetime | None = None

    # ------------------------------------------------------------------ writing

    def record_unanswered(self, question: str, *, outcome: str, score: float, entry_id: str | None) -> None:
        """Keep a question that ended in `fallback` or `suggest`, masked and truncated."""
        text = kept_question(question)
        if not text:
            return
        self._write(
            "INSERT INTO unanswered (at, outcome, question, score, entry_id) VALUES (?, ?, ?, ?, ?)",
            (self._stamp(), outcome, text, float(score), entry_id),
        )

    def record_unhelpful(self, entry_id: str) -> None:
        """Keep one 👎 on an entry's answer."""
        self._write("INSERT INTO unhelpful (at, entry_id) VALUES (?, ?)", (self._stamp(), entry_id))

    def count_reply(self, kind: str) -> None:
        """Add one to today's count of replies of this kind (one of COUNTED_KINDS); nothing else is kept."""
        if kind not in COUNTED_KINDS:
            raise ValueError(f"not a counted reply kind: {kind!r}")
        self._write(
            "INSERT INTO replies_per_day (day, kind, n) VALUES (?, ?, 1) "
            "ON CONFLICT (day, kind) DO UPDATE SET n = n + 1",
            (self._stamp()[:10], kind),
        )

    def mark_digest_sent(self, week: dt.date) -> bool:
        """Record that the digest of the week starting `week` went out; False if it already had."""
        with self._lock:
            db = self._connect()
            with db:
                cursor = db.execute("INSERT OR IGNORE INTO digests_sent (week, at) VALUES (?, ?)",
                                    (week.isoformat(), self._stamp()))
            return cursor.rowcount == 1

    def last_digest_week(self) -> dt.date | None:
        """The Monday of the latest week whose digest went out, or None if none ever did."""
        with self._lock:
            (week,) = self._connect().execute("SELECT MAX(week) FROM digests_sent").fetchone()
            return dt.date.fromisoformat(week) if week else None

    def purge(self) -> int:
        """Delete rows older than the retention period; returns how many went."""
        with self._lock:
            return self._purge(self._connect())

    # ------------------------------------------------------------------ reading

    def unanswered(self, since: dt.date | None = None, until: dt.date | None = None) -> list[Unanswered]:
        """Every kept unanswered question (from `since` up to, not including, `until`: UTC days), oldest first."""
        where, params = _between(since, until)
        with self._lock:
            rows = self._connect().execute(
                f"SELECT at, outcome, question, score, entry_id FROM unanswered {where} ORDER BY at, id", params
            )
            return [Unanswered(*row) for row in rows]

    def unhelpful_counts(self, since: dt.date | None = None, until: dt.date | None = None) -> list[tuple[str, int]]:
        """(entry id, number of 👎), most first (from `since` up to, not including, `until`)."""
        where, params = _between(since, until)
        with self._lock:
            rows = self._connect().execute(
                f"SELECT entry_id, COUNT(*) AS n FROM unhelpful {where} GROUP BY entry_id ORDER BY n DESC, entry_id",
                params,
            )
            return [(entry_id, n) for entry_id, n in rows]

    def reply_counts(self, since: dt.date, until: dt.date) -> dict[dt.date, dict[str, int]]:
        """Per UTC day from `since` up to, not including, `until`: how many replies of each counted kind."""
        with self._lock:
            rows = self._connect().execute(
                "SELECT day, kind, n FROM replies_per_day WHERE day >= ? AND day < ? ORDER BY day",
                (since.isoformat(), until.isoformat()),
            )
            counts: dict[dt.date, dict[str, int]] = {}
            for day, kind, n in rows:
                counts.setdefault(dt.date.fromisoformat(day), {})[kind] = n
            return counts

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    # ------------------------------------------------------------------ inside

    def _stamp(self) -> str:
        return self._clock().astimezone(dt.UTC).strftime(TIME_FORMAT)

    def _write(self, sql: str, params: tuple) -> None:
        with self._lock:
            db = self._connect()
            with db:
                db.execute(sql, params)
            if self._last_purge is None or self._clock() - self._last_purge >= PURGE_EVERY:
                self._purge(db)

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            new = not self.path.exists()
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            if new:
                os.chmod(self.path, 0o600)  # staff data: readable by the bot's user only
            self._db.execute("PRAGMA secure_delete = ON")  # purged rows are overwritten, not just unlinked
            # A write-ahead log makes each write ~10x cheaper than a synced rollback journal; a crash can
            # lose the last rows, which is acceptable for a staff log.
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.executescript(SCHEMA)
            self._purge(self._db)
        return self._db

    def _purge(self, db: sqlite3.Connection) -> int:
        now = self._clock()
        cutoff = (now - self.retention).astimezone(dt.UTC).strftime(TIME_FORMAT)
        with db:
            gone = db.execute("DELETE FROM unanswered WHERE at < ?", (cutoff,)).rowcount
            gone += db.execute("DELETE FROM unhelpful WHERE at < ?", (cutoff,)).rowcount
            gone += db.execute("DELETE FROM replies_per_day WHERE day < ?", (cutoff[:10],)).rowcount
        if gone:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # old rows must not linger in the log either
        self._last_purge = now
        return gone


def _between(since: dt.date | None, until: dt.date | None) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause on the `at` column for UTC days [since, until)."""
    clauses, params = [], []
    if since is not None:
        clauses.append("at >= ?")
        params.append(since.isoformat())
    if until is not None:
        clauses.append("at < ?")
        params.append(until.isoformat())
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", tuple(params)
