"""What the bot keeps about patients: masked questions and 👎, never who asked; no message in INFO logs."""

from __future__ import annotations

import logging
import sqlite3

from tests.small_faq import ENTRIES, SuggestingResponder
from tests.standin import GROUP, PATIENT

SAFE_Q, _, _ = ENTRIES["is-it-safe"]
FALLBACK_WITH_CONTACTS = "How much does parking cost? Call me on +44 7700 900123 or write to zeb.q@example.org"


async def converse(bot, standin) -> None:
    """A fallback, a suggestion, a group mention and a 👎, from a patient with distinctive details."""
    library = bot.bot_data["services"].library
    library.responder = SuggestingResponder(library.responder.faq)
    standin.push(standin.text(FALLBACK_WITH_CONTACTS))
    standin.push(standin.text(SuggestingResponder.AMBIGUOUS))
    standin.push(standin.text(f"@clinic_faq_bot {FALLBACK_WITH_CONTACTS}", chat=GROUP))
    standin.push(standin.text(SAFE_Q))
    answer = await standin.wait_for_sent(lambda c: c.buttons[:1] == [("👍", "y:is-it-safe")])
    standin.push(standin.press(answer.result, "n:is-it-safe"))
    await standin.wait_for_call("editMessageReplyMarkup")


async def test_stored_rows_are_masked_and_name_no_one(bot, standin, settings):
    await converse(bot, standin)
    db = sqlite3.connect(settings.db_path)
    # chats are answered side by side, so the group's row may come before the patient's second one
    rows = db.execute("SELECT outcome, question, entry_id FROM unanswered ORDER BY question").fetchall()
    masked = "How much does parking cost? Call me on [phone] or write to [email]"
    assert [row[1] for row in rows] == [masked, masked, SuggestingResponder.AMBIGUOUS]  # no @mention kept
    assert {rows[0][0], rows[1][0]} <= {"fallback", "suggest"}  # whichever the matcher decides
    assert rows[2] == ("suggest", SuggestingResponder.AMBIGUOUS, "post-procedure-headache")
    assert db.execute("SELECT entry_id FROM unhelpful").fetchall() == [("is-it-safe",)]


async def test_database_bytes_never_contain_who_asked(bot, standin, settings):
    await converse(bot, standin)
    bot.bot_data["services"].store.close()
    stored = b"".join(path.read_bytes() for path in settings.db_path.parent.iterdir())
    for value in (PATIENT["id"], GROUP["id"], PATIENT["username"], PATIENT["first_name"],
                  PATIENT["last_name"], GROUP["title"], "7700 900123", "7700900123", "zeb.q@example.org"):
        assert str(value).encode() not in stored, value


async def test_patient_messages_are_not_logged_at_info(bot, standin, caplog):
    caplog.set_level(logging.INFO)
    await converse(bot, standin)
    info = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert "parking" not in info and "Zebedee" not in info and str(PATIENT["id"]) not in info
