"""`python -m bot report`: what patients asked that the FAQ did not answer, for staff.

Three sections: the most frequent unanswered questions (fallback or suggestion, grouped by their
normalised text), the entries whose answers got the most 👎, and the unanswered questions grouped
by the entry the matcher clearly came closest to (or: none came close, or a topic marked not covered).
`--alternates` prints, per entry file, ready-to-paste `alternates:` lines of the candidates worth a
clinician's look: short, shaped like a question, not small talk, not a topic marked not covered, clearly
closer to that entry than to any other, near-duplicates counted together. Nothing is ever added to the
FAQ automatically.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from bot.core.knowledge import Faq, FaqInvalid, load_faq
from bot.core.matching import Matcher
from bot.core.normalise import words
from bot.core.phrases import PhraseIndex
from bot.core.pipeline import is_small_talk
from bot.settings import Settings
from bot.store import SqliteStore, Unanswered

NO_ENTRY = "(no entry came close)"
NOT_COVERED = "(topics marked not covered: answered with the fallback on purpose)"
NOT_A_QUESTION = "(not a question: thanks, greetings, comments)"
SHOWN_CHARS = 100
PERSONAL = ("[phone]", "[email]")
# A proposed alternate is a short question: longer messages are stories, not ways of asking.
MAX_WORDS = 14
MAX_CHARS = 90
# "Clearly closest": ahead of the runner-up entry by this share of the matcher's answer margin.
LEAD_SHARE = 1 / 3
# Two questions at least this similar (rapidfuzz token_sort_ratio of their normalised text) are one.
SAME_QUESTION = 88
QUESTION_SHAPES = Path(__file__).with_name("question_shapes.yaml")


def normalise(text: str) -> str:
    """The grouping key of a question: case, accents' forms, punctuation and spacing ignored.

    >>> normalise("  What does it COST?? ")
    'what does it cost'
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\[\]]+", " ", text).split())


@dataclass(frozen=True)
class Question:
    """Identical (normalised) unanswered questions counted together."""

    text: str  # the most common spelling, as patients typed it (masked)
    count: int
    outcomes: Counter
    entry_id: str | None  # the entry these came closest to most often


def group_questions(rows: Iterable[Unanswered]) -> list[Question]:
    """Unanswered rows grouped by normalised text, most frequent first (ties: alphabetical)."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    outcomes: dict[str, Counter] = defaultdict(Counter)
    entries: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        key = normalise(row.question)
        if not key:
            continue
        spellings[key][" ".join(row.question.split())] += 1
        outcomes[key][row.outcome] += 1
        entries[key][row.entry_id] += 1
    groups = [
        Question(spellings[key].most_common(1)[0][0], sum(outcomes[key].values()), outcomes[key],
                 entries[key].most_common(1)[0][0])
        for key in spellings
    ]
    return sorted(groups, key=lambda q: (-q.count, normalise(q.text)))


def render_report(
    rows: list[Unanswered], unhelpful: list[tuple[str, int]], faq: Faq | None, *, limit: int
) -> str:
    """The staff report as text."""
    questions = group_questions(rows)
    out = ["Unanswered questions (no answer, or only suggestions), most frequent first:"]
    if not questions:
        out.append("  none recorded")
    for question in questions[:limit]:
        out.append(f"  {question.count:4}  {_short(question.text)}  ({_outcomes(question.outcomes)})")
    _more(out, len(questions), limit)

    out += ["", "Answers marked unhelpful (👎), most first:"]
    if not unhelpful:
        out.append("  none recorded")
    for entry_id, count in unhelpful[:limit]:
        out.append(f"  {count:4}  {entry_id}{_question_of(faq, entry_id)}")
    _more(out, len(unhelpful), limit)

    out += ["", "Unanswered questions by the entry they came closest to "
                "(candidates for new alternates: python -m bot report --alternates):"]
    by_entry = by_closest_entry(questions, faq)
    if not by_entry:
        out.append("  none recorded")
    for label, grouped in by_entry:
        out.append(f"  {label}{_question_of(faq, label)}")
        for question in grouped[:limit]:
            out.append(f"    {question.count:4}  {_short(question.text)}")
        _more(out, len(grouped), limit, indent="    ")
    return "\n".join(out)


@dataclass(frozen=True)
class Proposal:
    """A way of asking worth a clinician's look as a new alternate: near-duplicates counted together."""

    text: str
    count: int  # times asked, all its near-duplicate wordings together
    wordings: int


