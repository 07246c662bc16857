"""An answer only when the question is about what the entry is about and asks what it answers; the
words patients use; greetings and thanks; follow-ups read against the entry just answered."""

from __future__ import annotations

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.matching import Matcher
from bot.core.pipeline import Responder

HEADACHE = "post-procedure-headache"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_faq(DEFAULT_FAQ_DIR))


@pytest.fixture(scope="module")
def responder(matcher: Matcher) -> Responder:
    return Responder(matcher.faq, matcher=matcher)


# ---------------------------------------------------------------- subject and aspect


@pytest.mark.parametrize(
    "question",
    ["how long does it last", "how long will I be there", "is that normal", "and how long does that last?",
     "how long does it take"],
)
def test_how_long_about_nothing_in_particular_gets_the_fallback(matcher: Matcher, question: str) -> None:
    assert matcher.match(question).kind == "fallback"


@pytest.mark.parametrize(
    "question", ["how long is the procedure", "how long does the injection take", "how long will the relief last",
                 "how long does it take to work", "how long until I can go home after the epidural",
                 "how soon will I feel better"],
)
def test_how_long_without_a_headache_never_gets_the_headache_answer(matcher: Matcher, question: str) -> None:
    match = matcher.match(question)
    assert match.kind != "answer", match


def test_how_long_the_headache_lasts_is_answered(matcher: Matcher) -> None:
    assert matcher.match("how long does the headache last").entry_ids == (HEADACHE,)
    assert matcher.match("how long does the headache last").kind == "answer"


def test_each_entry_subject_comes_from_its_own_phrasings(matcher: Matcher) -> None:
    subject = matcher.index.subjects[matcher.entry_ids.index(HEADACHE)]
    assert "headach" in subject
    assert not {"how", "long", "last", "after"} & subject  # words that only frame a question


@pytest.mark.parametrize("question", ["will it hurt", "does the epidural hurt", "is it painful"])
def test_an_aspect_no_entry_answers_gets_the_fallback(matcher: Matcher, question: str) -> None:
    assert matcher.match(question).kind == "fallback"


@pytest.mark.parametrize("question", ["How big is the needle?", "what size needle do they use",
                                      "how thick is the needle they put in my back"])
def test_a_size_no_answer_gives_gets_the_fallback(responder: Responder, question: str) -> None:
    assert responder.respond(question).kind == "fallback"


def test_how_big_the_risk_is_still_asks_about_risks(matcher: Matcher) -> None:
    match = matcher.match("how big is the risk of nerve damage")
    assert match.kind == "answer" and match.entry_ids == ("serious-complications",)


@pytest.mark.parametrize("question", ["Is the radiation from the X-ray harmful?",
                                      "how much radiation is in the xray they use"])
def test_the_x_rays_radiation_is_a_topic_not_covered(responder: Responder, question: str) -> None:
    assert responder.respond(question).kind == "fallback"


def test_pain_radiating_down_the_leg_is_not_the_x_rays_radiation(matcher: Matcher) -> None:
    assert matcher.match("the pain is radiating down my leg, will the injection help?").kind != "fallback"


@pytest.mark.parametrize("question", ["What is the procedure like?", "what is it like having an epidural",
                                      "Q: What is the epidural steroid injection procedure like?"])
def test_what_it_is_like_to_go_through_gets_the_fallback(responder: Responder, question: str) -> None:
    # no answer describes the experience
    assert responder.respond(question).kind == "fallback"


def test_like_in_a_question_of_what_something_is_still_asks_what_it_is(matcher: Matcher) -> None:
    match = matcher.match("ok so what is an interlaminar injection exactly, like in simple words")
    assert match.kind == "answer" and match.entry_ids == ("what-are-interlaminar-injections",)


def test_when_a_nerve_root_block_is_required_is_not_answered_by_what_it_is(matcher: Matcher) -> None:
    assert matcher.match("When is a cervical nerve root block required?").kind != "answer"


@pytest.mark.parametrize("question", ["Hello, what can be done about long term back pain?",
                                      "ok so what can be done for the chronic kind?"])
def test_what_can_be_done_asks_for_the_options_not_what_chronic_pain_is(matcher: Matcher, question: str) -> None:
    match = matcher.match(question)
    assert match.entry_ids[:1] != ("chronic-back-pain",) or match.kind != "answer", match
    assert "treatment-options" in match.entry_ids


def test_whether_an_injection_is_a_treatment_is_not_answered_by_the_options(matcher: Matcher) -> None:
    assert matcher.match("Is an interlaminar injection a treatment for back pain?").kind != "answer"
    match = matcher.match("is there a treatment for chronic back pain")
    assert match.kind == "answer" and match.entry_ids == ("treatment-options",)


def test_how_a_nerve_root_block_is_done_is_not_answered_by_the_entry_that_only_names_it(matcher: Matcher) -> None:
    assert matcher.match("how is a nerve root block done?").kind != "answer"
    assert matcher.match("what is a nerve root block?").entry_ids == ("other-procedures",)


