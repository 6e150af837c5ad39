"""The official SemEval-2020 Task 11 metrics on hand-computed cases."""

from __future__ import annotations

import pytest

from newsift.detectors.propaganda.metrics import (
    merge_overlapping,
    si_score,
    tc_micro_f1,
    tc_per_technique_f1,
)


def test_merge_overlapping_joins_shared_characters_only() -> None:
    assert merge_overlapping([(5, 10), (0, 3), (8, 12), (12, 14)]) == [(0, 3), (5, 12), (12, 14)]


def test_si_exact_match_is_perfect() -> None:
    score = si_score({"a": [(0, 10)]}, {"a": [(0, 10)]})
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_si_partial_overlap_credit() -> None:
    # Predicted 0..10, gold 5..25: overlap 5 chars. P = 5/10, R = 5/20.
    score = si_score({"a": [(0, 10)]}, {"a": [(5, 25)]})
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(0.25)
    assert score.f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)


def test_si_two_predictions_inside_one_gold_span_add_up_in_recall() -> None:
    # Gold 0..20; predictions 0..5 and 10..20, each fully inside: P = (1 + 1) / 2,
    # R = (5/20 + 10/20) / 1.
    score = si_score({"a": [(0, 5), (10, 20)]}, {"a": [(0, 20)]})
    assert score.precision == pytest.approx(1.0)
    assert score.recall == pytest.approx(0.75)


def test_si_overlapping_gold_spans_are_merged_first() -> None:
    # Gold 0..10 and 5..20 merge into 0..20; a prediction 0..20 is then exact.
    score = si_score({"a": [(0, 20)]}, {"a": [(0, 10), (5, 20)]})
    assert score.f1 == pytest.approx(1.0)


def test_si_counts_articles_missing_on_either_side() -> None:
    # Article b has gold but no prediction (hurts recall); c has a prediction but no gold.
    score = si_score({"a": [(0, 4)], "c": [(0, 4)]}, {"a": [(0, 4)], "b": [(0, 8)]})
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(0.5)


def test_si_nothing_predicted_nothing_gold_is_one() -> None:
    assert si_score({}, {}).f1 == 1.0
    assert si_score({}, {"a": [(0, 3)]}).f1 == 0.0


def test_tc_micro_f1_aligns_multi_label_spans() -> None:
    pred = [["Doubt"], ["Slogans", "Loaded_Language"], ["Repetition"]]
    gold = [["Doubt"], ["Loaded_Language", "Flag-Waving"], ["Slogans"]]
    # correct: Doubt, Loaded_Language (order does not matter) -> 2 of 4 gold labels.
    assert tc_micro_f1(pred, gold) == pytest.approx(0.5)


def test_tc_requires_one_prediction_per_gold_label() -> None:
    with pytest.raises(ValueError):
        tc_micro_f1([["Doubt"]], [["Doubt", "Slogans"]])


def test_tc_per_technique_f1() -> None:
    pred = [["Doubt"], ["Doubt"], ["Slogans"]]
    gold = [["Doubt"], ["Slogans"], ["Slogans"]]
    f1 = tc_per_technique_f1(pred, gold, ["Doubt", "Slogans", "Repetition"])
    assert f1["Doubt"] == pytest.approx(2 * 1 / 3)  # tp 1, pred 2, gold 1
    assert f1["Slogans"] == pytest.approx(2 * 1 / 3)  # tp 1, pred 1, gold 2
    assert f1["Repetition"] == 0.0
