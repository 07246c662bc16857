"""Accuracy side by side: ours (the Responder patients get) beside BM25, TF-IDF and rapidfuzz
`token_set_ratio` baselines, on every set the issue asks for.

    python -m benchmarks.accuracy_baselines                 # every set we may read, a table
    python -m benchmarks.accuracy_baselines --sets cut5-test,external --json
    python -m benchmarks.accuracy_baselines --sets real-test-3   # the lead only: the held-back real set

Sets:
- real-tune / real-test: real patients' questions from public pages (eval/real/), split by page;
- real-tune-2: a second tuning part, from pages of another collector (eval/real/tune-2.jsonl);
- real-tune-3: a third tuning part, from a third collector's pages (eval/real/tune-3.jsonl);
- real-test-2 / real-test-3: the later test parts (eval/real/README.md says which is still held back);
- test / holdout: the held-out sets of issue 3 (eval/test.jsonl, eval/holdout.jsonl);
- cut5-tune / cut5-test / cut5-holdout: eval/tune.jsonl (tuned on) and the held-out sets, against the
  shipped FAQ cut to its question and first 5 alternates an entry (a new entry as a nurse would write it);
- external: StackFAQ (../shared/external/), each entry's question and first 5 paraphrases as its
  alternates, the other paraphrases as questions; our own FAQ's questions as out-of-scope ones.

The baselines index the same phrasings (an entry's question and alternates; a phrasing's entry is
its label) and take the entry of the best phrasing. A baseline answers when its best score reaches a
threshold; the threshold is the one whose confidently-wrong rate is closest to ours without being
above it, found by sweeping every score it produced (so each baseline is tuned on the very set).
Urgent questions are left out of the baselines and, as in `bot eval`, out of ours.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from bot import DEFAULT_FAQ_DIR, PROJECT_ROOT
from bot.core.knowledge import Entry, Faq, RedFlags, load_faq
from bot.core.pipeline import Responder
from bot.staff.evaluation import OUT_OF_SCOPE, URGENT, Case, evaluate, load_labelled

EVAL = PROJECT_ROOT / "eval"
TEST_SET = EVAL / "test.jsonl"
# ../shared/external/ beside the checkout, or beside any folder above it (a worktree kept under another folder)
EXTERNAL = next(
    (p / "shared" / "external" / "stackfaq.json" for p in PROJECT_ROOT.parents
     if (p / "shared" / "external" / "stackfaq.json").is_file()),
    PROJECT_ROOT.parent / "shared" / "external" / "stackfaq.json",
)
CUT_ALTERNATES = 5
EXTERNAL_ALTERNATES = 5
_WORD = re.compile(r"[a-z0-9]+")
Ranker = Callable[[str], tuple[str | None, float]]


@dataclass(frozen=True)
class Ranked:
    """A baseline's best entry for one question, with its score."""

    expected: str
    best: str | None
    score: float


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def bm25_ranker(phrasings: list[str], labels: list[str]) -> Ranker:
    from rank_bm25 import BM25Okapi

    index = BM25Okapi([tokens(p) or [""] for p in phrasings])

    def best(question: str) -> tuple[str | None, float]:
        scores = index.get_scores(tokens(question))
        i = int(np.argmax(scores))
        return (labels[i], float(scores[i])) if scores[i] > 0 else (None, 0.0)

    return best


def tfidf_ranker(phrasings: list[str], labels: list[str]) -> Ranker:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer()
    matrix = vectorizer.fit_transform(phrasings)

    def best(question: str) -> tuple[str | None, float]:
        scores = (matrix @ vectorizer.transform([question]).T).toarray().ravel()  # rows are L2-normalised
        i = int(np.argmax(scores))
        return (labels[i], float(scores[i])) if scores[i] > 0 else (None, 0.0)

    return best


def token_set_ranker(phrasings: list[str], labels: list[str]) -> Ranker:
    from rapidfuzz import fuzz, process, utils

    def best(question: str) -> tuple[str | None, float]:
        found = process.extractOne(question, phrasings, scorer=fuzz.token_set_ratio, processor=utils.default_process)
        return (labels[found[2]], float(found[1])) if found and found[1] > 0 else (None, 0.0)

    return best


BASELINES = {"BM25": bm25_ranker, "TF-IDF": tfidf_ranker, "token_set_ratio": token_set_ranker}


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


# ---------------------------------------------------------------- the FAQs and sets


def cut_faq(faq: Faq, alternates: int = CUT_ALTERNATES) -> Faq:
    """The FAQ as a nurse would first write it: each entry's question and its first few alternates."""
    return replace(faq, entries=tuple(replace(e, alternates=e.alternates[:alternates], alternate_lines=())
                                      for e in faq.entries))


