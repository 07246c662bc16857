"""`python -m benchmarks`: run every benchmark, print the tables, write them to docs/performance.md.

    python -m benchmarks            # the full run (4-8 minutes on 2 cores), writes the doc
    python -m benchmarks --quick    # no 100,000-phrasing FAQ, thefuzz only on small FAQs; prints only
    python -m benchmarks --only match,startup   # some sections; prints only

Progress goes to stderr, the tables to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from . import GENERATED_DIR, accuracy_baselines, end_to_end, report
from .generate_faq import DEFAULT_SEED, SIZES, ensure
from .timing import progress, relative, run_child

SECTIONS = ("match", "startup", "e2e", "accuracy")
MATCH_SIZES = ("100", "1k", "10k", "100k")
STARTUP_SIZES = ("100", "1k", "10k", "1k-entries", "100k")
THEFUZZ_QUICK = ("100", "1k")  # --quick: thefuzz is too slow to wait for on larger FAQs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="a fast check: skip 100,000 phrasings and thefuzz at scale, fewer runs")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run (default: all of {','.join(SECTIONS)})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the generated FAQs")
    parser.add_argument("--write", action=argparse.BooleanOptionalAction, default=None,
                        help="write docs/performance.md (default: only after a full run of every section)")
    parser.add_argument("--json", action="store_true", help="also dump the raw figures to generated/results.json")
    args = parser.parse_args(argv)
    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")

    started = time.monotonic()
    command = "python -m benchmarks" + (" --quick" if args.quick else "") + (
        f" --only {','.join(sections)}" if args.only != ",".join(SECTIONS) else "")
    results: dict = {"machine": report.machine(), "command": command}
    if args.quick:
        results["note"] = "quick run: no 100,000-phrasing FAQ, thefuzz only up to 1,000 phrasings"

    sizes = [s for s in STARTUP_SIZES if not (args.quick and s == "100k")]
    progress(f"generating FAQs in {relative(GENERATED_DIR)} (seed {args.seed})")
    folders = {label: ensure(SIZES[label], seed=args.seed) for label in sizes}

    if "match" in sections:
        results["match"] = {}
        for label in (s for s in MATCH_SIZES if s in folders):
            progress(f"match latency: {label}")
            budget = "5" if args.quick else "20"
            extra = ["--no-thefuzz"] if args.quick and label not in THEFUZZ_QUICK else []
            results["match"][label] = run_child("match_latency", str(folders[label]), "--budget", budget,
                                                "--baseline-budget", budget, *extra)
    if "startup" in sections:
        results["startup"] = {}
        for label in sizes:
            runs = 1 if args.quick or label == "100k" else 3
            progress(f"start-up: {label} ({runs} run{'s' * (runs > 1)})")
            measured = [run_child("startup", str(folders[label])) for _ in range(runs)]
            best = sorted(measured, key=lambda r: r["total_s"])[len(measured) // 2]  # the median run
            best = dict(best, runs=runs, rss_peak_mb=max(r["rss_peak_mb"] for r in measured))
            results["startup"][label] = best
    if "e2e" in sections:
        progress("end to end (1,000 phrasings)")
        results["e2e"] = end_to_end.measure(folders["1k"], quick=args.quick)
    if "accuracy" in sections:
        progress("accuracy: ours, BM25, TF-IDF on eval/test.jsonl")
        results["accuracy"] = accuracy_baselines.measure()

    text = report.render(results)
    print(text)
    if args.json:
        (GENERATED_DIR / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    full = not args.quick and sections == list(SECTIONS)
    if args.write if args.write is not None else full:
        report.write(text)
        progress(f"wrote {relative(report.DOC)}")
    progress(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
