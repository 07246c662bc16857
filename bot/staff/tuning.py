"""Grid search of the matcher's global knobs on TUNING sets only (never a test set).

    .venv/bin/python -m bot.staff.tuning [eval/tune.jsonl eval/tune_extra.jsonl eval/real/tune.jsonl]

`answer`, `margin` and `suggest_within` are not searched: every FAQ calibrates them on itself
(bot.core.calibration). What is searched is what the calibration takes as given: the share of the fuzzy
score, the weight of a word the FAQ has never seen, and the score needed to suggest anything. Each
setting is scored through the same decision rule patients get (`bot.core.deciding.decide`), with the
thresholds calibrated for it.
Prints the best settings; copy them into bot.core.deciding.Thresholds.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import replace
from pathlib import Path

from bot.core.calibration import calibration
from bot.core.deciding import Thresholds, decide
from bot.core.knowledge import load_faq
from bot.core.matching import Matcher
from bot.core.triage import Triage
from bot.staff.evaluation import OUT_OF_SCOPE, URGENT, load_labelled

GRID_FUZZY = (0.2, 0.3, 0.4)
GRID_UNKNOWN = (3.0, 5.0, 8.0)
GRID_SUGGEST = (20, 28, 36)
DEFAULT_SETS = ["eval/tune.jsonl", "eval/tune_extra.jsonl", "eval/real/tune.jsonl"]


def main() -> None:
    paths = sys.argv[1:] or [p for p in DEFAULT_SETS if Path(p).exists()]
    if any("test" in p or "holdout" in p or "blind" in p for p in paths):
        sys.exit("refusing to tune on a test set")
    faq = load_faq("faq")
    triage = Triage(faq)
    cases = [
        c for path in paths for c in load_labelled(Path(path), [e.id for e in faq.entries])
        if c.expected != URGENT and triage.check(c.question) is None
    ]
    results = []
    for w_fuzzy, unknown in itertools.product(GRID_FUZZY, GRID_UNKNOWN):
        base = replace(Thresholds(), w_fuzzy=w_fuzzy, unknown_weight=unknown)
        calibrated = calibration(faq, base=base).thresholds
        matcher = Matcher(faq, calibrated)
        seen = [(c.expected, *matcher.ranked(matcher.query(c.question))[:2]) for c in cases]
        for suggest in GRID_SUGGEST:
            t = replace(calibrated, suggest=min(float(suggest), calibrated.answer))
            results.append((score(seen, t), t))
    results.sort(key=lambda r: r[0][0], reverse=True)
    for (objective, figures), t in results[:12]:
        print(f"{objective:.3f} {figures} {t}")


def score(seen, t: Thresholds):
    n_in = n_oos = top1 = ok = right = wrong = 0
    for expected, ranked, question in seen:
        kind, ids = decide(ranked, question, t)
        if expected == OUT_OF_SCOPE:
            n_oos += 1
            wrong += kind == "answer"
            continue
        n_in += 1
        top1 += bool(ids) and ids[0] == expected
        ok += expected in ids
        if kind == "answer":
            right += ids[0] == expected
            wrong += ids[0] != expected
    f = dict(top1=round(top1 / max(1, n_in), 3), ok=round(ok / max(1, n_in), 3), right=round(right / max(1, n_in), 3),
             wrong=round(wrong / max(1, n_in + n_oos), 3))
    # Safety first: a confident wrong answer costs far more than a suggestion.
    objective = f["top1"] + f["ok"] + 1.5 * f["right"] - 12 * max(0.0, f["wrong"] - 0.01)
    return objective, f


if __name__ == "__main__":
    main()
