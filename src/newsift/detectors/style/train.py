"""The reporting-style model: does an article's wording read like that of well-rated outlets?

A TF-IDF (words and word pairs, by presence) ridge regression of the outlet's domain-quality
rating (Lin et al. 2023, 0..1) from its articles' wording. AllSides gives the ratings: its
articles carry their outlet's rating, the mid-rated outlets' too (they have no class of their own
but show how wording varies between the extremes); an article of the other labelled sets counts
as written by a typical outlet of its class (the mean rating of AllSides' reliable or unreliable
articles). A regression of the rating, not a classifier of two classes, because the rating also
orders the outlets within each class: leave-source-out on AllSides it ranks held-out outlets
better (when it replaced the classifier, as a model alone: 0.771 against 0.732; in the combiner,
`lso_auc_text` 0.751 against 0.707; the settings below raised them further: BENCHMARKS.md).
Two guards keep it off one outlet's or one set's house style:
- its vocabulary is only the terms that at least MIN_OUTLETS (2) different AllSides outlets
  use, so outlet names, slogans, bylines and boilerplate of one site cannot become cues;
- inside AllSides every outlet of a rating band weighs the same, and every band the same in
  all; outside it every (set, class) cell does.

The model's output is SCALE x (predicted rating - CENTER), so 0 is the middle between the
classes' cut-offs (UNRELIABLE_PC1 0.4 and RELIABLE_PC1 0.7) and the value is on a logit-like
scale. It is one feature of the combiner (`reporting_style`, direction +), fitted on out-of-fold
values (`out_of_fold_logits`): each set scored by a model that never saw it, AllSides by models
that never saw its outlet.

Trained by `newsift train reliability` (the `train` extra); shipped as style.npz in this folder
(LinearTextModel, npz), read by newsift.detectors.style.detector.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from newsift.detectors.style.detector import CENTER, SCALE, model_text
from newsift.reliability.datasets import RELIABLE_PC1, UNRELIABLE_PC1, LabelledArticle

ANCHOR_SET = "allsides"  # the set whose outlets vet the vocabulary and give the ratings
ANCHOR_SETS = (ANCHOR_SET, "allsides_mid")  # with its mid-rated outlets (datasets.py)
# Chosen leave-source-out on AllSides (the style model alone, the combiner's 5 folds by outlet,
# AUC of poorly against well-rated outlets), with the bands balanced (`sample_weights`).
# First, with log term frequencies (sublinear tf) and the folds dealt without regard to class:
# - terms used by at least 2 outlets, alpha 0.3: 0.792; at least 3: 0.791; any term: 0.793;
#   at least 5 (alpha 0.1): 0.786; 10: 0.776; 20: 0.766; 40: 0.741;
# - alpha (2 outlets) 0.15: 0.792, 0.3: 0.792, 1.0: 0.786.
# Then, by scripts outside the repo on the cached corpus (BENCHMARKS.md says which figures):
# - term presence (binary tf) in place of log tf: 0.801 against 0.792; alpha 0.15: 0.801,
#   0.5: 0.799, 1.0: 0.793; no idf: 0.776; naive-Bayes log-ratio scaling: 0.771-0.778;
# - folds stratified by class (corpus.outlet_folds): 0.812 against 0.801; on 5 fold seeds
#   better every time (0.802-0.812 against 0.799-0.809);
# - the MAX_TERMS terms of largest weight, refitted: 50,000: 0.803; 100,000: 0.808;
#   200,000: 0.812, the same as every term, at about half the model's size.
# The same folds measure the combiner, so its `lso_auc_text` is slightly optimistic.
MIN_OUTLETS = 2
MAX_TERMS = 200_000
MIN_DF = 3
NGRAMS = (1, 2)
ALPHA = 0.3
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


def _class_ratings(articles: Sequence[LabelledArticle]) -> dict[int, float]:
    """The mean rating of AllSides' unreliable (0) and reliable (1) articles: the rating an
    article of another set is taken to have."""
    out = {}
    for label, fallback in ((0, 0.25), (1, 0.85)):
        rated = [a.rating for a in articles if a.dataset == ANCHOR_SET and a.label == label]
        out[label] = float(np.mean([r for r in rated if r is not None])) if rated else fallback
    return out


def targets(articles: Sequence[LabelledArticle]) -> np.ndarray:
    """Each article's rating: its outlet's, else its class's (`_class_ratings`)."""
    by_class = _class_ratings(articles)
    return np.array([a.rating if a.rating is not None else by_class[a.label] for a in articles])


def _band(rating: float) -> int:
    """0 poorly rated, 1 mid-rated, 2 well rated: the classes' cut-offs (datasets.py)."""
    return 0 if rating < UNRELIABLE_PC1 else 1 if rating < RELIABLE_PC1 else 2


