"""Safety triage, triage11: urgent signs told vividly, formally or as passed, readings of a diabetic, self-harm
said in other words; and the look-alikes told as long-standing, as someone else's story or as supposed. Each test
is one kind (our own wording), with the urgent message it must not cost where there is one."""

from __future__ import annotations

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.triage import Triage


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage(load_faq(DEFAULT_FAQ_DIR))


def _symptom_reply(triage: Triage, message: str) -> bool:
    flag = triage.check(message)
    return flag is not None and not flag.self_harm


def _crisis_reply(triage: Triage, message: str) -> bool:
    flag = triage.check(message)
    return flag is not None and flag.self_harm


def test_a_dash_between_words_ends_a_clause(triage: Triage) -> None:
    assert _symptom_reply(triage, "not a problem — legs gave way on the stairs")
    assert _symptom_reply(triage, "honestly no—my leg is numb")


def test_a_leg_getting_weaker_after_a_practical_question_is_urgent(triage: Triage) -> None:
    message = "How do I move my physio slot? My left leg has got weaker all afternoon and I need a stick for the loo"
    assert _symptom_reply(triage, message)


def test_severe_pain_told_vividly_or_formally_is_urgent(triage: Triage) -> None:
    assert _symptom_reply(triage, "bent over and it was like my spine cracked in two, cannot stand straight now")
    assert _symptom_reply(triage, "sorry it's late but the pain is off the scale tonight, never had pain like this")
    assert _symptom_reply(triage, "On rising I had a sudden escalation of pain, quite unlike my usual, I am immobile")


def test_severe_pain_unlike_the_long_standing_one_is_urgent(triage: Triage) -> None:
    message = "Since waking, an abrupt increase in pain, quite unlike my chronic pain; I am immobile"
    assert _symptom_reply(triage, message)
    assert triage.check("it's my usual chronic pain, nothing new, is it ok to take ibuprofen?") is None


def test_an_allergic_reaction_in_a_clinicians_words_is_urgent(triage: Triage) -> None:
    message = "Urticarial wheals on the torso and periorbital oedema since the block, breathing noisy"
    assert _symptom_reply(triage, message)


def test_chest_pressure_played_down_is_urgent(triage: Triage) -> None:
    message = "likely just heartburn from the steroid, there's a crushing weight on my chest and I feel clammy"
    assert _symptom_reply(triage, message)


def test_an_injection_mark_grown_red_and_throbbing_is_urgent(triage: Triage) -> None:
    message = "one of the needle marks is now a hot raised patch the size of a coaster and it throbs"
    assert _symptom_reply(triage, message)


def test_a_diabetics_high_sugar_or_ketones_is_urgent(triage: Triage) -> None:
    assert _symptom_reply(triage, "I'm type 1, since the steroid my blood sugar is 24 and ketones 2.1")
    assert _symptom_reply(triage, "glucose 420 mg/dL tonight after the epidural")
    assert triage.check("my sugars were 11 yesterday after the steroid, the nurse said to expect it") is None
    assert triage.check("ketones 0.3 this morning, all fine") is None


def test_a_passed_stroke_sign_is_still_urgent(triage: Triage) -> None:
    assert _symptom_reply(triage, "my hand went numb and my speech went funny for five minutes, back to normal now")
    long_ago = "I had a TIA in 2014 and my speech was slurred for a day, does that matter for the injection?"
    assert triage.check(long_ago) is None


@pytest.mark.parametrize("message", [
    "i od on my tramadol",
    "she od'd with her sleeping tablets",
    "Goodbye, it's been nice knowing you all, please cancel my appointments for good",
    "I have the blade in my hand now",
    "Dignitas costs too much so I'll do it myself",
    "Can I drive home after? I've been squirrelling away my codeine for when I've had enough",
    "I have no wish to go on living like this",
])
def test_self_harm_said_in_other_words_gets_the_crisis_reply(triage: Triage, message: str) -> None:
    assert _crisis_reply(triage, message)


@pytest.mark.parametrize("message", [
    "my leg feels odd on the left side this week, is that the nerve settling?",
    "I have made arrangements for my cat to be fed while I'm at the clinic, how long will I be there?",
])
def test_everyday_words_near_those_are_not_self_harm(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is None or not flag.self_harm


@pytest.mark.parametrize("message", [
    "I've always run cold and get the shivers, that's just how I am",
    "my ankle has been weak since I had polio as a boy, will the injection help it?",
    "the numb bit on my thigh has been there since about a year ago, no different since the injection",
])
def test_a_long_standing_sign_is_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None


@pytest.mark.parametrize("message", [
    "my cousin overseas cannot walk after an injection, should I be worried?",
    "my mate's gran couldn't pee after her epidural, does that happen a lot?",
    "someone in my facebook group said she lost bowel control after hers",
    "my workmate's leg went numb for days after his, is he exaggerating?",
])
def test_an_acquaintances_story_is_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None


@pytest.mark.parametrize("message", [
    "my colleague has collapsed at work after his epidural, what do I do?",
    "my mate's leg is numb since his injection yesterday, is that common?",
    "my dad can't walk after his injection this morning, should I be worried?",
])
def test_someone_elses_sign_happening_now_is_still_urgent(triage: Triage, message: str) -> None:
    assert _symptom_reply(triage, message)


def test_a_carer_supposing_is_not_urgent(triage: Triage) -> None:
    assert triage.check("if mum gets confused afterwards like she did after her knee op, who do we ring?") is None
