"""A per-chat message limit, so that one chat flooding the bot cannot starve the others.

A sliding window per chat: at most `limit` messages in the last `window` seconds are answered.
The first message over the limit gets one "slow down" reply; the rest of the flood is dropped
silently until the chat is back under the limit. Only answered messages count towards the window,
so a chat is never locked out for longer than the window.

>>> gate = FloodGate(limit=2, window=60.0, clock=iter([0.0, 1.0, 2.0, 3.0, 61.0]).__next__)
>>> [gate.admit(42) for _ in range(5)]
[<Verdict.ANSWER: 'answer'>, <Verdict.ANSWER: 'answer'>, <Verdict.WARN: 'warn'>, <Verdict.DROP: 'drop'>, \
<Verdict.ANSWER: 'answer'>]
"""

from __future__ import annotations

import enum
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field


class Verdict(enum.Enum):
    ANSWER = "answer"  # under the limit: answer as usual
    WARN = "warn"  # first message over the limit: send the one "slow down" reply
    DROP = "drop"  # still flooding: say nothing


@dataclass
class _Chat:
    answered: deque[float] = field(default_factory=deque)
    warned: bool = False


class FloodGate:
    """Decides, per chat id, whether a message is answered. Memory is bounded by `max_chats`."""

    def __init__(
        self,
        *,
        limit: int,
        window: float = 60.0,
        max_chats: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = max(1, limit)
        self.window = window
        self.max_chats = max_chats
        self._clock = clock
        self._chats: OrderedDict[int, _Chat] = OrderedDict()

    def admit(self, chat_id: int) -> Verdict:
        """Count one incoming message from `chat_id` and say what to do with it."""
        now = self._clock()
        chat = self._chats.pop(chat_id, None) or _Chat()
        self._chats[chat_id] = chat  # most recently seen last
        if len(self._chats) > self.max_chats:
            self._chats.popitem(last=False)  # forget the quietest chat
        while chat.answered and now - chat.answered[0] >= self.window:
            chat.answered.popleft()
        if len(chat.answered) < self.limit:
            chat.answered.append(now)
            chat.warned = False
            return Verdict.ANSWER
        if chat.warned:
            return Verdict.DROP
        chat.warned = True
        return Verdict.WARN
