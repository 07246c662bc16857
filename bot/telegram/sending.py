"""Bot API calls that survive a flaky network: 5xx, dropped connections and timeouts are retried.

`RetryingRateLimiter` is PTB's own extension point for every request the bot makes (a
`BaseRateLimiter`): it keeps `AIORateLimiter`'s throttling and 429 handling and adds retries with
exponential backoff and full jitter for `NetworkError`s other than `BadRequest`, until the
deadline of the update being answered. Which update that is, and how urgent, travels in a context
variable (`attempt_for`), set by bot.telegram.delivery around `Application.process_update`; calls
made outside an update (admin notices) get `DEFAULT_BUDGET`; the start-up calls get none, as the
Runner retries them itself with one log line per outage.

A failed send is logged here as one line with the update id and the error, never the text.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import random
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import AIORateLimiter

logger = logging.getLogger(__name__)

ORDINARY_BUDGET = 20.0  # seconds a reply may keep being retried before the update is put back
URGENT_BUDGET = 60.0  # an urgent reply is worth waiting for longer
DEFAULT_BUDGET = 10.0
FIRST_BACKOFF = 0.25
MAX_BACKOFF = 5.0
# Methods whose success means something reached the patient's screen.
VISIBLE = frozenset({"sendMessage", "editMessageText", "editMessageReplyMarkup", "sendPhoto", "sendDocument"})


@dataclass
class Attempt:
    """One try at answering one update: its deadline and what its calls did."""

    update_id: int | None
    urgent: bool = False
    deadline: float = field(default_factory=lambda: time.monotonic() + DEFAULT_BUDGET)
    # a visible call succeeded, or timed out so that Telegram may have delivered it
    may_have_reached: bool = False
    # what escaped the handler (set by the error handler): a transient one means try the update again later
    error: Exception | None = None
    # when the bot is stopping, no retry may start past this moment
    cut_off: Callable[[], float] = field(default=lambda: float("inf"))

    def time_left(self) -> float:
        return min(self.deadline, self.cut_off()) - time.monotonic()

    @property
    def failed_transiently(self) -> bool:
        """The handler gave up on Telegram being unreachable or overloaded: worth answering again later."""
        return is_transient(self.error)


def is_transient(error: BaseException | None) -> bool:
    """A network failure, a 5xx or a 429: the same request may well succeed later (a BadRequest never)."""
    return isinstance(error, (NetworkError, RetryAfter)) and not isinstance(error, BadRequest)


_current: contextvars.ContextVar[Attempt | None] = contextvars.ContextVar("attempt", default=None)


def current_attempt() -> Attempt | None:
    """The Attempt of the update being answered in this task, if any."""
    return _current.get()


def attempt_for(attempt: Attempt) -> contextvars.Token:
    """Make `attempt` the current one for this task (reset with `_current.reset(token)`)."""
    return _current.set(attempt)


def reset_attempt(token: contextvars.Token) -> None:
    _current.reset(token)


def backoff(tries: int, rng: random.Random = random._inst) -> float:
    """Full jitter: uniform in [0, min(MAX_BACKOFF, FIRST_BACKOFF * 2**tries)]."""
    return rng.uniform(0, min(MAX_BACKOFF, FIRST_BACKOFF * 2 ** tries))


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter (throttling, 429 retry_after) plus bounded retries of network failures."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        attempt = current_attempt() or Attempt(None)
        tries = 0
        while True:
            try:
                result = await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except BadRequest:
                raise  # Telegram read the request and refused it: sending it again changes nothing
            except (NetworkError, RetryAfter) as exc:  # RetryAfter: AIORateLimiter's own retries ran out
                if isinstance(exc, TimedOut) and endpoint in VISIBLE and not _never_sent(exc):
                    attempt.may_have_reached = True
                delay = retry_after_seconds(exc) + 0.1 if isinstance(exc, RetryAfter) else backoff(tries)
                tries += 1
                if delay >= attempt.time_left():
                    if attempt.update_id is not None:  # outside an update the caller says what failed
                        logger.warning("%s for update %s failed after %d tries: %s", endpoint, attempt.update_id,
                                       tries, _short(exc))
                    raise
                await asyncio.sleep(delay)
                continue
            if endpoint in VISIBLE:
                attempt.may_have_reached = True
            return result


def retry_after_seconds(exc: RetryAfter) -> float:
    """The wait Telegram asked for, in seconds."""
    # The public `retry_after` warns about its type changing in PTB 23; AIORateLimiter reads this too.
    return exc._retry_after.total_seconds()


def _never_sent(exc: TimedOut) -> bool:
    """A pool timeout means the request never left the bot."""
    return "Pool timeout" in str(exc)


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text[:200]}"
