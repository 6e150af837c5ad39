"""One PTC article turned into what training needs: the model inputs and the gold targets."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsift.detectors.propaganda.data import Article
from newsift.detectors.propaganda.features import (
    Tokens,
    sentence_features,
    token_features,
    tokenize,
)
from newsift.detectors.propaganda.technique_features import span_features


@dataclass
class Prepared:
    """One article turned into the model inputs and gold targets."""

    article: Article
    tok: Tokens
    token_x: np.ndarray  # [n_tokens, slots]
    token_y: np.ndarray  # 1 if the token overlaps a gold span
    sent_idx: np.ndarray
    sent_offsets: np.ndarray
    sent_y: np.ndarray  # 1 if the sentence overlaps a gold span
    tc_spans: list[tuple[int, int]]
    tc_labels: list[list[str]]
    tc_x: list[np.ndarray]


def prepare(article: Article) -> Prepared:
    tok = tokenize(article.text)
    covered = np.zeros(len(article.text) + 1, dtype=np.int64)
    for s, e in article.spans:
        covered[s] += 1
        covered[e] -= 1
    inside = np.r_[0, np.cumsum(covered[:-1]) > 0].astype(np.int64)
    prefix = np.cumsum(inside)  # prefix[i] = covered chars in text[:i]
    token_y = (prefix[tok.ends] - prefix[tok.starts] > 0).astype(np.int8)
    sent_y = np.array([prefix[s.end] - prefix[s.start] > 0 for s in tok.sentences], dtype=np.int8)
    sent_idx, sent_offsets = sentence_features(tok)
    by_span = article.labels_by_span()
    spans = sorted(by_span)
    return Prepared(
        article,
        tok,
        token_features(tok),
        token_y,
        sent_idx,
        sent_offsets,
        sent_y,
        spans,
        [by_span[s] for s in spans],
        [span_features(tok, s, e) for s, e in spans],
    )
