"""docs/editing-the-faq.md, followed literally on a copy of faq/: the edits its worked examples show
give the outputs it promises. The examples are read from the guide itself (the blocks after an
`<!-- guide-example: NAME -->` comment), so the guide and this test cannot drift apart.

In a console block, `$ ` starts a command (run here with `--faq-dir faq` on the copy); the lines after
it are its promised output. A line `…` stands for any number of lines; a line ending in `…` for any
line starting with that text.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml

from bot import PROJECT_ROOT
from bot.cli import main
from bot.core.knowledge import load_faq
from bot.core.pipeline import Responder
from bot.settings import Settings
from bot.store import SqliteStore
from tests.faq_copy import copy_faq

GUIDE = PROJECT_ROOT / "docs" / "editing-the-faq.md"
EXAMPLE = re.compile(r"<!-- guide-example: (?P<name>[\w-]+) -->\n```(?P<lang>\w+)\n(?P<body>.*?)```", re.S)
GAP = "…"


def guide_examples() -> dict[str, str]:
    return {m["name"]: m["body"] for m in EXAMPLE.finditer(GUIDE.read_text(encoding="utf-8"))}


EXAMPLES = guide_examples()


def commands(block: str) -> list[tuple[list[str], list[str]]]:
    """The `$ python -m bot ...` commands of a console block: (arguments after `bot`, promised output)."""
    found: list[tuple[list[str], list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            words = shlex.split(line[2:])
            assert words[:3] == ["python", "-m", "bot"], line
            found.append((words[3:], []))
        else:
            found[-1][1].append(line)
    return found


def promised(lines: list[str]) -> re.Pattern[str]:
    """A pattern for the whole output that the promised lines (with their `…` gaps) describe."""
    parts = []
    for line in lines:
        if line == GAP:
            parts.append(r"(?:[^\n]*\n)*?")
        elif line.endswith(GAP):
            parts.append(re.escape(line[: -len(GAP)]) + r"[^\n]*\n")
        else:
            parts.append(re.escape(line) + r"\n")
    if lines and lines[-1] == GAP:
        parts[-1] = r"(?:[^\n]*\n)*"
    return re.compile("".join(parts))


def run(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, str]:
    """A guide command, on the copy (the test runs in the folder that holds it)."""
    code = main([*args, "--faq-dir", "faq"])
    out = capsys.readouterr().out
    return code, out if out.endswith("\n") else out + "\n"


def assert_keeps_promise(capsys: pytest.CaptureFixture[str], block: str) -> list[int]:
    codes = []
    for args, lines in commands(block):
        code, out = run(capsys, args)
        assert promised(lines).fullmatch(out), f"`{' '.join(args)}` printed:\n{out}\nthe guide promises:\n" + \
            "\n".join(lines)
        codes.append(code)
    return codes


@pytest.fixture
def faq(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped faq/ at ./faq, as the guide's commands expect."""
    folder = copy_faq(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "data" / "bot.sqlite3"))
    monkeypatch.setenv("BOT_RETENTION_DAYS", "90")
    return folder


