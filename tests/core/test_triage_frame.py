"""Safety triage, issue 9: the code defects, the phrase window, negation, the frame, readings, concepts,
the model's second opinion, several messages read together, and who the message is about."""

from __future__ import annotations

import numpy as np
import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core import phrases
from bot.core.knowledge import Phrase, load_faq
from bot.core.normalise import words
from bot.core.phrases import PhraseIndex, _tightest_span
from bot.core.triage import Triage
from bot.core.triage_concepts import expand
from bot.core.triage_model import DIMENSIONS, TriageModel, features, parts
from bot.core.triage_readings import alarming_reading

FAQ = load_faq(DEFAULT_FAQ_DIR)


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage(FAQ)


def _phrase(text: str) -> Phrase:
    return Phrase(text, DEFAULT_FAQ_DIR / "red_flags.yaml", 1)


# ---------------------------------------------------------------- the three code defects


def test_negation_does_not_reach_past_its_clause(triage: Triage) -> None:
    assert triage.check("No fever, but my legs are numb since yesterday") is not None
    assert triage.check("never had this before, fever and a stiff neck") is not None


def test_can_not_is_read_as_cannot(triage: Triage) -> None:
    assert words("I can not feel my feet") == ["i", "cannot", "feel", "my", "feet"]
    assert triage.check("I can not feel my feet") is not None


def test_the_phrase_window_is_the_smallest_one(triage: Triage) -> None:
    # the first "gave" is far from "leg ... way", the second one is right there
    assert triage.check("gave blood on monday, my leg then suddenly gave way") is not None
    assert _tightest_span([[3], [0, 6], [7]]) == (3, 7)


# ---------------------------------------------------------------- the phrase window


def test_a_phrase_matches_in_any_order_within_its_slack() -> None:
    index = PhraseIndex([_phrase("leg numb")], slack=3)
    assert index.find(words("numb in my left leg"))
    assert not index.find(words("my leg is fine but after a long day of work my toes are numb"))


def test_a_phrase_needs_every_word() -> None:
    assert not PhraseIndex([_phrase("stiff neck headache")]).find(words("my neck is stiff"))


# ---------------------------------------------------------------- negation and reassurance


@pytest.mark.parametrize(
    "message",
    [
        "no fever",
        "legs fine, peeing fine, no headache",
        "face a bit flushed, temperature normal, no swelling",
        "I don't have a fever, is it ok to go ahead",
        "without any bleeding, the site looks fine",
    ],
)
def test_negated_or_reassured_symptoms_are_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None, message


# ---------------------------------------------------------------- the frame


@pytest.mark.parametrize(
    "message",
    [
        "if my leg goes numb after the injection, should I worry?",
        "suppose I can't pee afterwards",
        "I had a seizure once in 2009, none since",
        "what counts as a high temperature after the procedure?",
        "how common is a fever after the injection",
    ],
)
def test_hypotheticals_general_questions_and_past_events_are_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None, message


def test_a_time_word_makes_a_question_a_report(triage: Triage) -> None:
    assert triage.check("how common is this numbness in my groin I've had since yesterday") is not None


def test_as_if_is_a_description_not_a_hypothetical(triage: Triage) -> None:
    assert triage.check("since the epidural my leg feels as if it isn't there") is not None


# ---------------------------------------------------------------- readings and concepts


@pytest.mark.parametrize(
    ("message", "alarming"),
    [
        ("temp 38.4", True),
        ("101.5 since last night", True),
        ("39 degrees this morning", True),
        ("temperature 37.2", False),
        ("I'm 38.5 weeks pregnant", False),
        ("I am 39 years old", False),
        ("pain 9/10 since the injection", True),
        ("my pain is 9/10", False),  # not said to be new
    ],
)
def test_readings(message: str, alarming: bool) -> None:
    assert bool(alarming_reading(words(message))) is alarming, message


def test_a_reported_temperature_is_urgent_and_a_question_about_one_is_not(triage: Triage) -> None:
    assert triage.check("my temp is 38.6 since the shot") is not None
    assert triage.check("is 38.6 a fever after the injection, what should I watch for?") is None


