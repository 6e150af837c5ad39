"""A one-hidden-layer ReLU network with a softmax output, evaluated in numpy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsift.errors import ModelError
from newsift.inference.activations import softmax

_LAYERS = ("w1", "b1", "w2", "b2")


@dataclass(frozen=True)
class MLP:
    """probabilities = softmax(relu(x @ w1 + b1) @ w2 + b2), weights in float32."""

    w1: np.ndarray  # (n_inputs, hidden)
    b1: np.ndarray
    w2: np.ndarray  # (hidden, n_classes)
    b2: np.ndarray

    def first_layer_sparse(self, ids: np.ndarray, values: np.ndarray) -> np.ndarray:
        """x @ w1 for a sparse input x (its non-zero `ids` and `values`), without b1: the
        share of the hidden layer of part of an input, so callers can cache shared parts."""
        if len(ids) == 0:
            return np.zeros(self.w1.shape[1], dtype=np.float32)
        return values.astype(np.float32) @ self.w1[ids].astype(np.float32)

    def output(self, first_layer: np.ndarray) -> np.ndarray:
        """Probabilities from rows of x @ w1 (the bias b1 not yet added)."""
        hidden = first_layer + self.b1
        np.maximum(hidden, 0.0, out=hidden)
        return softmax(hidden @ self.w2 + self.b2)

    def predict_proba(self, x) -> np.ndarray:
        """Probabilities of the rows of x (a dense array or a scipy sparse matrix)."""
        return self.output(np.asarray(x @ self.w1))

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {prefix + n: getattr(self, n).astype(np.float32) for n in _LAYERS}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> MLP:
        try:
            return cls(*(arrays[n].astype(np.float32) for n in _LAYERS))
        except KeyError as exc:
            raise ModelError(f"MLP lacks the array {exc}") from None


def from_mlpclassifier(clf) -> MLP:
    """A fitted scikit-learn MLPClassifier with one hidden ReLU layer (training only)."""
    if len(clf.coefs_) != 2 or clf.activation != "relu":
        raise ModelError("only one-hidden-layer ReLU MLPs are exported")
    return MLP(
        *(
            a.astype(np.float32)
            for a in (clf.coefs_[0], clf.intercepts_[0], clf.coefs_[1], clf.intercepts_[1])
        )
    )
