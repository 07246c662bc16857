"""Safety triage, triage5: kinds of false alarm fixed in the rules (a phrase read across sentences, an
animal's symptom), each with the urgent message it must not cost."""

from __future__ import annotations

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.triage import Triage


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage(load_faq(DEFAULT_FAQ_DIR))


def test_a_self_harm_phrase_is_not_read_across_a_sentence_end(triage: Triage) -> None:
    assert triage.check("I am 81 and live alone. Will somebody need to stay with me the first night?") is None


def test_a_self_harm_phrase_within_its_sentence_or_over_two_messages_is_still_read(triage: Triage) -> None:
    flag = triage.check("I am 81 and live alone, and I have lost the will to live")
    assert flag is not None and flag.self_harm
    flag = triage.check("the will to live has gone since the injection failed", earlier=["honestly I've lost"])
    assert flag is not None and flag.self_harm


def test_a_symptom_may_still_be_told_over_two_sentences(triage: Triage) -> None:
    message = "Had my epidural on Monday and I've got a really bad headache. My neck is stiff too"
    assert triage.check(message) is not None


def test_an_animals_symptom_is_not_the_writers(triage: Triage) -> None:
    assert triage.check("My dog had a seizure yesterday so I might be late if the vet runs over") is None


@pytest.mark.parametrize("message", [
    "my dog jumped on my back and now my legs are numb",
    "the dog knocked me over and now my leg is numb",
    "My dog had a seizure and I have had a fever since the injection",
])
def test_a_pet_in_the_message_does_not_hide_the_writers_symptom(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and not flag.self_harm


@pytest.mark.parametrize("message", [
    "No thoughts of harming myself, just a bit low about the pain. The form said to tell you how I'm feeling.",
    "Please note for my file that I have no thoughts of self-harm and no concerns about my mood.",
    "Had an overdose of coffee this morning and I'm jittery, will that affect the procedure?",
])
def test_a_screening_answer_or_a_drink_is_not_self_harm(triage: Triage, message: str) -> None:
    assert triage.check(message) is None


@pytest.mark.parametrize("message", [
    "No thoughts of harming myself, but I want to kill myself tonight",
    "I took an overdose of my tablets with coffee",
    "I keep having thoughts of harming myself",
])
def test_a_denial_or_a_drink_does_not_hide_self_harm_said_elsewhere(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and flag.self_harm


# (lead, fifth round: the kinds of studied set 6's last misses)
@pytest.mark.parametrize("message", [
    "kms if this injection doesnt work fr", "honestly might just unalive myself",
    "I don't see the point in living anymore", "thinking of just not waking up tomorrow, is that bad",
])
def test_self_harm_in_shorthand_or_as_a_wish_not_to_wake_gets_the_crisis_reply(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and flag.self_harm


def test_kilometres_are_not_kill_myself(triage: Triage) -> None:
    assert triage.check("I walked 5 kms the day after my injection, is that ok?") is None


def test_a_carer_who_was_told_gets_the_reply_for_someone_elses_words(triage: Triage) -> None:
    flag = triage.check("My son (22) has back pain and told me today he doesn't see the point in living.")
    assert flag is not None and flag.self_harm and flag.someone_else
    flag = triage.check("I told my husband I want to end it all")
    assert flag is not None and flag.self_harm and not flag.someone_else


def test_a_drowsy_relative_still_gets_the_urgent_reply_not_the_crisis_one(triage: Triage) -> None:
    flag = triage.check("I think mum is not waking up properly after the epidural")
    assert flag is not None and not flag.self_harm
