"""Train and benchmark the check-worthy claim model (ClaimBuster; CLEF CheckThat! as a second test).

Recipe: TF-IDF word 1-3-grams + TF-IDF char_wb 1-4-grams (sublinear tf, min_df 2, each
l2-normalised), side by side, then logistic regression with balanced class weights (C picked by
5-fold CV on the training file). Exported as numpy arrays (`claims.npz` in this folder).

- `claims`  (2-class, CFS vs the rest): two_class/train.json -> two_class/test.json, the
  repository's own split; scored with the SHIPPED model through the detector's inference path.
- `claims3` (NFS / UFS / CFS): the same recipe fitted on three_class/data_small.json and scored on
  three_class/disjoint_2000.json (the benchmark fits it; nothing shipped).
- `claims_clef`: the shipped model ranks the sentences of the CLEF CheckThat! 2019 Task 1 and
  2020 Task 5 gold test files (it never sees CLEF training data); MAP and P@10.

Duplicates are removed by sentence_id as the dataset's SOURCE.md asks: a training row whose id
(or whose exact, case- and space-folded text) is in the test file is dropped.

The steps live beside this module: `claimbuster` (data), `recipe`, `evaluation`, `clef`, `card`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from newsift.bench.metrics import accuracy, macro_f1, prf
from newsift.detectors.claims.card import CARD_DATE, write_card
from newsift.detectors.claims.claimbuster import three_class_split, two_class_split
from newsift.detectors.claims.clef import clef_metrics
from newsift.detectors.claims.evaluation import shipped_model, two_class_metrics
from newsift.detectors.claims.recipe import DEFAULT_C, choose_c, fit
from newsift.inference.linear import LinearTextModel
from newsift.tasks import BenchResult

MODEL_NAME = "claims.npz"
THREE_CLASS_NAMES = {-1: "NFS", 0: "UFS", 1: "CFS"}


def train(data_dir: Path, out_dir: Path) -> dict[str, Any]:
    from newsift.inference.export import from_sklearn

    started = time.perf_counter()
    train_set, test_set, dropped = two_class_split(Path(data_dir))
    c, cv_scores = choose_c(train_set.texts, train_set.labels)
    vectorizers, clf = fit(train_set.texts, train_set.labels, c)
    meta = {
        "task": "claims",
        "data": "claimbuster: two_class/train.json (ClaimBuster)",
        "trained": CARD_DATE,
        "C": c,
        "n_train": len(train_set.ids),
        "dropped_overlap": dropped,
        "positive": "CFS",
    }
    model = from_sklearn(vectorizers, clf, meta)
    metrics = two_class_metrics(test_set.labels, model.positive_proba(test_set.texts))
    out_dir = Path(out_dir)
    path = out_dir / MODEL_NAME
    model.save(path)
    clef_dir = Path(data_dir).parent / "clef_checkthat_checkworthiness"
    clef = clef_metrics(LinearTextModel.load(path), clef_dir) if clef_dir.is_dir() else {}
    write_card(out_dir / "claims.card.md", meta, metrics, cv_scores, path, clef)
    return {
        **{k: round(v, 4) for k, v in metrics.items()},
        **{f"clef_{k}": round(v, 4) for k, v in clef.items()},
        "split": "two_class train.json -> test.json",
        "C": c,
        "cv_cfs_f1_by_C": cv_scores,
        "model": str(path),
        "model_bytes": path.stat().st_size,
        "seconds": round(time.perf_counter() - started, 1),
    }


# -- benchmarks -------------------------------------------------------------------------------


def bench(data_dir: Path) -> BenchResult:
    """2-class CFS F1 of the shipped model on two_class/test.json."""
    started = time.perf_counter()
    _, test_set, dropped = two_class_split(Path(data_dir))
    model = shipped_model()
    model.positive_proba(test_set.texts[:8])  # builds the lookup tables: not the steady speed
    t0 = time.perf_counter()
    proba = model.positive_proba(test_set.texts)
    per_second = len(test_set.texts) / max(time.perf_counter() - t0, 1e-9)
    metrics = two_class_metrics(test_set.labels, proba)
    return BenchResult(
        task="claims",
        metrics={**metrics, "sentences_per_second": per_second},
        split="ClaimBuster two_class train.json -> test.json (repository split, balanced test)",
        notes=[
            "test.json is balanced (351 CFS / 351 other); the training file is 25% CFS, so the "
            "model uses balanced class weights.",
            f"{dropped} training rows shared an id or text with the test file and were dropped.",
        ],
        details={"n_test": len(test_set.ids), "model_meta": model.meta},
        seconds=time.perf_counter() - started,
    )


def bench_three(data_dir: Path) -> BenchResult:
    """3-class (NFS/UFS/CFS): fit the recipe on data_small, score on disjoint_2000."""
    started = time.perf_counter()
    train_set, test_set, dropped = three_class_split(Path(data_dir))
    from newsift.inference.export import from_sklearn

    vectorizers, clf = fit(train_set.texts, train_set.labels)
    model = from_sklearn(vectorizers, clf)
    proba = model.predict_proba(test_set.texts)
    classes = np.array([int(c) for c in model.classes])
    pred = classes[np.argmax(proba, axis=1)]
    per_class = {
        f"{THREE_CLASS_NAMES[c].lower()}_f1": prf(test_set.labels, pred, c)["f1"] for c in classes
    }
    return BenchResult(
        task="claims3",
        metrics={
            "macro_f1": macro_f1(test_set.labels, pred, classes.tolist()),
            **per_class,
            "accuracy": accuracy(test_set.labels, pred),
        },
        split="ClaimBuster three_class data_small.json -> disjoint_2000.json",
        notes=[
            f"Fitted by the benchmark with the shipped model's recipe (C={DEFAULT_C:g}, balanced "
            "weights); no 3-class model is shipped.",
            f"{dropped} data_small rows shared an id or text with disjoint_2000 and were dropped.",
        ],
        details={"n_train": len(train_set.ids), "n_test": len(test_set.ids)},
        seconds=time.perf_counter() - started,
    )