def sample_weights(articles: Sequence[LabelledArticle]) -> np.ndarray:
    """Inside AllSides (mid-rated outlets included) each outlet the same weight within its band
    (poorly, mid-, well rated) and each band the same total, the set's rows summing to their
    number; outside it each (set, class) cell the same, summing likewise. The bands are
    balanced because poorly rated outlets are few (23 of 313): weighed per outlet alone, the
    fit would mostly learn how well-rated outlets differ from mid-rated ones."""
    sets = np.array([a.dataset for a in articles])
    labels = np.array([a.label for a in articles])
    groups = np.array([a.group for a in articles])
    w = np.zeros(len(articles))
    anchor = np.isin(sets, ANCHOR_SETS)
    if anchor.any():
        names, counts = np.unique(groups[anchor], return_counts=True)
        size = dict(zip(names, counts, strict=True))
        w[anchor] = [1.0 / size[g] for g in groups[anchor]]
        ratings = targets(articles)
        bands = np.array([_band(r) for r in ratings])
        present = sorted(set(bands[anchor]))
        for b in present:
            cell = anchor & (bands == b)
            w[cell] *= anchor.sum() / len(present) / w[cell].sum()
    others = ~anchor
    cells = {(d, y) for d, y in zip(sets[others], labels[others], strict=True)}
    for d, y in cells:
        cell = others & (sets == d) & (labels == y)
        w[cell] = 1.0 / cell.sum()
    if others.any():
        w[others] *= others.sum() / w[others].sum()
    return w


@dataclass(frozen=True)
class _Scaled:
    """The fitted ridge as `from_sklearn` reads a classifier: coefficients and intercept of
    SCALE x (rating - CENTER), one output row."""

    coef_: np.ndarray
    intercept_: np.ndarray
    classes_: tuple[str, str] = ("0", "1")


def _ridge(texts: Sequence[str], y: np.ndarray, weight: np.ndarray, vocab: Sequence[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge

    vectorizer = TfidfVectorizer(vocabulary=list(vocab), ngram_range=NGRAMS, binary=True)
    x = vectorizer.fit_transform(texts)
    ridge = Ridge(alpha=ALPHA, random_state=SEED)
    ridge.fit(x, y, sample_weight=weight)
    return vectorizer, ridge


def fit(articles: Sequence[LabelledArticle], meta: dict | None = None):
    """The style model fitted on `articles` (vocabulary vetted by the AllSides outlets)."""
    from newsift.inference.export import from_sklearn

    anchor = [a for a in articles if a.dataset in ANCHOR_SETS]
    if not anchor:
        raise ValueError(f"the style model needs {ANCHOR_SET} articles to vet its vocabulary")
    vocab = vocabulary(_texts(anchor), [a.group for a in anchor])
    texts, y, weight = _texts(articles), targets(articles), sample_weights(articles)
    vectorizer, ridge = _ridge(texts, y, weight, vocab)
    if len(vocab) > MAX_TERMS:  # keep the terms that weigh most, then refit on them alone
        top = np.argsort(-np.abs(ridge.coef_))[:MAX_TERMS]
        names = vectorizer.get_feature_names_out()
        vectorizer, ridge = _ridge(texts, y, weight, sorted(str(names[j]) for j in top))
    scaled = _Scaled(
        coef_=SCALE * np.asarray(ridge.coef_, dtype=np.float64).reshape(1, -1),
        intercept_=np.array([SCALE * (float(ridge.intercept_) - CENTER)]),
    )
    return from_sklearn(
        [vectorizer],
        scaled,
        {
            "task": "style",
            "output": f"{SCALE} x (predicted outlet rating - {CENTER})",
            "data": "the labelled reliability sets of `newsift train reliability`, with the "
            "mid-rated AllSides outlets",
            **(meta or {}),
        },
    )


def out_of_fold_logits(
    articles: Sequence[LabelledArticle],
    text_keys: Sequence[str],
    outlet_folds: np.ndarray,
    progress: Callable[[str], None] | None = None,
    extra: Sequence[LabelledArticle] = (),
    extra_keys: Sequence[str] = (),
) -> np.ndarray:
    """Each article's style output from a model that never saw its set (nor, in the anchor
    set, its outlet: `outlet_folds` gives the anchor rows' folds, -1 elsewhere). `extra`
    (the mid-rated AllSides articles, never scored) joins every fit. Articles whose text also
    occurs in the held-out part are dropped from that fit."""
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
        held_keys = set(keys[held])
        kept = [e for e, k in zip(extra, extra_keys, strict=True) if k not in held_keys]
        model = fit([articles[i] for i in np.flatnonzero(train)] + kept)
        texts = _texts([articles[i] for i in np.flatnonzero(held)])
        out[held] = model.decision_function(texts)[:, 0]  # binary: one row of scores
    return out
