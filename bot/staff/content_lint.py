"""Content warnings for staff: things that load fine but will serve patients badly.

`lint(faq)` returns one plain-language line per problem, each starting with the `path:line` to edit
and ending with what to do about it. `python -m bot check` prints them (and `check --strict` fails on
any). The structural errors (bad YAML, unknown keys...) are the loader's job, not this module's.

Warnings:
- an alternate that, were it not listed, would match another entry clearly better than its own;
- two entries so alike that patients would often be offered "Did you mean…?" between them;
- an answer (or one of the bot's own texts) too long for one Telegram message;
- a draft (no review metadata yet: not served);
- an entry not reviewed for over a year (only when a date is given: `check --strict`);
- topics.yaml naming an entry that does not exist, twice, or leaving one out;
- a synonym of a one-word red flag that the red flags do not catch (red flags do not use synonyms);
- an entry with too few alternates to be answered reliably (see bot.core.calibration);
- a part of a concept line in red_flags.yaml made only of little words the triage ignores ("since",
  "after"): the line then matches without it;
- a triage example in red_flags.yaml (examples_urgent, examples_not_urgent) that the triage now gets
  wrong: an edit of a phrase or context list broke it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from bot.core.calibration import calibration
from bot.core.knowledge import Entry, Faq, Phrase
from bot.core.matching import Matcher, Thresholds
from bot.core.normalise import words
from bot.core.phrases import IGNORED, LIGHTLY_IGNORED
from bot.core.replies import TELEGRAM_LIMIT, answer_text
from bot.core.triage import Triage
from bot.core.triage_concepts import alternatives

# Alternates are scored by matchers built without them. One matcher per alternate is exact but too slow
# for a check staff run on every edit, so FOLDS matchers are built, each leaving out every FOLDS-th
# alternate of every entry: no alternate ever counts for itself, and every entry is thinned alike.
FOLDS = 10
# An alternate "belongs elsewhere" when, scored without it, another entry reaches the matcher's answer
# score and leads its own entry by this many times the matcher's answer margin.
CLEAR_LEAD = 2.0
# Two entries are "easily confused" when at least this share (and this many) of one entry's
# alternates, scored without themselves, land within the matcher's answer margin of the other.
CONFUSED_SHARE = 1 / 3
CONFUSED_MIN = 5
# An entry with fewer alternates than this, or none of whose own phrasings (asked without themselves)
# gets its answer, cannot be answered reliably.
FEW_ALTERNATES = 5
# An entry should be looked at again by a clinician at least this often.
REVIEW_EVERY = dt.timedelta(days=365)


@dataclass(frozen=True)
class Finding:
    """One content problem, with the place to fix it."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{_shown(self.path)}:{self.line}: warning: {self.message}"


def lint(faq: Faq, *, today: dt.date | None = None) -> list[str]:
    """Every content warning for this FAQ, as `path:line: warning: ...` lines in file order.

    The review-age warning depends on the date, so it is checked only when `today` is given
    (`check --strict` gives it): the same FAQ gets the same warnings on any day otherwise.
    """
    found = [
        *_drafts(faq),
        *(_stale_reviews(faq, today) if today is not None else ()),
        *_too_long(faq),
        *_topic_order(faq),
        *_red_flag_synonyms(faq),
        *_triage_examples(faq),
        *_empty_concept_parts(faq),
        *_overlaps(faq),
        *_too_few_alternates(faq),
    ]
    found.sort(key=lambda w: (str(w.path), w.line, w.message))
    return [str(w) for w in found]


# ---------------------------------------------------------------- review status


def _drafts(faq: Faq) -> Iterator[Finding]:
    for draft in faq.drafts:
        yield Finding(
            draft.path,
            draft.line,
            f"'{draft.id}' is a draft (it has no reviewed_by or reviewed_on), so patients do not get it yet: "
            "once the reviewing clinician has approved it, fill in reviewed_by with their name and "
            "reviewed_on with the date, like 2026-11-25",
        )


def _stale_reviews(faq: Faq, today: dt.date) -> Iterator[Finding]:
    for entry in faq.entries:
        if today - entry.reviewed_on > REVIEW_EVERY:
            yield Finding(
                entry.path,
                _key_line(entry.path, "reviewed_on", entry.line),
                f"'{entry.id}' was last reviewed on {entry.reviewed_on:%Y-%m-%d}, over a year ago: ask the "
                "reviewing clinician to check the answer against the source again, then update "
                "reviewed_by and reviewed_on",
            )


