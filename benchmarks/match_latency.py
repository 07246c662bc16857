"""Match latency per question, ours beside the alternatives a developer would reach for.

For one FAQ folder, in a fresh process pinned to one core:
- `Responder.respond` (triage + match + reply text: what a patient's message costs) and
  `Matcher.match` alone, each on its own freshly built instance, so neither inherits the other's
  warm typo-repair cache;
- thefuzz `process.extractOne(question, phrasings)` with its defaults (WRatio, full_process);
- rapidfuzz `process.extractOne(question, phrasings, scorer=WRatio, processor=default_process)`.
Every method gets the same questions (eval/tune.jsonl + eval/test.jsonl, seeded shuffle), each once,
after a warm-up on the FAQ's own questions. A method stops early when its time budget is spent
(the sample count `n` says how many questions it got); the speed ratio compares the total time of
the same questions.

Run one folder: `python -m benchmarks.match_latency benchmarks/generated/faq-1k` (prints JSON).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from .timing import pin_to_one_core, questions, summary_ms, time_each

WARM_UP = 10


def measure(faq_dir: Path, *, budget_s: float, baseline_budget_s: float, thefuzz: bool) -> dict:
    """Every figure for one FAQ folder (call in a fresh process)."""
    from rapidfuzz import fuzz, utils
    from rapidfuzz import process as rf_process

    from bot.chat.reloading import freeze_loaded
    from bot.core.knowledge import load_faq
    from bot.core.matching import Matcher
    from bot.core.pipeline import Responder

    core = pin_to_one_core()
    faq = load_faq(faq_dir)
    phrasings = [p for e in faq.entries for p in e.phrasings]
    texts = questions()
    warm = [e.question for e in faq.entries[:WARM_UP]]

    def timed(call, budget: float) -> list[int]:
        for text in warm:
            call(text)
        return time_each(call, texts, budget_s=budget)

    results: dict = {"entries": len(faq.entries), "phrasings": len(phrasings), "core": core}
    responder = Responder(faq)
    freeze_loaded()  # as the bot does once loaded
    samples = {"respond": timed(responder.respond, budget_s)}
    del responder
    matcher = Matcher(faq)
    freeze_loaded()
    samples["match"] = timed(matcher.match, budget_s)
    results["candidates_p50"] = _candidates_p50(matcher, texts)
    del matcher
    if thefuzz:
        from thefuzz import process as thefuzz_process

        samples["thefuzz"] = timed(lambda q: thefuzz_process.extractOne(q, phrasings), baseline_budget_s)
    samples["rapidfuzz"] = timed(
        lambda q: rf_process.extractOne(q, phrasings, scorer=fuzz.WRatio, processor=utils.default_process),
        baseline_budget_s,
    )
    results["methods"] = {name: summary_ms(s) for name, s in samples.items()}
    # "N times faster": total time of theirs over ours, on the questions both were timed on.
    ours = samples["respond"]
    results["speedup"] = {
        name: sum(samples[name][: len(ours)]) / sum(ours[: len(samples[name])])
        for name in ("thefuzz", "rapidfuzz") if name in samples
    }
    return results


def _candidates_p50(matcher, texts: list[str]) -> float | None:
    """Median number of phrasings the matcher hands to rapidfuzz's `cdist` per question (a diagnostic
    of how well its index narrows the search; None if it no longer calls `cdist`)."""
    from rapidfuzz import process

    scored: list[int] = []
    original = process.cdist

    def counting(queries, choices, **kwargs):
        scored.append(len(choices))
        return original(queries, choices, **kwargs)

    per_question = []
    process.cdist = counting
    try:
        for text in texts:
            scored.clear()
            matcher.match(text)
            per_question.append(max(scored, default=0))
    finally:
        process.cdist = original
    return statistics.median(per_question) if any(per_question) else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("faq_dir", type=Path)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per method of ours (default 20)")
    parser.add_argument("--baseline-budget", type=float, default=20.0, help="seconds per alternative (default 20)")
    parser.add_argument("--no-thefuzz", action="store_true", help="skip thefuzz (slow on large FAQs)")
    args = parser.parse_args(argv)
    result = measure(args.faq_dir, budget_s=args.budget, baseline_budget_s=args.baseline_budget,
                     thefuzz=not args.no_thefuzz)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