def test_who_is_a_good_candidate_in_general_is_not_answered_but_am_i_one_is(matcher: Matcher) -> None:
    # the is-it-right-for-me answer is about the patient's own decision; it gives no criteria
    assert matcher.match("who is a good candidate for an epidural steroid injection?").kind != "answer"
    for personal in ("am i a good candidate for an epidural", "is my mum a good candidate for the injection"):
        assert matcher.match(personal).entry_ids == ("is-it-right-for-me",), personal


def test_a_facet_joint_itself_is_not_answered_by_the_entry_on_facet_joint_injections(matcher: Matcher) -> None:
    assert matcher.match("what are facet joints?").kind != "answer"
    assert matcher.match("what is a facet joint injection?").entry_ids == ("other-procedures",)


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("will I get a headache after my facet joint injection?", HEADACHE),
        ("who does the nerve root block at your clinic", "who-performs"),
        ("is a facet joint injection safe for someone my age", "is-it-safe"),
    ],
)
def test_a_procedure_named_in_passing_leaves_the_question_to_what_it_asks(
    matcher: Matcher, question: str, entry_id: str
) -> None:
    # the entry that only says what a facet injection or a nerve root block is comes nowhere first
    match = matcher.match(question)
    assert match.kind in ("answer", "suggest"), match
    assert match.entry_ids[0] == entry_id


@pytest.mark.parametrize(
    "question",
    [
        "what other types of injection are there apart from the epidural?",
        "is a nerve root block the same as an epidural?",
        "what is a nerve root block?",
    ],
)
def test_what_a_procedure_is_or_which_kinds_there_are_stays_with_the_entry_that_says_so(
    matcher: Matcher, question: str
) -> None:
    assert matcher.match(question).entry_ids == ("other-procedures",)


# ---------------------------------------------------------------- patients' words


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("what is an epidural steroid injection?", "ilesi"),
        ("What is an ESI?", "ilesi"),
        ("whats an epidural steriod injection", "ilesi"),
        ("is a cortisone shot safe", "is-it-safe"),
        ("who gives the steroid injection", "who-performs"),
        ("what is a nerve block", "other-procedures"),
        ("what is a facet injection", "other-procedures"),
        ("are there risks with a spinal injection", "risks"),
        # clinic headings, in title case and with the words reversed
        ("What Are the Possible Side Effects of Spinal Injections of Steroids?", "risks"),
        ("How effective are epidural injections?", "does-it-work"),
    ],
)
def test_the_words_patients_use_are_the_procedures(matcher: Matcher, question: str, entry_id: str) -> None:
    match = matcher.match(question)
    assert match.kind in ("answer", "suggest"), match
    assert match.entry_ids[0] == entry_id


@pytest.mark.parametrize(
    "question", ["what steroid do they use", "is the steroid bad for me", "how much cortisone is in it",
                 "steroids side effects"],
)
def test_a_question_about_the_steroid_itself_is_not_covered(responder: Responder, question: str) -> None:
    reply = responder.respond(question)
    assert (reply.kind, reply.reason) == ("fallback", "not_covered"), reply


# ---------------------------------------------------------------- greetings, thanks, goodbyes


@pytest.mark.parametrize(
    "message",
    ["thanks doc", "Thank you very much, you have been most helpful.", "thx x", "Goodbye.", "cheers doc!",
     "ok thanks, bye", "Thank you doctor"],
)
def test_thanks_and_goodbyes_get_the_small_talk_reply(responder: Responder, message: str) -> None:
    reply = responder.respond(message)
    assert reply.reason == "small_talk", reply
    assert not reply.is_gap  # never in the staff report


def test_a_greeting_to_the_doctor_does_not_make_the_question_about_doctors(matcher: Matcher) -> None:
    match = matcher.match("hi doc, should I have the injection?")
    assert "who-performs" not in match.entry_ids
    assert match.entry_ids[:1] == ("is-it-right-for-me",)


def test_a_name_after_a_title_is_not_read_as_part_of_the_question(matcher: Matcher) -> None:
    match = matcher.match("Dear Dr Okonkwo, who performs the injection?")
    assert (match.kind, match.entry_ids) == ("answer", ("who-performs",))


def test_a_title_in_the_question_itself_is_kept(matcher: Matcher) -> None:
    assert matcher.match("is it done by a pain management doctor").entry_ids[0] == "who-performs"


# ---------------------------------------------------------------- follow-ups


