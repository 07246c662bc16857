"""Grid search of the matcher's knobs on the TUNING split only (eval/tune.jsonl).

    .venv/bin/python -m bot.staff.tuning [eval/tune.jsonl]

Prints the best settings under the safety constraints; copy them into bot.core.matching.Thresholds.
The test split (eval/test.jsonl) is never read here.
"""
from __future__ import annotations

import itertools
import sys
from dataclasses import replace

from bot.core.knowledge import load_faq
from bot.core.matching import CONTEXT_WORDS, Matcher, Thresholds
from bot.core.normalise import words
from bot.core.triage import Triage
from bot.staff.evaluation import OUT_OF_SCOPE, URGENT, load_labelled

GRID_ANSWER = range(45, 86, 4)
GRID_MARGIN = (6, 9, 12, 15, 18)  # the margin rule is part of the spec: never 0
GRID_SUGGEST = (28, 36)
GRID_WITHIN = (12, 20)
DAMPING = (0.0, 0.5, 1.0, 1.5)
WEIGHTS = [
    (wc, wo, wf, round(1 - wc - wo - wf, 2))
    for wc in (0.4, 0.5, 0.6, 0.7)
    for wo in (0.0, 0.15)
    for wf in (0.1, 0.2, 0.3)
    if 1 - wc - wo - wf >= -0.001
]


def main() -> None:
    paths = sys.argv[1:] or ["eval/tune.jsonl", "eval/tune_extra.jsonl"]
    if any("test" in p or "holdout" in p for p in paths):
        sys.exit("refusing to tune on a test set")
    faq = load_faq("faq")
    triage = Triage(faq)
    cases = [
        c for path in paths for c in load_labelled(path, [e.id for e in faq.entries])
        if c.expected != URGENT and triage.check(c.question) is None
    ]
    results = []
    for scorer, unk, pair in itertools.product(
        ["token_set_ratio"], [1.5, 3.0, 5.0], [1.0]
    ):
        base = Thresholds(unknown_weight=unk, scorer=scorer, pair_weight=pair)
        m = Matcher(faq, base)
        comps = []
        for c in cases:
            q = m.query(c.question)
            blocked = bool(m.not_covered(c.question))
            # a long message with a topic not covered may still get a suggestion (see Matcher.match)
            context = len(words(c.question)) >= CONTEXT_WORDS
            comps.append((c.expected, m.components(q), (blocked, context), q.known_share))
        for (wc, wo, wf, wx), damp in itertools.product(WEIGHTS, DAMPING):
            ranked = []
            for expected, comp, blocked, known in comps:
                k = known**damp
                sc = sorted(
                    ((e, 100 * k * (wc * a + wo * b + wf * f + wx * x)) for e, (a, b, f, x) in comp.items()),
                    key=lambda kv: -kv[1],
                )
                verbatim = len(sc) < 2 or (
                    comp[sc[0][0]][3] >= base.verbatim and comp[sc[0][0]][3] - comp[sc[1][0]][3] >= 0.1
                )
                ranked.append((expected, [(m.entry_ids[e], v) for e, v in sc], blocked, verbatim))
            for ans, margin, sug, within in itertools.product(GRID_ANSWER, GRID_MARGIN, GRID_SUGGEST, GRID_WITHIN):
                if sug >= ans:
                    continue
                t = replace(base, answer=ans, margin=margin, suggest=sug, suggest_within=within,
                            w_coverage=wc, w_overlap=wo, w_fuzzy=wf, w_exact=wx, unknown_damping=damp)
                results.append((score(ranked, t), t))
    results.sort(key=lambda r: r[0][0], reverse=True)
    for (objective, figures), t in results[:12]:
        print(f"{objective:.3f} {figures} {t}")


def score(ranked, t: Thresholds):
    n_in = n_oos = top1 = ok = right = wrong = 0
    for expected, sc, blocked, verbatim in ranked:
        kind, ids = "fallback", []
        if sc:
            best = sc[0][1]
            runner = sc[1][1] if len(sc) > 1 else 0.0
            if blocked[0]:
                if blocked[1] and best >= t.answer:
                    kind, ids = "suggest", [e for e, s in sc[:3] if best - s <= t.suggest_within]
            elif best >= t.answer and (best - runner >= t.margin or verbatim):
                kind, ids = "answer", [sc[0][0]]
            elif best >= t.suggest:
                kind, ids = "suggest", [e for e, s in sc[:3] if best - s <= t.suggest_within]
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
    f = dict(top1=round(top1 / n_in, 3), ok=round(ok / n_in, 3), right=round(right / n_in, 3),
             wrong=round(wrong / (n_in + n_oos), 3))
    # Safety first: a confident wrong answer costs far more than a suggestion.
    objective = f["top1"] + f["ok"] + 1.5 * f["right"] - 12 * max(0.0, f["wrong"] - 0.007)
    return objective, f


if __name__ == "__main__":
    main()
