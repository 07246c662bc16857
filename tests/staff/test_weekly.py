"""The weekly report: counts per day kept without text or ids, the week against the one before, and the
HTML page staff open in a browser (`python -m bot report --html FILE`)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path
from xml.etree import ElementTree

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.cli import main
from bot.core.knowledge import load_faq
from bot.staff.weekly import build_weekly, render_html, render_text
from bot.store import SqliteStore, Store

TODAY = dt.date(2026, 12, 1)


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 18, 9, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def store(tmp_path: Path):
    """Two weeks of replies: the week before (Nov 18-24) and this week (Nov 25 - Dec 1)."""
    clock = Clock()
    store = SqliteStore(tmp_path / "bot.sqlite3", retention_days=90, clock=clock)
    for day in range(14):
        clock.now = dt.datetime(2026, 11, 18, 9, tzinfo=dt.UTC) + dt.timedelta(days=day)
        this_week = day >= 7
        for kind in ["answer"] * (3 if this_week else 2) + ["suggest", "fallback"]:
            store.count_reply(kind)
        if day == 13:
            store.count_reply("urgent")
        if this_week:
            store.record_unanswered("will my head be sore after the jab", outcome="suggest", score=50,
                                    entry_id="post-procedure-headache")
            store.record_unhelpful("risks")
        else:
            store.record_unanswered("how much does it cost? mail jo@example.org", outcome="fallback", score=10,
                                    entry_id=None)
    yield store
    store.close()


def test_counts_are_kept_per_day_without_text_or_ids(store: Store) -> None:
    counts = store.reply_counts(dt.date(2026, 12, 1), dt.date(2026, 12, 2))
    assert counts == {dt.date(2026, 12, 1): {"answer": 3, "suggest": 1, "fallback": 1, "urgent": 1}}
    db = sqlite3.connect(store.path)
    assert [c[1] for c in db.execute("PRAGMA table_info(replies_per_day)")] == ["day", "kind", "n"]
    with pytest.raises(ValueError):
        store.count_reply("I have a fever")  # only the kind is ever kept


def test_the_week_is_compared_with_the_week_before(store: Store) -> None:
    faq = load_faq(DEFAULT_FAQ_DIR)
    text = render_text(build_weekly(store, faq, TODAY), faq)
    assert text.startswith("Weekly report, Wed 25 Nov 2026 to Tue 1 Dec 2026 (against the 7 days before)")
    assert "  answers: 21 (week before: 14, +7)" in text
    assert "  suggestions: 7 (week before: 7, no change)" in text
    assert "  urgent replies: 1 (week before: 0, +1)" in text
    assert ("  post-procedure-headache (Will I get a headache after the injection?): 7\n"
            "    7 × will my head be sore after the jab") in text
    assert "cost" not in text  # last week's question is not this week's
    assert "  risks: 7 (week before: 0)" in text


def test_old_counts_go_with_the_retention_period(tmp_path: Path) -> None:
    clock = Clock()
    store = SqliteStore(tmp_path / "bot.sqlite3", retention_days=7, clock=clock)
    store.count_reply("answer")
    clock.now += dt.timedelta(days=8)
    store.purge()
    assert store.reply_counts(dt.date(2026, 1, 1), dt.date(2027, 1, 1)) == {}


def test_html_page_is_self_contained_with_a_chart_and_masked_text(store: Store) -> None:
    faq = load_faq(DEFAULT_FAQ_DIR)
    page = render_html(build_weekly(store, faq, TODAY), faq)
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert len(re.findall(r"<rect ", page)) == 7 * 3 + 1  # 3 kinds every day, an urgent reply on the last
    assert not re.search(r"(src|href)=", page) and "<script" not in page  # nothing to fetch, nothing to run
    assert "will my head be sore after the jab" in page
    svg = page[page.index("<svg"): page.index("</svg>") + len("</svg>")]
    ElementTree.fromstring(svg)  # a well-formed chart every browser draws


def test_html_escapes_what_patients_typed(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "bot.sqlite3", retention_days=90)
    store.record_unanswered("<b>is it safe</b> & <script>x</script>", outcome="fallback", score=1, entry_id=None)
    page = render_html(build_weekly(store, load_faq(DEFAULT_FAQ_DIR), dt.datetime.now(dt.UTC).date()), None)
    assert "<script>x" not in page and "&lt;b&gt;is it safe&lt;/b&gt; &amp;" in page


def test_report_html_command_writes_the_page(store: Store, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("BOT_DB_PATH", str(store.path))
    out_file = tmp_path / "report.html"
    assert main(["report", "--html", str(out_file)]) == 0
    assert f"Wrote {out_file}: open it in a web browser." in capsys.readouterr().out
    assert "<svg" in out_file.read_text(encoding="utf-8")
    assert main(["report", "--html", str(tmp_path / "no-such-folder" / "r.html")]) == 1
    assert "Choose another file name or folder" in capsys.readouterr().out
