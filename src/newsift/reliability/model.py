"""The learned reliability combiner ("learned-v1"): a calibrated, sign-constrained logistic model.

    score = 100 * sigmoid(a * (w . x + b) + c)

x are the features of newsift.reliability.features, w their weights (each with the sign of its
feature's fixed direction, or 0), b the bias, and (a, c) a Platt calibration fitted on
out-of-fold predictions, so that a score of 70 means about 70% of such articles were reliable
in the labelled sets. The baseline is the score of the reference article x = 0 (no signal,
publisher unknown). Each feature's points are its share of the logit change times the secant
slope of the sigmoid between baseline and score, so the points add up exactly to
score - baseline; they are kept in hundredths like rules-v0.

Stored in the library's model file (kind "reliability_logistic"): names, weights and
directions as arrays; bias and Platt (a, c) in the header.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsift.errors import ModelError
from newsift.inference.activations import sigmoid_scalar as sigmoid
from newsift.inference.store import describe, load_model, save_model
from newsift.reliability.features import BY_NAME, DIRECTIONS, NAMES, Features

METHOD = "learned-v1"
KIND = "reliability_logistic"
MODEL_PATH = Path(__file__).resolve().parent / "reliability.npz"


@dataclass(frozen=True)
class ReliabilityModel:
    names: tuple[str, ...]
    weights: np.ndarray  # one per name, sign-constrained
    bias: float
    platt_a: float = 1.0
    platt_c: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict, compare=False)  # training record

    def __post_init__(self) -> None:
        if len(self.names) != len(self.weights):
            raise ValueError("one weight per feature name")
        for name, w in zip(self.names, self.weights, strict=True):
            spec = BY_NAME.get(name)
            if spec is None:
                raise ValueError(f"unknown reliability feature {name!r}")
            if w * spec.direction < -1e-12:
                raise ValueError(f"weight of {name} has the wrong sign")

    def _vector(self, values: Sequence[float]) -> np.ndarray:
        """Values in the model's feature order (the model may know a subset of NAMES)."""
        by_name = dict(zip(NAMES, values, strict=True))
        return np.array([by_name[n] for n in self.names], dtype=float)

    def logit(self, values: Sequence[float]) -> float:
        raw = float(self._vector(values) @ self.weights) + self.bias
        return self.platt_a * raw + self.platt_c

    def logit_matrix(self, x: np.ndarray) -> np.ndarray:
        """Calibrated logits of rows of `x` (columns in NAMES order)."""
        index = [NAMES.index(n) for n in self.names]
        return self.platt_a * (x[:, index] @ self.weights + self.bias) + self.platt_c

    def probability(self, values: Sequence[float]) -> float:
        return sigmoid(self.logit(values))

    @property
    def baseline(self) -> float:
        return 100.0 * sigmoid(self.platt_a * self.bias + self.platt_c)

    def points(self, features: Features) -> tuple[float, dict[str, float]]:
        """(score, points per feature name), the points summing to score - baseline."""
        x = self._vector(features.values)
        z0 = self.platt_a * self.bias + self.platt_c
        deltas = self.platt_a * self.weights * x  # logit change per feature
        z = z0 + float(deltas.sum())
        p0, p = sigmoid(z0), sigmoid(z)
        # Secant slope of the sigmoid between the reference and this article: exact sums.
        slope = (p - p0) / (z - z0) if abs(z - z0) > 1e-9 else p0 * (1.0 - p0)
        return 100.0 * p, {
            n: 100.0 * slope * float(d) for n, d in zip(self.names, deltas, strict=True)
        }

    def save(self, path: Path) -> None:
        arrays = {
            "names": np.array(self.names, dtype=np.str_),
            "weights": np.asarray(self.weights, dtype=float),
            "directions": np.array([BY_NAME[n].direction for n in self.names], dtype=int),
        }
        config = {"bias": self.bias, "platt": [self.platt_a, self.platt_c], "method": METHOD}
        save_model(path, describe(KIND, arrays, config, dict(self.meta)), compress=False)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> ReliabilityModel:
        file = load_model(path, KIND)
        try:
            platt = file.config["platt"]
            return cls(
                names=tuple(str(n) for n in file.array("names")),
                weights=np.asarray(file.array("weights"), dtype=float),
                bias=float(file.config["bias"]),
                platt_a=float(platt[0]),
                platt_c=float(platt[1]),
                meta=file.meta,
            )
        except (KeyError, ValueError, TypeError, IndexError) as exc:
            raise ModelError(f"{path}: malformed reliability model ({exc})") from None


_shipped: ReliabilityModel | None = None


def shipped() -> ReliabilityModel:
    """The bundled model, loaded once per process."""
    global _shipped
    if _shipped is None:
        _shipped = ReliabilityModel.load(MODEL_PATH)
    return _shipped


__all__ = ["DIRECTIONS", "METHOD", "MODEL_PATH", "ReliabilityModel", "shipped", "sigmoid"]
