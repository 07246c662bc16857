"""Odd, broken and hostile messages through the whole pure pipeline (Responder.respond) on the shipped FAQ.

Whatever a patient (or anyone) sends, the core must return one of the four kinds with a reply Telegram
accepts: not empty, at most 4,096 UTF-16 code units, valid UTF-8. It must never raise.
The Telegram-level flood test (many updates through the Application) lives in test_telegram_flood.py.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.pipeline import KINDS, Reply, Responder
from tests.faq_copy import copy_faq, edit

TELEGRAM_LIMIT = 4096
CONTRACT_KEYS = {"kind", "faq_id", "score", "suggestions", "text"}


@pytest.fixture(scope="module")
def responder() -> Responder:
    return Responder(load_faq(DEFAULT_FAQ_DIR))


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def assert_sendable(reply: Reply) -> None:
    """A reply Telegram accepts as a plain-text message, and the `ask --json` contract holds."""
    assert reply.kind in KINDS
    assert reply.text.strip(), "empty reply"
    assert utf16_units(reply.text) <= TELEGRAM_LIMIT
    reply.text.encode("utf-8")  # raises on a lone surrogate
    data = reply.to_json()
    assert set(data) == CONTRACT_KEYS
    json.dumps(data, ensure_ascii=False).encode("utf-8")
    assert (data["faq_id"] is not None) == (reply.kind == "answer")
    assert 0 <= data["score"] <= 100


HOSTILE = {
    "empty": "",
    "spaces": "   ",
    "whitespace of every kind": " \t\n\r\v\f\u00a0\u2003\u3000",
    "newlines only": "\n" * 500,
    "100 kB of letters": "a" * 100_000,
    "100 kB of words": "who does the injection and is it safe " * 2_700,
    "100 kB of one emoji": "🤕" * 25_000,
    "only emoji": "😱💉🙏",
    "emoji with skin tone and joiners": "👩🏽‍⚕️👨‍👩‍👧‍👦🏳️‍🌈",
    "flags and keycaps": "🇬🇧🇺🇸 1️⃣#️⃣",
    "Arabic": "هل الحقنة آمنة؟",
    "Hebrew": "האם הזריקה בטוחה?",
    "Arabic and English": "مرحبا who does the injection شكرا",
    "Hebrew and English": "שלום is it safe? תודה",
    "right-to-left override": "\u202eis it safe\u202c",
    "bidi isolates": "\u2067who does\u2069 the \u2066injection\u2069",
    "zero-width characters": "who\u200b does\u200c the\u200d injection\ufeff\u2060",
    "control characters": "who\x00 does\x07 the\x1b[31m injection\x7f\x9b",
    "combining marks flood": "i" + "\u0301" * 10_000,
    "Zalgo": "i̷̢̛s̶̨̛ ̵i̵͝t̴ ̷s̸a̷f̵e̸",
    "fullwidth letters": "ｗｈｏ ｄｏｅｓ ｔｈｅ ｉｎｊｅｃｔｉｏｎ",
    "lone surrogate": "is it safe \ud800 \udfff",
    "HTML bold": "<b>is it safe</b>",
    "HTML script": "<script>alert('x')</script> who does the injection",
    "HTML entities": "&lt;b&gt; &amp; &#x1F4A9; &nbsp;",
    "unclosed tag": "<b>who does the <i>injection",
    "Markdown stars": "*is* **it** ***safe***",
    "Markdown underscores": "_who_ __does__ the _injection",
    "Markdown link": "[x](y) [click](javascript:alert(1)) [who does the injection](http://example.com)",
    "Markdown code": "```is it safe``` `rm -rf /`",
    "MarkdownV2 specials": r"_*[]()~`>#+-=|{}.!\ ",
    "SQL injection": "'; DROP TABLE unanswered; --",
    "SQL union": "1' OR '1'='1' UNION SELECT * FROM feedback --",
    "numbers only": "1234567890",
    "a phone number": "+44 7700 900123",
    "long number": "9" * 5_000,
    "punctuation only": "?!?!...,,,;;;:::",
    "slash command look-alike": "/start /help /topics /reload",
    "format strings": "%s %d {0} {entry} ${HOME} \\n \\x00",
    "path traversal": "../../etc/passwd faq/entries/../../.env",
    "one very long word": "injection" * 1_000,
    "repeated question": "is it safe? " * 300,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_message_gets_a_sendable_reply(responder: Responder, text: str) -> None:
    assert_sendable(responder.respond(text))


# (emoji alone are a pleasantry: tests/core/test_small_talk.py)
@pytest.mark.parametrize("text", ["", " ", "\n\t", "\u200b\ufeff", "1234", "?!", "<b></b>"])
def test_messages_without_words_get_the_fallback(responder: Responder, text: str) -> None:
    reply = responder.respond(text)
    assert reply.kind == "fallback"
    assert reply.text == responder.respond("what is the capital of france").text


@pytest.mark.parametrize(
    "text",
    [
        "ｗｈｏ ｄｏｅｓ ｔｈｅ ｉｎｊｅｃｔｉｏｎ",
        "مرحبا who does the injection شكرا",
        "<b>who does the injection</b>",
        "*who* _does_ the [injection](y)",
        "who\u200d does the injection",
        "\u202ewho does the injection\u202c",
    ],
)
def test_a_real_question_wrapped_in_noise_is_still_answered(responder: Responder, text: str) -> None:
    reply = responder.respond(text)
    assert reply.kind == "answer" and reply.faq_id == "who-performs"


@pytest.mark.parametrize(
    "text",
    [
        "I have a fever since yesterday حمى",
        "חום גבוה - I have a fever since yesterday",
        "🤒🤒 I have a fever since the injection",
        "<b>I have a fever since yesterday</b>",
        "I HAVE A FEVER SINCE YESTERDAY!!!",
        "'; DROP TABLE x; -- I have a fever since yesterday",
    ],
)
def test_a_red_flag_in_noise_is_still_urgent(responder: Responder, text: str) -> None:
    assert responder.respond(text).kind == "emergency"


@pytest.mark.parametrize("invisible", ["\u200b", "\u00ad", "\u2060", "\ufeff"])
def test_an_invisible_character_inside_a_symptom_does_not_hide_it(responder: Responder, invisible: str) -> None:
    assert responder.respond(f"I have a fe{invisible}ver since this morning").kind == "emergency"


def test_a_symptom_at_the_end_of_a_long_message_is_urgent(responder: Responder) -> None:
    story = "My back has been bad for a long while and the physio did not help much. " * 40
    assert len(story) < TELEGRAM_LIMIT - 100
    assert responder.respond(story + "Now I have a fever since yesterday.").kind == "emergency"


def test_non_text_input_is_treated_as_empty(responder: Responder) -> None:
    for value in (None, b"is it safe", 42):
        assert_sendable(responder.respond(value))  # type: ignore[arg-type]


def burst() -> list[str]:
    """A thousand messages: every hostile one, real questions, urgent ones, and their mixtures."""
    base = [*HOSTILE.values(), "who does the injection", "is it safe", "how much does it cost",
            "I have a fever since yesterday", "nobody would miss me", "will i get a headache after the shot"]
    return [f"{base[i % len(base)]} {base[(i * 7) % len(base)][:200]}" if i % 3 else base[i % len(base)]
            for i in range(1_000)]


def test_a_thousand_messages_in_a_burst(responder: Responder) -> None:
    messages = burst()
    replies = [responder.respond(m) for m in messages]
    assert len(replies) == 1_000
    for reply in replies:
        assert_sendable(reply)
    assert {r.kind for r in replies} == set(KINDS)


def test_a_burst_from_many_threads_gives_the_same_replies(responder: Responder) -> None:
    # The Telegram layer may call the core from worker threads: caches inside must not mix answers up.
    messages = burst()
    fresh = Responder(responder.faq)  # cold caches, filled concurrently
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(fresh.respond, messages))
    assert threaded == [responder.respond(m) for m in messages]


# ---------------------------------------------------------------- staff text is shown literally

STAFF_MARKUP = "Take <b>1</b> tablet & rest; 2 < 3 > 1; *not bold* _not italic_ [link](http://x.y) `code` &amp;"


# questions the shipped FAQ answers with "Did you mean…?" (any one of them is enough)
AMBIGUOUS = ["injection", "back pain", "epidural", "does it work or how does it work", "needle", "what is it"]


@pytest.fixture
def marked_up_faq(tmp_path: Path) -> Path:
    """A copy of the FAQ whose answer, doctor note and fallback hold HTML and Markdown characters."""
    folder = copy_faq(tmp_path)
    entry = folder / "entries" / "who-performs.yaml"
    edit(entry, "answer: |\n", f"answer: |\n  {STAFF_MARKUP}\n\n")
    texts = folder / "texts.yaml"
    edit(texts, "doctor_note: |\n", f"doctor_note: |\n  Note: {STAFF_MARKUP}\n")
    edit(texts, "fallback: |\n", f"fallback: |\n  Sorry: {STAFF_MARKUP}\n")
    edit(texts, "suggest_intro: |\n", f"suggest_intro: |\n  Maybe: {STAFF_MARKUP}\n")
    return folder


def test_staff_markup_in_an_answer_is_sent_verbatim(marked_up_faq: Path) -> None:
    responder = Responder(load_faq(marked_up_faq))
    reply = responder.respond("who does the injection")
    assert reply.kind == "answer" and reply.faq_id == "who-performs"
    assert reply.text.startswith(STAFF_MARKUP + "\n")
    assert f"Note: {STAFF_MARKUP}" in reply.text
    assert_sendable(reply)


def test_staff_markup_in_the_bots_texts_is_sent_verbatim(marked_up_faq: Path) -> None:
    responder = Responder(load_faq(marked_up_faq))
    fallback = responder.respond("what is the capital of france")
    assert fallback.kind == "fallback" and f"Sorry: {STAFF_MARKUP}" in fallback.text
    # nothing was escaped or stripped on the way
    assert not re.search(r"&lt;|&gt;|\\\*|\\_", fallback.text)
    suggestions = [r for r in map(responder.respond, AMBIGUOUS) if r.kind == "suggest"]
    assert suggestions, "none of the ambiguous questions got a suggestion"
    assert suggestions[0].text.startswith(f"Maybe: {STAFF_MARKUP}\n")
    button_press = responder.answer_entry("who-performs")
    assert button_press is not None and STAFF_MARKUP in button_press.text
