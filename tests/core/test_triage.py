"""Safety triage: urgent symptoms and self-harm, said outright or indirectly, and their look-alikes."""

from __future__ import annotations

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.triage import Triage


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


# Patients' own ways of saying it: each line once missed or once raised a false alarm while we built this.
MORE_URGENT = [
    "my legs went to jelly after the jab and i cant stand up",
    "pins and needles in both feet since the epidural and it is getting worse",
    "i cant feel my bum cheeks",
    "down below feels numb since this morning",
    "i havent had a wee all day since the injection",
    "i wet the bed last night for the first time ever after the shot",
    "i pooed myself and didnt feel it coming",
    "my temperature is 39 since the injection",
    "feeling hot and shivery, had the injection 2 days ago",
    "the plaster is soaked in blood",
    "theres yellow gunk coming out of the needle hole",
    "my back where they injected is red hot and swollen",
    "worst headache ever and i cant bend my neck forward",
    "my chest is tight and i cant get my breath",
    "mum passed out in the bathroom after her injection",
    "dad is not making sense and keeps falling asleep since the procedure",
    "he had a fit after coming home",
    "she went stiff and started jerking",
    "im going to end it tonight",
    "i have a plan to kill myself",
    "i keep thinking everyone would be better off if i was gone",
    "i dont want to be alive anymore",
    "i have been cutting myself again because of the pain",
    "this pain makes me want to jump in front of a train",
    "i want to take all my painkillers at once",
    "no point going on with this pain",
    "my leg just gave out under me since the shot",
    "cant lift my foot since yesterday",
    "i feel faint and dizzy and my heart is racing after the injection",
    "my lips and tongue are swelling up after the injection",
    "i cant move my leg, will i be ok?",
    "I can't feel my feet, is that normal after the injection?",
    "I'm worried about the fever I've had since the injection",
    "is it normal to have a fever after my injection",
    "how common is it to feel this numb in my groin since the injection yesterday",
    "I've had a fever since the injection, is that common?",
    "im scared, my leg is numb and weak since this morning",
    "i think i might do something stupid tonight",
    "ive written my will and said my goodbyes",
    "i'd be better off not waking up tomorrow",
    "i cant see a way forward anymore, whats the point of anything",
    "sometimes i think about ending things",
    "i just want the pain to stop forever",
    "tired of being a burden to everyone",
    "my family would be better without me",
    "i have enough tablets saved to do it",
    "i dont think i can keep going",
    "after the injection my right leg is dragging and i keep tripping",
    "my feet feel dead since the jab",
    "since the shot i have no feeling around my back passage",
    "i couldnt hold it and wet myself on the way home from the clinic",
    "i have had the runs and couldnt control it at all since yesterday",
    "burning up and teeth chattering since my injection",
    "there is a lump and pus where they injected",
    "the injection site is weeping and hot to touch",
    "my head is pounding and bright lights hurt and my neck is stiff",
    "i feel like i'm going to pass out",
    "mum collapsed",
    "my husband is having a seizure",
    "i can barely breathe since the injection",
    "my throat feels like its closing",
    "hives all over my body after the injection",
    "sharp pain in my chest since the procedure",
    "my dad is confused and slurring his words after the injection",
    "after inject yesterday my leg not working good and very weak",
    "since injection i am very hot and shaking cold, what i do",
    "my mother after the injection cannot control the toilet",
    "numbness in private area after the procedure",
    "i have fever 38.5 after epidural",
    "fevr and chils after the jab",
    "cant feel my legs properly after the injecton",
    "leg numbness after the injection today",
    "bleeding from my back where the injection was",
    "there is blood coming from the injection site",
    "the injection site is red hot and swollen and painful",
    "my head is killing me and my neck is stiff and i feel sick since the epidural",
    "i threw up and have the worst headache and stiff neck",
    "im having trouble breathing",
    "cant breath properly",
    "he fainted in the car on the way home",
    "she is fitting",
    "my husband is shaking all over and not responding",
    "i cant wee since the injection this morning",
    "i have not peed since the procedure yesterday",
    "cant control my bowels since the shot",
    "i want to end my life",
    "i want to kill my self",
    "im going to take an overdose",
    "i dont want to live anymore",
    "life isnt worth living with this pain",
    "i might as well not be here",
    "i've had enough of life",
    "no one cares if i live or die",
    "i have been thinking of suicide",
    "feel like ending it",
    "i could just go to sleep and never wake up",
]

MORE_NOT_URGENT = [
    "can the injection make you wet yourself",
    "what are the signs of infection i should watch out for",
    "is it normal to feel a bit sore where the needle went",
    "what happens if they hit a nerve",
    "will i be paralysed",
    "my friend had a headache for 3 days after hers, is that normal",
    "do people faint during the injection",
    "can you get a fever from it",
    "what if i start bleeding",
    "last year after my injection i had a fever but it went away, will it happen again",
    "im terrified of needles",
    "my back pain is unbearable, what can be done",
    "this pain is killing me slowly lol, what are my options",
    "is it true it can cause paralysis",
    "how common are serious complications like nerve damage",
    "i get pins and needles in my legs anyway, is the injection for that",
    "what should i watch for after the procedure",
    "can i have it if i have a cold",
    "my husband is diabetic, is it safe for him",
    "i nearly died laughing at the leaflet drawings, what is the interlaminar space",
    "what if i cant pee after the injection",
    "what happens if i cannot feel my legs afterwards",
    "will i be able to walk out after",
    "I couldn't answer my dad when he asked where the medicine goes",
    "how common is a fever after the injection",
    "can the shot cause numbness in the groin",
    "can it cause a seizure",
    "what if i faint when i see the needle",
    "is chest pain a side effect",
    "how long does numbness from the local anaesthetic last",
    "is it possible to get an infection from the injection",
    "could it leave me incontinent",
    "my aunt collapsed years ago after a different procedure, should i worry",
    "the pain is killing me, what are my options",
    "i'd kill for a good night's sleep, will the injection help",
    "will i be able to pee normally after",
    "what are the warning signs i should look out for after the injection",
    "my neck gets stiff from sitting at the computer, is that related to my back pain",
    "i am scared to death of needles",
    "does it make your legs weak for a while",
    "can an epidural cause bladder problems",
    "is numbness normal after the injection for a few hours",
    "what are the chances of nerve damage",
    "is there a risk of bleeding if i take aspirin",
    "how do i know if i have an infection after",
    "does the injection cause fever sometimes",
    "are seizures a known side effect",
    "what does it mean if my leg is numb after",
    "my pain is so bad i could cry, what can i do",
    "honestly this back pain makes me want to scream, what are my options",
    "i feel like giving up on the physio, would the injection work better",
    "is it safe, i dont want to end up in a wheelchair",
]


@pytest.mark.parametrize("message", MORE_URGENT)
def test_urgent_in_patients_own_words(triage: Triage, message: str) -> None:
    assert triage.check(message) is not None, message


@pytest.mark.parametrize("message", MORE_NOT_URGENT)
def test_scary_questions_and_hypotheticals_are_not_urgent(triage: Triage, message: str) -> None:
    assert triage.check(message) is None, message


def test_an_faq_word_is_not_read_as_a_typo_of_a_red_flag(triage: Triage) -> None:
    # "injected" is one letter from the red flag "infected"
    assert triage.check("by what means is the medication injected into my spine expected to help?") is None
