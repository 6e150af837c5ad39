"""Fitting the learned combiner: sign-constrained, weighted, L2-regularised logistic regression,
then a Platt calibration on out-of-fold predictions. numpy + scipy (the `train` extra)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsift.reliability.features import BY_NAME
from newsift.reliability.model import ReliabilityModel

L2 = 1.0  # on the weighted mean log-loss scale, per unit weight


def balanced_weights(datasets: Sequence[str], labels: np.ndarray) -> np.ndarray:
    """Each (dataset, class) cell carries the same total weight, so no set's size or class
    balance, and no set's base rate, steers the weights; sets with one class weigh half."""
    datasets = np.asarray(datasets)
    w = np.zeros(len(labels), dtype=float)
    cells = {(d, y) for d, y in zip(datasets, labels, strict=True)}
    for d, y in cells:
        mask = (datasets == d) & (labels == y)
        w[mask] = 1.0 / mask.sum()
    return w * len(labels) / w.sum()


def _logistic(
    x: np.ndarray,
    y: np.ndarray,
    weight: np.ndarray,
    bounds: list[tuple[float | None, float | None]],
    l2: float,
) -> np.ndarray:
    from scipy.optimize import minimize

    n, k = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    total = weight.sum()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = xb @ theta
        # log(1 + e^z) - y z, stable
        nll = np.logaddexp(0.0, z) - y * z
        p = 1.0 / (1.0 + np.exp(-z))
        reg = 0.5 * l2 * float(theta[:k] @ theta[:k])
        value = float(weight @ nll) / total + reg / total
        grad = xb.T @ (weight * (p - y)) / total
        grad[:k] += l2 * theta[:k] / total
        return value, grad

    result = minimize(
        loss, np.zeros(k + 1), jac=True, method="L-BFGS-B", bounds=[*bounds, (None, None)]
    )
    return result.x


def fit_linear(
    x: np.ndarray,
    y: np.ndarray,
    weight: np.ndarray,
    names: Sequence[str],
    l2: float = L2,
) -> tuple[np.ndarray, float]:
    """Weights with each feature's fixed sign (a feature constant in `x` gets weight 0)."""
    bounds: list[tuple[float | None, float | None]] = []
    for j, name in enumerate(names):
        if np.ptp(x[:, j]) == 0:
            bounds.append((0.0, 0.0))
        elif BY_NAME[name].direction > 0:
            bounds.append((0.0, None))
        else:
            bounds.append((None, 0.0))
    theta = _logistic(x, y.astype(float), weight, bounds, l2 * len(y) / 1000.0)
    return theta[:-1], float(theta[-1])


def fit_platt(raw_logits: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(a, c) of sigmoid(a z + c) on out-of-fold logits; a >= 0 keeps the ranking."""
    theta = _logistic(
        raw_logits.reshape(-1, 1), y.astype(float), np.ones(len(y)), [(0.0, None)], 1e-6
    )
    return float(theta[0]), float(theta[1])


def fit_model(
    x: np.ndarray,
    y: np.ndarray,
    datasets: Sequence[str],
    names: Sequence[str],
    oof_logits: np.ndarray | None = None,
    oof_labels: np.ndarray | None = None,
) -> ReliabilityModel:
    """The combiner fitted on (x, y); calibrated on the out-of-fold raw logits when given."""
    w, b = fit_linear(x, y, balanced_weights(datasets, y), names)
    a, c = (1.0, 0.0)
    if oof_logits is not None and oof_labels is not None and len(set(oof_labels)) == 2:
        a, c = fit_platt(oof_logits, oof_labels)
    return ReliabilityModel(names=tuple(names), weights=w, bias=b, platt_a=a, platt_c=c)


def raw_logits(model: ReliabilityModel, x: np.ndarray) -> np.ndarray:
    """Uncalibrated logits w . x + b of rows of `x` (columns in the model's order)."""
    return x @ model.weights + model.bias