@pytest.mark.parametrize(
    ("previous", "message", "expected"),
    [
        (HEADACHE, "and how long does that last?", ("answer", HEADACHE)),
        (HEADACHE, "is that normal?", ("answer", HEADACHE)),
        ("who-performs", "what about for my dad?", ("answer", "who-performs")),
        ("who-performs", "and how long does that last?", ("fallback", None)),
        ("is-it-safe", "is that normal?", ("fallback", None)),
    ],
)
def test_a_follow_up_is_read_against_the_entry_just_answered(
    matcher: Matcher, previous: str, message: str, expected: tuple[str, str | None]
) -> None:
    match = matcher.match(message, previous=previous)
    assert (match.kind, match.entry_ids[0] if match.entry_ids else None) == expected


@pytest.mark.parametrize(
    ("previous", "message"),
    [
        ("does-it-work", "what about for my mum, she's 88?"),
        ("what-are-interlaminar-injections", "what about for my dad, he's 90 - is he too old?"),
        ("does-it-work", "what about for sciatica?"),
    ],
)
def test_a_follow_up_that_brings_a_new_condition_is_not_the_entry_just_answered(
    matcher: Matcher, previous: str, message: str
) -> None:
    # a number or a word the FAQ never uses: the answer just given does not speak of it
    assert matcher.match(message, previous=previous).kind == "fallback"


def test_an_entry_that_only_says_what_something_is_does_not_answer_another_question(matcher: Matcher) -> None:
    for question in ("Can You Walk After a Facet Joint Injection?", "Can You Get a Nerve Block for Sciatica?",
                     "Is there a leaflet about the nerve root block I can print for my mum?"):
        assert matcher.match(question).kind != "answer", question
    assert matcher.match("What Exactly is a Facet Joint Injection?").entry_ids == ("other-procedures",)
    assert matcher.match("what about a facet injection?").entry_ids == ("other-procedures",)


def test_a_follow_up_with_a_subject_of_its_own_is_matched_afresh(matcher: Matcher) -> None:
    match = matcher.match("and what are the risks?", previous="who-performs")
    assert match.entry_ids[0] == "risks"


def test_a_follow_up_that_names_a_procedure_asks_the_same_again(matcher: Matcher) -> None:
    # after "is it safe?", "what about a facet injection?" asks whether that one is safe
    assert matcher.match("what about a facet injection?", previous="is-it-safe").entry_ids == ("is-it-safe",)
    assert matcher.match("and for a nerve root block?", previous="who-performs").entry_ids == ("who-performs",)
    # ...but asking what it is, or with no answer before, is about the procedure itself
    assert matcher.match("what is a facet injection?", previous="is-it-safe").entry_ids == ("other-procedures",)
    assert matcher.match("what about a facet injection?").entry_ids == ("other-procedures",)


def test_without_a_previous_answer_a_follow_up_is_not_guessed(matcher: Matcher) -> None:
    assert matcher.match("and how long does that last?").kind == "fallback"


def test_an_unknown_previous_entry_is_ignored(matcher: Matcher) -> None:
    assert matcher.match("is that normal?", previous="no-such-entry").kind == "fallback"


# ---------------------------------------------------------------- several questions in one message


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("What are the risks, and will I need someone to drive me home?", "risks"),
        ("What's a facet joint injection, and how long is the waiting list?", "other-procedures"),
        ("Will I get a headache afterwards, and can I go to work the next day?", HEADACHE),
        ("I had a bad reaction to a dental anaesthetic years ago. What are the possible side effects?", "risks"),
    ],
)
def test_the_answerable_part_of_several_questions_is_offered_never_answered(
    matcher: Matcher, question: str, entry_id: str
) -> None:
    # the reply must not seem to answer the part the FAQ does not cover: a suggestion, not an answer
    match = matcher.match(question)
    assert (match.kind, match.entry_ids[0]) == ("suggest", entry_id), match


@pytest.mark.parametrize(
    "question", ["I take warfarin. Do I need to stop it before my injection?",
                 "Can my dad drive home after his nerve block, or do I need to pick him up?"],
)
def test_a_part_about_the_topic_not_covered_is_not_offered(matcher: Matcher, question: str) -> None:
    assert matcher.match(question).kind == "fallback"


def test_an_entry_that_only_says_what_it_is_comes_after_the_one_that_answers_what_is_asked(
    matcher: Matcher,
) -> None:
    match = matcher.match("What Are the Side Effects of a Facet Joint Injection?")
    assert match.entry_ids[0] == "risks"
    assert match.kind == "suggest" or match.entry_ids == ("risks",)


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [("How do Steroids work in the spine?", "how-they-work"), ("Are These Steroids Safe?", "is-it-safe"),
     ("Will an epidural relieve my back pain?", "does-it-work")],
)
def test_steroids_for_the_procedure_and_whether_it_relieves_pain(
    matcher: Matcher, question: str, entry_id: str
) -> None:
    match = matcher.match(question)
    assert entry_id in match.entry_ids, match
    assert match.kind != "answer" or match.entry_ids == (entry_id,)


