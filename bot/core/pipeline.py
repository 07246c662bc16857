"""One message in, one decision out: triage first, then matching, then the reply text.

`Responder` is built once per loaded FAQ (indexing is done up front) and never changes; a reload
builds a new one and swaps it whole, so a reader never sees half an FAQ. The terminal chat,
`ask` and the Telegram handlers all call `Responder.respond`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal, Protocol

from bot.core import replies
from bot.core.after_urgent import AfterUrgent
from bot.core.knowledge import Faq
from bot.core.matching import Match, Matcher
from bot.core.small_talk import SmallTalk
from bot.core.triage import Flag, Triage

__all__ = ["KINDS", "Kind", "Reason", "Reply", "Responder", "TriageLike", "MatcherLike", "is_small_talk"]

Kind = Literal["answer", "suggest", "fallback", "emergency"]
KINDS: tuple[Kind, ...] = ("answer", "suggest", "fallback", "emergency")
# Why the reply is what it is, so front ends never re-derive it:
# matched / chosen (a button or deep link) -> answer; unsure -> suggest; no_match, not_covered, small_talk -> fallback;
# urgent, self_harm -> emergency.
Reason = Literal[
    "matched", "chosen", "unsure", "no_match", "not_covered", "small_talk", "urgent", "self_harm", "getting_help",
]


class TriageLike(Protocol):
    """What the pipeline needs of a triage: a Flag when the message needs urgent care, else None."""

    def check(self, text: str, *, earlier: Sequence[str] = ()) -> Flag | None: ...


class MatcherLike(Protocol):
    """What the pipeline needs of a matcher: answer, suggest or fallback for one message."""

    def match(self, text: str, *, previous: str | None = None) -> Match: ...


# Without an FAQ at hand (staff tools), any word not known as small talk or filler names a topic.
_SMALL_TALK = SmallTalk()


def is_small_talk(text: str) -> bool:
    """True for "hi", "thanks so much!", "ok bye", "bye for now": a pleasantry, no question (see
    bot.core.small_talk; the Responder uses its FAQ's own detector, which knows the FAQ's topic words)."""
    return _SMALL_TALK(text)


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
    reason: Reason = "matched"

    @property
    def is_gap(self) -> bool:
        """A question the FAQ could not answer outright: kept for the staff report (small talk is not)."""
        return self.kind in ("fallback", "suggest") and self.reason not in ("small_talk", "getting_help")

    def to_json(self) -> dict[str, Any]:
        """The JSON object of `python -m bot ask --json` (the spec's contract)."""
        data = asdict(self)
        del data["nearest"]
        del data["reason"]
        data["score"] = round(self.score, 1)
        data["suggestions"] = list(self.suggestions)
        return data


class Responder:
    """The whole pure pipeline for one FAQ. The triage and the matcher can be swapped (tests, a re-ranker)."""

    def __init__(self, faq: Faq, *, triage: TriageLike | None = None, matcher: MatcherLike | None = None):
        self.faq = faq
        self.small_talk = SmallTalk(faq)  # one detector for the FAQ, shared with its triage
        self.after_urgent = AfterUrgent(self.small_talk.lang)
        self.triage: TriageLike = triage if triage is not None else Triage(faq, small_talk=self.small_talk)
        self.matcher: MatcherLike = matcher if matcher is not None else Matcher(faq)
        # the message's words are read once for small talk and the matcher when both read them alike
        self._reads_alike: Matcher | None = (
            self.matcher if isinstance(self.matcher, Matcher) and self.matcher.lang is self.small_talk.lang else None
        )
        self._read_ahead()

    def _read_ahead(self) -> None:
        """The words a patient is likely to use (the FAQ's, its answers', the language's lists, the red flags') are
        read now, once, by the triage's phrase lists and the matcher's typo repair, not by the first message to use
        each (three quarters of the distinct words of the latency benchmark's questions; ~25 ms at load). The
        caches are pure functions of a word: every reply is the same as without."""
        lang = self.small_talk.lang
        triage = self.triage if isinstance(self.triage, Triage) else None
        known = set(self.faq.word_counts) | lang.filler | lang.neutral | lang.small_talk
        for entry in self.faq.entries:
            known.update(lang.words(entry.answer, limit=5000))
        if triage is not None:
            known |= triage.known_words()
        ordered = sorted(known)  # (the same caches whatever a set's order)
        if triage is not None:
            triage.read_ahead(ordered)
        if isinstance(self.matcher, Matcher):
            self.matcher.index.read_ahead(ordered)

    def respond(self, text: str, *, earlier: Sequence[str] = (), previous: str | None = None) -> Reply:
        """Decide and compose the reply to a patient's message. Never raises on odd text.

        `earlier` are the chat's last few messages (oldest first), read with this one by the triage;
        `previous` is the entry just answered in the chat, against which a follow-up is read.
        """
        text = text if isinstance(text, str) else ""
        flag = self.triage.check(text, earlier=earlier)
        tokens = self.small_talk.lang.words(text)
        if earlier:
            after = self._after_urgent(text, tokens, flag, earlier)
            if after is not None:
                return after
        if flag is not None:
            return _urgent_reply(self.faq, flag)
        if self.small_talk(text, tokens) or self.small_talk.thanks_after_remarks(text):
            # No question to answer, and "I don't have a checked answer to that" would be odd.
            text = replies.small_talk_text(self.faq, self.small_talk.kind(tokens))
            return Reply("fallback", None, 0.0, (), text, reason="small_talk")
        if self._reads_alike is not None:
            match = self._reads_alike.match(text, previous=previous, tokens=tokens)
        else:
            match = self.matcher.match(text, previous=previous)
        if match.kind == "answer":
            entry = self.faq.entry(match.entry_ids[0])
            assert entry is not None
            return Reply("answer", entry.id, match.score, (), replies.answer_text(self.faq, entry), match.nearest)
        if match.kind == "suggest":
            entries = [e for e in (self.faq.entry(i) for i in match.entry_ids) if e is not None]
            return Reply(
                "suggest", None, match.score, tuple(e.id for e in entries), replies.suggest_text(self.faq, entries),
                match.nearest,
                reason="unsure",
            )
        reason: Reason = "not_covered" if match.not_covered else "no_match"
        return Reply("fallback", None, match.score, (), replies.fallback_text(self.faq), match.nearest, reason)

    def _after_urgent(self, text: str, tokens: list[str], flag: Flag | None, earlier: Sequence[str]) -> Reply | None:
        """The reply to "ok, I'll ring them now" or "who do I call?" just after the urgent reply, else None."""
        meaning = self.after_urgent.meaning(text, tokens)
        if meaning is None or (flag is not None and (flag.retracted or self.triage.check(text) is not None)):
            return None  # urgent on its own words: the urgent reply, whatever came before
        before = self.triage.check(earlier[-1], earlier=earlier[:-1])
        if before is None:
            return None  # the last message did not get the urgent reply
        if meaning == "asks_whom":
            return _urgent_reply(self.faq, before)
        text = replies.getting_help_text(
            self.faq, self_harm=before.self_harm, someone_else=before.someone_else,
            before_injection=before.before_injection,
        )
        # not an emergency reply of its own (no new alarm), and not a gap for the staff report
        return Reply("fallback", None, 0.0, (), text, reason="getting_help")

    def answer_entry(self, entry_id: str) -> Reply | None:
        """The answer to one entry by id (a button press or a deep link), or None if it is not served."""
        entry = self.faq.entry(entry_id)
        if entry is None:
            return None
        return Reply("answer", entry.id, 100.0, (), replies.answer_text(self.faq, entry), reason="chosen")


def _urgent_reply(faq: Faq, flag: Flag) -> Reply:
    text = replies.urgent_text(
        faq, self_harm=flag.self_harm, someone_else=flag.someone_else, before_injection=flag.before_injection,
    )
    return Reply("emergency", None, 100.0, (), text, reason="self_harm" if flag.self_harm else "urgent")
