"""Rebuild the triage's statistical second opinion: `python -m bot.staff.train_triage`.

Reads every `*.jsonl` in eval/triage-train/ (rows: text, label urgent|not-urgent, category, self_harm,
voice), adds the FAQ's own questions and alternates and the ordinary questions of eval/tune*.jsonl as
not urgent (so ordinary questions do not alarm), splits the messages by a stable hash of their text
(70 % train, 10 % tune, 20 % validation), trains a logistic regression with numpy on the train part,
and writes the weights to triage_model.npz in the language's folder (bot/core/language/en/). It prints
the whole triage's figures (rules and model) on the validation part, which it never trained on, by
category. Same data, same model: training is deterministic.

    python -m bot.staff.train_triage                 # rebuild the weights, then measure
    python -m bot.staff.train_triage --measure       # measure the shipped weights only
    python -m bot.staff.train_triage --cross-writer  # train without each writer, measure on that writer
"""

from __future__ import annotations

import argparse
import json
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot import DEFAULT_FAQ_DIR, PROJECT_ROOT
from bot.core.knowledge import load_faq
from bot.core.pipeline import Responder
from bot.core.triage import Triage
from bot.core.triage_lookalike import DIMENSIONS as LOOKALIKE_DIMENSIONS
from bot.core.triage_lookalike import LOOKALIKE_PATH, LookalikeModel
from bot.core.triage_lookalike import indices as lookalike_indices
from bot.core.triage_lookalike import scale as lookalike_scale
from bot.core.triage_model import DIMENSIONS, MODEL_PATH, TriageModel, features, scale
from bot.staff.evaluation import NOT_URGENT, URGENT, Case, Report, evaluate

TRAIN_DIR = PROJECT_ROOT / "eval" / "triage-train"
# Files the look-alike head also learns from (writer F's, not yet given to the main model: adding it there cost
# urgent messages of the other writers held out, triage5)
LOOKALIKE_ONLY_DIR = TRAIN_DIR / "pending"
OPENERS = TRAIN_DIR / "ordinary-openers.txt"
OPENERS_PER_QUESTION = 2
ORDINARY = (PROJECT_ROOT / "eval" / "tune.jsonl", PROJECT_ROOT / "eval" / "tune_extra.jsonl")
EPOCHS = 300
LEARNING_RATE = 0.05
L2 = 1e-6
# A missed urgent message costs more than a false alarm; self-harm messages are rarer still.
URGENT_WEIGHT = 2.0  # with MODEL_REPORT 0.42, chosen on writers held out (--cross-writer)
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
    examples = read_examples_of(folder)
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


def read_examples_of(folder: Path) -> list[Example]:
    """The labelled messages of every `*.jsonl` in the folder (not its subfolders)."""
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
    return examples


def _opener(text: str, openers: Sequence[str]) -> str:
    """One of the ordinary openers, the same for the same question on every run."""
    return openers[zlib.crc32(text.encode("utf-8")) % len(openers)]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s.split()) >= 3]


def train(examples: Sequence[Example], *, epochs: int = EPOCHS) -> TriageModel:
    """Full-batch Adam on the two logistic heads (urgent, self-harm) over hashed binary features."""
    index = [features(e.text) for e in examples]
    targets = np.array([[e.urgent, e.self_harm] for e in examples], dtype=np.float64)
    weights, bias = _fit_logistic(index, [scale(len(i)) for i in index], targets,
                                  np.array([URGENT_WEIGHT, SELF_HARM_WEIGHT]), DIMENSIONS, epochs)
    return TriageModel(weights.astype(np.float32), bias.astype(np.float32))