@pytest.mark.parametrize(
    "question", ["how does the epidural actually work", "How do cortisone shots in the spine work?",
                 "how do these epidurals work", "how dose the epidural work on the nerves"],
)
def test_how_it_works_offers_the_entry_that_says_how_before_the_one_that_says_whether(
    matcher: Matcher, question: str
) -> None:
    match = matcher.match(question)
    assert match.entry_ids[0] == "how-they-work", match


def test_the_best_entry_keeps_its_place_when_the_question_names_what_only_it_is_about(matcher: Matcher) -> None:
    # "damage" is serious-complications' word alone; "is it safe?" does not put is-it-safe before it
    match = matcher.match("Is it safe? Could it damage the nerves in my back?")
    assert match.kind == "suggest" and match.entry_ids[:2] == ("serious-complications", "is-it-safe"), match


def test_a_short_question_that_points_back_is_read_with_the_sentence_it_points_at(matcher: Matcher) -> None:
    story = ("My back has been bad since I moved house in the spring and nothing I try touches it. At my last "
             "appointment the consultant wrote 'interlaminar injections' on a sticky note for me. What are those?")
    match = matcher.match(story)
    assert match.kind == "suggest" and match.entry_ids[0] == "what-are-interlaminar-injections", match


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [("Do epidural injections cure a slipped disc?", "does-it-work"),  # "cure" asks whether it works
     ("The nurse kept saying 'nerve root block'. What sort of injection is that?", "other-procedures")],
)
def test_whether_it_cures_and_what_sort_of_injection_it_is(matcher: Matcher, question: str, entry_id: str) -> None:
    match = matcher.match(question)
    assert match.entry_ids[0] == entry_id, match
    assert match.kind != "answer" or match.entry_ids == (entry_id,)


@pytest.mark.parametrize("question", ["What is a Nerve Block?", "what are nerve blocks?",
                                      "Is an Epidural the Same as a Nerve Block?"])
def test_a_broader_name_asked_what_it_is_gets_the_entry_that_names_a_kind_offered_not_given(
    matcher: Matcher, question: str
) -> None:
    # a nerve block may be any nerve's; the entry says only what the nerve root blocks the source names are
    match = matcher.match(question)
    assert (match.kind, match.entry_ids[0]) == ("suggest", "other-procedures"), match


@pytest.mark.parametrize(("question", "entry_id"), [("what is a nerve root block?", "other-procedures"),
                                                   ("is the nerve block safe for my dad?", "is-it-safe"),
                                                   ("who does the nerve block?", "who-performs")])
def test_a_broader_name_is_still_the_procedure_when_asked_anything_else(
    matcher: Matcher, question: str, entry_id: str
) -> None:
    match = matcher.match(question)
    assert match.entry_ids[:1] == (entry_id,), match


@pytest.mark.parametrize(
    "question", ["What's the difference between a facet joint injection and a nerve block?",
                 "whats the difference between an epidural and a nerve root block"],
)
def test_how_two_things_differ_is_not_answered_by_an_entry_that_only_names_both(
    matcher: Matcher, question: str
) -> None:
    assert matcher.match(question).kind != "answer"


def test_how_acute_and_chronic_back_pain_differ_is_still_answered(matcher: Matcher) -> None:
    match = matcher.match("how is chronic back pain different from acute back pain?")
    assert (match.kind, match.entry_ids) == ("answer", ("chronic-back-pain",))


@pytest.mark.parametrize(
    "question", ["how long is the procedure itself", "when will i feel better then"],
)
def test_how_long_the_procedure_itself_takes_and_when_it_helps_are_not_answered(
    matcher: Matcher, question: str
) -> None:
    assert matcher.match(question).kind != "answer"


def test_suggestions_lead_with_the_entry_mostly_asked_what_is_asked_unless_entries_are_thin() -> None:
    from bot.core.deciding import Candidate, Question, Thresholds, decide

    def ranked(thin: bool) -> list[Candidate]:
        # "whether it works" scores higher on the word "work"; "how it works" is what is asked
        return [Candidate("whether", 55.0, about=True, asks_aspect=False, related=True, thin=thin),
                Candidate("how", 45.0, about=False, asks_aspect=True, related=True, asks_its_aspect=True, thin=thin)]

    assert decide(ranked(thin=False), Question(), Thresholds()) == ("suggest", ("how", "whether"))
    # an entry of a handful of alternates does not show all it answers: the scores' order stands
    assert decide(ranked(thin=True), Question(), Thresholds()) == ("suggest", ("whether", "how"))


@pytest.mark.parametrize("question", ["Is a headache a recognised complication of this procedure?",
                                      "Is headache the most common complication after an interlaminar epidural?"])
def test_a_suggestion_named_by_the_word_most_of_its_phrasings_use_comes_before_the_entry_mostly_asked_it(
    matcher: Matcher, question: str
) -> None:
    # the risks entry is mostly asked the risks; the question names the headache, and that entry answers it
    match = matcher.match(question)
    assert (match.kind, match.entry_ids[0]) == ("suggest", HEADACHE), match


