"""Safety triage, triage19: a reassuring update (a mild, expected or passing effect told as such) gets no urgent reply;
a resolving word never takes away a red flag told now. In wordings of our own. The tests assert what the patient sees:
the crisis reply, the urgent reply, or neither."""

from __future__ import annotations

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.pipeline import Responder

from .seen import is_crisis, sees


@pytest.fixture(scope="module")
def responder() -> Responder:
    return Responder(load_faq(DEFAULT_FAQ_DIR))


# the model's own alarm: small or mild, going or gone, expected, or the writer's own verdict (each was an alarm before)
@pytest.mark.parametrize("message", [
    "little spot of blood on the plaster when I woke up, it's stopped now and it's dry",
    "there's a bruise about the size of a coin by the needle mark this evening, not getting bigger",
    "feeling a bit hot in the face in the evenings since the injection. Nothing dreadful.",
    "Back was sore last night, this morning much better and I've been for a walk.",
    "Slightly sore at the site today, they said it would be, feeling positive",
    "a bit tingly around the site this afternoon, everything else feels normal, they said it might",
])
def test_a_reassuring_update_gets_no_emergency_reply(responder: Responder, message: str) -> None:
    assert sees(responder, message).kind != "emergency"


# a staff symptom phrase told small, then going or expected (each was an alarm before)
@pytest.mark.parametrize("message", [
    "tiny bit of blood on the dressing this morning, it has stopped now and it's dry",
    "The site is a little red today, about the size of a pea and fading, not hot, nothing coming out of it.",
    "My leg felt a bit heavy for a couple of hours, the nurse said it would, and the feeling is already coming back.",
    "leg still a bit heavy three hours after the block, they said it would, feeling already coming back",
    "The site's a bit red, about the size of a pea and fading, not hot and nothing leaking.",
])
def test_a_symptom_told_small_and_going_gets_no_emergency_reply(responder: Responder, message: str) -> None:
    assert sees(responder, message).kind != "emergency"


# recall first: a resolving or reassuring word never takes away a red flag told now
@pytest.mark.parametrize("message", [
    "The headache went but now my legs are numb.",
    "The bleeding stopped but the lump is growing.",
    "It was fading but now it's hot and red.",
    "I feel fine apart from a fever of 38.5.",
    "No redness but I can't feel my feet.",
    "mild headache yesterday, gone now, but my neck is really stiff and the light hurts my eyes",
    "a tiny spot of blood on the plaster, stopped now, but I can't pee since this morning",
    "The bruise was small but it's getting bigger and it's hot now.",
    "My legs are a bit numb, the headache has gone though.",
    "the site was a bit red and fading, now there's pus coming out",
    "headache has gone now, nothing worrying, but I've wet myself and can't feel my bum",
    "slight headache, paracetamol helped, but now I'm being sick and it's the worst headache of my life",
    "bit of a temperature, 38.9, otherwise I'm fine",
    "I had a mild headache that went away, now I'm confused and my wife says I'm not making sense",
    "I feel very dizzy and faint, my vision has gone blurry and my heart is racing",
    "Dad's breathing is fast and shallow since he got home and he's gone a bit grey",
    "the site is a little swollen and warm, they said it might be, and I feel shivery and sweaty",
    "a bit of bleeding from the site, it has stopped now, but I'm on blood thinners and feel lightheaded",
    "mild headache gone now, but my lips and tongue are swelling up",
    "slight ache in my back, otherwise fine, just can't wee since the injection",
    "a bit sore, they said it would, feeling positive, although my legs keep giving way",
])
def test_a_red_flag_beside_reassuring_words_still_gets_the_urgent_reply(responder: Responder, message: str) -> None:
    assert sees(responder, message).kind == "emergency"


# ...nor does a sign of the nerves, bladder, bowel or breathing become mild by being told small (`update_grave`,
# `small_symptoms`)
@pytest.mark.parametrize("message", [
    "a bit numb in my saddle area, they said it might",
    "slightly numb down below when I wipe, they said it would wear off",
    "a tiny bit of blood when I coughed, stopped now",
    "a little short of breath, they said it might happen, nothing worrying",
    "bit of a headache and a stiff neck, the nurse said that's the steroid",
    "a little blood in my wee this morning, it's stopped now",
])
def test_a_grave_sign_told_small_still_gets_the_urgent_reply(responder: Responder, message: str) -> None:
    assert sees(responder, message).kind == "emergency"


@pytest.mark.parametrize("message", [
    "much better today and I feel calm now, I've made my decision and the pills are ready",
    "the headache is gone now and I feel fine, I just don't want to be here any more",
    "slight ache, otherwise fine, but I've been thinking everyone would be better off without me",
    "I'm fine otherwise, it's all good, I've written my goodbye letters",
    "Back was sore last night, this morning much better. I've saved up my tablets for tonight.",
])
def test_self_harm_beside_reassuring_words_still_gets_the_crisis_reply(responder: Responder, message: str) -> None:
    assert is_crisis(responder, sees(responder, message))
