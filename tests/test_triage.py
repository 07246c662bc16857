"""Safety triage: urgent symptoms and self-harm, said outright or indirectly, and their look-alikes."""

from __future__ import annotations

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.knowledge import load_faq
from bot.triage import Triage


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage(load_faq(DEFAULT_FAQ_DIR))


@pytest.mark.parametrize(
    "message",
    [
        "I have a fever since my injection yesterday",
        "since the injection I have been burning up and shivering",
        "cant move my right leg properly since this mornings shot",
        "my bum and inner thighs feel numb since the procedure",
        "I have not been able to pee since yesterdays injection",
        "peed myself without noticing",
        "the spot where the needle went is swollen red and oozing",
        "my head is splitting and my neck is rigid after the epidural",
        "I am struggling to breathe",
        "chest pain after the injection",
        "she collapsed after the procedure and is not waking up properly",
        "collapsed in the kitchen",
        "he started shaking all over and wouldn't answer",
        "he is having convulsions",
        "my leg keeps giving way",
        "feaver and chils after the jab",  # typos
        "numb groin",  # fragment
        "mum wet herself and didnt notice after her injection",  # carer
    ],
)
def test_urgent_symptoms_are_caught(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and not flag.self_harm, message


@pytest.mark.parametrize(
    "message",
    [
        "I can't do this anymore",
        "nobody would miss me",
        "I've been saving up my tablets",
        "I just want to go to sleep and not wake up",
        "thinking about hurting myself",
        "I want to kill myself",
        "everyone would be better off without me",
        "what's the point anymore",
        "is there any point going on like this, I want to end it all",
    ],
)
def test_self_harm_is_caught_even_when_indirect(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and flag.self_harm, message


@pytest.mark.parametrize(
    "message",
    [
        "what are the risks of infection?",
        "can the shot cause weakness in the legs?",
        "my aunt had a fever after her injection years ago, how common is that?",
        "my brother ran a fever after his shot last spring, is infection common?",
        "is bleeding a risk?",
        "my back pain is killing me, what are my options",
        "will I get a headache after the shot",
        "could the injection paralyse me?",
        "what are the warning signs of an infection",
        "I don't have a fever, is it ok to go ahead",
        "how do I know if the injection site is infected",
        "who does the injection",
    ],
)
def test_ordinary_questions_about_risks_are_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None, message


def test_a_present_symptom_wins_over_question_words(triage: Triage) -> None:
    # a question word ("common") does not hide a symptom that is happening now
    assert triage.check("I have had a fever since the injection, is that common?") is not None


def test_empty_text_is_not_urgent(triage: Triage) -> None:
    assert triage.check("") is None
    assert triage.check("   \n\t") is None


def test_a_figure_of_speech_is_not_self_harm(triage: Triage) -> None:
    assert triage.check("I could die of embarrassment asking this, but will it hurt?") is None
    assert triage.check("I'm dying to know if it works") is None


def test_a_figure_of_speech_does_not_hide_real_self_harm_elsewhere(triage: Triage) -> None:
    flag = triage.check("I want to die. I'm dying of embarrassment even writing this")
    assert flag is not None and flag.self_harm
