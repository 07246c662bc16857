"""Thresholds that calibrate themselves on each FAQ, within the clinic's wrong-answer budget."""

from __future__ import annotations

from dataclasses import replace

from bot import DEFAULT_FAQ_DIR
from bot.core.calibration import calibration
from bot.core.deciding import Thresholds
from bot.core.knowledge import load_faq
from tests.small_faq import make_faq


def _cut(faq, alternates: int):
    return replace(faq, entries=tuple(replace(e, alternates=e.alternates[:alternates], alternate_lines=())
                                      for e in faq.entries))


def test_the_shipped_faq_stays_within_its_budget_on_its_own_questions() -> None:
    found = calibration(load_faq(DEFAULT_FAQ_DIR))
    assert found.calibrated
    assert found.wrong <= found.budget * found.questions
    assert found.right > found.questions / 3


def test_a_stricter_budget_gives_stricter_thresholds() -> None:
    faq = load_faq(DEFAULT_FAQ_DIR)
    usual = calibration(faq)
    strict = calibration(replace(faq, wrong_answer_budget=0.0))
    assert strict.wrong == 0
    assert (strict.thresholds.answer, strict.thresholds.margin) >= (usual.thresholds.answer, usual.thresholds.margin)
    assert strict.right <= usual.right


def test_a_thin_faq_is_calibrated_on_itself_not_given_the_full_ones_thresholds() -> None:
    faq = load_faq(DEFAULT_FAQ_DIR)
    thin = calibration(_cut(faq, 5))
    assert thin.calibrated
    assert thin.wrong <= thin.budget * thin.questions
    assert thin.thresholds != calibration(faq).thresholds


def test_an_faq_too_small_to_learn_from_keeps_the_defaults(tmp_path) -> None:
    found = calibration(load_faq(make_faq(tmp_path)))
    assert not found.calibrated
    assert (found.thresholds.answer, found.thresholds.margin) == (Thresholds().answer, Thresholds().margin)


def test_a_rule_that_stops_wrong_answers_on_the_faqs_own_questions_does_not_loosen_the_thresholds(monkeypatch) -> None:
    from bot.core import calibration as module

    faq = load_faq(DEFAULT_FAQ_DIR)
    usual = calibration(faq).thresholds
    asked_of = module._case

    def stricter(matcher, expected, text):
        # a look-alike rule that fires exactly where the best entry is the wrong one (it says the entry does
        # not answer what is asked): no wrong answer is left
        case = asked_of(matcher, expected, text)
        if case.ranked and case.ranked[0].entry != expected:
            case = replace(case, ranked=(replace(case.ranked[0], asks_aspect=False), *case.ranked[1:]))
        return case

    module._calibration.cache_clear()
    monkeypatch.setattr(module, "_case", stricter)
    try:
        strict = calibration(faq)
    finally:
        module._calibration.cache_clear()
    assert strict.wrong == 0
    assert (strict.thresholds.answer, strict.thresholds.margin) == (usual.answer, usual.margin)


def test_the_suggestions_spread_is_calibrated_to_keep_the_right_entry_among_them() -> None:
    found = calibration(load_faq(DEFAULT_FAQ_DIR))
    assert found.thresholds.suggest_within != Thresholds().suggest_within
    assert found.rightly_suggested > 0
    assert found.thresholds.suggest <= found.thresholds.answer
