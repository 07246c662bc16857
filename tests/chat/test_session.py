"""One chat's conversation, as every front end has it: triage before the flood gate, messages read together,
numbers that pick from the list shown, follow-ups read against the last answer."""

from __future__ import annotations

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.chat.flood import FloodGate
from bot.chat.session import FOLLOW_UP_SECONDS, RECENT_SECONDS, Conversations
from bot.core.knowledge import load_faq
from bot.core.pipeline import Responder

CHAT = 7


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def responder() -> Responder:
    return Responder(load_faq(DEFAULT_FAQ_DIR))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def chats(responder, clock) -> Conversations:
    return Conversations(lambda: responder, flood=FloodGate(limit=3, clock=clock), clock=clock)


class Recording:
    """A responder stand-in that records what the session passes to the core."""

    def __init__(self, real: Responder) -> None:
        self.real = real
        self.faq = real.faq
        self.calls: list[dict] = []

    def respond(self, text, **context):
        self.calls.append({"text": text, **context})
        return self.real.respond(text, **context)

    def answer_entry(self, entry_id):
        return self.real.answer_entry(entry_id)


def test_urgent_message_is_answered_even_when_the_chat_floods(chats, responder):
    for _ in range(10):
        chats.message(CHAT, "who does the injection?")
    assert chats.message(CHAT, "who does the injection?") is None  # the flood is quiet...
    urgent = chats.message(CHAT, "I have had a fever since the injection yesterday")
    assert urgent is not None and urgent.reply.kind == "emergency"  # ...but never to an urgent message
    assert urgent.text == responder.faq.texts["urgent"].strip() or responder.faq.texts["urgent"].strip() in urgent.text


def test_first_message_over_the_limit_gets_one_slow_down(chats, responder):
    replies = [chats.message(CHAT, "who does the injection?") for _ in range(6)]
    assert [r.text if r else None for r in replies[3:]] == [responder.faq.texts["slow_down"].strip(), None, None]


def test_earlier_messages_of_the_last_minutes_are_passed_to_the_triage(responder, clock):
    recording = Recording(responder)
    chats = Conversations(lambda: recording, flood=FloodGate(limit=20, clock=clock), clock=clock)
    chats.message(CHAT, "had my epidural on monday")
    clock.now += 60
    chats.message(CHAT, "and a bad headache today")
    assert recording.calls[-1]["earlier"] == ("had my epidural on monday",)
    clock.now += RECENT_SECONDS + 1
    chats.message(CHAT, "and my neck is stiff")
    assert recording.calls[-1]["earlier"] == ()  # too long ago to be one story
    assert all("earlier" in c for c in recording.calls)


def test_other_chats_messages_are_never_read_together(responder, clock):
    recording = Recording(responder)
    chats = Conversations(lambda: recording, flood=FloodGate(limit=20, clock=clock), clock=clock)
    chats.message(1, "I had my injection yesterday")
    chats.message(2, "and now I have a fever")
    assert recording.calls[-1]["earlier"] == ()


def test_the_entry_just_answered_is_passed_for_a_follow_up(responder, clock):
    recording = Recording(responder)
    chats = Conversations(lambda: recording, flood=FloodGate(limit=20, clock=clock), clock=clock)
    first = chats.message(CHAT, "will I get a headache after the injection?")
    assert first.reply.faq_id == "post-procedure-headache"
    chats.message(CHAT, "and how long does that last?")
    assert recording.calls[-1]["previous"] == "post-procedure-headache"
    clock.now += FOLLOW_UP_SECONDS + 1
    chats.message(CHAT, "is that normal?")
    assert recording.calls[-1]["previous"] is None


def test_a_number_picks_from_the_suggestions_just_shown(chats, responder):
    suggestion = None
    for question in ("headache or risks?", "safe risks", "the injection", "tell me about the risks or safety"):
        suggestion = chats.message(CHAT, question)
        if suggestion.reply.kind == "suggest":
            break
    assert suggestion.reply.kind == "suggest", "no candidate message gets suggestions from the shipped FAQ"
    second = suggestion.reply.suggestions[1]
    picked = chats.message(CHAT, "2")
    assert picked.reply.kind == "answer" and picked.reply.faq_id == second


