"""The stance model as plain arrays: an MLP on term vectors stacked under gradient-boosted trees.

Training (`train.py` in this folder) fits the models with scikit-learn and exports their weights
here; inference is numpy only, so the analyser never imports scikit-learn. Stored as one `.npz`
(loaded with allow_pickle=False) holding arrays and a JSON metadata string.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsift.detectors.stance.features import SparseVec, Vocabulary
from newsift.errors import ModelError


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class TermMLP:
    """One-hidden-layer ReLU MLP on [tf(claim), tf(body), tfidf cosine] (UCL's FNC-1 model)."""

    w1: np.ndarray  # (2 * n_tf + 1, hidden)
    b1: np.ndarray
    w2: np.ndarray  # (hidden, n_classes)
    b2: np.ndarray

    @property
    def n_tf(self) -> int:
        return (self.w1.shape[0] - 1) // 2

    def project(self, tf: SparseVec, part: int) -> np.ndarray:
        """Contribution of one text's TF vector to the hidden layer (part 0 = claim, 1 = body).

        Bodies are shared by many claims, so callers cache this per text.
        """
        out = np.zeros(self.w1.shape[1], dtype=np.float32)
        if tf:
            offset = part * self.n_tf
            ids = np.fromiter((offset + i for i in tf), dtype=np.int64, count=len(tf))
            vals = np.fromiter(tf.values(), dtype=np.float32, count=len(tf))
            out = vals @ self.w1[ids].astype(np.float32)
        return out

    def predict_proba(
        self, claim_part: np.ndarray, body_part: np.ndarray, cos: np.ndarray
    ) -> np.ndarray:
        """Class probabilities from per-pair projections (rows) and TF-IDF cosines."""
        hidden = claim_part + body_part + cos[:, None] * self.w1[-1] + self.b1
        np.maximum(hidden, 0.0, out=hidden)
        return softmax(hidden @ self.w2 + self.b2)


@dataclass(frozen=True)
class TreeEnsemble:
    """Gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier) as flat arrays.

    Node i of the forest: go to `left[i]` when x[feature[i]] <= threshold[i] (or when the value is
    missing and `missing_left[i]`), else `right[i]`; a leaf adds `value[i]` to the raw score of
    class `tree_class[t]`. Child indices are global.
    """

    feature: np.ndarray  # int32
    threshold: np.ndarray  # float64
    missing_left: np.ndarray  # bool
    left: np.ndarray  # int32, global index
    right: np.ndarray  # int32, global index
    is_leaf: np.ndarray  # bool
    value: np.ndarray  # float64
    roots: np.ndarray  # int32, the root node of each tree
    tree_class: np.ndarray  # int32, the class each tree adds to
    baseline: np.ndarray  # float64, (n_classes,)

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


@dataclass(frozen=True)
class StanceModel:
    vocab: Vocabulary
    mlp: TermMLP
    trees: TreeEnsemble
    labels: tuple[str, ...]
    meta: dict[str, Any]


_ARRAYS = ("feature", "threshold", "missing_left", "left", "right", "is_leaf", "value")


def save(model: StanceModel, path: Path) -> None:
    t = model.trees
    arrays: dict[str, np.ndarray] = {
        "terms": np.array(model.vocab.terms, dtype=str),
        "idf": model.vocab.idf.astype(np.float32),
        "mlp_w1": model.mlp.w1.astype(np.float32),
        "mlp_b1": model.mlp.b1.astype(np.float32),
        "mlp_w2": model.mlp.w2.astype(np.float32),
        "mlp_b2": model.mlp.b2.astype(np.float32),
        "tree_feature": t.feature.astype(np.int16),
        "tree_threshold": t.threshold.astype(np.float64),
        "tree_missing_left": t.missing_left.astype(bool),
        "tree_left": t.left.astype(np.int32),
        "tree_right": t.right.astype(np.int32),
        "tree_is_leaf": t.is_leaf.astype(bool),
        "tree_value": t.value.astype(np.float32),
        "tree_roots": t.roots.astype(np.int32),
        "tree_class": t.tree_class.astype(np.int16),
        "tree_baseline": t.baseline.astype(np.float64),
        "meta": np.array(
            json.dumps({**model.meta, "labels": list(model.labels), "n_tf": model.vocab.n_tf})
        ),
    }
    np.savez_compressed(path, **arrays)


def load(path: Path) -> StanceModel:
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
    except (OSError, ValueError) as exc:
        raise ModelError(f"{path}: cannot read the stance model ({exc})") from exc
    try:
        meta = json.loads(str(arrays["meta"]))
        vocab = Vocabulary(tuple(arrays["terms"].tolist()), arrays["idf"], int(meta["n_tf"]))
        mlp = TermMLP(
            arrays["mlp_w1"].astype(np.float32),
            arrays["mlp_b1"],
            arrays["mlp_w2"],
            arrays["mlp_b2"],
        )
        trees = TreeEnsemble(
            **{name: arrays[f"tree_{name}"] for name in _ARRAYS},
            roots=arrays["tree_roots"].astype(np.int64),
            tree_class=arrays["tree_class"].astype(np.int64),
            baseline=arrays["tree_baseline"],
        )
    except (KeyError, ValueError) as exc:
        raise ModelError(f"{path}: malformed stance model ({exc})") from exc
    return StanceModel(vocab, mlp, trees, tuple(meta.pop("labels")), meta)
