"""The bot in a terminal: the same replies Telegram would give, with numbers standing in for buttons."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from bot.core.pipeline import Responder

PROMPT = "you> "


def chat(
    responder: Responder,
    *,
    read: Callable[[str], str] = input,
    out: TextIO = sys.stdout,
) -> int:
    """Talk until /quit, Ctrl-D or Ctrl-C. After suggestions or /topics, a number picks that entry."""
    faq = responder.faq
    say = _printer(out)
    say(faq.texts["welcome"])
    say("(Terminal chat: type /topics, /help, or /quit. Where Telegram shows buttons, type the number.)")
    choices: list[str] = []  # entry ids the numbers currently stand for
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
        if line.startswith("/start"):
            say(faq.texts["welcome"])
            continue
        if line == "/help":
            say(faq.texts["help"])
            continue
        if line == "/topics":
            choices = [entry.id for entry in faq.entries]
            say("\n".join(f"{n}. {entry.question}" for n, entry in enumerate(faq.entries, start=1)))
            continue
        if line.isdigit() and choices and 1 <= int(line) <= len(choices):
            reply = responder.answer_entry(choices[int(line) - 1])
            say(reply.text if reply else faq.texts["unknown_entry"])
            choices = []
            continue
        reply = responder.respond(line)
        say(reply.text)
        choices = list(reply.suggestions) if reply.kind == "suggest" else []


def _printer(out: TextIO) -> Callable[[str], None]:
    def say(text: str) -> None:
        print(f"\n{text}\n", file=out, flush=True)

    return say
