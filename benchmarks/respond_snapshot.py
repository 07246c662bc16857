"""Every reply the shipped FAQ gives to the eval questions, one JSON line each, to prove that a
speed-up changed no behaviour: save the output before a change, and `cmp` it with the output after.

    python -m benchmarks.respond_snapshot > /tmp/before.jsonl
    ... change the code ...
    python -m benchmarks.respond_snapshot > /tmp/after.jsonl && cmp /tmp/before.jsonl /tmp/after.jsonl

The questions are those of eval/tune.jsonl, tune_extra.jsonl, test.jsonl, holdout.jsonl,
eval/real/tune.jsonl ("question") and eval/triage-train/*.jsonl ("text"); the held-back sets
(eval/blind/, eval/real/test*) are left out on purpose. Each line carries the match's nearest
entry, reason and score to 6 decimals too, since `to_json` alone would hide a change in them (the
last bits of a score vary from run to run with set order, hence the rounding).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

from bot import PROJECT_ROOT

EVAL = PROJECT_ROOT / "eval"
SOURCES = (
    EVAL / "tune.jsonl", EVAL / "tune_extra.jsonl", EVAL / "test.jsonl", EVAL / "holdout.jsonl",
    EVAL / "real" / "tune.jsonl", *sorted((EVAL / "triage-train").glob("*.jsonl")),
)


def messages(paths: tuple[Path, ...] = SOURCES) -> Iterator[str]:
    """Every question or text of the given JSONL files, in file order."""
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                record = json.loads(line)
                yield record["question"] if "question" in record else record["text"]


def main() -> int:
    from bot.core.knowledge import load_faq
    from bot.core.pipeline import Responder

    responder = Responder(load_faq(PROJECT_ROOT / "faq"))
    for text in messages():
        reply = responder.respond(text)
        line = dict(reply.to_json(), nearest=reply.nearest, reason=reply.reason, exact_score=round(reply.score, 6))
        sys.stdout.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
