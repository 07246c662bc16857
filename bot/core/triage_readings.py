"""Numbers that are red flags: a temperature of 38 °C / 100.4 °F or more, a new pain score of 8/10 or more, a
diabetic's blood sugar over 20 mmol/L (360 mg/dL) or blood ketones of 1.5 mmol/L or more.

Patients write "temp 38.4", "101.5", "39 degrees", "pain 9/10 since this morning". The number is read
from the words of the message (`normalise.words` splits "38.4" into "38" "4"), so its position is the
same as the symptoms' and the triage's frame (a question, a past event) applies to it alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

import yaml

from bot.core.language import language

__all__ = ["alarming_reading", "normal_readings", "overdose_said", "overdose_taken"]

FEVER_C = 38.0
FEVER_F = 100.4
HIGHEST_C = 43.0
HIGHEST_F = 110.0
SEVERE_PAIN = 8
# A diabetic's blood sugar this high or blood ketones at this level need a doctor today (steroids raise sugar; the
# usual advice: ketones of 1.5 mmol/L or more, or a sugar over 20 mmol/L, 360 mg/dL, call the diabetes team or
# the doctor now).
HIGH_GLUCOSE_MMOL = 20.0
HIGHEST_GLUCOSE_MMOL = 60.0
HIGH_GLUCOSE_MG = 360.0
HIGHEST_GLUCOSE_MG = 1000.0
HIGH_KETONES = 1.5
HIGHEST_KETONES = 10.0
_LANGUAGE_FILE = language().folder / "triage.yaml"
# The words around a number (temperature, other_units, new, taking, tablets, over_time) are the `readings:` of
# the language's triage.yaml.
NEAR = 3
# "took about 30 of my co-codamol", "swallowed 20 tablets": this many tablets taken at once is an overdose (the
# crisis reply, which says to get emergency help now), whatever the medicine's name.
OVERDOSE_COUNT = 15


@lru_cache(maxsize=1)
def _readings(path: Path = _LANGUAGE_FILE) -> dict[str, list[str]]:
    """The `readings:` section of triage.yaml, read once (word lists and the number words, in order)."""
    data: dict[str, list[str]] = yaml.safe_load(path.read_text(encoding="utf-8"))["readings"]
    return data


@lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    """The `readings:` word lists of triage.yaml."""
    return {name: frozenset(str(w) for w in words) for name, words in _readings().items()}


TEMPERATURE_WORDS = _words()["temperature"]
OTHER_UNITS = _words()["other_units"]
NEW_WORDS = _words()["new"]
TAKING_WORDS = _words()["taking"]
TABLET_WORDS = _words()["tablets"]
OVER_TIME = _words()["over_time"]
GLUCOSE_WORDS = _words()["glucose"]
KETONE_WORDS = _words()["ketones"]
MG_PER_DL = _words()["mg_per_dl"]
SCORE_OF = _words()["score_of"]
SCORE_BEFORE = _words()["score_before"]
PAIN_WORDS = _words()["pain"]
GLUCOSE_METER = _words()["glucose_meter"]
OFF_THE_METER = _words()["off_the_meter"]
METER_ITSELF = _words()["meter_itself"]
GLUCOSE_OR_DIABETES = GLUCOSE_WORDS | _words()["diabetes"]
OD_SHORTHAND = _words()["overdose_shorthand"]
OD_WORD = _words()["overdose_shorthand_word"]
OD_BY = _words()["overdose_by"]
OD_ALSO_BY = _words()["overdose_also_by"]
OD_ON = _words()["overdose_on"]


def _word_values() -> tuple[dict[str, int], dict[str, int]]:
    """The values of the number words of triage.yaml: units ("eight": 8) and tens ("twenty": 20)."""
    data = _readings()
    units = {str(w): n for n, w in enumerate(data["number_units"])}
    tens = {str(w): 20 + 10 * n for n, w in enumerate(data["number_tens"])}
    return units, tens


UNIT_VALUES, TEN_VALUES = _word_values()
HUNDRED = _words()["number_hundred"]
POINT = _words()["number_point"]
AND = _words()["number_and"]
NUMBER_WORDS = frozenset(UNIT_VALUES) | frozenset(TEN_VALUES) | HUNDRED


def _at(tokens: Sequence[str], i: int) -> str:
    return tokens[i] if i < len(tokens) else ""


def _below_hundred_in_words(tokens: Sequence[str], i: int) -> tuple[int, int] | None:
    """'twenty eight' (28, two words), 'nineteen' (19, one word) at word i."""
    if tokens[i] in TEN_VALUES:
        unit = UNIT_VALUES.get(_at(tokens, i + 1), 10)
        return (TEN_VALUES[tokens[i]] + unit, 2) if unit < 10 else (TEN_VALUES[tokens[i]], 1)
    if tokens[i] in UNIT_VALUES:
        return UNIT_VALUES[tokens[i]], 1
    return None


def _whole_in_words(tokens: Sequence[str], i: int) -> tuple[int, int] | None:
    """A whole number said in words at word i ("twenty eight", "a hundred and one", "two hundred and fifty"): its
    value and how many words it takes. "hundred" after a unit word is that number's, not a new one."""
    if tokens[i] in HUNDRED:
        if i and tokens[i - 1] in UNIT_VALUES:
            return None
        hundreds, j = 100, i + 1
    elif _at(tokens, i + 1) in HUNDRED and tokens[i] in UNIT_VALUES:
        hundreds, j = 100 * UNIT_VALUES[tokens[i]], i + 2
    else:
        return _below_hundred_in_words(tokens, i)
    k = j + 1 if _at(tokens, j) in AND else j
    rest = _below_hundred_in_words(tokens, k) if k < len(tokens) else None
    return (hundreds + rest[0], k + rest[1] - i) if rest else (hundreds, j - i)


