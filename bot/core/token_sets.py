"""Which of an entry's phrasings can be its best under rapidfuzz's `fuzz.token_set_ratio`, told from
word counts and lengths alone, so that `cdist` scores only those (a long message against the
phrasings of the shortlisted entries is the matcher's largest single cost).

`token_set_ratio(a, b)` takes the sorted unique words of each side and is the highest of three
ratios: the common words against the common words plus either side's own words (two ratios that
depend only on lengths, so they are computed here exactly), and the two sides' own words against
each other, an Indel distance, which is at least the difference of their lengths, so that ratio is
at most `100 * (1 - |difference| / total)`. A phrasing whose upper bound is below the exact lower
bound of another phrasing of the same entry cannot be that entry's best, and is left out. The
matcher keeps only each entry's best score, so its scores are unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["TokenSets"]

# Up to this many phrasings (the shipped FAQ has about 850), every entry's word sets are read when the
# matcher is built: about 10 ms a thousand phrasings.
EAGER_PHRASINGS = 2_000
# A query of fewer distinct words is cheap to score against every phrasing: no bounds then.
FEWEST_WORDS = 8
# Bounds are computed in floating point: a phrasing is dropped only when clearly below.
_MARGIN = 1e-9


@dataclass(frozen=True)
class _Entry:
    """One entry's phrasings as word sets, one phrasing of each distinct set: their global indexes, for
    each its number of distinct words and their total length plus one a word, and at which offsets (into
    `phrasings`) each word occurs."""

    phrasings: np.ndarray
    counts: np.ndarray
    spans: np.ndarray
    where: dict[str, np.ndarray]


class TokenSets:
    """The phrasings of one FAQ as word sets, for `worth_scoring`. Read up front for an FAQ of up to
    EAGER_PHRASINGS phrasings (else the first question to shortlist an entry would pay for reading it,
    about a millisecond); a larger FAQ's entries are read the first time they are shortlisted, so that
    it starts fast. Nothing else changes after construction."""

    def __init__(self, texts: Sequence[str], entry_phrasings: Sequence[np.ndarray]):
        self._texts = texts
        self._entry_phrasings = entry_phrasings
        self._entries: dict[int, _Entry] = {}
        self._flat: _Flat | None = None
        if sum(len(ids) for ids in entry_phrasings) <= EAGER_PHRASINGS:
            self._flat = _Flat([self._entry(e) for e in range(len(entry_phrasings))])

    def worth_scoring(self, query: str, entries: Sequence[int]) -> np.ndarray:
        """The phrasings of `entries` (their global indexes, entry by entry) that may be their entry's
        best for `query` under `token_set_ratio`: for a short query, all of them (one of each set of words
        when the entries were read up front)."""
        words = set(query.split())
        if not entries:
            return np.zeros(0, dtype=np.int32)
        if len(words) < FEWEST_WORDS:
            if self._flat is not None:  # (one phrasing of each set of words: the others score the same)
                return np.concatenate([self._flat.distinct[e] for e in entries])
            return np.concatenate([self._entry_phrasings[e] for e in entries])
        if self._flat is not None:
            return self._flat.worth_scoring(words, entries)
        read = [entry for entry in (self._entry(e) for e in entries) if len(entry.phrasings)]
        if not read:
            return np.zeros(0, dtype=np.int32)
        common: list[np.ndarray] = []
        common_span: list[np.ndarray] = []
        for entry in read:
            hits = [(entry.where[w], len(w) + 1) for w in words if w in entry.where]
            size = len(entry.phrasings)
            if not hits:
                common.append(np.zeros(size))
                common_span.append(np.zeros(size))
                continue
            at = np.concatenate([offsets for offsets, _ in hits])
            weights = np.repeat([span for _, span in hits], [len(offsets) for offsets, _ in hits])
            common.append(np.bincount(at, minlength=size).astype(np.float64))
            common_span.append(np.bincount(at, weights=weights, minlength=size))
        lower, upper = _bounds(
            len(words), sum(len(w) + 1 for w in words),
            np.concatenate([e.counts for e in read]), np.concatenate([e.spans for e in read]),
            np.concatenate(common), np.concatenate(common_span),
        )
        sizes = [len(e.phrasings) for e in read]
        starts = np.cumsum([0, *sizes[:-1]])
        best_lower = np.repeat(np.maximum.reduceat(lower, starts), sizes)
        return np.concatenate([e.phrasings for e in read])[upper >= best_lower - _MARGIN]

    def _entry(self, e: int) -> _Entry:
        entry = self._entries.get(e)
        if entry is None:
            # phrasings of the same words score alike (`token_set_ratio` reads only the set): one of each
            seen: dict[frozenset[str], int] = {}
            for p in self._entry_phrasings[e].tolist():
                seen.setdefault(frozenset(self._texts[p].split()), p)
            phrasings = np.array(list(seen.values()), dtype=self._entry_phrasings[e].dtype)
            word_sets = list(seen)
            where: dict[str, list[int]] = {}
            for offset, word_set in enumerate(word_sets):
                for word in word_set:
                    where.setdefault(word, []).append(offset)
            entry = _Entry(
                phrasings,
                np.array([len(s) for s in word_sets], dtype=np.float64),
                np.array([sum(len(w) + 1 for w in s) for s in word_sets], dtype=np.float64),
                {w: np.array(o, dtype=np.intp) for w, o in where.items()},
            )
            self._entries[e] = entry
        return entry


class _Flat:
    """Every entry's word sets in one run of arrays (a small FAQ's, read up front), so that a query's
    words in common with all of them are counted in one pass, not one pass an entry; `worth_scoring`
    gives exactly what `TokenSets.worth_scoring` gives entry by entry (its sums are of whole numbers)."""

    def __init__(self, entries: list[_Entry]):
        sizes = [len(e.phrasings) for e in entries]
        starts = np.cumsum([0, *sizes]).tolist()
        self.size = starts[-1]
        self.ranges = [np.arange(starts[i], starts[i + 1]) for i in range(len(entries))]
        self.sizes = sizes
        self.phrasings = np.concatenate([e.phrasings for e in entries]) if entries else np.zeros(0, dtype=np.int32)
        self.distinct = [e.phrasings for e in entries]  # each entry's phrasings, one of each set of words
        self.counts = np.concatenate([e.counts for e in entries]) if entries else np.zeros(0)
        self.spans = np.concatenate([e.spans for e in entries]) if entries else np.zeros(0)
        where: dict[str, list[np.ndarray]] = {}
        for start, entry in zip(starts, entries, strict=False):
            for word, offsets in entry.where.items():
                where.setdefault(word, []).append(offsets + start)
        self.where = {w: np.concatenate(o) for w, o in where.items()}
        # each word's span (length + 1) once for each phrasing it is in, as `where` lists them: the weights
        # of a query's words in common, read at once, not repeated out of two lists for every query
        self.word_spans = {w: np.full(len(o), len(w) + 1, dtype=np.float64) for w, o in self.where.items()}

    def worth_scoring(self, words: set[str], entries: Sequence[int]) -> np.ndarray:
        read = [e for e in entries if self.sizes[e]]
        if not read:
            return np.zeros(0, dtype=np.int32)
        hits = [w for w in words if w in self.where]
        if hits:
            at = np.concatenate([self.where[w] for w in hits])
            weights = np.concatenate([self.word_spans[w] for w in hits])
            common = np.bincount(at, minlength=self.size).astype(np.float64)
            common_span = np.bincount(at, weights=weights, minlength=self.size)
        else:
            common = common_span = np.zeros(self.size)
        chosen = np.concatenate([self.ranges[e] for e in read])
        lower, upper = _bounds(
            len(words), sum(len(w) + 1 for w in words), self.counts[chosen], self.spans[chosen], common[chosen],
            common_span[chosen],
        )
        sizes = [self.sizes[e] for e in read]
        starts = np.cumsum([0, *sizes[:-1]])
        best_lower = np.repeat(np.maximum.reduceat(lower, starts), sizes)
        kept: np.ndarray = self.phrasings[chosen][upper >= best_lower - _MARGIN]
        return kept


def _bounds(query_count: int, query_span: int, counts: np.ndarray, spans: np.ndarray, common: np.ndarray,
            common_span: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper bounds of `token_set_ratio` (0-100) of the query against each phrasing.

    A side's sorted unique words joined by single spaces are `span - 1` characters long, where `span`
    is the sum of (length + 1) over its words. With `common` words in common, of span S > 0, and words
    of its own on both sides, rapidfuzz's three ratios come to: the common words against the common
    words plus the query's own, 100 - 100 (Q - S) / (Q + S - 2), the same with the phrasing's span P,
    and the own words against each other, at most 100 - 100 |Q - P| / (Q + P - 2), as with no common
    word at all (when the first two are 0).
    """
    q, p, s = float(query_span), spans, common_span
    if q > 2:
        return _bounds_of_a_long_query(query_count, q, counts, p, common, s)
    with np.errstate(divide="ignore", invalid="ignore"):
        indel_upper = np.where(q + p > 2, 100 - 100 * np.abs(q - p) / (q + p - 2), 100)
        shared = common > 0
        lower = np.where(shared, np.maximum(100 - 100 * (q - s) / (q + s - 2), 100 - 100 * (p - s) / (p + s - 2)), 0)
    upper = np.maximum(indel_upper, lower)
    # one side's words all among the other's: 100; a phrasing without words: 0
    whole = shared & ((common == query_count) | (common == counts))
    lower = np.where(whole, 100, np.where(counts > 0, lower, 0))
    upper = np.where(whole, 100, np.where(counts > 0, upper, 0))
    return lower, upper


