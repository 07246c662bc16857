"""The FAQ as immutable objects: entries, the bot's own texts, synonyms and red-flag phrases.

`load_faq(folder)` either returns a complete, valid `Faq` or raises `FaqInvalid` carrying every
problem found, each with the file and line it is on. Nothing here knows about Telegram.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import yaml

from bot.core.normalise import words
from bot.core.yaml_mistakes import dash_without_space, explain

__all__ = ["Draft", "Entry", "Faq", "FaqInvalid", "Phrase", "Problem", "RedFlags", "load_faq"]

ENTRY_KEYS = ("id", "question", "alternates", "answer", "source", "reviewed_by", "reviewed_on")
REQUIRED_ENTRY_KEYS = ("id", "question", "alternates", "answer", "source")
REVIEW_KEYS = ("reviewed_by", "reviewed_on")
TEXT_KEYS = (
    "source_line",
    "welcome",
    "help",
    "doctor_note",
    "fallback",
    "small_talk",
    "small_talk_thanks",
    "small_talk_goodbye",
    "suggest_intro",
    "urgent",
    "self_harm",
    "self_harm_carer",
    "urgent_before_injection",
    "urgent_getting_help",
    "self_harm_getting_help",
    "safety_line",
    "non_text",
    "unknown_entry",
    "number_not_in_list",
    "topics_intro",
    "feedback_thanks",
    "slow_down",
    "error",
)
# What each text is for, so that a message about it tells staff which reply they are looking at.
TEXT_PURPOSES = {
    "welcome": "the first message a patient gets (/start)",
    "help": "the reply to /help",
    "doctor_note": "the see-your-doctor note under every answer",
    "fallback": "the reply when there is no checked answer",
    "small_talk": "the reply to a greeting (and to thanks or a goodbye when their texts are left out)",
    "small_talk_thanks": "the reply to a thank-you",
    "small_talk_goodbye": "the reply to a goodbye",
    "suggest_intro": "the line above the 'Did you mean' questions",
    "urgent": "the reply to a message describing urgent symptoms",
    "self_harm": "the reply to a message about thoughts of self-harm",
    "urgent_getting_help": "the reply to 'ok, I'll ring them now' after the urgent reply",
    "self_harm_getting_help": "the reply to 'ok, I'll call them' after the crisis reply",
    "non_text": "the reply to a photo, sticker or voice message",
    "unknown_entry": "the reply when a button's question is no longer in the FAQ",
    "feedback_thanks": "the thank-you shown after a 👍 or 👎",
    "slow_down": "the reply when someone sends too many messages at once",
    "error": "the apology when something goes wrong",
    "source_line": "the line under every answer that says where it comes from",
}
# Texts that may be left out; every other text is required.
OPTIONAL_TEXT_KEYS = (
    "source_line", "small_talk_thanks", "small_talk_goodbye", "urgent_getting_help", "self_harm_getting_help",
)
ENTRY_PURPOSES = {
    "id": "the entry's name, the same as its file name",
    "question": "the question shown on buttons and in /topics",
    "answer": "the answer patients get",
    "source": "where the answer comes from",
    "reviewed_by": "who approved the answer",
}
# Editor leftovers in entries/ that are not mistakes: hidden files, backups, swap files.
IGNORED_FILES = re.compile(r"^[.#]|~$|\.(swp|swo|tmp|bak|orig)$", re.IGNORECASE)
RED_FLAG_KEYS = (
    "urgent", "self_harm", "self_harm_indirect", "self_harm_everyday", "self_harm_final", "not_now",
    "asking_in_general", "happening_now", "before_injection", "figures_of_speech", "not_self_harm", "resolved",
    "recovered", "episode_over", "urgent_even_if_over", "examples_urgent", "examples_not_urgent",
)
KEBAB_CASE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the FAQ folder, with where it is."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class FaqInvalid(Exception):
    """The FAQ folder cannot be served; `problems` lists every reason, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Entry:
    """One vetted question and answer, as staff wrote it in entries/<id>.yaml."""

    id: str
    question: str
    alternates: tuple[str, ...]
    answer: str
    source: str
    reviewed_by: str
    reviewed_on: dt.date
    path: Path
    line: int = 1
    # line of each alternate, same order as `alternates`, for staff-facing messages
    alternate_lines: tuple[int, ...] = ()

    @property
    def phrasings(self) -> tuple[str, ...]:
        """The canonical question first, then every alternate."""
        return (self.question, *self.alternates)


