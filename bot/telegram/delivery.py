"""Answering fetched updates: urgent first, in order within a chat, a few at once, each exactly once.

`Delivery` is fed by a fetcher (bot.telegram.polling, or the webhook in bot.telegram.webhook) and
hands every update to PTB's own `Application.process_update`, so the handlers are the usual ones.
It says which updates are finished, i.e. may be confirmed to Telegram: those answered, those that
needed no answer, and those whose reply Telegram refused for good. An update whose reply failed on
the network (after the retries of bot.telegram.sending) is put back and tried again after a pause;
on stop it is left unconfirmed for the next start. A finished update is written to the `Ledger`
before anyone may confirm it, so after a crash a redelivered update is recognised, not answered again.

Every update is triaged the moment it arrives (triage is cheap): an urgent message goes ahead of
the ordinary ones waiting, even those that arrived earlier.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from telegram import Update
from telegram.ext import Application

from bot.core.pipeline import Responder
from bot.store.ledger import Ledger
from bot.telegram.sending import ORDINARY_BUDGET, URGENT_BUDGET, Attempt, attempt_for, backoff, reset_attempt

logger = logging.getLogger(__name__)

WORKERS = 8  # updates answered at once: a reply held by the network then stalls one chat, not all
PUT_BACK_MAX_PAUSE = 30.0  # longest wait before answering a put-back update again


def is_urgent(update: Update, responder: Responder) -> bool:
    """Whether triage flags the update's text or caption (a red flag or self-harm)."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message is not None else ""
    return bool(text) and responder.triage.check(text) is not None


@dataclass(eq=False)
class _Job:
    update: Update
    urgent: bool
    seq: int
    finished: asyncio.Future
    not_before: float = 0.0
    tries: int = 0
    chat: int | None = field(init=False)

    def __post_init__(self) -> None:
        chat = self.update.effective_chat
        self.chat = chat.id if chat is not None else None

    @property
    def order(self) -> tuple[bool, int]:
        return (not self.urgent, self.seq)


class Delivery:
    """Answers submitted updates with `application.process_update`; see the module docstring."""

    def __init__(self, application: Application, ledger: Ledger, *,
                 is_urgent: Callable[[Update], bool], workers: int = WORKERS) -> None:
        self.application = application
        self.ledger = ledger
        self._is_urgent = is_urgent
        self._workers_wanted = max(1, workers)
        self._jobs: dict[int, _Job] = {}  # submitted and not finished, by update id
        self._waiting: list[_Job] = []  # not being answered now, most pressing first
        self._busy_chats: set[int] = set()
        self._changed = _Signal()  # something was queued or finished
        self._workers: list[asyncio.Task] = []
        self._seq = 0
        self._stopping = False
        self._cut_off = float("inf")

    # ------------------------------------------------------------------ what fetchers call

    def start(self) -> None:
        self._workers = [asyncio.create_task(self._work(), name=f"delivery-{n}")
                         for n in range(self._workers_wanted)]

    def submit(self, update: Update) -> asyncio.Future:
        """Queue `update` (once: a known one returns its existing future). The future is True once it
        is finished (may be confirmed), False if the bot stopped before answering it."""
        job = self._jobs.get(update.update_id)
        if job is not None:
            return job.finished
        future = asyncio.get_running_loop().create_future()
        if self._stopping:  # not kept: the fetcher must not confirm it (the Poller stops taking first)
            future.set_result(False)
            return future
        try:
            urgent = self._is_urgent(update)
        except Exception:  # triage must never keep a message from being answered
            logger.exception("Triage failed on update %s", update.update_id)
            urgent = False
        self._seq += 1
        job = _Job(update, urgent, self._seq, future)
        self._jobs[update.update_id] = job
        self._enqueue(job)
        return future

    def unfinished(self) -> set[int]:
        """Update ids submitted and not yet finished (after `stop`, those left unanswered)."""
        return set(self._jobs)

    def knows(self, update_id: int) -> bool:
        return update_id in self._jobs

    async def wait_for_progress(self, timeout: float) -> None:
        """Return when an update is queued or finishes (or after `timeout` seconds)."""
        await self._changed.wait(timeout)

    async def stop(self, grace: float) -> None:
        """Answer nothing new; let replies in flight finish for up to `grace` seconds, then cancel them.
        Updates not finished stay unconfirmed, so Telegram gives them to the next start."""
        self._stopping = True
        self._cut_off = time.monotonic() + grace  # no retry starts after this
        self._changed.fire()
        if self._workers:
            _, late = await asyncio.wait(self._workers, timeout=grace)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
        for job in self._jobs.values():
            if not job.finished.done():
                job.finished.set_result(False)
        left = len(self._jobs)
        if left:
            logger.info("Stopping with %d update(s) unanswered: Telegram will deliver them again", left)

    # ------------------------------------------------------------------ inside

    def _enqueue(self, job: _Job) -> None:
        bisect.insort(self._waiting, job, key=lambda j: j.order)
        self._changed.fire()

    async def _take(self) -> _Job | None:
        while not self._stopping:
            now = time.monotonic()
            soonest = None
            for index, job in enumerate(self._waiting):
                if job.chat is not None and job.chat in self._busy_chats:
                    continue  # one update at a time per chat, so a chat's replies keep their order
                if job.not_before > now:
                    soonest = job.not_before if soonest is None else min(soonest, job.not_before)
                    continue
                del self._waiting[index]
                if job.chat is not None:
                    self._busy_chats.add(job.chat)
                return job
            await self._changed.wait(None if soonest is None else soonest - now)
        return None

    async def _work(self) -> None:
        while True:
            job = await self._take()
            if job is None:
                return
            try:
                await self._answer(job)
            except Exception:  # a bug here must not stop this worker: the update stays unconfirmed
                logger.exception("Could not answer update %s", job.update.update_id)
            finally:
                if job.chat is not None:
                    self._busy_chats.discard(job.chat)
                self._changed.fire()

    async def _answer(self, job: _Job) -> None:
        budget = URGENT_BUDGET if job.urgent else ORDINARY_BUDGET
        attempt = Attempt(job.update.update_id, job.urgent, deadline=time.monotonic() + budget,
                          cut_off=lambda: self._cut_off)
        token = attempt_for(attempt)
        try:
            await self.application.process_update(job.update)
        finally:
            reset_attempt(token)
        if attempt.failed_transiently:
            if self._stopping:
                return  # left unconfirmed: the next start answers it
            job.tries += 1
            job.not_before = time.monotonic() + min(PUT_BACK_MAX_PAUSE, 1.0 + backoff(job.tries + 2))
            logger.warning("Update %s not answered yet (Telegram unreachable); trying again", job.update.update_id)
            self._enqueue(job)
            return
        try:
            # On the loop, not in a thread: a commit takes tens of microseconds, and every hop between the
            # reply and this row is a moment in which a crash would have the update answered twice.
            self.ledger.record(job.update.update_id)
        except Exception:  # answered all the same: at worst a crash now would answer it twice
            logger.exception("Could not record update %s as answered", job.update.update_id)
        del self._jobs[job.update.update_id]
        if not job.finished.done():
            job.finished.set_result(True)


class _Signal:
    """Wakes every task waiting on it (a broadcast), with no lock: all callers share one event loop."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float | None) -> None:
        event = self._event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)