def test_a_word_most_phrasings_use_does_not_reorder_a_question_that_asks_nothing_in_particular(
    matcher: Matcher
) -> None:
    # "chronic" names chronic-back-pain, but "what treatments are there" asks nothing it is mostly asked
    assert matcher.match("What treatments are there for chronic back pain?").entry_ids[0] == "treatment-options"


@pytest.mark.parametrize("question", ["What Are Epidural Injections Used For?", "What is fluoroscopy used for?"])
def test_what_something_is_used_for_is_not_answered_by_an_entry_that_does_not_say(
    matcher: Matcher, question: str
) -> None:
    # "used for" asks the conditions it treats, not only "what is it for"; the ILESI entry says neither
    assert matcher.match(question).kind != "answer"


def test_what_interlaminar_injections_are_used_for_is_still_answered(matcher: Matcher) -> None:
    match = matcher.match("what are interlaminar injections used for")
    assert (match.kind, match.entry_ids) == ("answer", ("what-are-interlaminar-injections",))


@pytest.mark.parametrize(
    "question",
    ["Can I have another injection if the first one helped?",  # having it again
     "What is the name of the doctor who will be doing my injection?",  # a name
     "How long after the injection does the headache usually start?",  # when it comes
     "Can an Epidural Cause Nerve Damage Years Later?",
     "Is It Safe to Have Ongoing Epidural Steroid Injections?",  # again and again
     "Can epidural nerve damage be fixed?"],  # what can be done about it
)
def test_what_no_answer_says_is_not_answered_by_the_entry_its_words_are_near(matcher: Matcher, question: str) -> None:
    assert matcher.match(question).kind != "answer"


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [("hi what are the different ways to manage back pain", "treatment-options"),
     ("is the injection the only thing u can do for back pain", "treatment-options"),
     ("Is an epidural injection a good idea for me?", "is-it-right-for-me"),
     ("Is a nerve root block the same thing as an epidural?", "other-procedures"),
     ("What Are the Side Affects of Facet Injections in the Lower Spine?", "risks")],
)
def test_what_a_question_asks_puts_the_entry_that_answers_it_first(matcher: Matcher, question: str,
                                                                   entry_id: str) -> None:
    assert matcher.match(question).entry_ids[0] == entry_id


def test_the_entry_mostly_asked_what_is_asked_is_offered_however_far_behind() -> None:
    from dataclasses import replace

    from bot.core.deciding import Candidate, Question, Thresholds, decide

    # three entries near each other answer something else; the one mostly asked "should I have it?" is
    # far behind, and is offered in place of the third
    ranked = [Candidate("safe", 40.0, about=False, asks_aspect=True, related=True),
              Candidate("risks", 35.0, about=False, asks_aspect=True, related=True),
              Candidate("headache", 34.0, about=False, asks_aspect=True, related=True),
              Candidate("for-me", 9.0, about=False, asks_aspect=True, related=True, asks_its_aspect=True)]
    assert decide(ranked, Question(), Thresholds()) == ("suggest", ("safe", "risks", "for-me"))
    # one of the three is mostly asked it already: the list is left alone
    ranked[1] = replace(ranked[1], asks_its_aspect=True)
    assert decide(ranked, Question(), Thresholds()) == ("suggest", ("risks", "safe", "headache"))


@pytest.mark.parametrize(
    "question",
    ["the doctor told me my pulse was 90, is that fine?",
     "my consultant told me my reflexes were slow, should I worry",
     "the nurse says my temperature is 37.4, is that ok"],
)
def test_who_said_something_does_not_make_it_about_who_does_the_injection(matcher: Matcher, question: str) -> None:
    assert "who-performs" not in matcher.match(question).entry_ids


def test_a_question_about_who_does_it_is_answered_after_what_the_doctor_said(matcher: Matcher) -> None:
    # (the doctor who said it no longer counts as a second subject beside the injection)
    match = matcher.match("my doctor said I need an interlaminar injection, who does it?")
    assert (match.kind, match.entry_ids) == ("answer", ("who-performs",))


@pytest.mark.parametrize("question", ["how fast will it start to work?", "they explained it so fast, what is it?"])
def test_speed_is_not_going_without_food(matcher: Matcher, question: str) -> None:
    assert matcher.not_covered(question) is None


@pytest.mark.parametrize("question", ["must I fast the night before?", "do we have to fast for it",
                                      "how long should i fast beforehand"])
def test_going_without_food_before_it_is_still_not_covered(matcher: Matcher, question: str) -> None:
    assert matcher.not_covered(question)
    assert matcher.match(question).kind == "fallback"


