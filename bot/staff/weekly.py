"""The weekly report for staff: the last seven days against the seven before, as plain text (Telegram's
/report and the weekly digest) or as a self-contained HTML page with a chart (`report --html FILE`).

It holds what the store keeps and nothing more: counts of replies per day, the unanswered questions
(phone numbers and e-mail addresses already masked), and 👎 per entry. No user id, name or chat id.
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.core.knowledge import Faq, FaqInvalid, load_faq
from bot.core.replies import fit
from bot.settings import Settings
from bot.staff.report import Question, by_closest_entry, group_questions
from bot.store import SqliteStore, Store, utc_now
from bot.store.sqlite import COUNTED_KINDS

DAYS = 7
KIND_NAMES = {"answer": "answers", "suggest": "suggestions", "fallback": "no checked answer",
              "urgent": "urgent replies"}
KIND_COLOURS = {"answer": "#2e7d32", "suggest": "#f9a825", "fallback": "#9e9e9e", "urgent": "#c62828"}
TOP_QUESTIONS = 5  # per entry in the Telegram text; the HTML page shows them all


@dataclass(frozen=True)
class WeeklyReport:
    """One week of what patients asked, and the week before for comparison."""

    first_day: dt.date  # the first of the seven days
    per_day: tuple[tuple[dt.date, dict[str, int]], ...]  # every day of the week, oldest first
    totals: dict[str, int]
    last_totals: dict[str, int]
    by_entry: tuple[tuple[str, tuple[Question, ...]], ...]  # this week's unanswered, by closest entry
    unhelpful: tuple[tuple[str, int, int], ...]  # (entry id, 👎 this week, 👎 the week before)

    @property
    def last_day(self) -> dt.date:
        return self.first_day + dt.timedelta(days=DAYS - 1)


def build_weekly(store: Store, faq: Faq | None, today: dt.date) -> WeeklyReport:
    """The report of the seven days ending with `today` (UTC days), against the seven before."""
    first = today - dt.timedelta(days=DAYS - 1)
    after = today + dt.timedelta(days=1)
    before = first - dt.timedelta(days=DAYS)
    counts = store.reply_counts(first, after)
    last = store.reply_counts(before, first)
    days = tuple((first + dt.timedelta(days=n), counts.get(first + dt.timedelta(days=n), {})) for n in range(DAYS))
    this_week = dict(store.unhelpful_counts(first, after))
    last_week = dict(store.unhelpful_counts(before, first))
    unhelpful = sorted(((e, this_week.get(e, 0), last_week.get(e, 0)) for e in this_week.keys() | last_week.keys()),
                       key=lambda item: (-item[1], -item[2], item[0]))
    questions = group_questions(store.unanswered(first, after))
    return WeeklyReport(
        first_day=first,
        per_day=days,
        totals=_sum(counts.values()),
        last_totals=_sum(last.values()),
        by_entry=tuple((label, tuple(qs)) for label, qs in by_closest_entry(questions, faq)),
        unhelpful=tuple(unhelpful),
    )


def render_text(report: WeeklyReport, faq: Faq | None) -> str:
    """The report as plain text for Telegram (no markup), within one message."""
    out = [f"Weekly report, {_day(report.first_day)} to {_day(report.last_day)} (against the 7 days before)", ""]
    out.append("Replies:")
    for kind in COUNTED_KINDS:
        out.append(f"  {KIND_NAMES[kind]}: {report.totals.get(kind, 0)} ({_against(report, kind)})")
    out += ["", "Unanswered and suggested questions, by the entry they came closest to:"]
    if not report.by_entry:
        out.append("  none this week")
    for label, questions in report.by_entry:
        out.append(f"  {label}{_question_of(faq, label)}: {sum(q.count for q in questions)}")
        for question in questions[:TOP_QUESTIONS]:
            out.append(f"    {question.count} × {question.text}")
        if len(questions) > TOP_QUESTIONS:
            out.append(f"    and {len(questions) - TOP_QUESTIONS} more")
    out += ["", "👎 by entry (this week, the week before):"]
    if not report.unhelpful:
        out.append("  none")
    for entry_id, now, before in report.unhelpful:
        out.append(f"  {entry_id}: {now} (week before: {before})")
    out += ["", "The same as a page with a chart: python -m bot report --html report.html"]
    return fit("\n".join(out))


def render_html(report: WeeklyReport, faq: Faq | None) -> str:
    """The report as one self-contained HTML page (inline CSS and SVG chart, no scripts, no server)."""
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(KIND_NAMES[k])}</td><td>{report.totals.get(k, 0)}</td><td>{report.last_totals.get(k, 0)}</td></tr>"
        for k in COUNTED_KINDS
    )
    groups = []
    for label, questions in report.by_entry:
        items = "".join(f"<li><b>{q.count}</b> × {e(q.text)}</li>" for q in questions)
        groups.append(f"<h3>{e(label)}{e(_question_of(faq, label))}</h3><ul>{items}</ul>")
    unhelpful = "".join(f"<tr><td>{e(i)}</td><td>{n}</td><td>{b}</td></tr>" for i, n, b in report.unhelpful)
    legend = "".join(f'<span style="color:{KIND_COLOURS[k]}">■ {e(KIND_NAMES[k])}</span>' for k in COUNTED_KINDS)
    head = "<tr><th>entry</th><th>this week</th><th>week before</th></tr>"
    unhelpful_table = f"<table>{head}{unhelpful}</table>" if unhelpful else "<p>None.</p>"
    title = f"Weekly report, {_day(report.first_day)} to {_day(report.last_day)}"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
table {{ border-collapse: collapse; margin: 1rem 0; }} td, th {{ border: 1px solid #ccc; padding: .3rem .7rem; }}
th {{ background: #f3f3f3; text-align: left; }} li {{ margin: .2rem 0; }} .legend span {{ margin-right: 1rem; }}
</style></head><body>
<h1>{e(title)}</h1>
<p>What patients asked the FAQ bot in the last seven days, against the seven days before. Phone numbers and
e-mail addresses are masked; no names or user ids are kept.</p>
<h2>Replies per day</h2>
{_chart(report)}
<p class="legend">{legend}</p>
<table><tr><th>reply</th><th>this week</th><th>week before</th></tr>{rows}</table>
<h2>Unanswered and suggested questions, by the entry they came closest to</h2>
{"".join(groups) or "<p>None this week.</p>"}
<h2>👎 by entry</h2>
{unhelpful_table}
</body></html>
"""


