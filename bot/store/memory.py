"""A Store that keeps everything in memory and forgets it on exit: for the terminal chat and for tests,
and the example of what another store looks like (one class, the methods of bot.store.protocol.Store)."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable

from bot.store.records import COUNTED_KINDS, Unanswered, kept_question, utc_now

__all__ = ["MemoryStore"]


class MemoryStore:
    """The Store protocol on Python lists, with the same masking and retention as the SQLite file."""

    def __init__(self, *, retention_days: int, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.retention = dt.timedelta(days=retention_days)
        self._clock = clock
        self._lock = threading.Lock()
        self._unanswered: list[tuple[dt.datetime, Unanswered]] = []
        self._unhelpful: list[tuple[dt.datetime, str]] = []
        self._replies: Counter[tuple[dt.date, str]] = Counter()
        self._digests: set[dt.date] = set()

    def record_unanswered(self, question: str, *, outcome: str, score: float, entry_id: str | None) -> None:
        text = kept_question(question)
        if not text:
            return
        now = self._now()
        with self._lock:
            self._unanswered.append((now, Unanswered(_stamp(now), outcome, text, float(score), entry_id)))

    def record_unhelpful(self, entry_id: str) -> None:
        now = self._now()
        with self._lock:
            self._unhelpful.append((now, entry_id))

    def count_reply(self, kind: str) -> None:
        if kind not in COUNTED_KINDS:
            raise ValueError(f"not a counted reply kind: {kind!r}")
        day = self._now().date()
        with self._lock:
            self._replies[(day, kind)] += 1

    def mark_digest_sent(self, week: dt.date) -> bool:
        with self._lock:
            if week in self._digests:
                return False
            self._digests.add(week)
            return True

    def last_digest_week(self) -> dt.date | None:
        with self._lock:
            return max(self._digests, default=None)

    def purge(self) -> int:
        cutoff = self._clock().astimezone(dt.UTC) - self.retention
        with self._lock:
            before = len(self._unanswered) + len(self._unhelpful) + len(self._replies)
            self._unanswered = [(at, row) for at, row in self._unanswered if at >= cutoff]
            self._unhelpful = [(at, row) for at, row in self._unhelpful if at >= cutoff]
            self._replies = Counter({k: n for k, n in self._replies.items() if k[0] >= cutoff.date()})
            return before - len(self._unanswered) - len(self._unhelpful) - len(self._replies)

    def unanswered(self, since: dt.date | None = None, until: dt.date | None = None) -> list[Unanswered]:
        self.purge()
        with self._lock:
            return [row for at, row in self._unanswered if _within(at.date(), since, until)]

    def unhelpful_counts(self, since: dt.date | None = None, until: dt.date | None = None) -> list[tuple[str, int]]:
        self.purge()
        with self._lock:
            counts = Counter(entry for at, entry in self._unhelpful if _within(at.date(), since, until))
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def reply_counts(self, since: dt.date, until: dt.date) -> dict[dt.date, dict[str, int]]:
        self.purge()
        counts: dict[dt.date, dict[str, int]] = {}
        with self._lock:
            for (day, kind), n in sorted(self._replies.items()):
                if since <= day < until:
                    counts.setdefault(day, {})[kind] = n
        return counts

    def close(self) -> None:
        """Nothing to close: the rows go with the process."""

    def _now(self) -> dt.datetime:
        return self._clock().astimezone(dt.UTC)


def _stamp(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _within(day: dt.date, since: dt.date | None, until: dt.date | None) -> bool:
    return (since is None or day >= since) and (until is None or day < until)
