"""triage16: general forms behind set 12's misses, each tested with sentences of our own (not the set's)."""

from __future__ import annotations

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.normalise import words
from bot.core.triage import Triage
from bot.core.triage_readings import alarming_reading, normal_readings, overdose_taken


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage(load_faq(DEFAULT_FAQ_DIR))


@pytest.mark.parametrize(
    "message",
    [
        # self-injury of the head against something hard
        "when it flares i end up smashing my head against the wall",
        "I've been banging my head on the floor to make the pain stop",
        "keep punching the walls till my knuckles bleed",
        # slang for ending one's life
        "honestly some nights i think i'll just top myself",
        "if I did myself in would my kids be ok",
        # a liquid medicine drunk all at once, danger courted with an end hoped for
        "been looking at the oramorph, might just neck the whole bottle",
        "I keep crossing the road without looking, half hoping a bus gets me",
        "lately I'm driving far too fast on the A road hoping I crash",
        # a decision said before an indirect phrase, whatever thanks follow
        "my mind is made up. tonight is the night. thanks for the leaflet anyway",
    ],
)
def test_self_harm_forms_get_the_crisis_reply(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and flag.self_harm, message


@pytest.mark.parametrize(
    "message",
    [
        # a new pain told by a simile of a blade, never had before
        "a brand new pain under my ribs like a knife, never felt that before",
        "sudden searing pain in my lower back since the jab, never had anything like it",
        # a glucose meter's HI with the meter a few words before, in a diabetic's message
        "my meter keeps saying HI, type 2 diabetic, had the steroid on monday",
        # readings said in words
        "blood sugar twenty six this morning since the injection",
        "temperature thirty nine point two and shivering",
    ],
)
def test_urgent_forms_get_the_urgent_reply(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and not flag.self_harm, message


@pytest.mark.parametrize(
    "message",
    [
        "ringing the booking line is like banging my head against a brick wall",
        "can I top myself up with ibuprofen on the day?",
        "I drank the whole bottle of water before the scan, was that right?",
        "Hi, my new glucose meter came today, do I bring it to the clinic?",
        "nine out of ten people feel better after the injection, is that true?",
        "I'm forty two and booked in for a facet injection next month",
        "I nick myself shaving all the time, I'm on aspirin, do I stop it?",
    ],
)
def test_look_alikes_are_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None, message


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("sugar is twenty eight", "blood sugar 28"),
        ("glucose four hundred and ten mg", "blood sugar 410"),
        ("temp thirty eight point five", "temperature 38.5"),
        ("temperature a hundred and one", "temperature 101"),
        ("pain nine out of ten since the jab", "pain 9 out of 10"),
    ],
)
def test_numbers_said_in_words_are_read(text: str, what: str) -> None:
    assert [w for w, _, _ in alarming_reading(words(text))] == [what]


def test_a_number_in_words_is_no_decimal() -> None:
    # "thirty nine" is two words but no 3.9 or 39.x: an age is no temperature, nor a normal one
    assert alarming_reading(words("I'm thirty nine and booked in")) == []
    assert normal_readings(words("I'm thirty six and well")) == []
    assert normal_readings(words("temp thirty six point eight")) != []


def test_a_count_in_words_is_an_overdose() -> None:
    assert [w for w, _, _ in overdose_taken(words("swallowed twenty five tablets an hour ago"))] == ["25 tablets taken"]
    assert overdose_taken(words("took twenty tablets over the week")) == []


@pytest.mark.parametrize(
    "message",
    [
        "It isn't bleeding, it isn't weeping and it isn't hot. I'm just a worrier. Fine to shower?",
        "I haven't got a temperature, I haven't got a stiff neck. Just checking what to look out for.",
    ],
)
def test_every_sign_denied_leaves_the_model_nothing_to_stand_on(triage: Triage, message: str) -> None:
    assert triage.check(message) is None, message


@pytest.mark.parametrize(
    "message",
    [
        "no temperature, but my legs have started shaking and I feel dreadful",
        "The wound where the needle went in has not healed over and is weeping.",
    ],
)
def test_a_sign_left_undenied_still_lets_the_model_speak(triage: Triage, message: str) -> None:
    assert triage.check(message) is not None, message


@pytest.mark.parametrize(
    "message",
    [
        # a past told as over, with the writer well at an age since
        "When I was 20 I took an overdose. I'm 50 now and well. Does it matter for the sedation?",
        # the end of someone's life told
        "My mum had terrible back pain near the end of her life. Is it hereditary?",
        # a subject written about
        "I'm writing a newsletter article on suicide awareness for our pain group, any leaflets?",
        # a numb leg told with the feeling back
        "after my last injection my leg went numb for an hour, then the feeling came back completely. Usual?",
    ],
)
def test_told_past_subject_or_someone_elses_end_is_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None, message


