"""Reloading the FAQ without a restart: on a file change, and on /reload from an admin."""

from __future__ import annotations

import asyncio
import gc

from bot.chat.reloading import FaqLibrary, FolderWatcher, freeze_loaded, snapshot
from tests.small_faq import ENTRIES, write_entry
from tests.standin import ADMIN, PATIENT, Call

SAFE_Q, _, SAFE_A = ENTRIES["is-it-safe"]
PARKING_Q = "Where can I park at the clinic?"
PARKING_A = "There is free parking behind the clinic, by the staff entrance."


def to(user: dict):
    return lambda call: call.chat_id == user["id"]


async def ask(standin, text: str, user: dict = PATIENT) -> Call:
    before = len(standin.calls)
    standin.push(standin.text(text, user=user))
    return await standin.wait_for_sent(to(user), after=before)


def break_entry(faq_dir) -> None:
    path = faq_dir / "entries" / "risks.yaml"
    path.write_text(path.read_text() + "colour: blue\n")


async def test_invalid_edit_keeps_last_good_faq_and_tells_admins_then_valid_edit_is_served(bot, standin, settings):
    break_entry(settings.faq_dir)
    alert = await standin.wait_for_sent(to(ADMIN), timeout=5)
    assert "not reloaded" in alert.text
    assert "faq/entries/risks.yaml:" in alert.text and "unknown key 'colour'" in alert.text
    assert SAFE_A in (await ask(standin, SAFE_Q)).text  # still the last good FAQ

    before = len(standin.calls)
    write_entry(settings.faq_dir, "parking", PARKING_Q, [], PARKING_A)  # the folder is still broken...
    write_entry(settings.faq_dir, "risks", *ENTRIES["risks"])  # ...until this fix
    fixed = await standin.wait_for_sent(to(ADMIN), timeout=5, after=before)
    assert fixed.text == "Reloaded: 5 entries"
    assert PARKING_A in (await ask(standin, PARKING_Q)).text


async def test_valid_edit_is_served_without_telling_admins(bot, standin, settings):
    write_entry(settings.faq_dir, "parking", PARKING_Q, [], PARKING_A)
    library = bot.bot_data["services"].library
    for _ in range(100):
        if library.responder.faq.entry("parking"):
            break
        await asyncio.sleep(0.05)
    assert PARKING_A in (await ask(standin, PARKING_Q)).text
    assert standin.sent(ADMIN["id"]) == []


async def test_reload_from_admin_reports_entries(start_bot, settings, standin):
    await start_bot(settings, watch_interval=60)  # only /reload, no watcher in the way
    write_entry(settings.faq_dir, "parking", PARKING_Q, [], PARKING_A)
    assert (await ask(standin, "/reload", user=ADMIN)).text == "Reloaded: 5 entries"
    assert PARKING_A in (await ask(standin, PARKING_Q)).text


async def test_reload_from_admin_reports_errors_and_keeps_serving(start_bot, settings, standin):
    await start_bot(settings, watch_interval=60)
    break_entry(settings.faq_dir)
    reply = await ask(standin, "/reload", user=ADMIN)
    assert "still serving the last good version (4 entries)" in reply.text
    assert "risks.yaml:" in reply.text
    assert SAFE_A in (await ask(standin, SAFE_Q)).text


async def test_reload_from_a_stranger_is_refused_politely(start_bot, settings, standin):
    bot = await start_bot(settings, watch_interval=60)
    library = bot.bot_data["services"].library
    serving = library.responder
    reply = await ask(standin, "/reload")
    assert reply.text == "Sorry, /reload is only for clinic staff."
    assert library.responder is serving


async def test_library_swaps_whole_responder_only_when_valid(faq_dir):
    library = FaqLibrary.load(faq_dir)
    first = library.responder
    break_entry(faq_dir)
    failed = await library.reload()
    assert not failed.ok and failed.problems and library.responder is first
    write_entry(faq_dir, "risks", *ENTRIES["risks"])
    assert (await library.reload()).ok and library.responder is not first


async def test_watcher_calls_back_once_a_change_has_settled(faq_dir):
    changes = []

    async def on_change() -> None:
        changes.append(snapshot(faq_dir))

    watcher = FolderWatcher(faq_dir, on_change, interval=0.02)
    watcher.start()
    while watcher.looks < 3:  # three looks at an unchanged folder...
        await asyncio.sleep(0.01)
    assert changes == []  # ...call nothing back
    (faq_dir / "texts.yaml").write_text((faq_dir / "texts.yaml").read_text() + "\n")
    (faq_dir / ".texts.yaml.swp").write_text("editor noise")
    for _ in range(100):
        if changes:
            break
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.1)
    await watcher.stop()
    assert len(changes) == 1
    assert ".texts.yaml.swp" not in changes[0]


async def test_loaded_faq_is_kept_out_of_collections_yet_a_replaced_one_is_freed(faq_dir):
    library = FaqLibrary.load(faq_dir)
    freeze_loaded()  # as the bot does once loaded
    assert gc.get_freeze_count() > 1000  # the FAQ, its indexes and the models: never walked by a collection
    frozen = []
    for _ in range(4):
        assert (await library.reload()).ok
        frozen.append(gc.get_freeze_count())
    # each reload builds a new Responder; the old one is thawed and freed, not frozen for good (a leak a reload)
    assert frozen[-1] - frozen[0] < 200, frozen
