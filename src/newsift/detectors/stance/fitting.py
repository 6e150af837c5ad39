"""Fit the stance model: vocabulary, the term-frequency MLP (plus out-of-fold copies) and the
gradient-boosted trees stacked on it, exported to the numpy `StanceModel`.

scikit-learn, scipy and threadpoolctl are imported inside the functions that use them.
"""

from __future__ import annotations

import math
import sys
import time
from collections import Counter
from datetime import date
from typing import Any

import numpy as np

from newsift.detectors.stance import features as F
from newsift.detectors.stance.inference import PairFeatures, pair_features, stacked_inputs
from newsift.detectors.stance.model import StanceModel, TermMLP
from newsift.detectors.stance.params import SEED, Params
from newsift.detectors.stance.scorer import LABELS, fnc_score
from newsift.detectors.stance.splits import Split, story_folds
from newsift.errors import DataError
from newsift.inference.mlp import from_mlpclassifier
from newsift.inference.trees import TreeEnsemble, from_histgradientboosting


def build_vocabulary(texts: list[str], params: Params) -> F.Vocabulary:
    """Terms by frequency over distinct training texts (stop words and rare terms dropped)."""
    tf: Counter[str] = Counter()
    df: Counter[str] = Counter()
    for text in texts:
        tokens = F.tokenize(text)
        tf.update(tokens)
        df.update(set(tokens))
    terms = [t for t, _ in tf.most_common() if t not in F.STOP_WORDS and df[t] >= params.min_df][
        : params.vocab_size
    ]
    n = len(texts)
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in terms], dtype=np.float32)
    return F.Vocabulary.build(terms, idf, min(params.n_tf, len(terms)))


def mlp_matrix(feats: PairFeatures, n_tf: int):
    """The MLP's sparse input [tf(claim) | tf(body) | cosine], one row per pair."""
    from scipy import sparse

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for i, (c, b) in enumerate(zip(feats.claim_index, feats.body_index, strict=True)):
        for part, tf in ((0, feats.claims[c].tf), (1, feats.bodies[b].whole.tf)):
            for j, v in tf.items():
                rows.append(i)
                cols.append(part * n_tf + j)
                vals.append(v)
    cos = feats.cosine
    n = len(feats.claim_index)
    rows.extend(range(n))
    cols.extend([2 * n_tf] * n)
    vals.extend(cos.tolist())
    return sparse.csr_matrix(
        (np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(n, 2 * n_tf + 1)
    )


def fit_mlp_classifier(x, y: np.ndarray, params: Params, seed: int = SEED):
    """scikit-learn's MLP for a fixed number of epochs (chosen on the hold-out)."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    clf = MLPClassifier(
        hidden_layer_sizes=(params.mlp_hidden,),
        alpha=params.mlp_alpha,
        batch_size=params.mlp_batch,
        learning_rate_init=params.mlp_lr,
        max_iter=params.mlp_epochs,
        random_state=seed,
        shuffle=True,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # fixed epochs are intended
        clf.fit(x, y)
    if list(clf.classes_) != list(range(len(LABELS))):
        raise DataError("training data lacks one of the four stances")
    return clf


def export_mlp(clf) -> TermMLP:
    return TermMLP(from_mlpclassifier(clf))


def fit_mlp(x, y: np.ndarray, params: Params, seed: int = SEED) -> TermMLP:
    return export_mlp(fit_mlp_classifier(x, y, params, seed))


def mlp_proba_rows(mlp: TermMLP, x) -> np.ndarray:
    """MLP probabilities from the sparse training matrix (same maths as TermMLP.predict_proba)."""
    return mlp.mlp.predict_proba(x)


def fit_trees(x: np.ndarray, y: np.ndarray, params: Params, seed: int = SEED):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=params.tree_iter,
        learning_rate=params.tree_lr,
        max_leaf_nodes=params.tree_leaves,
        min_samples_leaf=params.tree_min_leaf,
        l2_regularization=params.tree_l2,
        early_stopping=False,
        random_state=seed,
    ).fit(x, y)


def export_trees(clf) -> TreeEnsemble:
    return from_histgradientboosting(clf)


def fit(split: Split, params: Params, log=None) -> tuple[StanceModel, dict[str, Any]]:
    """Fit vocabulary, MLP (plus out-of-fold copies) and stacked trees on one split."""
    from threadpoolctl import threadpool_limits

    # One thread: on a shared machine OpenMP threads waiting on each other cost far more
    # than they save.
    with threadpool_limits(limits=1):
        return _fit(split, params, log or log_progress)


def _fit(split: Split, params: Params, log) -> tuple[StanceModel, dict[str, Any]]:
    t0 = time.perf_counter()
    texts = sorted(set(split.claims)) + sorted(set(split.bodies))
    vocab = build_vocabulary(texts, params)
    feats = pair_features(split.claims, split.bodies, vocab)
    x = mlp_matrix(feats, vocab.n_tf)
    log(f"  features: {x.shape[0]} pairs, {time.perf_counter() - t0:.0f}s")

    # Out-of-fold MLP probabilities. Folds keep whole topics apart (see `topic_groups`), as the
    # competition test does, so the trees learn how far to trust the MLP on unseen stories.
    body_fold, claim_fold = story_folds(split, params.folds)
    oof = np.zeros((len(split.labels), len(LABELS)))
    for k in range(params.folds):
        held = body_fold == k
        learn = ~held & (claim_fold != k)
        mlp_k = fit_mlp(x[learn], split.labels[learn], params, seed=SEED + k)
        oof[held] = mlp_proba_rows(mlp_k, x[held])
        log(f"  MLP fold {k + 1}/{params.folds}: {time.perf_counter() - t0:.0f}s")
    mlp = fit_mlp(x, split.labels, params)
    log(f"  MLP all: {time.perf_counter() - t0:.0f}s")
    clf = fit_trees(stacked_inputs(feats.hand, oof), split.labels, params)
    log(f"  trees: {time.perf_counter() - t0:.0f}s")
    model = StanceModel(
        vocab=vocab,
        mlp=mlp,
        trees=export_trees(clf),
        labels=LABELS,
        meta={
            "decision": params.decision,
            "params": params.__dict__,
            "task": "stance",
            "data": "fnc1: train_stances.csv + train_bodies.csv (FNC-1)",
            "trained": date.today().isoformat(),
            "n_train": len(split.labels),
        },
    )
    oof_score = fnc_score([LABELS[i] for i in split.labels], [LABELS[i] for i in oof.argmax(1)])
    return model, {"mlp_oof_fnc": oof_score.percent, "seconds": time.perf_counter() - t0}


def log_progress(message: str) -> None:
    """Progress goes to stderr: stdout carries the command's result."""
    print(message, file=sys.stderr, flush=True)