# ---------------------------------------------------------------- the order of /topics


def _topic_order(faq: Faq) -> Iterator[Finding]:
    path = faq.folder / "topics.yaml"
    if not path.exists():
        return
    drafts = {draft.id for draft in faq.drafts}
    seen: dict[str, int] = {}
    for phrase in faq.topic_order:
        if phrase.text in seen:
            yield Finding(path, phrase.line, f"'{phrase.text}' is listed twice (first on line {seen[phrase.text]}): "
                                             "keep one of the two lines")
        elif faq.entry(phrase.text) is None and phrase.text not in drafts:
            yield Finding(path, phrase.line, f"there is no entry '{phrase.text}' (no faq/entries/{phrase.text}.yaml): "
                                             "correct the id, or delete the line if the entry was removed")
        seen.setdefault(phrase.text, phrase.line)
    for entry in faq.entries:
        if entry.id not in seen:
            yield Finding(path, _key_line(path, "order", 1),
                          f"'{entry.id}' is not in the list, so it comes last in /topics: add a line "
                          f"'  - {entry.id}' where patients should find it")


# ---------------------------------------------------------------- message length


def _too_long(faq: Faq) -> Iterator[Finding]:
    for entry in faq.entries:
        # The reply as replies.answer_text builds it, with the answer untrimmed.
        size = _utf16_len(answer_text(faq, replace(entry, answer="")) + entry.answer)
        if size > TELEGRAM_LIMIT:
            yield Finding(
                entry.path,
                _key_line(entry.path, "answer", entry.line),
                f"the answer of '{entry.id}' is {size} characters with its source and the doctor's note, "
                f"more than fits in one Telegram message ({TELEGRAM_LIMIT}), so its end would be cut off: "
                f"shorten it by at least {size - TELEGRAM_LIMIT} characters",
            )
    texts_path = faq.folder / "texts.yaml"
    for key, text in faq.texts.items():
        size = _utf16_len(text)
        if size > TELEGRAM_LIMIT:
            yield Finding(
                texts_path,
                _key_line(texts_path, key, 1),
                f"the '{key}' text is {size} characters, more than fits in one Telegram message "
                f"({TELEGRAM_LIMIT}), so its end would be cut off: shorten it by at least "
                f"{size - TELEGRAM_LIMIT} characters",
            )


def _utf16_len(text: str) -> int:
    # Telegram counts UTF-16 code units: an emoji counts two.
    return len(text.encode("utf-16-le")) // 2


# ---------------------------------------------------------------- synonyms and red flags


def _empty_concept_parts(faq: Faq) -> Iterator[Finding]:
    """'drowsy + since / after' is just 'drowsy': the triage ignores little words in red flags."""
    flags = faq.red_flags
    for phrases, ignored in (
        (flags.urgent, IGNORED), (flags.self_harm, LIGHTLY_IGNORED), (flags.self_harm_indirect, LIGHTLY_IGNORED)
    ):
        for phrase in phrases:
            for form in (f for part in alternatives(phrase.text) for f in part):
                if not [w for w in words(form) if w not in ignored]:
                    yield Finding(
                        phrase.path,
                        phrase.line,
                        f"'{form}' in '{phrase.text}' is made only of little words the triage ignores, so the "
                        "line matches without it: use a word that says something ('injection', 'today', 'new')",
                    )


def _triage_examples(faq: Faq) -> Iterator[Finding]:
    """Staff's own examples of what must stay urgent and what must not, run through the triage."""
    triage = Triage(faq)
    for example in faq.red_flags.examples_urgent:
        if triage.check(example.text) is None:
            yield Finding(
                example.path,
                example.line,
                f"the example '{example.text}' must get the urgent reply but no longer does: add the words "
                "it uses under urgent (or self_harm), or look at what a recent edit of the context lists "
                "(not_now, asking_in_general) took away",
            )
    for example in faq.red_flags.examples_not_urgent:
        flag = triage.check(example.text)
        if flag is not None:
            yield Finding(
                example.path,
                example.line,
                f"the example '{example.text}' must not get the urgent reply but does (because of "
                f"'{flag.phrase}'): make that phrase more precise, or add the words that frame the example "
                "under not_now or asking_in_general",
            )


