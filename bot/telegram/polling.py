"""Long polling that confirms an update to Telegram only once it is answered.

Telegram forgets every update below the `offset` of a getUpdates call. PTB's Updater asks for the
next offset as soon as a batch is fetched, so a crash loses whatever was fetched and not yet
answered. `Poller` instead always asks from the oldest update not yet finished (the watermark): a
batch may repeat updates already being answered, which are recognised and skipped, and updates
answered after an unfinished one are recognised on redelivery by the ledger. One getUpdates call
returns at most 100 updates from the watermark: the bot never holds more than it can answer in a
few seconds, and triages all of them on arrival.

Network loss is logged as one line when it starts and one when it ends (`OutageLog`); polling
backs off meanwhile. A rejected token (InvalidToken) is raised to the caller.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Sequence
from functools import partial
from typing import Any

from telegram import Bot, Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TelegramError

from bot.store.ledger import Ledger
from bot.telegram.delivery import Delivery
from bot.telegram.sending import retry_after_seconds

logger = logging.getLogger(__name__)

BATCH = 100  # Telegram's maximum for getUpdates
LONG_POLL = 10  # seconds Telegram holds getUpdates open when there is nothing new
REPOLL = 0.2  # longest wait between polls while updates are being answered (Telegram cannot long-poll then)
MIN_REPOLL = 0.05  # shortest: an answer a few ms apart each need not cost a getUpdates call
MAX_PAUSE = 5.0  # longest wait between tries while Telegram is unreachable: one cheap call, and a
# patient who writes as the network returns is answered within seconds


class OutageLog:
    """One warning when `what` keeps failing, one info line when it works again: no traceback per try.

    The first `tolerated` failures in a row are not an outage yet (a single 502 among many polls is
    Telegram's normal weather): they are retried quickly and logged at DEBUG only.
    """

    def __init__(self, what: str, *, tolerated: int = 0) -> None:
        self.what = what
        self.tolerated = tolerated
        self.failures = 0
        self._since: float | None = None
        self._announced = False

    def failed(self, error: BaseException) -> float:
        """Note a failure; returns how long to wait before the next try (exponential, jittered)."""
        if self._since is None:
            self._since = time.monotonic()
        self.failures += 1
        if self.failures > self.tolerated and not self._announced:
            logger.warning("%s: cannot reach Telegram (%s); retrying with backoff", self.what, _describe(error))
            self._announced = True
        else:
            logger.debug("%s failed (%s)", self.what, _describe(error))
        return min(MAX_PAUSE, 0.25 * 2 ** (self.failures - 1)) * random.uniform(0.5, 1.0)

    def succeeded(self) -> None:
        if self._announced and self._since is not None:
            logger.info("%s: Telegram reachable again after %.0f s", self.what, time.monotonic() - self._since)
        self._since = None
        self._announced = False
        self.failures = 0


def _describe(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:200]


class Poller:
    """Fetches updates for `delivery` and confirms exactly those it finished; `run` until `stop`."""

    def __init__(self, bot: Bot, delivery: Delivery, ledger: Ledger, *,
                 allowed_updates: Sequence[str] | None = None, long_poll: int = LONG_POLL) -> None:
        self.bot = bot
        self.delivery = delivery
        self.ledger = ledger
        self.allowed_updates = list(allowed_updates) if allowed_updates is not None else None
        self.long_poll = long_poll
        self._next_new: int | None = None  # one past the highest update id seen
        self._finished_above: set[int] = set()  # finished, but above an unfinished one: not confirmed yet
        self._stopping = asyncio.Event()
        self._fetch: asyncio.Task | None = None
        self.outage = OutageLog("Fetching updates", tolerated=1)

    def watermark(self) -> int | None:
        """The offset to poll with: the oldest unfinished update, or one past the newest seen."""
        unfinished = self.delivery.unfinished()
        return min(unfinished) if unfinished else self._next_new

    async def run(self) -> None:
        """Poll until `stop` is called. Raises InvalidToken if Telegram rejects the token."""
        while not self._stopping.is_set():
            busy = bool(self.delivery.unfinished())
            try:
                updates = await self._get_updates(timeout=0 if busy else self.long_poll)
            except asyncio.CancelledError:
                if self._stopping.is_set():
                    return
                raise
            except InvalidToken:
                raise
            except (NetworkError, RetryAfter, Conflict) as exc:
                await self._pause(retry_after_seconds(exc) if isinstance(exc, RetryAfter) else self.outage.failed(exc))
                continue
            except TelegramError as exc:  # anything else Telegram says: log it and carry on polling
                await self._pause(self.outage.failed(exc))
                continue
            self.outage.succeeded()
            fresh = await self._take(updates)
            if not fresh and self.delivery.unfinished():
                # Nothing new: Telegram would answer the next poll at once with the same updates.
                await asyncio.sleep(MIN_REPOLL)
                await self.delivery.wait_for_progress(REPOLL - MIN_REPOLL)

    async def stop(self) -> None:
        """Stop polling now (an open long poll is cancelled)."""
        self._stopping.set()
        if self._fetch is not None:
            self._fetch.cancel()

    async def confirm(self) -> None:
        """Tell Telegram which updates are finished (a last getUpdates with the watermark as offset)."""
        offset = self.watermark()
        if offset is None:
            return
        try:
            await self.bot.get_updates(offset=offset, limit=1, timeout=0, read_timeout=2, connect_timeout=2,
                                       allowed_updates=self.allowed_updates)
        except TelegramError as exc:  # the ledger still knows what was answered: nothing is answered twice
            logger.warning("Could not confirm the last answered updates (%s); the ledger covers them",
                           _describe(exc))

    async def _get_updates(self, timeout: int) -> tuple[Update, ...]:
        self._fetch = asyncio.ensure_future(self.bot.get_updates(
            offset=self.watermark(), limit=BATCH, timeout=timeout, allowed_updates=self.allowed_updates,
        ))
        try:
            return await self._fetch
        finally:
            self._fetch = None

    async def _take(self, updates: Sequence[Update]) -> int:
        """Submit the updates not seen before; returns how many were new."""
        offset = self.watermark()
        candidates = [u for u in updates
                      if (offset is None or u.update_id >= offset)
                      and not self.delivery.knows(u.update_id) and u.update_id not in self._finished_above]
        answered = (await asyncio.to_thread(self.ledger.answered, [u.update_id for u in candidates])
                    if candidates else set())
        if self._stopping.is_set():
            return 0  # stopping: take nothing more, so the last confirmation cannot pass these
        for update in candidates:
            if update.update_id in answered:
                logger.debug("Update %s was answered before a restart: not answering it again", update.update_id)
                self._finished_above.add(update.update_id)
                continue
            future = self.delivery.submit(update)
            future.add_done_callback(partial(self._note_finished, update.update_id))
        # Only now is every update of the batch finished, known or submitted: the watermark may pass them.
        if updates:
            newest = max(u.update_id for u in updates) + 1
            self._next_new = newest if self._next_new is None else max(self._next_new, newest)
        self._forget_confirmed()
        return len(candidates) - len(answered)

    def _note_finished(self, update_id: int, future: Any) -> None:
        """A submitted update is done: once answered (the future says True), it may be confirmed."""
        if future.result():
            self._finished_above.add(update_id)

    def _forget_confirmed(self) -> None:
        offset = self.watermark()
        if offset is not None:
            self._finished_above = {uid for uid in self._finished_above if uid >= offset}

    async def _pause(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)
