"""Where questions the bot could not answer are kept for staff. SQLite is the embedded default."""

from bot.store.sqlite import Store, Unanswered, mask_contacts, utc_now

__all__ = ["Store", "Unanswered", "mask_contacts", "utc_now"]
