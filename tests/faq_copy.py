"""Copies of the shipped FAQ in a temporary folder, to break or change in one test without touching faq/."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from bot import DEFAULT_FAQ_DIR


def copy_faq(tmp_path: Path) -> Path:
    """A full copy of the shipped faq/ folder under tmp_path; returns its path."""
    target = tmp_path / "faq"
    shutil.copytree(DEFAULT_FAQ_DIR, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of text in a file (fails loudly if it is not there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def drop_texts(folder: Path, *keys: str) -> None:
    """Remove these texts from the copy's texts.yaml, as an FAQ folder written before they existed."""
    path = folder / "texts.yaml"
    texts = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in keys:
        del texts[key]
    path.write_text(yaml.safe_dump(texts, allow_unicode=True), encoding="utf-8")
