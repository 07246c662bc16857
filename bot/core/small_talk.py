"""Recognising thanks, greetings, goodbyes and pleasantries by their shape, so they always get the
friendly reply (never an answer, the apology or a place in the staff report).

A message is small talk when it is
- made only of the language's small-talk words ("ok thanks, bye", "Thank you very much, you have been
  most helpful."), and not shaped as a question ("will it help?") unless it holds a pleasantry or asks
  about the bot itself ("are you a real person?"), or
- nothing but emoji and symbols ("👍", "🙏🙏"), or
- short, holds a pleasantry ("thanks", "bye", "cheers"), asks nothing (no "?", no question word) and
  its few other words name nothing the FAQ is about ("bye for now", "thanks mate", "cheers love x";
  little words such as "on behalf of my" are not counted).
A sign-off of several words ("talk soon", "no worries", "have a good weekend") or a courtesy shaped
as a question ("how are you today?") counts as one pleasantry, even where its words name something
the FAQ is about ("talk", "problem"); a word typed with its letters drawn out ("thankssss", "byeee")
is read as the word.
The words are the language's data (`small_talk.yaml`); what the FAQ is about is read from its own
phrasings, synonyms and topics not covered, so "thanks, is it safe" and "thanks doc, headache still
there" are questions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.knowledge import Faq
from bot.core.language import Language, language

__all__ = ["SmallTalk"]

# Longer than this, a message says more than a pleasantry.
MAX_WORDS = 12
# Words besides the small-talk ones a pleasantry may hold ("bye for now", "thanks a million mate").
MAX_OTHER_WORDS = 3
# What a sign-off of several words is read as: one pleasantry.
PHRASE = "thanks"
# A pleasantry's word this long or longer is recognised with one letter wrong ("docter", "thnaks").
TYPO_MIN = 5
# A letter typed three times or more in a row ("thankssss", "sooo").
_DRAWN_OUT = re.compile(r"(\w)\1{2,}")
# Where one sentence ends and another starts (as the matcher cuts a message).
_SENTENCE_END = re.compile(r"(?<=[.!;:])\s+|\n+")
# Words of the sentences told before a closing thank-you ("my wife has made me a cup of tea so I'll stop
# pestering you now"): longer than this, they are a story that may want an answer.
MAX_REMARK_WORDS = 30


class SmallTalk:
    """The detector for one FAQ (its topic words) and language. Immutable; `__call__` is cheap.

    Without an FAQ, every word that is not a small-talk, filler or neutral word counts as a topic word.
    """

    def __init__(self, faq: Faq | None = None, lang: Language | None = None):
        self.lang = lang = lang or language()
        self.vocabulary = lang.small_talk | lang.pleasantries | lang.about_the_bot
        self.plain = frozenset(lang.stem(w) for w in self.vocabulary | lang.filler | lang.neutral | lang.skeleton)
        # the phrases as `words` spells them ("you're welcome" -> "you are welcome"), longest first
        spelt = {tuple(lang.words(" ".join(p))) for p in lang.small_talk_phrases} - {()}
        # filed under their first word, so a message is searched only where one may start
        self.phrases: dict[str, tuple[tuple[str, ...], ...]] = {}
        for phrase in sorted(spelt, key=lambda p: (-len(p), p)):
            self.phrases[phrase[0]] = (*self.phrases.get(phrase[0], ()), phrase)
        self.closings = frozenset(tuple(lang.words(" ".join(p))) for p in lang.closings) - {()}
        # words a mistyped pleasantry is read as ("tank you docter", "thnaks"): long enough to be told apart
        self._typo_targets = tuple(sorted(w for w in lang.pleasantries | lang.small_talk if len(w) >= TYPO_MIN))
        self._remark_topic: frozenset[str] = frozenset()
        if faq is None:
            self.topic: frozenset[str] | None = None
            return
        used = {w for entry_words in faq.phrasing_words for tokens in entry_words for w in tokens}
        for canonical, variants in faq.synonyms:
            for wording in (canonical, *variants):
                used.update(lang.words(wording))
        for topic in faq.not_covered:  # "hi, cost?" asks about a topic, even one the FAQ does not answer
            used.update(lang.words(topic.text))
        # framing, filler and everyday words ("now", "time", "one") name no topic of their own
        self.topic = frozenset(lang.stem(w) for w in used) - self.plain
        # what a remark before a thank-you may not name: the same, less the words of synonyms of several
        # words, which name a topic only together ("the tea" of a misheard "anaesthetist")
        told = {w for entry_words in faq.phrasing_words for tokens in entry_words for w in tokens}
        for canonical, variants in faq.synonyms:
            for wording in (canonical, *variants):
                if len(lang.words(wording)) == 1:
                    told.update(lang.words(wording))
        for topic in faq.not_covered:
            told.update(lang.words(topic.text))
        self._remark_topic = frozenset(lang.stem(w) for w in told) - self.plain

    def __call__(self, text: str, tokens: list[str] | None = None) -> bool:
        """`tokens`: `self.lang.words(text)`, when the caller has them already."""
        lang = self.lang
        tokens = lang.words(text) if tokens is None else tokens
        if not tokens:
            return _only_symbols(text)
        if len(tokens) > MAX_WORDS:
            return False
        if _DRAWN_OUT.search(text):
            tokens = [self._undrawn(t) for t in tokens]
        tokens = self._read_phrases(tokens)
        others = [t for t in tokens if t not in self.vocabulary]
        if others and len(tokens) <= MAX_OTHER_WORDS + 1:
            tokens = [self._retyped(t) if t in others else t for t in tokens]
            others = [t for t in tokens if t not in self.vocabulary]
        if others and all(t in lang.filler for t in others) and any(t in lang.about_the_bot for t in tokens):
            others = []  # "are you a real person or a robot?"
        # ("this morning" tells when: no greeting)
        pleasant = any(
            t in lang.pleasantries and not (i and t in lang.times_of_day and tokens[i - 1] in lang.time_before)
            for i, t in enumerate(tokens)
        )
        if not others:
            # "ok thanks", "yes", but not "will it help?" (small-talk words too)
            asks = "?" in text or tokens[0] in lang.question_openers or tokens[0] in lang.question_words
            return pleasant or not asks or any(t in lang.about_the_bot for t in tokens)
        if "?" in text or not pleasant:
            return False
        # little words ("on behalf of my mum") say nothing of their own
        counted = [t for t in others if t not in lang.filler]
        if len(counted) > MAX_OTHER_WORDS or 2 * len(counted) > len(tokens):
            return False
        return not any(t in lang.question_words or self._names_a_topic(t) for t in others)

    def thanks_after_remarks(self, text: str) -> bool:
        """A thank-you or goodbye that ends a message of sentences that ask nothing and name nothing the FAQ
        is about: "My wife has just made me a cup of tea so I'll stop pestering you now. Thanks for all
        the help." (not "I had the injection on Monday. Thanks", which tells of the injection). Read by the
        responder after the triage, never by it: the triage keeps its own reading of a farewell."""
        if "?" in text:
            return False
        lang = self.lang
        sentences = [(s, lang.words(s)) for s in _SENTENCE_END.split(text)]
        sentences = [(s, tokens) for s, tokens in sentences if tokens]
        if len(sentences) < 2:
            return False
        last, last_tokens = sentences[-1]
        if not self(last, last_tokens) or self.kind(last_tokens) not in ("thanks", "goodbye"):
            return False
        remarks = [tokens for s, tokens in sentences[:-1] if not self(s, tokens)]
        opens = lang.question_words | lang.question_openers
        return sum(map(len, remarks)) <= MAX_REMARK_WORDS and not any(
            tokens[0] in opens or any(t in lang.question_words or self._tells_of_a_topic(t) for t in tokens)
            for tokens in remarks)

    def kind(self, tokens: Sequence[str]) -> Literal["goodbye", "thanks", "greeting"]:
        """Which friendly reply small talk gets: "thanks, bye" and "take care" are a goodbye, "thx doc x" a
        thank-you, and "hi", "ok" or "are you a bot?" a greeting."""
        words = {self._undrawn(t) for t in tokens}
        words |= {self._retyped(t) for t in words if t not in self.vocabulary}
        if words & self.lang.goodbyes:
            return "goodbye"
        return "thanks" if words & self.lang.thanks else "greeting"

    def ends_the_chat(self, text: str, tokens: list[str] | None = None) -> bool:
        """Small talk that closes a conversation of questions and says nothing else: "no, that's everything,
        thanks" (not "that's everything. I have the rope")."""
        tokens = self.lang.words(text) if tokens is None else tokens
        closes = any(
            _starts(tokens, i, p) for i in range(len(tokens)) for p in self.phrases.get(tokens[i], ())
            if p in self.closings
        )
        if not closes or not self(text, tokens):
            return False
        read = self._read_phrases(tokens)
        return all(t in self.vocabulary or t in self.lang.filler for t in read)

    def _retyped(self, word: str) -> str:
        """A short message's unknown word read as the pleasantry it mistypes by one letter ("tank" ->
        "thank", "thnaks" -> "thanks"), unless the FAQ uses the word."""
        if len(word) < TYPO_MIN - 1 or not word.isalpha() or self._names_a_topic(word):
            return word
        near = process.extractOne(word, self._typo_targets, scorer=OSA.distance, score_cutoff=1)
        return near[0] if near is not None else word

    def _undrawn(self, word: str) -> str:
        """The word with drawn-out letters typed once or twice, when that is a small-talk word."""
        if word in self.vocabulary:
            return word
        for repeat in (r"\1", r"\1\1"):
            shorter = _DRAWN_OUT.sub(repeat, word)
            if shorter in self.vocabulary:
                return shorter
        return word

    def _read_phrases(self, tokens: list[str]) -> list[str]:
        """The words with each sign-off of several words ("talk soon") read as one pleasantry."""
        if not any(t in self.phrases for t in tokens):
            return tokens
        out: list[str] = []
        i = 0
        while i < len(tokens):
            phrase = next((p for p in self.phrases.get(tokens[i], ()) if _starts(tokens, i, p)), None)
            if phrase is None:
                out.append(tokens[i])
                i += 1
            else:
                out.append(PHRASE)
                i += len(phrase)
        return out

    def _tells_of_a_topic(self, word: str) -> bool:
        if self.topic is None:
            return self._names_a_topic(word)
        return self.lang.stem(word) in self._remark_topic or word.isdigit()

    def _names_a_topic(self, word: str) -> bool:
        stem = self.lang.stem(word)
        if self.topic is None:
            return stem not in self.plain
        return stem in self.topic or word.isdigit()


def _starts(tokens: Sequence[str], i: int, phrase: tuple[str, ...]) -> bool:
    return tuple(tokens[i:i + len(phrase)]) == phrase


def _only_symbols(text: str) -> bool:
    """Emoji and other symbols, nothing else ("👍🙏"); punctuation alone ("?", "...") is not small talk."""
    marks = [c for c in text if not c.isspace()]
    return bool(marks) and any(unicodedata.category(c) == "So" for c in marks) and all(
        unicodedata.category(c)[0] in "SPMC" for c in marks)