class Closeness:
    """Which entry a question is clearly closest to in the current FAQ, and whether it is off-limits."""

    def __init__(self, faq: Faq) -> None:
        self.faq = faq
        self.matcher = Matcher(faq)
        self.not_covered = PhraseIndex(faq.not_covered, typos=False)

    def is_not_covered(self, text: str) -> bool:
        return bool(self.not_covered.find(words(text)))

    def entry_for(self, text: str) -> str | None:
        """The entry scoring at least the suggestion level and clearly ahead of the next one, else None."""
        ranked = sorted(self.matcher.scores(text).items(), key=lambda kv: -kv[1])
        if not ranked:
            return None
        (best_id, best), runner_up = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
        knobs = self.matcher.thresholds
        return best_id if best >= knobs.suggest and best - runner_up >= knobs.margin * LEAD_SHARE else None


def by_closest_entry(questions: list[Question], faq: Faq | None) -> list[tuple[str, list[Question]]]:
    """Questions grouped under the entry they are clearly closest to (re-scored on the current FAQ),
    then the ones no entry came close to, then those on topics marked not covered."""
    if faq is None:  # the FAQ is broken right now: fall back to what was recorded
        return [(entry_id or NO_ENTRY, grouped) for entry_id, grouped in _by_entry(questions)]
    closeness = Closeness(faq)
    grouped: dict[str, list[Question]] = defaultdict(list)
    for question in questions:
        if closeness.is_not_covered(question.text):
            grouped[NOT_COVERED].append(question)
        elif is_small_talk(question.text) or (len(words(question.text)) <= MAX_WORDS
                                               and not is_question_shaped(question.text)):
            grouped[NOT_A_QUESTION].append(question)
        else:
            grouped[closeness.entry_for(question.text) or NO_ENTRY].append(question)
    last = {NO_ENTRY: 1, NOT_COVERED: 2, NOT_A_QUESTION: 3}
    return sorted(grouped.items(), key=lambda kv: (last.get(kv[0], 0), -sum(q.count for q in kv[1]), kv[0]))


def propose_alternates(rows: list[Unanswered], faq: Faq) -> dict[str, list[Proposal]]:
    """Per entry id, the questions worth proposing as its alternates, most asked first."""
    known = {normalise(p) for e in faq.entries for p in e.phrasings}
    closeness = Closeness(faq)
    picked: dict[str, list[Question]] = defaultdict(list)
    for question in group_questions(rows):
        text = question.text
        if (normalise(text) in known or any(mark in text for mark in PERSONAL) or is_small_talk(text)
                or not is_question_shaped(text) or closeness.is_not_covered(text)):
            continue
        entry_id = closeness.entry_for(text)
        if entry_id is not None:
            picked[entry_id].append(question)
    return {entry_id: _collapse(questions) for entry_id, questions in picked.items()}


def is_question_shaped(text: str) -> bool:
    """Short, and asks: ends with '?' or starts like a question ("how long…", "will it…", "tell me…").

    >>> is_question_shaped("will it hurt"), is_question_shaped("thank you so much, that really helped")
    (True, False)
    """
    tokens = normalise(text).replace("[", " ").replace("]", " ").split()
    if not tokens or len(tokens) > MAX_WORDS or len(" ".join(text.split())) > MAX_CHARS:
        return False
    if text.rstrip().endswith("?"):
        return True
    joined = " ".join(tokens)
    return any(joined == opener or joined.startswith(opener + " ") for opener in _openers())