def test_a_concept_line_stands_for_every_pairing() -> None:
    expanded = [p.text for p in expand([_phrase("leg / foot + numb / no feeling")])]
    assert expanded == ["leg numb", "leg no feeling", "foot numb", "foot no feeling"]
    assert [p.text for p in expand([_phrase("fever")])] == ["fever"]


def test_a_concept_in_red_flags_catches_a_pairing_nobody_listed(triage: Triage) -> None:
    flag = triage.check("I have taken the whole packet of co-codamol")
    assert flag is not None and flag.self_harm


# ---------------------------------------------------------------- the model's second opinion


def test_features_are_the_same_on_every_run() -> None:
    first = features("my leg feels like it isn't there")
    assert np.array_equal(first, features("my leg feels like it isn't there"))
    assert first.min() >= 0 and first.max() < DIMENSIONS


def test_a_long_message_is_also_read_two_sentences_at_a_time() -> None:
    story = "I have a question about parking at the clinic. " * 4 + "I just want it all to be over."
    assert len(parts(story)) > 1 and any("over" in p and len(p) < len(story) for p in parts(story))


def test_the_model_flags_a_described_symptom_the_rules_do_not_list(triage: Triage) -> None:
    message = "since the injection yesterday it is like someone else is wiping me, I cannot tell it is my body"
    assert triage.check(message) is not None


def test_a_model_that_alarms_at_everything_is_held_back_by_the_frame() -> None:
    weights = np.zeros((DIMENSIONS, 2), dtype=np.float32)
    alarmist = Triage(FAQ, model=TriageModel(weights, np.array([1.0, -5.0], dtype=np.float32)))  # p = 0.73
    assert alarmist.check("I feel shaky and odd in my legs since this morning") is not None
    assert alarmist.check("how common is it to feel odd in the legs after the injection?") is None
    assert alarmist.check("thanks a lot") is None  # too short for the model


def test_a_model_that_never_alarms_does_not_silence_the_rules() -> None:
    silent = Triage(FAQ, model=TriageModel(np.zeros((DIMENSIONS, 2), np.float32), np.array([-20.0, -20.0])))
    assert silent.check("I have a fever since my injection yesterday") is not None  # dated now
    assert silent.check("chest pain after the injection") is not None  # too short to overrule
    flag = silent.check("I've been saving up my tablets for when it gets too much, I have a plan")
    assert flag is not None and flag.self_harm  # self-harm phrases are never overruled


def test_a_look_alike_the_model_is_sure_of_is_not_urgent(triage: Triage) -> None:
    assert triage.check("The car park machine had a seizure and ate my coins, who do I speak to?") is None


# ---------------------------------------------------------------- several messages, who it is about


def test_a_symptom_told_over_two_messages_is_urgent_on_the_second(triage: Triage) -> None:
    first = "had my epidural on monday and I've got a really bad headache today"
    second = "and my neck has gone really stiff as well"
    assert triage.check(second, earlier=[first]) is not None
    # the rules alone need both messages: a headache and a stiff neck together are the red flag
    rules_only = Triage(FAQ, model=TriageModel(np.zeros((DIMENSIONS, 2), np.float32), np.array([-20.0, -20.0])))
    assert rules_only.check(second) is None
    assert rules_only.check(second, earlier=[first]) is not None


def test_an_urgent_earlier_message_does_not_make_the_next_one_urgent(triage: Triage) -> None:
    assert triage.check("who do I call?", earlier=["I have a fever since my injection yesterday"]) is None


def test_a_message_that_goes_on_describing_an_urgent_picture_is_urgent_again(triage: Triage) -> None:
    earlier = ["got a headache since the injection 2 days ago", "it goes when I lie flat and comes back when I sit up"]
    assert triage.check("still the same this morning", earlier=earlier) is not None
    assert triage.check("ok thanks", earlier=earlier) is None
    assert triage.check("how long does the injection take?", earlier=earlier) is None


def test_earlier_ordinary_questions_do_not_alarm(triage: Triage) -> None:
    assert triage.check("how long does it take?", earlier=["who does the injection?", "is it safe?"]) is None


