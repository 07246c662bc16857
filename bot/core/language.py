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
from typing import Any

import snowballstemmer
import yaml

__all__ = ["AfterUrgentWords", "Cue", "Language", "LanguageInvalid", "language"]

FOLDER = Path(__file__).resolve().parent / "language"
DEFAULT = "en"
# Only the first part of a very long message is matched: questions are short, and this bounds the work.
MAX_CHARS = 1000

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_NON_WORD = re.compile(r"[^a-z0-9']+")
_CAN_NOT = re.compile(r"\bcan not\b")
# `fold` of plain ASCII in one pass: upper case to lower, "`" to an apostrophe, any other character that is not a
# letter, digit or apostrophe to a space (the same words as `_APOSTROPHES`, `casefold` and `_NON_WORD` give)
_ASCII_FOLD = str.maketrans({
    chr(c): ("'" if chr(c) in "`'" else chr(c).lower() if chr(c).isalnum() else " ") for c in range(128)
})
# LibYAML's parser when PyYAML has it: the word lists load in milliseconds.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_GAP = "*"  # in an aspect cue: one to six other words
_MAX_GAP = 6
_ANY_ENDING = "~"  # in an aspect cue: the word with any ending
_ROOT_HEAD = 3  # how many first letters of a '~' word's root it is filed under
_ENDINGS = r"(?:e|es|s|d|ed|ing|ful|fully|less|ly|ness|er|ers|ion|ions|ation|ations|ive|y|ies|ied)?"


class LanguageInvalid(Exception):
    """A language folder that cannot be used, with the file and what is wrong."""


