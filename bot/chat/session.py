"""One chat's conversation, the same for every front end (Telegram, the terminal, a web chat tomorrow).

`Conversations` turns what a person sent (a typed message, a caption, an attachment, a command, a button press)
into the one message the bot sends back, or none. It keeps, per chat and in memory only, what a conversation
needs for a few minutes: the last messages (so a symptom told over two or three messages is read together),
the entry just answered (so "and how long does that last?" is read against it) and the list a typed number
picks from. Nothing here is stored.

Order matters for safety: every text is triaged before the flood gate is asked, so an urgent message is
answered even from a chat that is sending too fast.

>>> from bot import DEFAULT_FAQ_DIR
>>> from bot.core.knowledge import load_faq
>>> responder = Responder(load_faq(DEFAULT_FAQ_DIR))
>>> chats = Conversations(lambda: responder, flood=FloodGate(limit=20))
>>> chats.message(1, "who does the injection?").reply.faq_id
'who-performs'
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bot.chat.flood import FloodGate, Verdict
from bot.core import replies
from bot.core.knowledge import Entry
from bot.core.pipeline import Reply, Responder

__all__ = ["Conversations", "Outgoing", "RECENT_SECONDS", "FOLLOW_UP_SECONDS"]

# How long earlier messages are read together with a new one, and how many of them.
RECENT_SECONDS = 300.0
RECENT_MESSAGES = 3
# How long after an answer a short question is read as a follow-up to it.
FOLLOW_UP_SECONDS = 300.0


@dataclass(frozen=True)
class Outgoing:
    """One message for the front end to send.

    `reply` is the core's decision when there is one (an answer gets 👍/👎, a suggestion its buttons);
    `topics` are the entries of a /topics listing, in the order shown; `question` is what the person typed,
    for the staff report when `reply.is_gap`.
    """

    text: str
    reply: Reply | None = None
    topics: tuple[Entry, ...] = ()
    question: str | None = None


@dataclass
class _Chat:
    recent: deque[tuple[float, str]] = field(default_factory=lambda: deque(maxlen=RECENT_MESSAGES))
    answered: tuple[float, str] | None = None  # (when, entry id) of the last answer
    choices: tuple[str, ...] = ()  # the entry ids that typed numbers stand for now


class Conversations:
    """Every chat's short memory, and the rules every front end shares."""

    def __init__(
        self,
        responder: Callable[[], Responder],
        *,
        flood: FloodGate,
        clock: Callable[[], float] = time.monotonic,
        max_chats: int = 10_000,
    ) -> None:
        # A callable, so a reload that swaps the FAQ is seen by the next message.
        self._responder = responder
        self._flood = flood
        self._clock = clock
        self._max_chats = max_chats
        self._chats: OrderedDict[int, _Chat] = OrderedDict()

    # ------------------------------------------------------------------ what people send

    def message(self, chat_id: int, text: str) -> Outgoing | None:
        """A typed message, an edit or a caption. None when the flood gate says to stay quiet."""
        responder = self._responder()
        if not text.strip():
            return self._gated(chat_id, Outgoing(replies.staff_text(responder.faq, "help")))
        chat = self._chat(chat_id)
        now = self._clock()
        earlier = tuple(t for at, t in chat.recent if now - at <= RECENT_SECONDS)
        chat.recent.append((now, text))
        previous = chat.answered[1] if chat.answered and now - chat.answered[0] <= FOLLOW_UP_SECONDS else None
        reply = responder.respond(text, earlier=earlier, previous=previous)
        if reply.kind == "emergency":
            self._flood.admit(chat_id)  # counted, never held back
            chat.choices = ()
            # The person has been told where to go. What they write next is still read with this message:
            # going on describing ("still the same today") gets the urgent reply again, a practical
            # question after it is answered (see Triage.check), "who do I call?" gets this reply again and
            # "ok, I'll ring them now" a short one that says to go ahead (see bot.core.after_urgent).
            return Outgoing(reply.text, reply, question=text)
        if reply.reason == "getting_help":
            self._flood.admit(chat_id)  # "ok, calling 999 now": in the middle of an emergency, never held back
            return Outgoing(reply.text, reply, question=text)
        picked = _number(text)
        if picked is not None:
            return self._gated(chat_id, self._pick(chat, picked, responder))
        self._remember(chat, reply)
        return self._gated(chat_id, Outgoing(reply.text, reply, question=text))

    def attachment(self, chat_id: int, caption: str | None) -> Outgoing | None:
        """A photo, video, document, voice note or sticker: its caption is read like a message."""
        if caption and caption.strip():
            return self.message(chat_id, caption)
        return self._gated(chat_id, Outgoing(replies.non_text_text(self._responder().faq)))

    def command(self, chat_id: int, name: str, args: Sequence[str] = ()) -> Outgoing | None:
        """/start [entry-id], /help, /topics; any other command gets the help text."""
        faq = self._responder().faq
        if name == "start" and args:
            chosen = self.choose(chat_id, args[0])
            if chosen is not None and chosen.reply is not None:
                return chosen
        if name == "start":
            return self._gated(chat_id, Outgoing(replies.staff_text(faq, "welcome")))
        if name == "topics":
            entries = faq.topics_in_order()
            self._chat(chat_id).choices = tuple(e.id for e in entries)
            return self._gated(chat_id, Outgoing(replies.topics_text(faq, entries), topics=entries))
        return self._gated(chat_id, Outgoing(replies.staff_text(faq, "help")))

    def choose(self, chat_id: int, entry_id: str) -> Outgoing | None:
        """A suggestion or topic button, or a deep link: that entry's answer (or a line saying it is gone)."""
        responder = self._responder()
        chat = self._chat(chat_id)
        reply = responder.answer_entry(entry_id)
        if reply is None:
            return self._gated(chat_id, Outgoing(replies.staff_text(responder.faq, "unknown_entry")))
        self._remember(chat, reply)
        return self._gated(chat_id, Outgoing(reply.text, reply))

    def forget(self, chat_id: int) -> None:
        """Drop what is kept in memory for one chat."""
        self._chats.pop(chat_id, None)

    # ------------------------------------------------------------------ the rules

    def _pick(self, chat: _Chat, number: int, responder: Responder) -> Outgoing:
        if not 1 <= number <= len(chat.choices):
            return Outgoing(replies.staff_text(responder.faq, "number_not_in_list"))
        reply = responder.answer_entry(chat.choices[number - 1])
        if reply is None:
            return Outgoing(replies.staff_text(responder.faq, "unknown_entry"))
        self._remember(chat, reply)
        return Outgoing(reply.text, reply)

    def _remember(self, chat: _Chat, reply: Reply) -> None:
        chat.choices = reply.suggestions if reply.kind == "suggest" else ()
        if reply.kind == "answer" and reply.faq_id:
            chat.answered = (self._clock(), reply.faq_id)

    def _gated(self, chat_id: int, outgoing: Outgoing) -> Outgoing | None:
        verdict = self._flood.admit(chat_id)
        if verdict is Verdict.ANSWER:
            return outgoing
        if verdict is Verdict.WARN:
            return Outgoing(replies.staff_text(self._responder().faq, "slow_down"))
        return None

    def _chat(self, chat_id: int) -> _Chat:
        chat = self._chats.pop(chat_id, None) or _Chat()
        self._chats[chat_id] = chat  # most recently active last
        if len(self._chats) > self._max_chats:
            self._chats.popitem(last=False)
        return chat


def _number(text: str) -> int | None:
    """1 for "1", "1." or " 1 ": a pick from a list; None for anything else."""
    stripped = text.strip().rstrip(".)")
    return int(stripped) if stripped.isdigit() and len(stripped) <= 3 else None
