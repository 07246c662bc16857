"""The command line contract other tools rely on: ask --json, check, eval, chat."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot import PROJECT_ROOT
from bot.cli import main
from bot.core.knowledge import load_faq
from bot.core.pipeline import Responder
from bot.terminal import chat
from tests.faq_copy import copy_faq, edit

CONTRACT_KEYS = {"kind", "faq_id", "score", "suggestions", "text"}


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True, cwd=PROJECT_ROOT,
        timeout=60,
    )


def test_ask_json_answers_the_headache_question() -> None:
    result = run_cli("ask", "will I get a headache after the shot", "--json")
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert set(reply) == CONTRACT_KEYS
    assert reply["kind"] == "answer" and reply["faq_id"] == "post-procedure-headache"
    assert 0 <= reply["score"] <= 100 and reply["suggestions"] == []


def test_ask_json_cost_is_a_fallback() -> None:
    reply = json.loads(run_cli("ask", "how much does it cost", "--json").stdout)
    assert reply["kind"] == "fallback" and reply["faq_id"] is None


def test_ask_json_fever_is_an_emergency() -> None:
    reply = json.loads(run_cli("ask", "I have a fever since my injection yesterday", "--json").stdout)
    assert reply["kind"] == "emergency" and reply["faq_id"] is None


def test_ask_json_reads_one_question_a_line_in_order() -> None:
    questions = ["who does the injection", "how much does it cost", "", "nobody would miss me"]
    result = run_cli("ask", "--json", stdin="\n".join(questions) + "\n")
    lines = result.stdout.splitlines()
    assert len(lines) == len(questions)
    kinds = [json.loads(line)["kind"] for line in lines]
    assert kinds == ["answer", "fallback", "fallback", "emergency"]
    for line in lines:
        assert set(json.loads(line)) == CONTRACT_KEYS


def test_ask_json_suggest_lists_entry_ids(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "tell me about the injection", "--json"]) == 0
    reply = json.loads(capsys.readouterr().out)
    assert reply["kind"] == "suggest" and reply["faq_id"] is None
    assert 1 <= len(reply["suggestions"]) <= 3


def test_check_strict_passes_on_the_shipped_faq() -> None:
    result = run_cli("check", "--strict", "--today", "2026-12-01")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines() == [result.stdout.strip().splitlines()[-1]]  # no warning
    assert result.stdout.strip().splitlines()[-1].startswith("OK:")


def test_check_fails_with_path_and_line_on_a_broken_copy(tmp_path: Path) -> None:
    folder = copy_faq(tmp_path)
    edit(folder / "entries" / "risks.yaml", "source:", "sauce:")
    result = run_cli("check", "--faq-dir", str(folder))
    assert result.returncode == 1
    assert f"{folder / 'entries' / 'risks.yaml'}:" in result.stdout
    assert "unknown key 'sauce'" in result.stdout


def test_faq_dir_option_is_used_by_ask(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = copy_faq(tmp_path)
    edit(folder / "texts.yaml", "Sorry, I don't have a checked answer", "Sorry, our own words: no checked answer")
    assert main(["ask", "how much does it cost", "--faq-dir", str(folder)]) == 0
    assert "our own words" in capsys.readouterr().out


def test_eval_prints_every_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        "\n".join(
            json.dumps(row)
            for row in [
                {"question": "who does the injection", "expected": "who-performs"},
                {"question": "how much does it cost", "expected": "out-of-scope"},
                {"question": "I have a fever since the injection", "expected": "urgent"},
                {"question": "who does the injection", "expected": "risks"},  # a deliberate miss
            ]
        )
    )
    assert main(["eval", str(cases)]) == 0
    out = capsys.readouterr().out
    for figure in ("top-1 accuracy", "answered or rightly suggested", "confidently wrong",
                   "out of scope never answered", "urgent recall", "false alarms"):
        assert figure in out
    assert "urgent recall:                   1.000 (1/1)" in out
    assert "WRONG ANSWER" in out and "expected risks" in out


def test_eval_rejects_an_unknown_label(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps({"question": "hi", "expected": "no-such-entry"}) + "\n")
    assert main(["eval", str(cases)]) == 2
    assert "cases.jsonl:1" in capsys.readouterr().err


def test_run_without_token_names_env_example(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"], capture_output=True, text=True, cwd=tmp_path, timeout=60,
        env={"PATH": "/usr/bin:/bin", "TELEGRAM_BOT_TOKEN": "", "PYTHONPATH": str(PROJECT_ROOT)},
    )
    assert result.returncode != 0
    assert ".env.example" in result.stderr
    assert "Traceback" not in result.stderr


def test_terminal_chat_gives_the_same_replies_and_numbers_pick_suggestions() -> None:
    responder = Responder(load_faq(PROJECT_ROOT / "faq"))
    suggest = responder.respond("tell me about the injection")
    typed = iter(["tell me about the injection", "1", "/quit"])
    out = io.StringIO()
    assert chat(responder, read=lambda prompt: next(typed), out=out) == 0
    text = out.getvalue()
    assert suggest.text in text
    assert responder.answer_entry(suggest.suggestions[0]).text in text


def test_terminal_chat_ends_cleanly_on_end_of_input() -> None:
    responder = Responder(load_faq(PROJECT_ROOT / "faq"))

    def read(prompt: str) -> str:
        raise EOFError

    assert chat(responder, read=read, out=io.StringIO()) == 0


def test_output_piped_into_head_ends_quietly():
    # `ask --json < questions | head -1`: the reader closes the pipe early; no traceback for the user.
    questions = "\n".join(["who does the injection?"] * 3000) + "\n"
    shell = f"{sys.executable} -m bot ask --json | head -1"
    done = subprocess.run(shell, shell=True, input=questions, capture_output=True, text=True, cwd=PROJECT_ROOT,
                          timeout=120)
    assert done.stdout.count("\n") == 1 and '"kind"' in done.stdout
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr
