"""The exact text the bot sends for each outcome, composed from staff-written texts.

Replies are plain text (sent without a Telegram parse mode), so anything staff write, `<`, `&`,
`*` or `_` included, is shown literally and can never break the message.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.knowledge import Entry, Faq

__all__ = [
    "answer_text", "fallback_text", "fit", "getting_help_text", "non_text_text", "small_talk_text", "source_line",
    "staff_text", "suggest_text", "topics_text", "urgent_text", "with_safety_line",
]

TELEGRAM_LIMIT = 4096
ELLIPSIS = "…"


def fit(text: str, limit: int = TELEGRAM_LIMIT) -> str:
    """Text cut to Telegram's message limit (counted in UTF-16 units, as Telegram counts)."""
    if _utf16_len(text) <= limit:
        return text
    out = []
    used = _utf16_len(ELLIPSIS)
    for char in text:
        size = _utf16_len(char)
        if used + size > limit:
            break
        out.append(char)
        used += size
    return "".join(out).rstrip() + ELLIPSIS


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def source_line(faq: Faq, entry: Entry) -> str:
    """Where the answer comes from, worded by staff (texts.yaml `source_line`, `{source}` standing for the
    entry's source); empty when staff left `source_line` out."""
    template = faq.texts.get("source_line", "")
    return template.replace("{source}", entry.source) if template else ""


def answer_text(faq: Faq, entry: Entry) -> str:
    """An entry's answer, where it comes from (if staff want it shown), then the see-your-doctor note."""
    note = faq.texts["doctor_note"]
    source = source_line(faq, entry)
    middle = f"\n\n{source}" if source else ""
    # Staff's answer is shortened, never the doctor note or the source line.
    room = TELEGRAM_LIMIT - _utf16_len(note) - _utf16_len(middle) - 2
    return f"{fit(entry.answer, room)}{middle}\n\n{note}"


def with_safety_line(faq: Faq, text: str) -> str:
    """A reply that is not an answer, then the staff's line on new symptoms and the emergency number."""
    line = faq.texts["safety_line"].strip()
    room = TELEGRAM_LIMIT - _utf16_len(line) - 2
    return f"{fit(text.rstrip(), room)}\n\n{line}"


def suggest_text(faq: Faq, entries: list[Entry]) -> str:
    """'Did you mean…' followed by the suggested questions, numbered like the buttons, then the safety line."""
    lines = [faq.texts["suggest_intro"]]
    lines += [f"{n}. {entry.question}" for n, entry in enumerate(entries, start=1)]
    return with_safety_line(faq, "\n".join(lines))


def staff_text(faq: Faq, key: str) -> str:
    """One of the bot's own texts (welcome, help, slow down...) as staff wrote it, within the limit."""
    return fit(faq.texts[key])


def topics_text(faq: Faq, entries: Sequence[Entry]) -> str:
    """The /topics intro, then the questions numbered in the order shown (numbers pick, as after a suggestion)."""
    lines = [faq.texts["topics_intro"].strip()]
    lines += [f"{n}. {entry.question}" for n, entry in enumerate(entries, start=1)]
    return fit("\n".join(lines))


def fallback_text(faq: Faq) -> str:
    return with_safety_line(faq, faq.texts["fallback"])


# The reply each kind of small talk gets; staff may leave the thanks and goodbye texts out (then `small_talk`).
SMALL_TALK_TEXTS = {"greeting": "small_talk", "thanks": "small_talk_thanks", "goodbye": "small_talk_goodbye"}


def small_talk_text(faq: Faq, kind: str = "greeting") -> str:
    """The friendly reply to a greeting, a thank-you or a goodbye, then the safety line."""
    return with_safety_line(faq, faq.texts.get(SMALL_TALK_TEXTS.get(kind, "small_talk"), faq.texts["small_talk"]))


def non_text_text(faq: Faq) -> str:
    """The reply to a sticker, voice note or photo without caption: please type, and what to do if urgent."""
    return with_safety_line(faq, faq.texts["non_text"])


def urgent_text(faq: Faq, *, self_harm: bool, someone_else: bool = False, before_injection: bool = False) -> str:
    """The urgent reply: the crisis text (its carer form when someone reports another person's words),
    or the symptom text (its form for someone not yet injected)."""
    if self_harm:
        return fit(faq.texts["self_harm_carer" if someone_else else "self_harm"])
    return fit(faq.texts["urgent_before_injection" if before_injection else "urgent"])


def getting_help_text(faq: Faq, *, self_harm: bool, someone_else: bool = False, before_injection: bool = False) -> str:
    """The short reply to "ok, I'll ring them now" after the urgent reply; left out, the urgent reply again."""
    key = "self_harm_getting_help" if self_harm else "urgent_getting_help"
    if faq.texts.get(key):
        return fit(faq.texts[key])
    return urgent_text(faq, self_harm=self_harm, someone_else=someone_else, before_injection=before_injection)
