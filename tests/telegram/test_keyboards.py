"""Inline keyboards: callback data fits Telegram's 64 bytes and names entries stably."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bot.core.knowledge import Entry
from bot.telegram import keyboards


def entry(entry_id: str, question: str = "A question?") -> Entry:
    return Entry(entry_id, question, (), "An answer.", "Source", "Dr Test", dt.date(2025, 1, 1),
                 Path(f"faq/entries/{entry_id}.yaml"))


def all_data(markup) -> list[str]:
    return [button.callback_data for row in markup.inline_keyboard for button in row]


@given(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,30}", fullmatch=True))
def test_callback_data_fits_64_bytes_and_finds_its_entry(entry_id):
    entries = [entry("other"), entry(entry_id)]
    for data in all_data(keyboards.feedback_keyboard(entry_id)) + all_data(keyboards.suggestions_keyboard(entries)):
        assert len(data.encode()) <= 64
        _, ref = keyboards.split_data(data)
        assert keyboards.find_entry(ref, entries).id in (entry_id, "other")


def test_short_ids_are_used_as_they_are():
    assert all_data(keyboards.feedback_keyboard("is-it-safe")) == ["y:is-it-safe", "n:is-it-safe"]


def test_removed_entry_is_not_found():
    assert keyboards.find_entry("gone", [entry("is-it-safe")]) is None


def test_topics_are_paged_with_previous_and_next():
    entries = [entry(f"topic-{n:02}", f"Question {n}?") for n in range(19)]
    first = keyboards.topics_keyboard(entries, 0)
    assert [b.text for b in first.inline_keyboard[-1]] == ["Next ▶"]
    middle = keyboards.topics_keyboard(entries, 1)
    assert [b.callback_data for b in middle.inline_keyboard[-1]] == ["t:0", "t:2"]
    last = keyboards.topics_keyboard(entries, 2)
    assert [b.text for b in last.inline_keyboard[-1]] == ["◀ Previous"]
    assert len(last.inline_keyboard) == 3 + 1
    assert keyboards.page_count(entries) == 3


def test_few_topics_have_no_navigation():
    markup = keyboards.topics_keyboard([entry("a"), entry("b")], 0)
    assert all_data(markup) == ["a:a", "a:b"]


def test_page_out_of_range_shows_the_nearest_page():
    entries = [entry(f"t-{n}") for n in range(10)]
    assert all_data(keyboards.topics_keyboard(entries, 99))[:2] == ["a:t-8", "a:t-9"]