def train_lookalike(examples: Sequence[Example], *, epochs: int = EPOCHS) -> LookalikeModel:
    """Full-batch Adam on one logistic head: an urgent message (a current report) against every message that is
    not urgent (the look-alikes and the FAQ's questions), over words read in their frame."""
    index = [lookalike_indices(e.text) for e in examples]
    targets = np.array([[e.urgent] for e in examples], dtype=np.float64)
    weights, bias = _fit_logistic(index, [lookalike_scale(len(i)) for i in index], targets,
                                  np.array([URGENT_WEIGHT]), LOOKALIKE_DIMENSIONS, epochs)
    return LookalikeModel(weights[:, 0].astype(np.float32), float(bias[0]))


def _fit_logistic(
    index: Sequence[np.ndarray], scales: Sequence[float], targets: np.ndarray, positive_weight: np.ndarray,
    dimensions: int, epochs: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Full-batch Adam on one logistic head per column of `targets` (0/1), each example the hashed feature
    indices `index[i]` valued `scales[i]`; a positive example of head k weighs `positive_weight[k]`."""
    row = np.concatenate([np.full(len(ix), i) for i, ix in enumerate(index)])
    col = np.concatenate(list(index))
    val = np.concatenate([np.full(len(ix), sc) for ix, sc in zip(index, scales, strict=True)])
    heads = targets.shape[1]
    sample_weight = np.where(targets > 0, positive_weight, 1.0)
    n = len(index)
    weights = np.zeros((dimensions, heads))
    bias = np.zeros(heads)
    moments = [np.zeros_like(weights), np.zeros_like(weights), np.zeros(heads), np.zeros(heads)]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, epochs + 1):
        z: Any = np.stack([np.bincount(row, weights=val * weights[col, k], minlength=n) for k in range(heads)], axis=1)
        z += bias
        residual = (1.0 / (1.0 + np.exp(-z)) - targets) * sample_weight / n
        grad_w = np.stack(
            [np.bincount(col, weights=val * residual[row, k], minlength=dimensions) for k in range(heads)], axis=1
        ) + L2 * weights
        grad_b = residual.sum(axis=0)
        for (m, v), g, param in (((moments[0], moments[1]), grad_w, weights), ((moments[2], moments[3]), grad_b, bias)):
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * g * g
            param -= LEARNING_RATE * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + eps)
    return weights, bias


def _writers(example: Example) -> bool:
    """A line of a writer's file or of our own (not an FAQ phrasing): what the look-alike head learns from. (Trained
    on the FAQ's phrasings too, its veto at 0.2 cost 2 urgent messages of writers held out; on these alone, none.)"""
    return example.source.startswith("triage-train-")


def read_lookalike_examples(examples: Sequence[Example], folder: Path = LOOKALIKE_ONLY_DIR) -> list[Example]:
    """The main model's examples and the files only the look-alike head learns from."""
    seen = {" ".join(e.text.casefold().split()) for e in examples}
    extra = [e for e in read_examples_of(folder) if " ".join(e.text.casefold().split()) not in seen]
    return [*examples, *extra]


def measure(
    examples: Sequence[Example], model: TriageModel, faq_dir: Path = DEFAULT_FAQ_DIR,
    lookalike: LookalikeModel | None = None,
) -> Report:
    """The whole triage (rules, readings and this model) on these messages, through the same pipeline
    patients get, as `python -m bot eval` reports it: urgent recall by category, self-harm recall,
    false alarms by category."""
    faq = load_faq(faq_dir)
    responder = Responder(faq)
    responder.triage = Triage(faq, model=model, lookalike=lookalike)
    cases = [
        Case(e.text, URGENT if e.urgent else NOT_URGENT, e.source, n, e.category, e.self_harm)
        for n, e in enumerate(examples, start=1)
    ]
    return evaluate(responder, cases)


def cross_writer(
    examples: Sequence[Example], writer: str, *, epochs: int = EPOCHS, lookalike_only: frozenset[str] = frozenset()
) -> Report:
    """Train without one writer's file (and without the sentences of it), measure on that file: how the
    triage fares on wording it never saw, which is what a blind set asks of it."""
    unseen = [e for e in examples if e.source == writer]
    model = train([e for e in examples if e.source != writer and e.source not in lookalike_only], epochs=epochs)
    lookalike = train_lookalike([e for e in examples if e.source != writer and _writers(e)], epochs=epochs)
    return measure(unseen, model, lookalike=lookalike)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.staff.train_triage", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="where to write the weights")
    parser.add_argument("--lookalike-out", type=Path, default=LOOKALIKE_PATH,
                        help="where to write the look-alike head's weights")
    parser.add_argument("--lookalike-only", action="store_true",
                        help="rebuild only the look-alike head; the main model's weights stay as they are")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--measure", action="store_true",
                        help="do not train: the shipped model and the whole triage on the validation split")
    parser.add_argument("--cross-writer", action="store_true",
                        help="do not write weights: for each writer's file, train without it and measure on it")
    args = parser.parse_args(argv)
    examples = read_examples()
    lookalike_examples = read_lookalike_examples(examples)
    by_split: dict[str, list[Example]] = defaultdict(list)
    for example in examples:
        by_split[example.split].append(example)
    counts = Counter((e.split, e.urgent) for e in examples)
    print(f"{len(examples)} messages: " + ", ".join(f"{s} {counts[s, True]} urgent + {counts[s, False]} not"
                                                   for s in ("train", "tune", "validation")))
    if args.cross_writer:
        reports = []
        lookalike_only = frozenset(e.source for e in lookalike_examples) - {e.source for e in examples}
        for writer in sorted({e.source for e in lookalike_examples if e.source.startswith("triage-train-")}):
            if writer.endswith("-own.jsonl"):
                continue
            print(f"\n== trained without {writer}, measured on it")
            reports.append(cross_writer(lookalike_examples, writer, epochs=args.epochs, lookalike_only=lookalike_only))
            print(_triage_lines(reports[-1]))
        print(f"\n== all writers, each measured by the model trained without it\n{_total_line(reports)}")
        return 0
    if args.measure or args.lookalike_only:
        model = TriageModel.load(args.out)
        # (a head to be rebuilt is not read first: its file may not exist yet)
        lookalike = LookalikeModel.load(args.lookalike_out) if args.measure else None
    else:
        model = train(by_split["train"], epochs=args.epochs)
        model.save(args.out)
        print(f"wrote {args.out}")
    if not args.measure:
        lookalike = train_lookalike(
            [e for e in lookalike_examples if e.split == "train" and _writers(e)], epochs=args.epochs
        )
        lookalike.save(args.lookalike_out)
        print(f"wrote {args.lookalike_out}")
    print("\nthe whole triage on the validation split (never trained on, never tuned on):")
    print(_triage_lines(measure(by_split["validation"], model, lookalike=lookalike)))
    return 0


def _total_line(reports: Sequence[Report]) -> str:
    """Recall, crisis replies and false alarms summed over the writers' reports."""
    caught, urgent = sum(r.urgent_caught for r in reports), sum(r.urgent for r in reports)
    crisis, self_harm = sum(r.self_harm_caught for r in reports), sum(r.self_harm for r in reports)
    alarms, calm = sum(r.false_alarms for r in reports), sum(r.not_urgent for r in reports)
    return (f"urgent recall {caught}/{urgent} ({caught / max(urgent, 1):.3f}), crisis reply {crisis}/{self_harm}, "
            f"false alarms {alarms}/{calm} ({100 * alarms / max(calm, 1):.1f} %)")


def _triage_lines(report: Report) -> str:
    """The triage's lines of an evaluation report (not the matcher's, which these sets do not label)."""
    lines = report.render().splitlines()
    if any(line.startswith("misses") for line in lines):
        lines = lines[: next(i for i, line in enumerate(lines) if line.startswith("misses"))]
    keep = ("urgent recall", "self-harm recall", "false alarms", "  ")
    return "\n".join(line for line in lines if line.startswith(keep))


if __name__ == "__main__":
    raise SystemExit(main())
