"""The one decision rule: from the scored entries of a question to `answer`, `suggest` or `fallback`.

The matcher, the calibration (`bot.core.calibration`) and the tuner (`bot.staff.tuning`) all call
`decide`, so the thresholds they choose are the ones the matcher applies.

- A question that asks something no entry answers (does it hurt?) gets the fallback.
- An answer needs the question to be about the entry (it uses a word of the entry's subject, or is,
  give or take a typo, one of its own phrasings), to ask what the entry answers (one of the entry's
  aspects, when the question asks any), a high score and a clear lead over every other entry.
- Only entries the question is about may be suggested (failing those, entries that answer what it
  asks and share a word with it), and only within `suggest_within` of the best; when none of those
  answers what the question asks, the best one that does is offered too, however far behind.
- A topic staff marked as not covered gets the fallback; in a long message it may be mere context,
  and an entry the question is about and asks of, clearly ahead of the others, is offered as a suggestion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

__all__ = ["Candidate", "Gate", "Question", "Thresholds", "clears", "decide", "gate"]

Kind = Literal["answer", "suggest", "fallback"]
SUGGESTIONS = 3


@dataclass(frozen=True)
class Thresholds:
    """The knobs. `answer`, `margin` and `suggest_within` are calibrated on each FAQ
    (`bot.core.calibration`; these values serve an FAQ too small to calibrate); the rest were tuned on
    the tuning sets only (`python -m bot.staff.tuning`, see docs/accuracy.md)."""

    answer: float = 49.0  # best score needed to answer
    margin: float = 18.0  # lead over the best other entry needed to answer
    suggest: float = 28.0  # best score needed to suggest anything
    suggest_within: float = 28.0  # other entries this close to the best are suggested too
    unknown_weight: float = 5.0  # weight of a topic word the FAQ has never seen
    w_fuzzy: float = 0.3  # share of the fuzzy score in an entry's score (the rest is word coverage)
    verbatim: float = 0.92  # whole-message similarity to one phrasing that counts as "the same words"


@dataclass(frozen=True)
class Candidate:
    """One entry as scored for one question (entries come best first)."""

    entry: str
    score: float
    about: bool  # the question uses a word of the entry's subject, or is one of its phrasings
    asks_aspect: bool  # the question asks nothing in particular, or something this entry answers
    verbatim: bool = False  # the question is, give or take a typo, one of this entry's phrasings
    related: bool = False  # it asks nothing, or something this entry answers, with a word of this entry
    # it asks one thing (how it works, is it safe...), and this entry is mostly asked that and answers it
    asks_its_aspect: bool = False
    # it uses a subject word of this entry that no other entry has, besides the words that ask what it
    # asks (the "work" of "how does it work?" asks how; it does not make it about does-it-work)
    about_content: bool = False
    # it asks one thing, and uses a subject word that most of this entry's phrasings use besides ("is a
    # headache a recognised complication?" names the headache entry)
    named: bool = False
    # too few phrasings to show all it answers (`asks_its_aspect` cannot be told for it)
    thin: bool = False
    # it is about the question, or uses one of its words besides the words that ask what it asks
    shares_word: bool = True


@dataclass(frozen=True)
class Question:
    """What the rule needs to know about the question besides the scores."""

    not_covered: bool = False  # it names a topic staff marked as not covered
    long: bool = False  # long enough for such a topic to be mere context
    unanswered_aspect: bool = False  # it asks something (how long, does it hurt) no entry answers
    # it names a condition by a word the FAQ never uses ("safe for someone with osteoporosis?"): no answer
    # speaks of it, so at most a suggestion (unless it is one of the entry's own phrasings)
    unknown_condition: bool = False


@dataclass(frozen=True)
class Gate:
    """Whether the best entry may be answered at all, and the figures the thresholds are compared to."""

    open: bool  # about the entry, asks what it answers, no unanswered aspect, no topic not covered
    score: float
    lead: float  # over the best other entry
    verbatim: bool


def gate(ranked: Sequence[Candidate], question: Question) -> Gate:
    if not ranked:
        return Gate(False, 0.0, 0.0, False)
    best = ranked[0]
    lead = best.score - (ranked[1].score if len(ranked) > 1 else 0.0)
    is_open = best.about and best.asks_aspect and not question.unanswered_aspect and not question.not_covered
    return Gate(is_open, best.score, lead, best.verbatim)


def clears(score: Any, lead: Any, verbatim: Any, t: Thresholds) -> Any:
    """The thresholds' test; works on floats and on numpy arrays alike (the calibration sweeps it)."""
    return (score >= t.answer) & ((lead >= t.margin) | verbatim)


