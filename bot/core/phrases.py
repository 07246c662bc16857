"""Finding staff-written phrases in a message: all the phrase's words close together, any order,
allowing typos and word endings. Used by the triage (red flags) and the matcher (topics not covered).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.core.knowledge import Phrase
from bot.core.normalise import Spellings, closest_among, words
from bot.core.normalise import light_stem as stem

__all__ = ["Hit", "PhraseIndex", "share_word_search"]

# Words too common to carry meaning in a phrase. Negations, "all", "up", "out" stay: they matter here.
IGNORED = frozenset(
    "a an the my me i im is am are was were be been being and or of to in on at it its this that these "
    "with for from do does did feel feels felt just so very really bit little got get getting "
    "like some any since after around where went your his her their our".split()
)
_ENDINGS = ("s", "es", "d", "ed")
_ENDING_LETTERS = frozenset(e[-1] for e in _ENDINGS)
# Self-harm phrases keep little words: "can't do this anymore" is not "can't work anymore".
LIGHTLY_IGNORED = frozenset("a an the my your his their our and so very really just".split())
# A phrase's words must sit within this many extra words of each other.
SLACK = 3


@dataclass(frozen=True)
class Hit:
    phrase: Phrase
    start: int
    end: int


class PhraseIndex:
    """Finds staff phrases in a message, word order free, typo tolerant."""

    def __init__(
        self,
        phrases: Iterable[Phrase],
        *,
        ignored: frozenset[str] = frozenset(),
        typos: bool = True,
        lenient: bool = False,
        slack: int = SLACK,
        stems: bool = True,
        correct: frozenset[str] = frozenset(),
        ordered: bool = False,
    ):
        self._slack = slack
        # the words must also come in the phrase's order ("if you", not "you said call if")
        self._ordered = ordered
        self._stems = stems
        # words known to be spelt right (the FAQ's own): never read as a typo of a phrase word
        self._correct = correct
        self._typos = typos
        self._lenient = lenient
        self.phrases: list[tuple[Phrase, tuple[str, ...]]] = []
        for phrase in phrases:
            tokens = tuple(t for t in words(phrase.text) if t not in ignored)
            if tokens:
                self.phrases.append((phrase, tokens))
        self.vocabulary = sorted({t for _, tokens in self.phrases for t in tokens})
        # Each phrase is filed under its rarest word: a phrase can only match when that word occurs, and
        # the rarest one rules out the most phrases (a concept line makes many phrases share "pain").
        used_by: dict[str, int] = {}
        for _, tokens in self.phrases:
            for token in set(tokens):
                used_by[token] = used_by.get(token, 0) + 1
        # (each phrase filed with its words as a set: all present is one subset test)
        self._filed_under: dict[str, list[tuple[int, frozenset[str]]]] = {}
        for index, (_, tokens) in enumerate(self.phrases):
            rarest = min(tokens, key=lambda t: (used_by[t], t))
            self._filed_under.setdefault(rarest, []).append((index, frozenset(tokens)))
        self._filed_words = frozenset(self._filed_under)
        # whether a phrase repeats a word
        self._repeats = [len(set(tokens)) < len(tokens) for _, tokens in self.phrases]
        self._words = frozenset(self.vocabulary)
        self._spellings = Spellings(self.vocabulary)
        self._cache: dict[str, frozenset[str]] = {}
        # cached message words that stand for none of the words phrases are filed under: a message made only
        # of these matches nothing (told in one C-level superset test instead of a walk over its words)
        self._quiet: set[str] = set()
        # set by `share_word_search`: what a message word may stand for in this and the sibling lists
        self._shared: _SharedWords | None = None
        self._slot = 0  # this list's place among the lists sharing it
        self._by_stem: dict[str, set[str]] = {}
        for word in self.vocabulary:
            self._by_stem.setdefault(stem(word), set()).add(word)
        # each word of the vocabulary under itself less a short ending ("peed" under "pee")
        self._with_ending: dict[str, list[str]] = {}
        for word in self.vocabulary:
            for ending in _ENDINGS:
                if word.endswith(ending):
                    self._with_ending.setdefault(word[: -len(ending)], []).append(word)

    def _same_word(self, token: str) -> frozenset[str]:
        """Vocabulary words this message word stands for: same stem, a short ending, or a typo."""
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        if self._shared is not None:  # (looked up for all the sibling lists at once, and cached in each)
            return self._shared.resolve(token)[self._slot]
        result = self._look_up(token)
        if len(self._cache) < 20_000:
            self._remember(token, result)
        return result

    def _remember(self, token: str, readings: frozenset[str]) -> None:
        self._cache[token] = readings
        if readings.isdisjoint(self._filed_words):
            self._quiet.add(token)

    def _look_up(self, token: str) -> frozenset[str]:
        """`_same_word` computed by this list alone (`_SharedWords.resolve` gives the same for each list)."""
        found = set(self._by_stem.get(stem(token), ())) if self._stems else ({token} & self._words)
        if len(token) >= 3:
            # the same word with a plural or past ending ("pee" -> "peed", "legs" -> "leg"), not any
            # word that starts alike ("should" is not "shoulder")
            found.update(self._with_ending.get(token, ()))
            if token[-1] in _ENDING_LETTERS:
                for ending in _ENDINGS:
                    base = token[: -len(ending)]
                    if token.endswith(ending) and base in self._words and len(base) >= 3:
                        found.add(base)
        if self._typos and len(token) >= 4 and token not in self._correct:
            fixed = self._spellings.closest(token, lenient=self._lenient)
            if fixed is not None:
                found.add(fixed)
        return frozenset(found) if found else _NOTHING  # (one empty set for every word that stands for nothing)

    def read_ahead(self, tokens: Iterable[str]) -> None:
        """Work out now what these message words stand for (in every list sharing this one's word search), so
        that the first message using one does not pay for it: the same sets `_same_word` would find then."""
        for token in tokens:
            if token not in self._cache:
                self._same_word(token)

    def stands_for_any(self, token: str, words: frozenset[str]) -> bool:
        """Whether this message word stands for one of `words` (`vocabulary_in((token,)) & words`)."""
        same = self._cache.get(token)
        return not (same if same is not None else self._same_word(token)).isdisjoint(words)

    def vocabulary_in(self, tokens: Sequence[str]) -> set[str]:
        """The phrase words these message words stand for (same stem, an ending, a typo)."""
        return {w for token in tokens for w in self._same_word(token)}

    def find(self, tokens: Sequence[str]) -> list[Hit]:
        """Every phrase whose words all occur within a short window of `tokens`."""
        hits: list[Hit] = []
        if self._quiet.issuperset(tokens):  # (most lists, for most messages: no phrase's rarest word occurs)
            return hits
        positions: dict[str, list[int]] = {}
        cache = self._cache
        for pos, token in enumerate(tokens):
            same = cache.get(token)  # (the cache read here: this loop runs for every word of every message)
            for word in same if same is not None else self._same_word(token):
                positions.setdefault(word, []).append(pos)
        # (the small set intersected with the large one: `keys() & frozenset` walks the whole frozenset)
        filed = self._filed_words.intersection(positions)
        if not filed:
            return hits
        present = set(positions)
        # Only phrases whose rarest word occurs can match (each phrase is filed under one word), and only those
        # with all their words present (one C-level subset test each); in file order.
        filed_under = self._filed_under
        for index in sorted([i for w in filed for i, needed in filed_under[w] if needed <= present]):
            phrase, needed = self.phrases[index]
            # a word the phrase repeats must occur as often ("sleeping and sleeping")
            if self._repeats[index] and any(len(positions[w]) < needed.count(w) for w in needed):
                continue
            if self._ordered:
                span = _first_in_order([positions[w] for w in needed], len(needed) + self._slack)
            else:
                span = _tightest_span([positions[w] for w in needed])
            if span is not None and span[1] - span[0] + 1 <= len(needed) + self._slack:
                hits.append(Hit(phrase, span[0], span[1]))
        return hits


_NOTHING: frozenset[str] = frozenset()


def share_word_search(indexes: Iterable[PhraseIndex]) -> None:
    """Let these phrase lists look up a new message word once for all of them: the first list to meet a
    word works out what it stands for in every list (`_SharedWords.resolve`) and each list caches its
    part. Every list finds exactly what it found alone (`PhraseIndex._look_up`)."""
    indexes = list(indexes)
    shared = _SharedWords(indexes)
    for slot, index in enumerate(indexes):
        index._shared = shared
        index._slot = slot


class _SharedWords:
    """The words of several phrase lists together, analysed once a message word: its light stem, the
    words it is with an ending more or less, and those a typo search could read it as; each list's
    part of that is a set intersection with the list's own words, and a typo search of its own only
    when one of those readings is its word."""

    def __init__(self, indexes: list[PhraseIndex]):
        self._indexes = indexes
        self._words = frozenset(w for index in indexes for w in index.vocabulary)
        self._spellings = Spellings(self._words)
        by_stem: dict[str, set[str]] = {}
        with_ending: dict[str, set[str]] = {}
        for word in self._words:
            by_stem.setdefault(stem(word), set()).add(word)
            for ending in _ENDINGS:
                if word.endswith(ending):
                    with_ending.setdefault(word[: -len(ending)], set()).add(word)
        self._by_stem = {s: frozenset(w) for s, w in by_stem.items()}
        self._with_ending = {s: frozenset(w) for s, w in with_ending.items()}
        # (kept only for a word some list had no room to cache; every list's cache holds the rest)
        self._resolved: dict[str, tuple[frozenset[str], ...]] = {}
        # one object for each set of words the lists' caches hold ({"since"} in several lists, "leg" and "legs"
        # in one): each new object kept is one more for Python's garbage collector to walk, mid-message
        self._kept: dict[frozenset[str], frozenset[str]] = {}

    def resolve(self, token: str) -> tuple[frozenset[str], ...]:
        """`index._look_up(token)` for every list, in their order (each list caches its own)."""
        resolved = self._resolved.get(token)
        if resolved is not None:
            return resolved
        words = self._words
        stemmed = self._by_stem.get(stem(token), _NOTHING)
        written = frozenset((token,)) if token in words else _NOTHING
        ending: frozenset[str] = _NOTHING
        if len(token) >= 3:  # as in `_look_up`: an ending more ("pee" -> "peed") or less ("legs" -> "leg")
            bases = [token[: -len(e)] for e in _ENDINGS if token.endswith(e) and len(token) - len(e) >= 3]
            ending = self._with_ending.get(token, _NOTHING).union(b for b in bases if b in words)
        slips = self._spellings.slips(token) if len(token) >= 4 else {}
        misspelt = frozenset(slips) if slips else _NOTHING
        # everything any list could read it as (a typo fix is one of the words within the slips)
        anything = stemmed | written | ending | misspelt
        results = []
        for index in self._indexes:
            own = index._words
            if anything.isdisjoint(own):
                results.append(_NOTHING)
                continue
            found = ((stemmed if index._stems else written) | ending) & own
            # (a word of the list's own is its own closest spelling, and already found)
            if index._typos and len(token) >= 4 and token not in index._correct and token not in own \
                    and not misspelt.isdisjoint(own):
                # (its own typo search, read off the one over all the lists' words: the same word)
                fixed = closest_among(token, slips, own, lenient=index._lenient)
                if fixed is not None:
                    found = found | {fixed}
            if found and len(self._kept) < 20_000:
                found = self._kept.setdefault(found, found)
            results.append(found or _NOTHING)
        resolved = tuple(results)
        every_list = True
        for index, result in zip(self._indexes, resolved, strict=True):
            if len(index._cache) < 20_000:
                index._remember(token, result)
            else:
                every_list = False
        if not every_list and len(self._resolved) < 20_000:
            self._resolved[token] = resolved
        return resolved


def _tightest_span(position_lists: list[list[int]]) -> tuple[int, int] | None:
    """Smallest window holding one position from each list: a sweep over the merged positions.

    "gave blood on monday, my leg then suddenly gave way" holds "leg gave way" in its last four words,
    however far the first "gave" is.
    """
    if not position_lists or not all(position_lists):
        return None
    merged = sorted((pos, which) for which, positions in enumerate(position_lists) for pos in positions)
    needed = len(position_lists)
    inside = [0] * needed
    covered = 0
    best: tuple[int, int] | None = None
    left = 0
    for pos, which in merged:
        inside[which] += 1
        covered += inside[which] == 1
        while covered == needed:
            start, first = merged[left]
            if best is None or pos - start < best[1] - best[0]:
                best = (start, pos)
            inside[first] -= 1
            covered -= inside[first] == 0
            left += 1
    return best


def _first_in_order(position_lists: list[list[int]], width: int) -> tuple[int, int] | None:
    """The first window of at most `width` words holding one position of each list, in list order."""
    for start in position_lists[0]:
        at = start
        for positions in position_lists[1:]:
            following = [p for p in positions if p > at]
            if not following:
                return None
            at = following[0]
        if at - start + 1 <= width:
            return start, at
    return None