def test_an_entry_about_the_question_that_answers_it_is_offered_when_none_offered_is_both() -> None:
    from bot.core.deciding import Candidate, Question, Thresholds, decide

    # a story that names who referred it and ends "what are they?": the people entry is about the story
    # but does not say what anything is; the entry that does is far behind
    ranked = [Candidate("who", 55.0, about=True, asks_aspect=False),
              Candidate("other", 45.0, about=False, asks_aspect=True, related=True),
              Candidate("for-me", 44.0, about=True, asks_aspect=False),
              Candidate("what-are", 20.0, about=True, asks_aspect=True, related=True)]
    assert decide(ranked, Question(), Thresholds()) == ("suggest", ("who", "other", "what-are"))


@pytest.mark.parametrize(
    "question",
    ["my mum keeps asking how it's supposed to help, can you explain?",
     "how is the jab meant to ease the pain",
     "i would like to understand how they are meant to work"],
)
def test_how_it_is_supposed_to_help_asks_how_it_works(matcher: Matcher, question: str) -> None:
    assert matcher.match(question).entry_ids[:1] == ("how-they-work",)


def test_whether_it_gives_a_good_effect_asks_whether_it_works(matcher: Matcher) -> None:
    assert matcher.match("the jab for my back, does it give good effect?").entry_ids[:1] == ("does-it-work",)


def test_must_i_have_it_asks_whether_to_have_it(matcher: Matcher) -> None:
    assert "is-it-right-for-me" in matcher.match("must I have this injection or is there something else").entry_ids


def test_rite_for_me_asks_whether_to_have_it(matcher: Matcher) -> None:
    assert matcher.match("is this jab rite for my dad").entry_ids[:1] == ("is-it-right-for-me",)


@pytest.mark.parametrize(
    "question",
    ["what's the difference between the steroid jab and a nerve block",
     "whats the difference between a facet jab and an epidural",
     "can u tell me the difference between nerve root block and facet injection"],
)
def test_a_suggestion_that_asks_the_same_but_about_other_things_is_not_offered(matcher: Matcher, question: str) -> None:
    # the chronic-pain entry is mostly asked "the difference between acute and chronic", but these name
    # neither
    match = matcher.match(question)
    assert match.entry_ids[:1] == ("other-procedures",)
    assert "chronic-back-pain" not in match.entry_ids


def test_a_question_about_something_keeps_only_suggestions_that_share_a_word_with_it() -> None:
    from dataclasses import replace

    from bot.core.deciding import Candidate, Question, Thresholds, decide

    ranked = [Candidate("others", 70.0, about=True, asks_aspect=False, related=True, about_content=True),
              Candidate("apart", 50.0, about=False, asks_aspect=True, related=True, shares_word=False),
              Candidate("mostly", 48.0, about=False, asks_aspect=True, related=True, shares_word=False,
                        asks_its_aspect=True)]
    assert decide(ranked, Question(), Thresholds()) == ("suggest", ("others", "mostly"))
    # a question that names nothing of its own ("what should I do if I get one?") keeps them all
    vague = [replace(ranked[0], about_content=False), *ranked[1:]]
    assert decide(vague, Question(), Thresholds())[1] == ("mostly", "others", "apart")


@pytest.mark.parametrize("question", ["whats an epidurel steriod injecion", "what is a epidral steriod injecton"])
def test_a_misspelt_steroid_injection_is_the_epidural_not_the_medicine(matcher: Matcher, question: str) -> None:
    # "steriod injection" is listed as the injection; with "injection" misspelt too it is still that
    assert matcher.match(question).entry_ids[:1] == ("ilesi",)


def test_a_misspelt_steroid_alone_is_still_the_medicine(matcher: Matcher) -> None:
    assert matcher.match("what is in the steriod").kind == "fallback"


def test_a_word_listed_as_a_spelling_is_that_word_inside_a_synonym_phrase() -> None:
    from bot.core.normalise import SynonymRewriter

    rewriter = SynonymRewriter([("injection", ["injecton", "shot", "steroid injection"]),
                                ("epidural", ["epidural shot"])])
    assert rewriter.rewrite(["a", "steroid", "injecton"]) == ["a", "injection"]
    # a word of its own ("shot") is not: "epidural injection" is not the listed "epidural shot"
    assert rewriter.rewrite(["epidural", "injection"], phrases_only=True) == ["epidural", "injection"]
    assert rewriter.rewrite(["injecton"], phrases_only=True) == ["injecton"]


@pytest.mark.parametrize("question", ["wat does interlaminar mean?", "what does 'interlaminar' mean"])
def test_what_interlaminar_means_is_the_interlaminar_space(matcher: Matcher, question: str) -> None:
    # the interlaminar-space answer says what the word names (the gap between the laminae)
    assert matcher.match(question).entry_ids[:1] == ("interlaminar-space",)


