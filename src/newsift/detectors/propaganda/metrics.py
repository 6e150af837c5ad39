"""Official metrics of SemEval-2020 Task 11, implemented from the task definition.

SI (span identification), technique-agnostic, with partial credit for character overlap:
gold spans of one article that overlap are merged first (as the official scorer does); then
    P = sum_{s in S} sum_{t in T} |s & t| / |s|  /  |S|
    R = sum_{s in S} sum_{t in T} |s & t| / |t|  /  |T|
over all predicted spans S and gold spans T of every article, and F1 = 2PR / (P + R).
When there are neither predictions nor gold spans F1 is 1, as in the official scorer.

TC (technique classification of the given gold spans): micro-averaged F1 of the predicted
labels against the gold labels. Every gold span gets exactly one prediction per gold label, so
micro-F1 equals the share of correct labels; a span carrying k gold labels is matched against
the k predicted labels in the best order (the official scorer aligns them the same way).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Span = tuple[int, int]  # start inclusive, end exclusive


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float


def merge_overlapping(spans: Iterable[Span]) -> list[Span]:
    """Merge spans that share at least one character (touching spans stay apart)."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _prf(p_num: float, p_den: int, r_num: float, r_den: int) -> PRF:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    if p_den == 0 and r_den == 0:
        return PRF(0.0, 0.0, 1.0)
    f1 = 2 * p * r / (p + r) if p > 0 and r > 0 else 0.0
    return PRF(p, r, f1)


def si_score(predicted: Mapping[str, Sequence[Span]], gold: Mapping[str, Sequence[Span]]) -> PRF:
    """Official SI precision, recall and F1 over articles keyed by id.

    Predicted spans must not overlap within an article (the official scorer rejects such
    submissions); overlapping predictions are merged here rather than rejected.
    """
    p_num = r_num = 0.0
    p_den = r_den = 0
    for article in set(predicted) | set(gold):
        preds = merge_overlapping(predicted.get(article, ()))
        golds = merge_overlapping(gold.get(article, ()))
        p_den += len(preds)
        r_den += len(golds)
        for ps, pe in preds:
            for gs, ge in golds:
                inter = min(pe, ge) - max(ps, gs)
                if inter > 0:
                    p_num += inter / (pe - ps)
                    r_num += inter / (ge - gs)
    return _prf(p_num, p_den, r_num, r_den)


def tc_micro_f1(predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]]) -> float:
    """Micro-F1 of technique labels; item i holds the labels predicted/gold for gold span i."""
    if len(predicted) != len(gold):
        raise ValueError("predictions and gold must list the same spans")
    correct = total = 0
    for pred_labels, gold_labels in zip(predicted, gold, strict=False):
        if len(pred_labels) != len(gold_labels):
            raise ValueError("one predicted label per gold label is required")
        correct += sum((Counter(pred_labels) & Counter(gold_labels)).values())
        total += len(gold_labels)
    return correct / total if total else 0.0


def tc_per_technique_f1(
    predicted: Sequence[Sequence[str]], gold: Sequence[Sequence[str]], techniques: Sequence[str]
) -> dict[str, float]:
    """F1 of each technique after the same best alignment as `tc_micro_f1`."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for pred_labels, gold_labels in zip(predicted, gold, strict=False):
        tp.update(Counter(pred_labels) & Counter(gold_labels))
        n_pred.update(pred_labels)
        n_gold.update(gold_labels)
    out: dict[str, float] = {}
    for t in techniques:
        denom = n_pred[t] + n_gold[t]
        out[t] = 2 * tp[t] / denom if denom else 0.0
    return out
