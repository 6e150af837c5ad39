"""Benchmark metrics on hand-computed cases."""

from __future__ import annotations

import pytest

from newsift.bench.metrics import (
    accuracy,
    average_precision,
    macro_f1,
    mean_over_groups,
    precision_at_k,
    prf,
)


def test_prf_of_positive_class() -> None:
    # tp = 2 (items 0, 1), fp = 1 (item 2), fn = 1 (item 3)
    got = prf([1, 1, 0, 1, 0], [1, 1, 1, 0, 0], positive=1)
    assert got["precision"] == pytest.approx(2 / 3)
    assert got["recall"] == pytest.approx(2 / 3)
    assert got["f1"] == pytest.approx(2 / 3)


def test_prf_without_predictions_is_zero_not_nan() -> None:
    assert prf([1, 0], [0, 0], positive=1) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_macro_f1_and_accuracy() -> None:
    y_true = ["a", "a", "b", "c"]
    y_pred = ["a", "b", "b", "b"]
    # F1: a = 2*1*0.5/1.5 = 2/3; b = 2*(1/3)*1/(4/3) = 1/2; c = 0
    assert macro_f1(y_true, y_pred) == pytest.approx((2 / 3 + 1 / 2 + 0) / 3)
    assert accuracy(y_true, y_pred) == pytest.approx(0.5)


def test_average_precision_hand_computed() -> None:
    # ranking by score: item1 (rel), item0 (not), item3 (rel), item2 (not)
    scores = [0.8, 0.9, 0.1, 0.5]
    relevant = [0, 1, 0, 1]
    # precision at the relevant ranks: 1/1 and 2/3
    assert average_precision(scores, relevant) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision(scores, [0, 0, 0, 0]) == 0.0


def test_precision_at_k_counts_short_lists_against_k() -> None:
    scores = [0.9, 0.8, 0.7]
    assert precision_at_k(scores, [1, 0, 1], k=2) == pytest.approx(0.5)
    assert precision_at_k(scores, [1, 0, 1], k=10) == pytest.approx(0.2)


def test_ties_keep_input_order() -> None:
    assert average_precision([0.5, 0.5], [0, 1]) == pytest.approx(0.5)


def test_map_is_mean_over_groups() -> None:
    groups = {"d1": ([0.9, 0.1], [1, 0]), "d2": ([0.9, 0.1], [0, 1])}
    assert mean_over_groups(average_precision, groups) == pytest.approx((1.0 + 0.5) / 2)
    assert mean_over_groups(precision_at_k, groups, k=1) == pytest.approx(0.5)