def test_a_carer_report_is_flagged_as_about_someone_else(triage: Triage) -> None:
    flag = triage.check("my dad had his nerve block this morning and now he can't wake up properly")
    assert flag is not None and flag.someone_else and not flag.self_harm
    own = triage.check("my husband says I'm a burden and I want to end my life")
    assert own is not None and own.self_harm and not own.someone_else


def test_someone_not_yet_injected_is_flagged(triage: Triage) -> None:
    flag = triage.check("I haven't had the injection yet but I've had a fever since yesterday")
    assert flag is not None and flag.before_injection


# ---------------------------------------------------------------- whatever the stemmer does


def _snowball(word: str) -> str:
    snowballstemmer = pytest.importorskip("snowballstemmer")  # the matcher's stemmer on main
    return snowballstemmer.stemmer("english").stemWord(word)


@pytest.mark.parametrize("stemmer", [lambda w: w, lambda w: w[:5], _snowball],
                         ids=["no stemming", "crude prefix", "snowball"])
def test_the_triage_does_not_depend_on_the_matchers_stemmer(monkeypatch, stemmer) -> None:
    stemmer("fever")  # skips the test when the stemmer is not installed
    monkeypatch.setattr(phrases, "stem", stemmer)
    other = Triage(FAQ)
    for message in FAQ.red_flags.examples_urgent:
        assert other.check(message.text) is not None, message.text
    for message in FAQ.red_flags.examples_not_urgent:
        assert other.check(message.text) is None, message.text


@pytest.mark.parametrize("message", ["she is not waking up", "he won't wake up", "my dad is not waking up properly"])
def test_someone_who_does_not_wake_is_a_symptom_not_self_harm(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and not flag.self_harm and flag.someone_else, message


def test_not_waking_up_said_of_oneself_is_still_self_harm(triage: Triage) -> None:
    flag = triage.check("I hope I don't wake up tomorrow")
    assert flag is not None and flag.self_harm


# ---------------------------------------------------------------- resolved symptoms, recovered past self-harm


@pytest.mark.parametrize("message", [
    "My leg felt a bit heavy for an hour after the injection but it's back to normal now and I walked the dog.",
    "After the injection my leg was a little numb, now 4 hours later it is normal. Thank you.",
    "My bottom went numb on the drive home. It wore off within the hour.",
])
def test_a_symptom_that_has_gone_is_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None, message


@pytest.mark.parametrize("message", [
    "My leg went numb after the injection, it wore off, but now it's numb again and worse.",
    "My leg went numb this morning after the injection and it hasn't worn off.",
    "My leg went numb after the injection and it is not back to normal.",
    "My leg felt heavy for an hour and it's still heavy now.",
])
def test_a_symptom_that_came_back_or_stayed_is_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is not None, message


def test_a_recovered_self_harm_event_in_the_past_is_not_the_crisis_reply(triage: Triage) -> None:
    message = "I took an overdose when I was 19, that was 30 years ago and I've been well since. Will that matter?"
    assert triage.check(message) is None


@pytest.mark.parametrize("message", [
    "I took an overdose in 2019 and I've been well since, but lately I've been thinking about it again.",
    "Years ago I wanted to kill myself and tonight I feel like that again.",
])
def test_past_self_harm_that_is_back_is_the_crisis_reply(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and flag.self_harm, message


@pytest.mark.parametrize("message", [
    "Could the injection cause paralysis? I keep reading horror stories and I'm scared.",
    "I'm scared of losing bowel control after the epidural, is that something that actually happens?",
    "Suppose I feel drowsy after the injection, can I still get the bus home?",
])
def test_a_question_or_a_fear_is_not_dated_now_by_the_next_sentence_or_by_can_i_still(triage: Triage,
                                                                                     message: str) -> None:
    assert triage.check(message) is None, message


@pytest.mark.parametrize("message", [
    "Is numbness normal after the injection? My legs have been numb since yesterday.",
    "I'm scared, I've lost control of my bowels since the epidural.",
    "My leg is numb since this morning, can I still drive?",
])
def test_a_report_next_to_a_question_or_a_fear_is_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is not None, message
