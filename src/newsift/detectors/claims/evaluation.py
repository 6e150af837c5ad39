"""What the claims benchmarks share: the shipped model as the detector loads it, and the
2-class (CFS vs the rest) figures."""

from __future__ import annotations

import numpy as np

from newsift.bench.metrics import accuracy, macro_f1, prf


def two_class_metrics(y_true: np.ndarray, proba: np.ndarray) -> dict[str, float]:
    pred = (proba >= 0.5).astype(np.int64)
    cfs = prf(y_true, pred, 1)
    return {
        "cfs_f1": cfs["f1"],
        "cfs_precision": cfs["precision"],
        "cfs_recall": cfs["recall"],
        "macro_f1": macro_f1(y_true, pred, [0, 1]),
        "accuracy": accuracy(y_true, pred),
    }


def shipped_model():
    from newsift.detectors.claims.detector import ClaimsDetector

    return ClaimsDetector().model
