"""A new entry with a handful of alternates, as a nurse would first write it: what its few phrasings
happen to share is not taken for more than it is."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.matching import Matcher

HEADACHE = "post-procedure-headache"


@pytest.fixture(scope="module")
def thin() -> Matcher:
    faq = load_faq(DEFAULT_FAQ_DIR)
    cut = tuple(replace(e, alternates=e.alternates[:5], alternate_lines=()) for e in faq.entries)
    return Matcher(replace(faq, entries=cut))


def test_a_framing_word_its_phrasings_share_is_not_part_of_the_subject(thin: Matcher) -> None:
    # each of the headache entry's first phrasings says "headache after": the subject is still "headache"
    q = thin.query("I understand that a headache may follow the procedure, how common is it?")
    assert thin.entry_ids.index(HEADACHE) in q.about
    match = thin.match("I understand that a headache may follow the procedure, how common is it?")
    assert HEADACHE in match.entry_ids


def test_an_aspect_thin_entries_do_not_show_is_not_taken_as_unanswered(thin: Matcher) -> None:
    # none of the thin entries' phrasings asks how it is done, which does not mean none answers it
    match = thin.match("my partner's having the interlaminar epidural, how is it done")
    assert match.kind == "suggest"
    assert "ilesi" in match.entry_ids


def test_the_full_faq_still_knows_what_nobody_answers() -> None:
    full = Matcher(load_faq(DEFAULT_FAQ_DIR))
    assert full.match("how long does the relief last after the epidural").kind == "fallback"


def test_a_thin_entry_may_be_suggested_for_the_words_of_its_answer(thin: Matcher) -> None:
    # the who-performs entry's first phrasings never say "specialist"; its answer says "pain management experts"
    match = thin.match("is it done by a pain specialist?")
    assert match.kind == "suggest"
    assert "who-performs" in match.entry_ids
