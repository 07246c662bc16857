"""Replies that depend on the calibrated thresholds (bot.core.calibration) on the shipped FAQ."""

from __future__ import annotations

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.matching import Matcher


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load_faq(DEFAULT_FAQ_DIR))


def test_how_an_epidural_works_offers_how_they_work_first(matcher: Matcher) -> None:
    match = matcher.match("how does an epidural steroid jab work on the pain?")
    assert match.kind == "suggest", match
    assert match.entry_ids[0] == "how-they-work"


def test_a_long_message_naming_a_topic_not_covered_still_offers_the_entry_it_asks(matcher: Matcher) -> None:
    match = matcher.match("my insurance pays for it, but does the headache after the steroid injection go away "
                          "on its own")
    assert match.kind == "suggest", match
    assert match.entry_ids[0] == "post-procedure-headache"
