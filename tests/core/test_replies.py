"""Reply text: what the patient reads, within Telegram's limit, staff text shown literally."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.pipeline import Responder
from bot.core.replies import TELEGRAM_LIMIT, answer_text, fit, non_text_text, source_line


@pytest.fixture(scope="module")
def responder() -> Responder:
    return Responder(load_faq(DEFAULT_FAQ_DIR))


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_answer_has_the_vetted_answer_source_and_doctor_note(responder: Responder) -> None:
    reply = responder.respond("will I get a headache after the shot")
    entry = responder.faq.entry("post-procedure-headache")
    assert reply.kind == "answer"
    assert reply.text.startswith(entry.answer)
    assert source_line(responder.faq, entry) in reply.text
    assert entry.source in reply.text
    assert reply.text.endswith(responder.faq.texts["doctor_note"])


def test_suggest_lists_each_suggested_question_numbered(responder: Responder) -> None:
    reply = responder.respond("tell me about the injection")
    assert reply.kind == "suggest"
    assert reply.text.startswith(responder.faq.texts["suggest_intro"])
    for n, entry_id in enumerate(reply.suggestions, start=1):
        assert f"{n}. {responder.faq.entry(entry_id).question}" in reply.text


def test_fallback_and_urgent_use_staff_texts(responder: Responder) -> None:
    texts = responder.faq.texts
    expected = f"{texts['fallback'].rstrip()}\n\n{texts['safety_line'].strip()}"
    assert responder.respond("how much does it cost").text == expected
    assert responder.respond("I have a fever since my injection").text == texts["urgent"]
    assert responder.respond("nobody would miss me").text == texts["self_harm"]


@pytest.mark.parametrize("message", ["how much does it cost", "tell me about the injection", "hi"])
def test_every_reply_that_is_not_an_answer_ends_with_the_safety_line(responder: Responder, message: str) -> None:
    reply = responder.respond(message)
    assert reply.kind in ("fallback", "suggest")
    assert reply.text.endswith(responder.faq.texts["safety_line"].strip())


def test_an_answer_has_no_safety_line(responder: Responder) -> None:
    reply = responder.respond("who does the injection?")
    assert reply.kind == "answer" and responder.faq.texts["safety_line"].strip() not in reply.text


def test_non_text_reply_says_what_to_do_if_urgent(responder: Responder) -> None:
    text = non_text_text(responder.faq)
    assert text.startswith(responder.faq.texts["non_text"].rstrip())
    assert text.endswith(responder.faq.texts["safety_line"].strip())


def test_a_carer_reporting_someone_elses_words_gets_the_carer_crisis_reply(responder: Responder) -> None:
    reply = responder.respond("my dad keeps saying he wants to kill himself")
    assert reply.kind == "emergency" and reply.text == responder.faq.texts["self_harm_carer"]
    assert "sorry you're feeling this way" not in reply.text


def test_the_patient_who_mentions_family_still_gets_the_crisis_reply_for_themselves(responder: Responder) -> None:
    reply = responder.respond("my husband says I'm a burden and I want to end my life")
    assert reply.text == responder.faq.texts["self_harm"]


def test_someone_not_yet_injected_gets_the_urgent_reply_that_fits(responder: Responder) -> None:
    reply = responder.respond("I haven't had the injection yet but I've had a fever of 38.5 since yesterday")
    assert reply.kind == "emergency" and reply.text == responder.faq.texts["urgent_before_injection"]


def test_a_very_long_answer_is_cut_but_keeps_source_and_doctor_note(responder: Responder) -> None:
    entry = replace(responder.faq.entry("risks"), answer="Very long. " * 1000)
    text = answer_text(responder.faq, entry)
    assert utf16(text) <= TELEGRAM_LIMIT
    assert text.endswith(responder.faq.texts["doctor_note"])
    assert source_line(responder.faq, entry) in text


def test_fit_counts_emoji_as_telegram_does() -> None:
    text = "🙂" * 3000  # 6000 UTF-16 units, 3000 code points
    cut = fit(text)
    assert utf16(cut) <= TELEGRAM_LIMIT
    assert cut.endswith("…")


def test_answer_entry_by_id_for_buttons_and_deep_links(responder: Responder) -> None:
    reply = responder.answer_entry("who-performs")
    assert reply is not None and reply.kind == "answer" and reply.faq_id == "who-performs"
    assert responder.answer_entry("no-such-entry") is None


@pytest.mark.parametrize(
    ("message", "text"),
    [("hi", "small_talk"), ("thanks so much!", "small_talk_thanks"), ("ok bye", "small_talk_goodbye"),
     ("Good morning. Thank you for your help.", "small_talk_thanks")],
)
def test_greetings_and_thanks_get_a_friendly_reply_not_an_apology(
    responder: Responder, message: str, text: str
) -> None:
    reply = responder.respond(message)
    assert reply.kind == "fallback" and reply.faq_id is None
    assert reply.text.startswith(responder.faq.texts[text].rstrip())


def test_a_greeting_with_a_question_is_still_answered(responder: Responder) -> None:
    assert responder.respond("hi, who does the injection?").faq_id == "who-performs"


@pytest.mark.parametrize(
    ("message", "kind", "reason"),
    [
        ("thanks so much!", "fallback", "small_talk"),
        ("how much does the injection cost?", "fallback", "not_covered"),
        ("what is the capital of peru", "fallback", "no_match"),
        ("I can't feel my legs since the injection", "emergency", "urgent"),
        ("who does the injection?", "answer", "matched"),
    ],
)
def test_reply_says_why(responder, message, kind, reason):
    reply = responder.respond(message)
    assert (reply.kind, reply.reason) == (kind, reason)
    assert reply.is_gap == (kind == "fallback" and reason != "small_talk")


def test_chosen_entry_reply_says_it_was_chosen(responder):
    reply = responder.answer_entry("who-performs")
    assert reply is not None and reply.reason == "chosen" and not reply.is_gap


def test_responder_takes_a_triage_and_a_matcher(responder):
    class NeverUrgent:
        def check(self, text, *, earlier=()):
            return None

    swapped = Responder(responder.faq, triage=NeverUrgent(), matcher=responder.matcher)
    assert swapped.respond("I can't feel my legs since the injection").kind != "emergency"
