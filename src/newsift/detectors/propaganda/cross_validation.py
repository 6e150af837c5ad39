"""5-fold cross-validation of the propaganda model, split by article.

Each article is scored by a model that never saw it; the shipped and the F1-optimal operating
points are chosen on those out-of-fold predictions, and both rules are also measured
cross-fitted (each fold at the point chosen on the other folds).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsift.detectors.propaganda.fitting import SEED, assign_folds, fit_model
from newsift.detectors.propaganda.metrics import si_score, tc_micro_f1, tc_per_technique_f1
from newsift.detectors.propaganda.operating_point import (
    MIN_PRECISION,
    OperatingPoint,
    choose_operating_point,
    span_tables,
    spans_at,
)
from newsift.detectors.propaganda.prepared import Prepared
from newsift.detectors.propaganda.techniques import TECHNIQUES

N_FOLDS = 5


@dataclass
class CVResult:
    metrics: dict[str, float]
    per_technique: dict[str, float]
    shipped: OperatingPoint  # chosen on all out-of-fold predictions, precision >= MIN_PRECISION
    f1opt: OperatingPoint  # chosen on all out-of-fold predictions, best SI F1
    crossfit: dict[str, float]  # both rules with each fold's point chosen on the other folds
    token_probs: list[np.ndarray]  # out-of-fold, per article
    sentence_probs: list[np.ndarray]


def _si(items: list[Prepared], spans: dict[int, list[tuple[int, int]]]):
    pred = {items[i].article.id: v for i, v in spans.items()}
    return si_score(pred, {items[i].article.id: items[i].article.spans for i in spans})


def cross_validate(items: list[Prepared], k: int = N_FOLDS, log: bool = False) -> CVResult:
    fold = assign_folds(len(items), k, SEED)
    probs: list[np.ndarray] = [np.zeros(0)] * len(items)
    sent_probs: list[np.ndarray] = [np.zeros(0)] * len(items)
    tc_pred: list[list[str]] = []
    tc_gold: list[list[str]] = []
    for f in range(k):
        train = [p for p, g in zip(items, fold, strict=False) if g != f]
        model = fit_model(train, log=log)
        for i in np.flatnonzero(fold == f):
            p = items[i]
            sl = model.sentence_logits(p.tok)
            sent_probs[i] = 1 / (1 + np.exp(-sl))
            probs[i] = model.token_probs(p.tok, sl)
            tp = model.technique_probs(p.tok, p.tc_spans)
            for row, labs in zip(tp, p.tc_labels, strict=False):
                top = np.argsort(-row)[: len(labs)]
                tc_pred.append([TECHNIQUES[j] for j in top])
                tc_gold.append(labs)
        if log:
            print(f"  fold {f + 1}/{k} done")
    # Operating points on all out-of-fold predictions (each article scored by a model that did
    # not see it); the fragment filter is applied first, as in the detector.
    tables = span_tables(items, probs, sent_probs)
    everything = np.ones(len(items), bool)
    shipped = choose_operating_point(tables, items, everything, MIN_PRECISION)
    f1opt = choose_operating_point(tables, items, everything)
    si = _si(items, spans_at(tables, shipped, everything))
    si_f1opt = _si(items, spans_at(tables, f1opt, everything))
    # The same rules cross-fitted: fold f decoded at the point chosen on the other folds.
    crossfit: dict[str, float] = {}
    for name, min_precision in (("shipped", MIN_PRECISION), ("f1opt", None)):
        spans: dict[int, list[tuple[int, int]]] = {}
        for f in range(k):
            point = choose_operating_point(tables, items, fold != f, min_precision)
            spans.update(spans_at(tables, point, fold == f))
        cf = _si(items, spans)
        crossfit.update(
            {
                f"{name}_si_precision": cf.precision,
                f"{name}_si_recall": cf.recall,
                f"{name}_si_f1": cf.f1,
            }
        )
    sy = np.concatenate([p.sent_y for p in items])
    sp = np.concatenate(sent_probs)
    sent_hat = sp >= 0.5
    tp_ = float(np.sum(sent_hat & (sy == 1)))
    sent_p = tp_ / max(sent_hat.sum(), 1)
    sent_r = tp_ / max(sy.sum(), 1)
    metrics = {
        "si_precision": si.precision,
        "si_recall": si.recall,
        "si_f1": si.f1,
        "shipped_threshold": shipped.threshold,
        "f1opt_si_precision": si_f1opt.precision,
        "f1opt_si_recall": si_f1opt.recall,
        "f1opt_si_f1": si_f1opt.f1,
        "f1opt_threshold": f1opt.threshold,
        "tc_micro_f1": tc_micro_f1(tc_pred, tc_gold),
        "sentence_f1": float(2 * sent_p * sent_r / max(sent_p + sent_r, 1e-9)),
        "sentence_accuracy": float(np.mean(sent_hat == (sy == 1))),
    }
    per_technique = tc_per_technique_f1(tc_pred, tc_gold, TECHNIQUES)
    metrics["tc_majority_baseline"] = float(
        np.mean([lab == "Loaded_Language" for labs in tc_gold for lab in labs])
    )
    return CVResult(metrics, per_technique, shipped, f1opt, crossfit, probs, sent_probs)
