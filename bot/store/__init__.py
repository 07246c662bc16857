"""Where questions the bot could not answer are kept for staff: the Store protocol and its implementations.

SQLite (`SqliteStore`) is the embedded default; `MemoryStore` keeps nothing on disk.
"""

from bot.store.memory import MemoryStore
from bot.store.protocol import Store
from bot.store.records import Unanswered, mask_contacts, utc_now
from bot.store.sqlite import SqliteStore

__all__ = ["MemoryStore", "SqliteStore", "Store", "Unanswered", "mask_contacts", "utc_now"]
