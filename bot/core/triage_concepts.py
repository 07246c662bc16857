"""Symptom concepts: one staff line that stands for many phrasings.

In `faq/red_flags.yaml` a line such as ``leg / foot / toes + numb / dead / no feeling`` is a concept: a
body part and a change, each with its surface forms. It matches when one form of every part occurs
close together, as a phrase does. A line without "+" or "/" is an ordinary phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import product

from bot.core.knowledge import Phrase

__all__ = ["alternatives", "expand"]

PART = "+"
ALTERNATIVE = "/"
# A concept stands for at most this many phrasings (a guard against a line that would slow every message).
MOST_PHRASINGS = 5000


def alternatives(text: str) -> list[list[str]]:
    """The parts of a concept line, each a list of its surface forms."""
    return [[form.strip() for form in part.split(ALTERNATIVE) if form.strip()] for part in text.split(PART)]


def expand(phrases: Iterable[Phrase]) -> Iterator[Phrase]:
    """Every phrasing a list of phrases and concept lines stands for, each keeping its line.

    >>> [p.text for p in expand([Phrase("leg / foot + numb", None, 1)])]
    ['leg numb', 'foot numb']
    """
    for phrase in phrases:
        if PART not in phrase.text and ALTERNATIVE not in phrase.text:
            yield phrase
            continue
        parts = [forms for forms in alternatives(phrase.text) if forms]
        for count, choice in enumerate(product(*parts)):
            if count >= MOST_PHRASINGS:
                break
            yield Phrase(" ".join(choice), phrase.path, phrase.line)