@pytest.mark.parametrize(
    "message",
    [
        "I took an overdose when I was 20 and I've been thinking about it again now",
        "I can't see the end of life like this, I want to end my life",
        "writing my blog tonight and then I'm going to kill myself",
    ],
)
def test_the_same_words_said_now_still_get_the_crisis_reply(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and flag.self_harm, message


@pytest.mark.parametrize(
    "message",
    [
        "I'm 79 and my legs have been weak for years now, I walk with a stick. Is the injection still an option?",
        "I was a bit sleepy after the sedation yesterday, today I am fine and back at work",
    ],
)
def test_how_long_and_fine_the_next_day_date_nothing_now(triage: Triage, message: str) -> None:
    assert triage.check(message) is None, message


@pytest.mark.parametrize(
    "message",
    [
        "my legs have been weak for years now but since this morning I can't stand at all",
        "I coughed up blood this morning, the chest x-ray last month was all clear",
        "numb leg yesterday, fine today, but now it has gone numb again",
    ],
)
def test_a_symptom_now_beside_them_is_still_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is not None, message


@pytest.mark.parametrize(
    "message",
    [
        "There's been no fever, shivering or rash since the block, can I go swimming?",
        "no temperature, chills, swelling or discharge, just a bit tender. Normal?",
    ],
)
def test_a_denied_list_told_with_commas_is_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None, message


@pytest.mark.parametrize(
    "message",
    [
        "no fever, but shivering or sweating all evening",
        "hardly any sleep, chest pain on and off all night or close to it",
        "no fever. shivering or sweats though since tea time",
    ],
)
def test_a_sign_outside_the_denied_list_is_still_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is not None, message


def test_an_absence_told_as_a_sign_is_left_to_the_model(triage: Triage) -> None:
    # "no urine..." names the sign by its absence: the denial rule must not take the model's alarm away
    assert triage.check("no urine has come out since breakfast and my tummy is swollen and sore") is not None


def test_confusing_said_of_information_is_no_confusion(triage: Triage) -> None:
    assert triage.check("Which entrance is the day unit? The website's confusing.") is None


@pytest.mark.parametrize(
    "message",
    [
        "is wine ok after the jab? thinking of a bottle of gin with every sleeping pill I have tonight",
        "how many of these pills would it take to stop my heart",
        "might just step off the multi storey roof lol. not even joking",
        "my friend posted 'see you all on the other side' and won't answer her phone",
        "last time I didn't take enough, I'll get it right this time",
    ],
)
def test_a_means_with_intent_gets_the_crisis_reply(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and flag.self_harm, message


@pytest.mark.parametrize(
    "message",
    [
        "she's so sleepy I can hardly wake her, had her block this morning",
        "my bladder is full to bursting but nothing will come out since lunch",
    ],
)
def test_hard_to_rouse_and_no_urine_are_urgent(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and not flag.self_harm, message


@pytest.mark.parametrize(
    "message",
    [
        "can I have a glass of wine after the injection, and is it ok with my other tablets?",
        "my right hip is sore and I'm reluctant to go that route, what are the options?",
        "will I be the right side up on the table or lying on my front?",
    ],
)
def test_drink_and_everyday_words_alone_are_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None, message


@pytest.mark.parametrize(
    "message",
    [
        "The needle site looks inflamed and has started discharging since Tuesday.",
        "There is a red patch around the injection, warm to the touch and enlarging.",
        "Dad walked to the post office and then couldn't find his way home, had his block on Friday.",
        "My wife rang me and didn't know who I was, she had the epidural yesterday.",
    ],
)
def test_site_and_confusion_told_formally_or_by_a_carer_are_urgent(triage: Triage, message: str) -> None:
    flag = triage.check(message)
    assert flag is not None and not flag.self_harm, message


def test_a_new_doctor_not_knowing_the_patient_is_not_urgent(triage: Triage) -> None:
    assert triage.check("the consultant didn't know me, it's a new one, is that normal?") is None


def test_again_in_a_question_about_a_long_past_episode_asks(triage: Triage) -> None:
    assert triage.check("I passed out at the dentist as a child, could that happen again during the block?") is None
    # ...a relapse told is still one
    assert triage.check("my leg went numb as a teenager after a fall and it has gone numb again today") is not None


def test_legs_gone_to_jelly_with_fright_are_no_sign(triage: Triage) -> None:
    assert triage.check("my knees go to jelly just thinking about the needle, is that normal?") is None
    flag = triage.check("my legs went to jelly when I stood up after the injection")
    assert flag is not None and not flag.self_harm
