"""The soak: is every patient message answered exactly once through faults, a kill -9 and backlogs?

The real bot (`python -m bot run`, the shipped FAQ, its own SQLite file) runs in a child process
pinned to one core, against the Bot API stand-in (tests/standin.py) in this process, which, like
the real API, forgets for good every update below the offset of a getUpdates call. Patients are
private chats, each waiting for its answer before asking again (a closed loop with no pause, so
the bot is saturated); every reply is matched to the message it answers by its text (a chat never
asks two questions with the same answer in a row), so a late duplicate is counted as one. A reply
may be the one to the message on its own or read with the chat's earlier messages (bot.chat.session:
an urgent message makes the next few replies urgent too); both count.

Faults, from `faults_from` of the messages on: 3 % of sendMessage calls answered 500/502, 1 % 429
with retry_after 1, 0.5 % held past the client's 5 s read timeout (then dropped; `--held-delivered`:
performed, as when only Telegram's response is lost), 2 % of getUpdates answered 502. At `kill_at`
the bot is killed with SIGKILL and started again on the same database, which is checked with
`PRAGMA integrity_check` and searched for every chat id and name the patients have.

Runs (`python -m benchmarks.soak`, also by `make bench`; `--quick` for a short one):
- soak: 2,500 and 10,000 messages from 500 chats, with the faults and the kill;
- throughput: 2,500 messages without faults, with a graceful stop (SIGTERM) and restart at 50 %;
- urgent behind a backlog: N ordinary messages queued at once, then one urgent message.

Prints one JSON object (also written to benchmarks/generated/soak.json); `--markdown` prints the
tables for docs/deployment.md instead.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bot import DEFAULT_FAQ_DIR, PROJECT_ROOT

from . import GENERATED_DIR

FIRST_CHAT_ID = 710_000_000
URGENT_TEXTS = (
    "I can't feel my legs",
    "I have a high fever and chills since the injection yesterday",
    "I lost control of my bladder since the injection this morning",
    "I want to end my life",
)
URGENT_SHARE = 0.022  # the soak: 54 of 2,500 messages
SETTLE = 3.0  # seconds to wait after the last answer for late duplicates
STALL = 90.0  # seconds without any answer after which the run gives up (and counts the rest as lost)


def _standin():
    """tests/standin.py, imported as the tests do."""
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))
    from tests import standin

    return standin


@dataclass(frozen=True)
class Plan:
    name: str
    messages: int
    chats: int = 500
    faults: bool = True
    faults_from: float = 0.10
    kill_at: float | None = 0.40  # SIGKILL and restart when this share of messages is answered
    term_at: float | None = None  # SIGTERM (graceful) and restart instead
    held_delivered: bool = False
    seed: int = 2500


@dataclass
class _Message:
    chat: int
    text: str
    expected: str  # the reply to this text on its own
    urgent: bool
    accepted: frozenset[str] = frozenset()  # see _accepted
    pushed_at: float = 0.0
    replies: list[float] = field(default_factory=list)


def _accepted(responder, text: str, expected: str, before: list[str]) -> frozenset[str]:
    """The replies `text` may get: on its own, or read by the triage with the last one, two or three
    messages before it (bot.chat.session keeps up to three; a restart empties that memory)."""
    replies = {expected}
    for count in range(1, min(3, len(before)) + 1):
        earlier = tuple(before[-count:])
        if responder.triage.check(text, earlier=earlier) is not None:
            replies.add(responder.respond(text, earlier=earlier).text)
    return frozenset(replies)


class _Patients:
    """The closed loop: each chat sends its next message once the current one is answered."""

    def __init__(self, api, plan: Plan, responder) -> None:
        self.api = api
        self.plan = plan
        self.lock = threading.Lock()
        self.by_chat: dict[int, list[_Message]] = {}
        self.next_index: dict[int, int] = {}
        self.answered = 0
        self.unexpected: list[str] = []
        self.replies_sent = 0  # every reply delivered to a patient, however it was matched
        self.last_answer = time.monotonic()
        self._plan_messages(responder)

    def _plan_messages(self, responder) -> None:
        rng = random.Random(self.plan.seed)
        questions = [(e.question, responder.respond(e.question).text) for e in responder.faq.entries]
        urgent = [(t, responder.respond(t).text) for t in URGENT_TEXTS]
        per_chat = [self.plan.messages // self.plan.chats + (i < self.plan.messages % self.plan.chats)
                    for i in range(self.plan.chats)]
        for i, count in enumerate(per_chat):
            chat = FIRST_CHAT_ID + i
            messages: list[_Message] = []
            for _ in range(count):
                recent = {m.expected for m in messages[-3:]}
                pool = urgent if rng.random() < URGENT_SHARE else questions
                choices = [q for q in pool if q[1] not in recent] or [q for q in questions if q[1] not in recent]
                text, expected = rng.choice(choices)
                messages.append(_Message(chat, text, expected, (text, expected) in urgent,
                                         _accepted(responder, text, expected, [m.text for m in messages])))
            self.by_chat[chat] = messages
            self.next_index[chat] = 0

    @property
    def all(self) -> list[_Message]:
        return [m for messages in self.by_chat.values() for m in messages]

    def start(self) -> None:
        for chat in self.by_chat:
            self._push_next(chat)

    def _push_next(self, chat: int) -> None:
        index = self.next_index[chat]
        messages = self.by_chat[chat]
        if index >= len(messages):
            return
        self.next_index[chat] = index + 1
        message = messages[index]
        user = {"id": chat, "is_bot": False, "first_name": f"Soakpatient{chat}"}
        message.pushed_at = time.monotonic()
        self.api.push(self.api.text(message.text, user=user))

    def on_call(self, call) -> None:
        """A stand-in listener: match each delivered reply to the message it answers."""
        if call.method != "sendMessage" or call.status != 200 or call.chat_id not in self.by_chat:
            return
        with self.lock:
            self.replies_sent += 1
            sent = self.by_chat[call.chat_id][:self.next_index[call.chat_id]]
            message = next((m for m in reversed(sent) if call.text in m.accepted), None)
            if message is None:
                self.unexpected.append(call.text[:60])
                return
            message.replies.append(call.at)
            if len(message.replies) == 1:
                self.answered += 1
                self.last_answer = time.monotonic()
                if message is sent[-1]:
                    self._push_next(call.chat_id)


class _Bot:
    """`python -m bot run` in a child process on one core."""

    def __init__(self, api, db_path: Path, log_path: Path, core: int | None) -> None:
        self.api = api
        self.db_path = db_path
        self.log_path = log_path
        self.core = core
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> float:
        """Start the bot; returns the seconds until its first getUpdates."""
        standin = _standin()
        env = dict(os.environ, TELEGRAM_BOT_TOKEN=standin.TOKEN, TELEGRAM_API_BASE_URL=self.api.base_url,
                   FAQ_DIR=str(DEFAULT_FAQ_DIR), BOT_DB_PATH=str(self.db_path), LOG_LEVEL="WARNING")
        env.pop("WEBHOOK_URL", None)
        polls_before = self.api.arrivals("getUpdates")
        started = time.monotonic()
        core = self.core
        log = open(self.log_path, "a", encoding="utf-8")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            preexec_fn=(lambda: os.sched_setaffinity(0, {core})) if core is not None else None,
        )
        log.close()
        self.starts += 1
        while self.api.arrivals("getUpdates") <= polls_before:
            if self.process.poll() is not None:
                raise RuntimeError(f"the bot exited:\n{self.log_path.read_text()[-3000:]}")
            if time.monotonic() - started > 120:
                raise RuntimeError("the bot did not start within 120 s")
            time.sleep(0.02)
        return time.monotonic() - started

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def terminate(self) -> float:
        """SIGTERM; returns the seconds until the process exited."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return time.monotonic() - started


