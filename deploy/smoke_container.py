"""Smoke-check the built image against the Bot API stand-in: it answers, a stop with a backlog exits
cleanly within 10 s, the restart answers the rest exactly once, and the FAQ mount is read-only.

    python deploy/smoke_container.py [podman|docker]     # the image backpain-faq-bot must exist

The container uses the host's network, to reach the stand-in on 127.0.0.1.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.standin import TOKEN, BotApiStandIn  # noqa: E402 - after the path is set

ENGINE = sys.argv[1] if len(sys.argv) > 1 else "podman"
NAME, VOLUME, IMAGE = "faqbot-smoke", "faqbot-smoke-data", "backpain-faq-bot"
QUESTION = "Are interlaminar injections safe?"


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([ENGINE, *args], capture_output=True, text=True)
    if check and done.returncode:
        raise SystemExit(f"{ENGINE} {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done


def patient(n: int) -> dict:
    return {"id": 600_000_000 + n, "is_bot": False, "first_name": "Smoke"}


def wait(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}:\n{run('logs', NAME, check=False).stderr}")
        time.sleep(0.05)


def main() -> None:
    with BotApiStandIn(first_update_id=int(time.time())) as api:  # ids above any earlier run's
        run("rm", "-f", NAME, check=False)
        run("volume", "rm", "-f", VOLUME, check=False)
        started = time.monotonic()
        run("run", "-d", "--name", NAME, "--network=host", "-e", f"TELEGRAM_BOT_TOKEN={TOKEN}",
            "-e", f"TELEGRAM_API_BASE_URL={api.base_url}", "-v", f"{ROOT}/faq:/app/faq:ro", "-v", f"{VOLUME}:/data",
            "--restart=unless-stopped", "--stop-timeout", "10", IMAGE)
        wait(lambda: api.arrived("getUpdates"), 60, "the first getUpdates")
        print(f"polling {time.monotonic() - started:.1f} s after `{ENGINE} run`")
        for n in range(50):
            api.push(api.text(QUESTION, user=patient(n)))
        wait(lambda: len(api.sent()) >= 50, 30, "50 answers")
        for n in range(50, 350):
            api.push(api.text(QUESTION, user=patient(n)))
        time.sleep(1.0)
        started = time.monotonic()
        run("stop", "-t", "10", NAME)
        code = run("inspect", "-f", "{{.State.ExitCode}}", NAME).stdout.strip()
        print(f"stop took {time.monotonic() - started:.1f} s, exit code {code}; answered {len(api.sent())}, "
              f"left at Telegram {len(api.pending_updates())}")
        run("start", NAME)
        wait(lambda: len({c.chat_id for c in api.sent()}) >= 350, 60, "all 350 chats answered")
        time.sleep(2)
        chats = [c.chat_id for c in api.sent()]
        print(f"after the restart: {len(set(chats))} of 350 chats answered, {len(chats) - len(set(chats))} duplicates")
        api.end_long_polling()
        run("stop", "-t", "10", NAME)
        listing = run("run", "--rm", "-v", f"{VOLUME}:/data", "--entrypoint", "ls", IMAGE, "-la", "/data").stdout
        print(f"the data volume:\n{listing}")
        touch = run("run", "--rm", "-v", f"{ROOT}/faq:/app/faq:ro", "--entrypoint", "sh", IMAGE, "-c",
                    "touch /app/faq/x 2>&1 || true").stdout.strip()
        print(f"writing to the FAQ mount: {touch}")
        run("rm", "-f", NAME)
        run("volume", "rm", "-f", VOLUME, check=False)


if __name__ == "__main__":
    main()
