"""What every benchmark needs: percentiles, one-core pinning, the question set, fresh child processes."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from bot import PROJECT_ROOT

from . import EVAL_FILES

QUESTION_SEED = 5


def percentile_ms(samples_ns: Sequence[int], q: float) -> float:
    """The q-th percentile (0-100, linear interpolation) of nanosecond samples, in milliseconds."""
    if not samples_ns:
        return float("nan")
    return float(np.percentile(np.asarray(samples_ns, dtype=np.float64), q)) / 1e6


def summary_ms(samples_ns: Sequence[int]) -> dict:
    """n, p50, p99 and mean of nanosecond samples, in milliseconds."""
    return {
        "n": len(samples_ns),
        "p50": percentile_ms(samples_ns, 50),
        "p99": percentile_ms(samples_ns, 99),
        "mean": (sum(samples_ns) / len(samples_ns) / 1e6) if samples_ns else float("nan"),
    }


def pin_to_one_core(core: int | None = None) -> int | None:
    """Run this process on one core only (`core`, else the last one it may use); returns it, or None."""
    try:
        core = max(os.sched_getaffinity(0)) if core is None else core
        os.sched_setaffinity(0, {core})
        return core
    except (AttributeError, OSError):  # not Linux: figures are then on whatever cores the OS picks
        return None


def questions() -> list[str]:
    """The realistic question set: every question of eval/tune.jsonl and eval/test.jsonl, in a seeded
    shuffled order, so that any prefix of it mixes in-scope, out-of-scope and urgent messages."""
    found = []
    for path in EVAL_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                found.append(json.loads(line)["question"])
    random.Random(QUESTION_SEED).shuffle(found)
    return found


def time_each(call: Callable[[str], object], texts: Sequence[str], *, budget_s: float,
              min_samples: int = 30) -> list[int]:
    """Nanoseconds of `call(text)` for each text in order, stopping early once `budget_s` seconds are
    spent and at least `min_samples` were taken."""
    samples: list[int] = []
    started = time.perf_counter()
    for text in texts:
        t0 = time.perf_counter_ns()
        call(text)
        samples.append(time.perf_counter_ns() - t0)
        if len(samples) >= min_samples and time.perf_counter() - started > budget_s:
            break
    return samples


def run_child(module: str, *args: str, timeout: float = 900) -> dict:
    """Run `python -m benchmarks.<module> ARGS` in a fresh process and return the JSON it prints last."""
    env = dict(os.environ, PYTHONHASHSEED="0", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    done = subprocess.run(
        [sys.executable, "-m", f"benchmarks.{module}", *args],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmarks.{module} {' '.join(args)} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def progress(message: str) -> None:
    """A progress line on stderr (the tables go to stdout)."""
    print(message, file=sys.stderr, flush=True)


def relative(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)
