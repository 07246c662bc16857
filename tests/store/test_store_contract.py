"""What every Store promises (bot.store.protocol), run against each implementation: masked questions, no
identities, retention, the weekly counts. The SQLite file's own bytes are checked in test_privacy.py."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.store import MemoryStore, SqliteStore, Store

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)  # a Monday


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture(params=["sqlite", "memory"])
def make_store(request, tmp_path):
    def make(retention_days: int = 30, clock=None) -> Store:
        clock = clock or Clock()
        if request.param == "sqlite":
            return SqliteStore(tmp_path / "data" / "bot.sqlite3", retention_days=retention_days, clock=clock)
        return MemoryStore(retention_days=retention_days, clock=clock)

    return make


def test_questions_are_kept_masked_on_one_line(make_store):
    store = make_store()
    store.record_unanswered("How much?\nCall +44 7700 900123 or jo@example.org", outcome="fallback", score=12,
                            entry_id=None)
    [row] = store.unanswered()
    assert row.question == "How much? Call [phone] or [email]"
    assert (row.outcome, row.score, row.entry_id) == ("fallback", 12.0, None)


def test_an_empty_question_is_not_kept(make_store):
    store = make_store()
    store.record_unanswered("   \n ", outcome="fallback", score=0, entry_id=None)
    assert store.unanswered() == []


def test_rows_older_than_the_retention_period_go(make_store):
    clock = Clock()
    store = make_store(retention_days=30, clock=clock)
    store.record_unanswered("an old question", outcome="suggest", score=40, entry_id="risks")
    store.record_unhelpful("risks")
    store.count_reply("answer")
    clock.now += dt.timedelta(days=31)
    store.record_unanswered("a new question", outcome="fallback", score=5, entry_id=None)
    store.purge()
    assert [r.question for r in store.unanswered()] == ["a new question"]
    assert store.unhelpful_counts() == []
    assert store.reply_counts(T0.date(), (T0 + dt.timedelta(days=40)).date()) == {}


def test_counts_of_replies_and_thumbs_down_by_day(make_store):
    clock = Clock()
    store = make_store(clock=clock)
    for kind in ("answer", "answer", "urgent"):
        store.count_reply(kind)
    clock.now += dt.timedelta(days=1)
    store.count_reply("fallback")
    store.record_unhelpful("risks")
    store.record_unhelpful("risks")
    store.record_unhelpful("is-it-safe")
    counts = store.reply_counts(T0.date(), (T0 + dt.timedelta(days=7)).date())
    assert counts == {T0.date(): {"answer": 2, "urgent": 1}, (T0 + dt.timedelta(days=1)).date(): {"fallback": 1}}
    assert store.unhelpful_counts() == [("risks", 2), ("is-it-safe", 1)]
    assert store.unhelpful_counts(since=(T0 + dt.timedelta(days=2)).date()) == []
    with pytest.raises(ValueError):
        store.count_reply("the patient's name")


def test_a_weekly_digest_is_marked_sent_once(make_store):
    store = make_store()
    assert store.last_digest_week() is None
    assert store.mark_digest_sent(T0.date()) is True
    assert store.mark_digest_sent(T0.date()) is False
    assert store.last_digest_week() == T0.date()


def test_nothing_about_who_asked_can_be_passed_in():
    # The protocol has no parameter for a user, chat or name: a store cannot be asked to keep one.
    import inspect

    from bot.store.protocol import Store as Protocol

    for name, method in inspect.getmembers(Protocol, inspect.isfunction):
        params = set(inspect.signature(method).parameters)
        assert not params & {"user", "user_id", "chat", "chat_id", "name", "username"}, name
