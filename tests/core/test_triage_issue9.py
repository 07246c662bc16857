"""The kinds of wording issue 9 lists, as the issue words them: described symptoms that must be urgent,
and the look-alikes that must not alarm. (The held-back blind sets are other messages of these kinds.)"""

from __future__ import annotations

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.triage import Triage

DESCRIBED = [
    "temp 38.4",
    "101.5 since last night",
    "I'm hot to the touch since the injection",
    "shaking uncontrollably since the jab",
    "hot one minute and freezing the next",
    "drenched in sweat since the injection",
    "I feel like I've got the flu since the epidural",
    "pins and needles spreading down both legs",
    "I've got a new numb patch on my thigh since the injection",
    "I've lost the feeling in my foot",
    "my leg felt like it wasn't there",
    "my knee keeps buckling",
    "I nearly went down on the stairs",
    "I can't feel the toilet seat",
    "wiping feels like someone else's body",
    "there's no feeling between my legs",
    "no water has come out since the morning and my stomach is painful",
    "I can't tell when a wee is coming and it dribbles",
    "my nightie was wet and I didn't know",
    "I had an accident in my pants and didn't feel it coming",
    "my headache is worse sitting up",
    "headache for three days, only eased lying flat",
    "light is hurting my eyes and my head is pounding",
    "there's a hard tender lump where the needle went in",
    "a swelling the size of an egg and getting bigger at the injection site",
    "it's bleeding through the plaster and won't stop, I'm on warfarin",
    "itchy raised welts all over",
    "my tongue feels thick",
    "my eyes are puffing up",
    "my lips and face are swelling",
    "my back pain is 10 out of 10 since the injection",
    "a completely different pain in my back, I can't move",
    "he is drowsy and hard to wake",
    "mum is talking strange words after a fall",
    "dad keeps asking the same questions",
    "she doesn't know what day it is",
    "he got lost in the house",
    "I've put all my tablets in one place",
    "I've been saving up my pills",
    "can I take the whole supply at once?",
    "what is the maximum dose, on purpose",
    "I won't be around for the follow-up",
    "I've been giving my things away",
    "my son left a goodbye note",
    "I keep thinking about the bridge",
    "I sat in the car with the engine running",
    "tonight's the night",
    "I've worked out how",
    "everyone would be better off without me",
    "I just want everything to stop",
    "I can't see any way out",
    "how long does the steroid take to work? I can't see any way out",
]

LOOK_ALIKES = [
    "the numbness I've had for two years from sciatica",
    "if my leg goes numb after the injection, should I worry?",
    "suppose I can't pee",
    "a seizure once in 2009, none since",
    "I fainted at a needle as a teenager",
    "my dad was paralysed after surgery in the 90s",
    "everyone would be better off if the clinic had a bigger car park",
    "legs fine, peeing fine, no headache",
    "my bank account is bleeding dry",
    "face a bit flushed, temperature normal, no swelling",
    "what counts as a high temperature after the procedure?",
    "is a headache after the injection common?",
    "what's the difference between acute and chronic pain?",
]


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage(load_faq(DEFAULT_FAQ_DIR))


@pytest.mark.parametrize("message", DESCRIBED)
def test_described_symptoms_and_indirect_self_harm_are_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is not None, message


@pytest.mark.parametrize("message", LOOK_ALIKES)
def test_look_alikes_of_issue_9_do_not_alarm(triage: Triage, message: str) -> None:
    assert triage.check(message) is None, message
