"""The frame of indirect self-harm phrases, and the past, hypothetical and long-standing frames: the staff
rules alone (a model that never finds anything urgent) and with a model that reads self-harm everywhere."""

from __future__ import annotations

import numpy as np
import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.triage import Triage
from bot.core.triage_lookalike import LookalikeModel
from bot.core.triage_model import DIMENSIONS, TriageModel

FAQ = load_faq(DEFAULT_FAQ_DIR)


class _Reporting(LookalikeModel):
    """A look-alike head that reads every message as a current report."""

    def __init__(self) -> None:
        pass

    def current(self, text: str) -> float:
        return 1.0


def _constant_model(urgent: float, self_harm: float) -> TriageModel:
    """A model whose scores are the same for every message: the rules are what is tested."""
    logit = np.log(np.array([urgent, self_harm]) / (1 - np.array([urgent, self_harm])))
    return TriageModel(np.zeros((DIMENSIONS, 2), dtype=np.float32), logit.astype(np.float32))


@pytest.fixture(scope="module")
def rules_only() -> Triage:
    return Triage(FAQ, model=_constant_model(0.001, 0.001))


@pytest.fixture(scope="module")
def model_reads_harm() -> Triage:
    return Triage(FAQ, model=_constant_model(0.6, 0.6))


INDIRECT_CRISIS = [
    "I won't be around for the follow-up",
    "Just so you know, I won't be around for the follow-up. Thank you for everything.",
    "I won't be around for the follow-up, I'm going away forever",
    "I will not come to next appointment because I go away forever",
    "tonight's the night",
    "I can't see a way out",
    "I just want everything to stop",
    "I've put all my tablets in one place",
    "I've been giving my things away, I won't need them after",
    "can I take the whole box at once?",
]

# The same words in ordinary life: what follows them gives them an everyday meaning.
INDIRECT_EVERYDAY = [
    "I can't see a way out of the car park, is there a pay machine?",
    "I won't be around for the follow-up, I'm on holiday that week, can we move it?",
    "wont be around for the follow up, away for work, can we rebook",
    "I just want everything to stop hurting so I can get back to work",
    "tonight's the night I finally sleep in my own bed!",
    "I'll take the whole box of leaflets for the waiting room",
    "I'm ready to go on holiday, can I fly after the injection?",
]


@pytest.mark.parametrize("message", INDIRECT_CRISIS)
def test_indirect_phrases_with_nothing_everyday_after_them_get_the_crisis_reply(
    rules_only: Triage, message: str
) -> None:
    flag = rules_only.check(message)
    assert flag is not None and flag.self_harm, message


@pytest.mark.parametrize("message", INDIRECT_EVERYDAY)
def test_indirect_phrases_given_an_everyday_meaning_do_not_alarm(rules_only: Triage, message: str) -> None:
    assert rules_only.check(message) is None, message


@pytest.mark.parametrize("message", INDIRECT_EVERYDAY)
def test_the_model_reading_harm_still_gets_the_crisis_reply(model_reads_harm: Triage, message: str) -> None:
    flag = model_reads_harm.check(message)
    assert flag is not None and flag.self_harm, message


def test_a_final_word_keeps_an_indirect_phrase_a_crisis_whatever_follows(rules_only: Triage) -> None:
    flag = rules_only.check("I won't be around for the follow-up, I'm on holiday, thanks for everything, goodbye")
    assert flag is not None and flag.self_harm


def test_explicit_phrases_are_a_crisis_whatever_follows(rules_only: Triage) -> None:
    flag = rules_only.check("I want to kill myself, I'm on holiday next week, can we move it?")
    assert flag is not None and flag.self_harm


@pytest.mark.parametrize(
    "message",
    [
        "years ago at my lowest I thought about ending it, I've had therapy and I'm in a good place now",
        "my nan took an overdose years ago when I was little, she's fine now",
    ],
)
def test_a_recovered_past_is_left_to_the_model(rules_only: Triage, message: str) -> None:
    assert rules_only.check(message) is None


def test_a_recovered_past_with_now_is_a_crisis(rules_only: Triage) -> None:
    flag = rules_only.check("I took an overdose years ago and I've been well since, but I want to end it all again")
    assert flag is not None and flag.self_harm


