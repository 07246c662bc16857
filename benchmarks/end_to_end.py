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
import contextlib
import functools
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot import PROJECT_ROOT

from .timing import progress, questions, summary_ms

sys.path.insert(0, str(PROJECT_ROOT / "tests"))  # tests/standin.py is not a package module

FIRST_CHAT_ID = 900_000_000
WARM_UP = 20
CHAT_METHODS = ("sendMessage", "sendChatAction")
PLANS = {
    # name: (lift limits, [(phase, updates, rate per second or None for a burst)])
    "production": (False, [("burst", 100, None), ("paced", 30, 10.0)]),
    "limits lifted": (True, [("burst", 1000, None), ("paced", 900, 300.0)]),
}
QUICK_PLANS = {
    "production": (False, [("burst", 60, None)]),
    "limits lifted": (True, [("burst", 300, None), ("paced", 300, 300.0)]),
}


# ---------------------------------------------------------------- the bot's side (child process)


def serve(base_url: str, faq_dir: Path, db_path: Path, lift_limits: bool) -> int:
    """Run the bot exactly as `python -m bot run` does, optionally with the rate limits lifted."""
    from standin import TOKEN
    from telegram.ext import AIORateLimiter

    from bot.settings import load_settings
    from bot.telegram import app

    from .timing import pin_to_one_core

    pin_to_one_core()
    if lift_limits:
        app.AIORateLimiter = functools.partial(  # type: ignore[misc]
            AIORateLimiter, overall_max_rate=0, group_max_rate=0
        )
    settings = load_settings(env_file=Path(os.devnull), environ={
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": base_url,
        "FAQ_DIR": str(faq_dir),
        "BOT_DB_PATH": str(db_path),
        "LOG_LEVEL": "INFO",
    })
    return app.run_bot(settings)


# ---------------------------------------------------------------- the load (this process)


def measure(faq_dir: Path, *, quick: bool = False) -> dict:
    """Every configuration's figures, each against a fresh stand-in and a fresh bot process."""
    from standin import BotApiStandIn

    with contextlib.suppress(AttributeError, OSError):  # keep the stand-in off the bot's core
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = questions()
    results = {}
    for name, (lift, phases) in (QUICK_PLANS if quick else PLANS).items():
        progress(f"  end to end: {name}")
        with tempfile.TemporaryDirectory() as tmp, BotApiStandIn() as api:
            bot = _start_bot(api, faq_dir, Path(tmp), lift)
            try:
                load = _Load(api, texts)
                load.run(WARM_UP, rate=None)
                results[name] = {phase: load.run(count, rate=rate) for phase, count, rate in phases}
            finally:
                _stop_bot(api, bot)
    return results


class _Load:
    """Queues text updates, each from a new private chat, and reads back when each was answered."""

    def __init__(self, api, texts: list[str]):
        self.api = api
        self.texts = texts
        self.sent = 0

    def run(self, count: int, *, rate: float | None, timeout: float = 120.0) -> dict:
        pushed: dict[int, float] = {}
        calls_before = len(self.api.calls)
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
        }


def _start_bot(api, faq_dir: Path, tmp: Path, lift: bool) -> subprocess.Popen:
    log = open(tmp / "bot.log", "w", encoding="utf-8")  # noqa: SIM115 - closed with the process
    args = [sys.executable, "-m", "benchmarks.end_to_end", "--serve", api.base_url, str(faq_dir), str(tmp / "db")]
    bot = subprocess.Popen([*args, *(["--lift-limits"] if lift else [])], cwd=PROJECT_ROOT,
                           stdout=log, stderr=subprocess.STDOUT)
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
    parser.add_argument("--quick", action="store_true", help="fewer updates")
    parser.add_argument("--faq-dir", type=Path, default=None, help="default: the generated 1,000-phrasing FAQ")
    args = parser.parse_args(argv)
    if args.serve:
        base_url, faq_dir, db_path = args.serve
        return serve(base_url, Path(faq_dir), Path(db_path), args.lift_limits)
    from .generate_faq import SIZES, ensure

    faq_dir = args.faq_dir or ensure(SIZES["1k"])
    print(json.dumps(measure(faq_dir, quick=args.quick)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