def _red_flag_synonyms(faq: Faq) -> Iterator[Finding]:
    """Synonyms apply to matching only. When a red flag is one word of a synonym group ("bleeding"),
    the group's other words ("haemorrhage") mean the same to staff but do not make a message urgent."""
    triage = Triage(faq)
    flags = [*faq.red_flags.urgent, *faq.red_flags.self_harm, *faq.red_flags.self_harm_indirect]
    synonyms_path = faq.folder / "synonyms.yaml"
    for canonical, variants in faq.synonyms:
        members = (canonical, *variants)
        flagged = _flag_for_any(flags, members)
        if flagged is None:
            continue
        flag, flag_word = flagged
        missed = [m for m in members if m != flag_word and triage.check(m) is None]
        if not missed:
            continue
        where = faq.synonym_lines.get(missed[0].casefold())
        line = where.line if where is not None else _key_line(synonyms_path, canonical, 1)
        flag_at = f"{_shown(flag.path)}:{flag.line}"
        yield Finding(
            synonyms_path,
            line,
            f"{_listed(missed)} {'means' if len(missed) == 1 else 'mean'} the same as '{flag_word}' in this "
            f"synonym group, and '{flag_word}' is a red flag ({flag_at}), but red flags do not use synonyms, "
            f"so a patient who writes {'it' if len(missed) == 1 else 'one of them'} does not get the urgent "
            f"reply: add {'it' if len(missed) == 1 else 'them'} under urgent in {_shown(flag.path)}; a word "
            f"that must not be urgent does not really mean the same as '{flag_word}', so take it "
            f"(or '{flag_word}') out of this synonym group",
        )


def _count(n: int, entry_id: str) -> str:
    return f"1 alternate of {entry_id} scores" if n == 1 else f"{n} alternates of {entry_id} score"


