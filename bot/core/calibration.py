"""Thresholds that calibrate themselves on each FAQ, within the wrong-answer budget the clinic sets.

The FAQ's own phrasings are questions whose right entry is known. Each is asked of a matcher built
without it (FOLDS matchers, each leaving out every FOLDS-th phrasing of every entry), and each entry in
turn is left out whole, its phrasings then being questions the FAQ does not answer; so is each
phrasing with its subject's words replaced by a word no FAQ uses (a look-alike about something else).

- `answer` and `margin` are the pair that answers the most of these questions right while answering
  at most `budget` of them wrongly (`faq/answering.yaml`, default 2 %), counting as answered every
  question whose best entry clears them and whose subject it uses (`Candidate.about`: the entry's subject
  is derived from its own phrasings, and again without the phrasing asked). No other check of the
  decision rule is counted (what the question asks, a topic not covered, look-alike rules): such rules
  were written while reading these very phrasings and stop more wrong answers here than on the questions
  patients ask, so a rule that only takes answers away leaves the thresholds as they were instead of
  buying looser ones. (Rules that reorder the entries, or decide what the question is about, still
  count, both ways.)
- `suggest_within` (how far behind the best an entry may be and still be suggested) is the narrowest,
  though never narrower than the tuned default, that keeps the right entry among the suggestions for
  as many of the FAQ's own questions as any wider one would (within TIE), through the decision rule
  itself (`bot.core.deciding.decide`). The score needed to suggest anything (`suggest`) is not calibrated:
  the FAQ's look-alikes and left-out entries score like its own phrasings, unlike most questions it
  does not answer, so they cannot tell where suggesting stops helping (docs/accuracy.md, calibration12).

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
GRID_WITHIN = tuple(range(10, 52, 2))
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
    right: int = 0  # answered right by the matcher at the chosen thresholds
    wrong: int = 0  # answered wrongly by the matcher
    calibrated: bool = False
    # answered wrongly were the subject the only check (what the budget is held to; see the module's doc)
    subject_only_wrong: int = 0
    # the FAQ's own questions that get their entry among the suggestions (not answered)
    rightly_suggested: int = 0
    # per entry: (own phrasings asked, of them answered right) at the chosen thresholds
    per_entry: dict[str, tuple[int, int]] = field(default_factory=dict, hash=False)


def calibrated(faq: Faq, lang: Language | None = None) -> Thresholds:
    """The thresholds for this FAQ (cached per FAQ content: a reload of the same files is free)."""
    return calibration(faq, lang).thresholds


def calibration(faq: Faq, lang: Language | None = None, *, base: Thresholds | None = None) -> Calibration:
    """The calibration of `answer`, `margin` and `suggest_within` on this FAQ; the other knobs come from
    `base` (`suggest` at most `answer`)."""
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
    thresholds = _answer_thresholds(cases, base, budget)
    thresholds = _suggestion_thresholds(cases, thresholds, base)
    seen = _Seen.of(cases)
    cleared = clears(seen.score, seen.lead, seen.verbatim, thresholds)
    answered = seen.open & cleared
    suggested = sum(_rightly_suggested(c, thresholds) for c in cases if c.expected is not None)
    return Calibration(thresholds, budget, len(cases), int((answered & seen.correct).sum()),
                       int((answered & ~seen.correct).sum()), True,
                       int((cleared & seen.about & ~seen.correct).sum()), suggested, _per_entry(cases, thresholds))


@dataclass(frozen=True)
class _Seen:
    """Every case's best entry as the decision rule sees it, as arrays."""

    score: np.ndarray
    lead: np.ndarray
    verbatim: np.ndarray
    about: np.ndarray  # the question uses a word of the best entry's subject
    open: np.ndarray  # every check of the gate passed (`bot.core.deciding.gate`)
    correct: np.ndarray

    @classmethod
    def of(cls, cases: list[Case]) -> _Seen:
        gates = [gate(c.ranked, c.question) for c in cases]
        return cls(np.array([g.score for g in gates]), np.array([g.lead for g in gates]),
                   np.array([g.verbatim for g in gates]),
                   np.array([bool(c.ranked) and c.ranked[0].about for c in cases]), np.array([g.open for g in gates]),
                   np.array([bool(c.ranked) and c.ranked[0].entry == c.expected for c in cases]))


def _answer_thresholds(cases: list[Case], base: Thresholds, budget: float) -> Thresholds:
    """The `answer` and `margin` that answer the most right within the budget, the subject the only check."""
    seen = _Seen.of(cases)
    right, wrong = seen.about & seen.correct, seen.about & ~seen.correct
    allowed = budget * len(cases)
    feasible: list[tuple[float, Thresholds]] = []
    for answer in GRID_ANSWER:
        for margin in GRID_MARGIN:
            t = replace(base, answer=float(answer), margin=float(margin))
            # each case counted by how surely it clears the thresholds, so that one case just past a
            # threshold does not swing the choice (a whole-number count made the pick brittle); and counted
            # whole too, so that the budget holds for the cases themselves
            sure = _soft(seen.score, seen.lead, seen.verbatim, t)
            whole = int((clears(seen.score, seen.lead, seen.verbatim, t) & wrong).sum())
            if float((sure * wrong).sum()) <= allowed and whole <= allowed:
                feasible.append((float((sure * right).sum()), t))
    if not feasible:
        return replace(base, answer=float(GRID_ANSWER[-1]), margin=float(GRID_MARGIN[-1]))
    # the most right answers; within TIE of the most, the stricter thresholds
    most = max(right for right, _ in feasible)
    return max((t for right, t in feasible if right >= most - TIE), key=lambda t: (t.answer, t.margin))


def _suggestion_thresholds(cases: list[Case], t: Thresholds, base: Thresholds) -> Thresholds:
    """`suggest_within`: the narrowest spread of suggestions, though not narrower than `base`'s, that keeps
    the right entry among them for as many of the FAQ's own questions as any wider one (within TIE)."""
    # (whether a question gets suggestions does not depend on the spread: only those that do are swept)
    asked = [c for c in cases if c.expected is not None and decide(c.ranked, c.question, t)[0] == "suggest"]
    found = {w: sum(_rightly_suggested(c, replace(t, suggest_within=float(w))) for c in asked) for w in GRID_WITHIN}
    most = max(found.values())
    within = min(w for w, right in found.items() if right >= most - TIE)
    return replace(t, suggest_within=max(float(within), base.suggest_within), suggest=min(t.suggest, t.answer))


def _rightly_suggested(case: Case, t: Thresholds) -> bool:
    kind, ids = decide(case.ranked, case.question, t)
    return kind == "suggest" and case.expected in ids


def _above(score: np.ndarray, threshold: float) -> np.ndarray:
    """How surely each score clears a threshold (0-1), smoothed over SOFTNESS points."""
    above: np.ndarray = 1 / (1 + np.exp(-(score - threshold) / SOFTNESS))
    return above


def _soft(score: np.ndarray, lead: np.ndarray, verbatim: np.ndarray, t: Thresholds) -> np.ndarray:
    """How surely each case clears `t` (0-1): `clears` with its steps smoothed over SOFTNESS points."""
    sure: np.ndarray = _above(score, t.answer) * np.maximum(_above(lead, t.margin), verbatim)
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
