"""Running the Application with exactly-once delivery, from start-up to a graceful stop.

PTB's `run_polling` / `run_webhook` confirm updates before they are answered, so the Application is
built without an Updater and `Runner` does their job: connect (retrying while Telegram is
unreachable, one log line per outage), start the Application, feed `Delivery` from the `Poller` or
the `WebhookServer`, and on stop finish what is in flight for up to `STOP_GRACE` seconds, confirm
exactly what was answered and shut down, within the 10 s a container or systemd gives.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence

from telegram.error import InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

from bot.store.ledger import Ledger
from bot.telegram.delivery import WORKERS, Delivery, is_urgent
from bot.telegram.polling import LONG_POLL, OutageLog, Poller
from bot.telegram.sending import Attempt, attempt_for, reset_attempt
from bot.telegram.services import KEY, Services
from bot.telegram.webhook import WebhookServer

logger = logging.getLogger(__name__)

STOP_GRACE = 5.0  # seconds replies in flight may take to finish once asked to stop; the rest of 10 s is shutdown


class Runner:
    """Runs `application` until `stop` is set. `webhook`: app.webhook_options(...) or None to poll."""

    def __init__(self, application: Application, ledger: Ledger, *, webhook: dict | None = None,
                 allowed_updates: Sequence[str] | None = None, workers: int = WORKERS,
                 long_poll: int = LONG_POLL, stop_grace: float = STOP_GRACE) -> None:
        if application.updater is not None:
            raise ValueError("build the Application with .updater(None): the Runner fetches updates itself")
        self.application = application
        self.ledger = ledger
        self.webhook = webhook
        self.allowed_updates = list(allowed_updates) if allowed_updates is not None else None
        self.stop_grace = stop_grace
        svc: Services = application.bot_data[KEY]
        self.delivery = Delivery(application, ledger, workers=workers,
                                 is_urgent=lambda update: is_urgent(update, svc.library.responder))
        self.poller = Poller(application.bot, self.delivery, ledger, allowed_updates=self.allowed_updates,
                             long_poll=long_poll)
        self.server: WebhookServer | None = None
        self._fetching: asyncio.Future | None = None
        self.started = asyncio.Event()  # set once updates are being fetched (tests wait for it)

    async def run(self, stop: asyncio.Event) -> None:
        """Connect, serve until `stop` is set, then stop gracefully. Raises InvalidToken."""
        if not await self._until_reachable("Connecting", self.application.initialize, stop):
            await self.application.shutdown()
            return
        try:
            if self.application.post_init:
                await self.application.post_init(self.application)
            await self.application.start()
            self.delivery.start()
            fetching = self._fetching = await self._start_fetching(stop)
            if fetching is not None:
                self.started.set()
                stopped = asyncio.ensure_future(stop.wait())
                done, _ = await asyncio.wait({fetching, stopped}, return_when=asyncio.FIRST_COMPLETED)
                stopped.cancel()
                if fetching in done:
                    fetching.result()  # InvalidToken from the poller
        finally:
            await self._stop_gracefully()

    async def _start_fetching(self, stop: asyncio.Event) -> asyncio.Future | None:
        bot = self.application.bot
        if self.webhook is None:
            # A webhook left from an earlier run would make getUpdates fail with 409 Conflict.
            if not await self._until_reachable("Starting polling", lambda: bot.delete_webhook(), stop):
                return None
            logger.info("Polling for updates")
            return asyncio.ensure_future(self.poller.run())
        options = self.webhook
        self.server = WebhookServer(bot, self.delivery, self.ledger, listen=options["listen"],
                                    port=options["port"], path=options["url_path"],
                                    secret_token=options["secret_token"])
        await self.server.start()

        async def register() -> None:
            await bot.set_webhook(options["webhook_url"], secret_token=options["secret_token"],
                                  allowed_updates=self.allowed_updates,
                                  max_connections=options.get("max_connections", 40))

        if not await self._until_reachable("Registering the webhook", register, stop):
            return None
        self.server.ready = True
        logger.info("Webhook registered; listening on %s:%s", options["listen"], options["port"])
        return asyncio.get_running_loop().create_future()  # never completes: the server runs until stop

    async def _until_reachable(self, what: str, action: Callable[[], Awaitable[object]],
                               stop: asyncio.Event) -> bool:
        """Run `action` until it succeeds (True) or `stop` is set (False), backing off on network errors."""
        outage = OutageLog(what)
        while not stop.is_set():
            token = attempt_for(Attempt(None, deadline=time.monotonic()))  # no retries inside: they are here
            try:
                await action()
            except InvalidToken:
                raise
            except (NetworkError, TimedOut, RetryAfter) as exc:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), outage.failed(exc))
                continue
            finally:
                reset_attempt(token)
            outage.succeeded()
            return True
        return False

    async def _stop_gracefully(self) -> None:
        if self.server is not None:
            self.server.ready = False
        await self.poller.stop()
        if self.webhook is None and self._fetching is not None:
            # the poller must be done taking updates before the last confirmation is computed
            await asyncio.wait({self._fetching}, timeout=self.stop_grace)
        await self.delivery.stop(self.stop_grace)
        if self.webhook is None and self.started.is_set():
            await self.poller.confirm()
        if self.server is not None:
            await self.server.stop()
        if self.application.running:
            await self.application.stop()
        if self.application.post_shutdown:
            await self.application.post_shutdown(self.application)
        await self.application.shutdown()
        await asyncio.to_thread(self.ledger.close)
