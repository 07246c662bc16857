"""Wiring: build the Application from Settings, add the handlers, and run it (polling or webhook).

The Application has no Updater: bot.telegram.runner fetches updates and confirms each to Telegram
only once it is answered (bot.telegram.delivery), in both modes.
"""

from __future__ import annotations

import asyncio
import logging
import re
import signal
from urllib.parse import urlsplit

from telegram import BotCommand, Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.chat.flood import FloodGate
from bot.chat.reloading import FaqLibrary, FolderWatcher, freeze_loaded, snapshot
from bot.chat.session import Conversations
from bot.core.knowledge import FaqInvalid
from bot.settings import Settings, SettingsError
from bot.store import SqliteStore
from bot.store.ledger import Ledger
from bot.telegram import handlers, keyboards, staff
from bot.telegram.background import reload_and_notify, start_background, stop_background
from bot.telegram.logs import configure_logging, redact_secrets
from bot.telegram.runner import Runner
from bot.telegram.sending import RetryingRateLimiter
from bot.telegram.services import KEY, Services

logger = logging.getLogger(__name__)

COMMANDS = (
    BotCommand("start", "Welcome, and what I can and cannot do"),
    BotCommand("topics", "Every question I can answer"),
    BotCommand("help", "How to ask me a question"),
)
ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CALLBACK_QUERY]
# Retries after a 429, honouring Telegram's retry_after each time.
MAX_RETRIES_AFTER_429 = 3
SECRET_TOKEN_SHAPE = r"^[A-Za-z0-9_-]{1,256}$"


def file_url_for(base_url: str) -> str:
    """The Bot API file URL that goes with a base URL: ".../bot" -> ".../file/bot"."""
    head, found, tail = base_url.rpartition("/bot")
    return f"{head}/file/bot{tail}" if found else base_url.rstrip("/") + "/file/bot"


def build_application(settings: Settings, *, watch_interval: float = 1.0) -> Application:
    """The Application with every handler added; the FAQ must be valid now (raises FaqInvalid)."""
    token = settings.require_token()
    redact_secrets(token, settings.webhook_secret)  # before the Bot exists: PTB logs its URL at DEBUG
    before_loading = snapshot(settings.faq_dir)  # so an edit made while loading is still noticed
    library = FaqLibrary.load(settings.faq_dir)
    builder = (
        ApplicationBuilder()
        .token(token)
        # AIORateLimiter's throttling and 429 retries, plus retries of 5xx, lost connections and timeouts
        .rate_limiter(RetryingRateLimiter(max_retries=MAX_RETRIES_AFTER_429))
        .updater(None)  # the Runner fetches updates, confirming each only once it is answered
        # A second connection for getUpdates: the last call at shutdown need not wait (pool timeout)
        # for the long poll it just cancelled to release the first one. Ctrl-C stops at once.
        .get_updates_connection_pool_size(2)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url).base_file_url(file_url_for(settings.api_base_url))
    application = builder.build()
    flood = FloodGate(limit=settings.chat_messages_per_minute)
    svc = Services(
        library=library,
        store=SqliteStore(settings.db_path, retention_days=settings.retention_days),
        flood=flood,
        admin_ids=settings.admin_user_ids,
        conversations=Conversations(lambda: library.responder, flood=flood),
    )
    svc.watcher = FolderWatcher(
        library.folder, lambda: reload_and_notify(application), interval=watch_interval, baseline=before_loading
    )
    application.bot_data[KEY] = svc
    _add_handlers(application)
    freeze_loaded()  # all loaded: the collector need never walk it while answering
    return application


def _add_handlers(application: Application) -> None:
    messages = filters.UpdateType.MESSAGES  # new and edited messages, not channel posts
    private = filters.ChatType.PRIVATE
    application.add_handlers([
        CommandHandler("start", handlers.start),
        CommandHandler("help", handlers.help_command),
        CommandHandler("topics", handlers.topics),
        CommandHandler("reload", handlers.reload_command),
        staff.report_handler(),
        CallbackQueryHandler(handlers.answer_button, pattern=rf"^{keyboards.ANSWER}:"),
        CallbackQueryHandler(handlers.topics_page, pattern=rf"^{keyboards.TOPICS_PAGE}:"),
        CallbackQueryHandler(
            handlers.feedback_button, pattern=rf"^[{keyboards.HELPFUL}{keyboards.UNHELPFUL}]:"
        ),
        MessageHandler(messages & filters.TEXT & ~filters.COMMAND, handlers.text_message),
        MessageHandler(messages & private & filters.COMMAND, handlers.help_command),  # unknown command
        MessageHandler(messages & filters.ATTACHMENT, handlers.non_text),
    ])
    application.add_error_handler(handlers.error_handler)


async def _post_init(application: Application) -> None:
    try:
        await application.bot.set_my_commands(list(COMMANDS))
    except TelegramError as exc:  # the menu is a convenience: answering patients matters more
        logger.warning("Could not set the command menu: %s", exc)
    start_background(application)
    staff.start_digest(application)
    svc: Services = application.bot_data[KEY]
    logger.info(
        "Bot @%s is up with %d FAQ entries", application.bot.username, len(svc.library.responder.faq.entries)
    )


async def _post_shutdown(application: Application) -> None:
    await staff.stop_digest(application)
    await stop_background(application)


def webhook_options(settings: Settings) -> dict | None:
    """The run_webhook arguments when WEBHOOK_URL is set, else None. Raises SettingsError if incomplete."""
    if not settings.webhook_url:
        return None
    url = urlsplit(settings.webhook_url)
    if url.scheme not in ("https", "http") or not url.netloc:
        raise SettingsError(f"WEBHOOK_URL must be a full https:// URL, got {settings.webhook_url!r}")
    if not settings.webhook_secret or not re.match(SECRET_TOKEN_SHAPE, settings.webhook_secret):
        raise SettingsError(
            "WEBHOOK_SECRET_TOKEN must be set in webhook mode (1-256 letters, digits, _ or -); "
            "see .env.example."
        )
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": url.path.lstrip("/"),
        "webhook_url": settings.webhook_url,
        "secret_token": settings.webhook_secret,
        "max_connections": settings.webhook_max_connections,
    }


def run_bot(settings: Settings) -> int:
    """Run the bot until Ctrl-C or SIGTERM: long polling, or a webhook when WEBHOOK_URL is set.
    Returns the exit code."""
    configure_logging(settings)
    webhook = webhook_options(settings)
    try:
        application = build_application(settings)
    except FaqInvalid as exc:
        for problem in exc.problems:
            logger.error("%s", problem)
        logger.error("The FAQ folder is invalid, so the bot did not start: fix the lines above "
                     "(python -m bot check).")
        return 1
    runner = Runner(application, Ledger(settings.db_path), webhook=webhook, allowed_updates=ALLOWED_UPDATES)
    if webhook:
        logger.info("Starting in webhook mode on %s:%s", webhook["listen"], webhook["port"])
    else:
        logger.info("Starting with long polling")
    try:
        asyncio.run(_run_until_signalled(runner))
    except InvalidToken:
        logger.error("Telegram rejected TELEGRAM_BOT_TOKEN: check the token in .env (see .env.example).")
        return 1
    logger.info("Stopped")
    return 0


async def _run_until_signalled(runner: Runner) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await runner.run(stop)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