def render_alternates(rows: list[Unanswered], faq: Faq | None, faq_dir: Path, *, limit: int) -> str:
    """Ready-to-paste `alternates:` lines per entry file, for staff to review and copy by hand."""
    if faq is None:
        return "# The FAQ folder has errors, so no alternates can be proposed: run python -m bot check."
    blocks = []
    proposals = propose_alternates(rows, faq)
    for entry in sorted(faq.entries, key=lambda e: (-sum(p.count for p in proposals.get(e.id, ())), e.id)):
        found = proposals.get(entry.id)
        if not found:
            continue
        lines = [f"# {_display_path(entry.path)}", "alternates:"]
        for proposal in found[:limit]:
            item = yaml.safe_dump([proposal.text], allow_unicode=True, width=10_000).strip()
            lines.append(f"  {item}{_asked(proposal)}")
        blocks.append("\n".join(lines))
    if not blocks:
        return "# No new alternates to suggest: no unanswered question came clearly close to an entry."
    header = "# Review each line with the clinician before adding it to the entry's alternates.\n"
    return header + "\n\n".join(blocks)


def _asked(proposal: Proposal) -> str:
    if proposal.count == 1:
        return ""
    alike = f", {proposal.wordings} similar wordings" if proposal.wordings > 1 else ""
    return f"  # asked {proposal.count} times{alike}"


def _collapse(questions: list[Question]) -> list[Proposal]:
    """Near-duplicates ("is it painful", "is it painfull?") counted as one, shown as the most asked wording."""
    clusters: list[tuple[str, list[Question]]] = []  # (normalised text of the first, members), most asked first
    for question in sorted(questions, key=lambda q: -q.count):
        key = normalise(question.text)
        for first, members in clusters:
            if fuzz.token_sort_ratio(key, first) >= SAME_QUESTION:
                members.append(question)
                break
        else:
            clusters.append((key, [question]))
    proposals = [Proposal(members[0].text, sum(q.count for q in members), len(members)) for _, members in clusters]
    return sorted(proposals, key=lambda p: -p.count)


@cache
def _openers() -> tuple[str, ...]:
    data = yaml.safe_load(QUESTION_SHAPES.read_text(encoding="utf-8"))
    return tuple(normalise(str(opener)) for opener in data["openers"])


def print_report(settings: Settings, *, alternates: bool, limit: int) -> int:
    """Print the staff report (or the alternates) from BOT_DB_PATH. Returns the exit code."""
    if not settings.db_path.exists():
        print(f"Nothing recorded yet: {settings.db_path} does not exist (the bot creates it when it runs).")
        return 0
    store = SqliteStore(settings.db_path, retention_days=settings.retention_days)
    try:
        rows, unhelpful = store.unanswered(), store.unhelpful_counts()
    finally:
        store.close()
    try:
        faq: Faq | None = load_faq(settings.faq_dir)
    except FaqInvalid:
        faq = None  # the report still works, without the entries' questions
    limit = max(1, limit)
    if alternates:
        print(render_alternates(rows, faq, settings.faq_dir, limit=limit))
    else:
        print(f"From {settings.db_path} (kept for {settings.retention_days} days)\n")
        print(render_report(rows, unhelpful, faq, limit=limit))
    return 0


def _by_entry(questions: list[Question]) -> list[tuple[str | None, list[Question]]]:
    grouped: dict[str | None, list[Question]] = defaultdict(list)
    for question in questions:
        grouped[question.entry_id].append(question)
    order = sorted(grouped.items(), key=lambda item: (item[0] is None, -sum(q.count for q in item[1]),
                                                      item[0] or ""))
    return order


def _question_of(faq: Faq | None, entry_id: str) -> str:
    entry = faq.entry(entry_id) if faq else None
    return f" ({entry.question})" if entry else ""


def _outcomes(outcomes: Counter) -> str:
    return ", ".join(f"{kind} {n}" if len(outcomes) > 1 else kind for kind, n in sorted(outcomes.items()))


def _short(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 1] + "…"


def _more(out: list[str], total: int, limit: int, indent: str = "  ") -> None:
    if total > limit:
        out.append(f"{indent}… and {total - limit} more (--limit)")


def _display_path(path: Path) -> str:
    relative = os.path.relpath(path.resolve(), Path.cwd())
    return str(path.resolve()) if relative.startswith("..") else relative
