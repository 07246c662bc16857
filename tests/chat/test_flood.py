"""The per-chat flood limit."""

from __future__ import annotations

from bot.chat.flood import FloodGate, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_one_warning_per_flood_then_silence():
    gate = FloodGate(limit=3, window=60, clock=Clock())
    verdicts = [gate.admit(1) for _ in range(10)]
    assert verdicts == [Verdict.ANSWER] * 3 + [Verdict.WARN] + [Verdict.DROP] * 6


def test_other_chats_are_not_affected():
    gate = FloodGate(limit=2, window=60, clock=Clock())
    for _ in range(10):
        gate.admit(1)
    assert gate.admit(2) is Verdict.ANSWER


def test_window_slides_and_a_new_flood_gets_a_new_warning():
    clock = Clock()
    gate = FloodGate(limit=2, window=60, clock=clock)
    assert [gate.admit(1) for _ in range(4)] == [Verdict.ANSWER, Verdict.ANSWER, Verdict.WARN, Verdict.DROP]
    clock.now = 60.0
    assert [gate.admit(1) for _ in range(4)] == [Verdict.ANSWER, Verdict.ANSWER, Verdict.WARN, Verdict.DROP]


def test_memory_is_bounded():
    gate = FloodGate(limit=1, window=60, max_chats=100, clock=Clock())
    for chat_id in range(1000):
        gate.admit(chat_id)
    assert len(gate._chats) == 100
    assert gate.admit(999) is Verdict.WARN  # recent chats are remembered
