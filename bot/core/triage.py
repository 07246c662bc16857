"""Safety triage: does this message describe something that needs real care now?

Runs before matching. Three readers, recall first:

1. **Rules** from staff (`faq/red_flags.yaml`). A phrase matches when all its words appear close
   together, in any order, allowing typos and word endings; a concept line ("leg/foot + numb/dead")
   stands for every pairing of its alternatives. Self-harm phrases are always urgent, unless inside a
   saying staff listed ("I could die of embarrassment"). A symptom is urgent unless the frame says
   otherwise: negated in its own clause ("no fever, but..."), reassured ("temperature normal"), said to
   have gone later on ("...but it wore off"), or framed by a general or hypothetical question or a past
   event ("how common is...", "what if...", "years ago...") with no time word of its sentence dating it
   now. A dated self-harm event told as over ("in 2016, I've been well since") is left to the model.
2. **Readings**: a temperature of 38 °C / 100.4 °F or more, a pain score of 8/10 or more, under the same
   frame as a symptom.
3. **The model** (`triage_model`): a logistic regression over word and character n-grams, trained on
   thousands of labelled messages. Very sure, it is urgent whatever the frame; fairly sure, it is urgent
   when the message reads as a report (no general, hypothetical or past frame without a "now").

`check(text, earlier=...)` also reads the chat's previous few messages with this one: a symptom told
over two messages is urgent on the second.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.core.knowledge import Faq, Phrase
from bot.core.language import language
from bot.core.normalise import TRIAGE_MAX_CHARS, words
from bot.core.phrases import IGNORED, LIGHTLY_IGNORED, Hit, PhraseIndex, share_word_search
from bot.core.small_talk import SmallTalk
from bot.core.triage_concepts import expand
from bot.core.triage_lookalike import LOOKALIKE_PATH, LookalikeModel, load_frame_words
from bot.core.triage_model import MODEL_PATH, TriageModel
from bot.core.triage_readings import alarming_reading, normal_readings, overdose_said, overdose_taken

__all__ = ["Flag", "Lexicon", "Triage", "lexicon"]

LANGUAGE_FILE = language().folder / "triage.yaml"
# How far (in words) a "happening now" phrase may be from the symptom and still count.
NOW_REACH = 7
# How many extra words a context phrase ("if I get", "years ago") may have between its own.
FRAME_SLACK = 1
# How many words before a symptom a negation reaches (within its clause).
NEGATION_REACH = 3
# ...or further back across a denied list ("no stiff neck or fever or any headache"): this many words, items of at most
# LIST_ITEM_WORDS words each
LIST_REACH = 14
LIST_ITEM_WORDS = 3
# an everyday object of an excess ("overdose on box sets") within this many words after the phrase
EVERYDAY_OBJECT_REACH = 4
# "can I get bleeding inside from the injection?": the procedure within this many words after the symptom
RISK_REACH = 5
# a normal temperature reassures a fever told without the word this many words away, in its sentence
READING_REACH = 12
# The model's thresholds (tuned on the tune split of eval/triage-train, see docs/accuracy.md).
MODEL_SURE = 0.85  # urgent whatever the frame
# urgent when the message reads as a report of something happening now. Chosen with the training's
# URGENT_WEIGHT on writers the model never saw (--cross-writer, writers A and B): with urgent messages
# weighted 2, 0.42 catches more of them than 0.35 did with weight 1, and raises fewer false alarms;
# 0.5 would cut a few more false alarms and miss more urgent messages: recall first.
MODEL_REPORT = 0.42
# A symptom phrase the frame took away ("if I was to get chest pain", "a seizure once in 2009", "no fever"):
# the model must be fairly sure to make the message urgent after all, not just above MODEL_REPORT. On writers
# held out (A, B, C, E, --cross-writer) 0.7 cut 4 false alarms at the same recall and crisis replies; 0.85 cut 7
# there but lost an urgent message of the studied blind set 2; 0.9 lost 4 of the writers' urgent messages.
MODEL_FRAMED = 0.7
MODEL_SELF_HARM = 0.2  # of a message the model finds urgent: the crisis reply
# the crisis reply, whatever the urgent score (0.6 missed 2 more of the 351 self-harm messages of writers
# held out, --cross-writer, and raised no fewer false alarms)
MODEL_SELF_HARM_ALONE = 0.5
# An indirect self-harm phrase given an everyday meaning ("...of the car park") still gets the crisis reply
# when the model's self-harm score reaches this. On writers held out (A, B, C, E), the self-harm messages
# with such a phrase scored 0.52 and more, their look-alikes mostly under 0.2 but 13 of 77 above 0.5.
MODEL_SELF_HARM_INDIRECT = 0.5
# A symptom phrase the model is this sure is not urgent is a look-alike ("the car park machine had a
# seizure"). Self-harm phrases and readings are never overruled. (0.01 missed 2 more urgent messages of
# writers held out, A, B, C, E, than 0.003 does, which raises 12 more false alarms than 0.01: recall first.)
RULE_VETO = 0.003
# An alarm of the model alone is taken back when the look-alike head (`triage_lookalike`) gives a current report
# less than this; the crisis reply never is.
LOOKALIKE_VETO = 0.2
# ...or less than even odds, when the message tells its episode as over ("gone after paracetamol", "stopped after
# five minutes": `episode_over`). No urgent message of the studied sets, the writers' files or the matching sets has
# such a phrase; the head's own midpoint, not a tuned figure.
LOOKALIKE_VETO_OVER = 0.5
# ...and only in a message long enough for the model to have seen its whole frame ("chest pain after
# the injection" reads like an FAQ question to it), and with nothing that dates it now ("since",
# "is it normal"); "I have", "I am" alone do not date it.
VETO_MIN_WORDS = 8
# ...nor an episode told as over ("gone after paracetamol") with none of `not_over` after it (triage.yaml)
# The kinds of `model_alarm_concepts` (triage.yaml) that let the model read a message with no red-flag word at all
# ("I've got the knife next to me"): the others ("sorry", "no point") are too common in ordinary questions.
OPENING_CONCEPTS = frozenset({"harm", "means"})
# A question that names none of them still gets the crisis reply when the model's self-harm score reaches this (the
# plain questions of the studied sets that got it scored 0.96 at most: "what's the weather going to be like
# tomorrow?" 0.89).
MODEL_SELF_HARM_UNNAMED = 0.97
# A staff symptom phrase in a message that puts it down to something harmless (`explained_by`: the plaster's glue, a
# video) is no alarm when the model's urgent score is under this. On the studied sets and the writers' files, the
# messages with such a word that the rules alone found urgent scored 0.32 at most when not urgent; the urgent ones
# under 0.35 had only "lying" ("relieved by lying flat"), which is no such word.
MODEL_EXPLAINED = 0.35
# How many words after a past phrase a "but" and a contrast (`unlike_after`: "...but this is something else") may come
CONTRAST_REACH = 8
# How many words after "don't care if" (`not_caring`) its outcome (`careless_outcome`: "...if it isn't") may come
CARELESS_REACH = 4
# How many words after a screening form's no (`screening_denials`) a word of `screening_not_denied` still undoes it
SCREENING_REACH = 6
# A clause of this many words or fewer ("Right,", "ok so") need not be an ordinary statement of its own; "and",
# "so" also end a clause there ("physio did nothing and I've run out of reasons to get up").
ORDINARY_FEWEST_WORDS = 2
ORDINARY_JOINS = frozenset({"and", "so", "because", "cos", "cause", "then"})
# A count of a medicine this big beside it is a concept of keeping one ("could I take like 40 paracetamol"), not
# a dose ("can I take 2 paracetamol with it?").
MEDICINE_COUNT = 10
# A sentence with what ends it (a decimal point ends none: "is 38.5 too high?").
_SENTENCE_OF = re.compile(r"(?:\d[.,]\d|[^.!?;\n])+[.!?;\n]*")
# The model does not judge messages shorter than this ("thanks heaps"): too little to read.
MODEL_MIN_WORDS = 5
# A red-flag word used by more than this share of the FAQ's phrasings is too common to say a message
# is about a symptom ("injection", "pain", "headache").
COMMON_SHARE = 0.01
# A clause of a date and at most this many more words ("Since the day after,") dates the clause after it.
DATE_CLAUSE_SLACK = 2
# How far (in words) after a symptom a "resolved" phrase ("it wore off") may come and still end it.
RESOLVED_REACH = 24
# How many earlier messages of the chat are read with the new one.
EARLIER_MESSAGES = 3
# A dash between words ends a clause as a comma does ("no fever — legs numb since last night"): a hyphen only
# with spaces round it ("weak - can't stand"), an en or em dash also without ("weak—can't stand"; "pins-and-needles"
# is one word).
_DASH = r"\s+-+\s+|\s*[–—]+\s*"
_CLAUSE_END = re.compile(rf"[,.;:!?()\n]+|{_DASH}")
# The pieces of a message: runs of words (a decimal point is no break: "38.5") and the breaks between them.
_PIECES = re.compile(rf"(?:\d[.,]\d|(?!{_DASH})[^,.;:!?()\n])+|[,.;:!?()\n]+|{_DASH}")
# ...and these end a sentence: a question in one sentence does not frame a report in the next
# ("Can I drive yet? Also, his lips are swelling").
_SENTENCE_END = re.compile(r"[.;!?\n]")
_STOP = re.compile(r"[.;!?]")
# A year ("a seizure once in 2009") dates a symptom in the past, as a not-now phrase does.
_YEAR = re.compile(r"^(19[5-9]\d|20[0-2]\d)$")


@dataclass(frozen=True)
class Flag:
    """Why a message is urgent.

    self_harm: the crisis reply, not the symptom one. phrase: the staff phrase, the reading or the
    model's score that decided. someone_else: a carer reports it for another person ("my dad...").
    before_injection: the writer has not had the injection yet.
    """

    self_harm: bool
    phrase: str
    someone_else: bool = False
    before_injection: bool = False
    # the message takes back a self-harm statement of the chat's window: the crisis reply again, whatever it says
    retracted: bool = False


@dataclass(frozen=True)
class Lexicon:
    """The grammar words of the language's `triage.yaml`."""

    negations: frozenset[str]
    clause_breaks: frozenset[str]
    reassured_after: frozenset[str]
    someone_else: frozenset[str]
    first_person: frozenset[str]
    reflexive: dict[str, str]
    object: dict[str, str]
    time_words: frozenset[str]
    inability: frozenset[str]
    changed_perfect: frozenset[str]
    temperature: frozenset[str]
    not_negating: frozenset[str]
    past_only_after: frozenset[str]
    negation_bridge: frozenset[str]
    reassurance_bridge: frozenset[str]
    since_past: frozenset[str]
    relapse: frozenset[str]
    concessive: frozenset[str]
    everyday_words: frozenset[str]
    question_words: frozenset[str]
    owners: frozenset[str]
    not_dating: frozenset[str]
    animals: frozenset[str]
    told: frozenset[str]
    symptom_nouns: frozenset[str]
    baseline: frozenset[str]
    hedged_if_after: frozenset[str]
    minimisers: frozenset[str]
    minimised: frozenset[str]
    hedged_if_before: frozenset[str]
    frame_scopes: dict[str, list[str]]
    other_people: frozenset[str]
    others_past: frozenset[str]
    came_back: frozenset[str]
    not_over: frozenset[str]
    undated: frozenset[str]
    long_units: frozenset[str]
    number_words: frozenset[str]
    order_words: frozenset[str]
    long_ago: frozenset[str]
    since_skipped: frozenset[str]
    as_if: frozenset[str]
    list_joins: frozenset[str]
    years_ago: frozenset[str]
    age_words: frozenset[str]
    when_was: frozenset[str]
    unlike: frozenset[str]
    story_words: frozenset[str]
    acting_now: frozenset[str]
    readings: dict[str, list[str]]  # read by triage_readings
    model_alarm_concepts: dict[str, list[str]]
    ordinary_statements: dict[str, list[str]]
    screening_forms: frozenset[str]
    screening_denials: frozenset[str]
    screening_not_denied: frozenset[str]
    goodbye_words: frozenset[str]
    goodbye_everyday: frozenset[str]
    not_everyday_beside: frozenset[str]
    explained_by: frozenset[str]
    others_denied: frozenset[str]
    unlike_after: frozenset[str]
    despair_farewell: frozenset[str]
    farewells: frozenset[str]
    not_caring: frozenset[str]
    of_today: frozenset[str]
    careless_ellipsis: frozenset[str]
    careless_outcome: frozenset[str]
    drink: frozenset[str]
    # triage15: false alarms raised by a phrase
    across_sentences: frozenset[str] = frozenset()
    spelt_right: frozenset[str] = frozenset()
    deliberate_words: frozenset[str] = frozenset()
    excess_words: frozenset[str] = frozenset()
    excess_everyday: frozenset[str] = frozenset()
    injury_words: frozenset[str] = frozenset()
    accident_words: frozenset[str] = frozenset()
    stop_everything: frozenset[str] = frozenset()
    medicine_words: frozenset[str] = frozenset()
    procedure_it: frozenset[str] = frozenset()
    procedure_words: frozenset[str] = frozenset()
    fever_signs: frozenset[str] = frozenset()
    site_words: frozenset[str] = frozenset()
    confusion_words: frozenset[str] = frozenset()
    puzzled_by: frozenset[str] = frozenset()
    other_skin: frozenset[str] = frozenset()
    injection_site_words: frozenset[str] = frozenset()
    fiction_words: frozenset[str] = frozenset()
    risk_question_openers: frozenset[str] = frozenset()
    risk_links: frozenset[str] = frozenset()
    research_words: frozenset[str] = frozenset()
    denial_joiners: frozenset[str] = frozenset()  # may follow a denied sign in its clause ("not hot, I do not")
    tedium_phrase_words: frozenset[str] = frozenset()
    tedium_words: frozenset[str] = frozenset()
    stop_words: frozenset[str] = frozenset()
    stop_changing: frozenset[str] = frozenset()
    taken_along: frozenset[str] = frozenset()
    after_words: frozenset[str] = frozenset()
    taken_along_words: frozenset[str] = frozenset()
    confusing_after: frozenset[str] = frozenset()
    # triage17
    retractions: frozenset[str] = frozenset()
    own_death: frozenset[str] = frozenset()
    own_death_conditions: frozenset[str] = frozenset()
    own_death_followers: frozenset[str] = frozenset()
    self_harm_denials: frozenset[str] = frozenset()
    self_harm_states: frozenset[str] = frozenset()
    self_harm_denial_bridge: frozenset[str] = frozenset()
    self_harm_hedges: frozenset[str] = frozenset()
    self_harm_self_denials: frozenset[str] = frozenset()
    self_harm_undeniable: frozenset[str] = frozenset()
    feeling_now: frozenset[str] = frozenset()
    own_turn: frozenset[str] = frozenset()
    as_instructed: frozenset[str] = frozenset()
    without_words: frozenset[str] = frozenset()
    thing_determiners: frozenset[str] = frozenset()
    # triage19
    reassuring_update: dict[str, list[str]] = field(default_factory=dict)
    update_escalation: frozenset[str] = frozenset()
    update_grave: frozenset[str] = frozenset()
    small_symptoms: frozenset[str] = frozenset()
    small_symptom_places: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def lexicon(path: Path = LANGUAGE_FILE) -> Lexicon:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    values: dict[str, Any] = {
        k: frozenset(str(w) for w in v) if isinstance(v, list) else dict(v) for k, v in data.items()
    }
    return Lexicon(**values)


