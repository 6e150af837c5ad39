"""LIAR 6-way truthfulness from the statement text alone: a reference figure, nothing shipped.

Fits TF-IDF word 1-2-grams + logistic regression on train.tsv and reports accuracy on the
official test.tsv, next to Wang (2017)'s best text-only result (0.270, a CNN). Only the statement
column is used: no speaker, party, context or credit history (the latter leaks the label).
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

import numpy as np

from newsift.bench.metrics import accuracy, macro_f1
from newsift.errors import DataError
from newsift.tasks import BenchResult

LABELS = ("pants-fire", "false", "barely-true", "half-true", "mostly-true", "true")
SEED = 5
RECORDS = {"wang2017_text_only_accuracy": 0.27}


def read_split(path: Path) -> tuple[list[str], list[str]]:
    """(statements, labels) of one LIAR TSV, read with quoting disabled as SOURCE.md asks."""
    if not path.exists():
        raise DataError(f"{path}: missing (expected the liar dataset folder)")
    csv.field_size_limit(sys.maxsize)
    texts, labels = [], []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 3 or row[1] not in LABELS:
                continue
            texts.append(row[2])
            labels.append(row[1])
    if not texts:
        raise DataError(f"{path}: no labelled statements found")
    return texts, labels


def bench(data_dir: Path) -> BenchResult:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    started = time.perf_counter()
    data_dir = Path(data_dir)
    train_x, train_y = read_split(data_dir / "train.tsv")
    test_x, test_y = read_split(data_dir / "test.tsv")
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    clf = LogisticRegression(C=1.0, max_iter=2000, random_state=SEED)
    clf.fit(vectorizer.fit_transform(train_x), train_y)
    pred = clf.predict(vectorizer.transform(test_x))
    majority = max(set(train_y), key=train_y.count)
    return BenchResult(
        task="liar",
        metrics={
            "accuracy": accuracy(test_y, pred),
            "macro_f1": macro_f1(test_y, pred, LABELS),
            "majority_baseline": float(np.mean(np.asarray(test_y) == majority)),
        },
        split="LIAR official train.tsv -> test.tsv (statement text only)",
        records=dict(RECORDS),
        notes=[
            "A reference figure for how little the wording of a short claim says about its "
            "truth; no LIAR model is shipped or used by `newsift analyze`.",
        ],
        details={"n_train": len(train_x), "n_test": len(test_x)},
        seconds=time.perf_counter() - started,
    )
