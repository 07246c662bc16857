"""Scoring a labelled question set through the same pipeline patients get (`python -m bot eval FILE`).

The file is JSON lines: {"question": "...", "expected": "<entry id>" | "out-of-scope" | "urgent"}
(other keys, such as "voice", are kept for the report). Definitions of the figures:
- top-1: in-scope questions whose first choice (the answer, or the first suggestion) is right;
- answered or rightly suggested: in-scope questions answered right, or with the right entry among
  the suggestions;
- confidently wrong: answers that are wrong (wrong entry, or any answer to an out-of-scope
  question), over in-scope and out-of-scope questions together;
- out-of-scope never answered: out-of-scope questions that got a suggest or fallback;
- urgent recall: urgent messages that got the urgent reply;
- false alarms: non-urgent messages that got the urgent reply.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.pipeline import Reply, Responder

OUT_OF_SCOPE = "out-of-scope"
URGENT = "urgent"


@dataclass(frozen=True)
class Case:
    question: str
    expected: str
    voice: str = ""
    line: int = 0


def load_labelled(path: Path, entry_ids: Iterable[str]) -> list[Case]:
    """Read a JSON-lines question set; raises ValueError naming the line of any bad row."""
    known = set(entry_ids) | {OUT_OF_SCOPE, URGENT}
    cases = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            row = json.loads(line)
            question, expected = row["question"], row["expected"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: expected {{\"question\": ..., \"expected\": ...}} ({exc})") from None
        if expected not in known:
            raise ValueError(f"{path}:{number}: unknown expected label {expected!r}")
        cases.append(Case(question, expected, row.get("voice", ""), number))
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
            "false_alarms": float(self.false_alarms),
        }

    def render(self) -> str:
        f = self.figures
        lines = [
            f"questions: {self.in_scope} in scope, {self.out_of_scope} out of scope, {self.urgent} urgent",
            f"top-1 accuracy:                  {f['top1']:.3f}",
            f"answered or rightly suggested:   {f['answered_or_rightly_suggested']:.3f}",
            f"answered right:                  {f['answered_right']:.3f}",
            f"confidently wrong:               {f['confidently_wrong']:.3f}"
            f" ({self.wrong_answers} of {self.in_scope + self.out_of_scope})",
            f"out of scope never answered:     {f['out_of_scope_never_answered']:.3f}",
            f"urgent recall:                   {f['urgent_recall']:.3f} ({self.urgent_caught}/{self.urgent})",
            f"false alarms:                    {self.false_alarms}",
        ]
        if self.misses:
            lines.append(f"misses ({len(self.misses)}):")
            lines += [f"  {m}" for m in self.misses]
        return "\n".join(lines)


def evaluate(responder: Responder, cases: Iterable[Case]) -> Report:
    report = Report()
    for case in cases:
        reply = responder.respond(case.question)
        got = _describe(reply)
        where = f"line {case.line}" + (f" [{case.voice}]" if case.voice else "")
        if case.expected == URGENT:
            report.urgent += 1
            if reply.kind == "emergency":
                report.urgent_caught += 1
            else:
                report.misses.append(f"MISSED URGENT  {where}: {case.question!r} -> {got}")
            continue
        if reply.kind == "emergency":
            report.false_alarms += 1
            report.misses.append(f"FALSE ALARM    {where}: {case.question!r} (expected {case.expected})")
        if case.expected == OUT_OF_SCOPE:
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
