"""Safety triage, triage5: kinds of false alarm fixed in the rules (a phrase read across sentences, an
animal's symptom), each with the urgent message it must not cost."""

from __future__ import annotations

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.triage import Triage
from bot.core.triage_lookalike import LookalikeModel


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


# ---------------------------------------------------------------- triage6

@pytest.mark.parametrize("message", [
    "I took about 30 of my co-codamol an hour ago. I don't feel anything yet. Should I still come tomorrow?",
    "swallowed 20 paracetamol tablets tonight",
    "my son took 40 of his sleeping pills",
])
def test_many_tablets_taken_get_the_crisis_reply(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and flag.self_harm


@pytest.mark.parametrize("message", [
    "I took 16 of them over 4 days, is that ok with the injection?",
    "I have taken 30mg of codeine today as prescribed",
])
def test_a_count_over_days_or_a_dose_in_mg_is_no_overdose(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is None or not flag.phrase.endswith("tablets taken")


def test_the_crisis_reply_says_to_get_emergency_help_after_an_overdose() -> None:
    texts = load_faq(DEFAULT_FAQ_DIR).texts
    for text in (texts["self_harm"], texts["self_harm_carer"]):
        assert "taken too many tablets" in text and "emergency department now" in text


def test_not_sure_if_its_related_is_no_hypothetical(triage: Triage) -> None:
    message = "Not sure if it's related, I've just got a bit of a temperature, 37.9 then 38.3 an hour later."
    flag = triage.check(message)
    assert flag is not None and not flag.self_harm


def test_wondering_if_i_get_a_fever_is_still_a_hypothetical(triage: Triage) -> None:
    assert triage.check("I wonder if I get a fever after the injection, should I ring?") is None


class _SureItLooksAlike(LookalikeModel):
    """A look-alike head that never reads a current report."""

    def __init__(self) -> None:
        pass

    def current(self, text: str) -> float:
        return 0.0


@pytest.fixture(scope="module")
def doubting() -> Triage:
    return Triage(load_faq(DEFAULT_FAQ_DIR), lookalike=_SureItLooksAlike())


def test_the_lookalike_head_takes_back_an_alarm_of_the_model_alone(triage: Triage, doubting: Triage) -> None:
    message = "My wife had her injection two days ago and has a headache. Is that a known thing?"
    flag = triage.check(message)
    assert flag is not None and flag.phrase.startswith("model")  # (the shipped head lets this one stand)
    assert doubting.check(message) is None


@pytest.mark.parametrize("message", [
    "My legs have gone numb since the injection",  # a rule's report
    "I took about 30 of my co-codamol an hour ago",  # an overdose taken
])
def test_the_lookalike_head_never_takes_back_a_rules_alarm(doubting: Triage, message: str) -> None:
    assert doubting.check(message) is not None


def test_the_lookalike_head_never_takes_back_a_model_alarm_dated_now(doubting: Triage) -> None:
    assert doubting.check("my leg no strong, I fall down in kitchen today, after injection in back. before was ok")


@pytest.mark.parametrize("message", [
    "My legs are not weak and there is no numbness down there. Can I take ibuprofen?",
    "I haven't got any weakness or numbness and I'm peeing normally. Anything to watch for?",
])
def test_a_negation_of_another_symptom_is_not_a_phrases_own(triage: Triage, message: str) -> None:
    assert triage.check(message) is None


@pytest.mark.parametrize("message", [
    "I have not been able to pee since the injection",
    "my leg is not there anymore since this morning",
    "I haven't peed since last night",
])
def test_a_phrases_own_negation_is_still_a_report(triage: Triage, message: str) -> None:
    assert triage.check(message) is not None


@pytest.mark.parametrize("message", [
    "My wife fainted during her injection in March, but she was fine a minute later. Could they give her something?",
    "The chest tightness I had last month turned out to be reflux. Can I still have the injection?",
])
def test_a_past_symptom_told_as_over_is_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None


@pytest.mark.parametrize("message", [
    "my legs have been numb since yesterday, I was fine before the injection",
    "my leg went numb an hour ago, it was fine until then",
    "my wife collapsed in the shop, she came round after a minute",
])
def test_fine_before_or_coming_round_is_no_resolution(triage: Triage, message: str) -> None:
    assert triage.check(message) is not None


@pytest.mark.parametrize("message", [
    "Since my epidural I have a postural headache, severe on standing and eased only lying flat.",
    "New weakness of the big toe and ankle on the left since yesterday's injection.",
    "Probably nothing, but there's green stuff coming out of the injection site and it smells.",
])
def test_a_red_flag_in_clinical_or_minimised_words_is_urgent(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and not flag.self_harm


@pytest.mark.parametrize("message", [
    "Is a positional headache likely after the injection?",
    "My spine is held together with sticky tape at this point. Is there an age limit?",
])
def test_a_question_about_a_red_flag_or_a_saying_is_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None


def test_not_being_around_with_a_farewell_thanks_gets_the_crisis_reply(triage: Triage) -> None:
    message = "Can you cancel my review in June? I won't be around by then. Thank you for all you have done."
    flag = triage.check(message)
    assert flag is not None and flag.self_harm


def test_not_being_around_for_a_trip_with_ordinary_thanks_is_not_urgent(triage: Triage) -> None:
    message = "Can you move my review? I won't be around, I'm in Spain that week. Thanks for your help."
    assert triage.check(message) is None


# triage7: someone else's past told for comparison, a permission question's "still"

@pytest.mark.parametrize("message", [
    "My neighbour had a seizure after her epidural, years back now. Does that happen often?",
    "A lady at church said her leg went numb for a week after a nerve block a few years ago. Is that common?",
    "my workmate couldn't pee for a day after his spinal op, is that a risk with this?",
])
def test_someone_elses_past_told_for_comparison_is_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None


@pytest.mark.parametrize("message", [
    "My husband had a seizure after his injection, should I call someone?",
    "my mum had her epidural this morning and now she can't feel her legs",
    "My wife can't walk for a day now after her epidural",
    "My dad fainted after his injection yesterday and is still very drowsy",
    "A few years ago I had a clot, and now my leg is swollen and hot",
])
def test_someone_elses_symptom_dated_now_or_unframed_is_still_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is not None


@pytest.mark.parametrize("message", [
    "If I get a bit dizzy after the injection, would they still let me drive?",
    "The leg numbness after my last injection wore off within the hour. Can I still have another one?",
])
def test_a_permission_questions_still_dates_nothing(triage: Triage, message: str) -> None:
    assert triage.check(message) is None


def test_a_relapse_still_outside_a_question_keeps_the_symptom(triage: Triage) -> None:
    message = (
        "My leg went numb after the injection and it wore off, but now it is numb again tonight. Can I still drive?"
    )
    assert triage.check(message) is not None


@pytest.mark.parametrize("message", [
    "My leg went numb after the injection, it wore off and now it's numb again. Can I go to work?",
    "The numbness in my foot went away on Tuesday but it has returned, can I take more paracetamol?",
    "My leg went weak after the epidural, it got better but it is weak again, should I rest?",
])
def test_a_symptom_that_went_and_came_back_is_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is not None


@pytest.mark.parametrize("message", [
    "The numbness in my leg wore off within an hour. Can I have the injection again?",
    "I passed out at the dentist when I was a kid, will I pass out again?",
    "had a seizure in 2015 with a high temperature, never again since, can I have the epidural?",
])
def test_a_past_symptom_with_again_in_a_question_or_negated_is_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None


# triage8: a self-harm phrase of everyday words out of its order, "since" of a long past, a denied list, the
# writer's own long-ago past with how long it lasted

@pytest.mark.parametrize("message", [
    "I've been sleeping badly, can't sleep good for three nights now. Is that the steroid?",
    "I would like to stop all my tablets after the injection, can I stop at once?",
    "Not sure whether to go ahead with it or wait a bit longer, what do most people do?",
])
def test_a_self_harm_phrase_of_everyday_words_out_of_its_order_is_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None


@pytest.mark.parametrize("message", [
    "I just want to sleep for good and not wake up",
    "I want it all to stop, I can't do this any more",
])
def test_a_self_harm_phrase_of_everyday_words_in_its_order_gets_the_crisis_reply(
    triage: Triage, message: str
) -> None:
    flag = triage.check(message)
    assert flag is not None and flag.self_harm


@pytest.mark.parametrize("message", [
    "I've had numbness in my left foot since my knee replacement in 2016, my surgeon knows. Is the epidural ok for me?",
    "Hurt my back in 2012 and my leg has been numb ever since, that's why I was referred. How long is the wait?",
    "Crushed a disc in 2016, numb left leg ever since, physio, and now I am on the list for an epidural. "
    "Do I stop my tablets?",
    "I have not had any fits or faints since the injection, my epilepsy is well controlled.",
    "Six years ago back home my leg was numb for one day after a spinal injection, then it finished. Is this normal?",
    "I had a fit when I was 17 and nothing since, I'm 52 now. Could the injection bring one on?",
    "My brother-in-law had an epidural and he couldn't walk for a week. I am worried. Does that happen?",
])
def test_a_long_past_or_denied_symptom_is_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None


@pytest.mark.parametrize("message", [
    "My leg has been numb ever since the injection on Monday",
    "I had the injection three days ago and I've had a fever since, 38.5 this morning",
    "no fever but I can't feel my legs since this morning",
    "I had a fit in 2015, and since the injection yesterday I've had another two",
    "I had the injection yesterday and my leg was numb for a day, now it's gone weak",
])
def test_a_symptom_dated_now_is_still_urgent_beside_those_frames(triage: Triage, message: str) -> None:
    assert triage.check(message) is not None


@pytest.mark.parametrize("message", [
    "I pick at my arms until they bleed when the sciatica flares, it's how I get through",
    "my brother says he'll shoot himself if this block doesn't work, he keeps a rifle",
    "My nan has decided to stop eating and drinking on purpose, she says she's had enough of the pain",
    "If the epidural fails I'll walk off a cliff, and I'm not joking",
    "Is parking free? Won't matter for much longer anyway.",
    "My son posted on Facebook 'love you all, sorry for everything' and isn't picking up",
])
def test_self_harm_said_indirectly_or_reported_gets_the_crisis_reply(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and flag.self_harm, message


@pytest.mark.parametrize("message", [
    "When should I stop eating and drinking before the injection?",
    "I scratched the plaster off and the spot bled a little, is that ok?",
    "We're going for a walk on the cliff path on Sunday, will I be ok to walk that far?",
])
def test_the_everyday_uses_of_those_words_get_no_crisis_reply(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is None or not flag.self_harm


@pytest.mark.parametrize("message", [
    "my 2 year old has swallowed some of my tablets",
    "I think the toddler got into my painkillers, there are some missing",
    "since the epidural my left ear has gone deaf",
    "woke up today and I'm deaf in one ear, had the block on tuesday",
])
def test_a_child_who_swallowed_tablets_or_sudden_deafness_is_urgent(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and not flag.self_harm, message


@pytest.mark.parametrize("message", [
    "I'm a bit deaf in my left ear, can someone speak up on the day?",
    "I've been deaf in one ear since birth, will that matter for the injection?",
    "My grandson ate before his appointment, is that ok?",
])
def test_long_standing_deafness_or_a_meal_is_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None


# ---------------------------------------------------------------- triage9: an episode told as over


@pytest.mark.parametrize("message", [
    "mild headache last night, gone after paracetamol, feeling ok this morning",
    "Small nosebleed at breakfast this morning, it stopped within minutes. Nothing else going on. Do I need to"
    " tell anyone?",
    "A slight headache yesterday, better with paracetamol, gone this morning.",
])
def test_a_time_word_of_an_episode_told_as_over_does_not_keep_the_models_alarm(triage: Triage, message: str) -> None:
    assert triage.check(message) is None


@pytest.mark.parametrize("message", [
    "I had a headache this morning, took paracetamol and it went, but now it's back and much worse when I stand up.",
    "My nose has been bleeding since this morning, it stopped after ten minutes but keeps starting again. I'm on"
    " warfarin.",
])
def test_an_episode_that_came_back_after_it_was_over_is_still_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is not None


def test_an_ordinary_question_that_names_the_writers_spine_is_no_report(triage: Triage) -> None:
    # the model alone reads "my spine" as a report; the look-alike head, trained on such questions, takes it back
    assert triage.check("Is what I write here shared with my employer? It's about my spine.") is None
    urgent = "Can I have a bath tonight? My leg has gone weak since lunchtime and I nearly fell."
    assert triage.check(urgent) is not None
