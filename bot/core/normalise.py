"""Turning a patient's message into comparable words: case, accents, punctuation, contractions,
staff synonyms, light stemming and typo repair against a known vocabulary.

Both the matcher and the triage use these, so the FAQ and the message are always cleaned alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

# Only the first part of a very long message is matched: questions are short, and this bounds the work.
MAX_CHARS = 1000
# Triage reads more: a whole Telegram message (4,096 characters), so a symptom told after a long story
# is still seen.
TRIAGE_MAX_CHARS = 5000

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_NON_WORD = re.compile(r"[^a-z0-9']+")
# "I can not feel my feet" is "cannot": joined before words are looked up one by one.
_CAN_NOT = re.compile(r"\bcan not\b")

# Contractions, with and without the apostrophe (phones drop it): "can't", "cant" -> "cannot".
CONTRACTIONS = {
    "can't": "cannot", "cant": "cannot", "can not": "cannot", "won't": "will not", "wont": "will not",
    "don't": "do not", "dont": "do not", "doesn't": "does not", "doesnt": "does not",
    "didn't": "did not", "didnt": "did not", "isn't": "is not", "isnt": "is not",
    "aren't": "are not", "arent": "are not", "wasn't": "was not", "wasnt": "was not",
    "weren't": "were not", "haven't": "have not", "havent": "have not", "hasn't": "has not",
    "hasnt": "has not", "hadn't": "had not", "hadnt": "had not", "couldn't": "could not",
    "couldnt": "could not", "wouldn't": "would not", "wouldnt": "would not",
    "shouldn't": "should not", "shouldnt": "should not", "ain't": "is not", "aint": "is not",
    "i'm": "i am", "im": "i am", "i've": "i have", "ive": "i have", "i'll": "i will",
    "i'd": "i would", "it's": "it is", "its": "it is", "that's": "that is", "thats": "that is",
    "what's": "what is", "whats": "what is", "there's": "there is", "theres": "there is",
    "he's": "he is", "she's": "she is", "they're": "they are", "you're": "you are",
    "we're": "we are", "let's": "let us", "who's": "who is", "how's": "how is",
    # txt-speak that hides ordinary words
    "u": "you", "r": "are", "ur": "your", "y": "why", "wat": "what", "wot": "what", "wut": "what",
    "pls": "please", "plz": "please", "cuz": "because", "coz": "because", "bc": "because",
    "b4": "before", "2moro": "tomorrow", "tmrw": "tomorrow", "shud": "should", "cud": "could",
    "wud": "would", "abt": "about", "dr": "doctor", "drs": "doctors", "docs": "doctors",
    "doc": "doctor", "gonna": "going to", "wanna": "want to", "gotta": "have to", "n": "and",
    "thx": "thanks", "ty": "thanks", "wen": "when", "hw": "how", "hv": "have", "bk": "back",
}


def fold(text: str, limit: int = MAX_CHARS) -> str:
    """Lower case, no accents, no punctuation, single spaces. Keeps apostrophes inside words.

    Invisible format characters (zero-width space, soft hyphen...) are dropped, not read as spaces,
    so "fe\u200bver" is still "fever".
    """
    text = text[:limit]
    if not text.isascii():  # plain ASCII has no accents or invisible characters: skip the slow part
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
    text = text.translate(_APOSTROPHES).casefold()
    text = _NON_WORD.sub(" ", text)
    return " ".join(t.strip("'") for t in text.split() if t.strip("'"))


def words(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Folded words with contractions and txt-speak spelled out."""
    out: list[str] = []
    for token in _CAN_NOT.sub("cannot", fold(text, limit)).split():
        expanded = CONTRACTIONS.get(token)
        if expanded is None and "'" in token:
            token = token.replace("'", "")
            expanded = CONTRACTIONS.get(token)
        out.extend((expanded or token).split())
    return out


_SUFFIXES = (
    ("ically", ""), ("ations", "ate"), ("ation", "ate"), ("nesses", ""), ("ness", ""),
    ("ities", ""), ("ity", ""), ("ingly", ""), ("edly", ""), ("ies", "y"), ("ied", "y"),
    ("sses", "ss"), ("ing", ""), ("ed", ""), ("ly", ""), ("es", ""), ("s", ""),
)


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light, predictable stemmer: 'injections' and 'injected' -> 'inject', 'headaches' -> 'headach'."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            base = word[: -len(suffix)] + repl
            # "stopped" -> "stop", "running" -> "run"
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz" and suffix in ("ing", "ed"):
                base = base[:-1]
            return base
    return word


class SynonymRewriter:
    """Rewrites staff synonyms (single words or phrases) to their canonical word, longest phrase first."""

    def __init__(self, groups: Iterable[tuple[str, Sequence[str]]]):
        self._phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
        for canonical, variants in groups:
            target = tuple(words(canonical))
            for variant in variants:
                key = tuple(words(variant))
                if key and key != target:
                    self._phrases[key] = target
        # first word -> the lengths of the phrases starting with it, longest first
        sizes: dict[str, set[int]] = {}
        for key in self._phrases:
            sizes.setdefault(key[0], set()).add(len(key))
        self._sizes = {word: sorted(lengths, reverse=True) for word, lengths in sizes.items()}

    def rewrite(self, tokens: Sequence[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(tokens):
            for size in self._sizes.get(tokens[i], ()):
                target = self._phrases.get(tuple(tokens[i : i + size]))
                if target is not None:
                    out.extend(target)
                    i += size
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out


def closest_spelling(word: str, vocabulary: Sequence[str], *, lenient: bool = False) -> str | None:
    """The vocabulary word one slip away (two for long words), or None.

    A swap of neighbours counts as one slip ("wrok" -> "work"). Typos rarely change the first letter,
    and in short words a changed or extra letter is as likely another word ("cost", "most"), so
    neither counts, unless `lenient` (for safety phrases, where a miss costs more than a false alarm).
    """
    allowed = 1 if len(word) <= 8 else 2
    close = process.extract(word, vocabulary, scorer=OSA.distance, score_cutoff=allowed, limit=5)
    for candidate, _distance, _ in close:
        if candidate[0] != word[0]:
            continue
        # In short words only a swap or a missing letter counts: "robot" is not a slip of "root".
        if not lenient and len(word) <= 5 and len(candidate) <= len(word) and sorted(candidate) != sorted(word):
            continue
        return candidate
    return None


def by_initial(vocabulary: Iterable[str]) -> dict[str, list[str]]:
    """Words grouped by first letter: a typo keeps its first letter, so only that group is searched."""
    groups: dict[str, list[str]] = {}
    for word in sorted(set(vocabulary)):
        groups.setdefault(word[0], []).append(word)
    return groups


class TypoRepair:
    """Replaces a word not in the vocabulary with the closest one that is, when it is close enough.

    Short words are left alone: 'leg' and 'log' are too near to tell a typo from another word.
    """

    def __init__(self, vocabulary: Iterable[str], *, protected: Iterable[str] = ()):
        self._vocabulary = by_initial(w for w in vocabulary if len(w) >= 4)
        self._known = set(vocabulary) | set(protected)
        self._cache: dict[str, str] = {}

    def repair(self, word: str) -> str:
        if word in self._known or len(word) < 4 or word.isdigit():
            return word
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        fixed = closest_spelling(word, self._vocabulary.get(word[0], ())) or word
        if len(self._cache) < 50_000:
            self._cache[word] = fixed
        return fixed
