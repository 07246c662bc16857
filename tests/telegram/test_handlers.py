"""Small pieces of the handlers: what part of a message the core sees, and what is addressed to the bot."""

from __future__ import annotations

import datetime as dt

from telegram import Chat, Message, User

from bot.telegram.handlers import addressed_text

BOT = User(7000000001, "Clinic FAQ", is_bot=True, username="clinic_faq_bot")
PATIENT = User(42, "Pat", is_bot=False)
GROUP = Chat(-100, Chat.SUPERGROUP, title="Group")
WHEN = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def message(text: str, chat: Chat = GROUP, reply_to: Message | None = None) -> Message:
    return Message(1, WHEN, chat, from_user=PATIENT, text=text, reply_to_message=reply_to)


def test_private_messages_are_always_addressed():
    private = Chat(42, Chat.PRIVATE)
    assert addressed_text(message("is it safe?", private), "clinic_faq_bot", BOT.id) == "is it safe?"


def test_group_message_without_mention_or_reply_is_not_addressed():
    assert addressed_text(message("is it safe?"), "clinic_faq_bot", BOT.id) is None
    assert addressed_text(message("ask @clinic_faq_bot_fan"), "clinic_faq_bot", BOT.id) is None


def test_mention_is_stripped_whatever_its_case_and_place():
    text = addressed_text(message("hey @Clinic_FAQ_Bot is it safe?"), "clinic_faq_bot", BOT.id)
    assert text == "hey is it safe?"


def test_reply_to_the_bot_is_addressed():
    bots_message = Message(2, WHEN, GROUP, from_user=BOT, text="An answer")
    assert addressed_text(message("and after?", reply_to=bots_message), "clinic_faq_bot", BOT.id) == "and after?"
    someone = Message(3, WHEN, GROUP, from_user=PATIENT, text="hello")
    assert addressed_text(message("and after?", reply_to=someone), "clinic_faq_bot", BOT.id) is None
