"""What any Store keeps, the same whatever the database: rows without identities, questions masked.

>>> mask_contacts("call me on +44 7700 900123 or mail jo.bloggs@example.org")
'call me on [phone] or mail [email]'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["COUNTED_KINDS", "MAX_QUESTION_CHARS", "Unanswered", "kept_question", "mask_contacts", "utc_now"]

# Questions are kept only as long as the matcher reads them (bot.core.normalise.MAX_CHARS).
MAX_QUESTION_CHARS = 1000
# The reply kinds counted per day for the weekly report.
COUNTED_KINDS = ("answer", "suggest", "fallback", "urgent")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A run of at least 7 digits, allowing a leading + or (, and spaces, dots, dashes or brackets between
# digits: +44 7700 900123, 07700900123, (555) 123-4567, 0044-20-7946-0958. Dates with 7+ digits are
# masked too: over-masking is the safe side.
PHONE = re.compile(r"(?<![\w+])(?:\+\s?|\(\s?)?\d(?:[\s().\-/]{0,2}\d){6,}(?!\w)")


def mask_contacts(text: str) -> str:
    """The text with e-mail addresses replaced by '[email]' and phone numbers by '[phone]'."""
    return PHONE.sub("[phone]", EMAIL.sub("[email]", text))


def kept_question(question: str) -> str:
    """What is stored of a patient's question: one line, contacts masked, cut to MAX_QUESTION_CHARS."""
    return mask_contacts(" ".join(question.split()))[:MAX_QUESTION_CHARS]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Unanswered:
    """One stored question that got a fallback or a suggestion."""

    at: str
    outcome: str
    question: str
    score: float
    entry_id: str | None
