"""Exactly-once delivery, end to end: the real Application and Runner against the Bot API stand-in.

An update is confirmed to Telegram only once answered; a reply that meets 5xx is retried, without
an apology; a redelivered update already answered is not answered again; urgent messages overtake
the backlog; a stop leaves what is unanswered for the next start; network loss is one log line.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import socket

import httpx

from bot.store.ledger import Ledger
from bot.telegram import handlers
from bot.telegram.app import build_application, webhook_options
from bot.telegram.delivery import WORKERS
from tests.conftest import running
from tests.small_faq import ENTRIES
from tests.standin import PATIENT

SAFE_Q, _, SAFE_A = ENTRIES["is-it-safe"]
URGENT = "I have a fever since my injection yesterday"


def patient(n: int) -> dict:
    return {"id": 800_000_000 + n, "is_bot": False, "first_name": f"Patient{n}"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def offsets(standin) -> list[int]:
    return [c.params.get("offset") or 0 for c in standin.calls_to("getUpdates")]


async def test_update_is_confirmed_only_once_its_reply_was_sent(bot, standin):
    standin.fail_next("sendMessage", 2, status=502)
    update = standin.push(standin.text(SAFE_Q))
    reply = await standin.wait_for_sent(timeout=10)
    polls_before_reply = [c for c in standin.calls_to("getUpdates") if c.at < reply.at]
    assert all((c.params.get("offset") or 0) <= update["update_id"] for c in polls_before_reply)
    for _ in range(100):  # the next poll confirms it: Telegram forgets it
        if not standin.pending_updates():
            break
        await asyncio.sleep(0.05)
    assert standin.pending_updates() == []


async def test_5xx_on_the_reply_is_retried_and_no_apology_is_sent(bot, standin):
    standin.fail_next("sendMessage", 3, status=500)
    standin.push(standin.text(SAFE_Q))
    reply = await standin.wait_for_sent(timeout=15)
    assert SAFE_A in reply.text
    await asyncio.sleep(0.3)
    assert [c.status for c in standin.calls_to("sendMessage")] == [500, 500, 500, 200]
    assert len(standin.sent(PATIENT["id"])) == 1  # the answer, and no "sorry, something went wrong"


async def test_update_answered_before_a_crash_is_not_answered_again(start_bot, settings, standin):
    answered = standin.push(standin.text(SAFE_Q))
    waiting = standin.push(standin.text(SAFE_Q, user=patient(1)))
    Ledger(settings.db_path).record(answered["update_id"])  # answered, then killed before confirming
    await start_bot(settings)
    await standin.wait_for_sent(lambda c: c.chat_id == patient(1)["id"])
    await asyncio.sleep(0.5)
    assert standin.sent(PATIENT["id"]) == []
    assert len(standin.sent(patient(1)["id"])) == 1
    assert waiting["update_id"] in Ledger(settings.db_path).answered([waiting["update_id"]])


async def test_urgent_message_overtakes_the_backlog(start_bot, settings, standin):
    for n in range(60):
        standin.push(standin.text(SAFE_Q, user=patient(n)))
    standin.push(standin.text(URGENT))  # last in, behind 60 ordinary questions
    await start_bot(settings)
    await standin.wait_for_sent(lambda c: c.chat_id == PATIENT["id"], timeout=10)
    order = [c.chat_id for c in standin.sent()]
    assert order.index(PATIENT["id"]) <= WORKERS  # only the replies already in flight went before it


async def test_stop_leaves_the_unanswered_update_for_the_next_start(tmp_path, settings, standin):
    standin.fail_next("sendMessage", 10_000, status=502)  # Telegram keeps failing our replies
    update = standin.push(standin.text(SAFE_Q))
    async with running(build_application(settings, watch_interval=0.1), ledger_path=settings.db_path):
        await standin.wait_for_call("getUpdates", lambda c: c.params.get("offset") == update["update_id"])
        await asyncio.sleep(0.5)
    assert [u["update_id"] for u in standin.pending_updates()] == [update["update_id"]]
    assert not Ledger(settings.db_path).answered([update["update_id"]])
    standin.fail_next("sendMessage", 0)
    standin._state.failures.clear()
    async with running(build_application(settings, watch_interval=0.1), ledger_path=settings.db_path):
        reply = await standin.wait_for_sent(timeout=10)
    assert SAFE_A in reply.text
    assert len(standin.sent()) == 1


async def test_refused_reply_is_confirmed_without_an_apology(bot, standin, monkeypatch, caplog):
    from telegram.error import Forbidden

    async def blocked(*args, **kwargs):
        raise Forbidden("Forbidden: bot was blocked by the user")

    monkeypatch.setattr(handlers, "_deliver", blocked)
    update = standin.push(standin.text(SAFE_Q))
    for _ in range(100):
        if not standin.pending_updates():
            break
        await asyncio.sleep(0.05)
    assert standin.pending_updates() == []
    assert standin.sent() == []
    lines = [r for r in caplog.records if str(update["update_id"]) in r.getMessage()]
    assert len(lines) == 1 and not lines[0].exc_info


async def test_error_after_the_answer_was_sent_gets_no_apology(bot, standin, monkeypatch):
    async def broken(*args, **kwargs):
        raise RuntimeError("storage bug after the reply")

    monkeypatch.setattr(handlers, "_keep_unanswered", broken)
    standin.push(standin.text(SAFE_Q))
    reply = await standin.wait_for_sent()
    await asyncio.sleep(0.5)
    assert SAFE_A in reply.text
    assert len(standin.sent()) == 1


async def test_failed_send_is_one_line_with_the_update_id_and_no_text(bot, standin, caplog, monkeypatch):
    monkeypatch.setattr("bot.telegram.sending.ORDINARY_BUDGET", 0.5)
    monkeypatch.setattr("bot.telegram.delivery.ORDINARY_BUDGET", 0.5)
    standin.fail_next("sendMessage", 10_000, status=502)
    update = standin.push(standin.text(SAFE_Q))
    await standin.wait_for_call("getUpdates", lambda c: c.params.get("offset") == update["update_id"])
    for _ in range(100):
        if any("failed after" in r.getMessage() for r in caplog.records):
            break
        await asyncio.sleep(0.05)
    failed = [r for r in caplog.records if "failed after" in r.getMessage()]
    assert failed and str(update["update_id"]) in failed[0].getMessage()
    assert not failed[0].exc_info and "safe" not in failed[0].getMessage()
    assert standin.sent() == []  # no apology while Telegram is failing


async def test_an_outage_of_getupdates_is_one_line_each_way(bot, standin, caplog):
    caplog.set_level(logging.INFO)
    standin.fail_next("getUpdates", 3, status=502)
    await asyncio.sleep(0.1)
    standin.push(standin.text(SAFE_Q))
    await standin.wait_for_sent(timeout=15)
    lost = [r for r in caplog.records if "cannot reach Telegram" in r.getMessage()]
    back = [r for r in caplog.records if "reachable again" in r.getMessage()]
    assert len(lost) == 1 and len(back) == 1
    assert not any(r.exc_info for r in caplog.records if r.levelno >= logging.WARNING)


async def test_no_network_at_start_is_one_line_and_it_connects_once_back(settings, standin, caplog):
    caplog.set_level(logging.INFO)
    standin.fail_next("getMe", 2, status=502)
    standin.push(standin.text(SAFE_Q))
    async with running(build_application(settings, watch_interval=0.1), ledger_path=settings.db_path):
        reply = await standin.wait_for_sent(timeout=15)
    assert SAFE_A in reply.text
    lost = [r for r in caplog.records if "cannot reach Telegram" in r.getMessage()]
    assert len(lost) == 1 and lost[0].getMessage().startswith("Connecting")
    assert not any(r.exc_info for r in caplog.records if r.levelno >= logging.WARNING)


async def test_webhook_answers_200_only_after_the_reply_and_once_per_update(start_bot, settings, standin):
    port = free_port()
    hooked = dataclasses.replace(settings, webhook_url="https://bot.example-clinic.test/hook",
                                 webhook_port=port, webhook_secret="s3cret")
    await start_bot(hooked, webhook=webhook_options(hooked))
    standin.fail_next("sendMessage", 2, status=502)
    update = {"update_id": 5000, **standin.text(SAFE_Q)}
    headers = {"X-Telegram-Bot-Api-Secret-Token": "s3cret"}
    async with httpx.AsyncClient(timeout=30) as client:
        ready = await client.get(f"http://127.0.0.1:{port}/ready")
        first = await client.post(f"http://127.0.0.1:{port}/hook", json=update, headers=headers)
        replies_when_confirmed = len(standin.sent())
        again = await client.post(f"http://127.0.0.1:{port}/hook", json=update, headers=headers)  # redelivery
    assert ready.status_code == 200
    assert first.status_code == 200 and replies_when_confirmed == 1
    assert again.status_code == 200
    await asyncio.sleep(0.3)
    assert len(standin.sent()) == 1


async def test_webhook_is_not_ready_before_start_or_while_stopping(settings, standin):
    port = free_port()
    hooked = dataclasses.replace(settings, webhook_url="https://bot.example-clinic.test/hook",
                                 webhook_port=port, webhook_secret="s3cret")
    application = build_application(hooked, watch_interval=0.1)
    async with running(application, ledger_path=settings.db_path, webhook=webhook_options(hooked)):
        runner = application.bot_data["runner"]
        assert runner.server.ready
    assert not runner.server.ready


async def test_a_single_failed_poll_is_not_an_outage(bot, standin, caplog):
    caplog.set_level(logging.INFO)
    standin.fail_next("getUpdates", 1, status=502)
    await asyncio.sleep(0.1)
    standin.push(standin.text(SAFE_Q))
    await standin.wait_for_sent(timeout=10)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
