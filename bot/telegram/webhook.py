"""Webhook mode with the same guarantee as polling: Telegram hears 200 only once the update is answered.

Telegram POSTs each update and redelivers it until it gets a 2xx. PTB's own webhook server answers
200 on receipt, before any handler ran, so a crash loses the update. This small tornado server
(tornado is what PTB's webhooks extra installs) waits for `Delivery` to finish the update, then
answers 200; if the bot stops first it answers 503 and Telegram delivers it again to the next start.
A redelivered update that was already answered is recognised by the ledger and confirmed at once.

`GET /ready` answers 200 while the bot is accepting updates, 503 before start-up completes and
once it is stopping: point a load balancer's or orchestrator's readiness check at it.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from http import HTTPStatus

import tornado.web
from telegram import Bot, Update
from tornado.httpserver import HTTPServer

from bot.store.ledger import Ledger
from bot.telegram.delivery import Delivery

logger = logging.getLogger(__name__)

READY_PATH = "/ready"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ANSWER_WITHIN = 50.0  # seconds; Telegram gives up on a webhook call after about a minute and redelivers


class WebhookServer:
    """Listens on `listen`:`port` at `path` for Telegram, and at /ready for health checks."""

    def __init__(self, bot: Bot, delivery: Delivery, ledger: Ledger, *, listen: str, port: int, path: str,
                 secret_token: str) -> None:
        self.ready = False
        shared = {"bot": bot, "delivery": delivery, "ledger": ledger, "secret_token": secret_token}
        app = tornado.web.Application([
            (rf"/{path.strip('/')}/?", _UpdateHandler, shared),
            (READY_PATH, _ReadyHandler, {"server": self}),
        ], log_function=lambda handler: None)  # no access log: Telegram's requests carry patients' messages
        self._http = HTTPServer(app)
        self.listen = listen
        self.port = port

    async def start(self) -> None:
        self._http.listen(self.port, address=self.listen)

    async def stop(self) -> None:
        self.ready = False
        self._http.stop()
        await self._http.close_all_connections()


class _ReadyHandler(tornado.web.RequestHandler):
    def initialize(self, server: WebhookServer) -> None:
        self.server = server

    def get(self) -> None:
        self.set_status(HTTPStatus.OK if self.server.ready else HTTPStatus.SERVICE_UNAVAILABLE)
        self.finish({"ready": self.server.ready})


class _UpdateHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("POST",)

    def initialize(self, bot: Bot, delivery: Delivery, ledger: Ledger, secret_token: str) -> None:
        self.bot = bot
        self.delivery = delivery
        self.ledger = ledger
        self.secret_token = secret_token

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret_token.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        try:
            update = Update.de_json(json.loads(self.request.body), self.bot)
        except Exception:  # never log the body: it is a patient's message
            logger.warning("Webhook: a request that is not a Telegram update was refused")
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from None
        if update is None:
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST)
        if await asyncio.to_thread(self.ledger.answered, [update.update_id]):
            self.set_status(HTTPStatus.OK)  # answered before a restart: confirm, do not answer again
            return
        try:
            finished = await asyncio.wait_for(asyncio.shield(self.delivery.submit(update)), ANSWER_WITHIN)
        except TimeoutError:
            finished = False  # still being answered: Telegram's redelivery will find it finished or in hand
        self.set_status(HTTPStatus.OK if finished else HTTPStatus.SERVICE_UNAVAILABLE)

    def log_exception(self, typ, value, tb) -> None:  # noqa: ANN001 - tornado's signature
        if not isinstance(value, tornado.web.HTTPError):
            logger.error("Webhook request failed: %s", value)
