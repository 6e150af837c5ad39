"""The claims model's recipe: TF-IDF word 1-3-grams + char_wb 1-4-grams, side by side, then
logistic regression with balanced class weights (C picked by 5-fold CV on the training file).

scikit-learn is imported inside the functions: only training and the benchmarks that fit need it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsift.bench.metrics import prf

SEED = 7
C_GRID = (1.0, 3.0, 10.0)
DEFAULT_C = 3.0


def make_vectorizers():
    from sklearn.feature_extraction.text import TfidfVectorizer

    word = TfidfVectorizer(ngram_range=(1, 3), sublinear_tf=True, min_df=2, dtype=np.float64)
    char = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True, min_df=2, dtype=np.float64
    )
    return [word, char]


def fit(texts: Sequence[str], labels: np.ndarray, c: float = DEFAULT_C):
    """(vectorizers, classifier) fitted on `texts`."""
    from sklearn.linear_model import LogisticRegression

    from newsift.inference.export import hstack_transform

    vectorizers = make_vectorizers()
    x = hstack_transform(vectorizers, texts, fit=True)
    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=SEED)
    clf.fit(x, labels)
    return vectorizers, clf


def choose_c(texts: list[str], labels: np.ndarray) -> tuple[float, dict[str, float]]:
    """C with the best CFS F1 in 5-fold stratified CV on the training data only."""
    from sklearn.model_selection import StratifiedKFold

    from newsift.inference.export import hstack_transform

    folds = list(StratifiedKFold(5, shuffle=True, random_state=SEED).split(texts, labels))
    scores: dict[str, float] = {}
    for c in C_GRID:
        f1s = []
        for tr, va in folds:
            vecs, clf = fit([texts[i] for i in tr], labels[tr], c)
            pred = clf.predict(hstack_transform(vecs, [texts[i] for i in va]))
            f1s.append(prf(labels[va], pred, 1)["f1"])
        scores[str(c)] = float(np.mean(f1s))
    return max(C_GRID, key=lambda c: scores[str(c)]), scores
