"""`python -m bot check --impact`: a nurse pastes "is it painful" into chronic-back-pain, and before any patient
sees it, the check lists the recorded question whose reply changes, from what to what."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bot import DEFAULT_FAQ_DIR
from bot.cli import main
from bot.core.knowledge import load_faq
from bot.staff.impact import Question, compare
from bot.store import SqliteStore
from tests.faq_copy import copy_faq, edit


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Nurse", "-c", "user.email=nurse@example.org", *args],
                   cwd=folder, check=True, capture_output=True)


@pytest.fixture
def clinic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding a copy of faq/ (committed), with patients' questions recorded."""
    copy_faq(tmp_path)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "faq")
    git(tmp_path, "commit", "-q", "-m", "the FAQ as served")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "data" / "bot.sqlite3"))
    store = SqliteStore(tmp_path / "data" / "bot.sqlite3", retention_days=90)
    for _ in range(3):
        store.record_unanswered("is it painful", outcome="suggest", score=60.0, entry_id="chronic-back-pain")
    store.record_unanswered("Is it painful?", outcome="suggest", score=60.0, entry_id="chronic-back-pain")
    store.close()
    return tmp_path


def impact(capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str]:
    code = main(["check", "--impact", "--faq-dir", "faq", *options])
    return code, capsys.readouterr().out


def paste_is_it_painful(faq: Path) -> None:
    edit(faq / "entries" / "chronic-back-pain.yaml", "\nanswer: |\n", "\n  - is it painful\nanswer: |\n")


def test_pasted_alternate_shows_which_patient_question_changes_reply(clinic: Path, capsys) -> None:
    paste_is_it_painful(clinic / "faq")
    code, out = impact(capsys)
    assert code == 0
    assert "compared with the last commit" in out
    assert '  "is it painful"  (asked by patients 4 times)\n' in out
    block = out.split('"is it painful"', 1)[1].splitlines()
    # before: no entry answers whether it hurts (issue 10: an aspect no entry answers is the fallback)
    assert block[1] == "      before: no checked answer (fallback)"
    assert block[2] == ("      after:  the answer of chronic-back-pain "
                        "(What is the difference between acute and chronic back pain?)")


def test_no_edit_no_change(clinic: Path, capsys) -> None:
    code, out = impact(capsys)
    assert code == 0 and "No question gets a different reply." in out


def test_reworded_answer_is_listed(clinic: Path, capsys) -> None:
    edit(clinic / "faq" / "entries" / "risks.yaml", "Talk the risks through", "Please talk the risks through")
    out = impact(capsys)[1]
    assert "The answer of risks is reworded: every patient who gets it sees the new text." in out


def test_compare_with_a_named_folder_such_as_the_running_bots(clinic: Path, capsys) -> None:
    shutil.copytree(clinic / "faq", clinic / "served")
    paste_is_it_painful(clinic / "faq")
    code, out = impact(capsys, "--against", "served")
    assert code == 0 and "compared with served" in out and '"is it painful"' in out


def test_a_copy_outside_git_is_compared_with_the_running_bots_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    served = copy_faq(tmp_path / "server")
    draft = tmp_path / "draft"
    shutil.copytree(served, draft / "faq")
    paste_is_it_painful(draft / "faq")
    monkeypatch.chdir(draft)
    monkeypatch.setenv("FAQ_DIR", str(served))
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "none.sqlite3"))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code, out = impact(capsys)
    assert code == 0 and f"compared with the running bot's folder {served}" in out
    assert '"is it painful"' in out


def test_outside_git_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    copy_faq(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_DB_PATH", str(tmp_path / "none.sqlite3"))
    monkeypatch.setenv("FAQ_DIR", str(tmp_path / "faq"))  # the bot's own folder is the one being edited
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    code, out = impact(capsys)
    assert code == 0
    assert "Impact not shown: cannot read the last commit" in out and "--against" in out


def test_an_invalid_edit_fails_the_check_and_shows_no_impact(clinic: Path, capsys) -> None:
    edit(clinic / "faq" / "entries" / "risks.yaml", "source:", "sauce:")
    code, out = impact(capsys)
    assert code == 1 and "Impact of the edit" not in out


def test_an_urgent_message_stays_urgent_and_changes_are_counted_once() -> None:
    faq = load_faq(DEFAULT_FAQ_DIR)
    questions = [Question("I have a fever since the injection", "from a test", "from a test")] * 3
    result = compare(faq, faq, questions, against="itself")
    assert result.changes == () and dict(result.sources)["from a test"] == 1
