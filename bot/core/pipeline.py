"""One message in, one decision out: triage first, then matching, then the reply text.

`Responder` is built once per loaded FAQ (indexing is done up front) and never changes; a reload
builds a new one and swaps it whole, so a reader never sees half an FAQ. The terminal chat,
`ask` and the Telegram handlers all call `Responder.respond`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from bot.core import replies
from bot.core.knowledge import Faq
from bot.core.matching import Matcher
from bot.core.normalise import words
from bot.core.triage import Triage

Kind = Literal["answer", "suggest", "fallback", "emergency"]
KINDS: tuple[Kind, ...] = ("answer", "suggest", "fallback", "emergency")


# Words of greetings and thanks; a message made only of these is small talk.
SMALL_TALK = frozenset(
    """hi hello hey hiya heya yo morning afternoon evening good day thanks thank you ty thx cheers
    ok okay k great bye goodbye see lovely brilliant perfect cool nice much very so lot again yes no
    yeah yep nope sure fine alright all right awesome appreciate it appreciated there doc
    for your the a and me i that this was is really helpful useful info information answer answers help""".split()
)


def is_small_talk(text: str) -> bool:
    """True for "hi", "thanks so much!", "ok bye": nothing but greetings and thanks."""
    tokens = words(text)
    return bool(tokens) and all(t in SMALL_TALK for t in tokens)


@dataclass(frozen=True)
class Reply:
    """What the bot says, and why. `faq_id` is set only for an `answer`."""

    kind: Kind
    faq_id: str | None
    score: float
    suggestions: tuple[str, ...]
    text: str
    # the entry the message came closest to, whatever the outcome (for staff reports; not in the JSON)
    nearest: str | None = None

    def to_json(self) -> dict:
        """The JSON object of `python -m bot ask --json` (the spec's contract)."""
        data = asdict(self)
        del data["nearest"]
        data["score"] = round(self.score, 1)
        data["suggestions"] = list(self.suggestions)
        return data


class Responder:
    """The whole pure pipeline for one FAQ."""

    def __init__(self, faq: Faq):
        self.faq = faq
        self.triage = Triage(faq)
        self.matcher = Matcher(faq)

    def respond(self, text: str) -> Reply:
        """Decide and compose the reply to a patient's message. Never raises on odd text."""
        text = text if isinstance(text, str) else ""
        flag = self.triage.check(text)
        if flag is not None:
            text = replies.urgent_text(
                self.faq, self_harm=flag.self_harm, someone_else=flag.someone_else,
                before_injection=flag.before_injection,
            )
            return Reply("emergency", None, 100.0, (), text)
        if is_small_talk(text):
            # No question to answer, and "I don't have a checked answer to that" would be odd.
            return Reply("fallback", None, 0.0, (), replies.small_talk_text(self.faq))
        match = self.matcher.match(text)
        if match.kind == "answer":
            entry = self.faq.entry(match.entry_ids[0])
            assert entry is not None
            return Reply("answer", entry.id, match.score, (), replies.answer_text(self.faq, entry), match.nearest)
        if match.kind == "suggest":
            entries = [e for e in (self.faq.entry(i) for i in match.entry_ids) if e is not None]
            return Reply(
                "suggest", None, match.score, tuple(e.id for e in entries), replies.suggest_text(self.faq, entries),
                match.nearest,
            )
        return Reply("fallback", None, match.score, (), replies.fallback_text(self.faq), match.nearest)

    def answer_entry(self, entry_id: str) -> Reply | None:
        """The answer to one entry by id (a button press or a deep link), or None if it is not served."""
        entry = self.faq.entry(entry_id)
        if entry is None:
            return None
        return Reply("answer", entry.id, 100.0, (), replies.answer_text(self.faq, entry))