@lru_cache(maxsize=4)
def _shipped_model(path: Path = MODEL_PATH) -> TriageModel:
    return TriageModel.load(path)


@lru_cache(maxsize=4)
def _shipped_lookalike(path: Path = LOOKALIKE_PATH) -> LookalikeModel:
    return LookalikeModel.load(path)


@dataclass(frozen=True)
class _Frame:
    """The context phrases found in a message: general questions, past events, "happening now"."""

    general: list[Hit]
    past: list[Hit]
    now: list[Hit]


@dataclass
class _Message:
    """One message's words, the clause each word is in, and the words the phrase lists read."""

    tokens: list[str]  # all words, "herself" read as "myself"
    clauses: list[int]
    sentences: list[int]
    content: list[int]  # positions of the words that are not IGNORED
    raw: list[str]
    stops: list[int]  # the sentence each word is in, ended only by . ! ? ; (not by a new line or a new message)
    frame: _Frame | None = None  # found once, when first needed
    all_denied: bool = False  # symptoms were named, and every one was negated or reassured
    clinical: set[int] | None = None  # positions of red-flag words outside sayings, found when first needed
    said: set[int] | None = None  # positions inside sayings ("killing me"), found when first needed
    resolved: list[Hit] | None = None  # "it wore off", found when a symptom first needs them
    indirect: str | None = None  # an indirect self-harm phrase given an everyday meaning: the model decides
    framed: bool = False  # a symptom phrase was found (before its frame was read; a kept one decides first)
    concepts: set[str] | None = None  # the kinds of `model_alarm_concepts` named, found when first needed
    asked: set[int] = field(default_factory=set)  # the sentences that end with "?"
    body: list[Hit] | None = None  # the words of the body named, found when first needed
    harm_denied: bool = False  # a self-harm phrase was found, and every one named only to deny it
    update: list[Hit] | None = None  # the phrases of a reassuring update, found when first needed

    @cached_property
    def clause_positions(self) -> dict[int, list[int]]:
        """The positions of each clause's words, in order."""
        by_clause: dict[int, list[int]] = {}
        for i, c in enumerate(self.clauses):
            by_clause.setdefault(c, []).append(i)
        return by_clause


@lru_cache(maxsize=4096)
def _phrase_words(text: str) -> frozenset[str]:
    return frozenset(words(text))


