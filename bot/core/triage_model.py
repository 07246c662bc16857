"""The triage's statistical second opinion: a logistic regression over hashed word and character n-grams.

Two heads share the features: "urgent" (any red flag or self-harm) and "self_harm". The weights are a
small data file (`MODEL_PATH`), rebuilt from the labelled messages in eval/triage-train/ by
`python -m bot.staff.train_triage`. Features use only `normalise.fold` and `normalise.words`, never the
matcher's stemmer, so a change of stemmer does not shift them.

A long message is also read a sentence or two at a time, and its score is the highest of the parts:
a sentence about self-harm at the end of a long practical question is not drowned by the rest.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.core.language import language
from bot.core.normalise import TRIAGE_MAX_CHARS, fold, words

__all__ = ["Scores", "TriageModel", "features", "parts", "scale"]

MODEL_PATH = language().folder / "triage_model.npz"
# 2**18 hashed features: few collisions for a vocabulary of tens of thousands of n-grams.
DIMENSIONS = 1 << 18
CHAR_SIZES = (3, 4, 5)
_SENTENCE = re.compile(r"(?<=[.!?\n])\s+|\s*\n+\s*")
# A message longer than this is also scored sentence by sentence (two at a time).
LONG = 160
# Feature values are 1/sqrt(count) so long and short messages weigh alike, but never more than for
# this many features: a two-word message is not allowed to be extreme on the strength of a few n-grams.
FEWEST_FEATURES = 40
_MIX = np.uint64(0x9E3779B97F4A7C15)
_BASE = np.uint64(1_000_003)
_LOW_BITS = np.uint64(DIMENSIONS - 1)
assert DIMENSIONS & (DIMENSIONS - 1) == 0  # (a power of two: see `_char_indices`)


def _char_indices(folded: str) -> np.ndarray:
    """Hashed character 3-, 4- and 5-grams of the folded text, padded with a space at both ends."""
    data = np.frombuffer(f" {folded} ".encode(), dtype=np.uint8).astype(np.uint64)
    out = []
    # The hash of each n-gram is that of the (n-1)-gram starting there, times _BASE, plus its last
    # character: each size extends the previous one instead of starting over.
    h = data
    for size in range(2, CHAR_SIZES[-1] + 1):
        h = h[:-1] * _BASE + data[size - 1 :]
        if size in CHAR_SIZES and len(h):
            out.append(h + np.uint64(size))
    if not out:
        return np.zeros(0, dtype=np.uint64)
    # every size mixed in one pass (element by element, so the same as one pass per size)
    mixed = np.concatenate(out) * _MIX
    mixed ^= mixed >> np.uint64(31)
    return mixed & _LOW_BITS  # (`% DIMENSIONS`: the same for a power of two, without a division an n-gram)


def _word_indices(tokens: Sequence[str]) -> list[int]:
    """Hashed words and word pairs ("not", "not feel", "feel feet")."""
    cache = _WORD_HASHES
    out = []
    for t in tokens:
        index = cache.get(t)
        if index is None:
            index = _word_hash(f"w {t}")
            if len(cache) < 50_000:
                cache[t] = index
        out.append(index)
    pairs = _PAIR_HASHES
    for first, second in zip(tokens, tokens[1:], strict=False):
        gram = f"b {first} {second}"  # (a string key: a tuple kept in the cache is one more object for the GC)
        index = pairs.get(gram)
        if index is None:
            index = _word_hash(gram)
            if len(pairs) < 50_000:
                pairs[gram] = index
        out.append(index)
    return out


def _word_hash(gram: str) -> int:
    return zlib.crc32(gram.encode("utf-8")) % DIMENSIONS


# the hashes of words and word pairs seen before (a pure function of the text, so safe to keep)
_WORD_HASHES: dict[str, int] = {}
_PAIR_HASHES: dict[str, int] = {}  # by the pair's n-gram text, "b not feel"


def features(text: str) -> np.ndarray:
    """The feature indices of one message (int64; an n-gram that occurs twice is there twice)."""
    folded = fold(text, TRIAGE_MAX_CHARS)
    if not folded:
        return np.zeros(0, dtype=np.int64)
    chars = _char_indices(folded).astype(np.int64)
    tokens = np.asarray(_word_indices(_words_of_folded(folded)), dtype=np.int64)
    return np.concatenate((chars, tokens))


def _located_features(text: str, sentences: list[str] | None = None) -> tuple[np.ndarray, np.ndarray, int]:
    """The feature indices, the sentence each comes from (a word pair: its first word's), and how many
    sentences there are. Sentences are folded one by one and joined with a space, which is the same
    text as folding the whole message: one pass gives the message's features and its sentences'.
    `sentences`: `_sentences(text[:TRIAGE_MAX_CHARS])`, when the caller has them already."""
    if sentences is None:
        sentences = _sentences(text[:TRIAGE_MAX_CHARS])
    folded = [f for f in (fold(s, TRIAGE_MAX_CHARS) for s in sentences) if f]
    if not folded:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), 0
    joined = " ".join(folded)
    chars = _char_indices(joined).astype(np.int64)
    # the n-grams of each size start at 0, 1, ... in " joined ": position p is joined[p - 1], in the
    # sentence that character is in (the space after a sentence and the padding count as its own)
    sizes = [len(f) + 1 for f in folded]
    sizes[0] += 1
    sentence_at = np.repeat(np.arange(len(folded)), sizes)
    char_sentence = np.concatenate([sentence_at[: max(len(joined) + 3 - size, 0)] for size in CHAR_SIZES])
    tokens: list[str] = []
    token_sentence: list[int] = []
    for number, piece in enumerate(folded):
        piece_words = _words_of_folded(piece)
        tokens += piece_words
        token_sentence += [number] * len(piece_words)
    word_index = np.asarray(_word_indices(tokens), dtype=np.int64)
    word_sentence = np.asarray(token_sentence + token_sentence[:-1] if tokens else [], dtype=np.int64)
    return np.concatenate((chars, word_index)), np.concatenate((char_sentence, word_sentence)), len(folded)


def _words_of_folded(folded: str) -> list[str]:
    """`words(folded, TRIAGE_MAX_CHARS)` without folding the text a second time."""
    if len(folded) > TRIAGE_MAX_CHARS:  # (folding can lengthen text: "ﬁ" is "fi")
        return words(folded, TRIAGE_MAX_CHARS)
    return language().words_of_folded(folded)


def scale(count: int) -> float:
    """The value of each of a message's `count` binary features."""
    return 1.0 / float(np.sqrt(max(count, FEWEST_FEATURES)))


def parts(text: str) -> list[str]:
    """The whole message and, when it is long, each pair of neighbouring sentences."""
    sentences = _paired_sentences(text)
    return [text[:TRIAGE_MAX_CHARS], *_pairs(sentences)] if sentences else [text[:TRIAGE_MAX_CHARS]]


def _paired_sentences(text: str) -> list[str]:
    """The sentences of a long message of three or more, whose pairs are read on their own; else none
    (two sentences: the only pair is the whole message)."""
    cut = text[:TRIAGE_MAX_CHARS]
    sentences = _sentences(cut) if len(cut) > LONG else []
    return sentences if len(sentences) > 2 else []


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s.strip()]