def test_a_number_picks_from_topics(chats, responder):
    listing = chats.command(CHAT, "topics")
    first = listing.topics[0]
    assert f"1. {first.question}" in listing.text
    assert chats.message(CHAT, "1").reply.faq_id == first.id


def test_a_number_with_no_list_gets_a_helpful_line(chats, responder):
    reply = chats.message(CHAT, "2")
    assert reply.text == responder.faq.texts["number_not_in_list"].strip()
    chats.command(CHAT, "topics")
    assert chats.message(CHAT, "99").text == responder.faq.texts["number_not_in_list"].strip()


def test_a_caption_is_read_like_a_message(chats):
    reply = chats.attachment(CHAT, "I've had a fever since my injection and the site looks like this")
    assert reply.reply.kind == "emergency"


def test_an_attachment_without_caption_gets_the_non_text_reply(chats, responder):
    reply = chats.attachment(CHAT, None).text
    assert reply.startswith(responder.faq.texts["non_text"].strip())
    assert reply.endswith(responder.faq.texts["safety_line"].strip())


def test_deep_link_answers_and_unknown_payload_welcomes(chats, responder):
    assert chats.command(CHAT, "start", ["who-performs"]).reply.faq_id == "who-performs"
    assert chats.command(CHAT, "start", ["no-such-entry"]).text == responder.faq.texts["welcome"].strip()


def test_a_removed_entry_button_says_so(chats, responder):
    assert chats.choose(CHAT, "entry-removed-since").text == responder.faq.texts["unknown_entry"].strip()


def test_memory_is_bounded(responder, clock):
    chats = Conversations(lambda: responder, flood=FloodGate(limit=20, clock=clock), clock=clock, max_chats=5)
    for chat_id in range(50):
        chats.message(chat_id, "who does the injection?")
    assert len(chats._chats) == 5


def test_after_an_urgent_reply_the_next_question_is_read_afresh(chats):
    assert chats.message(CHAT, "I have had a fever since the injection yesterday").reply.kind == "emergency"
    assert chats.message(CHAT, "who does the injection?").reply.kind == "answer"


def test_going_on_describing_after_an_urgent_reply_gets_it_again(responder, clock):
    chats = Conversations(lambda: responder, flood=FloodGate(limit=20, clock=clock), clock=clock)
    assert chats.message(CHAT, "I've had a fever since my injection yesterday").reply.kind == "emergency"
    assert chats.message(CHAT, "still the same this morning").reply.kind == "emergency"
    # "ok thank you" says the person is getting help: a short go-ahead, not "Hello" nor the whole reply again
    assert chats.message(CHAT, "ok thank you").reply.reason == "getting_help"
    # a number after it is read as it is
    picked = chats.message(CHAT, "2")  # (a number is a pick from a list: no Reply of the pipeline)
    assert picked is not None and picked.reply is None and "number" in picked.text


def test_topics_come_in_the_order_staff_set(chats, responder):
    listing = chats.command(CHAT, "topics")
    assert listing.topics == responder.faq.topics_in_order()
    assert listing.topics[0].id == "what-are-interlaminar-injections"  # what it is comes first, not by file name


@pytest.mark.parametrize("thanks", ["thanks doc", "bye for now", "cheers, that's great 👍"])
def test_thanks_after_an_answer_is_small_talk_not_a_follow_up(responder, clock, thanks):
    chats = Conversations(lambda: responder, flood=FloodGate(limit=20, clock=clock), clock=clock)
    assert chats.message(CHAT, "will I get a headache after the injection?").reply.kind == "answer"
    out = chats.message(CHAT, thanks)
    assert out.reply.reason == "small_talk"
    assert not out.reply.is_gap  # never kept for the staff report


def test_getting_help_after_an_urgent_reply_is_never_held_back_by_the_flood_gate(responder, clock):
    chats = Conversations(lambda: responder, flood=FloodGate(limit=2, clock=clock), clock=clock)
    for _ in range(3):
        chats.message(CHAT, "who does the injection?")  # the chat is now over its limit
    assert chats.message(CHAT, "I've had a fever since my injection yesterday").reply.kind == "emergency"
    out = chats.message(CHAT, "ok calling them now")
    assert out is not None and out.reply.reason == "getting_help"
