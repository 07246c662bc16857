"""Thanks, greetings and goodbyes always get the small-talk reply, by their shape; a pleasantry that
also asks something is a question."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.pipeline import Responder, is_small_talk
from bot.core.small_talk import SmallTalk
from tests.faq_copy import copy_faq, drop_texts


@pytest.fixture(scope="module")
def responder() -> Responder:
    return Responder(load_faq(DEFAULT_FAQ_DIR))


PLEASANTRIES = [
    # only small-talk words
    "thanks doc", "Thank you very much, you have been most helpful.", "thx x", "Goodbye.", "cheers", "ok great",
    "much appreciated", "Many thanks for your help, Dr. Smith", "great, thanks again", "ta very much",
    # a pleasantry with a few words that ask nothing and name nothing the FAQ is about
    "bye for now", "thanks mate", "cheers love x", "Thanks a million!", "thanks heaps", "night night x",
    "thank you so much for your time", "you're a star, thank you", "I appreciate it", "much obliged",
    # spellings and emoji
    "thnx", "thank u", "tq", "thanks 😊", "👍", "🙏🙏",
    # good wishes, slips and questions about the bot itself, not about the injection
    "lol ok", "sorry wrong chat", "test", "Are you a real person?",
    "Hello are you there?", "is this a bot?", "happy new year everyone",
    "Merry Christmas to all the staff!", "have a nice weekend, bye",
    # a greeting alone, a courtesy shaped as a question, thanks for someone else, a hesitation
    "Dear Doctor,", "Good afternoon Dr. Okafor", "how are you today?", "hi, hope you are well",
    "that's reassuring, thanks", "thank you on behalf of my husband", "hmm ok", "oh ok thank you",
]


@pytest.mark.parametrize("message", PLEASANTRIES)
def test_pleasantries_get_the_small_talk_reply_and_stay_out_of_the_report(responder: Responder, message: str) -> None:
    reply = responder.respond(message)
    assert reply.reason == "small_talk", reply
    friendly = [responder.faq.texts[k].rstrip() for k in ("small_talk", "small_talk_thanks", "small_talk_goodbye")]
    assert any(reply.text.startswith(text) for text in friendly), reply.text
    assert not reply.is_gap


# A broad list written as patients sign off (tests/core/pleasantries.yaml), none from an evaluation set.
WRITTEN_PLEASANTRIES = yaml.safe_load((Path(__file__).parent / "pleasantries.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("message", WRITTEN_PLEASANTRIES)
def test_every_written_sign_off_gets_the_small_talk_reply(responder: Responder, message: str) -> None:
    reply = responder.respond(message)
    assert reply.reason == "small_talk", reply
    assert not reply.is_gap


@pytest.mark.parametrize("message", ["talk soon", "no problem", "no worries", "ok I'll speak to my doctor",
                                     "thanks for getting back to me", "have a good weekend"])
def test_a_sign_off_of_several_words_is_one_pleasantry_though_its_words_name_a_topic(
        responder: Responder, message: str) -> None:
    # "talk", "problem", "doctor" and "back" are words of the FAQ's entries
    assert responder.respond(message).reason == "small_talk"


@pytest.mark.parametrize("message", ["thankssss", "byeeee", "thank youuuu", "cheersss x"])
def test_drawn_out_letters_are_read_as_the_word(responder: Responder, message: str) -> None:
    assert responder.respond(message).reason == "small_talk"


@pytest.mark.parametrize(
    "message",
    ["have a good day, is it safe?", "talk soon, what are the risks", "no problems after the injection?",
     "nothing else has worked for my back pain", "i will ask my doctor about the risks", "will do any good?",
     "good luck with what?", "I see the doctor tomorrow, will it hurt"],
)
def test_a_sign_off_phrase_inside_a_question_leaves_it_a_question(responder: Responder, message: str) -> None:
    assert responder.respond(message).reason != "small_talk"


def test_thanks_youve_been_a_star_is_small_talk_not_a_crisis(responder: Responder) -> None:
    # (the model reads it as a farewell, self-harm 0.91, but it only thanks: it names nothing of harm or an ending;
    # triage10's `model_alarm_concepts`)
    assert responder.respond("thanks, you've been a star").reason == "small_talk"


@pytest.mark.parametrize(
    "message",
    ["thanks, is it safe?", "thanks doc, is it safe", "thanks, how long does it last", "hi, does it hurt",
     "hello doc, should I have the injection?", "cheers, who does the injection", "thanks, what are the risks",
     "thanks for the info, does it work", "hi, cost", "bye, thanks. one more: is it painful",
     # small-talk words only, shaped as a question
     "Will it help?", "will it help", "is it good for me?",
     # a courtesy with a question of its own
     "hope you are well, is the injection safe?", "how are you feeling after the injection?",
     "thank you on behalf of my mum, does it hurt?",
     # a time of day that tells when, not a greeting
     "still the same this morning", "no better since yesterday evening"],
)
def test_a_pleasantry_that_asks_something_is_a_question(responder: Responder, message: str) -> None:
    assert responder.respond(message).reason != "small_talk"


@pytest.mark.parametrize("message", ["?", "...", "", "   "])
def test_punctuation_alone_is_not_small_talk(message: str) -> None:
    assert not SmallTalk()(message)


def test_a_topic_word_of_this_faq_makes_a_short_message_a_question() -> None:
    faq = load_faq(DEFAULT_FAQ_DIR)
    detector = SmallTalk(faq)
    assert detector("thanks, headache") is False
    assert detector("thanks mate") is True


def test_without_an_faq_unknown_words_count_as_topics() -> None:
    # staff tools (the report) have no FAQ at hand: "mate" is not known to be harmless there
    assert is_small_talk("thanks doc")
    assert not is_small_talk("thanks, sciatica")


def test_a_long_message_with_thanks_is_not_small_talk(responder: Responder) -> None:
    message = "thank you, my dad had the injection on monday and since then his back aches more than before"
    assert responder.respond(message).reason != "small_talk"


@pytest.mark.parametrize("message", ["no that's everything, thanks", "no more questions, thank you for everything",
                                     "that's all for now thanks x"])
def test_the_end_of_the_questions_is_small_talk_never_a_crisis(responder: Responder, message: str) -> None:
    # the triage's model reads "thanks for everything" as a possible farewell; a closing of the questions is not
    reply = responder.respond(message)
    assert reply.reason == "small_talk", reply


@pytest.mark.parametrize("message", ["that's everything. I have the rope", "that's all, sorry for everything",
                                     "no more questions. tonight's the night, thanks for everything"])
def test_a_closing_beside_words_of_harm_still_gets_the_crisis_reply(responder: Responder, message: str) -> None:
    assert responder.respond(message).reason == "self_harm"


@pytest.mark.parametrize("message", ["treat", "thanks, is it safe?", "tank you, does it hurt"])
def test_a_mistyped_thanks_is_read_only_in_a_short_message_that_asks_nothing(
        responder: Responder, message: str) -> None:
    # "treat" is a word of the FAQ, never read as "great"
    assert responder.respond(message).reason != "small_talk"


@pytest.mark.parametrize(
    ("message", "text"),
    [("hi", "small_talk"), ("Good afternoon Dr. Okafor", "small_talk"), ("are you a real person?", "small_talk"),
     ("thanks doc", "small_talk_thanks"), ("thx x", "small_talk_thanks"), ("thnaks", "small_talk_thanks"),
     ("Thank you very much, you have been most helpful.", "small_talk_thanks"),
     ("that's put my mind at rest", "small_talk_thanks"), ("thankssss", "small_talk_thanks"),
     ("ok bye", "small_talk_goodbye"), ("Goodbye.", "small_talk_goodbye"), ("thanks, take care", "small_talk_goodbye"),
     ("cheers, talk soon", "small_talk_goodbye"), ("have a nice weekend", "small_talk_goodbye")],
)
def test_a_greeting_a_thank_you_and_a_goodbye_each_get_their_own_reply(
    responder: Responder, message: str, text: str
) -> None:
    # "Hello" is an odd reply to "thanks, bye": each kind gets the text staff wrote for it, then the safety line
    reply = responder.respond(message)
    assert reply.reason == "small_talk"
    assert reply.text.startswith(responder.faq.texts[text].rstrip())
    assert responder.faq.texts["safety_line"].strip() in reply.text


def test_an_faq_without_the_thanks_and_goodbye_texts_still_loads_and_thanks_get_its_small_talk_reply(
    tmp_path: Path,
) -> None:
    # the two texts are optional: an FAQ folder written before they existed keeps working
    folder = copy_faq(tmp_path)
    drop_texts(folder, "small_talk_thanks", "small_talk_goodbye")
    faq = load_faq(folder)
    for message in ("thanks doc", "ok bye"):
        assert Responder(faq).respond(message).text.startswith(faq.texts["small_talk"].rstrip())


# matching14: thanks with relief, a greeting of several words, a remark before the thank-you
@pytest.mark.parametrize("message", [
    "Thanks ever so much, I feel a lot better now.", "Good day to you, doctor.",
    "My daughter has just arrived so I'll stop bothering you. Thanks for all your help."])
def test_relief_greetings_and_a_remark_before_thanks_get_the_friendly_reply(responder: Responder, message: str) -> None:
    assert responder.respond(message).reason == "small_talk"


@pytest.mark.parametrize("message", ["I had my epidural last Tuesday. Thanks.", "My back is no better. Thanks anyway.",
                                     "I can't sleep with the pain. Is that normal? Thanks."])
def test_a_remark_about_the_injection_or_the_pain_before_thanks_is_not_small_talk(
        responder: Responder, message: str) -> None:
    assert responder.respond(message).reason != "small_talk"
