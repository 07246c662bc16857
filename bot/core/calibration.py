"""Thresholds that calibrate themselves on each FAQ, within the wrong-answer budget the clinic sets.

The FAQ's own phrasings are questions whose right entry is known. Each is asked of a matcher built
without it (FOLDS matchers, each leaving out every FOLDS-th phrasing of every entry), and each entry in
turn is left out whole, its phrasings then being questions the FAQ does not answer; so is each
phrasing with its subject's words replaced by a word no FAQ uses (a look-alike about something else). The `answer` and
`margin` thresholds chosen are those that answer the most of these questions right while answering
at most `budget` of them wrongly (`faq/answering.yaml`, default 2 %), through the same decision rule
the matcher uses (`bot.core.deciding.decide`).

An FAQ too small to learn from (fewer than MIN_QUESTIONS phrasings) keeps the default thresholds; so
does a very large one (more than MAX_PHRASINGS), where calibration would cost seconds at every load.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import numpy as np

from bot.core.deciding import Candidate, Question, Thresholds, clears, decide, gate
from bot.core.knowledge import Entry, Faq
from bot.core.language import Language, language

__all__ = ["Calibration", "Case", "calibrated", "calibration"]

FOLDS = 5
MIN_QUESTIONS = 20
MAX_PHRASINGS = 3000
# Left-out entries asked as out-of-scope questions: at most this many entries, this many phrasings each.
MAX_LEFT_OUT_ENTRIES = 30
LEFT_OUT_PHRASINGS = 10
# A word no FAQ uses, standing for a topic the FAQ does not cover.
UNKNOWN_TOPIC = "zqxjv"
# Words that name the thing asked about without saying what it is.
TOPIC_WORDS = ("it", "this", "that", "they", "them", "these", "one")
GRID_ANSWER = tuple(range(30, 92, 2))
GRID_MARGIN = tuple(range(4, 34, 2))
# Score points over which a case goes from surely below a threshold to surely above it (one grid step).
SOFTNESS = 2.0
# Right answers (in soft counts) within which two settings count as equally good.
TIE = 0.5


@dataclass(frozen=True)
class Case:
    """One calibration question as the matcher saw it; `expected` is None when the FAQ lacks it."""

    expected: str | None
    ranked: tuple[Candidate, ...]
    question: Question


@dataclass(frozen=True)
class Calibration:
    """The chosen thresholds and what they did on the FAQ's own questions."""

    thresholds: Thresholds
    budget: float
    questions: int = 0
    right: int = 0
    wrong: int = 0
    calibrated: bool = False
    # per entry: (own phrasings asked, of them answered right) at the chosen thresholds
    per_entry: dict[str, tuple[int, int]] = field(default_factory=dict, hash=False)


def calibrated(faq: Faq, lang: Language | None = None) -> Thresholds:
    """The thresholds for this FAQ (cached per FAQ content: a reload of the same files is free)."""
    return calibration(faq, lang).thresholds


def calibration(faq: Faq, lang: Language | None = None, *, base: Thresholds | None = None) -> Calibration:
    """The calibration of `answer` and `margin` on this FAQ; the other knobs come from `base`."""
    lang = lang or language()
    return _calibration(_Key(faq), lang.code, base or Thresholds())


class _Key:
    """An FAQ keyed by the content calibration reads, so equal FAQs share one calibration."""

    def __init__(self, faq: Faq):
        self.faq = faq
        self.key = (
            tuple((e.id, e.phrasings) for e in faq.entries),
            faq.synonyms,
            tuple(p.text for p in faq.not_covered),
            tuple(p.text for p in faq.procedure_names),
            faq.wrong_answer_budget,
        )

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Key) and self.key == other.key


@lru_cache(maxsize=16)
def _calibration(key: _Key, code: str, base: Thresholds) -> Calibration:
    faq = key.faq
    budget = faq.wrong_answer_budget
    phrasings = sum(len(e.phrasings) for e in faq.entries)
    if phrasings > MAX_PHRASINGS or len(faq.entries) < 2:
        return Calibration(base, budget)
    cases = list(_cases(faq, base, language(code)))
    if sum(c.expected is not None for c in cases) < MIN_QUESTIONS:
        return Calibration(base, budget)
    gates = [gate(c.ranked, c.question) for c in cases]
    is_open = np.array([g.open for g in gates])
    score = np.array([g.score for g in gates])
    lead = np.array([g.lead for g in gates])
    verbatim = np.array([g.verbatim for g in gates])
    correct = np.array([bool(c.ranked) and c.ranked[0].entry == c.expected for c in cases])
    allowed = budget * len(cases)
    feasible: list[tuple[float, Thresholds]] = []
    for answer in GRID_ANSWER:
        for margin in GRID_MARGIN:
            t = replace(base, answer=float(answer), margin=float(margin), suggest=min(base.suggest, float(answer)))
            # each case counted by how surely it clears the thresholds, so that one case just past a
            # threshold does not swing the choice (a whole-number count made the pick brittle)
            sure = is_open * _soft(score, lead, verbatim, t)
            if float((sure * ~correct).sum()) <= allowed:
                feasible.append((float((sure * correct).sum()), t))
    if feasible:
        # the most right answers; within TIE of the most, the stricter thresholds
        most = max(right for right, _ in feasible)
        thresholds = max((t for right, t in feasible if right >= most - TIE), key=lambda t: (t.answer, t.margin))
    else:
        thresholds = replace(base, answer=float(GRID_ANSWER[-1]), margin=float(GRID_MARGIN[-1]))
    answered = is_open & clears(score, lead, verbatim, thresholds)
    right, wrong = int((answered & correct).sum()), int((answered & ~correct).sum())
    return Calibration(thresholds, budget, len(cases), right, wrong, True, _per_entry(cases, thresholds))


