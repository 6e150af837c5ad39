"""Metrics with the tasks' own definitions, in numpy (no scikit-learn needed to score)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def prf(y_true: Sequence, y_pred: Sequence, positive) -> dict[str, float]:
    """Precision, recall and F1 of class `positive` (0 when undefined, as scikit-learn)."""
    t = np.asarray(y_true) == positive
    p = np.asarray(y_pred) == positive
    tp = float(np.sum(t & p))
    precision = tp / float(p.sum()) if p.any() else 0.0
    recall = tp / float(t.sum()) if t.any() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def accuracy(y_true: Sequence, y_pred: Sequence) -> float:
    return float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))


def macro_f1(y_true: Sequence, y_pred: Sequence, labels: Sequence | None = None) -> float:
    """Unweighted mean of per-class F1 over `labels` (default: the classes in y_true)."""
    labels = list(labels) if labels is not None else sorted(set(np.asarray(y_true).tolist()))
    return float(np.mean([prf(y_true, y_pred, c)["f1"] for c in labels]))


def _ranked_relevance(scores: Sequence[float], relevant: Sequence[int]) -> np.ndarray:
    """Relevance labels sorted by descending score (stable: ties keep input order)."""
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    return np.asarray(relevant)[order] > 0


def average_precision(scores: Sequence[float], relevant: Sequence[int]) -> float:
    """AP of one ranking: mean of precision@k over the ranks k of the relevant items
    (the CLEF CheckThat! definition; 0 when nothing is relevant)."""
    rel = _ranked_relevance(scores, relevant)
    if not rel.any():
        return 0.0
    hits = np.cumsum(rel)
    ranks = np.nonzero(rel)[0] + 1
    return float(np.mean(hits[rel] / ranks))


def precision_at_k(scores: Sequence[float], relevant: Sequence[int], k: int) -> float:
    """Relevant items among the top k, divided by k (CLEF counts a short list against k)."""
    rel = _ranked_relevance(scores, relevant)
    return float(rel[:k].sum()) / k


def mean_over_groups(metric, groups: dict[str, tuple[Sequence[float], Sequence[int]]], **kw):
    """Mean of `metric(scores, relevant, **kw)` over groups (e.g. MAP over debates)."""
    return float(np.mean([metric(s, r, **kw) for s, r in groups.values()]))


def roc_auc(scores: Sequence[float], positive: Sequence[int]) -> float:
    """ROC-AUC of `scores` for the class marked 1 in `positive` (ties count half); nan when
    one class is missing."""
    s = np.asarray(scores, dtype=float)
    y = np.asarray(positive, dtype=int)
    n_pos, n_neg = int(y.sum()), int(len(y) - y.sum())
    if not n_pos or not n_neg:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s), dtype=float)
    sorted_s = s[order]
    i = 0
    while i < len(s):  # average ranks over ties
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return float((ranks[y == 1].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def expected_calibration_error(
    probabilities: Sequence[float], outcomes: Sequence[int], bins: int = 10
) -> float:
    """ECE: |mean predicted - observed rate| per equal-width bin, weighted by the bin's share."""
    p = np.asarray(probabilities, dtype=float)
    y = np.asarray(outcomes, dtype=float)
    if not len(p):
        return float("nan")
    index = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        mask = index == b
        if mask.any():
            total += mask.sum() * abs(p[mask].mean() - y[mask].mean())
    return float(total / len(p))
