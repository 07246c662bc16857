"""Which Telegram updates were already answered, so a redelivered update is not answered twice.

After a crash Telegram hands back every update the bot had not yet confirmed, including some it
had already answered. The ledger keeps, for each answered update, its update id and the hour it
was answered: nothing else (no chat, user or text), in its own table. Telegram keeps an unconfirmed
update for at most a day, so rows older than `keep` are of no use and are deleted.

>>> import tempfile, pathlib
>>> ledger = Ledger(pathlib.Path(tempfile.mkdtemp()) / "bot.sqlite3")
>>> ledger.record(1001)
>>> sorted(ledger.answered([1000, 1001]))
[1001]
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

KEEP = dt.timedelta(days=1)
PRUNE_EVERY = 600.0  # seconds between prunes while recording

SCHEMA = """
CREATE TABLE IF NOT EXISTS answered_updates (
    update_id INTEGER PRIMARY KEY,  -- Telegram's update id: not a person, a chat or a message
    at INTEGER NOT NULL             -- unix time, whole seconds, when it was answered
);
"""


class Ledger:
    """The answered-update table in the SQLite file at `path` (the store's file is fine). Thread-safe."""

    def __init__(self, path: Path, *, keep: dt.timedelta = KEEP, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.keep = keep
        self._clock = clock
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._last_prune = float("-inf")

    def answered(self, update_ids: Iterable[int]) -> set[int]:
        """Those of `update_ids` that were answered (and not yet pruned)."""
        ids = [int(i) for i in update_ids]
        if not ids:
            return set()
        with self._lock:
            db = self._connect()
            found: set[int] = set()
            for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters is 999
                chunk = ids[start:start + 500]
                rows = db.execute(
                    f"SELECT update_id FROM answered_updates WHERE update_id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
                found.update(row[0] for row in rows)
            return found

    def record(self, update_id: int) -> None:
        """Remember that `update_id` was answered (or needed no answer). Durable once this returns."""
        now = self._clock()
        with self._lock:
            db = self._connect()
            with db:
                db.execute("INSERT OR REPLACE INTO answered_updates (update_id, at) VALUES (?, ?)",
                           (int(update_id), int(now)))
            if now - self._last_prune >= PRUNE_EVERY:
                self._prune(db, now)

    def prune(self) -> int:
        """Delete rows older than `keep`; returns how many went."""
        with self._lock:
            return self._prune(self._connect(), self._clock())

    def __len__(self) -> int:
        with self._lock:
            return self._connect().execute("SELECT COUNT(*) FROM answered_updates").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            new = not self.path.exists()
            # The store may hold the same file open: wait for its writes rather than fail.
            self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=10.0)
            if new:
                os.chmod(self.path, 0o600)
            # WAL with synchronous=NORMAL: a committed row survives the process being killed (kill -9);
            # only a power cut can lose the last ones, and that costs a duplicate answer, not a lost one.
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.executescript(SCHEMA)
            self._prune(self._db, self._clock())
        return self._db

    def _prune(self, db: sqlite3.Connection, now: float) -> int:
        with db:
            gone = db.execute("DELETE FROM answered_updates WHERE at < ?",
                              (int(now - self.keep.total_seconds()),)).rowcount
        self._last_prune = now
        return gone
