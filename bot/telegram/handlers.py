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

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ContextTypes

from bot.chat.flood import Verdict
from bot.chat.reloading import describe
from bot.core.knowledge import Entry
from bot.core.pipeline import Reply, Responder, is_small_talk
from bot.telegram import keyboards
from bot.telegram.sending import current_attempt, is_transient
from bot.telegram.services import services

logger = logging.getLogger(__name__)

TOPICS_TEXT = "Tap a question to see its answer."
RELOAD_REFUSED = "Sorry, /reload is only for clinic staff."

Context = ContextTypes.DEFAULT_TYPE


def addressed_text(message: Message, bot_username: str, bot_id: int) -> str | None:
    """The text meant for the bot, mention removed; None for a group message not addressed to it.

    In a private chat that is every text. In a group only a message mentioning @bot_username or
    replying to one of the bot's messages.
    """
    text = message.text or ""
    if message.chat.type == ChatType.PRIVATE:
        return text
    mention = re.compile(rf"@{re.escape(bot_username)}\b", re.IGNORECASE) if bot_username else None
    mentioned = bool(mention and mention.search(text))
    reply_to = message.reply_to_message
    replying = bool(reply_to and reply_to.from_user and reply_to.from_user.id == bot_id)
    if not (mentioned or replying):
        return None
    return " ".join(mention.sub(" ", text).split()) if mention else text


async def _admitted(update: Update, context: Context) -> bool:
    """Apply the per-chat flood limit; the first message over it gets the one slow-down reply."""
    svc = services(context)
    verdict = svc.flood.admit(update.effective_chat.id)
    if verdict is Verdict.WARN:
        await context.bot.send_message(update.effective_chat.id, svc.library.responder.faq.texts["slow_down"])
    return verdict is Verdict.ANSWER


async def _send(context: Context, chat_id: int, reply: Reply, responder: Responder,
                message: Message | None = None) -> None:
    """Send the core's reply, with 👍/👎 under an answer and "Did you mean" buttons under a suggestion."""
    markup = None
    if reply.kind == "answer" and reply.faq_id:
        markup = keyboards.feedback_keyboard(reply.faq_id)
    elif reply.kind == "suggest":
        entries = [e for e in map(responder.faq.entry, reply.suggestions) if e is not None]
        markup = keyboards.suggestions_keyboard(entries) if entries else None
    if message is not None:
        await message.reply_text(reply.text, reply_markup=markup)
    else:
        await context.bot.send_message(chat_id, reply.text, reply_markup=markup)


async def _keep_unanswered(context: Context, question: str, reply: Reply) -> None:
    """Store a fallback or suggestion for the staff report; a storage failure never reaches the patient."""
    if reply.kind not in ("fallback", "suggest") or is_small_talk(question):  # "thanks!" is no gap in the FAQ
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
    if not await _admitted(update, context):
        return
    responder = services(context).library.responder
    if context.args:
        reply = responder.answer_entry(context.args[0])
        if reply is not None:
            await _send(context, update.effective_chat.id, reply, responder, update.effective_message)
            return
    await update.effective_message.reply_text(responder.faq.texts["welcome"])


async def help_command(update: Update, context: Context) -> None:
    """Send the help text."""
    if await _admitted(update, context):
        await update.effective_message.reply_text(services(context).library.responder.faq.texts["help"])


async def topics(update: Update, context: Context) -> None:
    """Show every entry as a button, a page at a time."""
    if not await _admitted(update, context):
        return
    entries = services(context).library.responder.faq.entries
    await update.effective_message.reply_text(
        _topics_text(entries, 0), reply_markup=keyboards.topics_keyboard(entries, 0)
    )


async def topics_page(update: Update, context: Context) -> None:
    """Turn the /topics message to another page."""
    query = update.callback_query
    await query.answer()
    entries = services(context).library.responder.faq.entries
    _, value = keyboards.split_data(query.data)
    page = int(value) if value.isdigit() else 0
    with contextlib.suppress(BadRequest):  # "message is not modified" after a double tap
        await query.edit_message_text(
            _topics_text(entries, page), reply_markup=keyboards.topics_keyboard(entries, page)
        )


def _topics_text(entries: Sequence[Entry], page: int) -> str:
    pages = keyboards.page_count(entries)
    if pages == 1:
        return TOPICS_TEXT
    return f"{TOPICS_TEXT} (page {min(max(page, 0), pages - 1) + 1} of {pages})"


async def answer_button(update: Update, context: Context) -> None:
    """Answer the entry a button names (a suggestion or a topic)."""
    query = update.callback_query
    await query.answer()
    if not await _admitted(update, context):
        return
    responder = services(context).library.responder
    _, ref = keyboards.split_data(query.data)
    entry = keyboards.find_entry(ref, responder.faq.entries)
    reply = responder.answer_entry(entry.id) if entry else None
    if reply is None:
        await context.bot.send_message(update.effective_chat.id, responder.faq.texts["unknown_entry"])
        return
    await _send(context, update.effective_chat.id, reply, responder)


async def feedback_button(update: Update, context: Context) -> None:
    """Thank for a 👍 / 👎 and keep the 👎 for staff."""
    query = update.callback_query
    svc = services(context)
    await query.answer(svc.library.responder.faq.texts["feedback_thanks"])
    action, ref = keyboards.split_data(query.data)
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
    """Answer a typed question, or an edited one, with the core's reply."""
    message = update.effective_message
    text = addressed_text(message, context.bot.username, context.bot.id)
    if text is None or not await _admitted(update, context):
        return
    responder = services(context).library.responder  # the FAQ of this moment, even if a reload swaps it
    if not text.strip():  # just "@clinic_faq_bot": say how to ask
        await message.reply_text(responder.faq.texts["help"])
        return
    # The core bounds what it reads of a long message (bot.core.normalise); matching a large FAQ takes
    # milliseconds of CPU, so it runs off the event loop.
    reply = await asyncio.to_thread(responder.respond, text)
    logger.debug("Replied %s (score %.0f)", reply.kind, reply.score)
    await _send(context, message.chat_id, reply, responder, message)
    await _keep_unanswered(context, text, reply)


async def non_text(update: Update, context: Context) -> None:
    """Ask for typed words when a sticker, photo, voice message or other attachment arrives."""
    message = update.effective_message
    if message.chat.type != ChatType.PRIVATE and addressed_text(message, "", context.bot.id) is None:
        return
    if await _admitted(update, context):
        await message.reply_text(services(context).library.responder.faq.texts["non_text"])


async def reload_command(update: Update, context: Context) -> None:
    """Reload the FAQ folder now for an admin; refuse anyone else politely."""
    svc = services(context)
    user = update.effective_user
    if user is None or user.id not in svc.admin_ids:
        await update.effective_message.reply_text(RELOAD_REFUSED)
        return
    result = await svc.library.reload()
    await update.effective_message.reply_text(describe(result, svc.library.folder))


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