@dataclass(frozen=True)
class Phrase:
    """A staff-written phrase with the place it was written, for messages that point back to it."""

    text: str
    path: Path
    line: int


@dataclass(frozen=True)
class RedFlags:
    """Phrases that make a message urgent, and the context phrases that tell a question from a report.

    urgent / self_harm: a message containing one of these (in any order, with typos) is urgent.
    self_harm_indirect: self-harm said indirectly ("I won't be around for the follow-up"): the crisis reply,
    unless an everyday reading follows it (`self_harm_everyday`: "...I'm on holiday") with nothing final
    (`self_harm_final`: "forever", "goodbye") and the model agrees it is not about self-harm.
    not_now: the symptom is past, resolved or hypothetical ("years ago", "went away").
    asking_in_general: a general question about risk ("how common", "can it cause").
    happening_now: the symptom is present ("since", "right now", "I have") - overrides the two above.
    before_injection: the writer has not had the injection yet (the urgent reply then says so).
    figures_of_speech: sayings that contain a self-harm phrase but mean no harm ("I could die of
    embarrassment"); a self-harm phrase inside one of these does not count.
    not_self_harm: wording that reports someone else's symptom ("she is not waking up"): a self-harm
    phrase inside it does not count, the symptom does.
    resolved: the symptom told just before has gone ("it wore off", "back to normal now"), anywhere later in
    its sentence or in the next one.
    recovered: a self-harm event told as dated past is over ("I've been well since"): with both, the
    self-harm phrase alone does not decide, the model does.
    episode_over: a short episode is told as over ("gone after paracetamol", "stopped after five minutes"):
    its time words ("yesterday", "this morning") then date the episode, not a symptom going on now.
    urgent_even_if_over: signs that stay urgent when told as passed ("my words came out wrong for ten minutes,
    back to normal now": a mini-stroke); "back to normal" or "for ten minutes" does not take them away, only a
    question in general, a negation or a date long ago ("a TIA in 2015") does.
    examples_urgent / examples_not_urgent: messages `check` runs through the triage after every edit.
    """

    urgent: tuple[Phrase, ...]
    self_harm: tuple[Phrase, ...]
    self_harm_indirect: tuple[Phrase, ...] = ()
    self_harm_everyday: tuple[Phrase, ...] = ()
    self_harm_final: tuple[Phrase, ...] = ()
    not_now: tuple[Phrase, ...] = ()
    asking_in_general: tuple[Phrase, ...] = ()
    happening_now: tuple[Phrase, ...] = ()
    before_injection: tuple[Phrase, ...] = ()
    figures_of_speech: tuple[Phrase, ...] = ()
    not_self_harm: tuple[Phrase, ...] = ()
    resolved: tuple[Phrase, ...] = ()
    recovered: tuple[Phrase, ...] = ()
    episode_over: tuple[Phrase, ...] = ()
    urgent_even_if_over: tuple[Phrase, ...] = ()
    examples_urgent: tuple[Phrase, ...] = ()
    examples_not_urgent: tuple[Phrase, ...] = ()


@dataclass(frozen=True)
class Draft:
    """An entry that is not served yet because it lacks review metadata."""

    id: str
    path: Path
    line: int


