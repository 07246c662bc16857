"""Run the installed systemd unit's own command against the Bot API stand-in, where systemd is not the init.

    sudo python deploy/smoke_unit.py [/etc/systemd/system/backpain-faq-bot.service]

It starts ExecStart as the unit's User, in its WorkingDirectory, with its Environment lines, then
checks: it answers; SIGTERM with a backlog exits 0 within TimeoutStopSec; the restart answers the
rest exactly once; without a token it exits with a code RestartPreventExitStatus lists.
"""

from __future__ import annotations

import pwd
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.standin import TOKEN, BotApiStandIn  # noqa: E402 - after the path is set

UNIT = Path(sys.argv[1] if len(sys.argv) > 1 else "/etc/systemd/system/backpain-faq-bot.service")
QUESTION = "Are interlaminar injections safe?"


def service_section(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The [Service] settings (last one wins) and its Environment= assignments."""
    settings: dict[str, str] = {}
    environment = {"PATH": "/usr/bin:/bin"}
    section = None
    for line in path.read_text().splitlines():
        line = line.strip()
        if line.startswith("["):
            section = line
        elif section == "[Service]" and "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            if key == "Environment":
                name, _, val = value.partition("=")
                environment[name] = val
            else:
                settings[key] = value
    return settings, environment


def main() -> None:
    settings, environment = service_section(UNIT)
    user = pwd.getpwnam(settings["User"])
    command = shlex.split(settings["ExecStart"])
    stop_limit = float(settings["TimeoutStopSec"])
    print(f"ExecStart {command} as {settings['User']} in {settings['WorkingDirectory']}")

    def start(extra: dict[str, str], **kwargs) -> subprocess.Popen:
        return subprocess.Popen(command, cwd=settings["WorkingDirectory"], env={**environment, **extra},
                                user=user.pw_uid, group=user.pw_gid, text=True, **kwargs)

    with BotApiStandIn(first_update_id=int(time.time())) as api:  # ids above any earlier run's
        extra = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": api.base_url}
        bot = start(extra)
        deadline = time.monotonic() + 60
        while not api.arrived("getUpdates"):
            if bot.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the bot did not start")
            time.sleep(0.05)
        for n in range(300):
            api.push(api.text(QUESTION, user={"id": 500_000 + n, "is_bot": False, "first_name": "Unit"}))
        time.sleep(2)
        started = time.monotonic()
        bot.send_signal(signal.SIGTERM)
        code = bot.wait(timeout=stop_limit)
        print(f"SIGTERM: exit {code} after {time.monotonic() - started:.2f} s (TimeoutStopSec {stop_limit:g}); "
              f"answered {len(api.sent())}, left at Telegram {len(api.pending_updates())}")
        bot = start(extra)
        deadline = time.monotonic() + 60
        while len({c.chat_id for c in api.sent()}) < 300 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1)
        chats = [c.chat_id for c in api.sent()]
        print(f"after the restart: {len(set(chats))} of 300 chats answered, {len(chats) - len(set(chats))} duplicates")
        api.end_long_polling()
        bot.send_signal(signal.SIGTERM)
        bot.wait(timeout=stop_limit)
    no_token = subprocess.run(
        command, cwd=settings["WorkingDirectory"], env=environment, user=user.pw_uid, group=user.pw_gid,
        capture_output=True, text=True)
    print(f"without a token: exit {no_token.returncode} (RestartPreventExitStatus "
          f"{settings.get('RestartPreventExitStatus', '-')}): {no_token.stderr.strip()}")


if __name__ == "__main__":
    main()