def strict_check(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    """`check --strict` on the copy: its exit code and the lines it printed."""
    code, out = run(capsys, ["check", "--strict"])
    assert re.search(r"^(OK|FAILED): .*faq has ", out, re.M)
    return code, out.splitlines()


def test_the_guide_has_every_worked_example() -> None:
    assert set(EXAMPLES) >= {"report-alternates", "alternate", "check-alternate", "ask-alternate", "new-entry",
                             "draft-check", "approve", "topics-line", "ask-new-entry", "report", "report-html",
                             "telegram-report", "tab-line", "check-mistakes", "impact-alternate", "impact"}


def record_the_guides_questions(*, also: tuple[str, ...] = ()) -> None:
    """The questions of the guide's report examples, kept as the running bot keeps them."""
    store = SqliteStore(Path("data/bot.sqlite3"), retention_days=90)
    for question in ("how much does it cost", "How much does it cost?"):
        store.record_unanswered(question, outcome="fallback", score=12.0, entry_id=None)
    store.record_unanswered("will my head be sore after the jab", outcome="suggest", score=52.0,
                            entry_id="post-procedure-headache")
    for question in also:
        store.record_unanswered(question, outcome="suggest", score=60.0, entry_id="chronic-back-pain")
    store.count_reply("answer")
    store.record_unhelpful("risks")
    store.close()


def test_report_output_is_as_the_guide_shows(faq: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record_the_guides_questions()
    assert assert_keeps_promise(capsys, EXAMPLES["report"]) == [0]


def test_report_alternates_proposes_only_what_the_guide_says(faq: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # "Others wrote 'is it painful', 'thank you so much, that really helped' and 'how much does it cost'"
    record_the_guides_questions(also=("is it painful", "thank you so much, that really helped"))
    assert assert_keeps_promise(capsys, EXAMPLES["report-alternates"]) == [0]


def test_worked_example_the_report_as_a_web_page(faq: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record_the_guides_questions()
    assert assert_keeps_promise(capsys, EXAMPLES["report-html"]) == [0]
    page = Path("report.html").read_text(encoding="utf-8")
    assert "<svg" in page and "will my head be sore after the jab" in page and "risks" in page


async def test_worked_example_the_report_on_telegram(faq: Path, start_bot, standin) -> None:
    from tests.standin import ADMIN, TOKEN

    record_the_guides_questions()
    settings = Settings(
        token=TOKEN, api_base_url=standin.base_url, faq_dir=faq, db_path=Path("data/bot.sqlite3").resolve(),
        admin_user_ids=frozenset({ADMIN["id"]}), log_level="INFO", retention_days=90, chat_messages_per_minute=20,
        webhook_url=None, webhook_listen="127.0.0.1", webhook_port=0, webhook_secret=None,
    )
    await start_bot(settings)
    standin.push(standin.text("/report", user=ADMIN))
    reply = await standin.wait_for_sent(lambda call: call.chat_id == ADMIN["id"])
    lines = EXAMPLES["telegram-report"].rstrip("\n").split("\n")
    assert promised(lines).fullmatch(reply.text + "\n"), reply.text


def test_worked_example_check_names_the_mistakes_editors_make(
    faq: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "Notepad saved it as contact-the-clinic.yaml.txt, and one alternate of risks.yaml indented with Tab"
    saved = faq / "entries" / "contact-the-clinic.yaml.txt"
    saved.write_text(EXAMPLES["new-entry"], encoding="utf-8")
    risks = faq / "entries" / "risks.yaml"
    text = risks.read_text(encoding="utf-8")
    risks.write_text(text.replace("  - what are the risks\n", EXAMPLES["tab-line"], 1), encoding="utf-8")
    assert assert_keeps_promise(capsys, EXAMPLES["check-mistakes"]) == [1]

    # "After renaming the file and replacing the tab with two spaces, check says OK again"
    saved.rename(faq / "entries" / "contact-the-clinic.yaml")
    risks.write_text(text, encoding="utf-8")
    code, out = run(capsys, ["check"])
    assert code == 0 and out.splitlines()[-1].startswith("OK: faq has 14 entries")
    assert "'contact-the-clinic' is a draft" in out


def test_worked_example_impact_of_pasting_is_it_painful(faq: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git = ["git", "-c", "user.name=Nurse", "-c", "user.email=nurse@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "faq"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "the FAQ as served"], check=True)
    store = SqliteStore(Path("data/bot.sqlite3"), retention_days=90)
    store.record_unanswered("is it painful", outcome="suggest", score=60.0, entry_id="chronic-back-pain")
    store.close()
    # "pastes it ... as the last alternate, just above answer: |"
    entry = faq / "entries" / "chronic-back-pain.yaml"
    text = entry.read_text(encoding="utf-8")
    assert text.count("\nanswer: |\n") == 1
    entry.write_text(text.replace("\nanswer: |\n", "\n" + EXAMPLES["impact-alternate"] + "answer: |\n"),
                     encoding="utf-8")
    assert assert_keeps_promise(capsys, EXAMPLES["impact"]) == [0]


def test_worked_example_adding_an_alternate(faq: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entry = faq / "entries" / "post-procedure-headache.yaml"
    strict_before, _ = strict_check(capsys)

    # "Add the new wording as the last line of the alternates: list, just above the line answer: |"
    text = entry.read_text(encoding="utf-8")
    assert text.count("\nanswer: |\n") == 1
    entry.write_text(text.replace("\nanswer: |\n", "\n" + EXAMPLES["alternate"] + "answer: |\n"), encoding="utf-8")
    new_alternate = yaml.safe_load(EXAMPLES["alternate"])[0]
    assert new_alternate in load_faq(faq).entry("post-procedure-headache").alternates

    assert assert_keeps_promise(capsys, EXAMPLES["check-alternate"]) == [strict_before]
    strict_after, lines = strict_check(capsys)
    assert not [line for line in lines if "post-procedure-headache.yaml" in line]  # "no warning naming it"
    assert strict_after == strict_before  # the edit adds no failure of its own

    assert assert_keeps_promise(capsys, EXAMPLES["ask-alternate"]) == [0]
    reply = Responder(load_faq(faq)).respond(new_alternate)
    assert (reply.kind, reply.faq_id) == ("answer", "post-procedure-headache")


def test_worked_example_adding_a_draft_entry_and_approving_it(
    faq: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    strict_before, _ = strict_check(capsys)
    entry = faq / "entries" / "contact-the-clinic.yaml"
    entry.write_text(EXAMPLES["new-entry"], encoding="utf-8")

    # a draft: listed by check, --strict fails, and patients do not get it
    assert assert_keeps_promise(capsys, EXAMPLES["draft-check"]) == [1]
    assert run(capsys, ["check"])[0] == 0
    draft = load_faq(faq)
    assert draft.entry("contact-the-clinic") is None
    assert Responder(draft).respond("how do I contact the clinic").faq_id != "contact-the-clinic"

    # "add these two lines at the end of the file"
    entry.write_text(EXAMPLES["new-entry"] + EXAMPLES["approve"], encoding="utf-8")
    # "Add the new id ... as the last line of the list"
    topics = faq / "topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8").rstrip("\n") + "\n" + EXAMPLES["topics-line"],
                      encoding="utf-8")
    assert load_faq(faq).topics_in_order()[-1].id == "contact-the-clinic"
    strict_after, lines = strict_check(capsys)
    assert not [line for line in lines if "contact-the-clinic" in line]
    assert strict_after == strict_before
    assert assert_keeps_promise(capsys, EXAMPLES["ask-new-entry"]) == [0]
    approved = load_faq(faq).entry("contact-the-clinic")
    assert approved is not None and approved.reviewed_by == "Dr A. Example"
    responder = Responder(load_faq(faq))
    for question in [approved.question, *approved.alternates]:
        reply = responder.respond(question)
        assert (reply.kind, reply.faq_id) == ("answer", "contact-the-clinic"), question


def test_yaml_rule_about_colons_is_true(faq: Path, capsys: pytest.CaptureFixture[str]) -> None:
    risks = faq / "entries" / "risks.yaml"
    text = risks.read_text(encoding="utf-8")
    risks.write_text(text.replace("question: What are the risks and side effects?",
                                  "question: Risks: what are they?"), encoding="utf-8")
    code, out = run(capsys, ["check"])
    assert code == 1
    assert "faq/entries/risks.yaml:2: this text has a colon followed by a space" in out
    risks.write_text(text.replace("question: What are the risks and side effects?",
                                  'question: "Risks: what are they?"'), encoding="utf-8")
    assert run(capsys, ["check"])[0] == 0


# ---------------------------------------------------------------- the pre-commit hook


def test_pre_commit_hook_runs_the_strict_check_on_faq_changes() -> None:
    [hook] = yaml.safe_load((PROJECT_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "faq-check"
    assert "python -m bot check --strict" in hook["entry"]
    assert hook["files"] == "^faq/" and hook["pass_filenames"] is False
    assert hook["language"] in ("python", "system")
    assert "--impact" in hook["entry"] and hook["verbose"] is True  # the impact shows on every commit


def test_example_pre_commit_config_uses_the_hook_locally() -> None:
    config = yaml.safe_load((PROJECT_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    [hook] = repo["hooks"]
    assert hook["id"] == "faq-check" and "-m bot check --strict --impact" in hook["entry"] and hook["verbose"]
    assert hook["files"] == "^faq/" and hook["pass_filenames"] is False
    assert re.fullmatch(hook["files"] + ".*", "faq/entries/risks.yaml")
    assert not re.match(hook["files"], "bot/matching.py")


def test_worked_example_adding_wording_for_a_symptom(faq: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert assert_keeps_promise(capsys, EXAMPLES["ask-rash-before"]) == [0]
    red_flags = faq / "red_flags.yaml"
    text = red_flags.read_text(encoding="utf-8")
    assert text.count("\nurgent:\n") == 1
    red_flags.write_text(text.replace("\nurgent:\n", "\nurgent:\n" + EXAMPLES["red-flag"]), encoding="utf-8")
    assert assert_keeps_promise(capsys, EXAMPLES["ask-rash-after"]) == [0]
    responder = Responder(load_faq(faq))
    assert responder.respond("my mouth is drooping").kind == "emergency"  # another pairing
    assert responder.respond("is a drooping face a common side effect?").kind != "emergency"  # a general question
