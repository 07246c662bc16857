"""The language is data: its word lists load from a folder, and a copied folder is a working language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core import language as language_module
from bot.core.language import LanguageInvalid, language


def test_snowball_stems_and_the_domain_exceptions() -> None:
    en = language("en")
    assert en.stem("injections") == en.stem("injected") == "inject"
    assert en.stem("effective") != en.stem("effects")  # does it work? is not side effects


def test_contractions_and_txt_speak_are_spelled_out() -> None:
    assert language().words("what's an ESI? thx") == ["what", "is", "an", "esi", "thanks"]


@pytest.mark.parametrize(
    ("question", "aspect"),
    [("how long does it last", "duration"), ("how is a lumbar facet joint injection performed", "procedure"),
     ("will it hurt", "hurts"), ("what causes chronic pain", "causes"), ("how do I prepare", "preparing")],
)
def test_aspects_are_read_from_the_cue_phrases(question: str, aspect: str) -> None:
    en = language()
    assert aspect in en.aspects_of(en.words(question))


@pytest.mark.parametrize(
    ("question", "asked", "not_asked"),
    [("how does the epidural work", "mechanism", "works"), ("how will an epidural help", "mechanism", "works"),
     ("does the epidural work", "works", "mechanism"), ("am i a good candidate", "decide", "candidates"),
     ("who is a good candidate", "candidates", "decide"), ("what are the dangers", "risks", "safe"),
     ("is it dangerous", "safe", "risks")],
)
def test_a_cue_inside_a_longer_cue_of_another_aspect_is_not_asked_on_its_own(
        question: str, asked: str, not_asked: str) -> None:
    en = language()
    aspects = en.aspects_of(en.words(question))
    assert asked in aspects and not_asked not in aspects


def test_a_disclaimer_in_an_answer_names_what_it_does_not_answer() -> None:
    en = language()
    assert "how_well" in en.disclaimed("It is effective. It does not give success rates.")
    assert en.disclaimed("The source does not describe them in more detail.") is None


def test_a_copied_folder_is_a_second_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(language_module.FOLDER / "en", tmp_path / "xx")
    monkeypatch.setattr(language_module, "FOLDER", tmp_path)
    xx = language_module.language.__wrapped__("xx")
    assert xx.code == "xx" and xx.filler == language("en").filler


def test_a_missing_language_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language_module, "FOLDER", tmp_path)
    with pytest.raises(LanguageInvalid, match="no such language folder"):
        language_module.language.__wrapped__("xx")


def test_the_triage_reads_its_words_and_models_from_the_languages_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.core import triage, triage_lookalike, triage_model, triage_readings

    en = language()
    assert triage.LANGUAGE_FILE == triage_readings._LANGUAGE_FILE == en.folder / "triage.yaml"
    assert triage_model.MODEL_PATH == en.folder / "triage_model.npz"
    assert triage_lookalike.LOOKALIKE_PATH == en.folder / "triage_lookalike.npz"
    shutil.copytree(language_module.FOLDER / "en", tmp_path / "xx")
    monkeypatch.setattr(language_module, "FOLDER", tmp_path)
    xx = language_module.language.__wrapped__("xx")
    assert xx.folder == tmp_path / "xx"
    assert triage.lexicon.__wrapped__(xx.folder / "triage.yaml") == triage.lexicon()
    model = triage_model.TriageModel.load(xx.folder / "triage_model.npz")
    assert model.scores("I want to end my life").urgent > 0.5
