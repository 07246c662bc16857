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
from pathlib import Path

import pytest
import yaml

from bot import PROJECT_ROOT
from bot.cli import main
from bot.core.knowledge import load_faq
from bot.core.pipeline import Responder
from bot.store import Store
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
    assert "OK: faq has" in out
    return code, out.splitlines()


def test_the_guide_has_every_worked_example() -> None:
    assert set(EXAMPLES) >= {"report-alternates", "alternate", "check-alternate", "ask-alternate", "new-entry",
                             "draft-check", "approve", "ask-new-entry", "report"}


def test_report_output_is_as_the_guide_shows(faq: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store(Path("data/bot.sqlite3"), retention_days=90)
    for question in ("how much does it cost", "How much does it cost?"):
        store.record_unanswered(question, outcome="fallback", score=12.0, entry_id=None)
    store.record_unanswered("will my head be sore after the jab", outcome="suggest", score=52.0,
                            entry_id="post-procedure-headache")
    store.record_unhelpful("risks")
    store.close()
    assert assert_keeps_promise(capsys, EXAMPLES["report-alternates"]) == [0]
    assert assert_keeps_promise(capsys, EXAMPLES["report"]) == [0]


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
    assert "faq/entries/risks.yaml:2: YAML syntax error: mapping values are not allowed here" in out
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


def test_example_pre_commit_config_uses_the_hook_locally() -> None:
    config = yaml.safe_load((PROJECT_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    [hook] = repo["hooks"]
    assert hook["id"] == "faq-check" and "-m bot check --strict" in hook["entry"]
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
    assert responder.respond("my vision has gone blurry").kind == "emergency"  # another pairing
    assert responder.respond("is blurred vision a common side effect?").kind != "emergency"  # a general question
