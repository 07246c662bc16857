"""The triage model's training: deterministic splits, a model that learns, weights that round-trip."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.core.triage_model import MODEL_PATH, TriageModel
from bot.staff.train_triage import Example, read_examples, train

URGENT = ["my legs went numb since the jab", "fever and shaking since my injection", "I cannot pee since this morning"]
CALM = ["who does the injection", "how long does it take to work", "is the injection safe for me"]


def test_a_trained_model_tells_the_two_apart_and_survives_saving(tmp_path: Path) -> None:
    examples = [Example(t, True, False, "x", "test") for t in URGENT] + [Example(t, False, False, "y", "test")
                                                                         for t in CALM]
    model = train(examples, epochs=60)
    path = tmp_path / "model.npz"
    model.save(path)
    loaded = TriageModel.load(path)
    for text in URGENT:
        assert loaded.scores(text).urgent > 0.5, text
    for text in CALM:
        assert loaded.scores(text).urgent < 0.5, text


def test_training_is_deterministic() -> None:
    examples = [Example(t, True, False, "x", "test") for t in URGENT] + [Example(t, False, False, "y", "test")
                                                                         for t in CALM]
    a, b = train(examples, epochs=5), train(examples, epochs=5)
    assert np.array_equal(a._weights, b._weights)


def test_the_split_is_by_the_text_and_stable() -> None:
    example = Example("my leg  is numb", True, False, "nerve", "x")
    assert example.split == Example("My leg is numb", False, False, "", "y").split
    assert {Example(f"message {i}", False, False, "", "").split for i in range(200)} == {"train", "tune",
                                                                                          "validation"}


def test_the_training_data_and_the_shipped_weights_are_in_the_repository() -> None:
    examples = read_examples()
    assert sum(e.urgent for e in examples) > 1000 and sum(e.self_harm for e in examples) > 200
    assert {e.category for e in examples} >= {"faq-question", "self-harm", "nerve", "fever"}
    assert MODEL_PATH.exists() and TriageModel.load().scores("I want to end my life").urgent > 0.5
