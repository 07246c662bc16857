"""Grid search of the matcher's knobs on the TUNING split only (eval/tune.jsonl).

    .venv/bin/python eval/tune_matcher.py [eval/tune.jsonl]

Prints the best settings under the safety constraints; copy them into bot.matching.Thresholds.
"""
from __future__ import annotations

import itertools
import sys
from dataclasses import replace

from bot.evaluation import OUT_OF_SCOPE, URGENT, load_labelled
from bot.knowledge import load_faq
from bot.matching import Matcher, Thresholds


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "eval/tune.jsonl"
    faq = load_faq("faq")
    cases = [c for c in load_labelled(path, [e.id for e in faq.entries]) if c.expected != URGENT]
    results = []
    for scorer, unk, (wc, wo, wf) in itertools.product(
        ["token_set_ratio", "token_sort_ratio", "WRatio", "ratio"],
        [1.6, 2.3, 3.0, 4.0],
        [(0.45, 0.25, 0.30), (0.6, 0.2, 0.2), (0.5, 0.35, 0.15), (0.35, 0.35, 0.30), (0.7, 0.1, 0.2), (0.4, 0.2, 0.4)],
    ):
        base = Thresholds(unknown_weight=unk, w_coverage=wc, w_overlap=wo, w_fuzzy=wf, scorer=scorer)
        m = Matcher(faq, base)
        ranked = []
        for c in cases:
            q = m.query(c.question)
            sc = sorted(((m.entry_ids[i], s) for i, s in m._scores(q).items()), key=lambda kv: -kv[1])
            ranked.append((c.expected, sc))
        for ans, margin, sug, within in itertools.product(
            range(50, 86, 3), [0, 3, 6, 9, 12, 15], range(25, 50, 4), [8, 12, 16, 20]
        ):
            if sug >= ans:
                continue
            t = replace(base, answer=ans, margin=margin, suggest=sug, suggest_within=within)
            results.append((score(ranked, t), t))
    results.sort(key=lambda r: r[0][0], reverse=True)
    for (objective, figures), t in results[:15]:
        print(f"{objective:.3f} {figures} {t}")


def score(ranked, t: Thresholds):
    n_in = n_oos = top1 = ok = right = wrong = 0
    for expected, sc in ranked:
        kind, ids = "fallback", []
        if sc:
            best = sc[0][1]
            runner = sc[1][1] if len(sc) > 1 else 0.0
            if best >= t.answer and best - runner >= t.margin:
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
