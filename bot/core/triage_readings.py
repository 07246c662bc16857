"""Numbers that are red flags: a temperature of 38 °C / 100.4 °F or more, a new pain score of 8/10 or more.

Patients write "temp 38.4", "101.5", "39 degrees", "pain 9/10 since this morning". The number is read
from the words of the message (`normalise.words` splits "38.4" into "38" "4"), so its position is the
same as the symptoms' and the triage's frame (a question, a past event) applies to it alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

__all__ = ["alarming_reading", "normal_readings", "overdose_taken"]

FEVER_C = 38.0
FEVER_F = 100.4
HIGHEST_C = 43.0
HIGHEST_F = 110.0
SEVERE_PAIN = 8
# Words that make a number near them a temperature.
TEMPERATURE_WORDS = frozenset(
    "temp temps temperature temperatures fever thermometer degrees degree deg c f celsius centigrade "
    "fahrenheit running reading hot".split()
)
# Units that make a number something else ("38.5 weeks", "100.5 kg").
OTHER_UNITS = frozenset(
    "kg kgs kilos lbs lb pounds mg ml mcg cm mm weeks week years year yrs days day months month percent "
    "pence p dollars euros hours hrs minutes mins miles km bpm".split()
)
# A pain score counts when something says it is new.
NEW_WORDS = frozenset("since after suddenly new different worse today tonight now morning yesterday".split())
NEAR = 3
# "took about 30 of my co-codamol", "swallowed 20 tablets": this many tablets taken at once is an overdose (the
# crisis reply, which says to get emergency help now), whatever the medicine's name.
OVERDOSE_COUNT = 15
TAKING_WORDS = frozenset("took taken swallowed swallow downed necked".split())
TABLET_WORDS = frozenset("tablets tablet pills pill tabs caps capsules of".split())
# "took 20 tablets over the week", "taken 16 a day": a count over time is no overdose
OVER_TIME = frozenset("day days daily week weeks month months year years night nights times per each".split())


def _number(tokens: Sequence[str], i: int) -> tuple[float, int] | None:
    """The number starting at word i ("38" "4" is 38.4, "101" "5" is 101.5) and how many words it takes."""
    whole = tokens[i]
    if not whole.isdigit():
        for unit in ("c", "f"):  # "38c", "101f"
            if whole.endswith(unit) and whole[:-1].isdigit():
                return float(whole[:-1]), 1
        return None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if len(nxt) == 1 and nxt.isdigit():
        return float(f"{whole}.{nxt}"), 2
    return float(whole), 1


def _numbers(tokens: Sequence[str]) -> Iterator[tuple[int, float, int]]:
    """(first word, value, words taken) of every number in the words."""
    for i in range(len(tokens)):
        if not tokens[i][:1].isdigit():  # (every number starts with a digit: most words need no look)
            continue
        number = _number(tokens, i)
        if number is not None:
            yield i, *number


def alarming_reading(tokens: Sequence[str]) -> list[tuple[str, int, int]]:
    """Every alarming reading in the words, as (what, first word, last word)."""
    found = []
    for i, value, size in _numbers(tokens):
        before = tokens[max(0, i - NEAR) : i]
        after = tokens[i + size : i + size + 2]
        if after[:1] and after[0] in OTHER_UNITS:
            continue
        near = set(before) | set(after) | ({tokens[i][-1]} if not tokens[i].isdigit() else set())
        decimal = size == 2
        if (FEVER_C <= value < HIGHEST_C or FEVER_F <= value < HIGHEST_F) and (near & TEMPERATURE_WORDS or decimal):
            found.append((f"temperature {value:g}", i, i + size - 1))
        elif SEVERE_PAIN <= value <= 10 and (after[:2] == ["out", "of"] or after[:1] in (["10"], ["outta"])):
            if NEW_WORDS & set(tokens):
                found.append((f"pain {value:g} out of 10", i, i + size + 1))
    return found


def normal_readings(tokens: Sequence[str]) -> list[int]:
    """Positions of temperatures below a fever ("36.8", "37.2 degrees", "98.6F"): reassurance."""
    found = []
    for i, value, size in _numbers(tokens):
        near = set(tokens[max(0, i - NEAR) : i]) | set(tokens[i + size : i + size + 2])
        if (35.0 <= value < FEVER_C or 95.0 <= value < FEVER_F) and (size == 2 or near & TEMPERATURE_WORDS):
            found.append(i)
    return found


def overdose_taken(tokens: Sequence[str]) -> list[tuple[str, int, int]]:
    """Many tablets said to be taken ("took about 30 of my co-codamol an hour ago"), as (what, first, last word)."""
    found = []
    for i, value, size in _numbers(tokens):
        if not (OVERDOSE_COUNT <= value < 1000) or size != 1:
            continue
        before = tokens[max(0, i - NEAR) : i]
        after = tokens[i + 1 : i + 7]
        if after[:1] and after[0] in OTHER_UNITS or OVER_TIME.intersection(after):
            continue
        if TAKING_WORDS.intersection(before) and TABLET_WORDS.intersection(after[:3]):
            found.append((f"{value:g} tablets taken", i - 1, i + 1))
    return found
