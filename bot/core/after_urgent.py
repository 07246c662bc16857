"""What a message means right after the urgent reply.

After "please contact the doctor now", people write back: "ok I'll ring them now", "thanks, will do",
"who do I call?". Read with the message before it, the triage would send the whole urgent reply again,
and small talk would say "Hello". Instead:

- getting help ("ok I'll ring them now", "calling 999", "on my way to A&E", "ok"): a short reply that
  says to go ahead (staff texts `urgent_getting_help` / `self_harm_getting_help`);
- asking whom to call or where to go ("who do I call?", "should I go to A&E?"): the urgent reply again,
  since it says exactly that.

A message that goes on describing ("I'll call but it's getting worse") or that is urgent on its own is
left to the triage. The word lists are data: `bot/core/language/<code>/after_urgent.yaml`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bot.core.language import Language

__all__ = ["AfterUrgent", "Meaning", "MAX_WORDS"]

Meaning = Literal["getting_help", "asks_whom"]

# Longer than this, a message says more than "I'm getting help": the triage reads it as it is.
MAX_WORDS = 20


@dataclass(frozen=True)
class AfterUrgent:
    lang: Language

    def meaning(self, text: str, words: Sequence[str]) -> Meaning | None:
        """What the message means if the urgent reply came just before it (`words`: `lang.words(text)`)."""
        lists = self.lang.after_urgent
        if not words or len(words) > MAX_WORDS:
            return None
        asks = "?" in text or words[0] in self.lang.question_words or words[0] in self.lang.question_openers
        if asks:
            whom = any(w in lists.asks_whom_words for w in words) or _holds_any(words, lists.asks_whom_phrases)
            return "asks_whom" if whom else None
        if any(w in lists.goes_on for w in words):
            return None
        if any(w in lists.getting_help_words for w in words) or _holds_any(words, lists.getting_help_phrases):
            return "getting_help"
        if all(w in lists.acknowledgements or w in self.lang.small_talk for w in words):
            return "getting_help"
        return None


def _holds_any(words: Sequence[str], phrases: Sequence[tuple[str, ...]]) -> bool:
    return any(
        tuple(words[i:i + len(p)]) == p for p in phrases for i in range(len(words) - len(p) + 1)
    )
