"""The answered-update ledger: update ids only, durable across a reopen, pruned after a day."""

from __future__ import annotations

import sqlite3

from bot.store.ledger import Ledger


def test_answered_ids_survive_a_reopen(tmp_path):
    path = tmp_path / "bot.sqlite3"
    Ledger(path).record(1001)  # not closed: as after a kill
    assert Ledger(path).answered([1000, 1001, 1002]) == {1001}


def test_rows_older_than_a_day_are_pruned(tmp_path):
    now = [1_000_000.0]
    ledger = Ledger(tmp_path / "bot.sqlite3", clock=lambda: now[0])
    ledger.record(1)
    now[0] += 23 * 3600
    ledger.record(2)
    now[0] += 2 * 3600
    assert ledger.prune() == 1
    assert ledger.answered([1, 2]) == {2}


def test_the_table_holds_an_update_id_and_a_time_and_nothing_else(tmp_path):
    path = tmp_path / "bot.sqlite3"
    Ledger(path).record(7)
    columns = [row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(answered_updates)")]
    assert columns == ["update_id", "at"]


def test_many_ids_are_looked_up_at_once(tmp_path):
    ledger = Ledger(tmp_path / "bot.sqlite3")
    for update_id in range(0, 2000, 2):
        ledger.record(update_id)
    assert len(ledger.answered(range(2000))) == 1000
