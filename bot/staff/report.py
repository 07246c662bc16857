"""`python -m bot report`: what patients asked that the FAQ did not answer, for staff.

Three sections: the most frequent unanswered questions (fallback or suggestion, grouped by their
normalised text), the entries whose answers got the most 👎, and the unanswered questions grouped
by the entry they came closest to. `--alternates` prints the last as ready-to-paste `alternates:`
lines per entry file instead; nothing is ever added to the FAQ automatically.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.core.knowledge import Faq, FaqInvalid, load_faq
from bot.core.normalise import words
from bot.core.phrases import PhraseIndex
from bot.settings import Settings
from bot.store import Store, Unanswered

NO_ENTRY = "(no entry came close)"
SHOWN_CHARS = 100
PERSONAL = ("[phone]", "[email]")


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
                "(candidates for new alternates: `python -m bot report --alternates`):"]
    by_entry = _by_entry(questions)
    if not by_entry:
        out.append("  none recorded")
    for entry_id, grouped in by_entry:
        label = entry_id or NO_ENTRY
        out.append(f"  {label}{_question_of(faq, entry_id) if entry_id else ''}")
        for question in grouped[:limit]:
            out.append(f"    {question.count:4}  {_short(question.text)}")
        _more(out, len(grouped), limit, indent="    ")
    return "\n".join(out)


def render_alternates(rows: list[Unanswered], faq: Faq | None, faq_dir: Path, *, limit: int) -> str:
    """Ready-to-paste `alternates:` lines per entry file, for staff to review and copy by hand."""
    known = {e.id: {normalise(p) for p in e.phrasings} for e in faq.entries} if faq else {}
    # Questions on a topic staff marked as not covered (cost, driving...) were left unanswered on purpose:
    # pasting one as an alternate would make the bot answer it, so they are never proposed.
    not_covered = PhraseIndex(faq.not_covered, typos=False) if faq else None
    blocks = []
    for entry_id, grouped in _by_entry(group_questions(rows)):
        if entry_id is None or (faq is not None and entry_id not in known):
            continue
        fresh = [q.text for q in grouped
                 if normalise(q.text) not in known.get(entry_id, set())
                 and not any(mark in q.text for mark in PERSONAL)
                 and not (not_covered and not_covered.find(words(q.text)))]
        if not fresh:
            continue
        entry = faq.entry(entry_id) if faq else None
        path = entry.path if entry else faq_dir / "entries" / f"{entry_id}.yaml"
        items = yaml.safe_dump(fresh[:limit], allow_unicode=True, width=10_000, default_flow_style=False)
        lines = [f"# {_display_path(path)}", "alternates:"] + [f"  {line}" for line in items.splitlines()]
        blocks.append("\n".join(lines))
    if not blocks:
        return "# No new alternates to suggest: no unanswered question came close to an entry."
    header = "# Review each line with the clinician before adding it to the entry's alternates.\n"
    return header + "\n\n".join(blocks)


def print_report(settings: Settings, *, alternates: bool, limit: int) -> int:
    """Print the staff report (or the alternates) from BOT_DB_PATH. Returns the exit code."""
    if not settings.db_path.exists():
        print(f"Nothing recorded yet: {settings.db_path} does not exist (the bot creates it when it runs).")
        return 0
    store = Store(settings.db_path, retention_days=settings.retention_days)
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
