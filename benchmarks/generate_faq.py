"""Large FAQ folders for the benchmarks, made from the real one (`faq/`) by a seeded method.

How a folder of N phrasings is made (same seed, same `faq/` -> byte-identical folder):
- about 100 phrasings: the real entries, each cut to its question and its first few alternates;
- more: every real entry as it is, then synthetic entries until the folder holds N phrasings.
  Synthetic entry k copies real entry k mod 14 (the bot's own texts, synonyms and red flags are
  copied unchanged) and perturbs every phrasing of it: each word is, with probability 0.25,
  replaced by a random word of the real FAQ's phrasings; with probability 0.3 the words are
  shuffled; and the entry's synthetic topic word ("zorblat-17": two random syllables and k) is
  put at a random place. The topic word makes every phrasing unique across the FAQ, as the loader
  requires; a phrasing that comes out the same as another of its entry is drawn again.
  The two-syllable part repeats across entries (576 combinations), so synthetic entries overlap
  the way real topics do, and they share the real FAQ's vocabulary: a question about "risks"
  meets thousands of candidate phrasings at 100,000, which is the hard case for the index.
- "1,000 entries" (the start-up target) is the real entries plus 986 synthetic ones, uncut
  (about 39,000 phrasings).

Folders go to benchmarks/generated/ (git-ignored), each with a manifest; one whose manifest matches
the seed, the method and the current `faq/` is reused.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot import DEFAULT_FAQ_DIR
from bot.core.knowledge import Entry, load_faq

from . import GENERATED_DIR

METHOD_VERSION = 1  # bump when the method changes, so cached folders are rebuilt
DEFAULT_SEED = 5
SUBSTITUTE_P = 0.25
SHUFFLE_P = 0.3
SYLLABLES = ("zor", "blat", "quin", "fen", "drak", "mol", "vex", "tir", "plon", "gub", "sar", "keth",
             "wum", "lor", "nib", "cresh", "yal", "tov", "pim", "rusk", "oda", "jex", "hul", "bem")


@dataclass(frozen=True)
class FaqSize:
    """One benchmark FAQ: `phrasings` in total, or (for the start-up target) `entries` uncut entries."""

    label: str
    phrasings: int | None = None
    entries: int | None = None


SIZES = {
    "100": FaqSize("100", phrasings=100),
    "1k": FaqSize("1k", phrasings=1_000),
    "10k": FaqSize("10k", phrasings=10_000),
    "100k": FaqSize("100k", phrasings=100_000),
    "1k-entries": FaqSize("1k-entries", entries=1_000),
}


def ensure(size: FaqSize, *, seed: int = DEFAULT_SEED, source: Path = DEFAULT_FAQ_DIR,
           root: Path = GENERATED_DIR) -> Path:
    """The folder for `size`, generated unless an identical one is already there."""
    folder = root / f"faq-{size.label}"
    manifest = {"method": METHOD_VERSION, "seed": seed, "size": size.__dict__, "source": _digest(source)}
    stamp = folder / "manifest.json"
    if stamp.exists() and json.loads(stamp.read_text(encoding="utf-8")) == manifest:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "entries").mkdir(parents=True)
    for path in sorted(source.glob("*.y*ml")):  # the bot's own texts, synonyms, red flags, topics not covered
        shutil.copy(path, folder / path.name)
    for entry in build_entries(size, seed=seed, source=source):
        _write_entry(folder / "entries" / f"{entry['id']}.yaml", entry)
    stamp.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return folder


def build_entries(size: FaqSize, *, seed: int = DEFAULT_SEED, source: Path = DEFAULT_FAQ_DIR) -> list[dict]:
    """The entries of a benchmark FAQ, as the dicts written to entries/<id>.yaml."""
    real = load_faq(source).entries
    if size.phrasings is not None and size.phrasings < sum(len(e.phrasings) for e in real):
        return _cut(real, size.phrasings)
    rng = random.Random(seed)
    vocabulary = sorted({w for e in real for p in e.phrasings for w in re.findall(r"[a-z]{3,}", p.lower())})
    entries = [_as_dict(e, e.phrasings) for e in real]
    total = sum(len(e.phrasings) for e in real)
    k = 0
    while (size.entries is not None and len(entries) < size.entries) or (
        size.phrasings is not None and total < size.phrasings
    ):
        base = real[k % len(real)]
        phrasings = _perturbed(base, k, rng, vocabulary)
        if size.phrasings is not None:
            phrasings = phrasings[: size.phrasings - total]
        entries.append(_as_dict(base, phrasings, entry_id=f"{base.id}-syn-{k:05d}"))
        total += len(phrasings)
        k += 1
    return entries


def topic_word(k: int, rng: random.Random) -> str:
    """A made-up topic word, unique to synthetic entry k: 'zorblat-17'."""
    return f"{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}-{k}"


def _perturbed(base: Entry, k: int, rng: random.Random, vocabulary: list[str]) -> list[str]:
    topic = topic_word(k, rng)
    out: list[str] = []
    seen: set[str] = set()
    for phrasing in base.phrasings:
        for _attempt in range(5):
            tokens = [rng.choice(vocabulary) if rng.random() < SUBSTITUTE_P else t for t in phrasing.split()]
            if len(tokens) > 2 and rng.random() < SHUFFLE_P:
                rng.shuffle(tokens)
            tokens.insert(rng.randrange(len(tokens) + 1), topic)
            text = " ".join(tokens)
            key = " ".join(text.casefold().split())
            if key not in seen:
                seen.add(key)
                out.append(text)
                break
    return out


def _cut(real: tuple[Entry, ...], phrasings: int) -> list[dict]:
    """Every real entry, cut to its question and first alternates, `phrasings` in all."""
    share, extra = divmod(phrasings, len(real))
    return [_as_dict(e, e.phrasings[: max(1, share + (i < extra))]) for i, e in enumerate(real)]


def _as_dict(entry: Entry, phrasings: tuple[str, ...] | list[str], entry_id: str | None = None) -> dict:
    return {
        "id": entry_id or entry.id,
        "question": phrasings[0],
        "alternates": list(phrasings[1:]),
        "answer": entry.answer,
        "source": entry.source,
        "reviewed_by": "benchmarks.generate_faq" if entry_id else entry.reviewed_by,
        "reviewed_on": entry.reviewed_on,
    }


def _write_entry(path: Path, entry: dict) -> None:
    text = yaml.safe_dump(entry, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
    path.write_text(text, encoding="utf-8")


def _digest(source: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(source)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


if __name__ == "__main__":
    import sys

    for label in sys.argv[1:] or SIZES:
        folder = ensure(SIZES[label])
        faq = load_faq(folder)
        print(f"{folder}: {len(faq.entries)} entries, {sum(len(e.phrasings) for e in faq.entries)} phrasings")