@dataclass(frozen=True)
class Faq:
    """Everything the core needs, loaded from one folder and never mutated afterwards."""

    folder: Path
    entries: tuple[Entry, ...]
    texts: dict[str, str] = field(hash=False)
    # canonical word -> the words and phrases patients use for it
    synonyms: tuple[tuple[str, tuple[str, ...]], ...]
    red_flags: RedFlags
    # phrases of topics the FAQ deliberately does not cover (cost, driving...): always a fallback
    not_covered: tuple[Phrase, ...] = ()
    # ...of which these name the procedure itself when a question asks what the FAQ answers about it
    # ("how do steroids work in the spine?"): not_covered.yaml's `also_the_procedure`
    procedure_names: tuple[Phrase, ...] = ()
    # names patients use for the procedure that also name things the source does not describe ("a nerve
    # block" may be a dental one): not_covered.yaml's `broader_names`
    broader_names: tuple[Phrase, ...] = ()
    synonym_lines: dict[str, Phrase] = field(default_factory=dict, hash=False)
    # entries without review metadata: reported by `check`, never served
    drafts: tuple[Draft, ...] = ()
    # share of questions the clinic accepts being answered wrongly (faq/answering.yaml); the matcher's
    # thresholds are calibrated to stay within it
    wrong_answer_budget: float = 0.02
    # the order of /topics as staff wrote it in topics.yaml (entry ids, with their lines)
    topic_order: tuple[Phrase, ...] = ()

    # entries by id, filled in by __post_init__
    _by_id: dict[str, Entry] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {entry.id: entry for entry in self.entries})

    @cached_property
    def phrasing_words(self) -> tuple[tuple[tuple[str, ...], ...], ...]:
        """Per entry, the cleaned words of each phrasing (`normalise.words`): computed once, shared by
        the triage and the matcher."""
        return tuple(tuple(tuple(words(p)) for p in entry.phrasings) for entry in self.entries)

    @cached_property
    def word_counts(self) -> Counter[str]:
        """How often each word occurs across all phrasings."""
        return Counter(w for entry_words in self.phrasing_words for tokens in entry_words for w in tokens)

    def entry(self, entry_id: str) -> Entry | None:
        """The served entry with this id, or None."""
        return self._by_id.get(entry_id)

    def topics_in_order(self) -> tuple[Entry, ...]:
        """The served entries in the order of topics.yaml; entries it does not list come last, by id.

        Ids in topics.yaml that are not served (a draft, a deleted entry) are skipped: `check` warns.
        """
        listed = [self._by_id[p.text] for p in self.topic_order if p.text in self._by_id]
        seen = {entry.id for entry in listed}
        unique = list(dict.fromkeys(listed))
        return tuple(unique + [entry for entry in self.entries if entry.id not in seen])


# ---------------------------------------------------------------- YAML with line numbers


@dataclass(frozen=True)
class _Located:
    """A YAML value and the 1-based line it starts on."""

    value: Any
    line: int


# LibYAML's parser when PyYAML was built with it (about 5x faster); node line numbers are the same.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(path: Path, problems: list[Problem]) -> yaml.Node | None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(path, 1, f"not UTF-8 text ({exc.reason}); save the file as UTF-8"))
        return None
    try:
        return yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        pass
    # A broken file: parse it again with the pure-Python parser, whose messages and marks are the
    # same on every machine (LibYAML words some of them differently).
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        context = exc.context_mark.line + 1 if exc.context_mark else None
        for at, message in explain(text, exc.problem, line, context):
            problems.append(Problem(path, at, message))
        return None


def _plain(node: yaml.Node, path: Path, problems: list[Problem], constructor: yaml.SafeLoader) -> Any:
    """Turn a YAML node into plain Python, keeping lines on mapping values and list items.
    `constructor` turns scalars into values (dates, numbers, text): one per file, so loads never share state."""
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, _Located] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            if key in out:
                problems.append(Problem(path, key_node.start_mark.line + 1, f"key '{key}' appears twice"))
                continue
            out[key] = _Located(_plain(value_node, path, problems, constructor), value_node.start_mark.line + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_Located(_plain(item, path, problems, constructor), item.start_mark.line + 1) for item in node.value]
    try:
        return constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as exc:  # e.g. an impossible date such as 2026-02-30
        problems.append(Problem(path, line, f"cannot read the value {node.value!r}: {exc}"))
        return None


def _read_mapping(path: Path, problems: list[Problem]) -> tuple[dict[str, _Located], int] | None:
    node = _compose(path, problems)
    if node is None:
        if not problems or problems[-1].path != path:
            problems.append(Problem(path, 1, "the file is empty"))
        return None
    value = _plain(node, path, problems, yaml.SafeLoader(""))
    if not isinstance(value, dict):
        problems.append(Problem(path, node.start_mark.line + 1, "expected 'key: value' lines at the top"))
        return None
    return value, node.start_mark.line + 1