@pytest.mark.parametrize("follow_up", ["which kind is done most often?", "and which type is the usual one?"])
def test_a_follow_up_that_another_entry_answers_is_not_answered_with_the_one_before(
        matcher: Matcher, follow_up: str) -> None:
    # the ILESI entry says the epidural is the most common kind; the what-are answer does not
    match = matcher.match(follow_up, previous="what-are-interlaminar-injections")
    assert match.entry_ids[:1] == ("ilesi",)


def test_a_follow_up_about_part_of_the_entrys_subject_gets_the_fallback(matcher: Matcher) -> None:
    # other-procedures says what facet joint injections are, not what the joint is
    assert matcher.match("so what is the facet joint itself?", previous="other-procedures").kind == "fallback"


def test_a_follow_up_naming_whom_it_is_for_asks_the_same_again(matcher: Matcher) -> None:
    match = matcher.match("what about for my mum's nerve block?", previous="who-performs")
    assert match.entry_ids == ("who-performs",)


@pytest.mark.parametrize("question", ["Is it safe to keep having epidural steroid injections?",
                                      "are the jabs ok to keep having the injections every year"])
def test_whether_it_is_safe_to_keep_having_them_is_not_answered_by_is_it_safe(matcher: Matcher, question: str) -> None:
    # the is-it-safe answer says nothing about repeated injections: at most a suggestion
    assert matcher.match(question).kind != "answer"


def test_a_symptom_that_keeps_coming_is_not_a_question_about_repeated_injections(matcher: Matcher) -> None:
    assert matcher.match("i keep getting a headache after the epidural").entry_ids == (HEADACHE,)


@pytest.mark.parametrize("follow_up", ["are there different types?", "are there different kinds of them?"])
def test_a_follow_up_asking_for_other_kinds_is_not_answered_with_the_entry_before(
        matcher: Matcher, follow_up: str) -> None:
    # "different" is a word as it stands, not a slip of "difference": it asks which kinds there are
    match = matcher.match(follow_up, previous="what-are-interlaminar-injections")
    assert match.kind != "answer" and match.entry_ids[:1] == ("other-procedures",)


def test_explaining_how_the_injection_stops_pain_offers_how_it_works_first(matcher: Matcher) -> None:
    match = matcher.match("could you tell me how the epidural stops my back hurting?")
    assert match.entry_ids[:1] == ("how-they-work",)


def test_a_waiting_list_is_not_the_list_of_risks(matcher: Matcher) -> None:
    match = matcher.match("my husband is on the waiting list for an interlaminar procedure, what is it?")
    assert match.entry_ids[:1] == ("what-are-interlaminar-injections",)


# ---------------------------------------------------------------- matching14: the lead's kinds of sets 9 and 10


@pytest.mark.parametrize("question", ["What sort of treatment is an interlaminar procedure?",
                                      "Please describe what an interlaminar procedure is."])
def test_what_kind_of_treatment_something_is_asks_what_it_is(matcher: Matcher, question: str) -> None:
    # "treatment" there names what kind of thing it is, not the treatment options
    assert matcher.match(question).entry_ids[:1] == ("what-are-interlaminar-injections",)


@pytest.mark.parametrize("question", ["how does the epidural get rid of my pain",
                                      "how dose the steroid jab get rid of the pain"])
def test_how_it_gets_rid_of_the_pain_asks_how_it_works(matcher: Matcher, question: str) -> None:
    match = matcher.match(question)
    assert match.kind != "answer" or match.entry_ids == ("how-they-work",)
    assert match.entry_ids[:1] == ("how-they-work",)


def test_whether_the_pain_will_ever_end_is_a_prognosis_no_answer_gives(matcher: Matcher) -> None:
    assert matcher.match("is my pain ever going to go away for good?").kind == "fallback"
    # the headache answer does say it usually settles
    assert matcher.match("will the headache go away on its own?").entry_ids == (HEADACHE,)


def test_which_medicine_to_take_after_the_headache_answer_is_not_answered_with_it(matcher: Matcher) -> None:
    assert matcher.match("what should I take for it?", previous=HEADACHE).kind == "fallback"


def test_a_remark_after_a_what_is_question_leaves_what_it_is_first(matcher: Matcher) -> None:
    # "typing this for me" tells who writes; the question asks what the procedure is
    match = matcher.match("What is an interlaminar procedure? My granddaughter is typing this for me.")
    assert match.entry_ids[:1] == ("what-are-interlaminar-injections",)


@pytest.mark.parametrize(("question", "entry"), [("is it saf to have", "is-it-safe"),
                                                 ("is it the rite thing for me", "is-it-right-for-me"),
                                                 ("what are the dangers of the epidural?", "risks")])
def test_short_slips_and_the_dangers(matcher: Matcher, question: str, entry: str) -> None:
    assert matcher.match(question).entry_ids[:1] == (entry,)


def test_whether_it_is_a_good_option_for_me_is_not_answered_with_the_options(matcher: Matcher) -> None:
    match = matcher.match("is a nerve root block a good option for someone like me?")
    assert match.kind != "answer" and "is-it-right-for-me" in match.entry_ids


