"""The official FNC-1 score (as FakeNewsChallenge/fnc-1 `scorer.py`), macro-F1, confusion matrix.

Per pair: +0.25 when related/unrelated is right; for a related gold pair, +0.75 more when the
predicted agree/disagree/discuss label is exactly right. The leaderboard reports the raw score as a
percentage of the best possible (every pair right).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
RELATED: frozenset[str] = frozenset(("agree", "disagree", "discuss"))


@dataclass(frozen=True)
class FncScore:
    raw: float  # the competition's raw score
    best: float  # the raw score of a perfect prediction
    percent: float  # 100 * raw / best, the leaderboard figure
    macro_f1: float  # unweighted mean of the four per-class F1
    accuracy: float
    confusion: list[list[int]]  # rows gold, columns predicted, in LABELS order
    per_class_f1: dict[str, float]


def pair_score(gold: str, predicted: str) -> float:
    """Points one prediction earns under the official weighting."""
    score = 0.0
    if gold == predicted:
        score += 0.25
        if gold != "unrelated":
            score += 0.50
    if gold in RELATED and predicted in RELATED:
        score += 0.25
    return score


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> FncScore:
    """Score predictions against gold labels exactly as the official scorer does."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    if not gold:
        raise ValueError("nothing to score")
    index = {label: i for i, label in enumerate(LABELS)}
    confusion = [[0] * len(LABELS) for _ in LABELS]
    raw = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        if g not in index or p not in index:
            raise ValueError(f"unknown stance label {g if g not in index else p!r}")
        raw += pair_score(g, p)
        best += pair_score(g, g)
        confusion[index[g]][index[p]] += 1
    per_class: dict[str, float] = {}
    for i, label in enumerate(LABELS):
        tp = confusion[i][i]
        gold_n = sum(confusion[i])
        pred_n = sum(row[i] for row in confusion)
        per_class[label] = 2 * tp / (gold_n + pred_n) if gold_n + pred_n else 0.0
    correct = sum(confusion[i][i] for i in range(len(LABELS)))
    return FncScore(
        raw=raw,
        best=best,
        percent=100.0 * raw / best,
        macro_f1=sum(per_class.values()) / len(LABELS),
        accuracy=correct / len(gold),
        confusion=confusion,
        per_class_f1=per_class,
    )