def _text(
    located: _Located, path: Path, key: str, problems: list[Problem], purpose: str | None = None
) -> str | None:
    """The stripped text of a value; a problem (naming what the text is for, if known) when it is not text."""
    value = located.value
    what = f"'{key}' ({purpose})" if purpose else f"'{key}'"
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.append(Problem(path, located.line, f"{what} is empty: write it after '{key}:' (or on the lines "
                                                    f"below '{key}: |', each indented by two spaces)"))
        return None
    if isinstance(value, bool) or isinstance(value, (dict, list)):
        problems.append(Problem(path, located.line, f"{what} must be text: put it in double quotes"))
        return None
    return str(value).strip()


def _text_list(located: _Located, path: Path, key: str, problems: list[Problem]) -> list[_Located]:
    if not isinstance(located.value, list):
        # '  -first' makes YAML read the whole list as one text: '-first - second - third'
        dash = dash_without_space(located.value.split(" - ")[0]) if isinstance(located.value, str) else None
        problems.append(Problem(path, located.line, dash or f"'{key}' must be a list of lines starting with "
                                                           "two spaces, a dash and a space, like '  - is it safe'"))
        return []
    items = []
    for item in located.value:
        text = _text(item, path, f"an item of '{key}'", problems)
        if text is not None:
            items.append(_Located(text, item.line))
    return items


# ---------------------------------------------------------------- entries


def _read_entry(path: Path, problems: list[Problem]) -> Entry | Draft | None:
    start = len(problems)
    read = _read_mapping(path, problems)
    if read is None:
        return None
    data, top_line = read
    for key, located in data.items():
        if key not in ENTRY_KEYS:
            problems.append(Problem(path, located.line, _unknown_key(key, ENTRY_KEYS)))
    for key in REQUIRED_ENTRY_KEYS:
        if key not in data:
            problems.append(Problem(path, top_line, f"missing key '{key}'"))
    fields: dict[str, Any] = {}
    for key in ("id", "question", "answer", "source"):
        if key in data:
            fields[key] = _text(data[key], path, key, problems, ENTRY_PURPOSES[key])
    alternates = _text_list(data["alternates"], path, "alternates", problems) if "alternates" in data else []
    entry_id = fields.get("id")
    if entry_id is not None:
        if not KEBAB_CASE.match(entry_id):
            problems.append(
                Problem(path, data["id"].line, f"id '{entry_id}' must be kebab-case, like 'is-it-safe'")
            )
        if entry_id != path.stem:
            problems.append(
                Problem(path, data["id"].line, f"id '{entry_id}' does not match the file name '{path.name}'")
            )
    seen: dict[str, int] = {}
    for alt in alternates:
        low = alt.value.casefold()
        if low in seen:
            problems.append(
                Problem(path, alt.line, f"alternate '{alt.value}' is repeated (first on line {seen[low]})")
            )
        seen.setdefault(low, alt.line)

    reviewed_by = data.get("reviewed_by")
    reviewed_on = data.get("reviewed_on")
    review_missing = reviewed_by is None or reviewed_on is None or reviewed_by.value in (None, "")
    if len(problems) > start:
        return None
    if review_missing or reviewed_on is None or reviewed_on.value in (None, ""):
        return Draft(entry_id or path.stem, path, top_line)
    assert reviewed_by is not None  # a missing reviewed_by made it a draft above
    by = _text(reviewed_by, path, "reviewed_by", problems)
    on = reviewed_on.value
    if isinstance(on, str):
        try:
            on = dt.date.fromisoformat(on.strip())
        except ValueError:
            on = None
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        problems.append(Problem(path, reviewed_on.line, "'reviewed_on' must be a date like 2026-11-25"))
        return None
    if on > dt.date.today():
        problems.append(Problem(path, reviewed_on.line, f"'reviewed_on' {on} is in the future"))
        return None
    if by is None:
        return None
    return Entry(
        id=fields["id"],
        question=fields["question"],
        alternates=tuple(a.value for a in alternates),
        answer=fields["answer"],
        source=fields["source"],
        reviewed_by=by,
        reviewed_on=on,
        path=path,
        line=top_line,
        alternate_lines=tuple(a.line for a in alternates),
    )


def _iter_entry_files(folder: Path) -> Iterator[Path]:
    entries = folder / "entries"
    yield from sorted(entries.glob("*.yaml"))
    yield from sorted(entries.glob("*.yml"))


