"""Export fitted scikit-learn vectorisers + LogisticRegression as a LinearTextModel.

Imported only by training code; scikit-learn is never needed to load or run the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from newsift.errors import ModelError
from newsift.inference.linear import LinearTextModel
from newsift.inference.tfidf import TfidfSpec


def spec_from_vectorizer(vectorizer: Any) -> TfidfSpec:
    """A fitted `TfidfVectorizer` as a TfidfSpec (terms ordered by column)."""
    if vectorizer.preprocessor is not None or vectorizer.tokenizer is not None:
        raise ModelError("custom preprocessors/tokenizers cannot be exported")
    if vectorizer.stop_words is not None or vectorizer.strip_accents is not None:
        raise ModelError("stop_words/strip_accents are not supported by the numpy transform")
    if not vectorizer.use_idf:
        raise ModelError("only use_idf=True vectorizers are supported")
    terms = [""] * len(vectorizer.vocabulary_)
    for term, i in vectorizer.vocabulary_.items():
        terms[i] = term
    return TfidfSpec(
        analyzer=vectorizer.analyzer,
        ngram_range=tuple(vectorizer.ngram_range),
        terms=terms,
        idf=np.asarray(vectorizer.idf_, dtype=np.float64),
        token_pattern=vectorizer.token_pattern,
        lowercase=vectorizer.lowercase,
        sublinear_tf=vectorizer.sublinear_tf,
        binary=vectorizer.binary,
        norm=vectorizer.norm,
    )


def from_sklearn(
    vectorizers: Sequence[Any],
    classifier: Any,
    meta: dict[str, Any] | None = None,
    precision: str = "float32",
) -> LinearTextModel:
    """Vectorisers whose outputs were hstacked in this order, then a fitted linear classifier
    with `coef_`, `intercept_` and `classes_` (LogisticRegression); `precision` is the dtype
    its weights are stored in."""
    return LinearTextModel(
        blocks=[spec_from_vectorizer(v) for v in vectorizers],
        coef=np.asarray(classifier.coef_, dtype=np.float64),
        intercept=np.asarray(classifier.intercept_, dtype=np.float64),
        classes=[str(c) for c in classifier.classes_],
        meta=dict(meta or {}),
        precision=precision,
    )


def hstack_transform(vectorizers: Sequence[Any], texts: Sequence[str], fit: bool = False):
    """The sparse feature matrix a LinearTextModel computes: the blocks side by side."""
    from scipy.sparse import hstack

    blocks = [v.fit_transform(texts) if fit else v.transform(texts) for v in vectorizers]
    return hstack(blocks, format="csr")
