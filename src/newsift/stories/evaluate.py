"""Metrics of the stories benchmark: Pearson, same-story precision/recall, BCubed."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson's r; NaN when either side is constant or there are fewer than two pairs."""
    n = len(xs)
    if n < 2 or n != len(ys):
        return math.nan
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else math.nan


@dataclass(frozen=True)
class PrecisionRecall:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def same_story_pr(predicted: Sequence[bool], gold: Sequence[bool]) -> PrecisionRecall:
    """Precision and recall of the pairs predicted to be about the same story."""
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    n_pred, n_gold = sum(predicted), sum(gold)
    return PrecisionRecall(tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0)


def best_threshold(scores: Sequence[float], gold: Sequence[bool]) -> float:
    """The score threshold (predict same story when score >= it) with the best F1."""
    best, best_f1 = 0.0, -1.0
    for t in sorted(set(round(s, 3) for s in scores)):
        f1 = same_story_pr([s >= t for s in scores], gold).f1
        if f1 > best_f1:
            best, best_f1 = t, f1
    return best


def bcubed(
    predicted: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]
) -> PrecisionRecall:
    """BCubed precision and recall (Bagga & Baldwin 1998; Amigó et al. 2009) of a clustering.

    For each item: precision is the share of its predicted cluster that shares its gold cluster,
    recall the share of its gold cluster that shares its predicted cluster; both averaged over
    the items of `gold` (every item must be in both mappings)."""
    items = list(gold)
    if not items:
        return PrecisionRecall(0.0, 0.0)
    pred_sizes = Counter(predicted[i] for i in items)
    gold_sizes = Counter(gold[i] for i in items)
    both = Counter((predicted[i], gold[i]) for i in items)
    precision = sum(both[predicted[i], gold[i]] / pred_sizes[predicted[i]] for i in items)
    recall = sum(both[predicted[i], gold[i]] / gold_sizes[gold[i]] for i in items)
    return PrecisionRecall(precision / len(items), recall / len(items))