def _misnamed_entry_files(folder: Path) -> Iterator[Problem]:
    """Files in entries/ the bot would not read because of their name (Notepad saves 'x.yaml.txt')."""
    entries = folder / "entries"
    if not entries.is_dir():
        return
    for path in sorted(entries.iterdir()):
        if not path.is_file() or path.suffix in (".yaml", ".yml") or IGNORED_FILES.search(path.name):
            continue
        stem = path.name.split(".")[0]
        yield Problem(path, 1, f"this file is not read because its name does not end in .yaml: rename it to "
                               f"{stem}.yaml (in Notepad, choose 'Save as type: All files')")


def _unknown_key(key: str, allowed: tuple[str, ...], what: str = "key") -> str:
    if " " in key.strip():  # a sentence: a text line that lost its indent and holds a colon
        return (f"the line starting '{key}:' is read as a new {what} because it is not indented: if it belongs to "
                "the text above, start it with two spaces like the lines above it")
    return f"unknown {what} '{key}' (allowed: {', '.join(allowed)})"


# ---------------------------------------------------------------- the other files


def _read_texts(path: Path, problems: list[Problem]) -> dict[str, str]:
    read = _read_mapping(path, problems)
    if read is None:
        return {}
    data, top_line = read
    texts: dict[str, str] = {}
    for key, located in data.items():
        if key not in TEXT_KEYS:
            problems.append(Problem(path, located.line, _unknown_key(key, TEXT_KEYS, "text")))
            continue
        text = _text(located, path, key, problems, TEXT_PURPOSES.get(key))
        if text is not None:
            texts[key] = text
    for key in TEXT_KEYS:
        if key not in data and key not in OPTIONAL_TEXT_KEYS:
            problems.append(Problem(path, top_line, f"missing text '{key}' ({TEXT_PURPOSES[key]})"))
    return texts


Synonyms = tuple[tuple[str, tuple[str, ...]], ...]


def _read_synonyms(path: Path, problems: list[Problem]) -> tuple[Synonyms, dict[str, Phrase]]:
    read = _read_mapping(path, problems)
    if read is None:
        return (), {}
    data, _ = read
    groups = []
    where: dict[str, Phrase] = {}
    for canonical, located in data.items():
        words = _text_list(located, path, str(canonical), problems)
        variants = []
        for word in words:
            low = word.value.casefold()
            if low in where:
                first = where[low]
                problems.append(
                    Problem(path, word.line, f"'{word.value}' is already a synonym (line {first.line})")
                )
                continue
            where[low] = Phrase(str(canonical), path, word.line)
            variants.append(word.value)
        groups.append((str(canonical), tuple(variants)))
    return tuple(groups), where


def _read_phrase_lists(
    path: Path, keys: tuple[str, ...], required: tuple[str, ...], problems: list[Problem]
) -> dict[str, tuple[Phrase, ...]]:
    read = _read_mapping(path, problems)
    if read is None:
        return {}
    data, top_line = read
    out: dict[str, tuple[Phrase, ...]] = {}
    for key, located in data.items():
        if key not in keys:
            problems.append(Problem(path, located.line, _unknown_key(key, keys, "list")))
            continue
        out[key] = tuple(Phrase(p.value, path, p.line) for p in _text_list(located, path, key, problems))
    for key in required:
        if key not in data:
            problems.append(Problem(path, top_line, f"missing list '{key}'"))
    return out


# ---------------------------------------------------------------- the whole folder


