"""`python -m bot report`: the staff view of unanswered questions and 👎."""

from __future__ import annotations

import dataclasses

import yaml

from bot import DEFAULT_FAQ_DIR, PROJECT_ROOT
from bot.cli import main
from bot.core.knowledge import load_faq
from bot.staff.report import group_questions, render_alternates, render_report
from bot.store import SqliteStore, Unanswered


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


def test_report_lists_unanswered_unhelpful_and_the_entry_each_came_clearly_closest_to():
    faq = load_faq(DEFAULT_FAQ_DIR)
    text = render_report(ROWS, [("risks", 4), ("is-it-safe", 1)], faq, limit=20)
    unanswered, unhelpful, nearest = text.split("\n\n")
    assert unanswered.splitlines()[1].split() == ["3", "How", "much", "does", "it", "cost?", "(fallback", "2,",
                                                  "suggest", "1)"]
    assert unhelpful.splitlines()[1:] == ["     4  risks (What are the risks and side effects?)",
                                          "     1  is-it-safe (Is the injection safe?)"]
    lines = nearest.splitlines()
    assert lines[1:3] == ["  risks (What are the risks and side effects?)",
                          "       1  What could go wrong with the jab?"]
    # a question on cost is never a candidate for an entry, whatever entry it was recorded against
    cost = lines.index("  (topics marked not covered: answered with the fallback on purpose)")
    assert "How much does it cost?" in lines[cost + 1] and "Can I drive home?" in lines[cost + 2]


def test_limit_caps_each_section():
    text = render_report(ROWS, [], None, limit=1)
    assert "… and 3 more (--limit)" in text


def alternates(*questions: str) -> str:
    rows = [row(q, outcome="suggest", entry_id="chronic-back-pain") for q in questions]
    return render_alternates(rows, load_faq(DEFAULT_FAQ_DIR), DEFAULT_FAQ_DIR, limit=20)


def test_alternates_propose_short_questions_under_the_entry_they_clearly_ask(monkeypatch):
    monkeypatch.chdir(PROJECT_ROOT)
    text = alternates("will my head be sore after the jab", "whats the point of the injection into my back")
    assert text.splitlines()[1:] == [
        "# faq/entries/post-procedure-headache.yaml",
        "alternates:",
        "  - will my head be sore after the jab",
        "",
        "# faq/entries/what-are-interlaminar-injections.yaml",
        "alternates:",
        "  - whats the point of the injection into my back",
    ]
    blocks = text.split("\n\n")
    assert yaml.safe_load("\n".join(blocks[0].splitlines()[2:])) == {
        "alternates": ["will my head be sore after the jab"]}


def test_alternates_never_propose_small_talk_paragraphs_vague_or_not_covered_questions():
    paragraph = ("I had my injection on Monday and since then I have been resting as they told me, but I am "
                 "still not sure whether I should be doing my exercises, and my daughter says I should ask "
                 "you about the headache and also whether the pain in my lower back will come back later on, "
                 "because last time it came back after a few weeks and I could not sleep at all, so what "
                 "should I expect?")
    assert len(paragraph) > 350
    text = alternates("thank you so much, that really helped", paragraph,
                      "is it painful",  # as close to three entries: which one it asks is the clinician's call
                      "how much does it cost", "Call me on [phone]")
    assert text == "# No new alternates to suggest: no unanswered question came clearly close to an entry."


def test_near_duplicates_are_proposed_once_with_a_count():
    text = alternates("will my head be sore after the jab", "Will my head be sore after the jab?",
                      "will my head be sore after my jab", "will my head be sore after the jab")
    assert "  - will my head be sore after the jab  # asked 4 times, 2 similar wordings" in text.splitlines()
    assert text.count("sore") == 1


def test_a_question_already_in_the_faq_is_not_proposed():
    assert "No new alternates" in alternates("Will I get a headache after the injection?")


def test_alternates_quote_yaml_special_text():
    text = alternates("what are the side effects: any? #1")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    assert yaml.safe_load(body) == {"alternates": ["what are the side effects: any? #1"]}


def test_report_command_prints_from_the_database(settings, capsys, monkeypatch):
    store = SqliteStore(settings.db_path, retention_days=90)
    store.record_unanswered("Can I drive home afterwards?", outcome="fallback", score=20, entry_id="risks")
    store.record_unanswered("what are the side effects of the jab?", outcome="suggest", score=40, entry_id="risks")
    store.record_unhelpful("risks")
    store.close()
    monkeypatch.setattr("bot.cli.load_settings", lambda: settings)
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert "Can I drive home afterwards?" in out and "risks (What are the risks" in out
    assert main(["report", "--alternates"]) == 0
    assert "  - what are the side effects of the jab?" in capsys.readouterr().out


def test_report_without_a_database_says_so_and_creates_nothing(settings, capsys, monkeypatch):
    monkeypatch.setattr("bot.cli.load_settings", lambda: dataclasses.replace(settings))
    assert main(["report"]) == 0
    assert "Nothing recorded yet" in capsys.readouterr().out
    assert not settings.db_path.exists()
