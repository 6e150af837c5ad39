"""Choosing the propaganda detector's operating point: a decoding and a span-score threshold.

Every decoding of the grid is run once over the out-of-fold token probabilities (after the
fragment filter the detector applies); the SI precision/recall curve of any threshold and any
set of articles is then a few numpy sums over the resulting `SpanTable`s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from newsift.detectors.propaganda.metrics import merge_overlapping
from newsift.detectors.propaganda.model import select_spans
from newsift.detectors.propaganda.prepared import Prepared

# Decoding grid. The official SI metric gives partial credit per character, so its F1 optimum
# sits at low token thresholds and at marking likely sentences whole (see model.decode_spans);
# its precision optimum at higher seeds, shorter runs and no whole sentences.
FILL_GRID = (2.0, 0.9, 0.4, 0.3, 0.2)  # 2.0 = never mark a whole sentence
HIGH_GRID = (0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.3)
LOW_RATIOS = (0.1, 0.2, 0.35, 0.5, 1.0)
# Operating thresholds on a shown span's score (mean word probability after the fragment filter).
SCORE_GRID = tuple(round(0.01 * i, 2) for i in range(100))
MIN_PRECISION = 0.50  # the shipped point: best SI F1 among points with CV SI precision >= this

Decoding = tuple[float, float, float]  # (high, low, sentence_fill)


@dataclass(frozen=True)
class OperatingPoint:
    """A decoding and a span-score threshold, with the SI figures they reached where chosen."""

    high: float
    low: float
    sentence_fill: float
    threshold: float
    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        return {k: round(float(v), 4) for k, v in asdict(self).items()}


def _f1(precision: np.ndarray, recall: np.ndarray) -> np.ndarray:
    p, r = np.asarray(precision, float), np.asarray(recall, float)
    return np.where((p > 0) & (r > 0), 2 * p * r / np.maximum(p + r, 1e-12), 0.0)


def choose_threshold(
    thresholds: Sequence[float],
    precision: Sequence[float],
    recall: Sequence[float],
    min_precision: float | None = None,
) -> int | None:
    """Index of the chosen point of a precision/recall curve over `thresholds`.

    Without `min_precision`: the best F1. With it: the best F1 among the points whose precision
    reaches `min_precision` (None when none does). Ties go to the smallest threshold, which
    shows the most spans.
    """
    t = np.asarray(thresholds, float)
    f1 = _f1(precision, recall)
    ok = np.ones(len(t), bool) if min_precision is None else np.asarray(precision) >= min_precision
    if not ok.any():
        return None
    best = f1[ok].max()
    candidates = np.flatnonzero(ok & (f1 == best))
    return int(candidates[np.argmin(t[candidates])])


@dataclass
class SpanTable:
    """Every span one decoding shows at threshold 0 (after the fragment filter), over all
    articles, with its share of the official SI sums: a curve over thresholds, or over any set
    of articles, is then a few numpy sums (the spans of an article never overlap)."""

    decoding: Decoding
    article: np.ndarray  # index into the prepared articles
    starts: np.ndarray
    ends: np.ndarray
    scores: np.ndarray
    p_share: np.ndarray  # sum over gold spans of |s & t| / |s|
    r_share: np.ndarray  # sum over gold spans of |s & t| / |t|


def _gold_prefixes(p: Prepared) -> tuple[np.ndarray, np.ndarray]:
    """Prefix sums over the text of gold coverage and of 1/|t| inside each (merged) gold span t."""
    covered = np.zeros(len(p.article.text) + 1)
    weight = np.zeros(len(p.article.text) + 1)
    for s, e in merge_overlapping(p.article.spans):
        covered[s:e] = 1.0
        weight[s:e] = 1.0 / (e - s)
    return np.r_[0.0, np.cumsum(covered)], np.r_[0.0, np.cumsum(weight)]


def span_tables(
    items: list[Prepared], probs: list[np.ndarray], sent_probs: list[np.ndarray]
) -> list[SpanTable]:
    prefixes = [_gold_prefixes(p) for p in items]
    tables = []
    for fill in FILL_GRID:
        for high in HIGH_GRID:
            for ratio in LOW_RATIOS:
                cols: list[list[np.ndarray]] = [[], [], [], [], [], []]
                for i, (p, pr, sp) in enumerate(zip(items, probs, sent_probs, strict=True)):
                    spans = select_spans(p.tok, pr, high, high * ratio, sp, fill)
                    st = np.array([x[0] for x in spans], dtype=np.int64)
                    en = np.array([x[1] for x in spans], dtype=np.int64)
                    cov, w = prefixes[i]
                    cols[0].append(np.full(len(spans), i, dtype=np.int64))
                    cols[1].append(st)
                    cols[2].append(en)
                    cols[3].append(np.array([x[2] for x in spans], dtype=np.float64))
                    cols[4].append((cov[en] - cov[st]) / np.maximum(en - st, 1))
                    cols[5].append(w[en] - w[st])
                art, st, en, scores, p_share, r_share = (np.concatenate(c) for c in cols)
                tables.append(
                    SpanTable((high, high * ratio, fill), art, st, en, scores, p_share, r_share)
                )
    return tables


def _curve(table: SpanTable, articles: np.ndarray, n_gold: int) -> tuple[np.ndarray, np.ndarray]:
    """SI precision and recall at each threshold of SCORE_GRID over the articles in the mask."""
    sel = articles[table.article]
    order = np.argsort(table.scores[sel], kind="stable")
    scores = table.scores[sel][order]
    p_tail = np.r_[np.cumsum(table.p_share[sel][order][::-1])[::-1], 0.0]
    r_tail = np.r_[np.cumsum(table.r_share[sel][order][::-1])[::-1], 0.0]
    first = np.searchsorted(scores, np.array(SCORE_GRID), side="left")
    count = len(scores) - first
    precision = np.where(count > 0, p_tail[first] / np.maximum(count, 1), 0.0)
    recall = r_tail[first] / n_gold if n_gold else np.zeros(len(first))
    return precision, recall


def choose_operating_point(
    tables: list[SpanTable],
    items: list[Prepared],
    articles: np.ndarray,
    min_precision: float | None = None,
) -> OperatingPoint:
    """The decoding and span threshold with the best CV SI F1 on the articles in the mask, among
    the points with precision >= `min_precision` when given (if no point gets there: the most
    precise point)."""
    n_gold = sum(len(merge_overlapping(items[i].article.spans)) for i in np.flatnonzero(articles))
    best: OperatingPoint | None = None
    most_precise: OperatingPoint | None = None
    for table in tables:
        precision, recall = _curve(table, articles, n_gold)
        f1 = _f1(precision, recall)
        k = choose_threshold(SCORE_GRID, precision, recall, min_precision)
        point = (
            None
            if k is None
            else OperatingPoint(*table.decoding, SCORE_GRID[k], precision[k], recall[k], f1[k])
        )
        if point is not None and (best is None or point.f1 > best.f1):
            best = point
        j = int(np.argmax(precision))
        if most_precise is None or precision[j] > most_precise.precision:
            most_precise = OperatingPoint(
                *table.decoding, SCORE_GRID[j], precision[j], recall[j], f1[j]
            )
    if best is None:
        assert most_precise is not None
        return most_precise
    return best


def spans_at(
    tables: list[SpanTable], point: OperatingPoint, articles: np.ndarray
) -> dict[int, list[tuple[int, int]]]:
    """The spans `point` shows in the articles of the mask, by article index."""
    table = next(t for t in tables if t.decoding == (point.high, point.low, point.sentence_fill))
    keep = articles[table.article] & (table.scores >= point.threshold)
    out: dict[int, list[tuple[int, int]]] = {int(i): [] for i in np.flatnonzero(articles)}
    for i, s, e in zip(table.article[keep], table.starts[keep], table.ends[keep], strict=True):
        out[int(i)].append((int(s), int(e)))
    return out
