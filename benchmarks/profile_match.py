"""Where `Matcher.match` spends its time: cProfile over the question set on a generated FAQ.

    python -m benchmarks.profile_match 10k 100k            # top functions by own time
    python -m benchmarks.profile_match 10k --sort cumulative --top 30
    python -m benchmarks.profile_match 1k-entries --build  # the start-up instead: load_faq + Responder

Not part of `python -m benchmarks` (profiling slows everything down); run it when a figure moves.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys

from .generate_faq import SIZES, ensure
from .timing import pin_to_one_core, questions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_match", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="+", choices=sorted(SIZES))
    parser.add_argument("--questions", type=int, default=0, help="profile only the first N questions")
    parser.add_argument("--top", type=int, default=20, help="functions to show (default 20)")
    parser.add_argument("--sort", default="tottime", help="pstats sort key (default tottime)")
    parser.add_argument("--build", action="store_true", help="profile load_faq + Responder instead of match")
    args = parser.parse_args(argv)

    from bot.core.knowledge import load_faq
    from bot.core.matching import Matcher
    from bot.core.pipeline import Responder

    pin_to_one_core()
    texts = questions()[: args.questions or None]
    for label in args.sizes:
        folder = ensure(SIZES[label])
        profiler = cProfile.Profile()
        if args.build:
            profiler.runcall(lambda folder=folder: Responder(load_faq(folder)))
            what = "load_faq + Responder"
        else:
            matcher = Matcher(load_faq(folder))
            for text in (e.question for e in matcher.faq.entries[:10]):
                matcher.match(text)  # warm-up
            profiler.enable()
            for text in texts:
                matcher.match(text)
            profiler.disable()
            what = f"Matcher.match x {len(texts)} questions"
        print(f"\n=== {label}: {what} ===")
        pstats.Stats(profiler, stream=sys.stdout).strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
