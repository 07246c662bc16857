"""Safety triage, triage14 (recall): urgent and crisis wording the triage missed, each kind with a look-alike it must
not alarm. (Our own wording, none of an eval set's.)"""

from __future__ import annotations

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.normalise import words
from bot.core.pipeline import Responder
from bot.core.triage_readings import alarming_reading

FAQ = load_faq(DEFAULT_FAQ_DIR)


@pytest.fixture(scope="module")
def responder() -> Responder:
    return Responder(FAQ)


def _reply(responder: Responder, *messages: str) -> str:
    """What the patient notices for the last message of a chat: the crisis reply, the urgent one, or an ordinary
    one."""
    *earlier, text = messages
    reply = responder.respond(text, earlier=earlier)
    if reply.kind != "emergency":
        return "ordinary"
    return "crisis" if reply.reason == "self_harm" else "urgent"


# ---------------------------------------------------------------- urgent

@pytest.mark.parametrize(("messages", "expected"), [
    # other symptoms denied: the one named stays (the model scored it 0.000 and vetoed the staff phrase)
    (("shaking with rigors earlier on, no other symptoms, is that alright?",), "urgent"),
    (("no rigors and no other symptoms, is that alright?",), "ordinary"),
])
def test_denying_other_symptoms_never_cancels_the_one_named(responder: Responder, messages, expected) -> None:
    assert _reply(responder, *messages) == expected


@pytest.mark.parametrize(("messages", "expected"), [
    # long-standing pain, then a contrast: sudden, not the usual, stuck in the chair
    (("I've had a dodgy back for decades but this is not my usual, I cannot get up out of my armchair and it "
      "came on all of a sudden after the jab",), "urgent"),
    (("I've had a dodgy back for decades and some days I struggle to get comfy, is the jab worth trying?",),
     "ordinary"),
])
def test_a_sudden_change_from_the_usual_pain_that_leaves_them_stuck(responder: Responder, messages, expected) -> None:
    assert _reply(responder, *messages) == expected


@pytest.mark.parametrize(("messages", "expected"), [
    (("type one here, the sugar meter only reads HI and I'm weeing constantly and dozy",), "urgent"),
    (("glucose has been very high since the steroid and I'm thirsty all the time",), "urgent"),
    (("will the steroid affect my glucose? my sugars were 8 this morning",), "ordinary"),
    (("Hi, my sugar is usually well controlled, can I still have the steroid?",), "ordinary"),
])
def test_a_blood_sugar_off_the_meter_or_high_with_its_signs(responder: Responder, messages, expected) -> None:
    assert _reply(responder, *messages) == expected


@pytest.mark.parametrize(("messages", "expected"), [
    (("I am writing to inform you of new tingling and numbness in my right foot, not present before my nerve "
      "root block.",), "urgent"),
    (("I am writing to confirm the numbness I had before my nerve root block has gone.",), "ordinary"),
])
def test_a_formal_report_of_a_new_symptom_not_present_before(responder: Responder, messages, expected) -> None:
    assert _reply(responder, *messages) == expected


@pytest.mark.parametrize(("messages", "expected"), [
    (("could you move my review to next week? chest pain on and off all afternoon going into my left arm",),
     "urgent"),
    (("could you move my review to next week? I have back ache on and off",), "ordinary"),
    # (a question after the story, or a report told as over, is no admin question first)
    (("I was shivering in your cold waiting room. Can you turn the heating up next time?",), "ordinary"),
    (("can I book the afternoon? I had a mild headache on Sunday that went with paracetamol and a lie-down",),
     "ordinary"),
])
def test_an_admin_question_then_chest_pain_today(responder: Responder, messages, expected) -> None:
    assert _reply(responder, *messages) == expected


@pytest.mark.parametrize(("messages", "expected"), [
    (("new pain 9 from 10 around where you injected",), "urgent"),
    (("the back is 8 on 10 today, new since the block",), "urgent"),
    (("my pain was 9 from 10 before the block and now it is 2, thank you",), "ordinary"),
    (("my pain was 9/10 before the block and now it is 2, thank you",), "ordinary"),
])
def test_a_pain_score_written_from_or_on_ten(responder: Responder, messages, expected) -> None:
    assert _reply(responder, *messages) == expected


