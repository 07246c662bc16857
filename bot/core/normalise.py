"""Turning a patient's message into comparable words: case, accents, punctuation, contractions,
staff synonyms, Snowball stemming and typo repair against a known vocabulary. The word lists are the
language's data (`bot.core.language`).

Both the matcher and the triage use these, so the FAQ and the message are always cleaned alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.language import MAX_CHARS, language

__all__ = [
    "Spellings", "SynonymRewriter", "TypoRepair", "by_initial", "closest_among", "closest_spelling", "fold",
    "light_stem", "stem", "words",
]

# Triage reads more: a whole Telegram message (4,096 characters), so a symptom told after a long story
# is still seen.
TRIAGE_MAX_CHARS = 5000


def fold(text: str, limit: int = MAX_CHARS) -> str:
    """Lower case, no accents, no punctuation, single spaces (see `Language.fold`)."""
    return language().fold(text, limit)


def words(text: str, limit: int = MAX_CHARS) -> list[str]:
    """Folded words with contractions and txt-speak spelled out (the language's contractions.yaml)."""
    return language().words(text, limit)


def stem(word: str) -> str:
    """Snowball's stem: 'injections' and 'injected' -> 'inject', 'headaches' -> 'headach'."""
    return language().stem(word)


_SUFFIXES = (
    ("ically", ""), ("ations", "ate"), ("ation", "ate"), ("nesses", ""), ("ness", ""),
    ("ities", ""), ("ity", ""), ("ingly", ""), ("edly", ""), ("ies", "y"), ("ied", "y"),
    ("sses", "ss"), ("ing", ""), ("ed", ""), ("ly", ""), ("es", ""), ("s", ""),
)
# ...by their last letter, in the same order: a word is tried only against the suffixes it could end with
_SUFFIXES_BY_LAST: dict[str, tuple[tuple[str, str], ...]] = {
    last: tuple(s for s in _SUFFIXES if s[0][-1] == last) for last in {s[-1] for s, _ in _SUFFIXES}
}


def light_stem(word: str) -> str:
    """The triage's phrases' stemmer (Snowball reads "waking" as "wake", so "she is not waking up" would
    read as the self-harm phrase "not wake up"; the triage keeps this one until it handles who is meant).
    A light, predictable stemmer: 'injections' and 'injected' -> 'inject', 'headaches' -> 'headach'."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, repl in _SUFFIXES_BY_LAST.get(word[-1], ()):
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
        listed = [(tuple(words(canonical)), [tuple(words(v)) for v in variants]) for canonical, variants in groups]
        # a spelling of one word listed alone as its variant ("injecton", "injections" -> "injection") is
        # that word inside a phrase too: "steroid injecton" is the listed "steroid injection" (a word of
        # its own, "shot", is not: "epidural shot" is listed, "epidural injection" is not)
        self._word: dict[str, str] = {key[0]: target[0] for target, keys in listed for key in keys
                                      if len(key) == 1 and len(target) == 1 and _respelt(key[0], target[0])}
        for target, keys in listed:
            if len(target) > 1:  # a canonical phrase is read as one unit too ("nerve root block")
                self._phrases[target] = target
            for key in keys:
                if key and key != target:
                    self._phrases[key] = target
        for key, canonical in list(self._phrases.items()):
            if len(key) > 1:
                self._phrases.setdefault(self._as_words(key), canonical)
        # the words of the phrases (a typo of one may be repaired for a phrase to be found)
        self.phrase_words = frozenset(w for key in self._phrases if len(key) > 1 for w in key)
        # first word (as `_word` reads it) -> the lengths of the phrases starting with it, longest first
        sizes: dict[str, set[int]] = {}
        for key in self._phrases:
            sizes.setdefault(self._word.get(key[0], key[0]), set()).add(len(key))
        self._sizes = {word: sorted(lengths, reverse=True) for word, lengths in sizes.items()}

    def _as_words(self, key: Sequence[str]) -> tuple[str, ...]:
        return tuple(self._word.get(w, w) for w in key)

    def rewrite(self, tokens: Sequence[str], *, phrases_only: bool = False) -> list[str]:
        """`tokens` with every synonym replaced by its canonical word(s); with `phrases_only`, only the
        synonyms of two or more words ("head hurts" -> "headache", "hurts" alone stays)."""
        out: list[str] = []
        # (only a message with a respelt word is looked up again as `_word` reads it: each lookup makes
        # a tuple, and the objects a message leaves behind bring Python's next collection nearer)
        respelt = not self._word.keys().isdisjoint(tokens)
        i = 0
        while i < len(tokens):
            for size in self._sizes.get(self._word.get(tokens[i], tokens[i]), ()):
                if phrases_only and size < 2 or i + size > len(tokens):
                    continue
                target = self._phrases.get(tuple(tokens[i : i + size]))
                if target is None and size > 1 and respelt:
                    target = self._phrases.get(self._as_words(tokens[i : i + size]))
                if target is not None:
                    out.extend(target)
                    i += size
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out

    def rewrite_both(self, tokens: Sequence[str]) -> tuple[list[str], list[str]]:
        """`(rewrite(tokens), rewrite(tokens, phrases_only=True))` in one pass: both take the same synonym of two or
        more words wherever one starts (the longest is tried first), and elsewhere both move on one word, the first
        rewriting it alone if it is a synonym, so the two walks stay in step."""
        out: list[str] = []
        phrased: list[str] = []
        respelt = not self._word.keys().isdisjoint(tokens)
        i = 0
        while i < len(tokens):
            token = tokens[i]
            for size in self._sizes.get(self._word.get(token, token), ()):
                if i + size > len(tokens):
                    continue
                target = self._phrases.get(tuple(tokens[i : i + size]))
                if target is None and size > 1 and respelt:
                    target = self._phrases.get(self._as_words(tokens[i : i + size]))
                if target is not None:
                    out.extend(target)
                    if size > 1:
                        phrased.extend(target)
                        i += size
                    else:
                        phrased.append(token)
                        i += 1
                    break
            else:
                out.append(token)
                phrased.append(token)
                i += 1
        return out, phrased


def _respelt(variant: str, word: str) -> bool:
    """`variant` is `word` with an ending or a slip or two, not another word."""
    return variant.startswith(word) or OSA.distance(variant, word) <= _allowed_slips(word)


def _allowed_slips(word: str) -> int:
    return 1 if len(word) <= 8 else 2


def closest_spelling(word: str, vocabulary: Sequence[str], *, lenient: bool = False) -> str | None:
    """The vocabulary word one slip away (two for long words), or None.

    A swap of neighbours counts as one slip ("wrok" -> "work"). Typos rarely change the first letter,
    and in short words a changed or extra letter is as likely another word ("cost", "most"), so
    neither counts, unless `lenient` (for safety phrases, where a miss costs more than a false alarm).
    """
    allowed = _allowed_slips(word)
    close = process.extract(word, vocabulary, scorer=OSA.distance, score_cutoff=allowed, limit=5)
    return _first_slip(word, [candidate for candidate, _distance, _ in close], lenient)


def _first_slip(word: str, candidates: Iterable[str], lenient: bool) -> str | None:
    """The first of the candidates (nearest first) that `closest_spelling` accepts as a slip of `word`."""
    for candidate in candidates:
        if candidate[0] != word[0]:
            continue
        # In short words only a swap or a missing letter counts: "robot" is not a slip of "root".
        if not lenient and len(word) <= 5 and len(candidate) <= len(word) and sorted(candidate) != sorted(word):
            continue
        return candidate
    return None


def closest_among(word: str, slips: dict[str, int], words: frozenset[str], *, lenient: bool = False) -> str | None:
    """`Spellings(words).closest(word, lenient=lenient)` told from `slips`, what `Spellings.slips(word)` gave for a
    vocabulary that holds `words`, without another search: rapidfuzz lists the nearest first, and words as near in
    the order of the vocabulary's list (alphabetical), and `closest_spelling` looks at its first five."""
    return _first_slip(word, [w for _, w in sorted((d, w) for w, d in slips.items() if w in words)[:5]], lenient)


def by_initial(vocabulary: Iterable[str]) -> dict[str, list[str]]:
    """Words grouped by first letter: a typo keeps its first letter, so only that group is searched."""
    groups: dict[str, list[str]] = {}
    for word in sorted(set(vocabulary)):
        groups.setdefault(word[0], []).append(word)
    return groups


class Spellings:
    """A vocabulary's words of four letters or more, for `closest`: `closest_spelling` against the words
    with the same first letter, of which it only ever tries those whose length is within the slips
    allowed (a word of another length is further than that), in their order. Read-only but for the
    lists of one first letter and length, made the first time a word asks for them."""

    def __init__(self, vocabulary: Iterable[str]):
        self._by_initial = by_initial(w for w in vocabulary if len(w) >= 4)
        self._near: dict[tuple[str, int], list[str]] = {}
        # The lists of every first letter and length a word of the vocabulary can be near, made now: made
        # when a message first asks for one, they cost that message up to half a millisecond.
        for initial, group in self._by_initial.items():
            for length in range(4, max(len(w) for w in group) + 3):
                allowed = _allowed_slips("x" * length)
                self._near[(initial, length)] = [w for w in group if abs(len(w) - length) <= allowed]

    def closest(self, word: str, *, lenient: bool = False) -> str | None:
        """`closest_spelling(word, <the vocabulary's words starting like it>, lenient=lenient)`."""
        near = self._near_of(word)
        return closest_spelling(word, near, lenient=lenient) if near else None

    def slips(self, word: str) -> dict[str, int]:
        """Every word `closest` could return for `word`, leniently or not, with its distance from `word`: those
        starting like it and within the slips allowed, nearest first (`closest` returns one of them, or None when
        there are none; `closest_among` tells which from this)."""
        near = self._near_of(word)
        if not near:
            return {}
        return {w: int(d) for w, d, _ in process.extract(word, near, scorer=OSA.distance,
                                                         score_cutoff=_allowed_slips(word), limit=None)}

    def _near_of(self, word: str) -> list[str]:
        key = (word[:1], len(word))
        near = self._near.get(key)
        if near is None:
            allowed = _allowed_slips(word)
            near = [w for w in self._by_initial.get(word[:1], ()) if abs(len(w) - len(word)) <= allowed]
            self._near[key] = near
        return near


class TypoRepair:
    """Replaces a word not in the vocabulary with the closest one that is, when it is close enough.

    Short words are left alone: 'leg' and 'log' are too near to tell a typo from another word.
    """

    def __init__(self, vocabulary: Iterable[str], *, protected: Iterable[str] = ()):
        vocabulary = set(vocabulary)
        self._spellings = Spellings(vocabulary)
        self._known = vocabulary | set(protected)
        self._cache: dict[str, str] = {}

    def repair(self, word: str) -> str:
        if word in self._known or len(word) < 4 or word.isdigit():
            return word
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        fixed = self._spellings.closest(word) or word
        if len(self._cache) < 50_000:
            self._cache[word] = fixed
        return fixed