def _soft(score: np.ndarray, lead: np.ndarray, verbatim: np.ndarray, t: Thresholds) -> np.ndarray:
    """How surely each case clears `t` (0-1): `clears` with its steps smoothed over SOFTNESS points."""
    above = 1 / (1 + np.exp(-(score - t.answer) / SOFTNESS))
    ahead = 1 / (1 + np.exp(-(lead - t.margin) / SOFTNESS))
    sure: np.ndarray = above * np.maximum(ahead, verbatim)
    return sure


def _per_entry(cases: list[Case], t: Thresholds) -> dict[str, tuple[int, int]]:
    asked: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for case in cases:
        if case.expected is None:
            continue
        asked[case.expected] += 1
        kind, ids = decide(case.ranked, case.question, t)
        right[case.expected] += kind == "answer" and ids[0] == case.expected
    return {entry_id: (asked[entry_id], right[entry_id]) for entry_id in asked}


def _cases(faq: Faq, base: Thresholds, lang: Language) -> Iterable[Case]:
    from bot.core.matching import Matcher  # the matcher calibrates itself through this module

    # Every phrasing is cleaned once for all the matchers built here.
    cleaned: dict[Any, Any] = {}
    words = {e.id: dict(zip(e.phrasings, w, strict=True)) for e, w in zip(faq.entries, faq.phrasing_words, strict=True)}

    def build(entries: tuple[Entry, ...]) -> Matcher:
        part = replace(faq, entries=entries)
        # the words of each phrasing are known already (Faq.phrasing_words is a cached property)
        part.__dict__["phrasing_words"] = tuple(tuple(words[e.id][p] for p in e.phrasings) for e in entries)
        return Matcher(part, base, lang=lang, cleaned=cleaned)

    for fold in range(FOLDS):
        kept, asked = [], []
        for entry in faq.entries:
            phrasings = entry.phrasings
            out = [p for i, p in enumerate(phrasings) if i % FOLDS == fold]
            rest = [p for i, p in enumerate(phrasings) if i % FOLDS != fold]
            if not rest:  # an entry with a single phrasing keeps it
                kept.append(entry)
                continue
            kept.append(_with_phrasings(entry, rest))
            asked += [(entry.id, p) for p in out]
        if not asked:
            continue
        matcher = build(tuple(kept))
        for entry_id, text in asked:
            yield _case(matcher, entry_id, text)
    # Look-alikes of the FAQ's own questions about something it does not know ("is a colonoscopy safe?"):
    # each phrasing with its subject's words, or (when it has none) the words naming the procedure
    # ("injection", "it"), replaced by a word no FAQ uses.
    whole = build(faq.entries)
    topic = whole.index.common | {lang.stem(w) for w in TOPIC_WORDS}
    for e_index, entry in enumerate(faq.entries):
        for text in entry.phrasings[:LEFT_OUT_PHRASINGS]:
            tokens = lang.words(text)
            subject = whole.index.subjects[e_index]
            # its subject's words if it has any, else the words for the procedure ("is it safe?")
            words_of = subject if any(lang.stem(t) in subject for t in tokens) else topic
            swapped = [UNKNOWN_TOPIC if lang.stem(t) in words_of else t for t in tokens]
            if swapped != tokens:
                yield _case(whole, None, " ".join(swapped))
    step = max(1, len(faq.entries) // MAX_LEFT_OUT_ENTRIES)
    for left_out in faq.entries[::step]:
        others = tuple(e for e in faq.entries if e.id != left_out.id)
        matcher = build(others)
        for text in left_out.phrasings[:LEFT_OUT_PHRASINGS]:
            yield _case(matcher, None, text)


def _case(matcher: Any, expected: str | None, text: str) -> Case:
    ranked, question, _, _ = matcher.ranked(matcher.query(text))
    return Case(expected, tuple(ranked), question)


def _with_phrasings(entry: Entry, phrasings: list[str]) -> Entry:
    return replace(entry, question=phrasings[0], alternates=tuple(phrasings[1:]), alternate_lines=())
