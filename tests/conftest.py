"""Shared fixtures: a small FAQ folder in tmp_path, the Bot API stand-in, and a running bot on it."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.settings import Settings
from tests.small_faq import make_faq


@pytest.fixture
def faq_dir(tmp_path: Path) -> Path:
    return make_faq(tmp_path / "faq")


@pytest.fixture
def standin():
    from tests.standin import BotApiStandIn

    with BotApiStandIn() as api:
        yield api


@pytest.fixture
def settings(tmp_path: Path, faq_dir: Path, standin) -> Settings:
    """Settings for a bot talking to the stand-in, with one admin and a database in tmp_path."""
    from tests.standin import ADMIN, TOKEN

    return Settings(
        token=TOKEN,
        api_base_url=standin.base_url,
        faq_dir=faq_dir,
        db_path=tmp_path / "data" / "bot.sqlite3",
        admin_user_ids=frozenset({ADMIN["id"]}),
        log_level="DEBUG",
        retention_days=90,
        chat_messages_per_minute=20,
        webhook_url=None,
        webhook_listen="127.0.0.1",
        webhook_port=0,
        webhook_secret=None,
    )


@contextlib.asynccontextmanager
async def running(application, *, ledger_path: Path, webhook: dict | None = None, standin=None) -> AsyncIterator:
    """Run the Application inside the test's event loop as `python -m bot run` does (bot.telegram.runner)."""
    import asyncio

    from bot.store.ledger import Ledger
    from bot.telegram.app import ALLOWED_UPDATES
    from bot.telegram.runner import Runner

    runner = Runner(application, Ledger(ledger_path), webhook=webhook, allowed_updates=ALLOWED_UPDATES)
    stop = asyncio.Event()
    task = asyncio.create_task(runner.run(stop))
    started = asyncio.create_task(runner.started.wait())
    await asyncio.wait({task, started}, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        started.cancel()
        task.result()  # raise what stopped it
    application.bot_data["runner"] = runner  # tests may look at delivery state
    try:
        yield application
    finally:
        stop.set()
        await task


@pytest.fixture
async def start_bot(standin):
    """`await start_bot(settings)` builds and runs the real Application; it is stopped after the test."""
    from bot.telegram.app import build_application

    async with contextlib.AsyncExitStack() as stack:

        async def start(settings: Settings, *, webhook: dict | None = None, watch_interval: float = 0.1):
            application = build_application(settings, watch_interval=watch_interval)
            return await stack.enter_async_context(
                running(application, ledger_path=settings.db_path, webhook=webhook, standin=standin))

        yield start


@pytest.fixture
async def bot(start_bot, settings):
    """The bot, running against the stand-in with the fixture FAQ."""
    return await start_bot(settings)
