"""Staff on Telegram, end to end against the Bot API stand-in: the admin's /report, the weekly digest sent
unprompted, and content warnings after a reload, all as plain text."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from bot.store import SqliteStore, utc_now
from bot.telegram import staff
from bot.telegram.staff import DIGEST_TITLE, digest_week
from tests.small_faq import ENTRIES
from tests.standin import ADMIN, PATIENT, Call

SAFE_Q, _, _ = ENTRIES["is-it-safe"]


def to(user: dict):
    return lambda call: call.chat_id == user["id"]


async def ask(standin, text: str, user: dict = PATIENT) -> Call:
    before = len(standin.calls)
    standin.push(standin.text(text, user=user))
    return await standin.wait_for_sent(to(user), after=before)


async def test_admin_report_counts_this_weeks_replies_and_lists_the_questions(bot, standin):
    await ask(standin, "thanks!")  # small talk: not counted
    await ask(standin, SAFE_Q)  # an answer
    await ask(standin, "can I bring my dog to the appointment? call me on 07700 900123")  # no checked answer
    await ask(standin, "I have had a fever since my injection")  # urgent

    for _ in range(50):  # replies are counted just after they are sent, by concurrent workers
        report = (await ask(standin, "/report", user=ADMIN)).text
        if "urgent replies: 1" in report and "answers: 1" in report and "no checked answer: 1" in report:
            break
        await asyncio.sleep(0.05)
    assert report.startswith("Weekly report, ")
    assert "  answers: 1 (week before: 0, +1)" in report
    assert "  no checked answer: 1 (week before: 0, +1)" in report
    assert "  urgent replies: 1 (week before: 0, +1)" in report
    assert "  suggestions: 0 (week before: 0, no change)" in report
    assert "1 × can I bring my dog to the appointment? call me on [phone]" in report
    assert "07700" not in report and PATIENT["first_name"] not in report and str(PATIENT["id"]) not in report
    assert "`" not in report and standin.sent(ADMIN["id"])[-1].params.get("parse_mode") is None


async def test_patient_asking_for_the_report_is_refused_politely(bot, standin):
    assert (await ask(standin, "/report")).text == "Sorry, /report is only for clinic staff."


async def test_thumbs_down_show_by_entry_in_the_report(bot, standin):
    answer = await ask(standin, SAFE_Q)
    [[_, down]] = answer.params["reply_markup"]["inline_keyboard"]
    standin.push(standin.press(answer.result, down["callback_data"]))
    await standin.wait_for_call("answerCallbackQuery")
    for _ in range(50):
        if "is-it-safe: 1 (week before: 0)" in (report := (await ask(standin, "/report", user=ADMIN)).text):
            break
        await asyncio.sleep(0.05)
    assert "is-it-safe: 1 (week before: 0)" in report


def next_monday_morning(now: dt.datetime) -> dt.datetime:
    monday = now.date() + dt.timedelta(days=7 - now.weekday())
    return dt.datetime.combine(monday, dt.time(staff.DIGEST_HOUR, 30), tzinfo=dt.UTC)


async def test_weekly_digest_goes_to_admins_unprompted_once(start_bot, settings, standin, monkeypatch):
    store = SqliteStore(settings.db_path, retention_days=90)
    store.mark_digest_sent(digest_week(utc_now()))  # the bot has been running: this week's digest went out
    store.count_reply("answer")
    store.record_unanswered("do I need someone to drive me home", outcome="fallback", score=10, entry_id=None)
    store.close()
    monday = next_monday_morning(utc_now())
    monkeypatch.setattr(staff, "utc_now", lambda: monday)

    application = await start_bot(settings)
    digest = await standin.wait_for_sent(to(ADMIN), timeout=5)
    assert digest.text.startswith(DIGEST_TITLE)
    assert "  answers: 1 (week before: 0, +1)" in digest.text
    assert "do I need someone to drive me home" in digest.text
    assert standin.sent(PATIENT["id"]) == []

    await staff.send_digest_if_due(application, monday)  # the next look at the clock
    assert len(standin.sent(ADMIN["id"])) == 1


async def test_a_new_bot_sends_no_digest_about_days_it_never_saw(bot, standin):
    await ask(standin, SAFE_Q)
    assert standin.sent(ADMIN["id"]) == []
    svc = bot.bot_data["services"]
    for _ in range(200):
        if svc.store.last_digest_week() is not None:
            break
        await asyncio.sleep(0.01)
    assert svc.store.last_digest_week() == digest_week(utc_now())  # the first digest is next week's


@pytest.mark.parametrize(("now", "week"), [
    (dt.datetime(2026, 11, 30, 7, 59, tzinfo=dt.UTC), dt.date(2026, 11, 23)),  # Monday, before the hour
    (dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC), dt.date(2026, 11, 30)),
    (dt.datetime(2026, 12, 6, 23, 0, tzinfo=dt.UTC), dt.date(2026, 11, 30)),  # Sunday
])
def test_the_digest_is_due_from_monday_morning(now: dt.datetime, week: dt.date) -> None:
    assert digest_week(now) == week


async def test_a_reload_with_a_new_warning_tells_admins_in_plain_text(bot, standin, settings):
    draft = settings.faq_dir / "entries" / "parking.yaml"
    draft.write_text("id: parking\nquestion: Where can I park?\nalternates:\n  - parking\nanswer: Behind the clinic.\n"
                     "source: Clinic leaflet\n", encoding="utf-8")
    alert = await standin.wait_for_sent(to(ADMIN), timeout=5)
    assert alert.text.startswith("Reloaded: 4 entries, with 1 warning. Patients are served, but these lines")
    assert "faq/entries/parking.yaml:1: warning: 'parking' is a draft" in alert.text
    assert "`" not in alert.text


async def test_reload_failure_message_has_no_markup(bot, standin, settings):
    path = settings.faq_dir / "entries" / "risks.yaml"
    path.write_text(path.read_text() + "colour: blue\n")
    alert = await standin.wait_for_sent(to(ADMIN), timeout=5)
    assert "not reloaded" in alert.text and "(python -m bot check shows them too)" in alert.text
    assert "`" not in alert.text

