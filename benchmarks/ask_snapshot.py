"""The reply to every message of every studied eval set, as `python -m bot ask --json` prints it, to
prove that a speed-up changed no reply: save the output before a change, `cmp` it with the output after.

    python -m benchmarks.ask_snapshot > /tmp/before.jsonl
    ... change the code ...
    python -m benchmarks.ask_snapshot > /tmp/after.jsonl && cmp /tmp/before.jsonl /tmp/after.jsonl

The sets: eval/*.jsonl, eval/real/tune*.jsonl, eval/blind/triage-blind-1..6 and matching-blind-1..5,
named one by one so that a fresh set dropped into eval/blind/ (or the held-back eval/real/test.jsonl)
is never read. A question row is one `Responder.respond`; a conversation row ("messages") goes through
the chat session as `python -m bot eval` sends it, one line for each of its messages. Each line is
the `ask --json` object plus the nearest entry, the reason and the score to 6 decimals, which the
JSON alone would hide (benchmarks.respond_snapshot covers the triage's training texts).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from bot import PROJECT_ROOT

EVAL = PROJECT_ROOT / "eval"
SOURCES = (
    *sorted(EVAL.glob("*.jsonl")),
    *sorted((EVAL / "real").glob("tune*.jsonl")),
    *(EVAL / "blind" / f"triage-blind-{n}.jsonl" for n in range(1, 7)),
    *(EVAL / "blind" / f"matching-blind-{n}.jsonl" for n in range(1, 6)),
)


def rows(paths: tuple[Path, ...] = SOURCES) -> Iterator[tuple[str, int, list[str]]]:
    """(file, line number, the row's messages: one for a question) of every row, in file order."""
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("#"):
                record = json.loads(line)
                messages = record["messages"] if "messages" in record else [record["question"]]
                yield path.relative_to(PROJECT_ROOT).as_posix(), number, [str(m) for m in messages]


def main() -> int:
    from bot.chat.flood import FloodGate
    from bot.chat.session import Conversations
    from bot.core.knowledge import load_faq
    from bot.core.pipeline import Reply, Responder

    responder = Responder(load_faq(PROJECT_ROOT / "faq"))

    def write(where: str, reply: Reply | None, text: str | None = None) -> None:
        line: dict = {"at": where, "text": text}
        if reply is not None:
            line.update(reply.to_json(), nearest=reply.nearest, reason=reply.reason,
                        exact_score=round(reply.score, 6))
        sys.stdout.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")

    for name, number, messages in rows():
        if len(messages) == 1:
            write(f"{name}:{number}", responder.respond(messages[0]))
            continue
        chats = Conversations(lambda: responder, flood=FloodGate(limit=1_000_000))
        for turn, message in enumerate(messages, start=1):
            outgoing = chats.message(0, message)
            if outgoing is None:
                write(f"{name}:{number}.{turn}", None)
            else:
                write(f"{name}:{number}.{turn}", outgoing.reply, outgoing.text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
