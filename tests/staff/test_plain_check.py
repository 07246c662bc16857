"""`python -m bot check` on the mistakes staff actually make, each on a broken copy of faq/: the message
names the right line and says the fix in words; --strict says FAILED when it fails."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.cli import main
from bot.core.knowledge import load_faq
from tests.faq_copy import copy_faq, edit


def check(capsys: pytest.CaptureFixture[str], folder: Path, *options: str) -> tuple[int, list[str]]:
    code = main(["check", "--faq-dir", str(folder), *options])
    return code, capsys.readouterr().out.splitlines()


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return number
    raise AssertionError(f"{text!r} not in {path}")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return copy_faq(tmp_path)


def test_entry_saved_as_txt_by_notepad_is_named_not_ignored(folder: Path, capsys) -> None:
    saved = folder / "entries" / "contact-the-clinic.yaml.txt"
    saved.write_text("id: contact-the-clinic\n", encoding="utf-8")
    code, lines = check(capsys, folder)
    assert code == 1
    assert (f"{saved}:1: this file is not read because its name does not end in .yaml: rename it to "
            "contact-the-clinic.yaml (in Notepad, choose 'Save as type: All files')") in lines
    assert lines[-1].startswith("FAILED: 1 problem in ")


def test_texts_saved_as_txt_is_named_with_the_fix(folder: Path, capsys) -> None:
    (folder / "texts.yaml").rename(folder / "texts.yaml.txt")
    code, lines = check(capsys, folder)
    assert code == 1
    assert f"{folder / 'texts.yaml'}:0: file is missing: there is a texts.yaml.txt, rename it to texts.yaml" in lines


def test_editor_backup_files_are_not_mistakes(folder: Path, capsys) -> None:
    (folder / "entries" / "risks.yaml~").write_text("old copy", encoding="utf-8")
    (folder / "entries" / ".risks.yaml.swp").write_text("swap", encoding="utf-8")
    assert check(capsys, folder)[0] == 0


def test_a_tab_is_named_at_its_line_with_the_fix(folder: Path, capsys) -> None:
    path = folder / "entries" / "risks.yaml"
    edit(path, "  - what are the risks\n", "\t- what are the risks\n")
    code, lines = check(capsys, folder)
    assert code == 1
    at = line_of(path, "\t- what are the risks")
    assert (f"{path}:{at}: this line is indented with a tab: YAML needs spaces; replace the tab with two spaces"
            in lines)
    assert not [line for line in lines if "cannot start any token" in line]


def test_missing_space_after_a_dash_is_named_at_its_own_line(folder: Path, capsys) -> None:
    path = folder / "entries" / "risks.yaml"
    edit(path, "  - risks\n", "  -risks\n")
    code, lines = check(capsys, folder)
    assert code == 1
    assert f"{path}:{line_of(path, '  -risks')}: a dash must be followed by a space: write '  - risks'" in lines


def test_missing_space_after_the_first_dash_is_named_too(folder: Path, capsys) -> None:
    path = folder / "entries" / "risks.yaml"
    text = path.read_text(encoding="utf-8")
    first = text.split("alternates:\n", 1)[1].splitlines()[0]
    edit(path, f"alternates:\n{first}\n", f"alternates:\n  -{first.strip()[2:]}\n")
    code, lines = check(capsys, folder)
    assert code == 1
    assert (f"{path}:{line_of(path, 'alternates:') + 1}: a dash must be followed by a space: write '  - "
            f"{first.strip()[2:]}'") in lines


def test_unindented_answer_line_is_named_at_its_own_line(folder: Path, capsys) -> None:
    path = folder / "entries" / "risks.yaml"
    edit(path, "\nsource:", "\nTalk to the nurse before you go home\nsource:")
    code, lines = check(capsys, folder)
    assert code == 1
    at = line_of(path, "Talk to the nurse before you go home")
    assert lines[0] == (f"{path}:{at}: this line is not indented, so it is not part of the text above it: start it "
                        "with two spaces, like the other lines of that text (an empty line between paragraphs is fine)")


def test_unindented_answer_line_with_a_colon_is_explained(folder: Path, capsys) -> None:
    path = folder / "entries" / "risks.yaml"
    edit(path, "\nsource:", "\nPlease note: the nurse will call you\nsource:")
    code, lines = check(capsys, folder)
    assert code == 1
    at = line_of(path, "Please note: the nurse")
    assert (f"{path}:{at}: the line starting 'Please note:' is read as a new key because it is not indented: if "
            "it belongs to the text above, start it with two spaces like the lines above it") in lines


def test_emptied_urgent_text_is_named_by_what_it_is_for(folder: Path, capsys) -> None:
    texts = folder / "texts.yaml"
    text = texts.read_text(encoding="utf-8")
    start = text.index("urgent: |\n")
    end = text.index("self_harm: |")
    texts.write_text(text[:start] + "urgent: |\n\n" + text[end:], encoding="utf-8")
    code, lines = check(capsys, folder)
    assert code == 1
    assert (f"{texts}:{line_of(texts, 'urgent: |')}: 'urgent' (the reply to a message describing urgent symptoms) "
            "is empty: write it after 'urgent:' (or on the lines below 'urgent: |', each indented by two spaces)"
            ) in lines
    assert not [line for line in lines if "must be text" in line]


def test_strict_says_failed_not_ok_on_a_draft(folder: Path, capsys) -> None:
    # (treatment-options: without who-performs, one ILESI alternate is flagged as closer to risks)
    path = folder / "entries" / "treatment-options.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text("".join(line for line in text.splitlines(keepends=True) if not line.startswith("reviewed_")),
                    encoding="utf-8")
    code, lines = check(capsys, folder)
    assert code == 0 and lines[-1].startswith("OK: ") and "1 warning above" in lines[-1]
    code, lines = check(capsys, folder, "--strict")
    assert code == 1
    assert lines[-1].startswith("FAILED: 1 warning above, and --strict fails on any warning")
    assert not [line for line in lines if line.startswith("OK")]


def test_review_age_is_checked_by_strict_on_the_given_day(folder: Path, capsys) -> None:
    path = folder / "entries" / "who-performs.yaml"
    reviewed = load_faq(folder).entry("who-performs").reviewed_on
    within_a_year = (reviewed + dt.timedelta(days=365)).isoformat()
    over_a_year = (reviewed + dt.timedelta(days=366)).isoformat()
    assert check(capsys, folder, "--strict", "--today", within_a_year)[0] == 0
    code, lines = check(capsys, folder, "--strict", "--today", over_a_year)
    assert code == 1
    assert [line for line in lines if line.startswith(f"{path}:") and "over a year ago" in line]
    assert check(capsys, folder, "--today", over_a_year)[0] == 0  # plain check never looks at the date


# ---------------------------------------------------------------- /topics in the order staff set


def test_topics_come_in_the_order_a_patient_reads() -> None:
    order = [entry.id for entry in load_faq(DEFAULT_FAQ_DIR).topics_in_order()]
    assert order[0] == "what-are-interlaminar-injections"
    assert order.index("how-they-work") < order.index("who-performs") < order.index("risks")
    assert order.index("risks") < order.index("post-procedure-headache") < order.index("is-it-right-for-me")
    assert len(order) == len(set(order)) == 14


def test_staff_reorder_topics_and_unlisted_entries_come_last(folder: Path, capsys) -> None:
    topics = folder / "topics.yaml"
    edit(topics, "  - who-performs\n", "")
    edit(topics, "order:\n", "order:\n  - risks\n")
    edit(topics, "  - serious-complications\n", "  - serious-complication\n")
    faq = load_faq(folder)
    order = [entry.id for entry in faq.topics_in_order()]
    assert order[0] == "risks" and order.count("risks") == 1
    assert order[-2:] == ["serious-complications", "who-performs"]  # not listed (or misspelt): last, by id
    code, lines = check(capsys, folder)
    assert code == 0
    assert any(f"{topics}:" in line and "there is no entry 'serious-complication'" in line for line in lines)
    assert any("'who-performs' is not in the list, so it comes last in /topics" in line for line in lines)
