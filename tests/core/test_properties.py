"""Properties of the core for any text at all (Hypothesis): it never raises, always decides one of the four
kinds, and its reply is one Telegram accepts and its JSON is the `ask --json` contract."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import load_faq
from bot.core.pipeline import KINDS, Responder

TELEGRAM_LIMIT = 4096
CONTRACT_KEYS = {"kind", "faq_id", "score", "suggestions", "text"}

RESPONDER = Responder(load_faq(DEFAULT_FAQ_DIR))  # built once: indexing is the slow part
ENTRY_IDS = {e.id for e in RESPONDER.faq.entries}

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words the FAQ and the red flags use, so that generated text reaches the matcher and the triage too.
FAQ_WORDS = sorted(
    {w for e in RESPONDER.faq.entries for p in e.phrasings for w in p.lower().split()}
    | {w for p in RESPONDER.faq.red_flags.urgent for w in p.text.lower().split()}
)
any_text = st.text()  # every code point but surrogates, including controls, emoji and combining marks
long_text = st.text(min_size=1_000, max_size=20_000)
faq_like = st.lists(
    st.one_of(st.sampled_from(FAQ_WORDS), st.text(min_size=1, max_size=8)), max_size=40
).map(" ".join)
messages = st.one_of(any_text, long_text, faq_like)


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@SETTINGS
@given(messages)
def test_any_text_gets_one_of_the_four_kinds_with_a_sendable_text(text: str) -> None:
    reply = RESPONDER.respond(text)
    assert reply.kind in KINDS
    assert reply.text.strip()
    assert utf16_units(reply.text) <= TELEGRAM_LIMIT
    reply.text.encode("utf-8")  # no lone surrogates


@SETTINGS
@given(messages)
def test_json_is_exactly_the_contract(text: str) -> None:
    reply = RESPONDER.respond(text)
    data = json.loads(json.dumps(reply.to_json(), ensure_ascii=False))
    assert set(data) == CONTRACT_KEYS
    assert data["kind"] == reply.kind and data["text"] == reply.text
    assert (data["faq_id"] is not None) == (data["kind"] == "answer")
    if data["faq_id"] is not None:
        assert data["faq_id"] in ENTRY_IDS
    assert isinstance(data["score"], int | float) and 0 <= data["score"] <= 100
    assert isinstance(data["suggestions"], list) and set(data["suggestions"]) <= ENTRY_IDS
    assert (data["suggestions"] != []) == (data["kind"] == "suggest")
    assert len(data["suggestions"]) <= 3


@SETTINGS
@given(messages)
def test_the_same_text_always_gets_the_same_reply(text: str) -> None:
    assert RESPONDER.respond(text) == RESPONDER.respond(text)


@SETTINGS
@given(st.sampled_from(sorted(ENTRY_IDS)), any_text)
def test_a_question_drowned_in_random_text_still_gets_a_sendable_reply(entry_id: str, noise: str) -> None:
    question = RESPONDER.faq.entry(entry_id).question
    reply = RESPONDER.respond(f"{noise} {question} {noise}")
    assert reply.kind in KINDS and 0 < utf16_units(reply.text) <= TELEGRAM_LIMIT


@pytest.mark.parametrize("entry_id", sorted(ENTRY_IDS))
def test_every_entry_answers_its_own_question(entry_id: str) -> None:
    # the canonical question (shown on buttons) typed back must get that entry's answer
    reply = RESPONDER.respond(RESPONDER.faq.entry(entry_id).question)
    assert (reply.kind, reply.faq_id) == ("answer", entry_id)