def decide(ranked: Sequence[Candidate], question: Question, t: Thresholds) -> tuple[Kind, tuple[str, ...]]:
    """The outcome and its entries (the answer, or up to three suggestions, best first)."""
    if not ranked or ranked[0].score <= 0 or question.unanswered_aspect:
        return "fallback", ()
    best = ranked[0]
    # entries the question is about; failing those, entries that answer what it asks about its words
    about = [c for c in ranked if c.about or c.related] if any(c.about for c in ranked) else [
        c for c in ranked if c.related]
    if not about:
        return "fallback", ()
    g = gate(ranked, replace(question, not_covered=False))
    answerable = g.open and bool(clears(g.score, g.lead, g.verbatim, t)) and (
        g.verbatim or not question.unknown_condition)
    if question.not_covered:
        # the entry clearly ahead is offered whatever the answer threshold, so that a stricter one does not
        # take the offer away
        if question.long and g.open and g.score >= t.suggest and (g.lead >= t.margin or g.verbatim):
            return "suggest", _close_to(about, t)
        return "fallback", ()
    if answerable:
        return "answer", (best.entry,)
    if about[0].score >= t.suggest:
        return "suggest", _close_to(about, t)
    return "fallback", ()


def _order(c: Candidate, best: Candidate) -> int:
    """Where a suggestion goes: first one the question names by a word of its own and that answers what is
    asked ("is a headache a recognised complication?": the headache entry before risks, which is mostly
    asked the risks), then the ones mostly asked what is asked (and the best one, if a word only it has
    names it), then the rest."""
    if c.named and c.asks_aspect:
        return 0
    return 1 if c.asks_its_aspect or c is best and c.about_content else 2


def _close_to(about: Sequence[Candidate], t: Thresholds) -> tuple[str, ...]:
    top = about[0].score
    close = [c for c in about[:SUGGESTIONS] if top - c.score <= t.suggest_within]
    # the entries mostly asked what the question asks come first ("how does an epidural work?":
    # how-they-work before does-it-work, which scores higher by the "work" of "how does * work"), unless
    # the best one is about a word of the question that only it has ("is it safe? could it damage my
    # nerves?" keeps serious-complications first)
    # (an FAQ of thin entries, whose phrasings do not show what each answers, keeps the order of the scores)
    if not any(c.thin for c in close):
        close.sort(key=lambda c: _order(c, about[0]))
    if not any(c.thin or c.asks_its_aspect for c in close):
        # the entry mostly asked what the question asks is offered too, however far behind ("is it
        # advisable for me to have it?": is-it-right-for-me after is-it-safe)
        mostly = [c for c in about if c.asks_its_aspect][:1]
        if mostly:
            close = [*close[:SUGGESTIONS - 1], *mostly]
    if not any(c.thin or c.about and c.asks_aspect for c in close):
        # none offered is both about the question and answers what it asks: the best one that is, too
        # (a story naming the GP who referred it, ending "what are they?": what-are after who-performs)
        both = [c for c in about if c.about and c.asks_aspect and c.related][:1]
        if both:
            close = [*close[:SUGGESTIONS - 1], *both]
    if len(close) < SUGGESTIONS and not any(c.asks_aspect for c in close):
        # none of them answers what is asked: offer the best one that does, however far behind
        # ("do facet joint injections work?": other-procedures, then does-it-work)
        close += [c for c in about if c.asks_aspect and c.related][:1]
    # a question about something: a suggestion after the first shares a word with it, unless it is mostly
    # asked what the question asks ("the difference between an epidural and a nerve block?" is not about
    # acute and chronic pain); one that names nothing of its own shares no word with any
    if not all(c.shares_word or c.asks_its_aspect for c in close[1:]) and any(c.about_content for c in about):
        close = [close[0], *(c for c in close[1:] if c.shares_word or c.asks_its_aspect)]
    return tuple(c.entry for c in close)
