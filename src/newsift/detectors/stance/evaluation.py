"""Score a stance model on an FNC-1 split with the official FNC-1 scorer."""

from __future__ import annotations

from typing import Any

import numpy as np

from newsift.detectors.stance.inference import (
    decide,
    mlp_probabilities,
    pair_features,
    stacked_inputs,
)
from newsift.detectors.stance.model import StanceModel
from newsift.detectors.stance.scorer import LABELS, FncScore, fnc_score
from newsift.detectors.stance.splits import Split


def predict_split(model: StanceModel, split: Split) -> tuple[np.ndarray, np.ndarray]:
    """(tree probabilities, MLP probabilities) for every pair of a split."""
    feats = pair_features(split.claims, split.bodies, model.vocab)
    mlp_p = mlp_probabilities(model, feats)
    return model.trees.predict_proba(stacked_inputs(feats.hand, mlp_p)), mlp_p


def evaluate(model: StanceModel, split: Split) -> FncScore:
    proba, _ = predict_split(model, split)
    chosen = decide(proba, model.meta.get("decision", "argmax"))
    return fnc_score([LABELS[i] for i in split.labels], [LABELS[i] for i in chosen])


def score_figures(score: FncScore) -> dict[str, Any]:
    return {
        "fnc_score": round(score.percent, 2),
        "fnc_raw": score.raw,
        "fnc_max": score.best,
        "macro_f1": round(score.macro_f1, 4),
        "accuracy": round(score.accuracy, 4),
        "per_class_f1": {k: round(v, 4) for k, v in score.per_class_f1.items()},
        "confusion": score.confusion,
    }
