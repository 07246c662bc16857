"""End to end: how many patient messages per second the running bot answers, and how fast.

The bot runs as in production (`bot.telegram.app.run_bot`: long polling, the real handlers, the
SQLite store, the folder watcher) in its own process pinned to one core, against the local Bot API
stand-in (`tests/standin.py`) in this process on another core. Each update is a text message from
its own private chat (so the per-chat flood limit never applies), cycling through the eval questions;
the FAQ is the generated 1,000-phrasing folder. Latency is from the update being queued at the
stand-in to the stand-in recording the bot's sendMessage for that chat.

Two configurations:
- production: AIORateLimiter with its default limits (30 requests with a chat_id per second overall;
  the bot's "typing…" chat action counts as one, its reply as another);
- limits lifted: the same Application, with the limiter built with no overall or group limit (the
  bot's own capacity).
Each is run as a burst (N updates queued at once: throughput) and at a paced rate (latency at that load).

Run alone: `python -m benchmarks.end_to_end` (prints JSON).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bot import PROJECT_ROOT

from .timing import pin_to_one_core, progress, questions, summary_ms

FIRST_CHAT_ID = 900_000_000
WARM_UP = 20
CHAT_METHODS = ("sendMessage", "sendChatAction")
WHAT_IF_CONCURRENCY = 64


@dataclass(frozen=True)
class Plan:
    """One configuration of the bot and the load put on it: (phase, updates, rate per second or None
    for a burst)."""

    name: str
    lift_limits: bool
    phases: tuple[tuple[str, int, float | None], ...]
    concurrent: int = 0  # what-if only: Application.concurrent_updates


PLANS = (
    Plan("production", False, (("burst", 100, None), ("paced", 30, 10.0))),
    Plan("limits lifted", True, (("burst", 1000, None), ("paced", 900, 300.0))),
    Plan(f"what-if: lifted + concurrent_updates({WHAT_IF_CONCURRENCY})", True,
         (("burst", 1000, None), ("paced", 900, 300.0)), WHAT_IF_CONCURRENCY),
)
QUICK_PLANS = (
    Plan("production", False, (("burst", 60, None),)),
    Plan("limits lifted", True, (("burst", 300, None), ("paced", 300, 300.0))),
)


# ---------------------------------------------------------------- the bot's side (child process)


def _standin():
    """tests/standin.py (the tests import it as a top-level module, not from a package)."""
    if str(PROJECT_ROOT / "tests") not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT / "tests"))
    import standin

    return standin


def serve(base_url: str, faq_dir: Path, db_path: Path, lift_limits: bool, concurrent: int = 0,
          core: int | None = None) -> int:
    """Run the bot exactly as `python -m bot run` does, optionally with the rate limits lifted
    (and, for the what-if row, with `concurrent` updates handled at once)."""
    from telegram.ext import AIORateLimiter, ApplicationBuilder

    from bot.settings import load_settings
    from bot.telegram import app

    pin_to_one_core(core)
    if lift_limits:
        app.AIORateLimiter = functools.partial(  # type: ignore[misc]
            AIORateLimiter, overall_max_rate=0, group_max_rate=0
        )
    if concurrent:

        class ConcurrentBuilder(ApplicationBuilder):
            def __init__(self) -> None:
                super().__init__()
                self.concurrent_updates(concurrent)

        app.ApplicationBuilder = ConcurrentBuilder  # type: ignore[misc]
    settings = load_settings(env_file=Path(os.devnull), environ={
        "TELEGRAM_BOT_TOKEN": _standin().TOKEN,
        "TELEGRAM_API_BASE_URL": base_url,
        "FAQ_DIR": str(faq_dir),
        "BOT_DB_PATH": str(db_path),
        "LOG_LEVEL": "INFO",
    })
    return app.run_bot(settings)


# ---------------------------------------------------------------- the load (this process)


def measure(faq_dir: Path, *, quick: bool = False) -> dict:
    """Every configuration's figures, each against a fresh stand-in and a fresh bot process."""
    standin = _standin()
    texts = questions()
    results = {}
    cores = _cores()
    try:
        # The bot on the last core, the stand-in (this process) on the first, if there are two.
        bot_core = max(cores) if cores else None
        if cores and len(cores) > 1:
            pin_to_one_core(min(cores))
        for plan in QUICK_PLANS if quick else PLANS:
            progress(f"  end to end: {plan.name}")
            with tempfile.TemporaryDirectory() as tmp, standin.BotApiStandIn() as api:
                bot = _start_bot(api, faq_dir, Path(tmp), plan, bot_core)
                try:
                    load = _Load(api, texts, bot.pid)
                    load.run(WARM_UP, rate=None)
                    results[plan.name] = {phase: load.run(count, rate=rate) for phase, count, rate in plan.phases}
                finally:
                    _stop_bot(api, bot)
    finally:
        if cores:
            os.sched_setaffinity(0, cores)
    return results


