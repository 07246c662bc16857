"""What the handlers share: the FAQ being served, the staff store, the flood gate and the admins."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from telegram.ext import CallbackContext

from bot.chat.flood import FloodGate
from bot.chat.reloading import FaqLibrary, FolderWatcher
from bot.chat.session import Conversations
from bot.store import Store

KEY = "services"


@dataclass
class Services:
    library: FaqLibrary
    store: Store
    flood: FloodGate
    admin_ids: frozenset[int]
    conversations: Conversations
    watcher: FolderWatcher | None = None
    purger: asyncio.Task | None = None
    # the last reload after a file change failed: admins hear when it is fixed
    faq_broken: bool = False
    # the content warnings admins were last told about
    faq_warnings: tuple[str, ...] = ()


def services(context: CallbackContext) -> Services:
    """The Services of the running Application (kept in bot_data by build_application)."""
    return context.application.bot_data[KEY]
