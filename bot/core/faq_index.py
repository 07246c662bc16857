"""One FAQ's phrasings, cleaned and indexed once per load, and a message read the same way.

What the index knows of each entry, all derived from the entry's own question and alternates (staff
maintain nothing new):
- the stems of every phrasing, each stem's rarity across entries, and how strongly each entry owns it;
- its subject: the stems mostly used by this entry and not by the others ("headach" for the headache
  entry, "who" and "doctor" for who-performs), never a word that only frames a question ("how long");
- its aspects: what its phrasings ask (what it is, how long, is it safe...; language data).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np

from bot.core.knowledge import Faq, Phrase
from bot.core.language import Language
from bot.core.normalise import SynonymRewriter, TypoRepair, by_initial, closest_spelling, words
from bot.core.phrases import PhraseIndex

__all__ = ["FaqIndex", "Query"]

# An entry owns a stem when it uses it at least this share of all entries' use of it (each entry's use
# measured as the share of its phrasings with the stem, so a long entry does not own everything).
OWNERSHIP = 0.5
# ...or when at least PROMINENT of its phrasings use it, DISTINCT times as often as the other entries do
# on average ("interlaminar" for what-are-interlaminar-injections, though other entries use it too).
PROMINENT = 0.25
DISTINCT = 2.0
COMMON_SHARE = 0.1
# A subject word needs the word after it when at least NEXT_WORD_SHARE of its entry's phrasings with it
# (and NEXT_WORD_MIN of them) put that word after it.
NEXT_WORD_SHARE = 0.75
NEXT_WORD_MIN = 3
# Credit of a word an entry's answer uses and its phrasings do not (a phrasing's word gets 0.6 to 1).
ANSWER_CREDIT = 0.3
ASPECT_MARK = "@"
# A subject word most of an entry's phrasings use names what the entry is about ("headache", "chronic"),
# not a word some of them happen to use ("job" of "it is ruining my job", the "else" of "what else").
KEY_SHARE = 0.5
# An aspect at least this share of an entry's phrasings ask is what the entry is about.
DEFINING = 0.2
# An entry with this many phrasings shows every aspect it answers; a thinner one may answer more.
ASPECT_EVIDENCE = 20
# Words beyond which a message counts as long (the fuzzy scorer then reads only its meaningful words).
LONG_MESSAGE = 24


@dataclass(frozen=True)
class Query:
    """A message after cleaning, read once and passed down: its words, the stems that count and their
    weights, the text for fuzzy scoring, its aspects, and the entries it is about."""

    tokens: tuple[str, ...]  # `words(text)`, before synonyms and typo repair
    phrased: tuple[str, ...]  # the same with staff synonyms of several words rewritten ("head hurts")
    stems: tuple[str, ...]
    weights: tuple[float, ...]
    text: str
    unknown: tuple[str, ...]
    aspects: frozenset[str]
    about: frozenset[int]  # indexes of the entries whose subject the question uses
    asked_of: frozenset[int] = frozenset()  # entries mostly asked what it asks (may be suggested)

    @property
    def empty(self) -> bool:
        return not self.stems and not self.text.strip()


class FaqIndex:
    """The phrasings of one FAQ, cleaned once. Read-only after construction."""

    def __init__(self, faq: Faq, lang: Language, *, unknown_weight: float, cleaned: dict[Any, Any] | None = None):
        self.faq = faq
        self.lang = lang
        self.unknown_weight = unknown_weight
        self.entry_ids = tuple(e.id for e in faq.entries)
        self.synonyms, synonym_words = _synonyms(faq.synonyms)
        # a topic not covered is looked for in the message as read, multi-word synonyms rewritten: a staff
        # phrase holding one is looked for rewritten too ("long term relief" as "chronic relief", since
        # "long term" is read as "chronic"); `as_written` gives back the staff's own wording
        self.as_written: dict[Phrase, Phrase] = {}
        for phrase in faq.not_covered:
            tokens = words(phrase.text)
            rewritten = self.synonyms.rewrite(tokens, phrases_only=True)
            if rewritten != tokens:
                self.as_written[replace(phrase, text=" ".join(rewritten))] = phrase
        self.not_covered = _not_covered((*faq.not_covered, *self.as_written))
        self.procedure_names = frozenset(p.text.casefold() for p in faq.procedure_names)

        counts = faq.word_counts
        self._spelling = _misspellings(counts, lang)
        vocabulary = (set(counts) - set(self._spelling)) | synonym_words
        # Misspelt filler ('realy', 'shoud') is repaired too, so it is not mistaken for a topic word.
        # The words that frame a question or ask what it asks are words as they stand, even where no
        # phrasing uses them: "different" is not a slip of "difference" ("are there different kinds?").
        framing = lang.skeleton | {w for cue in lang.cues for w in cue.words if w.isalpha()}
        self.typos = TypoRepair(vocabulary | lang.filler | lang.neutral | lang.small_talk | framing)

        self.phrasing_entry: list[int] = []
        self.phrasing_texts: list[str] = []
        phrasing_stems: list[frozenset[str]] = []
        entry_stem_counts: list[Counter[str]] = [Counter() for _ in faq.entries]
        entry_phrasings: list[list[int]] = [[] for _ in faq.entries]
        entry_aspects: list[Counter[str]] = [Counter() for _ in faq.entries]
        for e_index, entry_words in enumerate(faq.phrasing_words):
            for raw in entry_words:
                done = cleaned.get(raw) if cleaned is not None else None
                if done is None:
                    tokens = self.synonyms.rewrite([self._spelling.get(w, w) for w in raw])
                    stems = frozenset(_with_pairs([lang.stem(t) for t in tokens if t not in lang.filler]))
                    done = (" ".join(tokens), stems, lang.aspects_of(self.synonyms.rewrite(raw, phrases_only=True)))
                    if cleaned is not None:
                        cleaned[raw] = done
                text, stems, asked = done
                # what it asks counts as a word too ("@mechanism"), so "how do these injections work"
                # finds the entry asked how they work even in other words
                stems = stems | {ASPECT_MARK + a for a in asked - lang.weak_aspects}
                entry_phrasings[e_index].append(len(self.phrasing_texts))
                self.phrasing_entry.append(e_index)
                self.phrasing_texts.append(text)
                phrasing_stems.append(stems)
                entry_stem_counts[e_index].update(stems)
                entry_aspects[e_index].update(asked)
        self.phrasing_entry_arr = np.array(self.phrasing_entry, dtype=np.int32)
        self.entry_phrasings = [np.array(ids, dtype=np.int32) for ids in entry_phrasings]

        # Rarity of each stem across entries, and how strongly each entry owns it (the share of its
        # phrasings that use it), as arrays so a question's coverage of every entry is a few numpy adds.
        n = max(1, len(faq.entries))
        owners: dict[str, list[tuple[int, float]]] = defaultdict(list)
        answer_stems: dict[int, frozenset[str]] = {}
        shares: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for e_index, entry in enumerate(faq.entries):
            total = len(entry.phrasings)
            for s, c in entry_stem_counts[e_index].items():
                owners[s].append((e_index, 0.6 + 0.4 * min(1.0, 4 * c / total)))
                shares[s].append((e_index, c / total))
            # The answer's own words are weak evidence too: a thin entry's few alternates miss many of
            # the words patients use, and its answer often has them ("pain management specialists").
            # (An entry with many alternates has those words already, and its answer's would only blur it.)
            if total < ASPECT_EVIDENCE:
                from_answer = self._answer_stems(entry.answer) - entry_stem_counts[e_index].keys()
                for s in from_answer:
                    owners[s].append((e_index, ANSWER_CREDIT))
                answer_stems[e_index] = frozenset(from_answer)
        self.idf = {s: math.log((n + 1) / (len(o) + 0.5)) for s, o in owners.items()}
        self.stem_entries = {s: np.array([e for e, _ in o], dtype=np.int32) for s, o in owners.items()}
        self.stem_credit = {s: np.array([c for _, c in o], dtype=np.float64) for s, o in owners.items()}

        # stems a third of the entries or more use often (in a tenth of their phrasings): they say nothing
        # about which entry fits ("pain", "injection")
        self.common = frozenset(
            s for s, used in shares.items() if sum(v >= COMMON_SHARE for _, v in used) >= max(2, n / 3)
        )
        # Subjects: stem -> the entries that own it, for stems that are not mere question framing.
        skeleton = {lang.stem(w) for w in lang.skeleton} | lang.skeleton
        self.skeleton = frozenset(skeleton)
        self.entry_stems = [frozenset(c) for c in entry_stem_counts]
        # Words that make a question related to an entry (and so one it may be suggested for): its
        # phrasings' words, and for a thin entry its answer's words too.
        self.related_stems = [stems | answer_stems.get(e_index, frozenset())
                              for e_index, stems in enumerate(self.entry_stems)]
        self.subject_of: dict[str, set[int]] = {}
        for s, used in shares.items():
            if "+" in s or s.startswith(ASPECT_MARK) or s in skeleton or s in self.common:
                continue
            total_share = sum(v for _, v in used)
            for e_index, share in used:
                others = (total_share - share) / max(1, n - 1)
                if share / total_share >= OWNERSHIP or (share >= PROMINENT and share >= DISTINCT * others):
                    self.subject_of.setdefault(s, set()).add(e_index)
        self.subjects: list[frozenset[str]] = [frozenset() for _ in faq.entries]
        by_entry: dict[int, set[str]] = defaultdict(set)
        for s, e_indexes in self.subject_of.items():
            for e_index in e_indexes:
                by_entry[e_index].add(s)
        for e_index, subject in by_entry.items():
            self.subjects[e_index] = frozenset(subject)
        self.key_subjects = [
            frozenset(s for s in subject if entry_stem_counts[e_index][s] >= KEY_SHARE * len(entry.phrasings))
            for e_index, (subject, entry) in enumerate(zip(self.subjects, faq.entries, strict=True))]

        # A subject word is the subject only with the word its entry nearly always puts after it: the
        # other-procedures entry is about "nerve root blocks" and "facet joint injections", so "what is a
        # nerve root?" or "what are facet joints?" is not about it.
        self.next_word: dict[tuple[int, str], str] = {}
        for e_index, entry_subject in enumerate(self.subjects):
            rows = [phrasing_stems[p] for p in entry_phrasings[e_index]]
            for s in entry_subject:
                with_s = [r for r in rows if s in r]
                if len(with_s) < NEXT_WORD_MIN:
                    continue
                # (each phrasing's pairs in a fixed order: `most_common` keeps the first counted of a tie)
                after = Counter(pair.split("+", 1)[1] for r in with_s for pair in sorted(r) if pair.startswith(s + "+"))
                if after:
                    t, count = after.most_common(1)[0]
                    # a framing word is not part of a subject ("headache after" says when, not what)
                    if count >= NEXT_WORD_SHARE * len(with_s) and t not in skeleton:
                        self.next_word[(e_index, s)] = t

        # Aspects an entry answers: asked by any of its phrasings (staff vetted each one as answered).
        self.aspects = [frozenset(asked) for asked in entry_aspects]
        # ...and what it is mostly asked: an entry about the procedure as a whole (who does it, how it
        # works, is it safe) may be offered to any question that asks that.
        self.defining = [
            frozenset(a for a, c in asked.items() if c >= DEFINING * len(e.phrasings) and a not in lang.weak_aspects)
            for e, asked in zip(faq.entries, entry_aspects, strict=True)
        ]
        # ...but not what its answer says the source does not tell (what it is mostly asked aside).
        for e_index, entry in enumerate(faq.entries):
            disclaimed = lang.disclaimed(entry.answer)
            if disclaimed is None:
                disclaimed = self.aspects[e_index] - lang.weak_aspects
            self.aspects[e_index] = self.aspects[e_index] - (disclaimed - self.defining[e_index])
        # ...and whether it has phrasings enough for what it does not ask to mean it does not answer it
        self.aspects_known = [len(e.phrasings) >= ASPECT_EVIDENCE for e in faq.entries]
        self.answered_aspects = frozenset(a for aspects in self.aspects for a in aspects)
        # what some entry is mostly asked (how it works, is it safe...): what the FAQ is about
        self.defining_aspects = frozenset(a for aspects in self.defining for a in aspects)

    def _answer_stems(self, answer: str) -> set[str]:
        tokens = self.synonyms.rewrite(self.lang.words(answer, limit=5000))
        return {self.lang.stem(t) for t in tokens if t not in self.lang.filler and t not in self.lang.neutral}

    # ------------------------------------------------------------------ reading a message

    def read(self, tokens: Sequence[str], *, asking: Sequence[str] | None = None) -> Query:
        """Clean a message's words (`words(text)`) the way phrasings were cleaned. `asking`: the words of
        the message from its first question on, when history comes before it: what it asks is read from them
        alone ("I had an epidural which helped a bit. What is a facet injection?" asks what one is, not whether
        it works), unless they ask nothing in particular."""
        lang = self.lang
        tokens = lang.without_greetings(tokens, self.knows)
        repaired = [self.typos.repair(w) for w in tokens]
        cleaned, repaired_phrased = self.synonyms.rewrite_both(repaired)  # (both readings in one pass)
        stems: list[str] = []
        weights: list[float] = []
        unknown: list[str] = []
        about_candidates: list[tuple[int, str]] = []
        seen: set[str] = set()  # (the stems so far, as a set: a long message's list is slow to search)
        for position, token in enumerate(cleaned):
            if token in lang.filler:
                continue
            # who said something is not what is asked about: "the nurse said my temperature was 37.2"
            if position + 1 < len(cleaned) and cleaned[position + 1] in lang.reporting_words:
                continue
            s = lang.stem(token)
            if s in seen:
                continue
            idf = self.idf.get(s)
            if idf is None:
                if token in lang.neutral or len(token) <= 2 or token.isdigit():
                    continue
                unknown.append(token)
                idf = self.unknown_weight
            for owner in self.subject_of.get(s, ()):
                about_candidates.append((owner, s))
            stems.append(s)
            seen.add(s)
            weights.append(idf)
        # Adjacent word pairs ("how work" against "work") count only where the FAQ uses them.
        for pair in _pairs(stems):
            idf = self.idf.get(pair)
            if idf is not None and pair not in seen:
                stems.append(pair)
                seen.add(pair)
                weights.append(idf)
        # What it asks, read before single-word synonyms ("hurts" -> "pain") blur it, but after phrases
        # ("my head hurts" -> "headache" asks nothing about pain).
        present = set(stems)
        about = {e for e, s in about_candidates if self._complete(e, s, present)}
        aspects = frozenset() if asking is None else lang.aspects_of(self.synonyms.rewrite(
            [self.typos.repair(w) for w in asking], phrases_only=True))
        if not aspects:  # (its questions ask nothing in particular: what the whole message asks)
            aspects = lang.aspects_of(repaired_phrased)
        asked = lang.strong(aspects)
        asked_of = frozenset(e for e, defining in enumerate(self.defining) if defining & asked)
        # (in a fixed order: the weights are summed in the stems' order, and a set's order changes with
        # PYTHONHASHSEED, which made the last bits of a score differ from one process to another)
        for a in sorted(aspects - lang.weak_aspects):
            idf = self.idf.get(ASPECT_MARK + a)
            if idf is not None:
                stems.append(ASPECT_MARK + a)
                weights.append(idf)
        # For the fuzzy scorer a long message keeps only its meaningful words: the scorer's cost grows
        # with length, and filler says nothing about which entry fits.
        text = (" ".join(cleaned) if len(cleaned) <= LONG_MESSAGE
                else " ".join(t for t in cleaned if t not in lang.filler))
        # (with no typo repaired, the same words rewritten the same way; a word repaired into a word of a
        # synonym phrase is read repaired, so "steriod injecion" is the injection, not the medicine)
        phrased = tuple(repaired_phrased if repaired == tokens else self.synonyms.rewrite(
            [r if r in self.synonyms.phrase_words else t for t, r in zip(tokens, repaired, strict=True)],
            phrases_only=True))
        return Query(tuple(tokens), phrased, tuple(stems), tuple(weights), text, tuple(unknown), aspects,
                     frozenset(about), asked_of)

    def read_ahead(self, words: Iterable[str]) -> None:
        """Repair and stem these message words now, as `read` would, so that the first message to use one does
        not pay for its typo search (the repair and stem caches then hold them; `read` finds the same)."""
        for word in words:
            self.lang.stem(self.typos.repair(word))
            self.lang.stem(word)

    def _complete(self, e_index: int, s: str, present: set[str], depth: int = 3) -> bool:
        """The subject word comes with the word its entry puts after it (and that one with its own)."""
        t = self.next_word.get((e_index, s))
        if t is None or depth == 0:
            return True
        return f"{s}+{t}" in present and self._complete(e_index, t, present, depth - 1)

    def knows(self, word: str) -> bool:
        """Whether the FAQ uses this word (after typo repair), or the language knows it."""
        lang = self.lang
        return (word in lang.filler or word in lang.neutral or lang.stem(self.typos.repair(word)) in self.idf)


@lru_cache(maxsize=8)
def _synonyms(groups: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[SynonymRewriter, frozenset[str]]:
    """The rewriter of these staff synonyms and every word they use (shared by matchers of one FAQ)."""
    found: set[str] = set()
    for canonical, variants in groups:
        found.update(words(canonical))
        for variant in variants:
            found.update(words(variant))
    return SynonymRewriter(groups), frozenset(found)


@lru_cache(maxsize=8)
def _not_covered(phrases: tuple[Phrase, ...]) -> PhraseIndex:
    # No typo repair here: it would read 'showed' as 'shower'. Endings still count ('recovered').
    return PhraseIndex(phrases, typos=False)


def _misspellings(counts: Counter[str], lang: Language) -> dict[str, str]:
    """Staff sometimes write typos into alternates on purpose ("how does it wrok"). Fold a word used
    once into a much commoner word it is a near spelling of, so the typo does not become a keyword."""
    common = by_initial(w for w, c in counts.items() if c >= 3 and len(w) >= 4)
    fixes = {}
    for word, count in counts.items():
        if count == 1 and len(word) >= 4 and word not in lang.filler:
            best = closest_spelling(word, common.get(word[0], ()))
            if best and best != word and lang.stem(best) != lang.stem(word):
                fixes[word] = best
    return fixes


def _pairs(stems: Sequence[str]) -> list[str]:
    return [f"{a}+{b}" for a, b in zip(stems, stems[1:], strict=False)]


def _with_pairs(stems: list[str]) -> list[str]:
    return stems + _pairs(stems)