def _chart(report: WeeklyReport) -> str:
    """Stacked bars, one a day, as inline SVG."""
    width, height, bar, gap, base = 560, 220, 56, 24, 190
    most = max((sum(counts.values()) for _, counts in report.per_day), default=0) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="replies per day">']
    for n, (day, counts) in enumerate(report.per_day):
        x, y = gap + n * (bar + gap // 2), float(base)
        for kind in COUNTED_KINDS:
            size = counts.get(kind, 0) * 160 / most
            if size:
                y -= size
                parts.append(f'<rect x="{x}" y="{y:.1f}" width="{bar}" height="{size:.1f}" fill="{KIND_COLOURS[kind]}">'
                             f"<title>{KIND_NAMES[kind]}: {counts[kind]}</title></rect>")
        parts.append(f'<text x="{x + bar / 2}" y="{y - 4:.1f}" font-size="12" text-anchor="middle">'
                     f"{sum(counts.values())}</text>")
        parts.append(f'<text x="{x + bar / 2}" y="{base + 16}" font-size="12" text-anchor="middle">'
                     f"{day:%a %d}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _against(report: WeeklyReport, kind: str) -> str:
    before = report.last_totals.get(kind, 0)
    change = report.totals.get(kind, 0) - before
    return f"week before: {before}, " + ("no change" if change == 0 else f"{change:+d}")


def _sum(days) -> dict[str, int]:
    total: Counter[str] = Counter()
    for counts in days:
        total.update(counts)
    return dict(total)


def _question_of(faq: Faq | None, label: str) -> str:
    entry = faq.entry(label) if faq else None
    return f" ({entry.question})" if entry else ""


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def print_weekly(settings: Settings, *, html_file: Path | None, today: dt.date | None = None) -> int:
    """`report --week` / `report --html FILE`: print the weekly text, or write the HTML page. Exit code."""
    if not settings.db_path.exists():
        print(f"Nothing recorded yet: {settings.db_path} does not exist (the bot creates it when it runs).")
        return 0
    try:
        faq: Faq | None = load_faq(settings.faq_dir)
    except FaqInvalid:
        faq = None  # the report still works, without the entries' questions
    store = SqliteStore(settings.db_path, retention_days=settings.retention_days)
    try:
        report = build_weekly(store, faq, today or utc_now().date())
    finally:
        store.close()
    if html_file is None:
        print(render_text(report, faq))
        return 0
    try:
        html_file.write_text(render_html(report, faq), encoding="utf-8")
    except OSError as exc:
        print(f"Could not write {html_file}: {exc.strerror}. Choose another file name or folder.")
        return 1
    print(f"Wrote {html_file}: open it in a web browser.")
    return 0
