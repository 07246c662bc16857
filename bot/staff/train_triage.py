"""Rebuild the triage's statistical second opinion: `python -m bot.staff.train_triage`.

Reads every `*.jsonl` in eval/triage-train/ (rows: text, label urgent|not-urgent, category, self_harm,
voice), adds the FAQ's own questions and alternates and the ordinary questions of eval/tune*.jsonl as
not urgent (so ordinary questions do not alarm), splits the messages by a stable hash of their text
(70 % train, 10 % tune, 20 % validation), trains a logistic regression with numpy on the train part,
and writes the weights to bot/core/language/en/triage_model.npz. It prints its figures on the
validation part, which it never trained on, by category. Same data, same model: training is
deterministic.
"""

from __future__ import annotations

import argparse
import json
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot import DEFAULT_FAQ_DIR, PROJECT_ROOT
from bot.core.knowledge import load_faq
from bot.core.triage_model import DIMENSIONS, MODEL_PATH, TriageModel, features, scale

TRAIN_DIR = PROJECT_ROOT / "eval" / "triage-train"
OPENERS = TRAIN_DIR / "ordinary-openers.txt"
OPENERS_PER_QUESTION = 2
ORDINARY = (PROJECT_ROOT / "eval" / "tune.jsonl", PROJECT_ROOT / "eval" / "tune_extra.jsonl")
EPOCHS = 300
LEARNING_RATE = 0.05
L2 = 1e-6
# A missed urgent message costs more than a false alarm; self-harm messages are rarer still.
URGENT_WEIGHT = 1.0
SELF_HARM_WEIGHT = 5.0


@dataclass(frozen=True)
class Example:
    text: str
    urgent: bool
    self_harm: bool
    category: str
    source: str

    @property
    def split(self) -> str:
        """'train', 'tune' or 'validation', by a stable hash of the text (the same on every machine)."""
        bucket = zlib.crc32(" ".join(self.text.casefold().split()).encode("utf-8")) % 10
        return "train" if bucket < 7 else "tune" if bucket == 7 else "validation"


def read_examples(folder: Path = TRAIN_DIR, faq_dir: Path = DEFAULT_FAQ_DIR) -> list[Example]:
    """The labelled messages, the FAQ's phrasings and the tuning set's ordinary questions, deduplicated."""
    examples: list[Example] = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                urgent = {"urgent": True, "not-urgent": False}[row["label"]]
                text = str(row["text"])
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: expected text and label urgent|not-urgent ({exc})") from None
            examples.append(Example(text, urgent, bool(row.get("self_harm")), row.get("category") or "", path.name))
    faq = load_faq(faq_dir)
    openers = [line.strip() for line in OPENERS.read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    for entry in faq.entries:
        examples += [Example(p, False, False, "faq-question", "faq") for p in entry.phrasings]
        examples += [Example(f"{_opener(p + str(k), openers)} {p}", False, False, "faq-question", "faq+opener")
                     for p in entry.phrasings for k in range(OPENERS_PER_QUESTION)]
        # the answers' sentences: symptoms named in general statements ("infection is rare") are not reports
        examples += [Example(s, False, False, "faq-answer", "faq") for s in _sentences(entry.answer)]
    for path in ORDINARY:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else None
            if row and row["expected"] != "urgent":
                question = row["question"]
                examples.append(Example(question, False, False, "faq-question", path.name))
                examples.append(Example(f"{_opener(question, openers)} {question}", False, False, "faq-question",
                                        f"{path.name}+opener"))
    seen: set[str] = set()
    unique = []
    for example in examples:
        key = " ".join(example.text.casefold().split())
        if key not in seen:
            seen.add(key)
            unique.append(example)
    return unique


def _opener(text: str, openers: Sequence[str]) -> str:
    """One of the ordinary openers, the same for the same question on every run."""
    return openers[zlib.crc32(text.encode("utf-8")) % len(openers)]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.split()) >= 3]


def train(examples: Sequence[Example], *, epochs: int = EPOCHS) -> TriageModel:
    """Full-batch Adam on the two logistic heads (urgent, self-harm) over hashed binary features."""
    rows, cols, vals = [], [], []
    for i, example in enumerate(examples):
        index = features(example.text)
        rows.append(np.full(len(index), i))
        cols.append(index)
        vals.append(np.full(len(index), scale(len(index))))
    row, col, val = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    targets = np.array([[e.urgent, e.self_harm] for e in examples], dtype=np.float64)
    sample_weight = np.stack(
        [np.where(targets[:, 0] > 0, URGENT_WEIGHT, 1.0), np.where(targets[:, 1] > 0, SELF_HARM_WEIGHT, 1.0)], axis=1
    )
    n = len(examples)
    weights = np.zeros((DIMENSIONS, 2))
    bias = np.zeros(2)
    moments = [np.zeros_like(weights), np.zeros_like(weights), np.zeros(2), np.zeros(2)]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, epochs + 1):
        z = np.stack([np.bincount(row, weights=val * weights[col, k], minlength=n) for k in range(2)], axis=1)
        z += bias
        residual = (1.0 / (1.0 + np.exp(-z)) - targets) * sample_weight / n
        grad_w = np.stack(
            [np.bincount(col, weights=val * residual[row, k], minlength=DIMENSIONS) for k in range(2)], axis=1
        ) + L2 * weights
        grad_b = residual.sum(axis=0)
        for (m, v), g, param in (((moments[0], moments[1]), grad_w, weights), ((moments[2], moments[3]), grad_b, bias)):
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * g * g
            param -= LEARNING_RATE * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + eps)
    return TriageModel(weights.astype(np.float32), bias.astype(np.float32))


def report(model: TriageModel, examples: Iterable[Example], threshold: float = 0.5) -> str:
    """Recall on urgent messages and false alarms on the others, by category, at one threshold."""
    caught: dict[str, Counter] = defaultdict(Counter)
    for example in examples:
        scores = model.scores(example.text)
        flagged = scores.urgent >= threshold or scores.self_harm >= threshold
        caught[(example.urgent, example.category)][flagged] += 1
    lines = [f"threshold {threshold:.2f}"]
    for (urgent, category), counts in sorted(caught.items(), key=lambda kv: (not kv[0][0], kv[0][1])):
        total = counts[True] + counts[False]
        what = "caught" if urgent else "false alarms"
        lines.append(f"  {'urgent' if urgent else 'not urgent'} {category or '-'}: {what} {counts[True]}/{total}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.staff.train_triage", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="where to write the weights")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    args = parser.parse_args(argv)
    examples = read_examples()
    by_split: dict[str, list[Example]] = defaultdict(list)
    for example in examples:
        by_split[example.split].append(example)
    counts = Counter((e.split, e.urgent) for e in examples)
    print(f"{len(examples)} messages: " + ", ".join(f"{s} {counts[s, True]} urgent + {counts[s, False]} not"
                                                   for s in ("train", "tune", "validation")))
    model = train(by_split["train"], epochs=args.epochs)
    model.save(args.out)
    print(f"wrote {args.out}")
    print("validation (never trained on):")
    print(report(model, by_split["validation"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