def _bounds_of_a_long_query(query_count: int, q: float, counts: np.ndarray, p: np.ndarray, common: np.ndarray,
                            s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`_bounds` for a query of span `q` > 2 (any query of FEWEST_WORDS words), in fewer numpy passes and to the
    bit the same: every sum and difference here is of whole numbers, so exact in any order, and each ratio is
    the same `100 - 100 * a / b` of the same two whole numbers. Nothing is divided by zero: `q + p - 2` and
    `q + s - 2` are positive, and `p + s - 2` is at least 2 wherever a word is shared (s >= 2, p >= s), the only
    places its ratio is kept."""
    q2 = q - 2
    shared = common > 0
    # `100 - 100 * (q - s) / (s + q2)` and `100 - 100 * |q - p| / (p + q2)` side by side, one pass each step
    # for both (the same operations on the same numbers, in place: the time is numpy's per call)
    ratios = np.stack((s, p))
    denominators = ratios + q2
    np.subtract(q, ratios, out=ratios)
    np.abs(ratios[1], out=ratios[1])
    ratios *= 100
    ratios /= denominators
    np.subtract(100, ratios, out=ratios)
    lower, upper = ratios[0], ratios[1]
    other = 100 * (p - s)
    # (divided only where a word is shared: elsewhere `p + s - 2` may be 0, and the ratio is not kept)
    np.divide(other, p + s - 2, out=other, where=shared)
    np.maximum(lower, 100 - other, out=lower)
    lower = np.where(shared, lower, 0)
    np.maximum(upper, lower, out=upper)
    # one side's words all among the other's: 100; a phrasing without words: 0 (it shares none: `lower` is 0)
    whole = shared & ((common == query_count) | (common == counts))
    if whole.any():
        lower[whole] = 100
        upper[whole] = 100
    if not counts.all():
        upper[(counts <= 0) & ~whole] = 0
    return lower, upper