def database_check(db_path: Path, patients: _Patients) -> dict:
    """integrity_check of the bot's file, and whether any patient's chat id or name is in its bytes."""
    db = sqlite3.connect(db_path)
    try:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        tables = sorted(row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    finally:
        db.close()
    stored = b"".join(p.read_bytes() for p in db_path.parent.iterdir() if p.name.startswith(db_path.name))
    found = [chat for chat in patients.by_chat if str(chat).encode() in stored or f"Soakpatient{chat}".encode()
             in stored]
    return {"integrity": integrity, "tables": tables, "identifiers_found": len(found)}


def run(plan: Plan, *, core: int | None = None, workdir: Path | None = None) -> dict:
    """One soak run; returns its figures."""
    from bot.core.knowledge import load_faq
    from bot.core.pipeline import Responder

    standin = _standin()
    responder = Responder(load_faq(DEFAULT_FAQ_DIR))
    with tempfile.TemporaryDirectory() as tmp, standin.BotApiStandIn() as api:
        work = workdir or Path(tmp)
        bot = _Bot(api, work / "data" / "bot.sqlite3", work / "bot.log", core)
        patients = _Patients(api, plan, responder)
        api.listen(patients.on_call)
        startup = bot.start()
        started = time.monotonic()
        patients.start()
        faults_on = kill_done = False
        kill_delay = random.Random(plan.seed)
        checks, stops, restarts = [], [], []
        fault_window_start = None
        while patients.answered < plan.messages and time.monotonic() - patients.last_answer < STALL:
            time.sleep(0.01)
            share = patients.answered / plan.messages
            if plan.faults and not faults_on and share >= plan.faults_from:
                api.faults = standin.Faults(send_5xx=0.03, send_429=0.01, send_held=0.005, get_updates_fail=0.02,
                                            held_delivered=plan.held_delivered, seed=plan.seed)
                faults_on, fault_window_start = True, time.monotonic()
            if not kill_done and plan.kill_at is not None and share >= plan.kill_at:
                # at a random moment, not just after the answer that crossed the line: a crash has no timing
                time.sleep(kill_delay.uniform(0, 0.5))
                bot.kill()
                checks.append(database_check(bot.db_path, patients))
                restarts.append(bot.start())
                kill_done = True
            if not kill_done and plan.term_at is not None and share >= plan.term_at:
                stops.append({"backlog": len(api.pending_updates()), "stop_s": bot.terminate()})
                restarts.append(bot.start())
                kill_done = True
        finished = time.monotonic()
        time.sleep(SETTLE)
        stops.append({"backlog": len(api.pending_updates()), "stop_s": bot.terminate()})
        api.faults = None
        checks.append(database_check(bot.db_path, patients))
        messages = patients.all
        log_lines = bot.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
    return _figures(plan, messages, patients, started, finished, startup, restarts, stops, checks,
                    fault_window_start, log_lines)


def _figures(plan, messages, patients, started, finished, startup, restarts, stops, checks, faults_at,
             log_lines) -> dict:
    lost = [m for m in messages if not m.replies]
    duplicated = [m for m in messages if len(m.replies) > 1]
    latencies = sorted(m.replies[0] - m.pushed_at for m in messages if m.replies)
    urgent = [m for m in messages if m.urgent]
    urgent_latencies = sorted(m.replies[0] - m.pushed_at for m in urgent if m.replies)
    answered_at = sorted(m.replies[0] for m in messages if m.replies)
    # steady rate: answers between 10 % and 35 % of the run (before any kill or stop, after the warm-up)
    low, high = int(len(answered_at) * 0.10), int(len(answered_at) * 0.35)
    steady = (high - low) / (answered_at[high] - answered_at[low]) if high > low + 1 else float("nan")
    return {
        "plan": plan.__dict__,
        "messages": len(messages),
        "urgent": len(urgent),
        "lost": len(lost),
        "urgent_lost": sum(1 for m in urgent if not m.replies),
        "duplicated": len(duplicated),
        "duplicated_pct": 100 * len(duplicated) / max(1, len(messages)),
        "unexpected_replies": len(patients.unexpected),
        # a cross-check that does not rely on matching texts: more replies than messages is duplicates
        "replies_sent": patients.replies_sent,
        "unexpected_examples": sorted(set(patients.unexpected))[:3],
        "answers_per_s_steady": steady,
        "answers_per_s_overall": len(answered_at) / max(1e-9, finished - started),
        "latency_s": _summary(latencies),
        "urgent_latency_s": _summary(urgent_latencies),
        "startup_s": startup,
        "restart_s": restarts,
        "stops": stops,
        "database": checks,
        "bot_log_lines": len(log_lines),
        "bot_log_tracebacks": sum(1 for line in log_lines if line.startswith("Traceback")),
        "duration_s": finished - started,
    }


def _summary(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    def q(p: float) -> float:
        return values[min(len(values) - 1, int(p * len(values)))]
    return {"n": len(values), "p50": q(0.50), "p95": q(0.95), "max": values[-1]}


def backlog_urgent(ordinary: int, *, core: int | None = None) -> dict:
    """Queue `ordinary` messages from as many chats at once, then one urgent message: its latency."""
    from bot.core.knowledge import load_faq
    from bot.core.pipeline import Responder

    standin = _standin()
    responder = Responder(load_faq(DEFAULT_FAQ_DIR))
    urgent_reply = responder.respond(URGENT_TEXTS[0]).text
    question = responder.faq.entries[0].question
    with tempfile.TemporaryDirectory() as tmp, standin.BotApiStandIn() as api:
        bot = _Bot(api, Path(tmp) / "data" / "bot.sqlite3", Path(tmp) / "bot.log", core)
        bot.start()
        time.sleep(0.5)
        for n in range(ordinary):
            api.push(api.text(question, user={"id": FIRST_CHAT_ID + n, "is_bot": False, "first_name": "P"}))
        urgent_chat = {"id": FIRST_CHAT_ID - 1, "is_bot": False, "first_name": "U"}
        pushed = time.monotonic()
        api.push(api.text(URGENT_TEXTS[0], user=urgent_chat))
        deadline = pushed + 120
        reply = None
        while reply is None and time.monotonic() < deadline:
            time.sleep(0.005)
            reply = next((c for c in api.sent(urgent_chat["id"]) if c.text == urgent_reply), None)
        ahead = sum(1 for c in api.sent() if reply is not None and c.at < reply.at and c.chat_id != urgent_chat["id"])
        bot.terminate()
    return {"ordinary_before": ordinary, "urgent_latency_s": (reply.at - pushed) if reply else None,
            "ordinary_answered_first": ahead}


def measure(*, quick: bool = False, held_delivered: bool = False, only: int | None = None) -> dict:
    """Every run (or, with `only`, the soak of that many messages alone)."""
    core = _bot_core()
    results: dict = {"soak": [], "throughput": None, "backlog": []}
    sizes = (only,) if only else (600,) if quick else (2_500, 10_000)
    for size in sizes:
        _progress(f"soak: {size} messages, faults from 10 %, kill -9 at 40 %")
        name = f"soak {size}" + (", held requests delivered" if held_delivered else "")
        results["soak"].append(run(Plan(name, size, chats=min(500, size // 5), held_delivered=held_delivered),
                                   core=core))
    if only:
        return results
    _progress("throughput: no faults, SIGTERM and restart at 50 %")
    results["throughput"] = run(Plan("throughput", 600 if quick else 2_500, faults=False, kill_at=None,
                                     term_at=0.5), core=core)
    for ordinary in ((90, 500) if quick else (50, 90, 200, 500)):
        _progress(f"urgent behind {ordinary} ordinary messages")
        results["backlog"].append(backlog_urgent(ordinary, core=core))
    return results


def _bot_core() -> int | None:
    """The bot on the last core; this process (stand-in, patients) on the others."""
    try:
        cores = sorted(os.sched_getaffinity(0))
    except AttributeError:
        return None
    if len(cores) > 1:
        os.sched_setaffinity(0, set(cores[:-1]))
    return cores[-1]


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def markdown(results: dict) -> str:
    """The figures as the tables in docs/deployment.md."""
    rows = ["| run | messages (urgent) | replies sent | lost | urgent lost | duplicated | unexpected replies | "
            "answers/s | latency p50 / p95 / max (s) | urgent p50 / max (s) | db | ids stored |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in [*results["soak"], *([results["throughput"]] if results["throughput"] else [])]:
        lat, ulat = r["latency_s"], r["urgent_latency_s"]
        db = "ok" if all(c["integrity"] == "ok" for c in r["database"]) else "DAMAGED"
        ids = sum(c["identifiers_found"] for c in r["database"])
        rows.append(
            f"| {r['plan']['name']} | {r['messages']} ({r['urgent']}) | {r['replies_sent']} | {r['lost']} | "
            f"{r['urgent_lost']} | "
            f"{r['duplicated']} ({r['duplicated_pct']:.2f} %) | {r['unexpected_replies']} | "
            f"{r['answers_per_s_steady']:.1f} | {lat.get('p50', 0):.1f} / {lat.get('p95', 0):.1f} / "
            f"{lat.get('max', 0):.1f} | {ulat.get('p50', 0):.1f} / {ulat.get('max', 0):.1f} | {db} | {ids} |")
    if not results["throughput"]:
        return "\n".join(rows)
    stops = results["throughput"]["stops"]
    rows += ["", "| graceful stop (SIGTERM) | backlog at Telegram | seconds to exit |", "|---|---|---|"]
    rows += [f"| {'with a backlog' if i == 0 else 'idle, at the end'} | {s['backlog']} | {s['stop_s']:.2f} |"
             for i, s in enumerate(stops)]
    rows += ["", "| ordinary messages queued before the urgent one | urgent answered after (s) | "
             "ordinary answered before it |", "|---|---|---|"]
    rows += [f"| {b['ordinary_before']} | {b['urgent_latency_s']:.2f} | {b['ordinary_answered_first']} |"
             for b in results["backlog"]]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="600 messages instead of 2,500 and 10,000")
    parser.add_argument("--held-delivered", action="store_true",
                        help="held requests are performed (only the response is lost): the duplicate worst case")
    parser.add_argument("--only", type=int, metavar="N", help="only the soak of N messages")
    parser.add_argument("--markdown", action="store_true", help="print the tables for docs/deployment.md")
    args = parser.parse_args(argv)
    results = measure(quick=args.quick, held_delivered=args.held_delivered, only=args.only)
    GENERATED_DIR.mkdir(parents=True, exist_ok=True)
    out = GENERATED_DIR / ("soak.json" if args.only is None else f"soak-{args.only}.json")
    out.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    print(markdown(results) if args.markdown else json.dumps(results, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
