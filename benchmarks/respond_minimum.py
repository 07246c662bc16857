"""`Responder.respond` latency on a busy machine: the benchmark's own protocol (a fresh process pinned
to one core, warm-up on ten FAQ questions, every question of eval/tune.jsonl + eval/test.jsonl once,
in the seeded order), run N times; each question's time is its fastest of the N runs, which removes
most of what other processes on a shared machine add, and keeps what the code itself costs, first
sight of each word included.

    python -m benchmarks.respond_minimum --runs 10          # prints JSON: p50, p99, max (ms)

Not part of `python -m benchmarks`; `match_latency` stays the figure of record.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from .timing import percentile_ms, pin_to_one_core, questions, run_child


def one_run(faq_dir: str) -> list[int]:
    """Nanoseconds of `respond` for each question, in a fresh process (call it in one)."""
    from bot.chat.reloading import freeze_loaded
    from bot.core.knowledge import load_faq
    from bot.core.pipeline import Responder

    pin_to_one_core()
    faq = load_faq(faq_dir)
    responder = Responder(faq)
    freeze_loaded()  # as the bot does once loaded
    for entry in faq.entries[:10]:
        responder.respond(entry.question)
    samples = []
    for text in questions():
        started = time.perf_counter_ns()
        responder.respond(text)
        samples.append(time.perf_counter_ns() - started)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("faq_dir", nargs="?", default="faq")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(one_run(args.faq_dir)))
        return 0
    runs = [run_child("respond_minimum", args.faq_dir, "--child") for _ in range(args.runs)]
    fastest = [min(times) for times in zip(*runs, strict=True)]
    print(json.dumps({
        "runs": args.runs, "questions": len(fastest),
        "p50": percentile_ms(fastest, 50), "p99": percentile_ms(fastest, 99), "max": max(fastest) / 1e6,
        "p99_of_each_run": [round(percentile_ms(r, 99), 3) for r in runs],
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
