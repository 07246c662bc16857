"""A small soak in `make test`: the real `python -m bot run` through 5xx, 429, held requests, failing
getUpdates and a kill -9, every reply counted per message (benchmarks/soak.py has the full one)."""

from __future__ import annotations

from benchmarks import soak
from bot.telegram.delivery import WORKERS


def test_every_message_is_answered_once_through_faults_and_a_kill():
    figures = soak.run(soak.Plan("make test", messages=200, chats=40, faults_from=0.0, kill_at=0.4, seed=7))
    assert figures["messages"] == 200 and figures["urgent"] > 0
    assert figures["lost"] == 0 and figures["urgent_lost"] == 0
    # only a kill landing between a reply and its ledger row can answer a message twice: at most the replies
    # in flight at that moment, one a delivery worker (on a busy machine that window holds several, not one)
    assert figures["duplicated"] <= WORKERS
    assert figures["unexpected_replies"] == 0  # no "sorry, something went wrong" besides the answers
    for check in figures["database"]:
        assert check["integrity"] == "ok" and check["identifiers_found"] == 0
    assert figures["bot_log_tracebacks"] == 0
    assert all(stop["stop_s"] < 10 for stop in figures["stops"])
