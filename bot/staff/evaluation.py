"""Scoring a labelled question set through the same pipeline patients get (`python -m bot eval FILE`).

The file is JSON lines: {"question": "...", "expected": "<entry id>" | "out-of-scope" | "urgent" |
"not-urgent"}, with optional "category" (reported by category), "self_harm" (true: the crisis reply is
expected) and "voice". The triage's training format ({"text": ..., "label": "urgent" | "not-urgent"})
is read too. A conversation row {"messages": ["...", "..."], "expected": ...} sends its messages in
turn, the last one judged with the earlier ones as the chat's recent messages. "not-urgent" rows only
count for false alarms. Definitions of the figures:
- top-1: in-scope questions whose first choice (the answer, or the first suggestion) is right;
- answered or rightly suggested: in-scope questions answered right, or with the right entry among
  the suggestions;
- confidently wrong: answers that are wrong (wrong entry, or any answer to an out-of-scope
  question), over in-scope and out-of-scope questions together;
- out-of-scope never answered: out-of-scope questions that got a suggest or fallback;
- urgent recall: urgent messages that got the urgent reply (also by category);
- self-harm recall: messages about self-harm that got the crisis reply (not only the urgent one);
- false alarms: non-urgent messages that got the urgent reply (also by category).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.chat.flood import FloodGate
from bot.chat.session import Conversations
from bot.core import replies
from bot.core.pipeline import Reply, Responder

OUT_OF_SCOPE = "out-of-scope"
URGENT = "urgent"
NOT_URGENT = "not-urgent"
# thanks, goodbyes, pleasantries: never answered (counted as out of scope) and given the small-talk reply
SMALL_TALK = "small-talk"


@dataclass(frozen=True)
class Case:
    question: str
    expected: str
    voice: str = ""
    line: int = 0
    category: str = ""
    self_harm: bool = False
    # the chat's messages before this one, oldest first (a conversation row)
    earlier: tuple[str, ...] = ()


def load_labelled(path: Path, entry_ids: Iterable[str]) -> list[Case]:
    """Read a JSON-lines question set; raises ValueError naming the line of any bad row."""
    known = set(entry_ids) | {OUT_OF_SCOPE, URGENT, NOT_URGENT, SMALL_TALK}
    cases = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            row = json.loads(line)
            earlier: tuple[str, ...] = ()
            if "messages" in row:
                if not isinstance(row["messages"], list) or not row["messages"]:
                    raise TypeError("messages must be a list of the chat's messages, oldest first")
                *before, question = [str(m) for m in row["messages"]]
                earlier = tuple(before)
            else:
                question = row["question"] if "question" in row else row["text"]
            expected = row["expected"] if "expected" in row else row["label"]
            if not isinstance(question, str):
                raise TypeError("the question must be text")
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}:{number}: expected {{\"question\": ..., \"expected\": ...}} ({exc})") from None
        if expected not in known:
            raise ValueError(f"{path}:{number}: unknown expected label {expected!r}")
        category = str(row.get("category") or "")
        cases.append(Case(question, expected, row.get("voice", ""), number, category, bool(row.get("self_harm")),
                          earlier))
    return cases


def first_choice(reply: Reply) -> str | None:
    if reply.kind == "answer":
        return reply.faq_id
    if reply.kind == "suggest" and reply.suggestions:
        return reply.suggestions[0]
    return None


@dataclass
class Report:
    in_scope: int = 0
    out_of_scope: int = 0
    urgent: int = 0
    top1: int = 0
    answered_or_suggested: int = 0
    answered_right: int = 0
    wrong_answers: int = 0
    oos_not_answered: int = 0
    urgent_caught: int = 0
    false_alarms: int = 0
    not_urgent: int = 0
    self_harm: int = 0
    self_harm_caught: int = 0
    small_talk: int = 0
    small_talk_caught: int = 0
    # category -> (caught, total) for urgent rows; (false alarms, total) for the others
    urgent_by_category: Counter = field(default_factory=Counter)
    urgent_caught_by_category: Counter = field(default_factory=Counter)
    calm_by_category: Counter = field(default_factory=Counter)
    alarms_by_category: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def figures(self) -> dict[str, float]:
        scoped = self.in_scope + self.out_of_scope
        return {
            "top1": self._ratio(self.top1, self.in_scope),
            "answered_or_rightly_suggested": self._ratio(self.answered_or_suggested, self.in_scope),
            "answered_right": self._ratio(self.answered_right, self.in_scope),
            "confidently_wrong": self.wrong_answers / scoped if scoped else 0.0,
            "out_of_scope_never_answered": self._ratio(self.oos_not_answered, self.out_of_scope),
            "urgent_recall": self._ratio(self.urgent_caught, self.urgent),
            "self_harm_recall": self._ratio(self.self_harm_caught, self.self_harm),
            "false_alarms": float(self.false_alarms),
        }

    def render(self) -> str:
        f = self.figures
        lines = [
            f"questions: {self.in_scope} in scope, {self.out_of_scope} out of scope, {self.urgent} urgent, "
            f"{self.not_urgent} not urgent (only counted for false alarms)",
            f"top-1 accuracy:                  {f['top1']:.3f}",
            f"answered or rightly suggested:   {f['answered_or_rightly_suggested']:.3f}",
            f"answered right:                  {f['answered_right']:.3f}",
            f"confidently wrong:               {f['confidently_wrong']:.3f}"
            f" ({self.wrong_answers} of {self.in_scope + self.out_of_scope})",
            f"out of scope never answered:     {f['out_of_scope_never_answered']:.3f}",
            f"urgent recall:                   {f['urgent_recall']:.3f} ({self.urgent_caught}/{self.urgent})",
            f"self-harm recall (crisis reply): {f['self_harm_recall']:.3f} ({self.self_harm_caught}/{self.self_harm})"
            if self.self_harm else "self-harm recall (crisis reply): - (no row marked self_harm)",
            f"false alarms:                    {self.false_alarms}"
            f" (of {self.in_scope + self.out_of_scope + self.not_urgent} messages that are not urgent)",
        ]
        if self.small_talk:
            lines.append(f"small talk given its reply:      {self.small_talk_caught}/{self.small_talk}")
        if len(self.urgent_by_category) > 1 or set(self.urgent_by_category) - {""}:
            lines.append("urgent recall by category:")
            lines += [
                f"  {category or '(none)':38} {self.urgent_caught_by_category[category]}/{total}"
                for category, total in sorted(self.urgent_by_category.items())
            ]
        if set(self.calm_by_category) - {""}:
            lines.append("false alarms by category:")
            lines += [
                f"  {category or '(none)':38} {self.alarms_by_category[category]}/{total}"
                for category, total in sorted(self.calm_by_category.items())
            ]
        if self.misses:
            lines.append(f"misses ({len(self.misses)}):")
            lines += [f"  {m}" for m in self.misses]
        return "\n".join(lines)


def _reply(responder: Responder, case: Case) -> Reply:
    """The reply the last message of the case gets. A conversation goes through the chat session patients
    have (bot.chat.session): its earlier messages are read with the last one, and the entry answered before
    is the one a follow-up is read against."""
    if not case.earlier:
        return responder.respond(case.question)
    chats = Conversations(lambda: responder, flood=FloodGate(limit=1_000_000))
    for message in case.earlier:
        chats.message(0, message)
    outgoing = chats.message(0, case.question)
    assert outgoing is not None and outgoing.reply is not None  # no flood limit here; a text always gets one
    return outgoing.reply


def evaluate(responder: Responder, cases: Iterable[Case]) -> Report:
    report = Report()
    crisis = {replies.urgent_text(responder.faq, self_harm=True, someone_else=s) for s in (False, True)}
    for case in cases:
        reply = _reply(responder, case)
        got = _describe(reply)
        where = f"line {case.line}" + (f" [{case.voice}]" if case.voice else "")
        shown = " / ".join([*case.earlier, case.question]) if case.earlier else case.question
        if case.expected == URGENT:
            report.urgent += 1
            report.urgent_by_category[case.category] += 1
            if reply.kind == "emergency":
                report.urgent_caught += 1
                report.urgent_caught_by_category[case.category] += 1
            else:
                report.misses.append(f"MISSED URGENT  {where}: {shown!r} -> {got}")
            if case.self_harm:
                report.self_harm += 1
                if reply.text in crisis:
                    report.self_harm_caught += 1
                elif reply.kind == "emergency":
                    report.misses.append(f"NO CRISIS TEXT {where}: {shown!r} -> the urgent reply for symptoms")
            continue
        report.calm_by_category[case.category] += 1
        if reply.kind == "emergency":
            report.false_alarms += 1
            report.alarms_by_category[case.category] += 1
            report.misses.append(f"FALSE ALARM    {where}: {shown!r} (expected {case.expected})")
        if case.expected == NOT_URGENT:
            report.not_urgent += 1
            continue
        if case.expected == SMALL_TALK:
            report.small_talk += 1
            if reply.reason == "small_talk":
                report.small_talk_caught += 1
            else:
                report.misses.append(f"NOT SMALL TALK {where}: {case.question!r} -> {got}")
        if case.expected in (OUT_OF_SCOPE, SMALL_TALK):
            report.out_of_scope += 1
            if reply.kind == "answer":
                report.wrong_answers += 1
                report.misses.append(f"ANSWERED OOS   {where}: {case.question!r} -> {got}")
            else:
                report.oos_not_answered += 1
            continue
        report.in_scope += 1
        if first_choice(reply) == case.expected:
            report.top1 += 1
        if reply.kind == "answer":
            if reply.faq_id == case.expected:
                report.answered_right += 1
                report.answered_or_suggested += 1
            else:
                report.wrong_answers += 1
                report.misses.append(f"WRONG ANSWER   {where}: {case.question!r} -> {got}, expected {case.expected}")
        elif reply.kind == "suggest" and case.expected in reply.suggestions:
            report.answered_or_suggested += 1
            if reply.suggestions[0] != case.expected:
                report.misses.append(f"SUGGESTED 2ND  {where}: {case.question!r} -> {got}, expected {case.expected}")
        elif reply.kind != "emergency":
            report.misses.append(f"NOT FOUND      {where}: {case.question!r} -> {got}, expected {case.expected}")
    return report


def _describe(reply: Reply) -> str:
    if reply.kind == "answer":
        return f"answer {reply.faq_id} ({reply.score:.0f})"
    if reply.kind == "suggest":
        return f"suggest {', '.join(reply.suggestions)} ({reply.score:.0f})"
    return f"{reply.kind} ({reply.score:.0f})"
