"""The bot in a terminal: the same conversation Telegram has (bot.chat.session), with numbers for buttons."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from bot.chat.flood import FloodGate
from bot.chat.session import Conversations
from bot.core.pipeline import Responder

PROMPT = "you> "
HINT = "(Terminal chat: type /topics, /help, or /quit. Where Telegram shows buttons, type the number.)"
# One person at a keyboard: the flood gate has nothing to protect here.
NO_FLOOD = 1_000_000
CHAT_ID = 0


def chat(
    responder: Responder,
    *,
    read: Callable[[str], str] = input,
    out: TextIO = sys.stdout,
) -> int:
    """Talk until /quit, Ctrl-D or Ctrl-C. After suggestions or /topics, a number picks that entry."""
    conversations = Conversations(lambda: responder, flood=FloodGate(limit=NO_FLOOD))
    say = _printer(out)
    welcome = conversations.command(CHAT_ID, "start")
    assert welcome is not None  # the terminal has no flood limit: every message is answered
    say(welcome.text)
    say(HINT)
    while True:
        try:
            line = read(PROMPT).strip()
        except (EOFError, KeyboardInterrupt):
            say("Goodbye.")
            return 0
        if not line:
            continue
        if line in ("/quit", "/exit"):
            say("Goodbye.")
            return 0
        if line.startswith("/"):
            name, *args = line[1:].split()
            outgoing = conversations.command(CHAT_ID, name, args)
        else:
            outgoing = conversations.message(CHAT_ID, line)
        if outgoing is not None:
            say(outgoing.text)


def _printer(out: TextIO) -> Callable[[str], None]:
    def say(text: str) -> None:
        print(f"\n{text}\n", file=out, flush=True)

    return say