def _listed(items: list[str]) -> str:
    quoted = [f"'{item}'" for item in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _flag_for_any(flags: list[Phrase], members: tuple[str, ...]) -> tuple[Phrase, str] | None:
    """The first red flag that is, word for word, one of these synonyms, and which synonym it is."""
    by_words = {tuple(words(m)): m for m in members}
    for flag in flags:
        member = by_words.get(tuple(words(flag.text)))
        if member is not None:
            return flag, member
    return None


# ---------------------------------------------------------------- alternates that overlap


@dataclass(frozen=True)
class _Scored:
    entry: Entry
    index: int  # position in entry.alternates
    own: float
    rivals: dict[str, float]  # other entries' scores

    @property
    def text(self) -> str:
        return self.entry.alternates[self.index]

    @property
    def line(self) -> int:
        lines = self.entry.alternate_lines
        return lines[self.index] if self.index < len(lines) else self.entry.line


def _overlaps(faq: Faq) -> Iterator[Finding]:
    if len(faq.entries) < 2:
        return
    scored, thresholds = _score_left_out(faq)
    yield from _misplaced(scored, thresholds.answer, thresholds.margin)
    yield from _confused(scored, thresholds.suggest, thresholds.margin)


def _score_left_out(faq: Faq) -> tuple[list[_Scored], Thresholds]:
    """Every alternate scored by a matcher that was built without it (see FOLDS), and the matcher's knobs."""
    scored: list[_Scored] = []
    # Fixed knobs, not the FAQ's calibrated ones: a one-line edit may shift the calibration a little, and
    # the warnings are about the content, not about where the thresholds fell this time.
    thresholds = Thresholds()
    for fold in range(FOLDS):
        kept = tuple(_without_fold(entry, fold) for entry in faq.entries)
        if all(len(k.alternates) == len(e.alternates) for k, e in zip(kept, faq.entries, strict=True)):
            continue
        matcher = Matcher(replace(faq, entries=kept), thresholds)
        for entry in faq.entries:
            for index in range(fold, len(entry.alternates), FOLDS):
                scores = matcher.scores(entry.alternates[index])
                own = scores.pop(entry.id, 0.0)
                scored.append(_Scored(entry, index, own, scores))
    return scored, thresholds


def _without_fold(entry: Entry, fold: int) -> Entry:
    keep = [i for i in range(len(entry.alternates)) if i % FOLDS != fold]
    lines = entry.alternate_lines
    return replace(
        entry,
        alternates=tuple(entry.alternates[i] for i in keep),
        alternate_lines=tuple(lines[i] for i in keep) if len(lines) == len(entry.alternates) else (),
    )


def _misplaced(scored: list[_Scored], answer: float, margin: float) -> Iterator[Finding]:
    for item in scored:
        if not item.rivals:
            continue
        rival, score = max(item.rivals.items(), key=lambda kv: kv[1])
        if score >= answer and score - item.own >= CLEAR_LEAD * margin:
            own_id = item.entry.id
            yield Finding(
                item.entry.path,
                item.line,
                f"the alternate '{item.text}' matches {rival} ({score:.0f}) better than {own_id} "
                f"({item.own:.0f}): move it to {rival}.yaml if it asks that entry's question; if it belongs "
                "here, add two or three more ways patients say it, so that questions like it find this entry",
            )


def _confused(scored: list[_Scored], suggest: float, margin: float) -> Iterator[Finding]:
    by_entry: dict[str, list[_Scored]] = defaultdict(list)
    torn: dict[tuple[str, str], list[_Scored]] = defaultdict(list)
    for item in scored:
        by_entry[item.entry.id].append(item)
        for rival, score in item.rivals.items():
            if max(score, item.own) >= suggest and abs(score - item.own) < margin:
                torn[(item.entry.id, rival)].append(item)
    shares = {pair: len(items) / len(by_entry[pair[0]]) for pair, items in torn.items()}
    reported: set[frozenset[str]] = set()
    for (entry_id, rival), share in sorted(shares.items(), key=lambda kv: -kv[1]):
        items = torn[(entry_id, rival)]
        pair = frozenset((entry_id, rival))
        if share < CONFUSED_SHARE or len(items) < CONFUSED_MIN or pair in reported:
            continue
        reported.add(pair)
        entry = items[0].entry
        total = len(by_entry[entry_id])
        back = len(torn.get((rival, entry_id), ()))
        also = f" (and {_count(back, rival)} as close to {entry_id})" if back else ""
        examples = ", ".join(f"'{i.text}'" for i in items[:3])
        yield Finding(
            entry.path,
            entry.line,
            f"{entry_id} and {rival} are easy to confuse: {len(items)} of the {total} alternates of "
            f"{entry_id} score almost as high for {rival} as for {entry_id}{also}, for example {examples}, "
            "so patients who "
            f"ask like that get 'Did you mean…?' instead of an answer: make each entry's questions and "
            "alternates use its own words (move the ones that ask the other question), or merge the two "
            "entries",
        )


# ---------------------------------------------------------------- entries too thin to be answered


def _too_few_alternates(faq: Faq) -> Iterator[Finding]:
    """Entries whose own phrasings, each asked of the bot without it, are rarely answered: patients who
    word the question differently will get suggestions or the fallback (bot.core.calibration)."""
    found = calibration(faq)
    if not found.calibrated:  # too small an FAQ to tell (see bot.core.calibration.MIN_QUESTIONS)
        return
    for entry in faq.entries:
        asked, right = found.per_entry.get(entry.id, (0, 0))
        if len(entry.alternates) < FEW_ALTERNATES or (asked >= FEW_ALTERNATES and right == 0):
            share = f"{right} of {asked}" if asked else "none"
            yield Finding(
                entry.path,
                _key_line(entry.path, "alternates", entry.line),
                f"'{entry.id}' has {len(entry.alternates)} alternates and, asked without itself, {share} of its "
                "phrasings get its answer, so patients who word the question their own way will often get "
                "'Did you mean…?' or no answer: add more ways patients ask it (aim for 10 or more, in "
                "patients' own words, each using the words that make this entry different from the others)",
            )


# ---------------------------------------------------------------- places in files


def _key_line(path: Path, key: str, default: int) -> int:
    """The line a top-level `key:` is on in a YAML file (the loader keeps lines only for some values)."""
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return default
    for number, text in enumerate(lines, start=1):
        if pattern.match(text):
            return number
    return default


def _shown(path: Path) -> str:
    """A path as staff would type it: relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
