"""Inline keyboards and their callback data.

Callback data names an entry by its id, which is stable across reloads: "a:<id>" answers the entry,
"y:<id>" / "n:<id>" are 👍 / 👎 on its answer, "t:<page>" turns a page of /topics. Telegram allows
64 bytes of callback data; an id too long for that is sent as "#" and a digest of the id instead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.knowledge import Entry

ANSWER = "a"
HELPFUL = "y"
UNHELPFUL = "n"
TOPICS_PAGE = "t"
CALLBACK_DATA_LIMIT = 64
TOPICS_PER_PAGE = 8


def entry_ref(entry_id: str) -> str:
    """The shortest stable way to name an entry in callback data."""
    if len(entry_id.encode()) <= CALLBACK_DATA_LIMIT - 2:
        return entry_id
    return "#" + hashlib.blake2s(entry_id.encode(), digest_size=12).hexdigest()


def find_entry(ref: str, entries: Sequence[Entry]) -> Entry | None:
    """The entry `ref` names in these entries, or None if it is no longer served."""
    for entry in entries:
        if entry.id == ref or (ref.startswith("#") and entry_ref(entry.id) == ref):
            return entry
    return None


def split_data(data: str) -> tuple[str, str]:
    """("a", "is-it-safe") from "a:is-it-safe"."""
    action, _, value = data.partition(":")
    return action, value


def _data(action: str, value: str) -> str:
    return f"{action}:{value}"


def feedback_keyboard(entry_id: str) -> InlineKeyboardMarkup:
    """👍 / 👎 under an answer."""
    ref = entry_ref(entry_id)
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton("👍", callback_data=_data(HELPFUL, ref)),
          InlineKeyboardButton("👎", callback_data=_data(UNHELPFUL, ref))]]
    )


def suggestions_keyboard(entries: Sequence[Entry]) -> InlineKeyboardMarkup:
    """One "Did you mean" button per suggested entry, labelled with its question."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(entry.question, callback_data=_data(ANSWER, entry_ref(entry.id)))]
         for entry in entries]
    )


def page_count(entries: Sequence[Entry], per_page: int = TOPICS_PER_PAGE) -> int:
    return max(1, -(-len(entries) // per_page))


def topics_keyboard(
    entries: Sequence[Entry], page: int = 0, per_page: int = TOPICS_PER_PAGE
) -> InlineKeyboardMarkup:
    """A page of entries as buttons, with ◀ / ▶ to the neighbouring pages when there are several."""
    pages = page_count(entries, per_page)
    page = min(max(page, 0), pages - 1)
    shown = entries[page * per_page:(page + 1) * per_page]
    rows = [[InlineKeyboardButton(entry.question, callback_data=_data(ANSWER, entry_ref(entry.id)))]
            for entry in shown]
    nav = []
    if page > 0:
        nav.append(InlineKeyboardButton("◀ Previous", callback_data=_data(TOPICS_PAGE, str(page - 1))))
    if page < pages - 1:
        nav.append(InlineKeyboardButton("Next ▶", callback_data=_data(TOPICS_PAGE, str(page + 1))))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows)
