"""Start-up: loading and indexing an FAQ folder, and the memory it takes, in a fresh process per run.

Each run is a new Python process pinned to one core (so sizes do not share caches or heap): it
imports the core, then times `load_faq(folder)` (read + validate the YAML) and `Responder(faq)`
(triage phrases + the matcher's index), and reads the peak resident set size (getrusage maxrss)
after the imports and after the build. The time is the median of the runs; memory the largest.

Run one folder: `python -m benchmarks.startup benchmarks/generated/faq-1k` (prints JSON).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from .timing import pin_to_one_core


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def measure(faq_dir: Path) -> dict:
    """Timings and memory of one cold start (call in a fresh process)."""
    core = pin_to_one_core()
    t0 = time.perf_counter()
    from bot.core.knowledge import load_faq
    from bot.core.pipeline import Responder

    t1 = time.perf_counter()
    rss_imported = _maxrss_mb()
    faq = load_faq(faq_dir)
    t2 = time.perf_counter()
    responder = Responder(faq)
    t3 = time.perf_counter()
    return {
        "entries": len(responder.faq.entries),
        "phrasings": sum(len(e.phrasings) for e in faq.entries),
        "core": core,
        "import_s": t1 - t0,
        "load_s": t2 - t1,
        "build_s": t3 - t2,
        "total_s": t3 - t1,
        "rss_imported_mb": rss_imported,
        "rss_peak_mb": _maxrss_mb(),
    }


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
