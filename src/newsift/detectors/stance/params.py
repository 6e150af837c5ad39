"""Every training choice of the stance model, and the seed behind its folds and fits."""

from __future__ import annotations

from dataclasses import dataclass

SEED = 0


@dataclass(frozen=True)
class Params:
    """Every training choice, fixed after model selection on the hold-out of training bodies."""

    vocab_size: int = 20000  # TF-IDF terms (cosines, overlap weights)
    n_tf: int = 5000  # most frequent terms in the MLP's TF vectors (UCL: 5000)
    min_df: int = 2
    mlp_hidden: int = 100  # UCL: one hidden layer of 100
    mlp_alpha: float = 1e-4
    mlp_epochs: int = 12
    mlp_batch: int = 500
    mlp_lr: float = 1e-3
    folds: int = 5  # out-of-fold MLP probabilities for the stacked trees
    tree_iter: int = 200
    tree_lr: float = 0.05
    tree_leaves: int = 15
    tree_min_leaf: int = 40
    tree_l2: float = 1.0
    decision: str = "argmax"  # or "fnc_expected"


PARAMS = Params()