@pytest.mark.parametrize(
    "message",
    [
        "Should I develop a temperature following the procedure, whom should I contact?",
        "Were I to develop a headache with a stiff neck, would that be urgent?",
        "hypothetically, if someone lost control of their bladder after it, what happens?",
        "I fainted at a needle when I was 15",
        "the numbness in my feet I've had for a decade from diabetic neuropathy",
    ],
)
def test_hypotheticals_ages_and_long_standing_symptoms_do_not_alarm(rules_only: Triage, message: str) -> None:
    assert rules_only.check(message) is None


@pytest.mark.parametrize(
    "message",
    [
        "I fainted at the clinic this morning",
        "when I was getting up today my leg gave way",
        "I have diabetic neuropathy and since the injection both my legs are numb",
        "blurred vision and a bad headache since the injection",
        "I've had double vision since yesterday",
    ],
)
def test_the_same_symptoms_now_are_urgent(rules_only: Triage, message: str) -> None:
    assert rules_only.check(message) is not None


def test_an_everyday_word_of_a_self_harm_phrase_alone_needs_a_sure_model() -> None:
    fairly_sure = Triage(FAQ, model=_constant_model(0.6, 0.1))
    assert fairly_sure.check("where is the best place to park my car?") is None
    # (with a look-alike head that reads every message as a report: the main model alone decides here)
    # (and on a message that tells something: a plain question with no word of harm or the body is not enough for
    # even a sure model, tests/core/test_triage_model_alone.py)
    sure = Triage(FAQ, model=_constant_model(0.95, 0.1), lookalike=_Reporting())
    assert sure.check("I have found the best place to park my car") is not None


# ---------------------------------------------------------------- a second look at the frames


def test_a_reading_asked_about_is_the_writers_own(rules_only: Triage) -> None:
    # a question naming nobody is general, but a temperature someone quotes is theirs
    assert rules_only.check("Is 38.6 bad? Had my nerve root block on Friday and I'm shivery") is not None
    assert rules_only.check("would a temperature of 38.5 after the injection be a problem?") is None


def test_since_something_years_ago_is_long_standing(rules_only: Triage) -> None:
    assert rules_only.check("My wife has had a numb patch on her shin since her gallbladder came out years ago, "
                            "does that matter for the injection?") is None


def test_a_recovery_told_late_in_a_long_sentence_still_resolves_the_symptom(rules_only: Triage) -> None:
    assert rules_only.check("My foot went numb for a couple of hours after the injection, just like the nurse "
                            "warned us it could, and now it's back to normal") is None


def test_an_age_now_is_not_a_relapse_of_a_recovered_past(rules_only: Triage) -> None:
    assert rules_only.check("I took an overdose when I was 17, I'm 52 now and doing well. "
                            "Do you need that on the form?") is None


def test_what_the_injection_might_cause_is_a_question(rules_only: Triage) -> None:
    assert rules_only.check("I'm worn out from work at the moment. Will the injection make me sleepy?") is None


def test_a_denial_of_suicidal_feelings_is_not_a_crisis_but_other_wording_still_is(rules_only: Triage) -> None:
    assert rules_only.check("I'm not suicidal, just fed up that the jab hasn't kicked in yet") is None
    flag = rules_only.check("I'm not suicidal but I've been saving up my tablets")
    assert flag is not None and flag.self_harm


def test_standing_on_a_bridge_with_nothing_mattering_is_a_crisis(rules_only: Triage) -> None:
    flag = rules_only.check("I'm on the bridge by the river. Will the injection help? Doesn't matter now anyway.")
    assert flag is not None and flag.self_harm
    assert rules_only.check("sitting on the edge of the bed hurts, is that normal after the injection?") is None
    assert rules_only.check("I can feel my legs, no fever, no headache. I'm on track then?") is None


def test_a_reading_beside_what_the_model_reads_as_self_harm_gets_the_crisis_reply() -> None:
    message = "It's back to 8/10 every day since the injection wore off, and I've picked the place."
    flag = Triage(FAQ, model=_constant_model(0.9, 0.9)).check(message)
    assert flag is not None and flag.self_harm
    flag = Triage(FAQ, model=_constant_model(0.9, 0.1)).check(message)
    assert flag is not None and not flag.self_harm
    # ...and a reading is urgent whatever the model thinks
    assert Triage(FAQ, model=_constant_model(0.001, 0.001)).check("temp 38.6 since last night") is not None