def external_faq(ours: Faq, alternates: int = EXTERNAL_ALTERNATES) -> tuple[Faq, list[Case]]:
    """StackFAQ as a new clinic FAQ: question + `alternates` paraphrases an entry; the rest are questions,
    and our own FAQ's questions are the out-of-scope ones."""
    data = json.loads(EXTERNAL.read_text(encoding="utf-8"))
    entries, cases = [], []
    for number, item in enumerate(data["entries"], start=1):
        entry_id = f"stackfaq-{number}"
        paraphrases = [p.strip() for p in item["paraphrases"] if p.strip()]
        entries.append(Entry(
            id=entry_id, question=item["question"], alternates=tuple(paraphrases[:alternates]),
            answer=item["answer"], source="StackFAQ", reviewed_by="-", reviewed_on=dt.date(2026, 1, 1),
            path=EXTERNAL, line=number,
        ))
        cases += [Case(p, entry_id) for p in paraphrases[alternates:]]
    cases += [Case(p, OUT_OF_SCOPE) for e in ours.entries for p in e.phrasings[: 1 + CUT_ALTERNATES]]
    faq = Faq(folder=EXTERNAL.parent, entries=tuple(entries), texts=ours.texts, synonyms=(),
              red_flags=RedFlags((), ()))
    return faq, cases


def sets(ours: Faq) -> dict[str, Callable[[], tuple[Faq, list[Case]]]]:
    ids = [e.id for e in ours.entries]

    def labelled(path: Path, faq: Faq) -> Callable[[], tuple[Faq, list[Case]]]:
        return lambda: (faq, load_labelled(path, ids))

    cut = cut_faq(ours)
    return {
        "real-tune": labelled(EVAL / "real" / "tune.jsonl", ours),
        "real-tune-2": labelled(EVAL / "real" / "tune-2.jsonl", ours),
        "real-tune-3": labelled(EVAL / "real" / "tune-3.jsonl", ours),
        "real-test": labelled(EVAL / "real" / "test.jsonl", ours),
        "real-test-2": labelled(EVAL / "real" / "test-2.jsonl", ours),
        "real-test-3": labelled(EVAL / "real" / "test-3.jsonl", ours),
        "test": labelled(EVAL / "test.jsonl", ours),
        "holdout": labelled(EVAL / "holdout.jsonl", ours),
        "cut5-tune": labelled(EVAL / "tune.jsonl", cut),
        "cut5-test": labelled(EVAL / "test.jsonl", cut),
        "cut5-holdout": labelled(EVAL / "holdout.jsonl", cut),
        "external": lambda: external_faq(ours),
    }


# Sets read by default: never the held-back real test set (the lead runs it by name).
DEFAULT_SETS = ("real-tune", "real-tune-2", "real-tune-3", "test", "holdout", "cut5-tune", "cut5-test", "cut5-holdout",
                "external")


def measure_cases(faq: Faq, cases: list[Case]) -> dict:
    """Ours and every baseline (at our wrong rate) on one FAQ and question set."""
    ours = evaluate(Responder(faq), cases)
    f = ours.figures
    results = {
        "questions": {"in_scope": ours.in_scope, "out_of_scope": ours.out_of_scope, "urgent": ours.urgent},
        "ours": {k: f[k] for k in ("top1", "answered_or_rightly_suggested", "answered_right", "confidently_wrong",
                                   "out_of_scope_never_answered", "urgent_recall")},
    }
    phrasings = [p for e in faq.entries for p in e.phrasings]
    labels = [e.id for e in faq.entries for _ in e.phrasings]
    scored = [c for c in cases if c.expected != URGENT]
    for name, make in BASELINES.items():
        best = make(phrasings, labels)
        ranked = [Ranked(c.expected, *best(c.question)) for c in scored]
        results[name] = at_matching_wrong_rate(ranked, f["confidently_wrong"])
    return results


def measure(faq_dir: Path = DEFAULT_FAQ_DIR, test_set: Path = TEST_SET) -> dict:
    """Ours and the baselines on one labelled set against the FAQ in `faq_dir` (used by `make bench`)."""
    faq = load_faq(faq_dir)
    return measure_cases(faq, load_labelled(test_set, [e.id for e in faq.entries]))


def render(name: str, r: dict) -> str:
    q = r["questions"]
    o = r["ours"]
    lines = [f"{name}: {q['in_scope']} in scope, {q['out_of_scope']} out of scope, {q['urgent']} urgent",
             f"  {'':16} {'top-1':>6} {'ans|sug':>7} {'right':>6} {'wrong':>6} {'oos-ok':>6}",
             f"  {'ours':16} {o['top1']:6.3f} {o['answered_or_rightly_suggested']:7.3f} {o['answered_right']:6.3f}"
             f" {o['confidently_wrong']:6.3f} {o['out_of_scope_never_answered']:6.3f}"]
    for b in BASELINES:
        f = r[b]
        lines.append(f"  {b:16} {f['top1']:6.3f} {'':7} {f['answered_right']:6.3f} {f['confidently_wrong']:6.3f}"
                     f" {f['out_of_scope_never_answered']:6.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy_baselines", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(DEFAULT_SETS), help="comma-separated set names")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    ours = load_faq(DEFAULT_FAQ_DIR)
    available = sets(ours)
    results = {}
    for name in (s.strip() for s in args.sets.split(",") if s.strip()):
        if name not in available:
            parser.error(f"unknown set {name!r} (known: {', '.join(available)})")
        if name.startswith("real-") and not (EVAL / "real" / f"{name[5:]}.jsonl").exists():
            continue
        faq, cases = available[name]()
        results[name] = measure_cases(faq, cases)
        if not args.json:
            print(render(name, results[name]), flush=True)
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