class Triage:
    """Decides whether a message is urgent, from the FAQ's red flags and the trained model."""

    def __init__(
        self, faq: Faq, *, model: TriageModel | None = None, small_talk: SmallTalk | None = None,
        lookalike: LookalikeModel | None = None,
    ):
        flags = faq.red_flags
        self._words = lexicon()
        self._model = model if model is not None else _shipped_model()
        self._lookalike = lookalike if lookalike is not None else _shipped_lookalike()
        load_frame_words()
        self._pleasantry = small_talk if small_talk is not None else SmallTalk(faq)
        # "injected" is an FAQ word, not a typo of the red flag "infected". Typos staff wrote on purpose
        # ("hedache", in an alternate and as a synonym) are not vouched for: words used once, and
        # synonyms' variants, are left out.
        counts = faq.word_counts
        variants = {w for _, group in faq.synonyms for v in group for w in words(v)}
        faq_words = frozenset(w for w, n in counts.items() if n >= 2 and w not in variants)
        # ...nor are common words spelt right ("think" is no "thick", "facet" no "face": `spelt_right`)
        faq_words |= self._words.spelt_right
        even_if_over = tuple(expand(flags.urgent_even_if_over))
        self._urgent = PhraseIndex(
            (*expand(flags.urgent), *even_if_over), ignored=IGNORED, lenient=True, correct=faq_words
        )
        # stroke signs that passed ("words came out wrong for ten minutes, back to normal now") are still urgent
        self._even_if_over = frozenset(p.text for p in even_if_over)
        # A self-harm phrase made only of everyday words ("sleep for good", "want it all to stop", "waiting to go")
        # must come in its order: in any order they are an ordinary sentence ("can't sleep good for two nights",
        # "I want to stop all my tablets", "go ahead or wait longer").
        little = IGNORED | language().filler
        everyday = self._words.everyday_words | little
        order = self._words.order_words
        self_harm, self_harm_ordered = _split_everyday(expand(flags.self_harm), everyday, order)
        indirect, indirect_ordered = _split_everyday(expand(flags.self_harm_indirect), everyday, order)
        self._self_harm = PhraseIndex(self_harm, ignored=LIGHTLY_IGNORED, lenient=True, correct=faq_words)
        self._self_harm_ordered = PhraseIndex(
            self_harm_ordered, ignored=LIGHTLY_IGNORED, lenient=True, correct=faq_words, ordered=True
        )
        self._indirect = PhraseIndex(indirect, ignored=LIGHTLY_IGNORED, lenient=True, correct=faq_words)
        self._indirect_ordered = PhraseIndex(
            indirect_ordered, ignored=LIGHTLY_IGNORED, lenient=True, correct=faq_words, ordered=True
        )
        # what gives an indirect phrase its everyday meaning, and what keeps it final: as written, nearly
        # side by side and in order ("move it", "for good"), and without typos ("from" is not "form")
        self._everyday = PhraseIndex(
            flags.self_harm_everyday, stems=False, typos=False, slack=FRAME_SLACK, ordered=True
        )
        self._final = PhraseIndex(flags.self_harm_final, stems=False, typos=False, slack=FRAME_SLACK, ordered=True)
        # Context words are matched as written (endings aside): stemming would read "like" as "likely";
        # and nearly side by side: "you said call if" is not "if you".
        self._not_now = PhraseIndex(expand(flags.not_now), stems=False, slack=FRAME_SLACK, ordered=True)
        self._general = PhraseIndex(expand(flags.asking_in_general), stems=False, slack=FRAME_SLACK, ordered=True)
        self._now = PhraseIndex(flags.happening_now, stems=False, slack=FRAME_SLACK, ordered=True)
        self._before = PhraseIndex(flags.before_injection, stems=False, typos=False, ordered=True)
        # Words of the red flags that the FAQ's questions do not use all the time ("fever", "numb",
        # "pills", not "injection" or "pain"): the model only speaks up on a message with one of them.
        counts = faq.word_counts
        phrasings = sum(len(e.phrasings) for e in faq.entries) or 1
        common = {w for w, n in counts.items() if n > COMMON_SHARE * phrasings}
        vocabulary = {w for index in self._red_flag_lists() for w in index.vocabulary}
        # ...and never a little word of a phrase ("had", "on", "now"): "had my epidural on monday" is no symptom,
        # nor an everyday word of a self-harm phrase ("where's the best place to park?")
        self._clinical = frozenset(vocabulary - common - little - self._words.everyday_words)
        self._everyday_clinical = frozenset((vocabulary - common - little) & self._words.everyday_words)
        self._clinical_words: dict[str, bool] = {}  # message word -> stands for a word of self._clinical
        # A saying is a fixed expression: its words must be (nearly) side by side, in its order ("the
        # injection had killed her, she is 19" is not "is killing me").
        # (a saying may be a concept line: "black out / blacking out + dates / diary")
        self._sayings = PhraseIndex(expand(flags.figures_of_speech), ignored=LIGHTLY_IGNORED, slack=1, ordered=True)
        self._not_self_harm = PhraseIndex(flags.not_self_harm, ignored=LIGHTLY_IGNORED, slack=1)
        self._resolved = PhraseIndex(flags.resolved, stems=False, slack=FRAME_SLACK, ordered=True)
        self._recovered = PhraseIndex(flags.recovered, stems=False, slack=FRAME_SLACK, ordered=True)
        self._over = PhraseIndex(flags.episode_over, stems=False, slack=FRAME_SLACK, ordered=True)
        self._others_past = PhraseIndex(
            tuple(Phrase(p, LANGUAGE_FILE, 0) for p in sorted(self._words.others_past)),
            stems=False, typos=False, slack=FRAME_SLACK, ordered=True,
        )
        # what an alarm of the model alone must stand on: a word of harm, an ending, despair, a means (the crisis
        # reply), or of the body (the staff's urgent phrases' own words: the urgent reply)
        self._concept_kind = {p: kind for kind, words_of in self._words.model_alarm_concepts.items() for p in words_of}
        self._harm_concepts = PhraseIndex(
            tuple(Phrase(p, LANGUAGE_FILE, 0) for p in self._concept_kind),
            stems=False, typos=False, slack=FRAME_SLACK, ordered=True,
        )
        # a sentence of thanks, history or a reassuring update: no concept for the model's alarm to stand on
        self._ordinary = PhraseIndex(
            tuple(Phrase(p, LANGUAGE_FILE, 0) for p in sorted({p for ps in self._words.ordinary_statements.values()
                                                               for p in ps})),
            stems=False, typos=False, slack=FRAME_SLACK, ordered=True,
        )
        # (as written or with its ending, never as a typo: "facet" is not "face"; nor an everyday word with an
        # ending, "needed")
        body = {
            w for w in set(self._urgent.vocabulary) & self._clinical
            if not any(w.endswith(e) and w[: -len(e)] in everyday for e in ("s", "es", "d", "ed"))
        }
        self._body = PhraseIndex(tuple(Phrase(w, LANGUAGE_FILE, 0) for w in sorted(body)), typos=False)
        self._explained_by = PhraseIndex(
            tuple(Phrase(p, LANGUAGE_FILE, 0) for p in sorted(self._words.explained_by)),
            stems=False, typos=False, slack=FRAME_SLACK, ordered=True,
        )
        self._taken_along = PhraseIndex(
            tuple(Phrase(p, LANGUAGE_FILE, 0) for p in sorted(self._words.taken_along)),
            stems=False, typos=False, slack=FRAME_SLACK, ordered=True,
        )
        # triage14's lists: "no other symptoms", "...but this is something else", "tired of fighting", "don't care if"
        self._others_denied = _grammar_index(self._words.others_denied)
        self._unlike_after = _grammar_index(self._words.unlike_after)
        self._not_caring = _grammar_index(self._words.not_caring)
        self._of_today = _grammar_index(self._words.of_today)
        self._changed_perfect = _grammar_index(self._words.changed_perfect)
        # (despair in txt voice: "tired of fightin", "cant fight no more")
        self._despair_farewell = PhraseIndex(
            tuple(Phrase(p, LANGUAGE_FILE, 0) for p in sorted(self._words.despair_farewell)),
            slack=FRAME_SLACK, ordered=True, correct=faq_words,
        )
        self._retractions = _grammar_index(self._words.retractions)
        self._own_death = _grammar_index(self._words.own_death)
        self._own_turn = _grammar_index(self._words.own_turn)
        self._as_instructed = _grammar_index(self._words.as_instructed)
        self._without = _grammar_index(self._words.without_words)
        # who "better off without ..." may be about (then it is no everyday thing)
        self._people = (self._words.someone_else | self._words.other_people | self._words.first_person
                        | {"everyone", "everybody", "us", "you"})
        self._self_harm_denials = _grammar_index(self._words.self_harm_denials)
        self._self_harm_self_denials = _grammar_index(self._words.self_harm_self_denials)
        # triage19: a reassuring update ("a bruise the size of a 5p, not getting any bigger"), by kind of phrase
        self._update_kind = {p: kind for kind, ps in self._words.reassuring_update.items() for p in ps}
        self._update = _grammar_index(self._update_kind)
        self._escalation = _grammar_index(self._words.update_escalation)
        self._grave = _grammar_index(self._words.update_grave)
        self._screening_denials = PhraseIndex(
            tuple(Phrase(p, LANGUAGE_FILE, 0) for p in sorted(self._words.screening_denials)),
            stems=False, typos=False, slack=FRAME_SLACK, ordered=True,
        )
        # a new word of a message is looked up once for all the lists, not once per list
        share_word_search(index for index in vars(self).values() if isinstance(index, PhraseIndex))

    def check(self, text: str, *, earlier: Sequence[str] = ()) -> Flag | None:
        """A Flag when the message needs urgent care, else None.

        `earlier`: the chat's previous few messages (oldest first). When this message alone is not
        urgent, it is read together with them; it is urgent when together they are and the earlier
        ones alone were not. When they were (they already got the urgent reply), it is urgent again
        only if it goes on describing ("still the same today, day 3"), not if it asks something or is
        a pleasantry ("who do I call?", "ok thanks"): those are answered as they are.
        """
        flag = self._check_one(text)
        earlier = [m for m in earlier[-EARLIER_MESSAGES:] if isinstance(m, str) and m.strip()]
        if flag is not None or not earlier:
            return flag
        joined = "\n".join(earlier)
        if self._retractions.find(self._read(text).tokens):
            # "sorry ignore that, I'm fine, bad day lol": a retraction never cancels a crisis statement of the window
            before = self._check_one(joined)
            if before is not None and before.self_harm:
                return replace(before, retracted=True)
        together = self._check_one("\n".join([*earlier, text]))
        if together is None:
            return None
        # (the earlier messages alone are read only when together they are urgent)
        if self._check_one(joined) is None or self._goes_on_describing(text):
            return together
        return None

    def _goes_on_describing(self, text: str) -> bool:
        """Words, no question and no pleasantry: "and now it's giving way", "still the same today" (a number
        alone, "2", picks from a list)."""
        lang = self._pleasantry.lang
        words = lang.words(text)
        asks = "?" in text or bool(words) and (words[0] in lang.question_words or words[0] in lang.question_openers)
        return any(w.isalpha() for w in words) and not asks and not self._pleasantry(text, words)

    def _check_one(self, text: str) -> Flag | None:
        message = self._read(text)
        if not message.tokens:
            return None
        decided = self._decide(text, message)
        if decided is None:
            return None
        self_harm, what = decided
        return Flag(self_harm, what, self._about_someone_else(message.raw), bool(self._before.find(message.tokens)))

    def _decide(self, text: str, message: _Message) -> tuple[bool, str] | None:
        """(self_harm, what decided) for an urgent message, else None: rules first, then the model."""
        rules = self._rules(message)
        if (rules is None or rules[2] == "self-harm") and self._denied_screening(message):
            return None  # "the form asks about thoughts of hurting myself, I ticked no": the form's words, answered no
        if rules is not None and rules[2] == "self-harm":
            return rules[0], rules[1]  # self-harm phrases are never overruled
        if rules is not None and rules[2] == "reading":
            # ...nor readings; but "8/10 every day... I've picked the place, the bridge" is the crisis reply when the
            # model reads self-harm, as beside a symptom phrase
            return len(message.tokens) >= MODEL_MIN_WORDS and self._model.scores(text).self_harm >= (
                MODEL_SELF_HARM_ALONE
            ), rules[1]
        if rules is None and message.indirect is None and self._pleasantry.ends_the_chat(text):
            return None  # "no, that's everything, thanks": the end of the questions, not a goodbye to life
        if rules is None and message.indirect is None and self._plain_farewell(text, message):
            return None  # "goodbye, thanks for your help": a pleasantry whose only word of an ending is its goodbye
        if message.indirect is not None:
            # "I can't see a way out of the car park": the crisis reply only when the model also reads harm,
            # and with no symptom named, the model must be sure it is urgent at all
            first = self._model.scores(text)
            if rules is None and self._nothing_of_harm_beside(message):
                # "said my goodbyes to my old mattress", "got a plan for after - rest then a walk": an everyday object
                # or plan is the phrase's own, and nothing of harm, means, despair or an ending is named besides
                return None
            if first.self_harm >= MODEL_SELF_HARM_INDIRECT:
                return True, f"{message.indirect} (model {first.self_harm:.2f})"
            if rules is None:
                return (first.self_harm >= MODEL_SELF_HARM, f"model {first.urgent:.2f}") if (
                    first.urgent >= MODEL_SURE
                ) else None
        if len(message.tokens) < MODEL_MIN_WORDS:
            return None if rules is None else (rules[0], rules[1])
        if rules is None and message.harm_denied and self._model.scores(text).urgent < MODEL_SURE:
            return None  # "no thoughts of hurting myself, just teary": self-harm named only to deny it
        distinctive = self._mentions_clinical(message)
        # what the model's own alarm may stand on: the crisis reply on a word of harm, an ending, despair or a means;
        # the urgent one on that or a word of the body ("I've got the knife next to me" names no red-flag word)
        if rules is None and not distinctive and not self._alarm_concepts(message) & OPENING_CONCEPTS and (
            not self._mentions_everyday(message)
        ):
            return None  # "who made this bot", "how do people decide?": nothing of the body or of harm
        scores = self._model.scores(text)
        if rules is not None:
            # ("rigors. no other symptoms": the other symptoms denied say the one named is there, whatever the model)
            vetoed = (
                scores.urgent < RULE_VETO
                and len(message.tokens) >= VETO_MIN_WORDS
                and not self._dated_now(message)
                and not self._others_denied.find(message.tokens)
            )
            if rules[2] == "symptom" and scores.urgent < MODEL_EXPLAINED and self._explained_by.find(message.tokens):
                return None  # "the plaster left a red square from the sticky bit": put down to the glue, and the
                # model agrees it is far from urgent
            if not vetoed:
                # "I took all my co-codamol an hour ago" names a symptom-like phrase but is self-harm;
                # "he won't wake up" (staff's not_self_harm) is not, whatever the model thinks
                # ("thinking of just not waking up tomorrow, is that bad" holds the words of "is not waking up"
                # but names nobody else: it is the writer's own wish)
                carer_symptom = bool(self._not_self_harm.find(message.tokens)) and any(
                    t in self._words.someone_else for t in message.raw
                )
                return scores.self_harm >= MODEL_SELF_HARM_ALONE and not carer_symptom, rules[1]
        # (a message that tells something, not only asks, is left to the model: see `model_alarm_concepts`; so is
        # a question the model is all but certain of)
        # (...and so is a message whose statements are all thanks, history or a reassuring update: "you've been very
        # helpful", "months of physio did nothing. What next?": `ordinary_statements`)
        if rules is None and message.all_denied and self._denied_throughout(message):
            return None  # "it's not bleeding, it's not red, it's not hot": nothing of the body is said but denied
        if rules is None and message.indirect is None and self._model_alone_lookalike(message):
            return None  # "my cat's been sick all morning", "stopped my tablets like you told me": no report of harm
        harm = bool(self._alarm_concepts(message)) or scores.self_harm >= MODEL_SELF_HARM_UNNAMED or (
            not self._only_asks(text, or_ordinary=True)
        )
        if not harm and not self._names_body(message):
            return None  # "do i need someone to drive me", "what's the weather tomorrow?": the model's word alone
        if not distinctive:
            # only everyday words of a red flag ("where's the best place to park?"): the model must be sure
            if scores.urgent < MODEL_SURE and self._pleasantry(text):
                return None  # "have a nice weekend, bye"
            if scores.urgent >= MODEL_SURE or (harm and scores.self_harm >= MODEL_SURE):
                what = f"model {max(scores.urgent, scores.self_harm):.2f}"
                return self._model_alarm(text, message, harm and scores.self_harm >= MODEL_SELF_HARM, what)
            return None
        # (a pleasantry by its shape, "have a nice weekend, bye", was read above: it has only everyday words
        # of a red flag; one with a word of the body or of harm is read here, "please tell my doctor thank
        # you. I go to the bridge tonight.")
        if harm and scores.self_harm >= MODEL_SELF_HARM_ALONE:
            return self._model_alarm(text, message, True, f"model {scores.self_harm:.2f}")
        if message.framed and scores.urgent < MODEL_FRAMED:
            return None  # the rules found a symptom and its frame took it away: the model may not bring it back unsure
        # (whether it reads as a report is asked only when the score leaves it to that: it finds the frame)
        if scores.urgent >= MODEL_SURE or (
            scores.urgent >= MODEL_REPORT and not message.all_denied and self._reads_as_report(message)
        ):
            self_harm = harm and scores.self_harm >= MODEL_SELF_HARM
            return self._model_alarm(text, message, self_harm, f"model {scores.urgent:.2f}")
        return None

    def _model_alone_lookalike(self, message: _Message) -> bool:
        """What the main model alone would alarm on is no report of the writer's harm: the message names no harm nor
        means, and the model finds nothing urgent once the animal's clauses are left out ("my dog's been vomiting since
        breakfast, sorry wrong chat"), or it tells of doing as the clinic said ("stopped my painkillers as the letter
        said") or of being better off without a thing ("...better off without the walking stick")."""
        lex, tokens = self._words, message.tokens
        concepts = self._alarm_concepts(message)
        if concepts & OPENING_CONCEPTS:
            return False
        animals = {message.clauses[i] for i, t in enumerate(message.raw) if t in lex.animals}
        if animals:
            # (a clause with "I", "me" is the writer's too: "the dog knocked me over and my leg's gone numb")
            animals = {c for c in animals if not any(
                message.clauses[i] == c and t in lex.first_person for i, t in enumerate(message.raw))}
            kept = [where for c, where in message.clause_positions.items() if c not in animals]
            rest = ". ".join(" ".join(message.raw[i] for i in where) for where in kept)
            if animals and (not rest or self._model.scores(rest).urgent < MODEL_REPORT):
                return True
        # (only of medicines: "rested like they said, today my thigh is numb" names the body, it is a report)
        if self._as_instructed.find(tokens) and all(
            message.raw[h.start] in lex.medicine_words | lex.baseline for h in self._body_named(message)
        ):
            return True
        people = self._people
        withouts = self._without.find(tokens)
        return bool(withouts) and concepts <= {"despair"} and all(
            tokens[h.end + 1 : h.end + 2] and tokens[h.end + 1] in lex.thing_determiners
            and people.isdisjoint(tokens[h.end + 1 : h.end + 4]) for h in withouts
        )

    def _nothing_of_harm_beside(self, message: _Message) -> bool:
        """The message names no concept of `model_alarm_concepts` outside a saying but the goodbye words of its own
        phrase (`goodbye_words`: "said my goodbyes to my old sofa"): no harm, means, despair, keeping or ending; and
        no one close, no medicine, no night of it (`not_everyday_beside`)."""
        lex = self._words
        if not lex.not_everyday_beside.isdisjoint(message.raw) or not lex.medicine_words.isdisjoint(message.raw):
            return False  # "a plan for after the kids are at school", "...after, with my tablets": the model reads it
        if not self._alarm_concepts(message):
            return True
        said, goodbye = self._said(message), lex.goodbye_words
        return all(
            _phrase_words(h.phrase.text) <= goodbye
            for h in self._harm_concepts.find(message.tokens) if said.isdisjoint(range(h.start, h.end + 1))
        ) and self._alarm_concepts(message) <= {"ending"}

    def _alarm_concepts(self, message: _Message) -> set[str]:
        """The kinds of `model_alarm_concepts` the message names outside a saying: harm, ending, despair, means,
        keeping."""
        if message.concepts is not None:
            return message.concepts
        said = self._said(message)
        hits = [h for h in self._harm_concepts.find(message.tokens) if said.isdisjoint(range(h.start, h.end + 1))]
        kinds = {self._concept_kind[h.phrase.text] for h in hits}
        if kinds == {"medicines"}:
            # a medicine alone is no concept of harm, a count of it is ("like 40 paracetamol")
            tokens = message.tokens
            counted = any(
                t.isdigit() and int(t) >= MEDICINE_COUNT and h.start - 3 <= i <= h.end + 3
                for h in hits for i, t in enumerate(tokens)
            )
            kinds = {"keeping"} if counted else set()
        message.concepts = kinds
        return kinds

    def _denied_screening(self, message: _Message) -> bool:
        """The message names the clinic's screening form and the writer's no to it ("I ticked no", "I've had no
        thoughts about it"), with nothing just after that no to undo it ("...but honestly I do"), and says harm at
        most once, in the form's question: not again in a clause after the no ("I ticked no, and I've been cutting
        again")."""
        lex = self._words
        if lex.screening_forms.isdisjoint(message.tokens):
            return False
        tokens = message.tokens
        said = [h for index in self._red_flag_lists()[1:] for h in index.find(tokens)]
        if len({h.start for h in said}) > 1:
            return False
        for denial in self._screening_denials.find(tokens):
            if not lex.screening_not_denied.isdisjoint(tokens[denial.end + 1 : denial.end + 1 + SCREENING_REACH]):
                continue
            # (after an answer, "I said no", anything; after "I've had no thoughts", only in a later clause: what
            # follows in its own is what it denies, "...about killing myself")
            answer, clause = tokens[denial.end] == "no", message.clauses[denial.end]

            def later(h: Hit, answer: bool = answer, denial: Hit = denial, clause: int = clause) -> bool:
                return h.start > denial.end if answer else message.clauses[h.start] > clause

            concepts = [h for h in self._harm_concepts.find(tokens) if later(h)]
            if not any(later(h) for h in said) and not any(
                self._concept_kind[h.phrase.text] in OPENING_CONCEPTS for h in concepts
            ):
                return True
        return False

    def _only_asks(self, text: str, *, or_ordinary: bool = False) -> bool:
        """Every sentence of the message is a question (it ends with "?" or starts with a question word: "do i need
        someone to drive me") or a pleasantry ("Hi!", "Thanks.", "thanks, you've been a star"). "Can I leave early?
        I'd like it done this week." also tells something. With `or_ordinary`, a sentence of thanks, history or a
        reassuring update (`ordinary_statements`: "you've been very helpful", "physio hasn't helped") also counts."""
        question_words = self._words.question_words
        for match in _SENTENCE_OF.finditer(text[:TRIAGE_MAX_CHARS]):
            sentence = match.group()
            said = words(sentence, TRIAGE_MAX_CHARS)
            if said and not sentence.rstrip().endswith("?") and said[0] not in question_words:
                if not self._pleasantry(sentence) and not (or_ordinary and self._ordinary_sentence(sentence)):
                    return False
        return True

    def _ordinary_sentence(self, sentence: str) -> bool:
        """Every clause of the sentence is thanks, history or a reassuring update (`ordinary_statements`), or
        a word or two ("Right,"), and one clause at least is such a statement: "physio did nothing and I've run out of
        reasons to get up" is not, nor "Seriously though, how many."."""
        breaks = self._words.clause_breaks
        ordinary = False
        for piece in _CLAUSE_END.split(sentence):
            clause: list[str] = []
            for word in [*words(piece, TRIAGE_MAX_CHARS), ""]:
                if word and word not in breaks and word not in ORDINARY_JOINS:
                    clause.append(word)
                    continue
                said = bool(self._ordinary.find(clause)) if clause else False
                if len(clause) > ORDINARY_FEWEST_WORDS and not said:
                    return False
                ordinary = ordinary or said
                clause = []
        return ordinary

    def _names_body(self, message: _Message) -> bool:
        """A word of the staff's urgent phrases (of the body or a symptom, not one the FAQ uses all the time),
        outside a saying."""
        said = self._said(message)
        return any(h.start not in said for h in self._body_named(message))

    def _body_named(self, message: _Message) -> list[Hit]:
        """The words of the body and of symptoms the message names (found once a message)."""
        if message.body is None:
            message.body = self._body.find(message.tokens)
        return message.body

    def _denied_throughout(self, message: _Message) -> bool:
        """Every word of the body the message names (`_names_body`) is negated ("I don't have a fever, I don't have
        a stiff neck"): with every symptom phrase denied too, nothing is left for the model's alarm to stand on
        (without a phrase found and denied, the model still reads it: it knows signs no phrase names).
        "no fever, but my legs are shaking" names the legs in a clause of their own; "the hole has not closed and
        is weeping" negates the closing, not the weeping."""
        said = self._said(message)
        body = {h.start for h in self._body_named(message) if h.start not in said}
        return all(self._negated_word(message, p, body) and self._ends_its_clause(message, p, body) for p in body)

    def _ends_its_clause(self, message: _Message, position: int, body: set[int]) -> bool:
        """Nothing but bridge words, words of the body and further denials follow the word in its clause: "not hot",
        "no stiff neck and I don't feel sick"; "no water has come out since the morning" tells an absence, a sign."""
        lex, tokens = self._words, message.tokens
        allowed = lex.negation_bridge | lex.negations | lex.denial_joiners
        return all(
            tokens[i] in allowed or i in body
            for i in range(position + 1, len(tokens)) if message.clauses[i] == message.clauses[position]
        )

    def _negated_word(self, message: _Message, position: int, body: set[int]) -> bool:
        """A negation near the word in its clause, with only bridge words or words of the body between: before it
        ("not bleeding"), or after it ("my legs are not numb")."""
        return self._negation_towards(message, position, body, -1) or self._negation_towards(message, position, body, 1)

    def _negation_towards(self, message: _Message, position: int, body: set[int], step: int) -> bool:
        tokens, lex = message.tokens, self._words
        i = position + step
        while 0 <= i < len(tokens) and message.clauses[i] == message.clauses[position]:
            if tokens[i] in lex.negations:
                return True
            if tokens[i] not in lex.negation_bridge and i not in body:
                return False
            i += step
        return False

    def _model_alarm(self, text: str, message: _Message, self_harm: bool, what: str) -> tuple[bool, str] | None:
        """An alarm the main model raised with no rule behind it, unless the look-alike head is sure the message
        only looks like a report ("not numb, not feverish", "my aunt had chest pains, she was fine") and nothing
        dates it now ("today", "since the day after": then the alarm stands, recall first)."""
        if self._update_taken_back(text, message, self_harm):
            return None  # "slight headache yesterday, gone after paracetamol, nothing now": an update, not a report
        current = self._lookalike.current(text)
        over = self._told_over(message)
        dated = self._dated_now(message, of_the_body=True) and not over
        if not self_harm and current < (LOOKALIKE_VETO_OVER if over else LOOKALIKE_VETO) and not dated:
            return None
        return self_harm, f"{what}, report {current:.2f}{' dated' if dated else ''}"

    # ---------------------------------------------------------------- reading the message

    def _read(self, text: str) -> _Message:
        lex = self._words
        tokens: list[str] = []
        clauses: list[int] = []
        sentences: list[int] = []
        clause = sentence = stop = 0
        stops: list[int] = []
        asked: set[int] = set()
        text = text[:TRIAGE_MAX_CHARS] if isinstance(text, str) else ""
        # (a decimal point is no sentence end: "a temperature of 38.5 after the injection" is one sentence)
        for match in _PIECES.finditer(text):
            piece = match.group()
            if _CLAUSE_END.fullmatch(piece) or not piece.strip():
                if "?" in piece:
                    asked.add(sentence)
                clause += 1
                sentence += bool(_SENTENCE_END.search(piece))
                stop += bool(_STOP.search(piece))
                continue
            for token in words(piece, TRIAGE_MAX_CHARS):
                if token in lex.clause_breaks:
                    clause += 1
                tokens.append(token)
                clauses.append(clause)
                sentences.append(sentence)
                stops.append(stop)
        raw = list(tokens)
        # "as if my leg wasn't there" is a description, not a hypothetical; "not sure if it's related" asks what
        # a symptom is, not what would happen; "probably nothing, but..." minimises
        tokens = [
            "like" if t == "if" and i and tokens[i - 1] in lex.as_if
            else "whether" if t == "if" and i and tokens[i - 1] in lex.hedged_if_after
            and tokens[i + 1 : i + 2] and tokens[i + 1] in lex.hedged_if_before
            # ("likely nothing, but there's yellow stuff coming out" minimises a report; it asks nothing)
            else "minimising" if t in lex.minimisers and tokens[i + 1 : i + 2] and tokens[i + 1] in lex.minimised
            else lex.reflexive.get(t, t)
            for i, t in enumerate(tokens)
        ]
        content = [i for i, t in enumerate(tokens) if t not in IGNORED]
        return _Message(tokens, clauses, sentences, content, raw, stops, asked=asked)

    def _mentions_clinical(self, message: _Message, where: Sequence[int] | None = None) -> bool:
        """A red-flag word (not one of the FAQ's everyday ones) outside any saying ("killing me")."""
        if message.clinical is None:
            known = self._red_flag_lists()
            cache = self._clinical_words
            clinical = set()
            for i, t in enumerate(message.tokens):
                is_clinical = cache.get(t)  # (a word's answer never changes: asked once, not per message)
                if is_clinical is None:
                    is_clinical = self._clinical_word(t, known)
                if is_clinical:
                    clinical.add(i)
            # (the sayings are looked for only in a message with a red-flag word: most have none)
            message.clinical = clinical - self._said(message) if clinical else clinical
        return bool(message.clinical if where is None else message.clinical.intersection(where))

    def _clinical_word(self, token: str, known: Sequence[PhraseIndex]) -> bool:
        """Whether a message word stands for a red-flag word of `self._clinical` (cached: asked once a word)."""
        is_clinical = any(index.stands_for_any(token, self._clinical) for index in known)
        if len(self._clinical_words) < 20_000:
            self._clinical_words[token] = is_clinical
        return is_clinical

    def read_ahead(self, words: Iterable[str]) -> None:
        """Read these words and every word of the triage's own phrases now, as a message using them would (what
        each stands for in every phrase list, whether it is a red-flag word), so that the first message to use
        one does not pay for it. Decides nothing: a message finds the same either way."""
        words = [*dict.fromkeys([*words, *self.known_words()])]
        self._urgent.read_ahead(words)  # (the lists share one word search: one reads every word for all)
        known = self._red_flag_lists()
        for word in words:
            if word not in self._clinical_words:
                self._clinical_word(word, known)

    def known_words(self) -> frozenset[str]:
        """Every word of the triage's phrase lists."""
        return frozenset(w for index in vars(self).values() if isinstance(index, PhraseIndex) for w in index.vocabulary)

    def _mentions_everyday(self, message: _Message) -> bool:
        """An everyday word of a red flag ("place", "need", "ready"), outside any saying."""
        said = self._said(message)
        known = self._red_flag_lists()
        return any(
            i not in said and any(index.stands_for_any(t, self._everyday_clinical) for index in known)
            for i, t in enumerate(message.tokens)
        )

    def _said(self, message: _Message) -> set[int]:
        """Positions of the message's words that are part of a saying ("this wait is killing me")."""
        if message.said is None:
            message.said = {i for h in self._sayings.find(message.tokens) for i in range(h.start, h.end + 1)}
        return message.said

    def _about_someone_else(self, raw: Sequence[str]) -> bool:
        """'my dad had his nerve block and now he can't wake up': a third person, and no 'I'."""
        lex = self._words
        return any(t in lex.someone_else for t in raw) and not any(
            t in lex.first_person and not (i and raw[i - 1] in lex.told) for i, t in enumerate(raw)
        )

    def _red_flag_lists(self) -> tuple[PhraseIndex, ...]:
        return self._urgent, self._self_harm, self._self_harm_ordered, self._indirect, self._indirect_ordered

    # ---------------------------------------------------------------- the rules

    def _rules(self, message: _Message) -> tuple[bool, str, str] | None:
        """(self_harm, what matched, "self-harm" | "symptom" | "reading") when the staff rules or a
        reading make the message urgent."""
        tokens = message.tokens
        kept = [i for i, t in enumerate(tokens) if t not in LIGHTLY_IGNORED]
        about_self = [self._words.object.get(tokens[i], tokens[i]) for i in kept]
        self_harm = self._self_harm.find(about_self) + self._self_harm_ordered.find(about_self)
        indirect = self._indirect.find(about_self) + self._indirect_ordered.find(about_self)
        # (the sayings matter only around a self-harm phrase: most messages have none to look for)
        sayings = self._sayings.find(about_self) + self._not_self_harm.find(about_self) if self_harm or indirect else []
        standing = [h for h in self_harm if not self._harm_denied(message, kept[h.start], kept[h.end], h.phrase.text)]
        denied = [h for h in self_harm if h not in standing]
        # ("I'm not going to hurt myself" also reads as "not myself": an indirect phrase within the words denied)
        indirect = [h for h in indirect if not any(d.start <= h.start and h.end <= d.end + 1 for d in denied)]
        if self_harm and not standing and not indirect:
            message.harm_denied = True  # "no thoughts of hurting myself or anything like that": named to deny it
        denied_at = {i for h in denied for i in range(kept[h.start], kept[h.end] + 1)}
        for hit in standing:
            if message.stops[kept[hit.start]] != message.stops[kept[hit.end]]:
                # "I am 81 and live alone. Will somebody stay with me?" is no "will to live" (symptoms may be told
                # over two sentences, "a bad headache. My neck is stiff too", and any phrase over two messages)
                continue
            if not any(s.start <= hit.end and hit.start <= s.end for s in sayings):
                if self._recovered_past(message):
                    break  # "an overdose when I was 19, I've been well since": the model reads it
                if self._everyday_object(message, kept[hit.start], kept[hit.end], hit.phrase.text):
                    message.indirect = message.indirect or hit.phrase.text  # the model has the last word
                    continue
                return True, hit.phrase.text, "self-harm"
        for hit in indirect:
            if message.stops[kept[hit.start]] != message.stops[kept[hit.end]]:
                continue  # as above: "Good morning! Do you know the cost?" is no "good knowing you"
            if any(s.start <= hit.end and hit.start <= s.end for s in sayings):
                continue
            if self._recovered_past(message):
                break
            if self._everyday_meaning(message, kept[hit.start], kept[hit.end]) or self._everyday_object(
                message, kept[hit.start], kept[hit.end], hit.phrase.text
            ):
                message.indirect = message.indirect or hit.phrase.text  # the model has the last word
                continue
            return True, hit.phrase.text, "self-harm"
        for what, _, _ in overdose_taken(message.raw) + overdose_said(message.raw):
            return True, what, "self-harm"  # "took about 30 of my co-codamol an hour ago": an overdose taken
        if self._supposes_own_death(message):
            return True, "the writer supposed dead", "self-harm"  # "what happens to my appointment if I'm dead lol"
        if self._despair_then_farewell(message):
            return True, "despair, then a farewell", "self-harm"  # "tired of fighting. goodbye"
        if self._careless_of_harm(message):
            return True, "a means, and not caring if it harms", "self-harm"  # "...vodka? don't care if it isn't"
        content = [tokens[i] for i in message.content]
        symptoms = [
            _Span(h.phrase.text, *_locate(message, h)) for h in self._urgent.find(content)
        ]
        # "I'm booked on a Friday. Will I be fit for work?" is no "having a fit": a symptom lies in one sentence,
        # unless its phrase is one told over two (`across_sentences`: "a bad headache. My neck is stiff too")
        symptoms = [s for s in symptoms if not self._crosses_sentence(message, s)]
        # ("I'm not going to hurt myself, just fed up waiting" is no "not myself since": words of a denied self-harm)
        symptoms = [s for s in symptoms if denied_at.isdisjoint(range(s.start, s.end + 1))]
        if symptoms:  # "hay fever", "my phone had a fit": a saying holds the symptom words
            said = self._sayings.find(tokens)
            symptoms = [s for s in symptoms if not any(h.start <= s.end and s.start <= h.end for h in said)]
        found = bool(symptoms)
        message.framed = found
        normal = normal_readings(tokens)
        symptoms = [
            s for s in symptoms
            if not self._negated(message, s) and not self._reassured(message, s) and not self._split(message, s)
            and not self._negation_elsewhere(message, s)
            and (s.what in self._even_if_over or not self._resolved_later(message, s))
            and not self._animal_subject(message, s.start)
            and not any(abs(n - s.start) <= NOW_REACH and s.what in self._words.temperature for n in normal)
            and not self._normal_reading_beside(message, s, normal)
            and not self._puzzled(message, s) and not self._other_skin(message, s) and not self._fiction(message, s)
            and not self._asks_about_risk(message, s)
            and not self._told_small_and_easing(message, s)
        ]
        # readings first: they are never overruled
        symptoms = [_Span(what, lo, hi, "reading") for what, lo, hi in alarming_reading(tokens)] + symptoms
        # "no fever, no chills, legs fine": every symptom named is denied (the model must then be sure)
        message.all_denied = found and not symptoms
        if not symptoms:
            return None
        # "Is chest pain after the injection ever a thing?": a question about nobody in particular; a
        # reading asked about beside other sentences is someone's own ("Is 38.1 a problem? Had the
        # injection on Monday, feel fluey"), alone it may be general ("would 38 be a problem?")
        told_more = len(set(message.sentences)) > 1
        symptoms = [
            s for s in symptoms
            if (s.kind == "reading" and told_more) or not self._ownerless_question(message, message.sentences[s.start])
        ]
        # "my colleague's leg went numb for days after his, is he exaggerating?": an acquaintance's story
        symptoms = [s for s in symptoms if s.kind == "reading" or not self._someone_elses_story(message, s.start)]
        # "my cousin's site bled loads on blood thinners, should I stop mine?": another's event, then the writer's turn
        symptoms = [s for s in symptoms if s.kind == "reading" or not self._compared_with_own(message, s)]
        if not symptoms:
            return None
        frame = self._frame(message)
        general, past, now = frame.general, frame.past, frame.now
        # (a year, "years ago" or "for a day", "apparently" told of someone else: read only in a message that dates
        # nothing now)
        lasted = self._others_past.find(tokens)
        # ("for a day after a nerve block" says how long it lasted: its "day after" dates nothing)
        # ("I am afraid", "I have a question" say who writes, not when: they date nothing)
        # ("now he is ok", "she's fine now": the "now" of a recovery dates nothing)
        recovered = self._recovered.find(tokens)
        dated = [
            h for h in now
            if not any(o.start <= h.end and h.start <= o.end for o in lasted + recovered)
            and not _phrase_words(h.phrase.text) <= self._words.undated
        ]
        past_of_others = past + lasted if not dated else []
        if not general and not past and not past_of_others:
            return False, symptoms[0].what, symptoms[0].kind
        for symptom in symptoms:
            lo, hi = symptom.start, symptom.end
            sentence = message.sentences[lo]
            # ...in its own sentence: "Could it cause paralysis? I keep reading horror stories" is a question
            near_now = [
                h for h in now
                if h.end >= lo - NOW_REACH and h.start <= hi + NOW_REACH and message.sentences[h.start] == sentence
            ]
            # a frame reaches only within its sentence
            general = [h for h in frame.general if message.sentences[h.end] == sentence]
            past = [h for h in frame.past if message.sentences[h.start] == sentence]
            # "my mate had a fit after his spinal jab apparently, years back": someone else's past, for comparison
            if past_of_others and self._others_subject(message, lo):
                if past or any(message.sentences[h.start] == sentence for h in past_of_others):
                    continue
            if symptom.what in self._even_if_over:  # only a date long ago ("a TIA in 2015") frames a stroke sign
                past = [h for h in past if _long_ago(h, self._words.long_ago)]
                if not past and not general:
                    return False, symptom.what, symptom.kind
            # "five years ago my leg was numb for one day, then finished": the writer's own past, long ago and over
            if past_of_others and any(message.sentences[h.start] == sentence and h.start > hi for h in lasted) and any(
                _long_ago(h, self._words.long_ago) for h in past
            ):
                continue
            if not frame.general and not frame.past:
                return False, symptom.what, symptom.kind  # only "apparently", "for a day": of the writer, a report
            # A question or a past event that comes just before the symptom frames it: "how common is
            # a fever after...", "what if I can't pee afterwards?", "years ago I had a fever"; a past
            # event may also follow it: "a seizure once in 2009".
            before = general + [h for h in past if h.phrase.text not in self._words.past_only_after]
            # "it wore off and now it's numb again": a past phrase the symptom came back after frames nothing
            back = [h for h in past if self._came_back(message, h)]
            if any(lo - NOW_REACH <= h.end < lo for h in before if h not in back) or any(
                hi < h.start <= hi + NOW_REACH for h in past if h not in back
            ):
                # ...unless a time word says it is happening now ("how common is this numbness I've
                # had since yesterday?"); "if I feel..." is not enough.
                # (in the symptom's clause or the one beside it: "pins and needles ever since, physio, gabapentin,
                # and now I'm on the waiting list" dates the waiting list)
                clause = message.clauses[lo]
                if any(
                    _phrase_words(h.phrase.text) & self._words.time_words
                    and abs(message.clauses[h.start] - clause) <= 1
                    for h in near_now
                ):
                    return False, symptom.what, symptom.kind
                continue
            if any(hi < h.start <= hi + NOW_REACH for h in back):
                return False, symptom.what, symptom.kind  # it went, and came back: a report
            # "I can't move my leg, will I be ok?": an inability is a report, whatever question follows.
            if _phrase_words(symptom.what) & self._words.inability or self._changed_perfect_in(message, symptom):
                return False, symptom.what, symptom.kind
            # Otherwise the question or past words are elsewhere: urgent if something near says "now"...
            if near_now:
                return False, symptom.what, symptom.kind
            # ...or if only questions are, in sentences before it, and its own tells ("can you confirm my appointment?
            # chest pain on and off all morning going into my jaw": an admin question first, then a report)
            if self._told_after_questions(message, lo):
                return False, symptom.what, symptom.kind
        return None

    def _sentence_words(self, message: _Message, position: int) -> list[str]:
        sentence = message.sentences[position]
        return [t for t, n in zip(message.tokens, message.sentences, strict=True) if n == sentence]

    def _everyday_object(self, message: _Message, lo: int, hi: int, phrase: str) -> bool:
        """A self-harm phrase (words lo..hi) that its sentence gives an everyday object, so the model decides:
        an excess of something harmless ("gonna overdose on box sets after my jab"), a cut by accident ("cut
        myself chopping onions, a nick on my thumb"), the medicines stopped in favour of the injection ("wants to
        stop everything, all the tablets"), the procedure gone through with ("not sure I'll go through with it,
        the injection I mean"). Never with a word of intent in the message (`deliberate_words`: "again",
        "cope", "wrists")."""
        lex, tokens = self._words, message.tokens
        said = _phrase_words(phrase)
        if lex.deliberate_words.difference(said).intersection(message.raw):
            return False  # (the phrase's own words aside: "a project on suicide prevention")
        sentence = self._sentence_words(message, hi)
        after = [t for i, t in enumerate(tokens) if i > hi and message.sentences[i] == message.sentences[hi]]
        if said & lex.excess_words and lex.excess_everyday.intersection(after[:EVERYDAY_OBJECT_REACH]):
            return True
        if (lex.research_words | lex.fiction_words).intersection(message.raw) and lex.owners.isdisjoint(
            message.raw[lo : hi + 1]
        ):
            return True  # "a school project on suicide prevention": a subject studied or written about (not "kill
            # myself": a phrase of the writer's own)
        if said & lex.tedium_phrase_words and lex.tedium_words.intersection(after[:EVERYDAY_OBJECT_REACH]):
            return True  # "lost the will to live filling in the form"
        if said & lex.stop_words and lex.stop_changing.intersection(after[:2]):
            return True  # "I want everything to stop changing on the letters"
        if said & lex.taken_along_words and any(
            h.start > hi and message.sentences[h.start] == message.sentences[hi] for h in self._taken_along.find(tokens)
        ):
            return True  # "take the whole box of tablets to the appointment so the doctor can see"
        if said & lex.injury_words and lex.accident_words.intersection(sentence):
            return True
        if said >= lex.stop_everything and "everything" in tokens[lo : hi + 1] and tokens.index("stop", lo) < (
            tokens.index("everything", lo)
        ):  # "stop everything, all the tablets" (not "want everything to stop")
            return bool(lex.medicine_words.intersection(after))
        if said >= lex.procedure_it:  # "go through with it": the injection named in its sentence or the next
            near = {message.sentences[hi], message.sentences[hi] + 1, message.sentences[hi] - 1}
            named = [t for t, n in zip(tokens, message.sentences, strict=True) if n in near]
            return bool(lex.procedure_words.intersection(named))
        return False

    def _normal_reading_beside(self, message: _Message, symptom: _Span, normal: Sequence[int]) -> bool:
        """A fever told without the word ("face red and hot", "flushed and shivery") beside a normal temperature
        ("no temp though, 36.7"): reassurance. Not at the injection site (`site_words`: a red hot site is
        infected whatever the thermometer says)."""
        lex = self._words
        if not _phrase_words(symptom.what) & lex.fever_signs:
            return False
        sentence = message.sentences[symptom.start]
        if not any(abs(n - symptom.start) <= READING_REACH and message.sentences[n] == sentence for n in normal):
            return False
        return not lex.site_words.intersection(self._sentence_words(message, symptom.start))

    def _puzzled(self, message: _Message, symptom: _Span) -> bool:
        """Confusion that is puzzlement at information, by the writer ("I've read so much online I'm more
        confused than ever"): a confusion phrase in a sentence with a word of information (`puzzled_by`), "I" in
        it and nobody else."""
        lex = self._words
        if not _phrase_words(symptom.what) & lex.confusion_words:
            return False
        if any(
            message.raw[i] == "confusing" and i and message.raw[i - 1] in lex.confusing_after | lex.puzzled_by
            for i in range(symptom.start, symptom.end + 1)
        ):
            # "the map is confusing", "a bit confusing", "the letter's confusing": said of a thing (not "confusing
            # her words")
            return True
        sentence = message.sentences[symptom.start]
        raw = [t for t, n in zip(message.raw, message.sentences, strict=True) if n == sentence]
        return bool(lex.puzzled_by.intersection(raw)) and bool(lex.first_person.intersection(raw)) and (
            lex.someone_else.isdisjoint(raw)
        )

    def _other_skin(self, message: _Message, symptom: _Span) -> bool:
        """Redness or swelling of something else than the injection ("a new tattoo, red and a bit swollen"): a word
        of `other_skin` in the symptom's sentence and no word of the injection (`procedure_words`,
        `injection_site_words`)."""
        lex = self._words
        sentence = set(self._sentence_words(message, symptom.start))
        return bool(lex.other_skin & sentence) and not (lex.procedure_words | lex.injection_site_words) & sentence

    def _fiction(self, message: _Message, symptom: _Span) -> bool:
        """A symptom of a story being written ("I'm writing a novel where a character gets an infection"): a word of
        fiction in the message, none of acting now, and no "I", "my" in the symptom's clause."""
        lex = self._words
        if not lex.fiction_words.intersection(message.raw) or lex.acting_now.intersection(message.raw):
            return False
        clause = message.clauses[symptom.start]
        people = lex.owners | lex.someone_else
        return not any(message.clauses[i] == clause and t in people for i, t in enumerate(message.raw))

    def _asks_about_risk(self, message: _Message, symptom: _Span) -> bool:
        """A question about a risk of the procedure ("Can I get bleeding inside from the injection?", "will my legs be
        numb afterwards?"): its sentence opens with `risk_question_openers`, the symptom in the same clause, the
        procedure or "afterwards" after it, and no time word dates the sentence now ("can I get help, I'm bleeding
        since this morning" is a report)."""
        lex, tokens = self._words, message.tokens
        where = [i for i, n in enumerate(message.sentences) if n == message.sentences[symptom.start]]
        opening = " ".join(tokens[where[0] : where[0] + 2])
        if opening not in lex.risk_question_openers:
            return False
        if message.clauses[where[0]] != message.clauses[symptom.start]:
            return False  # "will I be ok, my leg is numb after the injection" asks about a report
        after = tokens[symptom.end + 1 : where[-1] + 1][:RISK_REACH]
        named = lex.procedure_words.intersection(after) and lex.risk_links.intersection(after)
        if not named and lex.after_words.isdisjoint(after):  # ("will my legs be numb afterwards?")
            return False
        return lex.time_words.isdisjoint(tokens[i] for i in where)

    def _crosses_sentence(self, message: _Message, symptom: _Span) -> bool:
        """A symptom phrase read over a sentence end (. ! ? ;), not one staff let cross (`across_sentences`). A new
        line or a new message does not end a sentence here: a symptom may be told over two messages."""
        if message.stops[symptom.start] == message.stops[symptom.end]:
            return False
        return not _phrase_words(symptom.what) & self._words.across_sentences

    def _changed_perfect_in(self, message: _Message, symptom: _Span) -> bool:
        """The symptom is told as a change that has happened ("my leg has gone numb", `changed_perfect`): its
        words lie inside the symptom's span, or end just before it in its clause."""
        lo, hi = symptom.start, symptom.end
        return any(
            lo - 2 <= h.start and h.end <= hi and message.clauses[h.start] == message.clauses[lo]
            for h in self._changed_perfect.find(message.tokens)
        )

    def _told_after_questions(self, message: _Message, position: int) -> bool:
        """The sentence of this word tells (it neither ends with "?" nor starts with a question word), the message has
        no past frame, and every general question of it comes in an earlier sentence: "could you resend my letter?
        I've got chest pain going into my arm" (not "I was shivering in the waiting room. Can you turn the heating
        up?", "Good morning. Is leaking urine a known side effect?"), and says nothing of it resolved."""
        frame = self._frame(message)
        sentence = message.sentences[position]
        first = next(i for i, s in enumerate(message.sentences) if s == sentence)
        if frame.past or sentence in message.asked or message.raw[first] in self._words.question_words:
            return False
        if any(message.sentences[h.start] == sentence for h in self._resolved.find(message.tokens)):
            return False  # "...I had a mild headache on Saturday that went with paracetamol": told as over
        return all(message.sentences[h.end] < sentence for h in frame.general)

    def _everyday_meaning(self, message: _Message, lo: int, hi: int) -> bool:
        """An indirect self-harm phrase (words lo..hi) followed, in its sentence or the next, by words that
        give it an everyday meaning ("I won't be around for the follow-up, I'm on holiday"), or with them
        just before it in its clause ("parked in front of a van"), and nothing final anywhere in the message
        ("...going away forever", "so I can stop all of this for good")."""
        tokens = message.tokens
        if self._goodbye_to_everyday(message, lo, hi):
            return True
        if self._final.find(tokens):  # ...also inside the phrase: "stop all of this for good"
            return False
        sentence, clause = message.sentences[hi], message.clauses[lo]
        return any(
            (h.start > hi and message.sentences[h.start] in (sentence, sentence + 1))
            or (h.end < lo and message.clauses[h.end] == clause)  # "parked in front of a van"
            for h in self._everyday.find(tokens)
        )

    def _goodbye_to_everyday(self, message: _Message, lo: int, hi: int) -> bool:
        """A goodbye phrase (words lo..hi) in a sentence about someone or somewhere of everyday life ("said goodbye
        to my old GP practice, I've moved house"), with nothing else final in the message ("...forever")."""
        lex, tokens = self._words, message.tokens
        if lex.goodbye_words.isdisjoint(tokens[lo : hi + 1]):
            return False
        sentence = message.sentences[hi]
        if lex.goodbye_everyday.isdisjoint(t for t, s in zip(tokens, message.sentences, strict=True) if s == sentence):
            return False
        return all(_phrase_words(h.phrase.text) <= lex.goodbye_words for h in self._final.find(tokens))

    def _plain_farewell(self, text: str, message: _Message) -> bool:
        """A pleasantry ("goodbye, thanks for your help", "bye and thanks!") whose only words of an ending
        (`model_alarm_concepts`) are its farewell words: "bye all, thanks for everything" has more; the model reads
        it."""
        if not self._pleasantry(text):
            return False
        hits = self._harm_concepts.find(message.tokens)
        return bool(hits) and all(_phrase_words(h.phrase.text) <= self._words.farewells for h in hits)

    def _harm_denied(self, message: _Message, lo: int, hi: int, phrase: str) -> bool:
        """A self-harm phrase (words lo..hi) named only to deny it: a denial just before it in its clause ("no
        thoughts of hurting myself", "not feeling suicidal"), or in a question in general or a hypothetical whose
        writer says it is not theirs ("Is there a suicide risk with pregabalin? I'm not feeling that way at all")."""
        lex, tokens = self._words, message.tokens
        if _phrase_words(phrase) & lex.self_harm_undeniable:
            return False
        clause = message.clauses[lo]
        for denial in self._self_harm_denials.find(tokens):
            between = tokens[denial.end + 1 : lo]
            if denial.end < lo and len(between) <= 1 and message.clauses[denial.start] == clause and (
                not self._hedged(message, denial.start)
            ):
                return True
        if _phrase_words(phrase) & lex.self_harm_states:
            i = lo - 1
            while i >= 0 and message.clauses[i] == clause and tokens[i] in lex.self_harm_denial_bridge:
                i -= 1
            if i >= 0 and message.clauses[i] == clause and tokens[i] in lex.negations and not self._hedged(message, i):
                return True
        sentence = message.sentences[lo]
        asks = self._ownerless_question(message, sentence) or any(
            message.sentences[h.start] == sentence for h in self._frame(message).general
        )
        return asks and any(
            message.clauses[h.start] != clause and not (h.start <= hi and lo <= h.end)
            for h in self._self_harm_self_denials.find(tokens)
        )

    def _hedged(self, message: _Message, position: int) -> bool:
        """A hedge earlier in the clause of `position` ("I can't promise I'm not going to...")."""
        clause = message.clauses[position]
        return any(
            message.clauses[i] == clause and message.tokens[i] in self._words.self_harm_hedges
            for i in range(position)
        )

    def _supposes_own_death(self, message: _Message) -> bool:
        """The writer supposes themselves dead (`own_death` just after a word of `own_death_conditions`: "if I'm dead",
        "in case I'm no longer alive"), the phrase ending its clause or going on with one of `own_death_followers`
        ("...by then", "...lol"), outside a saying ("if I'm dead tired")."""
        lex, tokens = self._words, message.tokens
        for hit in self._own_death.find(tokens):
            if not lex.own_death_conditions.intersection(tokens[max(hit.start - 2, 0) : hit.start]):
                continue
            after = hit.end + 1
            ends = after >= len(tokens) or message.clauses[after] != message.clauses[hit.end]
            if (ends or tokens[after] in lex.own_death_followers) and self._said(message).isdisjoint(
                    range(hit.start, after + 1)):
                return True
        return False

    def _despair_then_farewell(self, message: _Message) -> bool:
        """Despair (`despair_farewell`: "tired of fighting", "cant fight no more") and a farewell word in a later
        sentence ("...goodbye", "...bye everyone"): the crisis reply, however short the message. Not a fight with
        someone or something ("tired of fighting with the booking line. bye")."""
        tokens = message.tokens
        farewells = [i for i, t in enumerate(tokens) if t in self._words.farewells]
        if not farewells:
            return False
        return any(
            tokens[h.end + 1 : h.end + 2] != ["with"]
            and any(message.stops[i] > message.stops[h.end] for i in farewells)
            for h in self._despair_farewell.find(tokens)
        )

    def _careless_of_harm(self, message: _Message) -> bool:
        """A means named (a medicine of `model_alarm_concepts`, or `drink`) and not caring whether it harms: "don't
        really care if it isn't [safe]", "not bothered if it's dangerous" (`not_caring`, then a word of
        `careless_outcome` within CARELESS_REACH words). "I don't care which day" names neither."""
        tokens = message.tokens
        lex = self._words
        careless = [h for h in self._not_caring.find(tokens) if self._harm_outcome(message, h.end + 1)]
        if not careless:
            return False
        return not lex.drink.isdisjoint(tokens) or any(
            self._concept_kind[h.phrase.text] == "medicines" for h in self._harm_concepts.find(tokens)
        )

    def _harm_outcome(self, message: _Message, start: int) -> bool:
        """A word of harm (`careless_outcome`) within CARELESS_REACH words of `start`, in its clause, "not safe", or a
        clause that ends there on a word of `careless_ellipsis` ("...if it isn't", "...if it is"; not "...if it's not
        as strong", "...if it hurts")."""
        tokens, negations = message.tokens, self._words.negations
        clause = message.clauses[start - 1]
        for i in range(start, min(start + CARELESS_REACH, len(tokens))):
            if message.clauses[i] != clause:
                return False
            if tokens[i] in self._words.careless_outcome:
                return True
            ends = i + 1 == len(tokens) or message.clauses[i + 1] != clause
            if ends:  # "...if it isn't", "not that I care if it is": the question's words left out
                return tokens[i] in self._words.careless_ellipsis
            if tokens[i] in negations and tokens[i + 1] == "safe":
                return True
        return False

    def _contrasted_after(self, message: _Message, past: Hit) -> bool:
        """A past phrase followed in its sentence by a clause break ("but") and a contrast (`unlike_after`: "back pain
        for years but this is something else", "...but this is new"), within CONTRAST_REACH words."""
        tokens, sentence = message.tokens, message.sentences[past.start]
        reach = range(past.end + 1, min(past.end + 1 + CONTRAST_REACH, len(tokens)))
        breaks = [i for i in reach if tokens[i] in self._words.clause_breaks and message.sentences[i] == sentence]
        return bool(breaks) and any(
            breaks[0] < h.start <= past.end + CONTRAST_REACH and message.sentences[h.start] == sentence
            for h in self._unlike_after.find(tokens)
        )

    def _animal_subject(self, message: _Message, position: int) -> bool:
        """An animal named before this word in its clause, with no "I" or "me" between: "my dog had a seizure"
        (not "the dog knocked me over and my leg went numb", which is the writer's)."""
        lex = self._words
        clause = message.clauses[position]
        raw = message.raw
        for i in range(position - 1, -1, -1):
            word = raw[i]
            if word in lex.animals:
                return True
            # ("my" of "my dog" is no "I"; "my" of "my legs" is)
            if message.clauses[i] != clause or word in lex.owners and raw[i + 1] not in lex.animals:
                return False
        return False

    def _others_subject(self, message: _Message, position: int) -> bool:
        """Someone else named before this word in its clause, with no "I", "me", "my leg" between: "my mate had a
        fit", "a woman in my group said her leg went dead" (not "my husband says my leg looks swollen")."""
        lex = self._words
        clause, raw = message.clauses[position], message.raw
        for i in range(position - 1, -1, -1):
            word = raw[i]
            if message.clauses[i] != clause:
                return False
            if word in lex.someone_else or word in lex.other_people:
                return True
            if word in lex.first_person or word in lex.owners and raw[i + 1] not in lex.other_people | lex.someone_else:
                return False
        return False

    def _compared_with_own(self, message: _Message, symptom: _Span) -> bool:
        """Someone else's symptom (`_others_subject`, or the other's possessive: "my cousin's site") followed in a
        later clause by the writer's own turn (`own_turn`: "should I stop mine?", "will that happen to me?"), with no
        time word dating its sentence now ("my dad's bleeding since this morning, is mine ok?" stays a report)."""
        lex, raw = self._words, message.raw
        clause = message.clauses[symptom.start]
        turns = [h for h in self._own_turn.find(message.tokens) if message.clauses[h.start] > clause]
        if not turns:
            return False
        before = [raw[i] for i in range(symptom.start) if message.clauses[i] == clause]
        people = lex.someone_else | lex.other_people
        other = self._others_subject(message, symptom.start) or any(
            w in people or w.endswith("s") and w[:-1] in people for w in before
        )
        if not other or lex.first_person.intersection(before):
            return False
        sentence = message.sentences[symptom.start]
        return not any(
            message.sentences[h.start] == sentence and _phrase_words(h.phrase.text) & lex.time_words
            for h in self._frame(message).now
        )

    def _someone_elses_story(self, message: _Message, position: int) -> bool:
        """A symptom of an acquaintance told as a story or asked about ("my mate's nan couldn't pee after hers, does
        that happen a lot?", "a woman in my group said she lost bowel control", "my cousin abroad cannot walk"): an
        `other_people` word before it in its clause with no "I" or "my leg" between, hearsay or a judging word
        (`story_words`) in the message, and no word of acting now (`acting_now`: "call", "ambulance") nor a time
        word dating its sentence now. A carer's own report ("my dad can't wake up, should I call?") is no story."""
        lex, raw = self._words, message.raw
        clause = message.clauses[position]
        acquaintance = False
        for i in range(position - 1, -1, -1):
            if message.clauses[i] != clause:
                break
            if raw[i] in lex.other_people or raw[i][-1:] == "s" and raw[i][:-1] in lex.other_people:
                acquaintance = True  # ("workmate's" reads "workmates")
                break
            # ("my leg" is the writer's; the "my" of "someone in my group said..." is not)
            if raw[i] in lex.first_person or raw[i] in lex.owners and i >= position - 2:
                return False
        if not acquaintance or not lex.story_words.intersection(raw) or lex.acting_now.intersection(raw):
            return False
        sentence = message.sentences[position]
        return not any(
            message.sentences[h.start] == sentence and _phrase_words(h.phrase.text) & lex.time_words
            and h.phrase.text not in lex.not_dating for h in self._frame(message).now
        )

    def _ownerless_question(self, message: _Message, sentence: int) -> bool:
        """A sentence that starts as a question ("is", "how", "does"...) and names nobody ("I", "my", "mum",
        "he"...) nor dates anything now: "Does everybody get a numb leg afterwards?", "Is bleeding that won't
        stop a known side effect?" ("temp 38.5, is that ok?" starts as a report; "is it normal..." is now.)"""
        where = [i for i, s in enumerate(message.sentences) if s == sentence]
        lex = self._words
        if not where or message.raw[where[0]] not in lex.question_words:
            return False
        if any(message.raw[i] in lex.owners or message.raw[i] in lex.someone_else for i in where):
            return False
        return not any(
            message.sentences[h.start] == sentence and h.phrase.text not in lex.not_dating
            for h in self._frame(message).now
        )

    def _negated(self, message: _Message, symptom: _Span) -> bool:
        """'no fever', 'not numb', 'without any bleeding', 'my leg is not numb': a negation just before the
        symptom in its own clause ("no fever, but my legs are numb" is about the legs), or inside it,
        when the phrase itself has none ("cannot feel" is the symptom, not its negation)."""
        negations = self._words.negations
        phrase_words = _phrase_words(symptom.what)
        if phrase_words & negations or "cannot" in phrase_words:
            return False
        tokens = message.tokens
        bridge = self._words.negation_bridge

        def negates(i: int, upto: int) -> bool:
            """A negation at i that reaches the word at `upto`: only bridge words between them, and
            not "won't stop"."""
            if tokens[i] not in negations or (i + 1 < len(tokens) and tokens[i + 1] in self._words.not_negating):
                return False
            # ...or another symptom listed before it: "no fits or faints", "not numb or weak"
            between = enumerate(tokens[i + 1 : upto], i + 1)
            return all(t in bridge or self._listed_symptom(tokens, k) for k, t in between)

        clause = message.clauses[symptom.start]
        before = [i for i in message.content if i < symptom.start][-NEGATION_REACH:]
        if any(negates(i, symptom.start) and message.clauses[i] == clause for i in before):
            return True
        if self._denied_in_list(message, symptom.start) or self._denied_over_commas(message, symptom):
            return True
        inside = range(symptom.start + 1, symptom.end)
        return any(negates(i, next(j for j in range(i + 1, symptom.end + 1) if tokens[j] not in bridge))
                   for i in inside if tokens[i] in negations)

    def _denied_in_list(self, message: _Message, start: int) -> bool:
        """The symptom is one item of a denied list: "I haven't got a stiff neck or a fever or any headache". A
        negation earlier in its clause (at most `LIST_REACH` words back, not "won't stop"), and between them only
        items of a few words each ended by "or" / "nor" (`list_joins`), the last one just before the symptom."""
        lex, tokens = self._words, message.tokens
        clause = message.clauses[start]
        for i in range(start - 1, max(start - LIST_REACH, 0) - 1, -1):
            if message.clauses[i] != clause:
                return False
            if tokens[i] not in lex.negations:
                continue
            if i + 1 < len(tokens) and tokens[i + 1] in lex.not_negating:
                return False
            items: list[list[str]] = [[]]
            for t in tokens[i + 1 : start]:
                if t in lex.list_joins:
                    items.append([])
                elif t not in lex.negation_bridge:
                    items[-1].append(t)
            # ("no pain or fever": one join; the last item, just before the symptom, holds only bridge words)
            return len(items) > 1 and not items[-1] and all(len(item) <= LIST_ITEM_WORDS for item in items[:-1])
        return False

    def _denied_over_commas(self, message: _Message, symptom: _Span) -> bool:
        """The symptom is an item of a denied list told with commas: "no chest pain, breathlessness or calf swelling",
        "no fever, chills, rash or swelling". The symptom opens its clause; short items (`LIST_ITEM_WORDS`) lead
        back to a clause whose negation denies a sign, and on to an "or" / "nor" in the sentence; no item is opened
        by a clause break ("no fever, but breathless or wheezy" is not a list)."""
        tokens, bridge = message.tokens, self._words.negation_bridge
        by_clause = message.clause_positions
        own = message.clauses[symptom.start]
        if any(tokens[i] not in bridge for i in by_clause[own] if i < symptom.start):
            return False
        return self._list_goes_on(message, symptom, by_clause) and self._list_opens_denied(message, own, by_clause)

    def _list_item(self, message: _Message, words_at: Sequence[int]) -> bool:
        """A clause that is a short item of a list: a few words, not opened by "but", "however"..."""
        lex, tokens = self._words, message.tokens
        return bool(words_at) and tokens[words_at[0]] not in lex.clause_breaks and (
            sum(tokens[i] not in lex.negation_bridge for i in words_at) <= LIST_ITEM_WORDS
        )

    def _list_goes_on(self, message: _Message, symptom: _Span, by_clause: dict[int, list[int]]) -> bool:
        """An "or" / "nor" after the symptom in its clause, or in a later one of its sentence past short items."""
        joins, tokens, sentence = self._words.list_joins, message.tokens, message.sentences[symptom.start]
        clause = message.clauses[symptom.start]
        if joins.intersection(tokens[i] for i in by_clause[clause] if i > symptom.end):
            return True
        for later in range(clause + 1, max(by_clause) + 1):
            words_at = by_clause.get(later, [])
            if not words_at or message.sentences[words_at[0]] != sentence or not self._list_item(message, words_at):
                return False
            if joins.intersection(tokens[i] for i in words_at):
                return True
        return False

    def _list_opens_denied(self, message: _Message, clause: int, by_clause: dict[int, list[int]]) -> bool:
        """Back from the symptom's clause, past short items of its sentence, a clause whose last negation denies a
        short item with a sign in it ("no sleep, chest pain all night or near enough" denies only the sleep), and is
        not "won't stop"."""
        lex, tokens, sentence = self._words, message.tokens, message.sentences[by_clause[clause][0]]
        for earlier in range(clause - 1, -1, -1):
            words_at = by_clause.get(earlier, [])
            if not words_at or message.sentences[words_at[-1]] != sentence:
                return False
            negation = [i for i in words_at if tokens[i] in lex.negations]
            if negation:
                i, last = negation[-1], words_at[-1]
                rest = [t for t in tokens[i + 1 : last + 1] if t not in lex.negation_bridge]
                stopping = i + 1 < len(tokens) and tokens[i + 1] in lex.not_negating
                sign = any(h.start > i and h.end <= last for h in self._body_named(message))
                return not stopping and 0 < len(rest) <= LIST_ITEM_WORDS and sign
            if not self._list_item(message, words_at):
                return False
        return False

    def _listed_symptom(self, tokens: Sequence[str], k: int) -> bool:
        """A word of the body or a symptom followed by "or" / "nor": one item of a denied list ("no fits or ...")."""
        return k + 1 < len(tokens) and tokens[k + 1] in self._words.list_joins and (
            tokens[k] in self._words.symptom_nouns or self._urgent.stands_for_any(tokens[k], self._clinical)
        )

    def _split(self, message: _Message, symptom: _Span) -> bool:
        """A phrase with a negation in it ("no pee") read across clauses ("peeing fine, no headache"); or an
        inability ("cannot pee") whose first word is reassured in its own clause ("peeing fine, just can't
        remember...")."""
        spans_clauses = message.clauses[symptom.start] != message.clauses[symptom.end]
        if not spans_clauses:
            return False
        said = _phrase_words(symptom.what)
        if said & self._words.negations:
            return True
        first = message.tokens[symptom.start]
        if "cannot" not in said or first == "cannot":
            return False
        skip = self._words.reassurance_bridge
        after = [i for i in range(symptom.start + 1, symptom.end) if message.tokens[i] not in skip]
        return bool(after) and message.tokens[after[0]] in self._words.reassured_after and (
            message.clauses[after[0]] == message.clauses[symptom.start]
        )

    def _negation_elsewhere(self, message: _Message, symptom: _Span) -> bool:
        """A phrase with a negation in it ("leg not there", "pee not been") whose negation is another symptom's: it
        is followed at once (bridge words aside) by a symptom word (`symptom_nouns`) that is none of the phrase's
        ("my legs aren't weak and there's no numbness", "I haven't got any weakness and I'm peeing normally"; not
        "bladder not working since", "haven't been able to poo")."""
        phrase_words = _phrase_words(symptom.what)
        negations = self._words.negations
        if not phrase_words & negations:
            return False
        tokens, bridge = message.tokens, self._words.negation_bridge
        for i in range(symptom.start, symptom.end + 1):
            if tokens[i] not in negations:
                continue
            j = next((k for k in range(i + 1, len(tokens)) if tokens[k] not in bridge), None)
            if j is None or tokens[j] not in self._words.symptom_nouns:
                continue
            if not self._urgent.stands_for_any(tokens[j], phrase_words):
                return True
        return False

    def _reassured(self, message: _Message, symptom: _Span) -> bool:
        """'temperature normal', 'legs fine': the symptom word followed at once by reassurance (but "leg
        not working good" is no reassurance)."""
        if _phrase_words(symptom.what) & (self._words.negations | {"cannot"}):
            return False
        skip = self._words.reassurance_bridge
        after = [i for i in message.content if i > symptom.end and message.tokens[i] not in skip]
        clause = message.clauses[symptom.end]
        return bool(after) and message.tokens[after[0]] in self._words.reassured_after and (
            message.clauses[after[0]] == clause
        )

    def _resolved_later(self, message: _Message, symptom: _Span) -> bool:
        """'my leg felt heavy for an hour, but it's back to normal now': a resolved phrase after the symptom, in
        its sentence or the next, with no "even though" before it and no "again", "worse", "still" after it."""
        tokens = message.tokens
        sentence = message.sentences[symptom.start]
        if message.resolved is None:
            message.resolved = self._resolved.find(tokens)
        resolved = message.resolved
        for hit in resolved:
            if not (symptom.end < hit.start <= symptom.end + RESOLVED_REACH):
                continue
            if message.sentences[hit.start] not in (sentence, sentence + 1):
                continue
            if any(t in self._words.concessive for t in tokens[symptom.end + 1 : hit.start]):
                continue
            if self._negated_before(tokens, hit):
                continue  # "it hasn't worn off", "not back to normal"
            if self._words.baseline.intersection(tokens[max(hit.start - 2, 0) : hit.end + 3]):
                continue  # "it was fine until then", "before he was fine"
            # (the "still" of a question, "can I still have the next one?", is no relapse)
            asked = [h for h in self._frame(message).general if message.sentences[h.start] > message.sentences[hit.end]]
            inside = {i for h in resolved + asked for i in range(h.start, h.end + 1)}
            after = [t for i, t in enumerate(tokens) if i > hit.end and i not in inside]
            if not any(t in self._words.relapse for t in after):
                return True
        return False

    def _told_over(self, message: _Message) -> bool:
        """The message tells a short episode as over ("slight headache yesterday, took paracetamol, gone today", "a
        nosebleed this morning that stopped after five minutes"): an `episode_over` phrase, not negated ("hasn't
        stopped after..."), after no "even though", not how it was before ("until"), and with no word of relapse
        or contrast after it ("again", "worse", "still", "but", "now")."""
        tokens = message.tokens
        for hit in self._over.find(tokens):
            if self._negated_before(tokens, hit) or any(t in self._words.concessive for t in tokens[: hit.start]):
                continue
            if self._words.baseline.intersection(tokens[max(hit.start - 2, 0) : hit.end + 3]):
                continue
            if not any(t in self._words.came_back or t in self._words.not_over for t in tokens[hit.end + 1 :]):
                return True
        return False

    def _update_phrases(self, message: _Message) -> list[Hit]:
        """The message's phrases of a reassuring update (`reassuring_update`), found once; none of them negated ("not
        fading", "isn't getting better") unless a negation is its own ("not getting bigger")."""
        if message.update is None:
            tokens = message.tokens
            message.update = [
                h for h in self._update.find(tokens)
                if _phrase_words(h.phrase.text) & self._words.negations or not self._negated_before(tokens, h)
            ]
        return message.update

    def _update_taken_back(self, text: str, message: _Message, self_harm: bool) -> bool:
        """The model's own alarm on a reassuring update is taken back, unless the model is very sure it is urgent
        (`MODEL_SURE`: heard whatever the frame). A crisis reply only when it stood on the urgent score alone: the
        self-harm score under `MODEL_SELF_HARM_ALONE` and no concept of harm, an ending, despair or a means named
        ("sore last night, much better this morning and I've been for a walk")."""
        scores = self._model.scores(text)
        if scores.urgent >= MODEL_SURE:
            return False
        if self_harm and (scores.self_harm >= MODEL_SELF_HARM_ALONE or self._alarm_concepts(message)):
            return False
        return self._reassuring_update(message)

    def _reassuring_update(self, message: _Message) -> bool:
        """A mild, expected or passing effect told as such: two phrases of `reassuring_update` (or a normal reading),
        one of them not only of its `mild` kind ("tiny spot of blood, stopped now"; not "a bit numb, slightly weak"),
        and no word of `update_escalation` after the first of them ("it was fading but now it's hot"), unless negated
        ("not getting worse") or itself told small ("a bit numb around the site")."""
        hits = self._update_phrases(message)
        kinds = [self._update_kind[h.phrase.text] for h in hits]
        # ("temp 37.2 which is normal for me": a normal temperature is told as reassurance too)
        normal = normal_readings(message.tokens)
        kinds += ["reading"] * len(normal)
        if len(kinds) < 2 or all(k == "mild" for k in kinds):
            return False
        return not self._escalates_after(message, min([h.start for h in hits] + normal))

    def _escalates_after(self, message: _Message, start: int) -> bool:
        tokens = message.tokens
        if any(not self._negated_before(tokens, h) for h in self._grave.find(tokens)):
            return True  # "a little short of breath, they said it might": no update makes these mild
        inside = {i for h in self._update_phrases(message) for i in range(h.start, h.end + 1)}
        mild = [h for h in self._update_phrases(message) if self._update_kind[h.phrase.text] == "mild"]
        for hit in self._escalation.find(tokens):
            if hit.start <= start or hit.start in inside or self._negated_before(tokens, hit):
                continue
            if any(0 <= hit.start - m.end <= 2 for m in mild):
                continue  # "a bit numb", "slightly swollen": the symptom told small, not a change for the worse
            return True
        return False

    def _told_small_and_easing(self, message: _Message, symptom: _Span) -> bool:
        """A staff symptom of `small_symptoms` told small ("a tiny spot of blood on the plaster", "my leg feels a bit
        heavy"), in a reassuring update that says it is going or was expected ("stopped now, it's dry", "they said it
        would"), after it and with no other symptom word between ("my legs are a bit numb, the headache has gone" is a
        report)."""
        what = _phrase_words(symptom.what)
        lex = self._words
        if not what & lex.small_symptoms or not what <= lex.small_symptoms | lex.small_symptom_places:
            return False  # only what may be seen or felt at the site: never "numb saddle", "cough blood"
        if symptom.what in self._even_if_over or not self._reassuring_update(message):
            return False
        hits = self._update_phrases(message)
        clause = message.clauses[symptom.start]
        small = any(
            self._update_kind[h.phrase.text] == "mild" and symptom.start - 3 <= h.start <= symptom.end
            and message.clauses[h.start] == clause
            for h in hits
        )
        if not small:
            return False
        inside = set(range(symptom.start, symptom.end + 1))
        for h in hits:
            if self._update_kind[h.phrase.text] not in ("easing", "expected") or h.start <= symptom.end:
                continue
            between = [t for i, t in enumerate(message.tokens) if symptom.end < i < h.start and i not in inside]
            if not self._words.symptom_nouns.intersection(between):
                return True
        return False

    def _came_back(self, message: _Message, hit: Hit) -> bool:
        """A word of relapse (`came_back`: "again", "worse", "returned") after a past phrase in its sentence, not
        negated and in no question ("it wore off, but it's numb again"; not "went away, will it come again?")."""
        sentence, tokens = message.sentences[hit.start], message.tokens
        if any(message.sentences[h.start] == sentence for h in self._frame(message).general):
            return False  # "fainted at a needle when I was a teenager, will I faint again?" asks
        return any(
            tokens[i] in self._words.came_back and tokens[i - 1] not in self._words.negations
            and not self._asks_in_clause(message, i)
            for i in range(hit.end + 1, len(tokens)) if message.sentences[i] == sentence
        )  # ("a fit in 2011, never again" is over)

    def _asks_in_clause(self, message: _Message, position: int) -> bool:
        """The word's clause opens with a question word in a sentence that ends with "?": "...as a teenager, will that
        happen again?" asks (not "it wore off, now it's numb again?")."""
        first = message.clauses.index(message.clauses[position])
        return message.sentences[position] in message.asked and message.tokens[first] in self._words.question_words

    def _negated_before(self, tokens: Sequence[str], hit: Hit) -> bool:
        """A negation in the two words before a context phrase: "hasn't worn off", "not back to normal"."""
        return any(t in self._words.negations for t in tokens[max(hit.start - 2, 0) : hit.start])

    def _recovered_past(self, message: _Message) -> bool:
        """'I took an overdose when I was 19, I've been well since': a past event (a year, "years ago", "when I
        was") and a recovery, with no "again", "now", "tonight" outside them."""
        tokens = message.tokens
        recovered = self._recovered.find(tokens)
        past = self._not_now.find(tokens) + _years(tokens, self._words)
        if not recovered or not past:
            return False
        inside = {i for h in recovered + past for i in range(h.start, h.end + 1)}
        # (an age is no relapse: "I'm 45 now and in a good place")
        return not any(
            t in self._words.relapse and not (t == "now" and i and tokens[i - 1].isdigit())
            for i, t in enumerate(tokens) if i not in inside
        )

    def _frame(self, message: _Message) -> _Frame:
        """The message's context phrases, found once. Context is judged on all words: "how common",
        "if I get" are made of little words."""
        if message.frame is None:
            tokens = message.tokens
            # "it hasn't gone away", "not back to normal" are not past
            past = [h for h in self._not_now.find(tokens) if not self._negated_before(tokens, h)]
            # "unlike my chronic pain", "different from my usual": a contrast with the long-standing dates nothing
            past = [h for h in past if not self._words.unlike.intersection(tokens[max(h.start - 3, 0) : h.start])]
            # "back pain for years but this is something else": a contrast after it, too
            past = [h for h in past if not self._contrasted_after(message, h)]
            # "chest pain on and off all morning": of today, not long-standing
            today = self._of_today.find(tokens)
            past = [h for h in past if not any(h.end < t.start <= h.end + 3 for t in today)]
            past += _years(tokens, self._words)
            # "none since" is past, not "since"; so are "since 2018" and "since my operation in 2015"
            # ...and "can I still get the bus" is a question, not "still" dating a symptom
            general = self._general.find(tokens)
            general = [h for h in general if not self._misread_now(tokens, h)]
            now: list[Hit] = []
            long_since: list[Hit] = []
            for h in self._now.find(tokens):
                if any(p.start <= h.end and h.start <= p.end for p in past + general):
                    continue
                if h.phrase.text == "now" and h.start and tokens[h.start - 1].isdigit():
                    continue  # an age is no date: "I'm 45 now"
                if h.phrase.text == "now" and h.start and tokens[h.start - 1] in self._words.long_units:
                    continue  # ...nor is how long: "weak for years now"
                if h.phrase.text == "now" and self._words.feeling_now.intersection(tokens[h.end + 1 : h.end + 4]):
                    continue  # ...nor a feeling about the past: "years ago I had a fever, now I'm scared"
                (long_since if self._since_past(message, h, past) else now).append(h)
            # "numb since about a year ago", "weak since I had polio": a "since" of long ago is past, as "years ago" is
            message.frame = _Frame(general, past + long_since, now)
        return message.frame

    def _misread_now(self, tokens: Sequence[str], general: Hit) -> bool:
        """A general phrase read from a typo ("present" as "prevent") out of words a "happening now" phrase has as
        written ("not present before my injection"): the words say now, not a question."""
        written = tokens[general.start : general.end + 1]
        if set(written) <= _phrase_words(general.phrase.text):
            return False
        return any(
            h.start <= general.start and general.end <= h.end and set(written) <= _phrase_words(h.phrase.text)
            for h in self._now.find(tokens)
        )

    def _since_past(self, message: _Message, hit: Hit, past: Sequence[Hit]) -> bool:
        if hit.phrase.text != "since":
            return False
        tokens = message.tokens
        end = min(hit.end + 7, len(tokens))
        clause = [i for i in range(hit.end + 1, end) if message.clauses[i] == message.clauses[hit.end]]
        if any(_YEAR.match(tokens[i]) for i in clause):
            return True  # "since my cauda equina surgery in 2018"
        if not clause or tokens[clause[0]] == "then":
            # "slipped disc in 2019, pins and needles ever since": a "since" of nothing dates from the past before it
            sentence = message.sentences[hit.start]
            if any(p.end < hit.start and message.sentences[p.start] == sentence for p in past):
                return True
        after = [t for t in tokens[hit.end + 1 : hit.end + 4] if t not in self._words.since_skipped]
        how_long = after[1:2] and after[1] in self._words.long_units
        if how_long and (after[0].isdigit() or after[0] in self._words.number_words):
            return True  # "since 5 years", "since two years": how long, said the way some write it
        following = list(tokens[hit.end + 1 : hit.end + 7])
        if any(w in self._words.years_ago and following[j + 1] == "ago" for j, w in enumerate(following[:-1])):
            return True  # "since his hernia repair years ago"
        return bool(after) and (bool(_YEAR.match(after[0])) or after[0] in self._words.since_past)

    def _dated_now(self, message: _Message, *, of_the_body: bool = False) -> bool:
        """A 'happening now' phrase that dates the message ("since", "today", "is it normal"). With `of_the_body`,
        only one in a clause that names something of the body or a red-flag word: "it keeps logging me out", "my wife
        keeps saying", "a big meeting the day after" date no symptom."""
        dating = [h for h in self._frame(message).now if not _phrase_words(h.phrase.text) <= self._words.undated]
        if not of_the_body or not dating:
            return bool(dating)
        said = self._said(message)
        named = {message.clauses[h.start] for h in self._body_named(message) if h.start not in said}
        self._mentions_clinical(message)
        named |= {message.clauses[i] for i in message.clinical or ()}
        # (and a common symptom word, "headache", "pain": "slight headache since yesterday" is dated)
        named |= {c for t, c in zip(message.tokens, message.clauses, strict=True) if t in self._words.symptom_nouns}
        # ("Since the day after, standing up brings on a pain": a clause of its date alone dates the one after it)
        return any(
            message.clauses[h.start] in named or (
                len(message.clause_positions[message.clauses[h.start]]) <= h.end - h.start + 1 + DATE_CLAUSE_SLACK
                and message.clauses[h.start] + 1 in named
            )
            for h in dating
        )

    def _reads_as_report(self, message: _Message) -> bool:
        """Some sentence that names something of the body or of harm has no general, hypothetical or
        past frame, or has a time word that dates it now. ("My appointment is Friday and I still don't
        know... How do people decide?" names nothing in its "still" sentence.)"""
        frame = self._frame(message)
        by_sentence: dict[int, list[int]] = {}
        for i, s in enumerate(message.sentences):
            by_sentence.setdefault(s, []).append(i)
        for sentence, where in sorted(by_sentence.items()):
            if not self._mentions_clinical(message, where) or self._ownerless_question(message, sentence):
                continue
            inside = [h for h in frame.general + frame.past if message.sentences[h.start] == sentence]
            if not inside:
                return True
            dated = [h for h in frame.now if message.sentences[h.start] == sentence]
            if any(_phrase_words(h.phrase.text) & self._words.time_words for h in dated):
                return True
        return False


