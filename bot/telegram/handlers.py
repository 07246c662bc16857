"""The handlers: each turns an update into one call to the core and sends what the core decided.

Nothing here decides what to answer. Replies are sent as plain text (no parse mode), so staff text
is shown exactly as written.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Sequence

from telegram import CallbackQuery, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.chat.reloading import describe
from bot.chat.session import Outgoing
from bot.core import replies
from bot.core.knowledge import Entry
from bot.core.pipeline import Reply
from bot.telegram import keyboards
from bot.telegram.sending import current_attempt, is_transient
from bot.telegram.services import services

logger = logging.getLogger(__name__)

RELOAD_REFUSED = "Sorry, /reload is only for clinic staff."

Context = ContextTypes.DEFAULT_TYPE


def addressed_text(message: Message, bot_username: str, bot_id: int) -> str | None:
    """The text (or caption) meant for the bot, mention removed; None for a group message not addressed to it.

    In a private chat that is every text. In a group only a message mentioning @bot_username or
    replying to one of the bot's messages.
    """
    text = message.text or message.caption or ""
    if message.chat.type == ChatType.PRIVATE:
        return text
    mention = re.compile(rf"@{re.escape(bot_username)}\b", re.IGNORECASE) if bot_username else None
    mentioned = bool(mention and mention.search(text))
    reply_to = message.reply_to_message
    replying = bool(reply_to and reply_to.from_user and reply_to.from_user.id == bot_id)
    if not (mentioned or replying):
        return None
    return " ".join(mention.sub(" ", text).split()) if mention else text


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None  # every handler here is for updates that come from a chat
    return chat.id


def _message(update: Update) -> Message:
    message = update.effective_message
    assert message is not None  # the message handlers' filters let only updates with a message through
    return message


def _query(update: Update) -> tuple[CallbackQuery, str]:
    """The button press and its callback data ("" if Telegram sent none)."""
    query = update.callback_query
    assert query is not None  # CallbackQueryHandler only calls with a callback query
    return query, query.data or ""


async def _deliver(context: Context, update: Update, outgoing: Outgoing | None, *, quote: bool = True) -> None:
    """Send what the session decided, with 👍/👎 under an answer and buttons under a suggestion or /topics;
    keep a question the FAQ could not answer for the staff report."""
    if outgoing is None:  # flooding: stay quiet
        return
    svc = services(context)
    responder = svc.library.responder
    reply = outgoing.reply
    markup = None
    text = outgoing.text
    if outgoing.topics:
        markup = keyboards.topics_keyboard(outgoing.topics, 0)
        text = _topics_text(text, outgoing.topics, 0)
    elif reply is not None and reply.kind == "answer" and reply.faq_id:
        markup = keyboards.feedback_keyboard(reply.faq_id)
    elif reply is not None and reply.kind == "suggest":
        entries = [e for e in map(responder.faq.entry, reply.suggestions) if e is not None]
        markup = keyboards.suggestions_keyboard(entries) if entries else None
    message = update.effective_message if quote else None
    if message is not None and update.callback_query is None:
        await message.reply_text(text, reply_markup=markup)
    else:
        await context.bot.send_message(_chat_id(update), text, reply_markup=markup)
    if reply is not None and outgoing.question is not None:
        await _keep_unanswered(context, outgoing.question, reply)


async def _keep_unanswered(context: Context, question: str, reply: Reply) -> None:
    """Count the reply and store a fallback or suggestion for the staff report; a storage failure never
    reaches the patient."""
    if reply.reason != "small_talk":  # the weekly counts: answers, suggestions, fallbacks, urgent; no text, no ids
        try:
            await asyncio.to_thread(services(context).store.count_reply,
                                    "urgent" if reply.kind == "emergency" else reply.kind)
        except Exception:
            logger.exception("Could not count a reply")
    if not reply.is_gap:  # an answer, an urgent reply or small talk ("thanks!") is no gap in the FAQ
        return
    entry_id = reply.suggestions[0] if reply.suggestions else reply.nearest
    try:
        await asyncio.to_thread(
            services(context).store.record_unanswered,
            question, outcome=reply.kind, score=reply.score, entry_id=entry_id,
        )
    except Exception:
        logger.exception("Could not store an unanswered question")


async def start(update: Update, context: Context) -> None:
    """Send the welcome, or answer the entry a deep link names (/start post-procedure-headache)."""
    outgoing = services(context).conversations.command(_chat_id(update), "start", context.args or ())
    await _deliver(context, update, outgoing)


async def help_command(update: Update, context: Context) -> None:
    """Send the help text (also the reply to a command the bot does not know)."""
    await _deliver(context, update, services(context).conversations.command(_chat_id(update), "help"))


async def topics(update: Update, context: Context) -> None:
    """Show every entry as a numbered list with buttons, a page of buttons at a time."""
    await _deliver(context, update, services(context).conversations.command(_chat_id(update), "topics"))


async def topics_page(update: Update, context: Context) -> None:
    """Turn the /topics message to another page."""
    query, data = _query(update)
    await query.answer()
    faq = services(context).library.responder.faq
    entries = faq.topics_in_order()
    _, value = keyboards.split_data(data)
    page = int(value) if value.isdigit() else 0
    with contextlib.suppress(BadRequest):  # "message is not modified" after a double tap
        await query.edit_message_text(
            _topics_text(replies.topics_text(faq, entries), entries, page),
            reply_markup=keyboards.topics_keyboard(entries, page),
        )


def _topics_text(listing: str, entries: Sequence[Entry], page: int) -> str:
    pages = keyboards.page_count(entries)
    if pages == 1:
        return listing
    return replies.fit(f"{listing}\n\n(buttons: page {min(max(page, 0), pages - 1) + 1} of {pages})")


async def answer_button(update: Update, context: Context) -> None:
    """Answer the entry a button names (a suggestion or a topic)."""
    query, data = _query(update)
    await query.answer()
    svc = services(context)
    _, ref = keyboards.split_data(data)
    entry = keyboards.find_entry(ref, svc.library.responder.faq.entries)
    outgoing = svc.conversations.choose(_chat_id(update), entry.id if entry else ref)
    await _deliver(context, update, outgoing, quote=False)


async def feedback_button(update: Update, context: Context) -> None:
    """Thank for a 👍 / 👎 and keep the 👎 for staff."""
    query, data = _query(update)
    svc = services(context)
    await query.answer(svc.library.responder.faq.texts["feedback_thanks"])
    action, ref = keyboards.split_data(data)
    if action == keyboards.UNHELPFUL:
        entry = keyboards.find_entry(ref, svc.library.responder.faq.entries)
        try:
            await asyncio.to_thread(svc.store.record_unhelpful, entry.id if entry else ref)
        except Exception:
            logger.exception("Could not store a 👎")
    # One vote per answer: take the buttons away once pressed.
    with contextlib.suppress(TelegramError):
        await query.edit_message_reply_markup(reply_markup=None)


async def text_message(update: Update, context: Context) -> None:
    """Answer a typed question, or an edited one, with what the session decided."""
    text = addressed_text(_message(update), context.bot.username, context.bot.id)
    if text is None:
        return
    # Matching a large FAQ takes a millisecond of CPU: off the event loop all the same.
    outgoing = await asyncio.to_thread(services(context).conversations.message, _chat_id(update), text)
    await _deliver(context, update, outgoing)


async def non_text(update: Update, context: Context) -> None:
    """A photo, video, document, voice note or sticker: its caption is read like a message (urgent ones too);
    without one, a reply asking for typed words that says what to do if it is urgent."""
    caption = addressed_text(_message(update), context.bot.username, context.bot.id)
    if caption is None:  # a group message not meant for the bot
        return
    conversations = services(context).conversations
    outgoing = await asyncio.to_thread(conversations.attachment, _chat_id(update), caption)
    await _deliver(context, update, outgoing)


async def reload_command(update: Update, context: Context) -> None:
    """Reload the FAQ folder now for an admin; refuse anyone else politely."""
    svc = services(context)
    user = update.effective_user
    if user is None or user.id not in svc.admin_ids:
        await _message(update).reply_text(RELOAD_REFUSED)
        return
    result = await svc.library.reload()
    await _message(update).reply_text(describe(result, svc.library.folder))


async def error_handler(update: object, context: Context) -> None:
    """Log the error in one line (a traceback only for a bug) and apologise, unless the answer may
    already have reached the patient or Telegram cannot be reached anyway.

    A network failure or 429 that outlasted the retries (bot.telegram.sending, which logged it) leaves
    the update unconfirmed: bot.telegram.delivery answers it again later, so no apology is due.
    """
    error = context.error
    attempt = current_attempt()
    if attempt is not None:
        attempt.error = error  # tells Delivery whether to try this update again
    update_id = update.update_id if isinstance(update, Update) else None
    if is_transient(error):
        if attempt is None:
            logger.warning("Telegram unreachable outside an update: %s", error)
        return
    if isinstance(error, Forbidden):  # the patient blocked the bot: nothing can be sent
        logger.warning("Update %s: Telegram refused the reply (%s)", update_id, error)
        return
    if isinstance(error, BadRequest):
        logger.error("Update %s: Telegram refused a request (%s)", update_id, error)
    else:
        logger.error("Error while handling update %s", update_id, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if attempt is not None and attempt.may_have_reached:
        return  # a reply may be on the patient's screen: an apology after it would confuse
    with contextlib.suppress(TelegramError):  # if Telegram itself is failing, the log is all we can do
        texts = services(context).library.responder.faq.texts
        await context.bot.send_message(update.effective_chat.id, texts["error"])
