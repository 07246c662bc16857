"""The benchmark suite: `python -m benchmarks` (or `make bench`) prints every figure and writes
docs/performance.md. One module, one job:

- generate_faq: large FAQ folders made from the real one, by a seeded, documented method;
- match_latency: Responder.respond and Matcher.match per question, beside thefuzz and rapidfuzz;
- startup: load_faq + Responder build time and peak memory, one fresh process per size;
- end_to_end: updates per second through the real Application against the local Bot API stand-in;
- accuracy_baselines: `bot eval` figures beside BM25 and TF-IDF at the same confidently-wrong rate;
- report: the machine, the tables, the targets; writes docs/performance.md.
- respond_snapshot: every reply to the eval questions, to `cmp` before and after a speed-up (not timed).

Benchmarks print figures; no test asserts a time.
"""

from pathlib import Path

from bot import PROJECT_ROOT

BENCH_DIR = Path(__file__).resolve().parent
GENERATED_DIR = BENCH_DIR / "generated"  # git-ignored
EVAL_FILES = (PROJECT_ROOT / "eval" / "tune.jsonl", PROJECT_ROOT / "eval" / "test.jsonl")
