"""The staff store: masked questions, 👎 counts, retention."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.store import SqliteStore, mask_contacts

T0 = dt.datetime(2026, 1, 10, 12, 0, tzinfo=dt.UTC)


class Clock:
    def __init__(self, now: dt.datetime = T0) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.mark.parametrize("text", [
    "call me on +44 7700 900123 please",
    "my number is 07700900123",
    "ring (555) 123-4567 after five",
    "US: +1 (555) 123-4567",
    "0044 20 7946 0958",
    "+33 6 12 34 56 78",
    "555.123.4567",
])
def test_phone_numbers_are_masked(text):
    masked = mask_contacts(text)
    assert "[phone]" in masked
    assert sum(ch.isdigit() for ch in masked) <= 1  # "+1" country codes may be left as a digit


@pytest.mark.parametrize("text", ["jo.bloggs@example.org", "a+tag@mail.example.co.uk", "ZEB@Example.COM"])
def test_email_addresses_are_masked(text):
    assert mask_contacts(f"write to {text} today") == "write to [email] today"


def test_ordinary_numbers_are_kept():
    text = "I had 3 injections in 2023 and my pain is 7/10 at 45 years old"
    assert mask_contacts(text) == text


@given(st.from_regex(r"\+?[1-9]\d{0,2}[ -]?\d{3}[ -]?\d{3}[ -]?\d{3,4}", fullmatch=True))
def test_any_spaced_phone_number_is_masked(number):
    assert mask_contacts(f"phone {number} thanks") == "phone [phone] thanks"


def test_database_and_its_folder_are_created_on_first_use(tmp_path):
    path = tmp_path / "new" / "folder" / "bot.sqlite3"
    store = SqliteStore(path, retention_days=90)
    assert not path.exists()
    store.record_unhelpful("risks")
    assert path.exists()
    assert store.unhelpful_counts() == [("risks", 1)]
    assert path.stat().st_mode & 0o077 == 0  # staff data: not readable by other users


def test_unanswered_rows_are_masked_stamped_in_utc_and_truncated(tmp_path):
    store = SqliteStore(tmp_path / "db.sqlite3", retention_days=90, clock=Clock())
    store.record_unanswered("How much? Call +44 7700 900123", outcome="fallback", score=12.5, entry_id=None)
    store.record_unanswered("x" * 5000, outcome="suggest", score=60, entry_id="risks")
    first, second = store.unanswered()
    assert (first.at, first.outcome, first.question, first.score, first.entry_id) == (
        "2026-01-10T12:00:00Z", "fallback", "How much? Call [phone]", 12.5, None)
    assert len(second.question) == 1000 and second.entry_id == "risks"


def test_tables_have_no_place_for_who_asked(tmp_path):
    store = SqliteStore(tmp_path / "db.sqlite3", retention_days=90)
    store.record_unhelpful("risks")
    db = sqlite3.connect(tmp_path / "db.sqlite3")
    columns = {row[1] for table in ("unanswered", "unhelpful")
               for row in db.execute(f"PRAGMA table_info({table})")}
    assert columns == {"id", "at", "outcome", "question", "score", "entry_id"}


def test_retention_deletes_old_rows_on_open(tmp_path):
    clock = Clock()
    store = SqliteStore(tmp_path / "db.sqlite3", retention_days=30, clock=clock)
    store.record_unanswered("old question", outcome="fallback", score=0, entry_id=None)
    store.record_unhelpful("risks")
    clock.now = T0 + dt.timedelta(days=20)
    store.record_unanswered("newer question", outcome="fallback", score=0, entry_id=None)
    store.close()

    reopened = SqliteStore(tmp_path / "db.sqlite3", retention_days=30, clock=Clock(T0 + dt.timedelta(days=31)))
    assert [row.question for row in reopened.unanswered()] == ["newer question"]
    assert reopened.unhelpful_counts() == []
    reopened.close()
    assert b"old question" not in (tmp_path / "db.sqlite3").read_bytes()  # overwritten, not just unlinked


def test_retention_runs_periodically_while_open(tmp_path):
    clock = Clock()
    store = SqliteStore(tmp_path / "db.sqlite3", retention_days=1, clock=clock)
    store.record_unanswered("first", outcome="fallback", score=0, entry_id=None)
    clock.now = T0 + dt.timedelta(days=2)
    store.record_unanswered("second", outcome="fallback", score=0, entry_id=None)
    assert [row.question for row in store.unanswered()] == ["second"]


def test_empty_question_is_not_stored(tmp_path):
    store = SqliteStore(tmp_path / "db.sqlite3", retention_days=1)
    store.record_unanswered("   ", outcome="fallback", score=0, entry_id=None)
    assert store.unanswered() == []
