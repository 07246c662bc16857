"""What runs beside the handlers: reloading the FAQ when its files change, and store retention.

Started in the Application's post_init and stopped in its post_shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from telegram.error import TelegramError
from telegram.ext import Application

from bot.chat.reloading import describe
from bot.core.replies import fit
from bot.store import Store
from bot.telegram.services import KEY, Services

logger = logging.getLogger(__name__)

PURGE_INTERVAL = 3600.0  # seconds between retention passes over the store


def start_background(application: Application) -> None:
    """Start the FAQ folder watcher and the hourly retention pass."""
    svc: Services = application.bot_data[KEY]
    if svc.watcher is not None:
        svc.watcher.start()
    svc.purger = asyncio.create_task(purge_periodically(svc.store), name="store-retention")


async def stop_background(application: Application) -> None:
    """Stop what start_background started and close the store."""
    svc: Services = application.bot_data[KEY]
    if svc.watcher is not None:
        await svc.watcher.stop()
    if svc.purger is not None:
        svc.purger.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await svc.purger
        svc.purger = None
    await asyncio.to_thread(svc.store.close)


async def reload_and_notify(application: Application) -> None:
    """Reload the FAQ after a file change; tell the admins if it failed, once it is fixed again, and when
    it brings content warnings they have not been sent yet."""
    svc: Services = application.bot_data[KEY]
    result = await svc.library.reload()
    was_broken, svc.faq_broken = svc.faq_broken, not result.ok
    # New content warnings are news too; the same warnings after every save are not.
    new_warnings = result.ok and result.warnings and result.warnings != svc.faq_warnings
    if result.ok:
        svc.faq_warnings = result.warnings
    if not result.ok or was_broken or new_warnings:
        await notify_admins(application, describe(result, svc.library.folder))


async def notify_admins(application: Application, text: str) -> None:
    """Send `text` to every admin who has started a chat with the bot."""
    svc: Services = application.bot_data[KEY]
    for admin_id in sorted(svc.admin_ids):
        try:
            await application.bot.send_message(admin_id, fit(text))
        except TelegramError as exc:
            logger.warning("Could not tell admin %s about the FAQ: %s", admin_id, exc)


async def purge_periodically(store: Store, every: float = PURGE_INTERVAL) -> None:
    """Apply the retention period even while nobody writes to the store."""
    while True:
        try:
            gone = await asyncio.to_thread(store.purge)
            if gone:
                logger.info("Deleted %d stored questions older than the retention period", gone)
        except Exception:
            logger.exception("Could not apply the retention period to the store")
        await asyncio.sleep(every)
