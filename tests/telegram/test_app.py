"""The Application as a whole: rate limits, flooding, logging, webhook mode, start and stop."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import logging
import os
import signal
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from bot.cli import main
from bot.settings import SettingsError
from bot.store import SqliteStore
from bot.telegram.app import file_url_for, run_bot, webhook_options
from bot.telegram.background import purge_periodically
from bot.telegram.logs import MASK, SecretRedactor, configure_logging
from tests.small_faq import ENTRIES
from tests.standin import OTHER_PATIENT, PATIENT, TOKEN

SAFE_Q, _, SAFE_A = ENTRIES["is-it-safe"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")  # raised inside PTB
async def test_429_is_retried_after_retry_after_and_the_reply_arrives(bot, standin):
    standin.fail_next("sendMessage", 1, retry_after=1)
    standin.push(standin.text(SAFE_Q))
    reply = await standin.wait_for_sent(timeout=6)
    refused = [c for c in standin.calls_to("sendMessage") if c.status == 429]
    assert len(refused) == 1
    assert SAFE_A in reply.text
    assert reply.at - refused[0].at >= 1.0  # retry_after honoured


async def test_flooding_chat_gets_one_slow_down_and_others_are_still_answered(start_bot, settings, standin):
    bot = await start_bot(dataclasses.replace(settings, chat_messages_per_minute=3))
    slow_down = bot.bot_data["services"].library.responder.faq.texts["slow_down"]
    for n in range(12):
        standin.push(standin.text(f"{SAFE_Q} ({n})"))
    standin.push(standin.text(SAFE_Q, user=OTHER_PATIENT))
    other = await standin.wait_for_sent(lambda c: c.chat_id == OTHER_PATIENT["id"])
    assert SAFE_A in other.text
    await standin.wait_for_sent(lambda c: c.text == slow_down)
    await asyncio.sleep(0.3)  # chats are answered side by side: let the rest of the flood be dropped
    flooder = [c.text for c in standin.sent(PATIENT["id"])]
    assert len(flooder) == 4
    assert flooder.count(slow_down) == 1 and flooder[-1] == slow_down


async def test_token_never_appears_in_logs_at_debug_level(start_bot, settings, standin, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="httpx")  # httpx logs request URLs, token included
    await start_bot(settings)
    standin.push(standin.text(SAFE_Q))
    await standin.wait_for_sent()
    secret_part = TOKEN.split(":", 1)[1]
    assert caplog.records
    for record in caplog.records:
        assert secret_part not in record.getMessage()
    assert secret_part not in caplog.text
    assert MASK in caplog.text  # the URLs were logged, redacted


def test_redactor_cleans_message_args_and_traceback():
    redactor = SecretRedactor({"123:SECRET"})
    try:
        raise RuntimeError("failed calling https://api.example/bot123:SECRET/getMe")
    except RuntimeError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "url %s", ("bot123:SECRET/x",),
                                   exc_info=__import__("sys").exc_info())
    assert redactor.filter(record)
    formatted = logging.Formatter().format(record)
    assert "SECRET" not in formatted
    assert "bot[token]/x" in formatted


def test_logging_setup_quietens_httpx(settings):
    loggers = [logging.getLogger(name) for name in ("httpx", "httpcore", "telegram.ext")]
    saved = [(lg.level, list(lg.filters)) for lg in loggers]
    try:
        configure_logging(settings)
        configure_logging(settings)
        assert loggers[0].level == logging.WARNING and loggers[1].level == logging.WARNING
        assert len(loggers[2].filters) == len(saved[2][1]) + 1
    finally:
        for lg, (level, filters) in zip(loggers, saved, strict=True):
            lg.setLevel(level)
            lg.filters[:] = filters


def test_base_file_url_follows_base_url():
    assert file_url_for("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"
    assert file_url_for("https://api.example/bot{token}") == "https://api.example/file/bot{token}"


def test_webhook_mode_needs_a_secret(settings):
    with pytest.raises(SettingsError, match="WEBHOOK_SECRET_TOKEN"):
        webhook_options(dataclasses.replace(settings, webhook_url="https://bot.example/tg"))
    options = webhook_options(dataclasses.replace(
        settings, webhook_url="https://bot.example/tg/hook", webhook_secret="s3cret", webhook_port=8443))
    assert options == {"listen": "127.0.0.1", "port": 8443, "url_path": "tg/hook",
                       "webhook_url": "https://bot.example/tg/hook", "secret_token": "s3cret",
                       "max_connections": 40}
    assert webhook_options(settings) is None


async def test_webhook_round_trip_rejects_requests_without_the_secret(start_bot, settings, standin):
    port = free_port()
    hooked = dataclasses.replace(settings, webhook_url="https://bot.example-clinic.test/telegram/hook",
                                 webhook_port=port, webhook_secret="Wh-s3cret_token")
    await start_bot(hooked, webhook=webhook_options(hooked))
    assert standin.webhook_url == hooked.webhook_url
    assert standin.calls_to("setWebhook")[-1].params["secret_token"] == "Wh-s3cret_token"
    url = f"http://127.0.0.1:{port}/telegram/hook"
    update = {"update_id": 1, **standin.text(SAFE_Q)}
    async with httpx.AsyncClient() as client:
        refused = await client.post(url, json=update)
        wrong = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"})
        accepted = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "Wh-s3cret_token"})
    assert refused.status_code == 403
    assert wrong.status_code == 403
    assert accepted.status_code == 200
    reply = await standin.wait_for_sent()
    assert SAFE_A in reply.text
    assert len(standin.sent()) == 1


@pytest.fixture
def own_event_loop():
    """run_bot runs its own loop (as `python -m bot run` does): give it one and clean up after."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    yield loop
    asyncio.set_event_loop(None)
    if not loop.is_closed():
        loop.close()


