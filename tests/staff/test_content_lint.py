"""`python -m bot check` as the staff tool: structural errors (exit 1) and content warnings (exit 0, or 1
with --strict), each as `path:line: message` on a broken copy of the shipped FAQ."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot import PROJECT_ROOT
from bot.cli import main
from bot.core.knowledge import load_faq
from bot.core.pipeline import Responder
from bot.staff.content_lint import lint
from tests.faq_copy import copy_faq
from tests.small_faq import make_faq


def check(capsys: pytest.CaptureFixture[str], folder: Path, *options: str) -> tuple[int, list[str]]:
    """Run `python -m bot check` in-process; the exit code and the lines it printed to stdout."""
    code = main(["check", "--faq-dir", str(folder), *options])
    return code, capsys.readouterr().out.splitlines()


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first line of `path` that contains `text`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


def edit_line(path: Path, pattern: str, new: str) -> None:
    """Replace the one line of `path` that matches `pattern` (a regex, `^` and `$` at line ends)."""
    text, count = re.subn(pattern, lambda _: new, path.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert count == 1, f"{pattern!r} not in {path}"
    path.write_text(text, encoding="utf-8")


def warnings_at(warnings: list[str], path: Path, line: int) -> list[str]:
    return [w for w in warnings if w.startswith(f"{path}:{line}: warning: ")]


# ---------------------------------------------------------------- structural errors: exit 1, path:line


@pytest.mark.parametrize(
    ("pattern", "new", "at", "message"),
    [
        pytest.param(r"^question:.*$", "question: Risks: what are they?", "question:",
                     "this text has a colon followed by a space, which YAML reads as a new 'key: value': put the "
                     'whole text in double quotes, like question: "Risks: what are they?"', id="yaml-syntax"),
        pytest.param(r"^source:", "notes: ask Dr Patel\nsource:", "notes:",
                     "unknown key 'notes' (allowed: id, question, alternates, answer, source, reviewed_by, "
                     "reviewed_on)", id="unknown-key"),
        pytest.param(r"^source:.*\n", "", "id: risks", "missing key 'source'", id="missing-key"),
        pytest.param(r"^id:.*$", "id: risk", "id: risk", "id 'risk' does not match the file name 'risks.yaml'",
                     id="id-not-file-name"),
        pytest.param(r"^answer: \|$", 'answer: ""\nold_answer: |', 'answer: ""',
                     "'answer' (the answer patients get) is empty: write it after 'answer:' (or on the lines below "
                     "'answer: |', each indented by two spaces)", id="empty-answer"),
        pytest.param(r"^source:", "question: What can go wrong?\nsource:", "question: What can go wrong?",
                     "key 'question' appears twice", id="duplicate-key"),
        pytest.param(r"^reviewed_on:.*$", "reviewed_on: last tuesday", "reviewed_on:",
                     "'reviewed_on' must be a date like 2026-11-25", id="not-a-date"),
    ],
)
def test_structural_error_is_reported_with_path_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pattern: str, new: str, at: str, message: str
) -> None:
    folder = copy_faq(tmp_path)
    path = folder / "entries" / "risks.yaml"
    edit_line(path, pattern, new)
    code, lines = check(capsys, folder)
    assert code == 1
    assert f"{path}:{line_of(path, at)}: {message}" in lines


def test_duplicate_id_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # risks.yml next to risks.yaml: both files say id: risks, and the id matches both file names.
    folder = copy_faq(tmp_path)
    original = folder / "entries" / "risks.yaml"
    copy = folder / "entries" / "risks.yml"
    copy.write_text(original.read_text(encoding="utf-8").replace("  - what are the risks\n", ""), encoding="utf-8")
    code, lines = check(capsys, folder)
    assert code == 1
    assert f"{copy}:1: duplicate id 'risks' (also {original})" in lines


def test_alternate_in_two_entries_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_faq(tmp_path)
    risks = folder / "entries" / "risks.yaml"
    first = load_faq(folder).entry("risks").alternates[0]
    safe = folder / "entries" / "is-it-safe.yaml"
    edit_line(safe, r"^alternates:$", f"alternates:\n  - {first.upper()}")
    code, lines = check(capsys, folder)
    assert code == 1
    expected = (f"{risks}:{line_of(risks, f'- {first}')}: '{first}' is also in is-it-safe.yaml "
                f"line {line_of(safe, first.upper())}: keep it in one entry only")
    assert expected in lines


def run_check(folder: Path, *options: str) -> subprocess.CompletedProcess:
    """The real `python -m bot check` command, as staff and the pre-commit hook run it."""
    return subprocess.run(
        [sys.executable, "-m", "bot", "check", *options, "--faq-dir", str(folder)],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=60,
    )


def test_structural_errors_exit_1_from_the_real_command(tmp_path: Path) -> None:
    folder = copy_faq(tmp_path)
    path = folder / "entries" / "who-performs.yaml"
    edit_line(path, r"^reviewed_on:.*$", "reviewed_on: soon")
    result = run_check(folder)
    assert result.returncode == 1
    assert f"{path}:{line_of(path, 'reviewed_on')}: 'reviewed_on' must be a date like 2026-11-25" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("FAILED: 1 problem in ")
    assert "will not use this FAQ" in result.stdout


@pytest.mark.parametrize("date", ["2026-02-30", "2026-13-01"])
def test_impossible_date_is_a_problem_not_a_crash(tmp_path: Path, date: str) -> None:
    folder = copy_faq(tmp_path)
    path = folder / "entries" / "who-performs.yaml"
    edit_line(path, r"^reviewed_on:.*$", f"reviewed_on: {date}")
    result = run_check(folder)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith(f"{path}:{line_of(path, 'reviewed_on')}: ")


# ---------------------------------------------------------------- drafts


def test_draft_is_reported_by_check_but_not_served(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_faq(tmp_path)
    path = folder / "entries" / "who-performs.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^reviewed_(by|on):.*\n", "", text), encoding="utf-8")

    code, lines = check(capsys, folder)
    assert code == 0  # a draft is allowed: it is simply not served yet
    [warning] = warnings_at(lines, path, 1)
    assert "'who-performs' is a draft" in warning and "fill in reviewed_by" in warning
    assert check(capsys, folder, "--strict")[0] == 1

    faq = load_faq(folder)
    assert faq.entry("who-performs") is None
    responder = Responder(faq)
    assert responder.answer_entry("who-performs") is None
    assert responder.respond("who does the injection").faq_id != "who-performs"


# ---------------------------------------------------------------- content warnings


@pytest.fixture(scope="module")
def shipped_warnings() -> list[str]:
    return lint(load_faq(PROJECT_ROOT / "faq"))


def test_misplaced_alternate_names_both_entries_and_scores(tmp_path: Path) -> None:
    # A "who" question pasted into the risks file. Counted for itself it would score 100 for risks:
    # the check scores every alternate without it.
    folder = copy_faq(tmp_path)
    risks = folder / "entries" / "risks.yaml"
    edit_line(risks, r"^alternates:$", "alternates:\n  - who is the person that gives the injection")

    found = warnings_at(lint(load_faq(folder)), risks, line_of(risks, "who is the person that gives the injection"))
    assert len(found) == 1
    assert re.fullmatch(
        r".*: warning: the alternate 'who is the person that gives the injection' matches who-performs "
        r"\((\d+)\) better than risks \((\d+)\): move it to who-performs\.yaml if it asks that entry's "
        r"question; if it belongs here, add two or three more ways patients say it, .*",
        found[0],
    )
    theirs, ours = (int(n) for n in re.findall(r"\((\d+)\)", found[0]))
    assert theirs > ours


def test_entries_asked_alike_are_reported_as_easy_to_confuse(tmp_path: Path) -> None:
    folder = copy_faq(tmp_path)
    twin = folder / "entries" / "safety-worries.yaml"
    # near copies of is-it-safe's wording ("truly" keeps them from being exact repeats, an error)
    alternates = ["is the injection truly safe", "is it truly dangerous", "is the epidural truly safe",
                  "how risky is the shot truly", "is the jab truly dangerous", "are these injections truly safe",
                  "is a spinal injection truly safe", "how safe are epidurals truly",
                  "is the back injection truly safe", "is it truly safe to have"]
    twin.write_text(
        "id: safety-worries\nquestion: How safe is the injection truly?\nalternates:\n"
        + "".join(f"  - {a}\n" for a in alternates)
        + 'answer: |\n  A second answer about safety.\nsource: "Risks to consider"\n'
        "reviewed_by: Nurse Test\nreviewed_on: 2026-11-01\n",
        encoding="utf-8",
    )
    safe = folder / "entries" / "is-it-safe.yaml"
    pair = [w for w in lint(load_faq(folder), today=dt.date(2026, 11, 25)) if "easy to confuse" in w
            and "safety-worries" in w and "is-it-safe" in w]
    assert len(pair) == 1, pair  # one warning for the pair, in the file of the more affected entry
    assert re.match(
        rf"({re.escape(str(twin))}:1: warning: safety-worries and is-it-safe|"
        rf"{re.escape(str(safe))}:1: warning: is-it-safe and safety-worries) are easy to confuse: \d+ of the "
        r"\d+ alternates of .* score almost as high for .*'Did you mean…\?' instead of an answer: .*merge",
        pair[0],
    )


def test_answer_too_long_for_one_telegram_message(tmp_path: Path) -> None:
    folder = copy_faq(tmp_path)
    path = folder / "entries" / "who-performs.yaml"
    text = path.read_text(encoding="utf-8")
    long_answer = "answer: |\n" + "".join(f"  Paragraph {n}. " + "Plain words for patients. " * 30 + "\n\n"
                                          for n in range(6))
    path.write_text(re.sub(r"(?ms)^answer: \|\n.*?(?=^source:)", lambda _: long_answer, text), encoding="utf-8")
    faq = load_faq(folder)
    assert len(faq.entry("who-performs").answer) > 4096

    [warning] = warnings_at(lint(faq), path, line_of(path, "answer: |"))
    assert "more than fits in one Telegram message (4096)" in warning
    assert re.search(r"shorten it by at least \d+ characters$", warning)


def test_answer_that_fits_only_without_the_doctor_note_is_too_long(tmp_path: Path) -> None:
    # answer_text trims the answer to fit; the check measures what staff wrote, before trimming.
    folder = copy_faq(tmp_path)
    path = folder / "entries" / "who-performs.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?ms)^answer: \|\n.*?(?=^source:)", lambda _: "answer: |\n  " + "a" * 4000 + "\n",
                           text), encoding="utf-8")
    assert warnings_at(lint(load_faq(folder)), path, line_of(path, "answer: |"))


def test_bot_text_too_long_for_one_telegram_message(tmp_path: Path) -> None:
    folder = copy_faq(tmp_path)
    texts = folder / "texts.yaml"
    edit_line(texts, r"^fallback: \|$", "fallback: |\n  " + "Please ask your doctor. " * 200)
    [warning] = warnings_at(lint(load_faq(folder)), texts, line_of(texts, "fallback:"))
    assert "the 'fallback' text is" in warning and "shorten it" in warning


def test_entry_not_reviewed_for_over_a_year(tmp_path: Path) -> None:
    folder = copy_faq(tmp_path)
    path = folder / "entries" / "who-performs.yaml"
    edit_line(path, r"^reviewed_on:.*$", "reviewed_on: 2024-03-01")
    assert not [w for w in lint(load_faq(folder)) if "over a year ago" in w]  # no date given: no date check
    [warning] = warnings_at(lint(load_faq(folder), today=dt.date(2026, 12, 1)), path, line_of(path, "reviewed_on:"))
    assert "'who-performs' was last reviewed on 2024-03-01, over a year ago" in warning
    assert "update reviewed_by and reviewed_on" in warning


def test_review_a_year_old_is_still_fine_and_a_day_more_is_not(tmp_path: Path) -> None:
    faq = load_faq(make_faq(tmp_path / "faq"))  # a small FAQ: every entry reviewed on 2025-01-15
    year_later = dt.date(2025, 1, 15) + dt.timedelta(days=365)
    assert not [w for w in lint(faq, today=year_later) if "over a year ago" in w]
    stale = [w for w in lint(faq, today=year_later + dt.timedelta(days=1)) if "over a year ago" in w]
    assert len(stale) == len(faq.entries)
    assert all("was last reviewed on 2025-01-15" in w for w in stale)


def add_synonyms(folder: Path, group: str) -> Path:
    path = folder / "synonyms.yaml"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + group, encoding="utf-8")
    return path


def test_synonym_of_a_red_flag_that_triage_misses(tmp_path: Path) -> None:
    folder = copy_faq(tmp_path)
    # 'temperature' and 'feverish' are red flags; 'pyrexia' is not
    synonyms = add_synonyms(folder, "temperature:\n  - pyrexia\n  - feverish\n")
    warnings = lint(load_faq(folder))
    found = warnings_at(warnings, synonyms, line_of(synonyms, "- pyrexia"))
    assert len(found) == 1
    red_flags = folder / "red_flags.yaml"
    assert re.search(
        rf"warning: 'pyrexia' means the same as '(temperature|feverish)' in this synonym group, and "
        rf"'(temperature|feverish)' is a red flag \({re.escape(str(red_flags))}:\d+\), .*does not get the urgent "
        rf"reply: add it under urgent in {re.escape(str(red_flags))}",
        found[0],
    )
    # the red-flag words themselves are nothing to warn about
    assert not [w for w in warnings if "'feverish' mean" in w or "'temperature' mean" in w]


def test_adding_the_red_flag_clears_the_synonym_warning(tmp_path: Path) -> None:
    folder = copy_faq(tmp_path)
    add_synonyms(folder, "temperature:\n  - pyrexia\n")
    edit_line(folder / "red_flags.yaml", r"^urgent:$", "urgent:\n  - pyrexia")
    assert not [w for w in lint(load_faq(folder)) if "pyrexia" in w]


def test_strict_check_fails_on_a_warning_from_the_real_command(tmp_path: Path) -> None:
    folder = copy_faq(tmp_path)
    path = folder / "entries" / "who-performs.yaml"
    edit_line(path, r"^reviewed_on:.*$", "reviewed_on: 2020-01-31")
    result = run_check(folder, "--strict")
    assert result.returncode == 1
    assert f"{path}:{line_of(path, 'reviewed_on')}: warning: 'who-performs' was last reviewed on 2020-01-31" \
        in result.stdout


def test_every_shipped_warning_names_a_file_and_line(shipped_warnings: list[str]) -> None:
    for warning in shipped_warnings:
        path, line, rest = warning.split(":", 2)
        assert Path(path).suffix == ".yaml" and int(line) >= 1 and rest.startswith(" warning: ")


def test_shipped_faq_has_no_draft_stale_or_over_long_entry(shipped_warnings: list[str]) -> None:
    kinds = ("is a draft", "over a year ago", "Telegram message")
    assert not [w for w in shipped_warnings if any(k in w for k in kinds)]


def test_entry_with_too_few_alternates_is_reported(tmp_path: Path, shipped_warnings: list[str]) -> None:
    folder = copy_faq(tmp_path)
    (folder / "entries" / "aftercare.yaml").write_text(
        "id: aftercare\nquestion: What should I do after the injection?\nalternates:\n"
        "  - aftercare advice\n  - looking after the wound site\nanswer: Rest today.\n"
        "source: Leaflet\nreviewed_by: Dr Test\nreviewed_on: 2026-01-01\n",
        encoding="utf-8",
    )
    found = [w for w in lint(load_faq(folder)) if "aftercare.yaml" in w]
    assert len(found) == 1
    assert re.fullmatch(r".*aftercare\.yaml:3: warning: 'aftercare' has 2 alternates .* add more ways patients "
                        r"ask it .*", found[0])
    assert not [w for w in shipped_warnings if "alternates and, asked without itself" in w]


def test_faq_budget_out_of_range_is_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_faq(tmp_path)
    (folder / "answering.yaml").write_text("wrong_answer_budget: 5\n", encoding="utf-8")
    code, lines = check(capsys, folder)
    assert code == 1
    assert any("answering.yaml:1" in line and "wrong_answer_budget" in line for line in lines)


# ---------------------------------------------------------------- the triage's own examples


def test_an_edit_that_breaks_an_urgent_example_is_reported(tmp_path: Path) -> None:
    folder = copy_faq(tmp_path)
    red_flags = folder / "red_flags.yaml"
    # a staff member adds an example whose wording is not listed yet (too short for the model to judge)
    edit_line(red_flags, r"^examples_urgent:$", "examples_urgent:\n  - pyrexia again")
    found = warnings_at(lint(load_faq(folder)), red_flags, line_of(red_flags, "- pyrexia again"))
    assert len(found) == 1 and "must get the urgent reply but no longer does" in found[0]
    # ...and adding the wording under urgent makes it take effect and clears the warning
    edit_line(red_flags, r"^urgent:$", "urgent:\n  - pyrexia")
    assert not [w for w in lint(load_faq(folder)) if "pyrexia again" in w]
    assert Responder(load_faq(folder)).respond("pyrexia again").kind == "emergency"


def test_a_phrase_that_makes_a_calm_example_urgent_is_reported(tmp_path: Path) -> None:
    folder = copy_faq(tmp_path)
    red_flags = folder / "red_flags.yaml"
    edit_line(red_flags, r"^urgent:$", "urgent:\n  - tuesday")
    edit_line(red_flags, r"^examples_not_urgent:$", "examples_not_urgent:\n  - see you on tuesday")
    found = [w for w in lint(load_faq(folder)) if "must not get the urgent reply" in w]
    assert any("'see you on tuesday'" in w and "because of 'tuesday'" in w for w in found), found


def test_a_concept_part_of_little_words_only_is_reported(tmp_path: Path) -> None:
    folder = copy_faq(tmp_path)
    red_flags = folder / "red_flags.yaml"
    edit_line(red_flags, r"^urgent:$", "urgent:\n  - drowsy + since / today")
    found = warnings_at(lint(load_faq(folder)), red_flags, line_of(red_flags, "- drowsy + since / today"))
    assert len(found) == 1 and "'since' in 'drowsy + since / today' is made only of little words" in found[0]
