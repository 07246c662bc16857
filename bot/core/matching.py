"""Matching a patient's question to the FAQ: `answer`, `suggest` or `fallback`, never a confident guess.

How a question is scored against each entry (all on words cleaned by `bot.core.normalise`):
- coverage: how much of what the question says is explained by the entry's words, each word
  weighted by how rare it is across entries ("who" and "anaesthetist" tell entries apart, "injection"
  does not). Topic words the FAQ has never seen ("ibuprofen", "insurance") count against every entry,
  which is what keeps look-alike out-of-scope questions from being answered.
- fuzzy: rapidfuzz's token-set similarity with the entry's closest phrasing, for typos and word order.
- (overlap with the single closest phrasing, and whole-message similarity, are there for tuning;
  their weights are 0 in the tuned `Thresholds`.)
An `answer` needs a high score and a clear lead over the best *other* entry (or the message being,
give or take a typo, one of that entry's own phrasings); a plausible but unsure or tied result is a
`suggest`; a topic staff marked as not covered, or anything else, is a `fallback`.

Large FAQs stay fast: phrasings are cleaned once at load; word coverage of every entry is a few numpy
additions; only the phrasings of the few best-covering entries go to rapidfuzz, in one `cdist` call.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from rapidfuzz import fuzz, process

from bot.core.knowledge import Faq
from bot.core.language import language
from bot.core.normalise import SynonymRewriter, TypoRepair, by_initial, closest_spelling, stem, words
from bot.core.phrases import PhraseIndex

_EN = language()
# Words that carry no topic, and words that say nothing about which entry fits (language data).
FILLER = _EN.filler
NEUTRAL = _EN.neutral


# Only the phrasings of the SHORTLIST entries whose words cover the question best go to the fuzzy
# scorer: it refines the ranking among plausible entries, and this keeps its cost flat at any FAQ size.
SHORTLIST = 3
# Words from which a topic not covered may be mere context in the message (see Matcher.match).
CONTEXT_WORDS = 12
# Words beyond which a message counts as long (see Matcher.query).
LONG_MESSAGE = 24


@dataclass(frozen=True)
class Thresholds:
    """The knobs, tuned on the tuning split only by -m bot.staff.tuning (see docs/accuracy.md)."""

    answer: float = 49.0  # best score needed to answer
    margin: float = 18.0  # lead over the best other entry needed to answer
    suggest: float = 28.0  # best score needed to suggest anything
    suggest_within: float = 20.0  # other entries this close to the best are suggested too
    unknown_weight: float = 5.0  # weight of a topic word the FAQ has never seen
    w_coverage: float = 0.7
    w_overlap: float = 0.0
    w_fuzzy: float = 0.3
    w_exact: float = 0.0
    scorer: str = "token_set_ratio"
    pair_weight: float = 1.0  # weight of an adjacent word pair the FAQ uses, relative to its rarity
    unknown_damping: float = 0.0  # power of the known share that scales every score
    verbatim: float = 0.92  # whole-message similarity to one phrasing that counts as "the same words"


@dataclass(frozen=True)
class Match:
    """The matcher's decision. `entry_ids` holds the answer, or up to three suggestions, best first.

    `nearest` is the best entry whatever the outcome (for staff reports) and `score` its score.
    """

    kind: Literal["answer", "suggest", "fallback"]
    entry_ids: tuple[str, ...]
    score: float
    nearest: str | None = None


@dataclass(frozen=True)
class Query:
    """A question after cleaning: the stems that count, their weights, and the text for fuzzy scoring."""

    stems: tuple[str, ...]
    weights: tuple[float, ...]
    text: str
    unknown: tuple[str, ...]
    unknown_weight: float = 5.0  # weight of a topic word the FAQ has never seen

    @property
    def known_share(self) -> float:
        """Share of the question's weight carried by words the FAQ knows (1.0 when all are known)."""
        total = sum(self.weights)
        return 1.0 if total <= 0 else max(0.0, 1 - self.unknown_weight / total)