def test_rejected_token_exits_with_one_line(settings, own_event_loop, caplog):
    caplog.set_level(logging.INFO)
    assert run_bot(dataclasses.replace(settings, token="123456:RejectedByTelegram")) == 1
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in errors] == [
        "Telegram rejected TELEGRAM_BOT_TOKEN: check the token in .env (see .env.example)."
    ]
    assert not any(r.exc_info for r in errors)


def test_invalid_faq_at_start_exits_with_the_problems(settings, own_event_loop, caplog):
    (settings.faq_dir / "entries" / "risks.yaml").write_text("id: risks\nquestion: [unclosed\n")
    assert run_bot(settings) == 1
    assert any("risks.yaml:" in r.getMessage() for r in caplog.records)


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(), reason="needs signals")
def test_ctrl_c_stops_the_bot_cleanly(settings, standin, own_event_loop):
    def interrupt_once_polling() -> None:
        deadline = time.monotonic() + 10
        while not standin.arrived("getUpdates") and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=interrupt_once_polling, daemon=True).start()
    started = time.monotonic()
    assert run_bot(settings) == 0
    assert time.monotonic() - started < 5
    assert standin.calls_to("setMyCommands")


@pytest.mark.parametrize("token", [None, "not-a-token"])
def test_missing_or_malformed_token_exits_with_one_line(settings, monkeypatch, capsys, token):
    monkeypatch.setattr("bot.cli.load_settings", lambda: dataclasses.replace(settings, token=token))
    assert main(["run"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "TELEGRAM_BOT_TOKEN" in err and ".env.example" in err


async def test_retention_is_applied_periodically_even_when_idle(tmp_path):
    now = [dt.datetime(2026, 1, 1, tzinfo=dt.UTC)]
    store = SqliteStore(tmp_path / "db.sqlite3", retention_days=1, clock=lambda: now[0])
    task = asyncio.create_task(purge_periodically(store, every=0.01))
    await asyncio.sleep(0.03)  # the first pass has run, on an empty store
    store.record_unanswered("a question kept after the first pass", outcome="fallback", score=0, entry_id=None)
    assert len(store.unanswered()) == 1
    now[0] += dt.timedelta(days=2)  # no write from now on: only a later periodic pass can delete it
    for _ in range(200):
        if not store.unanswered():
            break
        await asyncio.sleep(0.01)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    assert store.unanswered() == []


@pytest.mark.parametrize("value", ["0", "101", "many"])
def test_webhook_max_connections_is_checked(value):
    from bot.settings import load_settings

    with pytest.raises(SettingsError, match="WEBHOOK_MAX_CONNECTIONS"):
        load_settings(env_file=Path(os.devnull), environ={"WEBHOOK_MAX_CONNECTIONS": value})
