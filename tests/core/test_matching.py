"""The matcher's three outcomes on the shipped FAQ, and the margin rule on a made-up one."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import Entry, load_faq
from bot.core.matching import Matcher, Thresholds


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_faq(DEFAULT_FAQ_DIR))


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("will I get a headache after the shot", "post-procedure-headache"),
        ("who does the injection", "who-performs"),
        ("what is a nerve root block", "other-procedures"),
        ("is it safe", "is-it-safe"),
        ("what r the side efects", "risks"),
        ("can it cause nerve damage", "serious-complications"),
        ("WHO DOES THE INJECTION???", "who-performs"),
    ],
)
def test_clear_questions_are_answered(matcher: Matcher, question: str, entry_id: str) -> None:
    match = matcher.match(question)
    assert match.kind == "answer", match
    assert match.entry_ids == (entry_id,)


def test_accents_and_foreign_words_still_point_to_the_right_entry(matcher: Matcher) -> None:
    match = matcher.match("qui fait l'injection? who does the injéction")
    assert match.kind in ("answer", "suggest")
    assert match.entry_ids[0] == "who-performs"


def test_typos_are_forgiven(matcher: Matcher) -> None:
    assert matcher.match("wil i get a hedache aftr the injektion").entry_ids[0] == "post-procedure-headache"


def test_staff_synonyms_apply(matcher: Matcher) -> None:
    # "jab" is a synonym of "injection" in faq/synonyms.yaml
    assert matcher.match("who gives the jab").entry_ids[0] == "who-performs"


@pytest.mark.parametrize(
    "question",
    ["how much does it cost", "does my insurance cover it", "can I drive home afterwards",
     "is it safe when pregnant", "what is the capital of france", "side effects of ibuprofen"],
)
def test_out_of_scope_is_never_answered(matcher: Matcher, question: str) -> None:
    assert matcher.match(question).kind != "answer"


@pytest.mark.parametrize("question", ["", "   ", "?!?!", "...", "🙂🙂🙂", "\u200b\u200b"])
def test_empty_or_punctuation_is_a_fallback(matcher: Matcher, question: str) -> None:
    match = matcher.match(question)
    assert match.kind == "fallback"
    assert match.entry_ids == ()


def test_vague_question_gets_suggestions_not_a_guess(matcher: Matcher) -> None:
    match = matcher.match("tell me about the injection")
    assert match.kind == "suggest"
    assert 1 <= len(match.entry_ids) <= 3


def test_suggestions_are_distinct_and_best_first(matcher: Matcher) -> None:
    match = matcher.match("is it risky or dangerous")
    assert match.kind in ("suggest", "answer")
    assert len(set(match.entry_ids)) == len(match.entry_ids)
    scores = matcher.scores("is it risky or dangerous")
    ordered = [scores[i] for i in match.entry_ids]
    assert ordered == sorted(ordered, reverse=True)


def _two_entry_faq(tmp_path: Path):
    faq = load_faq(DEFAULT_FAQ_DIR)
    base = faq.entry("risks")
    assert base is not None
    twins = (
        Entry("apples", "Are apples good for back pain?", ("apples for my back",), "Answer A", "Introduction",
              "t", dt.date(2026, 1, 1), tmp_path / "apples.yaml"),
        Entry("pears", "Are pears good for back pain?", ("pears for my back",), "Answer B", "Introduction",
              "t", dt.date(2026, 1, 1), tmp_path / "pears.yaml"),
    )
    return replace(faq, entries=twins, synonyms=(), not_covered=())


def test_margin_rule_turns_a_near_tie_into_a_suggestion(tmp_path: Path) -> None:
    faq = _two_entry_faq(tmp_path)
    # "fruit" is shared by neither: both entries score alike on "good for back pain"
    match = Matcher(faq).match("is fruit good for back pain")
    assert match.kind in ("suggest", "fallback")
    assert match.kind != "answer"


def test_margin_rule_answers_when_clearly_ahead(tmp_path: Path) -> None:
    faq = _two_entry_faq(tmp_path)
    match = Matcher(faq).match("are pears good for back pain")
    assert match.kind == "answer" and match.entry_ids == ("pears",)


def test_a_higher_margin_makes_the_matcher_more_careful(tmp_path: Path) -> None:
    faq = _two_entry_faq(tmp_path)
    strict = Matcher(faq, replace(Thresholds(), margin=100.0, verbatim=1.01))
    assert strict.match("are pears good for back pain").kind == "suggest"


def test_topic_not_covered_is_never_answered_even_if_it_looks_like_an_entry(matcher: Matcher) -> None:
    question = "how long does the relief last after the injection"
    assert matcher.not_covered(question)
    assert matcher.match(question).kind != "answer"
    assert matcher.match("how long will the relief last").kind == "fallback"


def test_topic_not_covered_as_context_still_offers_the_entry(matcher: Matcher) -> None:
    match = matcher.match("I get migraines already, will I get a bad headache after the injection?")
    assert match.kind == "suggest"
    assert match.entry_ids[0] == "post-procedure-headache"


def test_nearest_entry_is_reported_for_staff_even_on_fallback(matcher: Matcher) -> None:
    match = matcher.match("how much does the headache injection cost")
    assert match.kind == "fallback"
    assert match.nearest is not None


def test_very_long_message_is_matched_on_its_start(matcher: Matcher) -> None:
    match = matcher.match("who does the injection? " + "blah " * 20_000)
    assert match.entry_ids[:1] == ("who-performs",)
