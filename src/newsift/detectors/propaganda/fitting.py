"""Fit the propaganda model's three linear models on prepared articles.

The sentence classifier, the token tagger (fed the sentence classifier's out-of-fold logits)
and the technique classifier are averaged-SGD logistic regressions over hashed features; the
fitted weights become a `PropagandaModel` (numpy inference).
"""

from __future__ import annotations

import time

import numpy as np
from scipy import sparse
from sklearn.linear_model import SGDClassifier

from newsift.detectors.propaganda.features import SENT_BITS, SI_BITS, TC_BITS
from newsift.detectors.propaganda.model import PropagandaModel
from newsift.detectors.propaganda.prepared import Prepared
from newsift.detectors.propaganda.techniques import TECHNIQUES

SEED = 13  # article folds and SGD shuffling
# L2 strengths of the SGD-trained logistic regressions (averaged SGD: fast on 2 cores, and as
# accurate here as liblinear/lbfgs, which took minutes per fit on the 350k token rows).
ALPHA_SENT = 1e-4
ALPHA_TOKEN = 1e-5
ALPHA_TC = 3e-5
EPOCHS = 15
EPOCHS_TC = 30


# -- design matrices ----------------------------------------------------------------------------


def _token_matrix(items: list[Prepared], sent_logits: list[np.ndarray]) -> sparse.csr_matrix:
    """Hashed one-hot token features, then the sentence logit and the article's mean logit."""
    dim = 1 << SI_BITS
    x = np.concatenate([p.token_x for p in items])
    n, k = x.shape
    sl = np.concatenate([lg[p.tok.sentence_of] for p, lg in zip(items, sent_logits, strict=False)])
    am = np.concatenate(
        [
            np.full(len(p.tok), lg.mean() if len(lg) else 0.0)
            for p, lg in zip(items, sent_logits, strict=False)
        ]
    )
    cols = np.concatenate([x, np.full((n, 1), dim), np.full((n, 1), dim + 1)], axis=1).ravel()
    vals = np.concatenate([np.ones((n, k)), sl[:, None], am[:, None]], axis=1).ravel()
    indptr = np.arange(0, n * (k + 2) + 1, k + 2)
    m = sparse.csr_matrix((vals, cols, indptr), shape=(n, dim + 2))
    m.sum_duplicates()
    return m


def _sentence_matrix(items: list[Prepared]) -> sparse.csr_matrix:
    idx = np.concatenate([p.sent_idx for p in items])
    offsets = [p.sent_offsets for p in items]
    lengths = np.concatenate([np.diff(o) for o in offsets])
    indptr = np.r_[0, np.cumsum(lengths)]
    m = sparse.csr_matrix((np.ones(len(idx)), idx, indptr), shape=(len(lengths), 1 << SENT_BITS))
    m.sum_duplicates()
    return m


def _tc_matrix(items: list[Prepared]) -> tuple[sparse.csr_matrix, np.ndarray]:
    rows: list[np.ndarray] = []
    labels: list[int] = []
    for p in items:
        for x, labs in zip(p.tc_x, p.tc_labels, strict=False):
            for lab in labs:
                rows.append(x)
                labels.append(TECHNIQUES.index(lab))
    indptr = np.r_[0, np.cumsum([len(r) for r in rows])]
    m = sparse.csr_matrix(
        (np.ones(indptr[-1]), np.concatenate(rows), indptr), shape=(len(rows), 1 << TC_BITS)
    )
    m.sum_duplicates()
    return m, np.array(labels)


# -- fitting ------------------------------------------------------------------------------------


def _logistic(alpha: float, epochs: int = EPOCHS) -> SGDClassifier:
    return SGDClassifier(
        loss="log_loss", alpha=alpha, max_iter=epochs, tol=None, average=True, random_state=SEED
    )


def _fit_sentence(items: list[Prepared]) -> SGDClassifier:
    y = np.concatenate([p.sent_y for p in items])
    return _logistic(ALPHA_SENT).fit(_sentence_matrix(items), y)


def _sentence_logits(clf: SGDClassifier, items: list[Prepared]) -> list[np.ndarray]:
    scores = clf.decision_function(_sentence_matrix(items))
    return np.split(scores, np.cumsum([len(p.sent_y) for p in items])[:-1])


def assign_folds(n: int, k: int, seed: int) -> np.ndarray:
    order = np.random.default_rng(seed).permutation(n)
    fold = np.empty(n, dtype=np.int64)
    fold[order] = np.arange(n) % k
    return fold


def _oof_sentence_logits(items: list[Prepared], k: int = 4) -> list[np.ndarray]:
    """Sentence logits for each training article from a model that did not see it."""
    fold = assign_folds(len(items), k, SEED + 1)
    out: list[np.ndarray] = [np.zeros(0)] * len(items)
    for f in range(k):
        train = [p for p, g in zip(items, fold, strict=False) if g != f]
        held = [i for i, g in enumerate(fold) if g == f]
        clf = _fit_sentence(train)
        for i, lg in zip(held, _sentence_logits(clf, [items[i] for i in held]), strict=False):
            out[i] = lg
    return out


def fit_model(items: list[Prepared], log: bool = False) -> PropagandaModel:
    """Fit the three linear models on prepared articles (thresholds are set by the caller)."""
    t0 = time.time()
    sent_clf = _fit_sentence(items)
    oof = _oof_sentence_logits(items)
    token_clf = _logistic(ALPHA_TOKEN).fit(
        _token_matrix(items, oof), np.concatenate([p.token_y for p in items])
    )
    x_tc, y_tc = _tc_matrix(items)
    tc_clf = _logistic(ALPHA_TC, EPOCHS_TC).fit(x_tc, y_tc)
    if log:
        print(f"  fitted in {time.time() - t0:.1f}s")
    tc_weights = np.zeros(((1 << TC_BITS), len(TECHNIQUES)), dtype=np.float32)
    tc_bias = np.zeros(len(TECHNIQUES), dtype=np.float32)
    if len(tc_clf.classes_) == 2:  # binary: one weight vector, softmax([0, z]) = sigmoid(z)
        tc_weights[:, tc_clf.classes_[1]] = tc_clf.coef_[0]
        tc_bias[tc_clf.classes_[1]] = tc_clf.intercept_[0]
    else:
        tc_weights[:, tc_clf.classes_] = tc_clf.coef_.T
        tc_bias[tc_clf.classes_] = tc_clf.intercept_
    missing = np.setdiff1d(np.arange(len(TECHNIQUES)), tc_clf.classes_)
    tc_bias[missing] = -30.0
    coef = token_clf.coef_[0]
    return PropagandaModel(
        si_weights=coef[:-2].astype(np.float32),
        si_dense_weights=coef[-2:].astype(np.float32),
        si_bias=float(token_clf.intercept_[0]),
        sent_weights=sent_clf.coef_[0].astype(np.float32),
        sent_bias=float(sent_clf.intercept_[0]),
        tc_weights=tc_weights,
        tc_bias=tc_bias,
    )
