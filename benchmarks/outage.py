"""What an 8-second Telegram outage does to the running bot: how many log lines, and when patients are answered.

`python -m bot run` runs against the Bot API stand-in; then for `--seconds` every call (getUpdates and
sendMessage) is answered 502 while 20 patients write; then the outage ends. Prints the bot's whole log,
how many of the 20 were answered (and how many replies they got) and how long after the outage.

    python -m benchmarks.outage [--seconds 8]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot import PROJECT_ROOT

PATIENTS = 20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=8.0)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(PROJECT_ROOT))
    from tests.standin import TOKEN, BotApiStandIn, Faults

    with tempfile.TemporaryDirectory() as tmp, BotApiStandIn() as api:
        log_path = Path(tmp) / "bot.log"
        env = dict(os.environ, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=api.base_url,
                   BOT_DB_PATH=str(Path(tmp) / "bot.sqlite3"), LOG_LEVEL="INFO")
        with open(log_path, "w", encoding="utf-8") as log:  # a file, not a pipe: a full pipe would stall the bot
            bot = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=PROJECT_ROOT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
        while not api.arrived("getUpdates"):
            time.sleep(0.05)
        time.sleep(0.5)
        api.faults = Faults(send_5xx=1.0, get_updates_fail=1.0)
        for n in range(PATIENTS):
            api.push(api.text("Are interlaminar injections safe?",
                              user={"id": 100 + n, "is_bot": False, "first_name": "Outage"}))
        time.sleep(args.seconds)
        api.faults = None
        ended = time.monotonic()
        while len({c.chat_id for c in api.sent()}) < PATIENTS and time.monotonic() - ended < 60:
            time.sleep(0.05)
        answered_after = time.monotonic() - ended
        time.sleep(2)
        api.end_long_polling()
        bot.send_signal(signal.SIGTERM)
        bot.wait(timeout=15)
        lines = log_path.read_text(encoding="utf-8").splitlines()
        chats = {c.chat_id for c in api.sent()}
        print("\n".join(lines))
        print(f"\n{args.seconds:g} s outage: {len(lines)} log lines in all; {len(chats)} of {PATIENTS} patients "
              f"answered ({len(api.sent())} replies) {answered_after:.1f} s after it ended")
    return 0


if __name__ == "__main__":
    sys.exit(main())