def _cores() -> set[int] | None:
    try:
        return set(os.sched_getaffinity(0))
    except AttributeError:
        return None


class _Load:
    """Queues text updates, each from a new private chat, and reads back when each was answered."""

    def __init__(self, api, texts: list[str], bot_pid: int):
        self.api = api
        self.texts = texts
        self.bot_pid = bot_pid
        self.sent = 0

    def run(self, count: int, *, rate: float | None, timeout: float = 120.0) -> dict:
        pushed: dict[int, float] = {}
        calls_before = len(self.api.calls)
        cpu_before = _cpu_seconds(self.bot_pid)
        start = time.monotonic()
        for i in range(count):
            if rate:
                delay = start + i / rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            chat_id = FIRST_CHAT_ID + self.sent
            user = {"id": chat_id, "is_bot": False, "first_name": "Patient"}
            self.api.push(self.api.text(self.texts[self.sent % len(self.texts)], user=user))
            pushed[chat_id] = time.monotonic()
            self.sent += 1
        answered: dict[int, float] = {}
        deadline = time.monotonic() + timeout
        calls = []
        while len(answered) < count and time.monotonic() < deadline:
            time.sleep(0.02)
            calls = self.api.calls[calls_before:]
            for call in calls:
                if call.method == "sendMessage" and call.status == 200 and call.chat_id in pushed:
                    answered.setdefault(call.chat_id, call.at)
        cpu = _cpu_seconds(self.bot_pid) - cpu_before
        end = max(answered.values(), default=time.monotonic())
        elapsed = max(end - start, 1e-9)
        chat_calls = sum(1 for c in calls if c.method in CHAT_METHODS and start <= c.at <= end)
        latencies = [int((answered[c] - pushed[c]) * 1e9) for c in answered]
        return {
            "offered": count,
            "rate": rate,
            "answered": len(answered),
            "elapsed_s": elapsed,
            "updates_per_s": len(answered) / elapsed,
            "api_messages_per_s": chat_calls / elapsed,
            "latency": summary_ms(latencies),
            "bot_cpu_ms_per_update": 1000 * cpu / max(1, len(answered)),
        }


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all its threads (Linux /proc; 0.0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _start_bot(api, faq_dir: Path, tmp: Path, plan: Plan, core: int | None) -> subprocess.Popen:
    log = open(tmp / "bot.log", "w", encoding="utf-8")  # noqa: SIM115 - closed with the process
    args = [sys.executable, "-m", "benchmarks.end_to_end", "--serve", api.base_url, str(faq_dir), str(tmp / "db"),
            *(["--lift-limits"] if plan.lift_limits else []), "--concurrent", str(plan.concurrent),
            *(["--core", str(core)] if core is not None else [])]
    bot = subprocess.Popen(args, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT)
    bot.log = log  # type: ignore[attr-defined]
    bot.log_path = tmp / "bot.log"  # type: ignore[attr-defined]
    deadline = time.monotonic() + 120
    while not api.arrived("getUpdates"):
        if bot.poll() is not None or time.monotonic() > deadline:
            log.flush()
            raise RuntimeError(f"the bot did not start:\n{(tmp / 'bot.log').read_text()[-3000:]}")
        time.sleep(0.05)
    return bot


def _stop_bot(api, bot: subprocess.Popen) -> None:
    api.end_long_polling()
    bot.send_signal(signal.SIGINT)
    try:
        bot.wait(timeout=20)
    except subprocess.TimeoutExpired:
        bot.kill()
        bot.wait()
    bot.log.close()  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--serve", nargs=3, metavar=("BASE_URL", "FAQ_DIR", "DB_PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--lift-limits", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--concurrent", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--core", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--quick", action="store_true", help="fewer updates")
    parser.add_argument("--faq-dir", type=Path, default=None, help="default: the generated 1,000-phrasing FAQ")
    args = parser.parse_args(argv)
    if args.serve:
        base_url, faq_dir, db_path = args.serve
        return serve(base_url, Path(faq_dir), Path(db_path), args.lift_limits, args.concurrent, args.core)
    from .generate_faq import SIZES, ensure

    faq_dir = args.faq_dir or ensure(SIZES["1k"])
    print(json.dumps(measure(faq_dir, quick=args.quick)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
