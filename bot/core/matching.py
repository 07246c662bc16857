"""Matching a patient's question to the FAQ: `answer`, `suggest` or `fallback`, never a confident guess.

How a question is scored against each entry (on words cleaned by `bot.core.faq_index`):
- coverage: how much of what the question says is explained by the entry's words, each word
  weighted by how rare it is across entries ("who" and "anaesthetist" tell entries apart, "injection"
  does not). Topic words the FAQ has never seen ("ibuprofen", "insurance") count against every entry,
  which is what keeps look-alike out-of-scope questions from being answered.
- fuzzy: rapidfuzz's token-set similarity with the entry's closest phrasing, for typos and word order.
The decision (`bot.core.deciding.decide`) also asks whether the question is about the entry's subject
and asks one of its aspects; its `answer` and `margin` thresholds are calibrated on the FAQ itself
(`bot.core.calibration`). A follow-up without a subject of its own ("and how long does that last?") is
read against the entry answered just before, when the caller passes it.

Large FAQs stay fast: phrasings are cleaned once at load; word coverage of every entry is a few numpy
additions; only the phrasings of the few best-covering entries go to rapidfuzz, in one `cdist` call.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np
from rapidfuzz import fuzz, process

from bot.core.deciding import SUGGESTIONS, Candidate, Question, Thresholds, decide
from bot.core.faq_index import FaqIndex, Query
from bot.core.knowledge import Faq
from bot.core.language import MAX_CHARS, Language, language
from bot.core.phrases import Hit
from bot.core.token_sets import TokenSets

__all__ = ["Match", "Matcher", "Thresholds", "CONTEXT_WORDS", "FOLLOW_UP_WORDS"]

# Only the phrasings of the SHORTLIST entries whose words cover the question best go to the fuzzy
# scorer: it refines the ranking among plausible entries, and this keeps its cost flat at any FAQ size.
SHORTLIST = 3
# Words from which a topic not covered may be mere context in the message (see deciding.decide).
CONTEXT_WORDS = 12
# A message this short with no subject of its own may be a follow-up to the previous answer.
FOLLOW_UP_WORDS = 12
# Below this best score a message cannot be one of the entries' phrasings (nor be answered).
VERBATIM_FROM = 30.0
# The entries, best first, of which a message may be one of the own phrasings (see `_verbatim`).
VERBATIM_RANKS = 3
# Entries ranked for the decision: the best few by score (the margin is measured against them).
RANKED = 5
# A message not answered whole is read again part by part (its questions, at most this many, the last
# ones): the part the FAQ answers is offered when another part is a topic it does not cover.
PARTS = 3
# ...each with the fuzzy scorer on fewer entries' phrasings (it costs most of a part's reading).
PART_SHORTLIST = 2
SHORT_MESSAGE = 2
# A question of at most this many words that points back at something ("what are those?") is read with
# the sentence before it.
POINTING_WORDS = 8
# Where one sentence ends and another starts.
_SENTENCE_END = re.compile(r"(?<=[.?!;:])\s+|\n+")
# A sentence that tells something, then more text (the history before a question).
_TOLD_BEFORE = re.compile(r"[.!;:]\s+\S|\n")
_PUNCTUATION = "\"'“”‘’()[]*,-"
_APOSTROPHE = re.compile("['’]")


@dataclass(frozen=True)
class Match:
    """The matcher's decision. `entry_ids` holds the answer, or up to three suggestions, best first.

    `nearest` is the best entry whatever the outcome (for staff reports) and `score` its score;
    `not_covered` is the staff phrase of a topic not covered that the message named, if any.
    """

    kind: Literal["answer", "suggest", "fallback"]
    entry_ids: tuple[str, ...]
    score: float
    nearest: str | None = None
    not_covered: str | None = None


class Matcher:
    """Index of one FAQ's phrasings. Built once per load; `match` is safe to call from any thread.

    Without `thresholds`, `answer` and `margin` are calibrated on this FAQ (see bot.core.calibration).
    `cleaned` lets several matchers over parts of one FAQ share the cleaning of its phrasings.
    """

    def __init__(self, faq: Faq, thresholds: Thresholds | None = None, *, lang: Language | None = None,
                 cleaned: dict[Any, Any] | None = None):
        self.faq = faq
        self.lang = lang or language()
        if thresholds is None:
            from bot.core.calibration import calibrated  # calibration builds matchers of its own

            thresholds = calibrated(faq, self.lang)
        self.thresholds = thresholds
        self.index = FaqIndex(faq, self.lang, unknown_weight=thresholds.unknown_weight, cleaned=cleaned)
        self.entry_ids = self.index.entry_ids
        self._position = {entry_id: i for i, entry_id in enumerate(self.entry_ids)}
        # what a message of several questions has: a sentence end before more text, or a joining word
        # (a quick test before it is cut up)
        joins = "|".join(re.escape(w) for w in sorted(self.lang.question_joins)) or "(?!)"
        self._maybe_parts = re.compile(rf"[.?!;:]\s+\S|\n|\b(?:{joins})\b", re.IGNORECASE)
        aspect_stems: dict[str, set[str]] = {}
        for cue in self.lang.cues:
            aspect_stems.setdefault(cue.aspect, set()).update(
                self.lang.stem(w.rstrip("~")) for w in cue.words if w != "*")
        self._aspect_stems = {a: frozenset(s) for a, s in aspect_stems.items()}
        # each entry's subject words that no other entry owns and that most entries do not use (an FAQ
        # about epidurals uses "epidural" everywhere: it names what all of it is about)
        index = self.index
        few = len(self.entry_ids) / 3
        self._own_words = [frozenset(s for s in subject if len(index.subject_of[s]) == 1
                                     and sum(s in stems for stems in index.entry_stems) < few)
                           for subject in index.subjects]
        # names that also name things the source does not describe (see `_names_broadly`)
        self._broader = [tuple(self.lang.words(p.text)) for p in faq.broader_names]
        # ...of which those many of its phrasings use: they name what the entry is about ("headache")
        self._key_words = [own & key for own, key in zip(self._own_words, index.key_subjects, strict=True)]
        self._token_sets = TokenSets(self.index.phrasing_texts, self.index.entry_phrasings)
        # each entry's phrasings' distinct lengths (for `_closest_wording`)
        self._phrasing_lengths = [sorted({len(self.index.phrasing_texts[p]) for p in ids.tolist()})
                                  for ids in self.index.entry_phrasings]
        # each entry's phrasings' texts (for `_closest_wording`), and all of them to pick from by index (`_scores`)
        self._entry_texts = [[self.index.phrasing_texts[p] for p in ids.tolist()] for ids in self.index.entry_phrasings]
        self._texts = np.array(self.index.phrasing_texts, dtype=object)

    # ------------------------------------------------------------------ reading and scoring

    def query(self, text: str, tokens: Sequence[str] | None = None) -> Query:
        """The message read once: its words, stems, aspects and the entries it is about. `tokens`:
        `self.lang.words(text)`, when the caller has them already."""
        return self.index.read(self.lang.words(text) if tokens is None else tokens, asking=self._asking(text))

    def _asking(self, text: str) -> list[str] | None:
        """The words of a message from its first question on, when sentences that ask nothing come before it
        (history: "I had an epidural which helped a bit. What is a facet injection?" asks what one is, not
        whether it works), else None. (When from there on it asks nothing in particular, "I have no idea what
        it is. Can you explain?", the reader goes by the whole message: see `FaqIndex.read`.)"""
        if not _TOLD_BEFORE.search(text):
            return None
        lang = self.lang
        opens = lang.question_words | lang.question_openers
        at = 0
        for sentence in _SENTENCE_END.split(text[:MAX_CHARS]):
            first = sentence.split(None, 1)[:1]
            # (the first word as `words` would read it: "What's" opens with "what")
            if sentence.rstrip().endswith("?") or first and _APOSTROPHE.split(
                    first[0].lower().strip(_PUNCTUATION))[0] in opens:
                return lang.words(text[at:]) if at else None
            at = text.find(sentence, at) + len(sentence)
        return None

    def _coverage(self, q: Query) -> np.ndarray:
        """How much of the question each entry's words explain (0-1), as an array indexed like `entry_ids`."""
        n = len(self.entry_ids)
        coverage: np.ndarray = np.zeros(n)
        if n == 0 or q.empty:
            return coverage
        index = self.index
        total = sum(q.weights) or 1.0
        owned: list[np.ndarray] = []
        credit: list[np.ndarray] = []
        for s, w in zip(q.stems, q.weights, strict=True):
            owners = index.stem_entries.get(s)
            if owners is not None:
                owned.append(owners)
                credit.append(w * index.stem_credit[s])
        if owned:  # one bincount: each entry's credits summed in the stems' order, as a loop would
            coverage = np.bincount(np.concatenate(owned), weights=np.concatenate(credit), minlength=n)
        np.minimum(coverage / total, 1.0, out=coverage)
        return coverage

    def _scores(self, q: Query, *, shortlist: int = SHORTLIST) -> np.ndarray:
        """Score 0-100 of every entry, as an array indexed like `entry_ids` (the fuzzy scorer reads the
        phrasings of the `shortlist` entries whose words cover the question best)."""
        n = len(self.entry_ids)
        coverage = self._coverage(q)
        fuzzy = np.zeros(n)
        if n == 0 or q.empty:
            return coverage
        index = self.index
        candidates = self._shortlist(coverage, q.text, shortlist)
        if len(candidates):
            texts = self._texts[candidates].tolist()  # (the same as index.phrasing_texts[p] for each p, faster)
            owners = index.phrasing_entry_arr[candidates]
            # One rapidfuzz call over every candidate phrasing; each entry keeps its best phrasing's score.
            similarity = process.cdist([q.text], texts, scorer=fuzz.token_set_ratio, dtype=np.uint8, workers=1)[0]
            np.maximum.at(fuzzy, owners, similarity / 100)
        w = self.thresholds.w_fuzzy
        return 100 * ((1 - w) * coverage + w * fuzzy)

    def _shortlist(self, coverage: np.ndarray, text: str, shortlist: int = SHORTLIST) -> np.ndarray:
        """Phrasings worth the fuzzy scorer: those of the entries whose words cover the question best
        (typos were already repaired word by word, so a misspelt question still shortlists), less
        those that cannot be their entry's closest to `text` (see bot.core.token_sets)."""
        shortlist = min(shortlist, len(coverage))
        best = (-coverage).argpartition(shortlist - 1)[:shortlist]
        best = best[coverage[best] > 0]
        if not len(best):
            return np.zeros(0, dtype=np.int32)
        return self._token_sets.worth_scoring(text, best.tolist())

    def scores(self, text: str) -> dict[str, float]:
        """Score (0-100) of every entry that shares anything with the question (for tools and tests)."""
        scores = self._scores(self.query(text))
        return {self.entry_ids[i]: float(scores[i]) for i in np.flatnonzero(scores > 0)}

    def ranked(self, q: Query, *, shortlist: int = SHORTLIST
               ) -> tuple[list[Candidate], Question, np.ndarray, str | None]:
        """Everything the decision rule needs, computed once (the calibration reuses it per threshold):
        the entries best first, the question's facts, every entry's score, and a topic not covered."""
        scores = self._scores(q, shortlist=shortlist)
        if not len(scores) or q.empty:
            return [], Question(), scores, None
        order = (-scores).argsort(kind="stable")
        chosen = [int(i) for i in order[:RANKED] if scores[i] > 0]
        extra = (i for i in q.about | q.asked_of if i not in chosen and scores[i] > 0)
        chosen += sorted(extra, key=lambda i: (-scores[i], i))  # (a tie in FAQ order, not a set's)
        chosen = self._without_mere_definitions(q, chosen)
        # (a message that scores this low is nobody's phrasing: skip the whole-message comparison)
        rank = self._verbatim(q, chosen) if chosen and scores[chosen[0]] >= VERBATIM_FROM else None
        if rank:  # the entry whose own wording it is comes first
            chosen.insert(0, chosen.pop(rank))
        verbatim = rank is not None
        # words of the question that are not mere framing ("how long")
        content = {s for s in q.stems if s.isalnum() and s not in self.index.skeleton}
        asked = self.lang.strong(q.aspects)  # every aspect asked must be one the entry answers
        cue = self._cue_stems(asked)  # the words that ask what it asks
        single = len(asked) == 1 and not asked & self.lang.weak_aspects
        stems = set(q.stems)
        # a question that asks neither what something is nor which kinds there are ("can you walk after a
        # facet joint injection?") asks something an entry that only says what something is does not answer
        lang = self.lang
        # (one that only names a thing, "what about a facet injection?", asks nothing else of it)
        asks_other = bool(q.tokens) and q.tokens[0] in lang.question_words | lang.question_openers \
            and not q.aspects & lang.weak_aspects \
            and not self._only_names(q)
        # a broader name ("a nerve block") asks of more than an entry that only says what something is
        # describes, even in that entry's own words
        broad = self._names_broadly(q)
        ranked = [
            Candidate(
                self.entry_ids[i],
                float(scores[i]),
                about=i in q.about or (verbatim and rank == 0),
                asks_aspect=asked <= self.index.aspects[i] and not (asks_other and not (verbatim and rank == 0)
                                                                           and self._only_defines(i))
                and not (broad and self._only_defines(i)),
                verbatim=verbatim and rank == 0,
                asks_its_aspect=single and i in q.asked_of and asked <= self.index.aspects[i],
                about_content=i in q.about and bool(self._own_words[i] & stems - cue),
                named=single and i in q.about and bool(self._key_words[i] & stems - cue),
                thin=not self.index.aspects_known[i],
                shares_word=i in q.about or not (content & self.index.related_stems[i]) <= cue,
                # a suggestion may answer part of what is asked
                # (an entry too thin to show all it answers may answer it)
                related=i in q.asked_of
                or ((not asked or bool(asked & self.index.aspects[i]) or not self.index.aspects_known[i])
                    and bool(content & self.index.related_stems[i])),
            )
            for rank, i in enumerate(chosen)
        ]
        hits = self._topics_not_covered(q)
        question = Question(
            not_covered=bool(hits),
            long=len(q.tokens) >= CONTEXT_WORDS,
            # what no entry answers; an entry too thin to show all it answers may still be suggested
            unanswered_aspect=bool(asked) and not asked & self.index.answered_aspects
            and all(self.index.aspects_known[i] for i in (q.about or chosen)),
            unknown_condition=self._names_unknown_condition(q),
        )
        return ranked, question, scores, hits[0].phrase.text if hits else None

    def _names_unknown_condition(self, q: Query) -> bool:
        """A word the FAQ never uses comes at most three words after a word that names a condition
        ("with", "have": "for someone with osteoporosis")."""
        if not q.unknown:
            return False
        unknown, condition = set(q.unknown), self.lang.condition_words
        tokens = q.tokens
        return any(t in unknown and not condition.isdisjoint(tokens[max(0, k - 3):k]) for k, t in enumerate(tokens))

    def _cue_stems(self, aspects: frozenset[str]) -> frozenset[str]:
        """The stems of the words that ask these aspects ("how", "work" of "how does * work")."""
        return frozenset().union(*(self._aspect_stems.get(a, frozenset()) for a in aspects))

    def _topics_not_covered(self, q: Query) -> list[Hit]:
        """The topics not covered that the message names, less a name of the procedure itself ("how do
        steroids work in the spine?") when it asks what some entry is mostly asked (how it works, is it
        safe), besides what it is."""
        written = self.index.as_written
        hits = [replace(h, phrase=written.get(h.phrase, h.phrase)) for h in self.index.not_covered.find(q.phrased)]
        if hits and all(h.phrase.text.casefold() in self.index.procedure_names for h in hits):
            asked = q.aspects - self.lang.weak_aspects
            if asked and asked <= self.index.defining_aspects:
                return []
        return hits

    def _names_broadly(self, q: Query) -> bool:
        """The message names the procedure by a name that also names things the source does not
        describe (`broader_names` in not_covered.yaml), its words next to each other as they stand."""
        tokens = q.tokens
        return any(tokens[k:k + len(name)] == name
                   for name in self._broader for k in range(len(tokens) - len(name) + 1))

    def _only_defines(self, i: int) -> bool:
        """Entry `i` only says what something is: its phrasings ask nothing but "what is" and "which kinds"."""
        aspects = self.index.aspects[i]
        return self.index.aspects_known[i] and bool(aspects) and aspects <= self.lang.weak_aspects

    def _defines(self, q: Query, i: int, *, asked_besides: bool = False) -> bool:
        """The question is about entry `i`, which only says what something is (its phrasings ask
        nothing but "what is" and "which kinds"), while the question asks neither (`asked_besides`: or
        asks something else too, as "what are the side effects of a facet joint injection?" does)."""
        aspects, weak = self.index.aspects[i], self.lang.weak_aspects
        return (i in q.about and self.index.aspects_known[i] and bool(aspects) and aspects <= weak
                and (not q.aspects & weak or asked_besides and bool(q.aspects - weak)))

    def _without_mere_definitions(self, q: Query, chosen: list[int]) -> list[int]:
        """An entry that only says what something is ("what is a nerve root block?") leaves a question
        that does not ask what something is to another entry it is about: in "do you get a bad
        headache after the nerve block?" the block is what the headache follows, not what is asked."""
        if any(i in q.about and not self._defines(q, i) for i in chosen):
            chosen = [i for i in chosen if not self._defines(q, i)]
        # ...and one that asks what another entry it is about answers comes after it ("what are the side
        # effects of a facet joint injection?" asks the risks entry, not the one that says what a facet
        # injection is); still ranked, so its score keeps the lead of the one before it small
        asked = q.aspects - self.lang.weak_aspects
        if asked and any(i in q.about and asked <= self.index.aspects[i] and not self._defines(q, i, asked_besides=True)
                         for i in chosen):
            chosen.sort(key=lambda i: self._defines(q, i, asked_besides=True))
        return chosen

    # ------------------------------------------------------------------ deciding

    def match(self, text: str, *, previous: str | None = None, tokens: Sequence[str] | None = None) -> Match:
        """Decide answer / suggest / fallback for one message. Never raises on odd text.

        `previous` is the entry answered just before in the same chat: a short message with no subject
        of its own ("is that normal?", "what about for my dad?") is read against it, and gets that
        entry's answer if the entry answers what it asks, else the fallback. `tokens`: as for `query`.
        """
        q = self.query(text if isinstance(text, str) else "", tokens)
        if q.empty:
            return Match("fallback", (), 0.0)
        ranked, question, scores, topic = self.ranked(q)
        nearest = ranked[0].entry if ranked else None
        best = ranked[0].score if ranked else 0.0
        follow = self._position.get(previous) if previous is not None else None
        # "what about a facet injection?" after an answer names what the follow-up is about, not a subject
        subjectless = all(self._defines(q, i) for i in q.about)
        if follow is not None and previous is not None and subjectless and not topic \
                and len(q.tokens) <= FOLLOW_UP_WORDS:
            here = float(scores[follow]) if len(scores) else 0.0
            # a word the FAQ has never used or a number brings a new person's condition or another
            # illness ("what about for my mum, she's 88?", "what about for sciatica?"): the entry just
            # answered does not speak of it ("what about for my dad?" alone asks the same again)
            if q.unknown or any(c.isdigit() for t in q.tokens for c in t):
                return Match("fallback", (), here, previous)
            asked = self.lang.strong(q.aspects)
            if not asked <= self.index.aspects[follow]:
                # it asks which kinds there are or what one is, and the entry just answered does not say:
                # another entry clearly ahead on its own words is read with that entry's subject ("what are
                # the other two?" after what the injections are: the other kinds), else the fallback ("how
                # long does it take?" after who does it)
                if asked <= self.lang.weak_aspects and self._another_entry_answers(q, ranked, here):
                    return self.match(f"{text} {self._subject_words(follow)}")
                return Match("fallback", (), here, previous)
            if self._names_a_part(q, follow):
                # "and what's a facet joint?" after the facet injections: the entry just answered names
                # the joint only as part of its subject and does not say what it is
                return Match("fallback", (), here, previous)
            if self._another_entry_answers(q, ranked, here):
                # its words ask what another entry answers ("which kind is the most common one?" after
                # what the injections are): read it with the subject of the entry just answered (one
                # that names a procedure or a person, "and for a nerve root block?", "what about for my
                # dad?", asks the same again)
                return self.match(f"{text} {self._subject_words(follow)}")
            return Match("answer", (previous,), here, previous)
        kind, ids = decide(ranked, question, self.thresholds)
        parts = self._parts(text) if kind == "answer" else []
        if len(parts) >= 2:
            # several questions, and another entry would answer one of them: offer each, answer none
            # (a part with no subject of its own, "what is it for?", is about what the other part names)
            answered, _ = self._answered_parts(text, topic_elsewhere=question.not_covered, own_subject=True,
                                               parts=parts)
            if any(entry != ids[0] for entry in answered):
                return Match("suggest", tuple(dict.fromkeys((*answered, *ids)))[:SUGGESTIONS], best, nearest, topic)
        # (a suggestion's order is looked at again only in a message of at most SHORT_MESSAGE sentences:
        # reading a long story part by part costs more than the order gains)
        if kind == "fallback" or kind == "suggest" and len(_SENTENCE_END.split(text, SHORT_MESSAGE)) <= SHORT_MESSAGE:
            # (a story's one question is read alone when the whole gets the fallback, or when a remark after
            # it uses words of the FAQ: "What is X? My son is typing this for me." must not put the entry its
            # words happen to share first)
            answered, offered = self._answered_parts(text, topic_elsewhere=question.not_covered,
                                                     story=kind == "fallback" or self._remark_after_question(text),
                                                     offer=kind == "fallback")
            if not answered and kind == "fallback" and offered:
                # the topic not covered is in one sentence, a question the FAQ is about in another; or a
                # story's one question, read alone (or with the sentence it points back at), is near an entry
                return Match("suggest", tuple(dict.fromkeys(offered))[:SUGGESTIONS], best, nearest, topic)
            if answered and kind == "fallback":
                # a suggestion, never an answer: the reply must not seem to answer the other parts
                return Match("suggest", tuple(dict.fromkeys(answered))[:SUGGESTIONS], best, nearest, topic)
            if answered:  # of the entries offered, those that answer a part on its own come first
                ids = tuple(sorted(ids, key=lambda i: i not in answered))
                ids = tuple(dict.fromkeys((*ids, *answered)))[:SUGGESTIONS]
        return Match(kind, ids, best, nearest, topic)

    def _remark_after_question(self, text: str) -> bool:
        """After the message's last "?" come words the FAQ uses or that ask something ("What is it? My daughter
        is helping me type this.", "...? I want to know before I say yes"): a remark that may pull another entry
        ahead of the one the question asks."""
        end = text.rfind("?")
        if end < 0:
            return False
        index, lang = self.index, self.lang
        remark = lang.words(text[end + 1:])
        return any(w not in lang.filler and w not in lang.neutral and lang.stem(index.typos.repair(w)) in index.idf
                   for w in remark) or bool(remark and lang.aspects_of(remark))

    def _another_entry_answers(self, q: Query, ranked: list[Candidate], here: float) -> bool:
        """A follow-up's own words put an entry it does not name at least the margin ahead of the entry just
        answered (`here`, its score), and it does not open by only naming a thing ("what about for my dad?")."""
        return bool(ranked) and ranked[0].score - here >= self.thresholds.margin and not ranked[0].about \
            and not self._only_names(q)

    def _only_names(self, q: Query) -> bool:
        """The message opens by only naming a thing ("what about a facet injection?")."""
        return any(q.tokens[:len(p)] == p for p in self.lang.naming_openers)

    def _names_a_part(self, q: Query, i: int) -> bool:
        """The question uses a word of entry `i`'s subject without the word the entry puts after it
        ("facet joint" of "facet joint injection"): it asks about that part, not about the subject."""
        index = self.index
        stems = set(q.stems)
        return any(s in index.subjects[i] and not index._complete(i, s, stems) for s in q.stems)

    def _subject_words(self, i: int) -> str:
        """The words of entry `i`'s question that name its subject ("interlaminar injections")."""
        lang = self.lang
        return " ".join(w for w in lang.words(self.faq.entries[i].question)
                        if w not in lang.filler and w not in self.index.skeleton and w not in lang.question_words)

    def _parts(self, text: str, *, story: bool = False) -> list[list[str]]:
        """The questions of a message of several sentences or questions, each as its words: its sentences
        that ask something (end in "?" or open with a question word), each cut where a joining word opens
        another question ("what are the risks, and will I need a lift home?"). Fewer than two: nothing
        to read apart, unless `story` and the message has other sentences besides its one question. A
        short question that points back at something and asks only what it is ("what are those?") is
        read with the sentence before it."""
        lang = self.lang
        if not self._maybe_parts.search(text):  # one sentence, nothing that could join two questions
            return []
        opens = lang.question_words | lang.question_openers
        parts: list[list[str]] = []
        sentences = 0
        told: list[str] = []  # the last sentence that asks nothing
        for sentence in _SENTENCE_END.split(text[:MAX_CHARS]):
            tokens = lang.words(sentence)
            sentences += bool(tokens)
            if not tokens or not (sentence.rstrip().endswith("?") or tokens[0] in opens):
                told = tokens or told
                continue
            start = 0
            for i in range(1, len(tokens) - 1):
                # (only a question before the joining word makes two: "right, but how do they work?" is one)
                if tokens[i] in lang.question_joins and tokens[i + 1] in opens and tokens[start] in opens:
                    parts.append(tokens[start:i])
                    start = i + 1
            part = tokens[start:]
            if told and start == 0 and len(part) <= POINTING_WORDS and not lang.referring_words.isdisjoint(part) \
                    and lang.aspects_of(part) <= lang.weak_aspects:
                # a short question that points back and asks only what it is ("what are those?") is about
                # what the sentence before it names ("the letter says 'interlaminar injections'."): read
                # with it
                part = told + part
            parts.append(part)
            told = []
        return parts[-PARTS:] if len(parts) >= 2 or story and parts and sentences >= 2 else []

    def _answered_parts(self, text: str, *, topic_elsewhere: bool, own_subject: bool = False,
                        story: bool = False, offer: bool = False, parts: list[list[str]] | None = None,
                        ) -> tuple[list[str], list[str]]:
        """The entries that would answer a part of a message of several questions on its own, and the
        first one offered for each part that names no topic not covered; when the message names one
        (`topic_elsewhere`), not for a part that points back at something ("do I need to stop them?"),
        which may be about it. `own_subject`: only parts with a subject of their own count; `story`: a
        message of one question among other sentences counts too (see `_parts`); without `offer`, only
        the answered ones are looked for. `parts`: `self._parts(text, story=story)`, when the caller has them."""
        found: list[str] = []
        offered: list[str] = []
        for tokens in self._parts(text, story=story) if parts is None else parts:
            q = self.index.read(tokens)
            if q.empty or own_subject and not q.about:
                continue
            w = self.thresholds.w_fuzzy
            if not offer and 100 * ((1 - w) * float(self._coverage(q).max(initial=0.0)) + w) < self.thresholds.answer:
                continue  # (the fuzzy score could not lift it to an answer: skip the costly part)
            # (a message the whole of which gets the fallback is rare: its parts get the full shortlist)
            ranked, question, _, _ = self.ranked(q, shortlist=SHORTLIST if offer else PART_SHORTLIST)
            kind, ids = decide(ranked, question, self.thresholds)
            if kind == "answer":
                found.append(ids[0])
            elif kind == "suggest" and not question.not_covered and not (
                    topic_elsewhere and not self.lang.referring_words.isdisjoint(tokens)):
                offered.append(ids[0])
        return found, offered

    def _verbatim(self, q: Query, chosen: list[int]) -> int | None:
        """Where in `chosen` (among the first VERBATIM_RANKS) is the entry the message is, give or take
        a typo, one of the own phrasings of, and clearly not another's: staff vetted that exact wording,
        so it may be answered despite a small lead, or a higher score of an entry whose words cover it
        as well ("what does interlaminar mean?" against the entry that says what the injections are)."""
        close = [self._closest_wording(q, i, at_least=self.thresholds.verbatim) for i in chosen[:VERBATIM_RANKS]]
        if not close or max(close) < self.thresholds.verbatim:
            return None
        rank = close.index(max(close))
        others = [self._closest_wording(q, i, at_least=close[rank] - 0.1)
                  for k, i in enumerate(chosen[:VERBATIM_RANKS + 1]) if k != rank]
        return rank if close[rank] - max(others, default=0.0) >= 0.1 else None

    def _closest_wording(self, q: Query, entry_index: int, *, at_least: float = 0.0) -> float:
        """The best similarity (0-1) of the message to one of the entry's phrasings; 0.0 when it is
        below `at_least` (rapidfuzz then stops early; the margin keeps float rounding on the safe side)."""
        cutoff = min(100.0, max(0.0, 100 * at_least - 1e-6))
        # fuzz.ratio is at most 200 min(a, b) / (a + b) for lengths a and b: a message far longer or
        # shorter than every phrasing of the entry (a long story, most often) needs no scoring
        if cutoff > 0 and max(self._length_bound(len(q.text), entry_index), default=100.0) < cutoff - 1e-6:
            return 0.0
        best = process.extractOne(q.text, self._entry_texts[entry_index], scorer=fuzz.ratio, score_cutoff=cutoff)
        return best[1] / 100 if best else 0.0

    def _length_bound(self, length: int, entry_index: int) -> list[float]:
        """The highest `fuzz.ratio` a text of this length can reach with the entry's phrasings: the bound of each
        length, kept only for the two lengths nearest `length` (the bound rises with a phrasing's length up to
        `length` and falls after it, so the largest is one of those two)."""
        lengths = self._phrasing_lengths[entry_index]
        at = bisect_left(lengths, length)
        return [200 * min(length, n) / (length + n) if length + n else 100.0 for n in lengths[max(at - 1, 0):at + 1]]

    def not_covered(self, text: str) -> str | None:
        """The staff phrase of a topic the FAQ does not cover that this message is about, if any."""
        hits = self._topics_not_covered(self.query(text))
        return hits[0].phrase.text if hits else None
