"""The stance model: an MLP on term vectors stacked under gradient-boosted trees.

Training (`train.py` in this folder) fits both with scikit-learn and exports them into the
library's parts (`newsift.inference`: TF-IDF, MLP, tree ensemble); inference is numpy only, so
the analyser never imports scikit-learn. One model file of kind "stance_stack".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsift.detectors.stance.features import SparseVec, Vocabulary
from newsift.errors import ModelError
from newsift.inference.mlp import MLP
from newsift.inference.store import describe, load_model, save_model
from newsift.inference.tfidf import TfidfSpec
from newsift.inference.trees import TreeEnsemble

KIND = "stance_stack"


@dataclass(frozen=True)
class TermMLP:
    """The MLP on [tf(claim), tf(body), tfidf cosine] (UCL's FNC-1 model)."""

    mlp: MLP  # inputs: 2 * n_tf term frequencies, then the cosine

    @property
    def n_tf(self) -> int:
        return (self.mlp.w1.shape[0] - 1) // 2

    def project(self, tf: SparseVec, part: int) -> np.ndarray:
        """Contribution of one text's TF vector to the hidden layer (part 0 = claim, 1 = body).

        Bodies are shared by many claims, so callers cache this per text.
        """
        offset = part * self.n_tf
        ids = np.fromiter((offset + i for i in tf), dtype=np.int64, count=len(tf))
        vals = np.fromiter(tf.values(), dtype=np.float32, count=len(tf))
        return self.mlp.first_layer_sparse(ids, vals)

    def predict_proba(
        self, claim_part: np.ndarray, body_part: np.ndarray, cos: np.ndarray
    ) -> np.ndarray:
        """Class probabilities from per-pair projections (rows) and TF-IDF cosines."""
        return self.mlp.output(claim_part + body_part + cos[:, None] * self.mlp.w1[-1])


@dataclass(frozen=True)
class StanceModel:
    vocab: Vocabulary
    mlp: TermMLP
    trees: TreeEnsemble
    labels: tuple[str, ...]
    meta: dict[str, Any]


def save(model: StanceModel, path: Path) -> None:
    arrays = {
        **model.vocab.tfidf.to_arrays("tfidf.", np.float32),
        **model.mlp.mlp.to_arrays("mlp."),
        **model.trees.to_arrays("trees."),
    }
    config = {
        "labels": list(model.labels),
        "n_tf": model.vocab.n_tf,
        "tfidf": model.vocab.tfidf.settings(),
    }
    save_model(path, describe(KIND, arrays, config, model.meta))


def load(path: Path) -> StanceModel:
    file = load_model(path, KIND)
    try:
        config = file.config
        tfidf = TfidfSpec.from_arrays(file.with_prefix("tfidf."), config["tfidf"])
        vocab = Vocabulary(tfidf, int(config["n_tf"]))
        mlp = TermMLP(MLP.from_arrays(file.with_prefix("mlp.")))
        trees = TreeEnsemble.from_arrays(file.with_prefix("trees."))
        labels = tuple(str(label) for label in config["labels"])
    except (KeyError, ValueError, TypeError, ModelError) as exc:
        raise ModelError(f"{path}: malformed stance model ({exc})") from None
    return StanceModel(vocab, mlp, trees, labels, file.meta)