def _tenth(tokens: Sequence[str], i: int) -> tuple[str, int] | None:
    """The digit after a decimal point at word i: "4" of "38.4" (one word), "point four", "point 4" (two)."""
    nxt = _at(tokens, i)
    if len(nxt) == 1 and nxt.isdigit():
        return nxt, 1
    after = _at(tokens, i + 1)
    if nxt in POINT and (len(after) == 1 and after.isdigit() or UNIT_VALUES.get(after, 10) < 10):
        return str(UNIT_VALUES.get(after, after)), 2
    return None


def _number(tokens: Sequence[str], i: int) -> tuple[float, int, bool] | None:
    """The number starting at word i ("38" "4" is 38.4, "101" "5" is 101.5, "thirty eight point four" is 38.4), how
    many words it takes and whether it has a decimal point."""
    whole = tokens[i]
    if whole in NUMBER_WORDS:
        said = _whole_in_words(tokens, i)
        if said is None:
            return None
        whole, size = str(said[0]), said[1]
    elif whole.isdigit():
        size = 1
    else:
        for unit in ("c", "f"):  # "38c", "101f"
            if whole.endswith(unit) and whole[:-1].isdigit():
                return float(whole[:-1]), 1, False
        return None
    tenth = _tenth(tokens, i + size)
    if tenth is not None:
        return float(f"{whole}.{tenth[0]}"), size + tenth[1], True
    return float(whole), size, False


def _numbers(tokens: Sequence[str]) -> Iterator[tuple[int, float, int, bool]]:
    """(first word, value, words taken, has a decimal point) of every number in the words."""
    for i in range(len(tokens)):
        # (every number starts with a digit or is a number word: most words need no look)
        if not tokens[i][:1].isdigit() and tokens[i] not in NUMBER_WORDS:
            continue
        number = _number(tokens, i)
        if number is not None:
            yield i, *number


def alarming_reading(tokens: Sequence[str]) -> list[tuple[str, int, int]]:
    """Every alarming reading in the words, as (what, first word, last word)."""
    found = []
    for i, value, size, decimal in _numbers(tokens):
        before = tokens[max(0, i - NEAR) : i]
        after = tokens[i + size : i + size + 2]
        diabetic = _diabetic_reading(value, before, after)
        if diabetic:
            found.append((diabetic, i, i + size - 1))
            continue
        if after[:1] and after[0] in OTHER_UNITS:
            continue
        near = set(before) | set(after) | ({tokens[i][-1]} if not tokens[i].isdigit() else set())
        if (FEVER_C <= value < HIGHEST_C or FEVER_F <= value < HIGHEST_F) and (near & TEMPERATURE_WORDS or decimal):
            found.append((f"temperature {value:g}", i, i + size - 1))
        elif SEVERE_PAIN <= value <= 10 and _out_of_ten(tokens[i + size : i + size + 3]) and (
            tokens[i].isdigit() or PAIN_WORDS.intersection(before)  # ("nine out of ten people": no score)
        ):
            score_end = i + size + _out_of_ten(tokens[i + size : i + size + 3])
            if NEW_WORDS & set(tokens) and not SCORE_BEFORE.intersection(tokens[score_end : score_end + 1]):
                found.append((f"pain {value:g} out of 10", i, i + size + 1))
    return found + _meter_says_hi(tokens)


