"""The look-alike head: does a message report something happening to the writer (or the person they care for)
now, or only look like such a report?

A logistic regression over words read together with their frame: each word once as itself and once for every
frame it stands in ("neg:numb" after a negation in its clause, "other:fainted" in a clause about someone else,
"hyp:", "past:", "resolved:", "figurative:", "question:" for a sentence with such a word or a question mark). It
is trained by `python -m bot.staff.train_triage` on the writers' urgent messages against their look-alikes
(negations, hypotheticals, pasts, someone else's past, sayings, long-standing, reassuring...) and the FAQ's
questions. The triage asks it only about an alarm the main model raised alone (no staff phrase, no reading): it
may take such an alarm back, never a rule's.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml

from bot.core.language import language
from bot.core.normalise import TRIAGE_MAX_CHARS, fold

__all__ = ["LOOKALIKE_PATH", "LookalikeModel", "frame_features", "load_frame_words"]

LOOKALIKE_PATH = language().folder / "triage_lookalike.npz"
_LANGUAGE_FILE = language().folder / "triage.yaml"
DIMENSIONS = 1 << 18
FEWEST_FEATURES = 30
_SENTENCE = re.compile(r"[.!?;\n]+")
_CLAUSE = re.compile(r"[,:()]+|\s[-–—]+\s")
_YEAR = re.compile(r"^(19[5-9]\d|20[0-2]\d)$")


@lru_cache(maxsize=1)
def _scopes(path: Path = _LANGUAGE_FILE) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str],
                                                   dict[str, frozenset[str]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    scopes = {name: frozenset(str(w) for w in words) for name, words in data["frame_scopes"].items()}
    return (frozenset(data["negations"]), frozenset(data["clause_breaks"]), frozenset(data["someone_else"]),
            frozenset(data["first_person"]) | {"im", "ive", "id", "we", "us"}, scopes)


def load_frame_words() -> None:
    """Read the frame words now (at start-up), not on the first message the head is asked about."""
    _scopes()


def frame_features(text: str) -> list[str]:
    """The message's words, word pairs, and words tagged with each frame they stand in."""
    negations, breaks, others, owners, scopes = _scopes()
    lang = language()
    out: list[str] = []
    text = text[:TRIAGE_MAX_CHARS]
    for sentence in _SENTENCE.split(text):
        tokens_of_sentence = lang.words_of_folded(fold(sentence, TRIAGE_MAX_CHARS))
        if not tokens_of_sentence:
            continue
        tags = {name for name, words in scopes.items() if any(t in words for t in tokens_of_sentence)}
        if any(_YEAR.match(t) for t in tokens_of_sentence):
            tags.add("past")
        if "?" in text[text.find(sentence) + len(sentence):][:2]:
            tags.add("question")
        out += [f"s:{t}" for t in sorted(tags)]
        previous = "<s>"
        for clause in _CLAUSE.split(sentence):
            tokens = lang.words_of_folded(fold(clause, TRIAGE_MAX_CHARS))
            about_other = any(t in others for t in tokens) and not any(t in owners for t in tokens)
            negated = False
            for token in tokens:
                if token in breaks:
                    negated = False
                out.append(f"w:{token}")
                out.append(f"b:{previous}_{token}")
                previous = token
                local = set(tags)
                if negated:
                    local.add("neg")
                if about_other:
                    local.add("other")
                out += [f"{tag}:{token}" for tag in sorted(local)]  # (the weights are summed in this order)
                if token in negations:
                    negated = True
            if about_other:
                out.append("s:other")
    return out


def _indices(grams: Sequence[str]) -> np.ndarray:
    return np.asarray([zlib.crc32(g.encode("utf-8")) % DIMENSIONS for g in grams], dtype=np.int64)


def indices(text: str) -> np.ndarray:
    """The hashed feature indices of one message."""
    return _indices(frame_features(text))


def scale(count: int) -> float:
    return 1.0 / float(np.sqrt(max(count, FEWEST_FEATURES)))


class LookalikeModel:
    """P(a current report) from weights written by `bot.staff.train_triage`."""

    def __init__(self, weights: np.ndarray, bias: float):
        self._weights = np.ascontiguousarray(weights, dtype=np.float32)
        self._bias = float(bias)

    @classmethod
    def load(cls, path: Path = LOOKALIKE_PATH) -> LookalikeModel:
        with np.load(path) as data:
            return cls(data["weights"].astype(np.float32), float(data["bias"]))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, weights=self._weights.astype(np.float16), bias=np.float32(self._bias))

    def current(self, text: str) -> float:
        """How sure the head is that the message reports something happening now (0..1)."""
        index = indices(text)
        if not len(index):
            return 0.0
        z = float(self._weights.take(index).sum()) * scale(len(index)) + self._bias
        return 1.0 / (1.0 + float(np.exp(-min(max(z, -50.0), 50.0))))
