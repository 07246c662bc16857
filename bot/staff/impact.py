"""`python -m bot check --impact`: what an edit of the FAQ changes for patients, before they see it.

The edited folder and the last good one (the last git commit of the folder; outside git, the running
bot's folder; or a folder named with `--against`) each answer the same questions: those patients
asked (kept in the staff store), the project's tuning question sets, and every question and alternate
of both versions. Every question whose reply changes is listed, from what to what; so is every entry
whose answer text was reworded. Held-back evaluation sets are never read here: staff fix what this
shows, which is tuning.
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from bot import PROJECT_ROOT
from bot.core.knowledge import Faq
from bot.core.pipeline import Reply, Responder
from bot.staff.report import normalise
from bot.store import SqliteStore

# The project's tuning sets (never the held-out test sets: see docs/accuracy.md).
EVAL_SETS = (PROJECT_ROOT / "eval" / "tune.jsonl", PROJECT_ROOT / "eval" / "tune_extra.jsonl")
SHOWN_CHARS = 100


class NoBaseline(Exception):
    """There is no last good FAQ to compare with; the message says what to do."""


@dataclass(frozen=True)
class Question:
    """One question to compare on, and where it comes from (for staff: how much it matters)."""

    text: str
    origin: str  # shown next to the question: "asked by patients 3 times", "from eval/tune.jsonl"...
    group: str  # counted in the summary: "asked by patients", "from eval/tune.jsonl", "in the FAQ"
    asked: int = 0  # times patients asked it (recorded questions only)


@dataclass(frozen=True)
class Change:
    question: Question
    before: str
    after: str


@dataclass(frozen=True)
class Impact:
    against: str  # what the edit was compared with, in words
    sources: tuple[tuple[str, int], ...]  # (where questions came from, how many)
    changes: tuple[Change, ...]
    reworded: tuple[str, ...]  # ids of entries whose answer text changed

    def render(self) -> str:
        total = sum(n for _, n in self.sources)
        where = ", ".join(f"{n} {label}" for label, n in self.sources if n)
        out = [f"Impact of the edit, compared with {self.against}: {total} questions ({where})."]
        if not self.changes:
            out.append("No question gets a different reply.")
        else:
            n = len(self.changes)
            out.append(f"{n} question{' gets' if n == 1 else 's get'} a different reply:")
            for change in self.changes:
                out.append(f'  "{_short(change.question.text)}"  ({change.question.origin})')
                out.append(f"      before: {change.before}")
                out.append(f"      after:  {change.after}")
        for entry_id in self.reworded:
            out.append(f"The answer of {entry_id} is reworded: every patient who gets it sees the new text.")
        return "\n".join(out)


def compare(before: Faq, after: Faq, questions: Iterable[Question], *, against: str) -> Impact:
    """Answer every question with both FAQs and list the ones whose reply differs."""
    old, new = Responder(before), Responder(after)
    unique: dict[str, Question] = {}
    counts: Counter[str] = Counter()
    for question in [*questions, *_phrasings(before, "before the edit"), *_phrasings(after, "after the edit")]:
        key = normalise(question.text)
        if key and key not in unique:
            unique[key] = question
            counts[question.group] += 1
    rank = {group: n for n, group in enumerate(counts)}  # patients' questions first, the FAQ's own last
    changes = []
    for question in unique.values():
        was, now = old.respond(question.text), new.respond(question.text)
        if _decision(was) != _decision(now):
            changes.append(Change(question, describe(was, before), describe(now, after)))
    changes.sort(key=lambda c: (rank[c.question.group], -c.question.asked, normalise(c.question.text)))
    reworded = tuple(
        e.id for e in after.entries
        if (b := before.entry(e.id)) is not None and " ".join(b.answer.split()) != " ".join(e.answer.split())
    )
    return Impact(against, tuple(counts.items()), tuple(changes), reworded)


def describe(reply: Reply, faq: Faq) -> str:
    """A reply in a few words for staff: which answer, which suggestions, or which kind of reply."""
    if reply.kind == "answer":
        entry = faq.entry(reply.faq_id or "")
        return f"the answer of {reply.faq_id} ({entry.question if entry else '?'})"
    if reply.kind == "suggest":
        return "Did you mean: " + ", ".join(reply.suggestions)
    if reply.kind == "emergency":
        return "the crisis reply" if reply.reason == "self_harm" else "the urgent reply"
    if reply.reason == "small_talk":
        return "the small-talk reply"
    return "no checked answer (fallback)"


def recorded_questions(db_path: Path, retention_days: int) -> list[Question]:
    """Questions patients asked that were kept for staff (fallbacks and suggestions), most asked first."""
    if not db_path.exists():
        return []
    store = SqliteStore(db_path, retention_days=retention_days)
    try:
        rows = store.unanswered()
    finally:
        store.close()
    spelling: dict[str, Counter[str]] = {}
    for row in rows:
        spelling.setdefault(normalise(row.question), Counter())[row.question] += 1
    found = [
        Question(texts.most_common(1)[0][0], _asked(sum(texts.values())), "asked by patients", sum(texts.values()))
        for key, texts in spelling.items() if key
    ]
    return sorted(found, key=lambda q: -q.asked)


def eval_questions(paths: Iterable[Path] = EVAL_SETS) -> list[Question]:
    """The questions of labelled JSON-lines sets (or plain text files, one question a line)."""
    found = []
    for path in paths:
        if not path.exists():
            continue
        label = _shown(path)
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                text = json.loads(line)["question"]
            except (json.JSONDecodeError, KeyError, TypeError):
                text = line.strip()
            found.append(Question(str(text), f"from {label}", f"from {label}"))
    return found


@contextmanager
def last_commit_of(folder: Path) -> Iterator[Path]:
    """The folder as it was in the last git commit, extracted to a temporary folder. Raises NoBaseline."""
    folder = folder.resolve()
    try:
        top = _git(folder, "rev-parse", "--show-toplevel").decode().strip()
        relative = folder.relative_to(Path(top).resolve()).as_posix()
        archive = _git(Path(top), "archive", "--format=tar", "HEAD", relative)
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError) as exc:
        raise NoBaseline(
            f"cannot read the last commit of {folder} ({_why(exc)}): name the folder to compare with, "
            "e.g. --against /path/to/the/running/bot/faq"
        ) from None
    with tempfile.TemporaryDirectory(prefix="faq-last-commit-") as tmp, tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(tmp, filter="data")
        yield Path(tmp) / relative


def _git(cwd: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True, timeout=30).stdout


def _why(exc: Exception) -> str:
    if isinstance(exc, subprocess.CalledProcessError):
        return (exc.stderr or b"").decode(errors="replace").strip().splitlines()[0] if exc.stderr else "git failed"
    if isinstance(exc, FileNotFoundError):
        return "git is not installed"
    return "the folder is not inside the git repository"


def _phrasings(faq: Faq, origin: str) -> Iterator[Question]:
    for entry in faq.entries:
        for phrasing in entry.phrasings:
            yield Question(phrasing, f"in {entry.id} {origin}", "questions and alternates of the FAQ")


def _decision(reply: Reply) -> tuple:
    return reply.kind, reply.faq_id, reply.suggestions, reply.kind if reply.kind != "emergency" else reply.text


def _asked(n: int) -> str:
    return "asked by patients once" if n == 1 else f"asked by patients {n} times"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