def _out_of_ten(after: Sequence[str]) -> int:
    """How many words after a number say it is a score out of 10 (0 if they do not): '9/10' ("9" "10"), '9 out of
    10', '9 outta 10', and '9 from 10', '9 of 10', '9 on 10' as some write it."""
    if after[:2] == ["out", "of"]:
        return 3
    if after[:1] == ["10"]:
        return 1
    if after[:1] == ["outta"] or len(after) >= 2 and after[0] in SCORE_OF and after[1] in ("10", "ten"):
        return 2
    return 0


def _meter_says_hi(tokens: Sequence[str]) -> list[tuple[str, int, int]]:
    """'my sugar meter says HI', 'BM reading HI': a glucose meter's "too high to read", after a sugar word within a
    few words, or after a meter word (right after a word of reading, "says HI") in a message with a sugar or
    diabetes word ("Hi, is my sugar ok?" greets)."""
    found = []
    for i, token in enumerate(tokens):
        if token not in OFF_THE_METER or not i:
            continue
        before = tokens[max(0, i - NEAR - 1) : i]
        # ("meter just says HI, I'm diabetic": a meter word a few words before, in a diabetic's message)
        meter = before[-1] in GLUCOSE_METER or METER_ITSELF.intersection(before)
        if GLUCOSE_WORDS.intersection(before) or meter and GLUCOSE_OR_DIABETES.intersection(tokens):
            found.append(("blood sugar too high to read", i, i))
    return found


def _diabetic_reading(value: float, before: Sequence[str], after: Sequence[str]) -> str | None:
    """'blood sugar 27', 'glucose 450 mg/dL', 'ketones 2.8': a sugar or ketone reading high enough to call now."""
    if before and before[-1].isdigit():
        return None  # the "4" of "0.4"
    if KETONE_WORDS.intersection(before) and HIGH_KETONES <= value < HIGHEST_KETONES:
        return f"ketones {value:g}"
    if not GLUCOSE_WORDS.intersection(before):
        return None
    in_mg = bool(after[:1]) and after[0] in MG_PER_DL or value >= HIGHEST_GLUCOSE_MMOL
    if in_mg and HIGH_GLUCOSE_MG <= value < HIGHEST_GLUCOSE_MG or not in_mg and HIGH_GLUCOSE_MMOL <= value:
        return f"blood sugar {value:g}"
    return None


def normal_readings(tokens: Sequence[str]) -> list[int]:
    """Positions of temperatures below a fever ("36.8", "37.2 degrees", "98.6F"): reassurance."""
    found = []
    for i, value, size, decimal in _numbers(tokens):
        near = set(tokens[max(0, i - NEAR) : i]) | set(tokens[i + size : i + size + 2])
        if (35.0 <= value < FEVER_C or 95.0 <= value < FEVER_F) and (decimal or near & TEMPERATURE_WORDS):
            found.append(i)
    return found


def overdose_taken(tokens: Sequence[str]) -> list[tuple[str, int, int]]:
    """Many tablets said to be taken ("took about 30 of my co-codamol an hour ago"), as (what, first, last word)."""
    found = []
    for i, value, size, decimal in _numbers(tokens):
        if not (OVERDOSE_COUNT <= value < 1000) or decimal:
            continue
        before = tokens[max(0, i - NEAR) : i]
        after = tokens[i + size : i + size + 6]
        if after[:1] and after[0] in OTHER_UNITS or OVER_TIME.intersection(after):
            continue
        if TAKING_WORDS.intersection(before) and TABLET_WORDS.intersection(after[:3]):
            found.append((f"{value:g} tablets taken", i - 1, i + size))
    return found


def overdose_said(tokens: Sequence[str]) -> list[tuple[str, int, int]]:
    """The shorthand "od" for an overdose said of someone ("i od on naproxen", "she od'd with her tramadol", "I
    nearly od'd last night"), as (what, first, last word). "odd" (what "od'd" becomes) only right after a person:
    "my leg feels odd on the left" is no overdose."""
    found = []
    for i in range(1, len(tokens) - 1):
        word, before, after = tokens[i], tokens[i - 1], tokens[i + 1]
        by = OD_BY | OD_ALSO_BY if word in OD_SHORTHAND else OD_BY if word in OD_WORD else frozenset()
        if before in by and after in OD_ON:
            found.append(("overdose (od)", i - 1, i + 1))
    return found