class Matcher:
    """Index of one FAQ's phrasings. Built once per load; `match` is safe to call from any thread."""

    def __init__(self, faq: Faq, thresholds: Thresholds | None = None):
        self.faq = faq
        self.thresholds = thresholds or Thresholds()
        self.entry_ids = tuple(e.id for e in faq.entries)
        self._synonyms = SynonymRewriter(faq.synonyms)
        # No typo repair here: it would read 'showed' as 'shower'. Endings still count ('recovered').
        self._not_covered = PhraseIndex(faq.not_covered, typos=False)

        counts = faq.word_counts
        phrasing_words = faq.phrasing_words
        self._spelling = _misspellings(counts)
        vocabulary = set(counts) - set(self._spelling)
        for canonical, variants in faq.synonyms:
            vocabulary.update(words(canonical))
            for variant in variants:
                vocabulary.update(words(variant))
        # Misspelt filler ('realy', 'shoud') is repaired too, so it is not mistaken for a topic word.
        self._typos = TypoRepair(vocabulary | FILLER | NEUTRAL)

        # Phrasings, cleaned once.
        self._phrasing_entry: list[int] = []
        self._phrasing_texts: list[str] = []
        self._phrasing_stems: list[frozenset[str]] = []
        entry_stem_counts: list[Counter[str]] = [Counter() for _ in faq.entries]
        entry_phrasings: list[list[int]] = [[] for _ in faq.entries]
        for e_index, entry_words in enumerate(phrasing_words):
            for raw in entry_words:
                tokens = self._synonyms.rewrite([self._spelling.get(w, w) for w in raw])
                stems = frozenset(_with_pairs([stem(t) for t in tokens if t not in FILLER]))
                entry_phrasings[e_index].append(len(self._phrasing_texts))
                self._phrasing_entry.append(e_index)
                self._phrasing_texts.append(" ".join(tokens))
                self._phrasing_stems.append(stems)
                entry_stem_counts[e_index].update(stems)
        self._phrasing_entry_arr = np.array(self._phrasing_entry, dtype=np.int32)
        self._entry_phrasings = [np.array(ids, dtype=np.int32) for ids in entry_phrasings]

        # Rarity of each stem across entries, and how strongly each entry owns it (the share of its
        # phrasings that use it), as arrays so a question's coverage of every entry is a few numpy adds.
        n = max(1, len(faq.entries))
        owners: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for e_index, entry in enumerate(faq.entries):
            total = len(entry.phrasings)
            for s, c in entry_stem_counts[e_index].items():
                owners[s].append((e_index, 0.6 + 0.4 * min(1.0, 4 * c / total)))
        self._idf = {s: math.log((n + 1) / (len(o) + 0.5)) for s, o in owners.items()}
        self._stem_entries = {s: np.array([e for e, _ in o], dtype=np.int32) for s, o in owners.items()}
        self._stem_credit = {s: np.array([c for _, c in o], dtype=np.float64) for s, o in owners.items()}
        self._phrasing_weight = [sum(self._idf.get(s, 0.0) for s in stems) for stems in self._phrasing_stems]

    # ------------------------------------------------------------------ cleaning

    def query(self, text: str, *, tokens: list[str] | None = None) -> Query:
        """Clean a message the way phrasings were cleaned, with typo repair and stem weights.
        `tokens` are `words(text)` when the caller already has them."""
        raw = [self._typos.repair(w) for w in (words(text) if tokens is None else tokens)]
        tokens = self._synonyms.rewrite(raw)
        stems: list[str] = []
        weights: list[float] = []
        unknown: list[str] = []
        for token in tokens:
            if token in FILLER:
                continue
            s = stem(token)
            if s in stems:
                continue
            idf = self._idf.get(s)
            if idf is None:
                if token in NEUTRAL or len(token) <= 2 or token.isdigit():
                    continue
                unknown.append(token)
                idf = self.thresholds.unknown_weight
            stems.append(s)
            weights.append(idf)
        # Adjacent word pairs ("how work" against "work") count only where the FAQ uses them.
        for pair in _pairs(stems):
            idf = self._idf.get(pair)
            if idf is not None and pair not in stems:
                stems.append(pair)
                weights.append(idf * self.thresholds.pair_weight)
        unknown_total = len(unknown) * self.thresholds.unknown_weight
        # For the fuzzy scorer a long message keeps only its meaningful words: the scorer's cost grows
        # with length, and filler says nothing about which entry fits.
        text = " ".join(tokens) if len(tokens) <= LONG_MESSAGE else " ".join(t for t in tokens if t not in FILLER)
        return Query(tuple(stems), tuple(weights), text, tuple(unknown), unknown_total)

    # ------------------------------------------------------------------ scoring

    def _scores(self, q: Query) -> np.ndarray:
        """Score 0-100 of every entry, as an array indexed like `entry_ids`."""
        t = self.thresholds
        coverage, overlap, fuzzy, exact = self._component_arrays(q, with_exact=t.w_exact > 0)
        # Words the FAQ has never seen make every entry less likely to be what was asked.
        damping = q.known_share**t.unknown_damping
        return 100 * damping * (t.w_coverage * coverage + t.w_overlap * overlap + t.w_fuzzy * fuzzy + t.w_exact * exact)

    def components(self, q: Query) -> dict[int, tuple[float, float, float, float]]:
        """Per entry index: (coverage, overlap, fuzzy, exact), each 0..1, for entries sharing anything."""
        arrays = self._component_arrays(q, with_exact=True)
        coverage, _, fuzzy, _ = arrays
        return {
            int(e): tuple(float(a[e]) for a in arrays)  # type: ignore[misc]
            for e in np.flatnonzero((coverage > 0) | (fuzzy > 0))
        }

    def _component_arrays(self, q: Query, *, with_exact: bool) -> tuple[np.ndarray, ...]:
        n = len(self.entry_ids)
        coverage = np.zeros(n)
        overlap = np.zeros(n)
        fuzzy = np.zeros(n)
        exact = np.zeros(n)
        if n == 0 or (not q.stems and not q.text):
            return coverage, overlap, fuzzy, exact
        total = sum(q.weights) or 1.0
        for s, w in zip(q.stems, q.weights, strict=True):
            owners = self._stem_entries.get(s)
            if owners is not None:
                coverage[owners] += w * self._stem_credit[s]
        np.minimum(coverage / total, 1.0, out=coverage)

        candidates = self._candidates(coverage)
        if not len(candidates):
            return coverage, overlap, fuzzy, exact
        texts = [self._phrasing_texts[p] for p in candidates.tolist()]
        owners = self._phrasing_entry_arr[candidates]
        scorer = getattr(fuzz, self.thresholds.scorer)
        # One rapidfuzz call over every candidate phrasing; each entry keeps its best phrasing's score.
        similarity = process.cdist([q.text], texts, scorer=scorer, dtype=np.uint8, workers=1)[0]
        np.maximum.at(fuzzy, owners, similarity / 100)
        if with_exact:
            # Whole-message similarity: rewards a near-verbatim phrasing, not one that merely contains it.
            similarity = process.cdist([q.text], texts, scorer=fuzz.ratio, dtype=np.uint8, workers=1)[0]
            np.maximum.at(exact, owners, similarity / 100)
        if self.thresholds.w_overlap > 0:
            weights = dict(zip(q.stems, q.weights, strict=True))
            for p, e in zip(candidates.tolist(), owners.tolist(), strict=True):
                shared = sum(weights[s] for s in self._phrasing_stems[p] if s in weights)
                if shared:
                    overlap[e] = max(overlap[e], min(1.0, 2 * shared / (total + self._phrasing_weight[p])))
        return coverage, overlap, fuzzy, exact

    def _candidates(self, coverage: np.ndarray) -> np.ndarray:
        """Phrasings worth the fuzzy scorer: those of the entries whose words cover the question best
        (typos were already repaired word by word, so a misspelt question still shortlists)."""
        shortlist = min(SHORTLIST, len(coverage))
        best = np.argpartition(-coverage, shortlist - 1)[:shortlist]
        best = best[coverage[best] > 0]
        if not len(best):
            return np.zeros(0, dtype=np.int32)
        return np.concatenate([self._entry_phrasings[e] for e in best.tolist()])

    # ------------------------------------------------------------------ deciding

    def match(self, text: str) -> Match:
        """Decide answer / suggest / fallback for one message. Never raises on odd text."""
        t = self.thresholds
        tokens = words(text)
        q = self.query(text, tokens=tokens)
        if not q.stems and not q.text.strip():
            return Match("fallback", (), 0.0)
        scores = self._scores(q)
        if not len(scores):
            return Match("fallback", (), 0.0)
        top = _top3(scores)
        best_index, best = int(top[0]), float(scores[top[0]])
        nearest = self.entry_ids[best_index]
        if best <= 0:
            return Match("fallback", (), 0.0)
        runner_up = float(scores[top[1]]) if len(top) > 1 else 0.0
        # A topic the FAQ does not cover ("cost", "driving") is never answered: a short question about
        # it gets the fallback. In a longer message it may be context ("I get migraines already... how
        # common is the headache after?"): when an entry fits well, it is offered as a suggestion.
        if self._not_covered.find(tokens):
            if len(tokens) >= CONTEXT_WORDS and best >= t.answer:
                return Match("suggest", self._close_to(best, top, scores), best, nearest)
            return Match("fallback", (), best, nearest)
        if best >= t.answer and (best - runner_up >= t.margin or self._verbatim(q, best_index, top)):
            return Match("answer", (nearest,), best, nearest)
        if best >= t.suggest:
            return Match("suggest", self._close_to(best, top, scores), best, nearest)
        return Match("fallback", (), best, nearest)

    def _close_to(self, best: float, top: np.ndarray, scores: np.ndarray) -> tuple[str, ...]:
        """The top entries within `suggest_within` of the best, best first."""
        return tuple(self.entry_ids[i] for i in top.tolist() if best - scores[i] <= self.thresholds.suggest_within)

    def scores(self, text: str) -> dict[str, float]:
        """Score (0-100) of every entry that shares anything with the question (for tools and tests)."""
        scores = self._scores(self.query(text))
        return {self.entry_ids[i]: float(scores[i]) for i in np.flatnonzero(scores > 0)}

    def _verbatim(self, q: Query, best_index: int, top: np.ndarray) -> bool:
        """The message is, give or take a typo, one of the best entry's own phrasings and clearly not
        another entry's: staff vetted that exact wording, so it may be answered despite a small lead."""
        if len(top) < 2:
            return True
        best = self._closest_wording(q, best_index)
        other = self._closest_wording(q, int(top[1]))
        return best >= self.thresholds.verbatim and best - other >= 0.1

    def _closest_wording(self, q: Query, entry_index: int) -> float:
        texts = [self._phrasing_texts[p] for p in self._entry_phrasings[entry_index].tolist()]
        best = process.extractOne(q.text, texts, scorer=fuzz.ratio)
        return best[1] / 100 if best else 0.0

    def not_covered(self, text: str) -> str | None:
        """The staff phrase of a topic the FAQ does not cover that this message is about, if any."""
        hits = self._not_covered.find(words(text))
        return hits[0].phrase.text if hits else None


def _misspellings(counts: Counter[str]) -> dict[str, str]:
    """Staff sometimes write typos into alternates on purpose ("how does it wrok"). Fold a word used
    once into a much commoner word it is a near spelling of, so the typo does not become a keyword."""
    common = by_initial(w for w, c in counts.items() if c >= 3 and len(w) >= 4)
    fixes = {}
    for word, count in counts.items():
        if count == 1 and len(word) >= 4 and word not in FILLER:
            best = closest_spelling(word, common.get(word[0], ()))
            if best and best != word and stem(best) != stem(word):
                fixes[word] = best
    return fixes


def _top3(scores: np.ndarray) -> np.ndarray:
    """Indexes of the three best scores, best first (ties: lower index first)."""
    if len(scores) > 3:
        part = np.argpartition(-scores, 2)[:3]
        return part[np.lexsort((part, -scores[part]))]
    return np.argsort(-scores, kind="stable")


def _pairs(stems: Sequence[str]) -> list[str]:
    return [f"{a}+{b}" for a, b in zip(stems, stems[1:], strict=False)]


def _with_pairs(stems: list[str]) -> list[str]:
    return stems + _pairs(stems)
