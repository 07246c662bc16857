"""A language as data: its word lists, contractions, question aspects and stemmer, read from
`bot/core/language/<code>/*.yaml`. A second language is a second folder, not a code change.

    >>> en = language("en")
    >>> en.stem("injections"), en.words("what's an ESI?")
    ('inject', ['what', 'is', 'an', 'esi'])
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import snowballstemmer
import yaml

FOLDER = Path(__file__).resolve().parent / "language"
DEFAULT = "en"
# Only the first part of a very long message is matched: questions are short, and this bounds the work.
MAX_CHARS = 1000

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_NON_WORD = re.compile(r"[^a-z0-9']+")
# LibYAML's parser when PyYAML has it: the word lists load in milliseconds.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_GAP = "*"  # in an aspect cue: one to four other words
_MAX_GAP = 4
_ANY_ENDING = "~"  # in an aspect cue: the word with any ending


class LanguageInvalid(Exception):
    """A language folder that cannot be used, with the file and what is wrong."""


@dataclass(frozen=True)
class Cue:
    """One way of asking an aspect, as words ('*' a gap, a trailing '~' any ending)."""

    aspect: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Language:
    """Everything language-specific the core needs; loaded once, never mutated."""

    code: str
    stemmer_name: str
    filler: frozenset[str]
    neutral: frozenset[str]
    small_talk: frozenset[str]
    greetings: frozenset[str]
    titles: frozenset[str]
    sign_offs: frozenset[str]
    skeleton: frozenset[str]
    contractions: Mapping[str, str] = field(hash=False)
    # words Snowball would fold into another word of the domain ("effective" is not "effect")
    stem_exceptions: Mapping[str, str] = field(default_factory=dict, hash=False)
    cues: tuple[Cue, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_stemmer", snowballstemmer.stemmer(self.stemmer_name))
        object.__setattr__(self, "_stems", {})
        first: dict[str, list[Cue]] = {}
        for cue in self.cues:
            first.setdefault(cue.words[0].rstrip(_ANY_ENDING), []).append(cue)
        object.__setattr__(self, "_cues_by_first", first)
        object.__setattr__(self, "cue_words", frozenset(
            w.rstrip(_ANY_ENDING) for c in self.cues for w in c.words if w != _GAP
        ))

    @property
    def aspects(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.aspect for c in self.cues))

    def stem(self, word: str) -> str:
        """Snowball's stem ('injections' -> 'inject'); words of one or two letters and numbers as they are."""
        cached = self._stems.get(word)
        if cached is None:
            cached = self.stem_exceptions.get(word)
        if cached is None:
            cached = word if len(word) <= 2 or word.isdigit() else self._stemmer.stemWord(word)
            if len(self._stems) < 100_000:
                self._stems[word] = cached
        return cached

    def fold(self, text: str, limit: int = MAX_CHARS) -> str:
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

    def words(self, text: str, limit: int = MAX_CHARS) -> list[str]:
        """Folded words with contractions and txt-speak spelled out."""
        out: list[str] = []
        for token in self.fold(text, limit).split():
            expanded = self.contractions.get(token)
            if expanded is None and "'" in token:
                token = token.replace("'", "")
                expanded = self.contractions.get(token)
            out.extend((expanded or token).split())
        return out

    def without_greetings(self, tokens: Sequence[str], known: Callable[[str], bool]) -> list[str]:
        """The question without the greeting or sign-off around it ("hi doc," / "thanks, Dr Patel").
        A word after a title that `known` does not know is taken for a name. Never returns nothing."""
        start, end = 0, len(tokens)
        if tokens and tokens[0] in self.greetings and tokens[0] not in self.titles:
            while start < end and tokens[start] in self.greetings:
                start += 1
                if tokens[start - 1] in self.titles and start < end and not known(tokens[start]):
                    start += 1
        tail, signed = end, False
        while tail > start:
            if tokens[tail - 1] in self.greetings:
                signed = signed or tokens[tail - 1] in self.sign_offs
                tail -= 1
            elif tail - start >= 2 and tokens[tail - 2] in self.titles and not known(tokens[tail - 1]):
                tail -= 2
            else:
                break
        if signed:
            end = tail
        return list(tokens[start:end]) if end > start else list(tokens)

    def aspects_of(self, tokens: Sequence[str]) -> frozenset[str]:
        """The aspects a message asks, from its words (`words(text)`)."""
        found: set[str] = set()
        for i, token in enumerate(tokens):
            for cue in self._cues_for(token):
                if cue.aspect not in found and _cue_end(cue.words, tokens, i, self.stem) is not None:
                    found.add(cue.aspect)
        return frozenset(found)

    def cue_spans(self, tokens: Sequence[str]) -> set[int]:
        """Positions of the words that belong to an aspect cue ("how long", "who")."""
        spans: set[int] = set()
        for i, token in enumerate(tokens):
            for cue in self._cues_for(token):
                end = _cue_end(cue.words, tokens, i, self.stem)
                if end is not None:
                    spans.update(j for j in range(i, end) if _is_cue_word(tokens[j], cue.words))
        return spans

    def _cues_for(self, token: str) -> list[Cue]:
        cues = self._cues_by_first.get(token)
        if cues is None:  # "lasts" against "last~"
            cues = [c for c in self._cues_by_first.get(self.stem(token), ()) if c.words[0].endswith(_ANY_ENDING)]
        return cues


