"""Safety triage: does this message describe something that needs real care now?

Runs before matching. Phrases come from staff (`faq/red_flags.yaml`). A phrase matches when all its
words appear close together in the message, in any order, allowing typos and word endings.

- Thoughts of self-harm are always urgent, unless the phrase sits inside a saying staff listed
  ("I could die of embarrassment").
- A symptom is urgent, except when a general or hypothetical question, or a past event, frames it
  ("how common is a fever after...", "what if I can't pee?", "years ago I had...") and no time word
  dates it now ("...since yesterday"); or when the message asks in general elsewhere and nothing near
  the symptom says it is happening now. A reported inability ("I can't move my leg") is always urgent
  unless a question frames it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.knowledge import Faq
from bot.core.normalise import TRIAGE_MAX_CHARS, words
from bot.core.phrases import IGNORED, LIGHTLY_IGNORED, Hit, PhraseIndex

# How far (in words) a "happening now" phrase may be from the symptom and still count.
NOW_REACH = 7
# "she wet herself" reads like "I wet myself": carers report for someone else.
_REFLEXIVE = {"herself": "myself", "himself": "myself", "themselves": "myself", "themself": "myself",
              "yourself": "myself"}
# ...and "we'd be better off without him" reads like "...without me".
_OBJECT = {"him": "me", "her": "me", "them": "me"}
# Words of a "happening now" phrase that date the symptom, rather than just say "I" ("I feel").
TIME_WORDS = frozenset(
    "since today yesterday tonight morning afternoon evening night now currently still keeps worse".split()
)
INABILITY = frozenset({"cannot", "not", "unable"})
NEGATIONS = frozenset({"no", "not", "without", "never", "nor", "none"})


@dataclass(frozen=True)
class Flag:
    """Why a message is urgent: the staff phrase that matched, and whether it is about self-harm."""

    self_harm: bool
    phrase: str


class Triage:
    """Decides whether a message is urgent, from the FAQ's red-flag phrases."""

    def __init__(self, faq: Faq):
        flags = faq.red_flags
        # "injected" is an FAQ word, not a typo of the red flag "infected". Typos staff wrote on purpose
        # ("hedache", in an alternate and as a synonym) are not vouched for: words used once, and
        # synonyms' variants, are left out.
        counts = faq.word_counts
        variants = {w for _, group in faq.synonyms for v in group for w in words(v)}
        faq_words = frozenset(w for w, n in counts.items() if n >= 2 and w not in variants)
        self._urgent = PhraseIndex(flags.urgent, ignored=IGNORED, lenient=True, correct=faq_words)
        self._self_harm = PhraseIndex(flags.self_harm, ignored=LIGHTLY_IGNORED, lenient=True, correct=faq_words)
        # Context words are matched as written (endings aside): stemming would read "like" as "likely".
        self._not_now = PhraseIndex(flags.not_now, stems=False)
        self._general = PhraseIndex(flags.asking_in_general, stems=False)
        self._now = PhraseIndex(flags.happening_now, stems=False)
        # A saying is a fixed expression: its words must be (nearly) side by side.
        self._sayings = PhraseIndex(flags.figures_of_speech, ignored=LIGHTLY_IGNORED, slack=1)

    def check(self, text: str, *, earlier: Sequence[str] = ()) -> Flag | None:
        """A Flag when the message needs urgent care, else None. `earlier` are the chat's last few
        messages, oldest first: a symptom told over two messages is read as one story."""
        flag = self._check_one(text)
        if flag is None and earlier:
            flag = self._check_one(" ".join([*earlier, text]))
        return flag

    def _check_one(self, text: str) -> Flag | None:
        all_tokens = [_REFLEXIVE.get(t, t) for t in words(text, TRIAGE_MAX_CHARS)]
        if not all_tokens:
            return None
        about_self = [_OBJECT.get(t, t) for t in all_tokens if t not in LIGHTLY_IGNORED]
        sayings = self._sayings.find(about_self)
        for hit in self._self_harm.find(about_self):
            if not any(s.start <= hit.end and hit.start <= s.end for s in sayings):
                return Flag(True, hit.phrase.text)
        content = [t for t in all_tokens if t not in IGNORED]
        symptoms = [h for h in self._urgent.find(content) if not _negated(content, h)]
        if not symptoms:
            return None
        # Context is judged on all words: "how common", "if I get" are made of little words.
        general = self._general.find(all_tokens)
        past = self._not_now.find(all_tokens)
        if not general and not past:
            return Flag(False, symptoms[0].phrase.text)
        now = self._now.find(all_tokens)
        for symptom in symptoms:
            lo, hi = _locate(all_tokens, content, symptom)
            near_now = [h for h in now if h.end >= lo - NOW_REACH and h.start <= hi + NOW_REACH]
            # A question or a past event that comes just before the symptom frames it: "how common is
            # a fever after...", "what if I can't pee afterwards?", "years ago I had a fever".
            if any(lo - NOW_REACH <= h.end < lo for h in general + past):
                # ...unless a time word says it is happening now ("how common is this numbness I've
                # had since yesterday?"); "if I feel..." is not enough.
                if any(set(words(h.phrase.text)) & TIME_WORDS for h in near_now):
                    return Flag(False, symptom.phrase.text)
                continue
            # "I can't move my leg, will I be ok?": an inability is a report, whatever question follows.
            if set(words(symptom.phrase.text)) & INABILITY:
                return Flag(False, symptom.phrase.text)
            # Otherwise the question or past words are elsewhere: urgent if something near says "now".
            if near_now:
                return Flag(False, symptom.phrase.text)
        return None


def _negated(content: Sequence[str], hit: Hit) -> bool:
    """'no fever', 'not numb', 'without any bleeding': a negation just before the symptom, not in it."""
    phrase_words = set(words(hit.phrase.text))
    if phrase_words & NEGATIONS or "cannot" in phrase_words:
        return False
    before = content[max(0, hit.start - 3) : hit.start]
    return any(t in NEGATIONS for t in before)


def _locate(all_tokens: Sequence[str], content: Sequence[str], hit: Hit) -> tuple[int, int]:
    """Map a hit's span in the content words back to positions in all words."""
    index = [i for i, t in enumerate(all_tokens) if t not in IGNORED]
    return index[hit.start], index[hit.end]