def load_faq(folder: str | Path) -> Faq:
    """Read and validate the whole FAQ folder. Raises FaqInvalid listing every problem."""
    folder = Path(folder)
    problems: list[Problem] = []
    if not folder.is_dir():
        raise FaqInvalid([Problem(folder, 0, "FAQ folder not found")])
    entries: list[Entry] = []
    drafts: list[Draft] = []
    files = list(_iter_entry_files(folder))
    problems.extend(_misnamed_entry_files(folder))
    if not files:
        problems.append(Problem(folder / "entries", 0, "no entries found (expected entries/<id>.yaml files)"))
    for path in files:
        read = _read_entry(path, problems)
        if isinstance(read, Entry):
            entries.append(read)
        elif isinstance(read, Draft):
            drafts.append(read)
    _check_duplicates(entries, problems)

    no_texts: dict[str, str] = {}
    no_synonyms: tuple[Synonyms, dict[str, Phrase]] = ((), {})
    no_flags: dict[str, tuple[Phrase, ...]] = {}
    texts = _require_file(folder / "texts.yaml", _read_texts, problems, no_texts)
    synonyms, synonym_lines = _require_file(folder / "synonyms.yaml", _read_synonyms, problems, no_synonyms)
    flags = _require_file(
        folder / "red_flags.yaml",
        lambda p, pr: _read_phrase_lists(p, RED_FLAG_KEYS, ("urgent", "self_harm"), pr),
        problems,
        no_flags,
    )
    not_covered_path = folder / "not_covered.yaml"
    not_covered: tuple[Phrase, ...] = ()
    procedure_names: tuple[Phrase, ...] = ()
    broader_names: tuple[Phrase, ...] = ()
    if not_covered_path.exists():
        lists = _read_phrase_lists(not_covered_path, ("topics", "also_the_procedure", "broader_names"), ("topics",),
                                   problems)
        procedure_names = lists.get("also_the_procedure", ())
        broader_names = lists.get("broader_names", ())
        not_covered = lists.get("topics", ()) + procedure_names
    budget = _read_budget(folder / "answering.yaml", problems)
    topics_path = folder / "topics.yaml"
    topic_order: tuple[Phrase, ...] = ()
    if topics_path.exists():
        topic_order = _read_phrase_lists(topics_path, ("order",), ("order",), problems).get("order", ())

    if problems:
        raise FaqInvalid(sorted(problems, key=lambda p: (str(p.path), p.line)))
    return Faq(
        folder=folder,
        entries=tuple(sorted(entries, key=lambda e: e.id)),
        texts=texts,
        synonyms=synonyms,
        red_flags=RedFlags(**flags),
        not_covered=not_covered,
        procedure_names=procedure_names,
        broader_names=broader_names,
        synonym_lines=synonym_lines,
        drafts=tuple(drafts),
        wrong_answer_budget=budget,
        topic_order=topic_order,
    )


def _read_budget(path: Path, problems: list[Problem]) -> float:
    """`wrong_answer_budget` (a share between 0 and 0.2) from faq/answering.yaml; 0.02 without the file."""
    if not path.exists():
        return 0.02
    read = _read_mapping(path, problems)
    if read is None:
        return 0.02
    data, top_line = read
    for key, located in data.items():
        if key != "wrong_answer_budget":
            problems.append(Problem(path, located.line, f"unknown key '{key}' (allowed: wrong_answer_budget)"))
    budget = data.get("wrong_answer_budget")
    if budget is None:
        return 0.02
    located = budget
    value = located.value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 0.2:
        problems.append(Problem(path, located.line, "'wrong_answer_budget' must be a share between 0 and 0.2, "
                                                    "like 0.02 for 2 %"))
        return 0.02
    return float(value)


_Read = TypeVar("_Read")


def _require_file(
    path: Path, reader: Callable[[Path, list[Problem]], _Read], problems: list[Problem], empty: _Read
) -> _Read:
    if not path.exists():
        misnamed = sorted(p.name for p in path.parent.glob(f"{path.name}.*"))
        hint = f": there is a {misnamed[0]}, rename it to {path.name}" if misnamed else ""
        problems.append(Problem(path, 0, f"file is missing{hint}"))
        return empty
    return reader(path, problems)


def _check_duplicates(entries: list[Entry], problems: list[Problem]) -> None:
    by_id: dict[str, Entry] = {}
    for entry in entries:
        if entry.id in by_id:
            first = by_id[entry.id]
            problems.append(Problem(entry.path, entry.line, f"duplicate id '{entry.id}' (also {first.path})"))
        by_id.setdefault(entry.id, entry)
    owner: dict[str, tuple[Entry, int]] = {}
    for entry in entries:
        lines = (entry.line, *entry.alternate_lines) if entry.alternate_lines else (entry.line,) * (
            len(entry.phrasings)
        )
        for phrasing, line in zip(entry.phrasings, lines, strict=False):
            key = " ".join(phrasing.casefold().split())
            if key in owner and owner[key][0].id != entry.id:
                other, other_line = owner[key]
                problems.append(
                    Problem(
                        entry.path,
                        line,
                        f"'{phrasing}' is also in {other.path.name} line {other_line}: keep it in one entry only",
                    )
                )
            owner.setdefault(key, (entry, line))
