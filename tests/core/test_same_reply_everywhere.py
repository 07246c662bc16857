"""A patient gets the same reply to the same message whatever process serves it: after a restart, on another
worker (each Python process has its own string hash seed, so nothing may depend on the order of a set of
words), and whatever the process answered before."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from bot import DEFAULT_FAQ_DIR, PROJECT_ROOT
from bot.core.knowledge import load_faq
from bot.core.pipeline import Reply, Responder

# Messages that ask two things at once. The first two (from eval/test.jsonl and eval/real/tune-7.jsonl) had
# their aspects' weights summed in a set's order, so the last bits of their scores changed with the seed; the
# others are of the same shape.
MESSAGES = [
    "how many weeks will the good effect last",
    "Why do I need it?",
    "how long does the pain relief last and does it work for everyone?",
    "is it safe and how long will it take?",
    "what does an interlaminar injection do and who does it?",
]
SEEDS = ("0", "1", "2", "12345")

# Every field of each reply, the score to its last bit (`ask --json` rounds it, which hides a difference
# that can still tip a ranking or a threshold); one JSON line a message.
_PRINT_REPLIES = """
import json, sys
from bot.core.knowledge import load_faq
from bot.core.pipeline import Responder
responder = Responder(load_faq(sys.argv[1]))
for text in json.loads(sys.argv[2]):
    r = responder.respond(text)
    print(json.dumps([r.kind, r.faq_id, list(r.suggestions), repr(r.score), r.nearest, r.reason, r.text]))
"""


def _described(reply: Reply) -> tuple[object, ...]:
    return reply.kind, reply.faq_id, reply.suggestions, repr(reply.score), reply.nearest, reply.reason, reply.text


def test_replies_are_the_same_under_every_hash_seed() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _PRINT_REPLIES, str(DEFAULT_FAQ_DIR), json.dumps(MESSAGES)],
            cwd=PROJECT_ROOT, env={**env, "PYTHONHASHSEED": seed}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )
        for seed in SEEDS
    ]
    outputs = {}
    for seed, run in zip(SEEDS, runs, strict=True):
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        outputs[seed] = out.splitlines()
    assert len(outputs["0"]) == len(MESSAGES)
    for seed in SEEDS[1:]:
        differing = [m for m, a, b in zip(MESSAGES, outputs["0"], outputs[seed], strict=True) if a != b]
        assert not differing, f"PYTHONHASHSEED=0 and {seed} reply differently to {differing}"


def test_ask_json_is_the_same_under_two_hash_seeds() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}
    outputs = [
        subprocess.run(
            [sys.executable, "-m", "bot", "ask", "--json"], input="\n".join(MESSAGES) + "\n", cwd=PROJECT_ROOT,
            env={**env, "PYTHONHASHSEED": seed}, capture_output=True, text=True, timeout=120,
        )
        for seed in ("3", "7")
    ]
    assert all(o.returncode == 0 for o in outputs), [o.stderr for o in outputs]
    assert len(outputs[0].stdout.splitlines()) == len(MESSAGES)
    assert outputs[0].stdout == outputs[1].stdout


def test_a_reply_does_not_depend_on_the_messages_answered_before() -> None:
    faq = load_faq(DEFAULT_FAQ_DIR)
    fresh = [_described(Responder(faq).respond(m)) for m in MESSAGES]
    used = Responder(faq)
    for text in ["hi", "I have a fever since the injection", "what are the risks?", "who does it?",
                 "thanks, bye", "how much does it cost", "can I drive home afterwards?"]:
        used.respond(text)
    backwards = [_described(used.respond(m)) for m in reversed(MESSAGES)][::-1]
    assert backwards == fresh
