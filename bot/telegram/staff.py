"""Staff on Telegram: `/report` for the users in ADMIN_USER_IDS, and the weekly digest sent to them unprompted.

Both are the weekly report of bot.staff.weekly as plain text (no parse mode, so nothing staff or patients
wrote can turn into markup). The digest goes out once a week, on Monday from DIGEST_HOUR (UTC), covering
the seven days before; the store remembers which weeks went out, so a restart neither repeats nor skips one.
A new store starts counting from the week it was created: the first digest comes the Monday after.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.staff.weekly import build_weekly, render_text
from bot.store import utc_now
from bot.telegram.background import notify_admins
from bot.telegram.services import KEY, Services, services

logger = logging.getLogger(__name__)

REPORT_REFUSED = "Sorry, /report is only for clinic staff."
DIGEST_TITLE = "Your weekly FAQ digest. Send /report any time for the latest 7 days."
DIGEST_HOUR = 8  # UTC, on Mondays
CHECK_EVERY = 600.0  # seconds between looks at the clock
TASK_KEY = "staff-digest"


def report_handler() -> CommandHandler:
    """The /report command, for adding to the Application."""
    return CommandHandler("report", report_command)


async def report_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send an admin this week's report; refuse anyone else politely."""
    svc = services(context)
    user, message = update.effective_user, update.effective_message
    if message is None:
        return
    if user is None or user.id not in svc.admin_ids:
        await message.reply_text(REPORT_REFUSED)
        return
    await message.reply_text(await asyncio.to_thread(weekly_text, svc, utc_now().date()))


def weekly_text(svc: Services, last_day: dt.date) -> str:
    """The weekly report of the seven days ending with `last_day`, from the store and the FAQ being served."""
    return render_text(build_weekly(svc.store, svc.library.responder.faq, last_day), svc.library.responder.faq)


def digest_week(now: dt.datetime) -> dt.date:
    """The Monday of the latest week whose digest is due at `now` (the digest is due from Monday DIGEST_HOUR)."""
    now = now.astimezone(dt.UTC)
    monday = now.date() - dt.timedelta(days=now.weekday())
    if now.weekday() == 0 and now.hour < DIGEST_HOUR:
        monday -= dt.timedelta(days=7)
    return monday


async def send_digest_if_due(application: Application, now: dt.datetime) -> bool:
    """Send the digest of the week due at `now` to every admin, unless it already went out. True if sent."""
    svc: Services = application.bot_data[KEY]
    if not svc.admin_ids:
        return False
    week = digest_week(now)
    last = await asyncio.to_thread(svc.store.last_digest_week)
    if last is None:  # a new store: the first digest is next week's, not one about days nobody recorded
        await asyncio.to_thread(svc.store.mark_digest_sent, week)
        return False
    # Claim the week before sending: of two looks at the clock at once, only one sends.
    if last >= week or not await asyncio.to_thread(svc.store.mark_digest_sent, week):
        return False
    # the seven days before the Monday the digest is due
    text = await asyncio.to_thread(weekly_text, svc, week - dt.timedelta(days=1))
    await notify_admins(application, f"{DIGEST_TITLE}\n\n{text}")
    logger.info("Weekly digest for the week before %s sent to %d admin(s)", week, len(svc.admin_ids))
    return True


def start_digest(application: Application, *, clock: Callable[[], dt.datetime] | None = None,
                 every: float = CHECK_EVERY) -> None:
    """Look at the clock every `every` seconds and send the weekly digest when it is due."""
    application.bot_data[TASK_KEY] = asyncio.create_task(
        _digest_periodically(application, clock or utc_now, every), name="staff-weekly-digest"
    )


async def stop_digest(application: Application) -> None:
    task = application.bot_data.pop(TASK_KEY, None)
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _digest_periodically(application: Application, clock: Callable[[], dt.datetime], every: float) -> None:
    while True:
        try:
            await send_digest_if_due(application, clock())
        except Exception:
            logger.exception("Could not send the weekly digest")
        await asyncio.sleep(every)