@dataclass(frozen=True)
class _Span:
    """A symptom found in the message: what matched and where (positions in all its words)."""

    what: str
    start: int
    end: int
    kind: str = "symptom"


def _split_everyday(
    phrases: Iterable[Phrase], everyday: frozenset[str], order_words: frozenset[str]
) -> tuple[list[Phrase], list[Phrase]]:
    """(phrases with a word of their own, phrases made only of everyday and little words with a word of grammar
    among them: "for good", "to go", "it all to stop" say what they say only in their order ("without me they
    would be happier" is said too; "giving away things", "sat with the engine on" are said in many)."""
    own: list[Phrase] = []
    only_everyday: list[Phrase] = []
    for phrase in phrases:
        words_of = _phrase_words(phrase.text)
        (only_everyday if words_of <= everyday and words_of & order_words else own).append(phrase)
    return own, only_everyday


def _grammar_index(phrases: Iterable[str]) -> PhraseIndex:
    """A list of triage.yaml's grammar phrases, read as written (endings aside), nearly side by side, in order."""
    return PhraseIndex(
        tuple(Phrase(p, LANGUAGE_FILE, 0) for p in sorted(phrases)),
        stems=False, typos=False, slack=FRAME_SLACK, ordered=True,
    )


def _long_ago(hit: Hit, long_ago: frozenset[str]) -> bool:
    """A past hit that dates something long ago: a year, an age, "years ago", "last year", "months ago"."""
    return hit.phrase.text.isdigit() or bool(_phrase_words(hit.phrase.text) & long_ago)


def _years(tokens: Sequence[str], lex: Lexicon) -> list[Hit]:
    """Years and ages in the message ("in 2009", "when I was 15", "aged 12"), as not-now hits."""
    return [
        Hit(Phrase(t, Path(), 0), i, i) for i, t in enumerate(tokens) if _YEAR.match(t) or _age(tokens, i, lex)
    ]


def _age(tokens: Sequence[str], i: int, lex: Lexicon) -> bool:
    """'when I was 15', 'when she was 12', 'aged 40': an age that dates something in the past."""
    if not (tokens[i].isdigit() and 0 < int(tokens[i]) < 100 and i):
        return False
    before = tokens[i - 1]
    return before in lex.age_words or (before in lex.when_was and "when" in tokens[max(i - 4, 0) : i - 1])


def _locate(message: _Message, hit: Hit) -> tuple[int, int]:
    """Map a hit's span in the content words back to positions in all words."""
    return message.content[hit.start], message.content[hit.end]