def _pairs(sentences: list[str]) -> list[str]:
    return [" ".join(sentences[i : i + 2]) for i in range(len(sentences) - 1)]


@dataclass(frozen=True)
class Scores:
    """How sure the model is that a message (or its most alarming part) is urgent / about self-harm."""

    urgent: float
    self_harm: float
    # the part of the message that scored highest for urgent (the whole message when short)
    part: str


class TriageModel:
    """Scores messages with weights loaded from a `.npz` file written by `bot.staff.train_triage`."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray):
        # weights: (DIMENSIONS, 2) float32, columns urgent and self-harm; bias: (2,)
        self._weights = np.ascontiguousarray(weights, dtype=np.float32)
        self._bias = np.asarray(bias, dtype=np.float32)
        # the last message scored and its scores: the triage asks about one message several times over (one tuple,
        # replaced whole, so a thread never sees a text with another's scores)
        self._last: tuple[str, Scores] | None = None

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> TriageModel:
        with np.load(path) as data:
            return cls(data["weights"].astype(np.float32), data["bias"])

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(path, weights=self._weights.astype(np.float16), bias=self._bias)

    def _probability(self, summed: np.ndarray, count: int) -> np.ndarray:
        if not count:
            return np.zeros(2)
        z = summed * scale(count) + self._bias
        return 1.0 / (1.0 + np.exp(-np.minimum(np.maximum(z, -50.0), 50.0)))

    def _score(self, text: str) -> np.ndarray:
        index = features(text)
        # (take: the same rows as self._weights[index], gathered about twice as fast; the method, not np.take,
        # and minimum/maximum, not np.clip: the same numbers without numpy's dispatch a call)
        return self._probability(self._weights.take(index, axis=0).sum(axis=0), len(index))

    def scores(self, text: str) -> Scores:
        last = self._last
        if last is not None and last[0] == text:
            return last[1]
        result = self._scores(text)
        self._last = (text, result)
        return result

    def _scores(self, text: str) -> Scores:
        # the pairs of `parts(text)`, from sentences split once for them and for the features
        sentences = _paired_sentences(text)
        if not sentences:  # a short message: one pass, no sentences to locate
            whole = self._score(text)
            return Scores(float(whole[0]), float(whole[1]), text)
        pieces = _pairs(sentences)
        index, sentence, count = _located_features(text, sentences)
        weights = self._weights.take(index, axis=0)
        whole = self._probability(weights.sum(axis=0), len(index))
        best_urgent, best_self_harm, best_part = float(whole[0]), float(whole[1]), text
        if count == len(pieces) + 1:
            # a pair of sentences is scored from its sentences' sums, all from the one pass above
            sums = np.stack([np.bincount(sentence, weights=weights[:, k], minlength=count) for k in range(2)], axis=1)
            sizes = np.bincount(sentence, minlength=count)
            # every pair at once, each pair's row computed exactly as `_probability` computes one
            pair_sizes = sizes[:-1] + sizes[1:]
            z = (sums[:-1] + sums[1:]) * (1.0 / np.sqrt(np.maximum(pair_sizes, FEWEST_FEATURES)))[:, None] + self._bias
            pair = 1.0 / (1.0 + np.exp(-np.minimum(np.maximum(z, -50.0), 50.0)))
            pair[pair_sizes == 0] = 0.0
            first_best = int(np.argmax(pair[:, 0]))  # the first pair of the highest score, as a loop would keep
            if pair[first_best, 0] > best_urgent:
                best_urgent, best_part = float(pair[first_best, 0]), pieces[first_best]
            best_self_harm = max(best_self_harm, float(pair[:, 1].max()))
        return Scores(best_urgent, best_self_harm, best_part)
