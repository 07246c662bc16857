"""A small valid FAQ folder for Telegram-layer tests, and a responder that is sure to suggest.

The folder copies the project's own texts.yaml (so the bot's words are the real ones) and adds a
few entries, synonyms and red flags of its own, so tests do not depend on content staff are editing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bot import DEFAULT_FAQ_DIR
from bot.core import replies
from bot.core.pipeline import Reply, Responder

ENTRIES = {
    "post-procedure-headache": (
        "How long does the headache after the injection last?",
        ["will I get a headache after the injection"],
        "Some people get a headache after the procedure. It usually goes away within a day or two.",
    ),
    "is-it-safe": (
        "Are interlaminar injections safe?",
        ["is the injection safe"],
        "For most people these procedures are safe when done by an experienced specialist.",
    ),
    "risks": (
        "What are the risks of the injection?",
        ["what are the side effects of the injection"],
        "Side effects are usually mild: soreness where the needle went in, or a short-lived headache.",
    ),
    "who-performs": (
        "Who performs the injection?",
        ["which doctor does the injection"],
        "Pain management experts and anesthesiologists perform these procedures.",
    ),
}

RED_FLAGS = """\
urgent:
  - fever
  - chills
  - leg weakness
  - numbness in the groin
  - loss of bladder control
self_harm:
  - kill myself
  - end my life
happening_now:
  - since
  - right now
"""

SYNONYMS = """\
injection:
  - shot
  - jab
"""


def write_entry(folder: Path, entry_id: str, question: str, alternates: list[str], answer: str) -> Path:
    """Write one reviewed entry file, as staff would."""
    lines = [f"id: {entry_id}", f"question: {question}", "alternates:"]
    lines += [f"  - {alt}" for alt in alternates] or ["  []"]
    lines += ["answer: |", f"  {answer}", "source: Test fixture, section 1",
              "reviewed_by: Dr Test", "reviewed_on: 2025-01-15"]
    path = folder / "entries" / f"{entry_id}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_faq(folder: Path) -> Path:
    """A small valid FAQ folder at `folder`."""
    (folder / "entries").mkdir(parents=True)
    shutil.copy(DEFAULT_FAQ_DIR / "texts.yaml", folder / "texts.yaml")
    (folder / "red_flags.yaml").write_text(RED_FLAGS, encoding="utf-8")
    (folder / "synonyms.yaml").write_text(SYNONYMS, encoding="utf-8")
    for entry_id, (question, alternates, answer) in ENTRIES.items():
        write_entry(folder, entry_id, question, alternates, answer)
    return folder


class SuggestingResponder(Responder):
    """The real pipeline, except that one message is a sure 'suggest': the Telegram layer is under test."""

    AMBIGUOUS = "headache or risks?"

    def respond(self, text: str, **context) -> Reply:
        if text != self.AMBIGUOUS:
            return super().respond(text)
        entries = [self.faq.entry("post-procedure-headache"), self.faq.entry("risks")]
        return Reply("suggest", None, 61.0, tuple(e.id for e in entries), replies.suggest_text(self.faq, entries),
                     nearest="post-procedure-headache")
