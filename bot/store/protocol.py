"""What the bot and the staff tools need of a store. SQLite (bot.store.sqlite) is the embedded default;
another database is one class with these methods (see docs/architecture.md)."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from bot.store.records import Unanswered

__all__ = ["Store"]


class Store(Protocol):
    """Questions the FAQ could not answer, 👎 presses and reply counts: never who asked.

    Implementations keep only what they are given, mask questions with `records.kept_question`, and delete
    rows older than their retention period (`purge`, and on their own while in use). Safe to call from threads.
    """

    def record_unanswered(self, question: str, *, outcome: str, score: float, entry_id: str | None) -> None: ...

    def record_unhelpful(self, entry_id: str) -> None: ...

    def count_reply(self, kind: str) -> None: ...

    def mark_digest_sent(self, week: dt.date) -> bool: ...

    def last_digest_week(self) -> dt.date | None: ...

    def purge(self) -> int: ...

    def unanswered(self, since: dt.date | None = None, until: dt.date | None = None) -> list[Unanswered]: ...

    def unhelpful_counts(
        self, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[tuple[str, int]]: ...

    def reply_counts(self, since: dt.date, until: dt.date) -> dict[dt.date, dict[str, int]]: ...

    def close(self) -> None: ...
