"""The reporting-style model: does an article's wording read like that of well-rated outlets?

A TF-IDF (words and word pairs) logistic regression over the labelled sets (reliable 1,
unreliable 0). Two guards keep it off one outlet's or one set's house style:
- its vocabulary is only the terms that at least MIN_OUTLETS different AllSides outlets use, so
  outlet names, slogans, bylines and boilerplate of one site cannot become cues;
- every (set, class) cell weighs the same, and inside AllSides every outlet of a class weighs
  the same, so neither the 7,000 AllSides articles nor its 150-per-outlet sample dominate.

Its logit is one feature of the combiner (`reporting_style`, direction +). The combiner is
fitted on out-of-fold logits (`out_of_fold_logits`): each set scored by a style model that never
saw it, AllSides by models that never saw its outlet.

Trained by `newsift train reliability` (the `train` extra); shipped as style.npz in this folder
(LinearTextModel, npz), read by newsift.detectors.style.detector.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from newsift.detectors.style.detector import model_text
from newsift.reliability.datasets import LabelledArticle

ANCHOR_SET = "allsides"  # the set whose outlets vet the vocabulary
MIN_OUTLETS = 10
MIN_DF = 3
NGRAMS = (1, 2)
C = 1.0
LSO_FOLDS = 5
SEED = 7


def _texts(articles: Sequence[LabelledArticle]) -> list[str]:
    return [model_text(a.title, a.text) for a in articles]


def vocabulary(
    texts: Sequence[str], outlets: Sequence[str], min_outlets: int = MIN_OUTLETS
) -> list[str]:
    """Terms used by at least `min_outlets` different outlets (and MIN_DF articles)."""
    from sklearn.feature_extraction.text import CountVectorizer

    counter = CountVectorizer(min_df=MIN_DF, binary=True, ngram_range=NGRAMS, dtype=np.int8)
    m = counter.fit_transform(texts).tocsc()
    terms = counter.get_feature_names_out()
    _, outlet_of = np.unique(np.asarray(outlets), return_inverse=True)
    keep = [
        j
        for j in range(m.shape[1])
        if len(np.unique(outlet_of[m.indices[m.indptr[j] : m.indptr[j + 1]]])) >= min_outlets
    ]
    return sorted(str(terms[j]) for j in keep)


def sample_weights(articles: Sequence[LabelledArticle]) -> np.ndarray:
    """Each (set, class) cell the same total weight; inside the anchor set, each outlet of a
    class the same weight."""
    sets = np.array([a.dataset for a in articles])
    labels = np.array([a.label for a in articles])
    groups = np.array([a.group for a in articles])
    w = np.zeros(len(articles))
    for d, y in {(a.dataset, a.label) for a in articles}:
        cell = (sets == d) & (labels == y)
        if d == ANCHOR_SET:
            names, counts = np.unique(groups[cell], return_counts=True)
            size = dict(zip(names, counts, strict=True))
            cw = np.array([1.0 / size[g] for g in groups[cell]])
        else:
            cw = np.ones(int(cell.sum()))
        w[cell] = cw / cw.sum()
    return w * len(articles) / w.sum()


def fit(articles: Sequence[LabelledArticle], meta: dict | None = None):
    """The style model fitted on `articles` (vocabulary vetted by their anchor-set outlets)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from newsift.inference.export import from_sklearn

    anchor = [a for a in articles if a.dataset == ANCHOR_SET]
    if not anchor:
        raise ValueError(f"the style model needs {ANCHOR_SET} articles to vet its vocabulary")
    vocab = vocabulary(_texts(anchor), [a.group for a in anchor])
    vectorizer = TfidfVectorizer(vocabulary=vocab, ngram_range=NGRAMS, sublinear_tf=True)
    x = vectorizer.fit_transform(_texts(articles))
    labels = np.array([a.label for a in articles])
    clf = LogisticRegression(C=C, max_iter=3000, random_state=SEED)
    clf.fit(x, labels, sample_weight=sample_weights(articles))
    return from_sklearn(
        [vectorizer],
        clf,
        {
            "task": "style",
            "positive": "1",
            "data": "the labelled reliability sets of `newsift train reliability`",
            **(meta or {}),
        },
    )


def out_of_fold_logits(
    articles: Sequence[LabelledArticle],
    text_keys: Sequence[str],
    outlet_folds: np.ndarray,
    progress: Callable[[str], None] | None = None,
) -> np.ndarray:
    """Each article's style logit from a model that never saw its set (nor, in the anchor set,
    its outlet: `outlet_folds` gives the anchor rows' folds, -1 elsewhere). Articles whose text
    also occurs in the held-out part are dropped from that fit."""
    sets = np.array([a.dataset for a in articles])
    keys = np.asarray(text_keys)
    out = np.zeros(len(articles))
    parts: list[tuple[str, np.ndarray]] = [
        (name, sets == name) for name in dict.fromkeys(sets) if name != ANCHOR_SET
    ]
    parts += [
        (f"{ANCHOR_SET} fold {f + 1}", (sets == ANCHOR_SET) & (outlet_folds == f))
        for f in range(LSO_FOLDS)
    ]
    for name, held in parts:
        if progress:
            progress(name)
        train = ~held & ~np.isin(keys, keys[held])
        model = fit([articles[i] for i in np.flatnonzero(train)])
        texts = _texts([articles[i] for i in np.flatnonzero(held)])
        out[held] = model.decision_function(texts)[:, 0]  # binary: one row of scores
    return out
