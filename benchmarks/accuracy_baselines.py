"""Accuracy side by side: `python -m bot eval eval/test.jsonl` beside BM25 and TF-IDF baselines.

Ours is `bot.staff.evaluation.evaluate` with the Responder on the real FAQ (triage included). The
baselines index the same phrasings (every entry's question and alternates; a phrasing's entry is
its label) and take the entry of the best-scoring phrasing:
- BM25: rank_bm25.BM25Okapi over lower-case words (`[a-z0-9]+`), default parameters;
- TF-IDF: scikit-learn TfidfVectorizer (default word analyser, lower case) + cosine similarity.
A baseline answers when its best score reaches a threshold, and falls back otherwise. The threshold
is the one whose confidently-wrong rate is closest to ours without being above it (the lowest such
threshold, so it answers as much as it can), found by sweeping every score it produced.
Urgent questions are left out of the baselines (triage is ours; they have none) and, as in
`bot eval`, out of ours.

Figures, as `bot eval` defines them: top-1 (in-scope questions whose first choice is right; for a
baseline, its best entry whatever the threshold), answered right, confidently wrong (wrong answers
over in-scope + out-of-scope questions), out-of-scope never answered.

Run alone: `python -m benchmarks.accuracy_baselines` (prints JSON).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot import DEFAULT_FAQ_DIR, PROJECT_ROOT
from bot.core.knowledge import load_faq
from bot.core.pipeline import Responder
from bot.staff.evaluation import OUT_OF_SCOPE, URGENT, evaluate, load_labelled

TEST_SET = PROJECT_ROOT / "eval" / "test.jsonl"
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Ranked:
    """A baseline's best entry for one question, with its score."""

    expected: str
    best: str | None
    score: float


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def bm25_ranker(phrasings: list[str], labels: list[str]):
    from rank_bm25 import BM25Okapi

    index = BM25Okapi([tokens(p) or [""] for p in phrasings])

    def best(question: str) -> tuple[str | None, float]:
        scores = index.get_scores(tokens(question))
        i = int(np.argmax(scores))
        return (labels[i], float(scores[i])) if scores[i] > 0 else (None, 0.0)

    return best


def tfidf_ranker(phrasings: list[str], labels: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer()
    matrix = vectorizer.fit_transform(phrasings)

    def best(question: str) -> tuple[str | None, float]:
        scores = (matrix @ vectorizer.transform([question]).T).toarray().ravel()  # rows are L2-normalised
        i = int(np.argmax(scores))
        return (labels[i], float(scores[i])) if scores[i] > 0 else (None, 0.0)

    return best


def figures_at(ranked: list[Ranked], threshold: float) -> dict:
    """`bot eval`'s figures for a baseline that answers when its best score >= threshold."""
    in_scope = [r for r in ranked if r.expected != OUT_OF_SCOPE]
    oos = [r for r in ranked if r.expected == OUT_OF_SCOPE]

    def answers(r: Ranked) -> bool:
        return r.best is not None and r.score >= threshold

    return {
        "threshold": threshold,
        "top1": sum(r.best == r.expected for r in in_scope) / len(in_scope),
        "answered_right": sum(answers(r) and r.best == r.expected for r in in_scope) / len(in_scope),
        "confidently_wrong": sum(answers(r) and r.best != r.expected for r in ranked) / len(ranked),
        "out_of_scope_never_answered": sum(not answers(r) for r in oos) / len(oos) if oos else 1.0,
    }


def at_matching_wrong_rate(ranked: list[Ranked], target: float) -> dict:
    """The figures at the threshold whose wrong rate is closest to `target` without exceeding it."""
    candidates = sorted({r.score for r in ranked if r.best is not None}) + [float("inf")]
    best = None
    for threshold in candidates:  # ascending: the wrong rate only falls as the threshold rises
        result = figures_at(ranked, threshold)
        if result["confidently_wrong"] <= target + 1e-12:
            if best is None or result["confidently_wrong"] > best["confidently_wrong"] + 1e-12:
                best = result
    return best or figures_at(ranked, float("inf"))


def measure(faq_dir: Path = DEFAULT_FAQ_DIR, test_set: Path = TEST_SET) -> dict:
    faq = load_faq(faq_dir)
    cases = load_labelled(test_set, [e.id for e in faq.entries])
    ours = evaluate(Responder(faq), cases)
    f = ours.figures
    results = {
        "questions": {"in_scope": ours.in_scope, "out_of_scope": ours.out_of_scope, "urgent": ours.urgent},
        "ours": {
            "top1": f["top1"],
            "answered_right": f["answered_right"],
            "answered_or_rightly_suggested": f["answered_or_rightly_suggested"],
            "confidently_wrong": f["confidently_wrong"],
            "out_of_scope_never_answered": f["out_of_scope_never_answered"],
            "urgent_recall": f["urgent_recall"],
        },
    }
    phrasings = [p for e in faq.entries for p in e.phrasings]
    labels = [e.id for e in faq.entries for _ in e.phrasings]
    scored = [c for c in cases if c.expected != URGENT]
    for name, make in (("BM25", bm25_ranker), ("TF-IDF", tfidf_ranker)):
        best = make(phrasings, labels)
        ranked = [Ranked(c.expected, *best(c.question)) for c in scored]
        results[name] = at_matching_wrong_rate(ranked, f["confidently_wrong"])
    return results


if __name__ == "__main__":
    print(json.dumps(measure()))
    sys.exit(0)
