"""`python -m bot report`: the staff view of unanswered questions and 👎."""

from __future__ import annotations

import dataclasses

import yaml

from bot.cli import main
from bot.core.knowledge import load_faq
from bot.staff.report import group_questions, render_alternates, render_report
from bot.store import Store, Unanswered


def row(question: str, outcome: str = "fallback", entry_id: str | None = None) -> Unanswered:
    return Unanswered("2026-01-10T12:00:00Z", outcome, question, 10.0, entry_id)


ROWS = [
    row("How much does it cost?"),
    row("how much does it COST"),
    row("how much does it cost!!", outcome="suggest", entry_id="risks"),
    row("What could go wrong with the jab?", outcome="suggest", entry_id="risks"),
    row("Can I drive home?", entry_id="post-procedure-headache"),
    row("Call me on [phone]", entry_id="risks"),
]


def test_identical_normalised_questions_are_counted_together_most_frequent_first():
    groups = group_questions(ROWS)
    assert [(g.text, g.count) for g in groups][:1] == [("How much does it cost?", 3)]
    assert groups[0].outcomes == {"fallback": 2, "suggest": 1}
    assert [g.count for g in groups] == [3, 1, 1, 1]


def test_report_lists_unanswered_unhelpful_and_nearest_entries(faq_dir):
    faq = load_faq(faq_dir)
    text = render_report(ROWS, [("risks", 4), ("is-it-safe", 1)], faq, limit=20)
    unanswered, unhelpful, nearest = text.split("\n\n")
    assert unanswered.splitlines()[1].split() == ["3", "How", "much", "does", "it", "cost?", "(fallback", "2,",
                                                  "suggest", "1)"]
    assert unhelpful.splitlines()[1:] == ["     4  risks (What are the risks of the injection?)",
                                          "     1  is-it-safe (Are interlaminar injections safe?)"]
    lines = nearest.splitlines()
    assert lines[1] == "  risks (What are the risks of the injection?)"
    assert "(no entry came close)" in nearest


def test_limit_caps_each_section():
    text = render_report(ROWS, [], None, limit=1)
    assert "… and 3 more (--limit)" in text


def test_alternates_are_ready_to_paste_yaml_per_entry_file(faq_dir, monkeypatch):
    monkeypatch.chdir(faq_dir.parent)
    faq = load_faq(faq_dir)
    rows = ROWS + [row("is the injection safe", outcome="suggest", entry_id="is-it-safe")]  # already there
    text = render_alternates(rows, faq, faq_dir, limit=20)
    assert text.splitlines()[1:] == [
        "# faq/entries/risks.yaml",
        "alternates:",
        "  - What could go wrong with the jab?",  # "Call me on [phone]": personal details never suggested
        "",
        "# faq/entries/post-procedure-headache.yaml",
        "alternates:",
        "  - Can I drive home?",
    ]  # is-it-safe: its question is already an alternate; "how much...": closest to no entry
    blocks = text.split("\n\n")
    assert yaml.safe_load("\n".join(blocks[0].splitlines()[2:])) == {
        "alternates": ["What could go wrong with the jab?"]}


def test_alternates_quote_yaml_special_text(faq_dir):
    faq = load_faq(faq_dir)
    text = render_alternates([row("- risks: what are they? #1", entry_id="risks")], faq, faq_dir, limit=5)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    assert yaml.safe_load(body) == {"alternates": ["- risks: what are they? #1"]}


def test_report_command_prints_from_the_database(settings, capsys, monkeypatch):
    store = Store(settings.db_path, retention_days=90)
    store.record_unanswered("Can I drive home afterwards?", outcome="fallback", score=20, entry_id="risks")
    store.record_unhelpful("risks")
    store.close()
    monkeypatch.setattr("bot.cli.load_settings", lambda: settings)
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert "Can I drive home afterwards?" in out and "risks (What are the risks" in out
    assert main(["report", "--alternates"]) == 0
    assert "  - Can I drive home afterwards?" in capsys.readouterr().out


def test_report_without_a_database_says_so_and_creates_nothing(settings, capsys, monkeypatch):
    monkeypatch.setattr("bot.cli.load_settings", lambda: dataclasses.replace(settings))
    assert main(["report"]) == 0
    assert "Nothing recorded yet" in capsys.readouterr().out
    assert not settings.db_path.exists()


def test_alternates_never_propose_a_topic_staff_marked_not_covered():
    from bot import DEFAULT_FAQ_DIR

    faq = load_faq(DEFAULT_FAQ_DIR)
    rows = [row("how much does it cost", entry_id="how-they-work"),
            row("tell me about the injection", outcome="suggest", entry_id="what-are-interlaminar-injections")]
    text = render_alternates(rows, faq, DEFAULT_FAQ_DIR, limit=20)
    assert "tell me about the injection" in text
    assert "cost" not in text