def _same(word: str, pattern: str, stem: Callable[[str], str]) -> bool:
    if pattern.endswith(_ANY_ENDING):
        base = pattern[:-1]
        return word == base or (word.startswith(base[: max(3, len(base) - 1)]) and stem(word) == stem(base))
    return word == pattern


def _cue_end(pattern: Sequence[str], tokens: Sequence[str], start: int, stem: Callable[[str], str]) -> int | None:
    """Where the cue ends if it starts at `start`, or None (a gap takes 1 to 4 words)."""

    def walk(p: int, t: int) -> int | None:
        if p == len(pattern):
            return t
        if pattern[p] == _GAP:
            for skip in range(1, _MAX_GAP + 1):
                end = walk(p + 1, t + skip)
                if end is not None:
                    return end
            return None
        if t < len(tokens) and _same(tokens[t], pattern[p], stem):
            return walk(p + 1, t + 1)
        return None

    return walk(0, start)


def _is_cue_word(token: str, pattern: Sequence[str]) -> bool:
    return any(token == p.rstrip(_ANY_ENDING) or (p.endswith(_ANY_ENDING) and token.startswith(p[:-1]))
               for p in pattern if p != _GAP)


def _read(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise LanguageInvalid(f"{path}: {exc}") from None
    if not isinstance(data, dict):
        raise LanguageInvalid(f"{path}: expected 'key: value' lines at the top")
    return data


def _word_list(path: Path, key: str = "words") -> frozenset[str]:
    values = _read(path).get(key)
    if not isinstance(values, list):
        raise LanguageInvalid(f"{path}: expected a '{key}:' list")
    return frozenset(str(v).casefold() for v in values)


@cache
def language(code: str = DEFAULT) -> Language:
    """The language in `bot/core/language/<code>/`, loaded once."""
    folder = FOLDER / code
    if not folder.is_dir():
        raise LanguageInvalid(f"{folder}: no such language folder")
    about = _read(folder / "language.yaml")
    contractions = _read(folder / "contractions.yaml").get("contractions") or {}
    aspects = _read(folder / "aspects.yaml").get("aspects") or {}
    cues = []
    for aspect, phrases in aspects.items():
        for phrase in phrases or ():
            tokens = tuple(str(phrase).casefold().split())
            if tokens:
                cues.append(Cue(str(aspect), tokens))
    return Language(
        code=code,
        stemmer_name=str(about.get("stemmer", "english")),
        filler=_word_list(folder / "filler.yaml"),
        neutral=_word_list(folder / "neutral.yaml"),
        small_talk=_word_list(folder / "small_talk.yaml"),
        greetings=_word_list(folder / "small_talk.yaml", "greetings"),
        titles=_word_list(folder / "small_talk.yaml", "titles"),
        sign_offs=_word_list(folder / "small_talk.yaml", "sign_offs"),
        skeleton=_word_list(folder / "skeleton.yaml"),
        contractions={str(k): str(v) for k, v in contractions.items()},
        stem_exceptions={str(k): str(v) for k, v in (_read(folder / "stems.yaml").get("stems") or {}).items()},
        cues=tuple(cues),
    )
