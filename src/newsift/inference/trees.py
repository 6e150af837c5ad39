"""Gradient-boosted decision trees as flat node arrays, evaluated in numpy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsift.errors import ModelError
from newsift.inference.activations import softmax

# Array name -> the dtype it is stored in (node indices fit int32; feature ids and classes int16).
_STORED = {
    "feature": np.int16,
    "threshold": np.float64,
    "missing_left": bool,
    "left": np.int32,
    "right": np.int32,
    "is_leaf": bool,
    "value": np.float32,
    "roots": np.int32,
    "tree_class": np.int16,
    "baseline": np.float64,
}


@dataclass(frozen=True)
class TreeEnsemble:
    """A forest of binary trees whose leaves add to per-class raw scores (as scikit-learn's
    HistGradientBoostingClassifier), then a softmax.

    Node i: go to `left[i]` when x[feature[i]] <= threshold[i] (or when the value is missing and
    `missing_left[i]`), else `right[i]`; a leaf adds `value[i]` to the raw score of class
    `tree_class[t]` of its tree t. Child indices are global.
    """

    feature: np.ndarray
    threshold: np.ndarray
    missing_left: np.ndarray
    left: np.ndarray
    right: np.ndarray
    is_leaf: np.ndarray
    value: np.ndarray
    roots: np.ndarray  # the root node of each tree
    tree_class: np.ndarray  # the class each tree adds to
    baseline: np.ndarray  # (n_classes,) raw score before any tree

    def decision_function(self, x: np.ndarray, chunk: int = 64) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        raw = np.tile(self.baseline, (x.shape[0], 1))
        rows = np.arange(x.shape[0])
        for start in range(0, len(self.roots), chunk):
            roots = self.roots[start : start + chunk]
            node = np.repeat(roots[None, :], x.shape[0], axis=0)
            while True:
                leaf = self.is_leaf[node]
                if leaf.all():
                    break
                values = x[rows[:, None], self.feature[node]]
                go_left = np.where(
                    np.isnan(values), self.missing_left[node], values <= self.threshold[node]
                )
                step = np.where(go_left, self.left[node], self.right[node])
                node = np.where(leaf, node, step)
            leaf_values = self.value[node]
            classes = self.tree_class[start : start + chunk]
            for c in range(raw.shape[1]):
                raw[:, c] += leaf_values[:, classes == c].sum(axis=1)
        return raw

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return softmax(self.decision_function(x))

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {prefix + name: getattr(self, name).astype(dtype) for name, dtype in _STORED.items()}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> TreeEnsemble:
        """From `to_arrays` output with the prefix removed."""
        try:
            loaded = {name: arrays[name] for name in _STORED}
        except KeyError as exc:
            raise ModelError(f"tree ensemble lacks the array {exc}") from None
        loaded["roots"] = loaded["roots"].astype(np.int64)
        loaded["tree_class"] = loaded["tree_class"].astype(np.int64)
        return cls(**loaded)


def from_histgradientboosting(clf) -> TreeEnsemble:
    """A fitted scikit-learn HistGradientBoostingClassifier as a TreeEnsemble (training only).

    scikit-learn has no public API for the fitted trees: this reads `_predictors` and
    `_baseline_prediction`, present from 1.3 to the newest version the `train` extra allows
    (pyproject pins the range); a version without them fails here, not at analyse time.
    """
    try:
        predictors = clf._predictors
        baseline = clf._baseline_prediction
    except AttributeError as exc:
        raise ModelError(
            "this scikit-learn no longer exposes the fitted trees; install the version range "
            "of the `train` extra"
        ) from exc
    parts: list[np.ndarray] = []
    roots: list[int] = []
    classes: list[int] = []
    offset = 0
    for iteration in predictors:  # one tree per class per boosting iteration
        for k, predictor in enumerate(iteration):
            nodes = predictor.nodes
            if nodes["is_categorical"].any():
                raise ModelError("categorical splits are not exported")
            parts.append(nodes)
            roots.append(offset)
            classes.append(k if len(iteration) > 1 else 1)
            offset += len(nodes)
    nodes = np.concatenate(parts)
    starts = np.repeat(np.array(roots), [len(p) for p in parts])
    return TreeEnsemble(
        feature=nodes["feature_idx"].astype(np.int32),
        threshold=nodes["num_threshold"].astype(np.float64),
        missing_left=nodes["missing_go_to_left"].astype(bool),
        left=(nodes["left"].astype(np.int64) + starts).astype(np.int32),
        right=(nodes["right"].astype(np.int64) + starts).astype(np.int32),
        is_leaf=nodes["is_leaf"].astype(bool),
        value=nodes["value"].astype(np.float64),
        roots=np.array(roots, dtype=np.int64),
        tree_class=np.array(classes, dtype=np.int64),
        baseline=np.asarray(baseline, dtype=np.float64).ravel(),
    )