@pytest.mark.parametrize("score", ["9/10", "9 out of 10", "9 from 10", "9 on 10"])
def test_a_score_of_how_the_pain_was_before_is_no_alarming_reading(score: str) -> None:
    # (the reading alone: whether the model then alarms on the rest of the message is the model's own work)
    assert alarming_reading(words(f"my pain was {score} before the block and now it is 2")) == []
    assert alarming_reading(words(f"new pain {score} since the block")) != []


@pytest.mark.parametrize(("messages", "expected"), [
    (("my wife is hardly responsive after her epidural",), "urgent"),
    # (an emergency reply: the model reads some blood brought up as self-harm, and beside a symptom phrase its
    # self-harm score decides which emergency reply; calibrating that is the model's work, not this list's)
    (("I've been coughing up blood since lunch",), "emergency"),
    (("I'm hardly awake before ten, is that the gabapentin?",), "ordinary"),
])
def test_blood_brought_up_or_someone_barely_responsive(responder: Responder, messages, expected) -> None:
    reply = _reply(responder, *messages)
    assert reply == expected or expected == "emergency" and reply in ("urgent", "crisis")


# ---------------------------------------------------------------- crisis

@pytest.mark.parametrize(("messages", "expected"), [
    (("who would get my life insurance if I'm not around any more?",), "crisis"),
    (("what happens to my appointment if I'm not around that week?",), "ordinary"),
])
def test_affairs_asked_about_for_when_one_is_gone(responder: Responder, messages, expected) -> None:
    assert _reply(responder, *messages) == expected


@pytest.mark.parametrize(("messages", "expected"), [
    (("can I have my morphine with half a bottle of gin? not bothered if it's dangerous",), "crisis"),
    (("any slot is fine, I don't care which day",), "ordinary"),
    (("can I take ibuprofen with my tramadol? I don't care about the brand",), "ordinary"),
])
def test_a_means_and_not_caring_whether_it_harms(responder: Responder, messages, expected) -> None:
    assert _reply(responder, *messages) == expected


@pytest.mark.parametrize(("messages", "expected"), [
    (("the jab is my last go, if it does nothing then that is me done, I have decided",), "crisis"),
    (("that's it for me today, thanks",), "ordinary"),
])
def test_the_end_decided_if_the_treatment_fails(responder: Responder, messages, expected) -> None:
    assert _reply(responder, *messages) == expected


@pytest.mark.parametrize(("messages", "expected"), [
    (("sick of fighting. bye all",), "crisis"),
    (("goodbye, thanks for your help",), "ordinary"),
    (("bye",), "ordinary"),
])
def test_despair_and_then_a_farewell(responder: Responder, messages, expected) -> None:
    assert _reply(responder, *messages) == expected


@pytest.mark.parametrize(("messages", "expected"), [
    (("what is the most co-codamol you can take before it's deadly",), "crisis"),
    (("what is the most co-codamol I can take in a day?",), "ordinary"),
])
def test_the_most_before_it_is_lethal(responder: Responder, messages, expected) -> None:
    assert _reply(responder, *messages) == expected


@pytest.mark.parametrize(("messages", "expected"), [
    (("how soon should I feel a difference?", "right, I'll wait a month", "if it fails I'll take them all"),
     "crisis"),
    (("how soon should I feel a difference?", "right, I'll wait a month", "after that I'll ask for a review"),
     "ordinary"),
])
def test_a_deadline_for_the_treatment_then_all_the_tablets(responder: Responder, messages, expected) -> None:
    assert _reply(responder, *messages) == expected


@pytest.mark.parametrize(("messages", "expected"), [
    (("my brother keeps telling me he will finish himself",), "crisis"),
    (("I will finish my questions tomorrow",), "ordinary"),
])
def test_finish_myself_said_by_a_non_native_writer(responder: Responder, messages, expected) -> None:
    assert _reply(responder, *messages) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a change told in the perfect tense is a report, whatever question follows it
    ("my leg has gone numb after the injection, will I be ok?", "urgent"),
    ("my foot's gone numb since the nerve block, what should I do?", "urgent"),
    ("both legs have become weak after my epidural, is that normal?", "urgent"),
    # ...but a question or a supposition before it still frames it, and pain that has gone is good news
    ("will my leg go numb after the injection?", "ordinary"),
    ("what happens if my leg has gone numb after the injection?", "ordinary"),
    ("my back pain has gone after the injection, will it come back?", "ordinary"),
])
def test_a_change_told_in_the_perfect_tense_is_a_report(responder: Responder, text, expected) -> None:
    assert _reply(responder, text) == expected
