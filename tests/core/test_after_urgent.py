"""Right after the urgent reply: "ok, I'll ring them now" gets a short go-ahead, "who do I call?" the urgent
reply again, and going on describing is still urgent (bot/core/after_urgent.py, with the shipped FAQ)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.pipeline import Responder
from tests.faq_copy import copy_faq, drop_texts

SYMPTOM = "had my epidural yesterday and now I can't feel my legs and can't pee"
CRISIS = "I want to end my life tonight"


@pytest.fixture(scope="module")
def responder() -> Responder:
    return Responder(load_faq(DEFAULT_FAQ_DIR))


def text_of(responder: Responder, key: str) -> str:
    return responder.faq.texts[key].strip()


@pytest.mark.parametrize("message", [
    "ok I'll ring them now", "ok calling 999 now", "thanks, will do", "ok", "I'll call the clinic",
    "my husband is driving me to A&E now", "calling an ambulance", "on my way to the hospital", "ok will call x",
])
def test_getting_help_after_the_urgent_reply_gets_the_go_ahead_not_the_whole_reply_again(responder, message):
    reply = responder.respond(message, earlier=[SYMPTOM])
    assert reply.reason == "getting_help"
    assert reply.text == text_of(responder, "urgent_getting_help")
    assert not reply.is_gap  # never a question for the staff report


@pytest.mark.parametrize("message", ["ok I'll call the samaritans", "thanks", "ok I will ring my sister"])
def test_getting_help_after_the_crisis_reply_gets_the_crisis_go_ahead(responder, message):
    reply = responder.respond(message, earlier=[CRISIS])
    assert reply.text == text_of(responder, "self_harm_getting_help")
    assert "116 123" in reply.text  # the crisis line is still in it


@pytest.mark.parametrize("message", ["who do I call?", "what's the number?", "should I go to A&E?",
                                     "what should I do"])
def test_asking_whom_to_call_gets_the_urgent_reply_again(responder, message):
    reply = responder.respond(message, earlier=[SYMPTOM])
    assert reply.kind == "emergency"
    assert reply.text == text_of(responder, "urgent")


@pytest.mark.parametrize("message", ["I'll call them but it's getting worse", "still can't feel them",
                                     "ok calling now, but my legs are numb too"])
def test_going_on_describing_is_still_urgent(responder, message):
    reply = responder.respond(message, earlier=[SYMPTOM])
    assert reply.kind == "emergency"


def test_a_message_urgent_on_its_own_gets_its_own_urgent_reply(responder):
    reply = responder.respond("ok calling 999, I want to die", earlier=[SYMPTOM])
    assert reply.kind == "emergency"
    assert reply.text == text_of(responder, "self_harm")


@pytest.mark.parametrize("message", ["ok thanks", "I'll call the clinic to book", "who do I call to book?"])
def test_after_an_ordinary_answer_the_same_words_are_read_as_usual(responder, message):
    earlier = "who does the injection?"
    assert responder.respond(earlier).kind == "answer"
    reply = responder.respond(message, earlier=[earlier])
    assert reply.reason != "getting_help" and reply.kind != "emergency"


def test_without_the_go_ahead_texts_getting_help_gets_the_urgent_reply_again(tmp_path: Path):
    # both texts are optional: an FAQ folder written before they existed keeps working, and stays on the safe side
    folder = copy_faq(tmp_path)
    drop_texts(folder, "urgent_getting_help", "self_harm_getting_help")
    faq = load_faq(folder)
    responder = Responder(faq)
    assert responder.respond("ok I'll ring them now", earlier=[SYMPTOM]).text == faq.texts["urgent"].strip()
    assert responder.respond("ok", earlier=[CRISIS]).text == faq.texts["self_harm"].strip()


@pytest.mark.parametrize("message", ["can I do the follow-up by phone instead?", "who does the injection?"])
def test_another_question_after_the_urgent_reply_is_answered_as_usual(responder, message):
    reply = responder.respond(message, earlier=[SYMPTOM])
    assert reply.kind != "emergency" and reply.reason != "getting_help"