def test_being_put_down_for_it_is_being_booked(matcher: Matcher) -> None:
    match = matcher.match("my wife has been put down for an interlaminar procedure, what is that?")
    assert match.entry_ids[:1] == ("what-are-interlaminar-injections",)


def test_what_even_is_asks_what_it_is(matcher: Matcher) -> None:
    assert matcher.match("what even is a facet joint injection?").entry_ids[:1] == ("other-procedures",)


def test_asking_for_the_other_two_after_what_the_injections_are_offers_the_other_kinds(matcher: Matcher) -> None:
    match = matcher.match("so which are the other two?", previous="what-are-interlaminar-injections")
    assert match.kind != "answer" and match.entry_ids[:1] == ("other-procedures",)


def test_asking_the_other_ones_after_the_options_is_not_answered_with_the_options_again(matcher: Matcher) -> None:
    # the options answer does not go through the other options
    assert matcher.match("and what are the other two?", previous="treatment-options").kind != "answer"


def test_a_duration_follow_up_that_no_entry_answers_still_gets_the_fallback(matcher: Matcher) -> None:
    assert matcher.match("how long does it take?", previous="who-performs").kind == "fallback"


@pytest.mark.parametrize(("question", "entry"), [
    ("Effectiveness of Facet Joint Injections", "does-it-work"),
    ("What are the ways my back pain can be treated?", "treatment-options")])
def test_headings_of_effectiveness_and_ways_to_treat(matcher: Matcher, question: str, entry: str) -> None:
    assert matcher.match(question).entry_ids[:1] == (entry,)


@pytest.mark.parametrize("question", ["What's inside the injection?", "what is actually inside the jab",
                                      "what are the ingredients of an epidural?"])
def test_what_is_inside_the_injection_asks_for_the_medicine_which_no_answer_names(matcher: Matcher,
                                                                                   question: str) -> None:
    # not serious-complications, whose phrasings say "bleed inside"
    assert matcher.match(question).kind == "fallback"


@pytest.mark.parametrize("question", ["When to get an ESI?", "when should you get a facet injection"])
def test_when_one_is_given_is_never_answered_with_what_it_is(matcher: Matcher, question: str) -> None:
    assert matcher.match(question).kind != "answer"


def test_no_idea_what_it_is_asks_what_it_is_not_whether_it_is_a_good_idea(matcher: Matcher) -> None:
    # (is-it-right-for-me shares only the "idea" of "is it a good idea?")
    match = matcher.match("I'm booked for an interlaminar injection and have no idea what it is. Can you explain?")
    assert match.kind != "answer" and "what-are-interlaminar-injections" in match.entry_ids


def test_right_before_but_is_not_a_question_of_its_own(matcher: Matcher) -> None:
    match = matcher.match("ok right, but how does the injection actually ease the pain?")
    assert match.kind == "answer" and match.entry_ids == ("how-they-work",)


@pytest.mark.parametrize("question", ["are they any good for long-term relief?", "will the relief be long lasting",
                                      "what are the long term results of a facet injection?"])
def test_long_term_relief_asks_how_long_it_lasts_which_no_answer_says(matcher: Matcher, question: str) -> None:
    # ("long term" is read as "chronic": "long-term back pain" is still the chronic pain entry)
    assert matcher.match(question).kind == "fallback"
    assert matcher.match("what is long term back pain?").entry_ids == ("chronic-back-pain",)


@pytest.mark.parametrize("question", ["is the injection safe for a person with haemophilia?",
                                      "I have sarcoidosis, do these injections work for people like me?"])
def test_a_condition_the_faq_never_names_is_at_most_suggested(matcher: Matcher, question: str) -> None:
    # the safety or the effect for that condition is not what the answer says
    assert matcher.match(question).kind != "answer"


@pytest.mark.parametrize("question", [
    "I had one last year. This time they've booked me for a nerve root block. What is that?",
    "my last epidural was in March, what is a nerve root block?"])
def test_last_year_asks_nothing_of_how_long(matcher: Matcher, question: str) -> None:
    # ("last" asks how long only as a verb: "how long will it last?")
    match = matcher.match(question)
    assert match.kind == "answer" and match.entry_ids == ("other-procedures",)


def test_how_long_will_it_last_still_asks_how_long(matcher: Matcher) -> None:
    assert matcher.match("how long will the headache last?").entry_ids == ("post-procedure-headache",)
    assert matcher.match("will the relief last?").kind != "answer"


def test_what_a_story_told_before_the_question_does_not_change_what_is_asked(matcher: Matcher) -> None:
    # "it helped a bit" tells whether the last one worked; the question asks what the new one is
    match = matcher.match("My epidural in the spring helped a bit. Now the surgeon mentions facet joint injections. "
                          "What are they?")
    assert match.entry_ids[:1] == ("other-procedures",)
