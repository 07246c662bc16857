"""Accuracy guards on the held-out test split: a content or code change that makes the bot miss an
urgent message, raise a false alarm, or answer confidently wrong more often fails the build.

The figures themselves (and how they were measured) are in docs/accuracy.md.
"""

from __future__ import annotations

import pytest

from bot import DEFAULT_FAQ_DIR, PROJECT_ROOT
from bot.core.knowledge import load_faq
from bot.core.pipeline import Responder
from bot.staff.evaluation import evaluate, load_labelled


@pytest.fixture(scope="module")
def responder() -> Responder:
    return Responder(load_faq(DEFAULT_FAQ_DIR))


@pytest.mark.parametrize("split", ["test.jsonl", "holdout.jsonl"])
def test_every_urgent_message_is_caught_and_no_false_alarm(responder: Responder, split: str) -> None:
    cases = load_labelled(PROJECT_ROOT / "eval" / split, [e.id for e in responder.faq.entries])
    report = evaluate(responder, cases)
    assert report.figures["urgent_recall"] == 1.0, report.render()
    # issue 9 aims at 2 % false alarms on ordinary questions; the statistical second opinion trades a
    # few for recall on descriptions nobody listed (docs/accuracy.md has the figures): 2.5 % is the guard
    assert report.false_alarms <= 0.025 * (report.in_scope + report.out_of_scope), report.render()


@pytest.mark.parametrize("split", ["test.jsonl", "holdout.jsonl"])
def test_rarely_confidently_wrong_and_usually_right(responder: Responder, split: str) -> None:
    cases = load_labelled(PROJECT_ROOT / "eval" / split, [e.id for e in responder.faq.entries])
    figures = evaluate(responder, cases).figures
    assert figures["confidently_wrong"] <= 0.03, figures
    assert figures["out_of_scope_never_answered"] >= 0.95, figures
    assert figures["top1"] >= 0.90, figures
    assert figures["answered_or_rightly_suggested"] >= 0.95, figures