@dataclass(frozen=True)
class Cue:
    """One way of asking an aspect, as words ('*' a gap, a trailing '~' any ending)."""

    aspect: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class AfterUrgentWords:
    """The word lists of after_urgent.yaml (what a message means right after the urgent reply)."""

    getting_help_words: frozenset[str] = frozenset()
    getting_help_phrases: tuple[tuple[str, ...], ...] = ()
    acknowledgements: frozenset[str] = frozenset()
    goes_on: frozenset[str] = frozenset()
    asks_whom_words: frozenset[str] = frozenset()
    asks_whom_phrases: tuple[tuple[str, ...], ...] = ()


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
    pleasantries: frozenset[str]
    goodbyes: frozenset[str]  # which pleasantries say goodbye, and which say thanks (the reply they get)
    thanks: frozenset[str]
    question_words: frozenset[str]
    question_openers: frozenset[str]
    about_the_bot: frozenset[str]
    skeleton: frozenset[str]
    contractions: Mapping[str, str] = field(hash=False)
    # words Snowball would fold into another word of the domain ("effective" is not "effect")
    stem_exceptions: Mapping[str, str] = field(default_factory=dict, hash=False)
    cues: tuple[Cue, ...] = ()
    weak_aspects: frozenset[str] = frozenset()
    disclaimers: tuple[str, ...] = ()  # phrases of an answer's sentence that says what the source lacks
    vague_disclaimers: tuple[str, ...] = ()  # ...and of one that disclaims all detail
    # sign-offs and pleasantries of several words ("talk soon", "no worries"), each as its words
    small_talk_phrases: tuple[tuple[str, ...], ...] = ()
    # ...and those that end a conversation of questions ("that's everything", "no more questions")
    closings: tuple[tuple[str, ...], ...] = ()
    times_of_day: frozenset[str] = frozenset()  # greetings that are also times ("morning")
    # words that join two questions in one message, before a question word ("..., and will I need...")
    question_joins: frozenset[str] = frozenset()
    # words that point back at a thing named elsewhere ("do I need to stop them?")
    referring_words: frozenset[str] = frozenset()
    # openings of a message that only name a thing, asking nothing of it ("what about a facet injection?")
    naming_openers: tuple[tuple[str, ...], ...] = ()
    # words after which the one before only says who told something ("the nurse said ..."), not what is asked
    reporting_words: frozenset[str] = frozenset()
    # words before which a word the FAQ never uses names a condition ("for someone with osteoporosis")
    condition_words: frozenset[str] = frozenset()
    time_before: frozenset[str] = frozenset()  # "this" of "this morning": a time, not a greeting
    # what a message means right after the urgent reply (bot/core/after_urgent.py)
    after_urgent: AfterUrgentWords = field(default_factory=AfterUrgentWords, hash=False)
    # built in __post_init__, owned by this object: the stemmer, its cache of stems, the aspects' patterns
    _stemmer: Any = field(init=False, repr=False, compare=False, hash=False)
    _stems: dict[str, str] = field(init=False, repr=False, compare=False, hash=False)
    _cue_checks: tuple[_CueCheck, ...] = field(init=False, repr=False, compare=False, hash=False)
    _cues_by_word: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False, hash=False)
    # the cues without a plain word, under the first letters of their first root: (root, cue number)
    _cues_by_root_head: dict[str, tuple[tuple[str, int], ...]] = field(
        init=False, repr=False, compare=False, hash=False)
    # ...and those with no root that long, tried for every message
    _cues_always_tried: frozenset[int] = field(init=False, repr=False, compare=False, hash=False)
    # the last text `fold` folded (cut to its limit) and what it gave
    _last_fold: tuple[str, str] = field(init=False, repr=False, compare=False, hash=False, default=("", ""))
    # the last text `words` read and its words: the triage, small talk and the matcher each read a message
    _last_words: tuple[str, int, tuple[str, ...]] = field(
        init=False, repr=False, compare=False, hash=False, default=("", 0, ())
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_stemmer", snowballstemmer.stemmer(self.stemmer_name))
        object.__setattr__(self, "_stems", {})
        # Each cue as a regular expression over the message's words joined by spaces, filed under one of
        # its plain words: a message without that word cannot match it, so most cues are never tried.
        checks = tuple(_CueCheck.of(cue) for cue in self.cues)
        by_word: dict[str, list[int]] = {}
        for number, check in enumerate(checks):
            if check.words:
                by_word.setdefault(max(check.words, key=lambda w: (len(w), w)), []).append(number)
        object.__setattr__(self, "_cue_checks", checks)
        object.__setattr__(self, "_cues_by_word", {w: tuple(n) for w, n in by_word.items()})
        # A cue without a plain word is filed under its first root: a message with no word starting with it
        # cannot match it. Finding those words takes one look-up a word, by the root's first letters.
        by_head: dict[str, list[tuple[str, int]]] = {}
        always: set[int] = set()
        for number, check in enumerate(checks):
            if check.words:
                continue
            root = check.roots[0][1:] if check.roots else ""  # (after its space)
            if len(root) >= _ROOT_HEAD:
                by_head.setdefault(root[:_ROOT_HEAD], []).append((root, number))
            else:
                always.add(number)
        object.__setattr__(self, "_cues_by_root_head", {h: tuple(c) for h, c in by_head.items()})
        object.__setattr__(self, "_cues_always_tried", frozenset(always))

    @property
    def folder(self) -> Path:
        """The language's folder, `bot/core/language/<code>/`: every file of the language is read from it."""
        return FOLDER / self.code

    @property
    def aspects(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.aspect for c in self.cues))

    def stem(self, word: str) -> str:
        """Snowball's stem ('injections' -> 'inject'); words of one or two letters and numbers as they are."""
        cached = self._stems.get(word)
        if cached is None:
            cached = self.stem_exceptions.get(word)
        if cached is None:
            cached = word if len(word) <= 2 or word.isdigit() else str(self._stemmer.stemWord(word))
            if len(self._stems) < 100_000:
                self._stems[word] = cached
        return cached

    def fold(self, text: str, limit: int = MAX_CHARS) -> str:
        """Lower case, no accents, no punctuation, single spaces. Keeps apostrophes inside words.

        Invisible format characters (zero-width space, soft hyphen...) are dropped, not read as spaces,
        so "fe\u200bver" is still "fever".
        """
        text = text[:limit]
        last_cut, last_folded = self._last_fold  # (the triage's model folds what small talk has just folded)
        if last_cut == text:
            return last_folded
        cut = text
        if text.isascii():  # plain ASCII has no accents or invisible characters: one translation, no regex
            text = text.translate(_ASCII_FOLD)
        else:
            text = unicodedata.normalize("NFKD", text)
            text = "".join(c for c in text if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")
            text = _NON_WORD.sub(" ", text.translate(_APOSTROPHES).casefold())
        if "'" in text:
            folded = " ".join(t.strip("'") for t in text.split() if t.strip("'"))
        else:  # (no apostrophe to strip: every word as it is)
            folded = " ".join(text.split())
        object.__setattr__(self, "_last_fold", (cut, folded))
        return folded

    def words(self, text: str, limit: int = MAX_CHARS) -> list[str]:
        """Folded words with contractions and txt-speak spelled out."""
        last_text, last_limit, last = self._last_words
        if last_limit == limit and last_text == text:
            return list(last)  # (a new list: callers may change theirs)
        out = self.words_of_folded(self.fold(text, limit))
        object.__setattr__(self, "_last_words", (text, limit, tuple(out)))
        return out

    def words_of_folded(self, folded: str) -> list[str]:
        """`words` of text already folded (`fold`), without folding it again: the same list as
        `words(folded)` whenever `folded` is no longer than the limit `words` is called with."""
        out: list[str] = []
        # "I can not feel my feet" is "cannot": joined before words are looked up one by one.
        for token in (_CAN_NOT.sub("cannot", folded) if "can not" in folded else folded).split():
            expanded = self.contractions.get(token)
            if expanded is None and "'" in token:
                token = token.replace("'", "")
                expanded = self.contractions.get(token)
            if expanded:
                out.extend(expanded.split())
            elif token:  # (a word of its own, as `token.split()` would give it)
                out.append(token)
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

    def disclaimed(self, answer: str) -> frozenset[str] | None:
        """The aspects an answer says its source does not tell; None when it disclaims all detail."""
        found: set[str] = set()
        for sentence in re.split(r"(?<=[.!?])\s+", answer):
            tokens = self.words(sentence, limit=5000)
            joined = f" {' '.join(tokens)} "
            if not any(f" {d} " in joined for d in self.disclaimers):
                continue
            if any(f" {d} " in joined for d in self.vague_disclaimers):
                return None
            found |= self.aspects_of(tokens)
        return frozenset(found)

    def strong(self, aspects: frozenset[str]) -> frozenset[str]:
        """The aspects that count: the weak ones ("what is") only when nothing else is asked."""
        return (aspects - self.weak_aspects) or aspects

    def aspects_of(self, tokens: Sequence[str]) -> frozenset[str]:
        """The aspects a message asks, from its words (`words(text)`). A cue found only inside a longer
        cue of another aspect is not asked on its own: "how does it work" asks how it works (mechanism),
        not whether it works; "how effective is it" asks how well, not only whether."""
        present = set(tokens)
        joined = " ".join(tokens)
        padded = " " + joined
        tried = {n for t in present for n in self._cues_by_word.get(t, ())}
        tried |= self._cues_always_tried
        # (the words as `padded` holds them, space to space: a root is in `padded` after a space exactly when
        # one of these starts with it)
        by_head = self._cues_by_root_head
        for word in set(joined.split(" ")):
            for root, number in by_head.get(word[:_ROOT_HEAD], ()):
                if word.startswith(root):
                    tried.add(number)
        found: set[str] = set()
        matched: list[_CueCheck] = []
        checks = self._cue_checks
        for number in tried:
            check = checks[number]
            # (`check.may_match(present, padded)`, inline: it runs for every cue a message's words may hold)
            if check.words <= present and (not check.roots or all(r in padded for r in check.roots)):
                matched.append(check)
                if check.aspect not in found and check.pattern.search(joined):
                    found.add(check.aspect)
        if len(found) < 2:
            return frozenset(found)
        # several aspects: where each was found, to drop those found only inside another's longer cue
        spans = [(m.start(), m.end(), check.aspect) for check in matched for m in check.pattern.finditer(joined)]
        return frozenset(
            aspect for start, end, aspect in spans
            if not any(s <= start and end <= e and e - s > end - start and a != aspect for s, e, a in spans))


@dataclass(frozen=True)
class _CueCheck:
    """One cue as a pattern, with what a message needs before the pattern is worth trying: each of the
    cue's plain words, and a word starting with the root of each of its '~' words."""

    aspect: str
    words: frozenset[str]
    roots: tuple[str, ...]  # each after a space, as it starts a word in the joined message
    pattern: re.Pattern[str]

    @classmethod
    def of(cls, cue: Cue) -> _CueCheck:
        plain = frozenset(w for w in cue.words if w != _GAP and not w.endswith(_ANY_ENDING))
        roots = tuple(" " + _root(w[:-1]) for w in cue.words if w.endswith(_ANY_ENDING))
        return cls(cue.aspect, plain, roots, re.compile(r"(?<!\S)(?:" + _cue_pattern(cue.words) + r")(?!\S)"))

    def may_match(self, present: set[str], padded: str) -> bool:
        """`present`: the message's words; `padded`: them joined by spaces, after a space."""
        return self.words <= present and all(r in padded for r in self.roots)


def _cue_pattern(words: Sequence[str]) -> str:
    """A cue as a regular expression: '*' one to MAX_GAP words, a trailing '~' any ending."""
    parts = []
    for word in words:
        if word == _GAP:
            parts.append(rf"\S+(?: \S+){{0,{_MAX_GAP - 1}}}")
        elif word.endswith(_ANY_ENDING):
            parts.append(re.escape(_root(word[:-1])) + _ENDINGS)
        else:
            parts.append(re.escape(word))
    return " ".join(parts)


def _root(base: str) -> str:
    """What a '~' word's endings attach to: "last" for "last~", "decid" for "decide~"."""
    return base[:-1] if base.endswith("e") and len(base) > 3 else base


def _read(path: Path) -> dict[str, Any]:
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


def _phrases(path: Path, *keys: str) -> tuple[tuple[str, ...], ...]:
    """The phrases of the lists under `keys`, each as its words, longest first."""
    data = _read(path)
    phrases = {tuple(str(p).casefold().split()) for key in keys for p in data.get(key) or ()} - {()}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


@cache
def language(code: str = DEFAULT) -> Language:
    """The language in `bot/core/language/<code>/`, loaded once."""
    folder = FOLDER / code
    if not folder.is_dir():
        raise LanguageInvalid(f"{folder}: no such language folder")
    about = _read(folder / "language.yaml")
    contractions = _read(folder / "contractions.yaml").get("contractions") or {}
    aspect_data = _read(folder / "aspects.yaml")
    aspects = aspect_data.get("aspects") or {}
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
        pleasantries=_word_list(folder / "small_talk.yaml", "pleasantries"),
        goodbyes=_word_list(folder / "small_talk.yaml", "goodbyes"),
        thanks=_word_list(folder / "small_talk.yaml", "thanks"),
        question_words=_word_list(folder / "small_talk.yaml", "question_words"),
        question_openers=_word_list(folder / "small_talk.yaml", "question_openers"),
        about_the_bot=_word_list(folder / "small_talk.yaml", "about_the_bot"),
        skeleton=_word_list(folder / "skeleton.yaml"),
        contractions={str(k): str(v) for k, v in contractions.items()},
        stem_exceptions={str(k): str(v) for k, v in (_read(folder / "stems.yaml").get("stems") or {}).items()},
        cues=tuple(cues),
        weak_aspects=frozenset(aspect_data.get("weak") or ()),
        disclaimers=tuple(str(d).casefold() for d in aspect_data.get("disclaimers") or ()),
        vague_disclaimers=tuple(str(d).casefold() for d in aspect_data.get("vague_disclaimers") or ()),
        times_of_day=_word_list(folder / "small_talk.yaml", "times_of_day"),
        question_joins=frozenset(str(w).casefold() for w in about.get("question_joins") or ()),
        referring_words=frozenset(str(w).casefold() for w in about.get("referring_words") or ()),
        naming_openers=tuple(tuple(str(p).casefold().split()) for p in about.get("naming_openers") or ()),
        reporting_words=frozenset(str(w).casefold() for w in about.get("reporting_words") or ()),
        condition_words=frozenset(str(w).casefold() for w in about.get("condition_words") or ()),
        time_before=_word_list(folder / "small_talk.yaml", "time_before"),
        small_talk_phrases=_phrases(folder / "small_talk.yaml", "phrases", "closings"),
        closings=_phrases(folder / "small_talk.yaml", "closings"),
        after_urgent=_after_urgent_words(folder / "after_urgent.yaml"),
    )


def _after_urgent_words(path: Path) -> AfterUrgentWords:
    if not path.is_file():
        return AfterUrgentWords()  # a language without the file: replies after an urgent one are read as usual
    return AfterUrgentWords(
        getting_help_words=_word_list(path, "getting_help_words"),
        getting_help_phrases=_phrases(path, "getting_help_phrases"),
        acknowledgements=_word_list(path, "acknowledgements"),
        goes_on=_word_list(path, "goes_on"),
        asks_whom_words=_word_list(path, "asks_whom_words"),
        asks_whom_phrases=_phrases(path, "asks_whom_phrases"),
    )
