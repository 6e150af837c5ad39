"""The official FNC-1 scorer on cases computed by hand."""

import pytest

from newsift.detectors.stance.scorer import LABELS, fnc_score, pair_score


@pytest.mark.parametrize(
    ("gold", "predicted", "points"),
    [
        ("agree", "agree", 1.0),
        ("disagree", "disagree", 1.0),
        ("agree", "discuss", 0.25),  # related is right, the stance is not
        ("discuss", "disagree", 0.25),
        ("agree", "unrelated", 0.0),
        ("unrelated", "unrelated", 0.25),
        ("unrelated", "discuss", 0.0),
    ],
)
def test_pair_score_follows_official_weights(gold, predicted, points):
    assert pair_score(gold, predicted) == points


def test_fnc_score_small_case():
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated"]
    pred = ["agree", "discuss", "unrelated", "unrelated", "agree"]
    s = fnc_score(gold, pred)
    assert s.raw == pytest.approx(1.0 + 0.25 + 0.0 + 0.25 + 0.0)
    assert s.best == pytest.approx(3 * 1.0 + 2 * 0.25)
    assert s.percent == pytest.approx(100 * 1.5 / 3.5)
    assert s.accuracy == pytest.approx(2 / 5)
    # rows gold, columns predicted, LABELS order
    assert LABELS == ("agree", "disagree", "discuss", "unrelated")
    assert s.confusion == [[1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 1]]
    assert s.per_class_f1 == pytest.approx(
        {"agree": 2 / 3, "disagree": 0.0, "discuss": 0.0, "unrelated": 0.5}
    )
    assert s.macro_f1 == pytest.approx((2 / 3 + 0.5) / 4)


def test_perfect_prediction_scores_100():
    gold = ["unrelated", "discuss", "agree"]
    assert fnc_score(gold, gold).percent == pytest.approx(100.0)


def test_all_unrelated_baseline():
    gold = ["unrelated"] * 3 + ["agree"]
    s = fnc_score(gold, ["unrelated"] * 4)
    assert s.percent == pytest.approx(100 * 0.75 / 1.75)


def test_bad_inputs_raise():
    with pytest.raises(ValueError):
        fnc_score(["agree"], ["agree", "agree"])
    with pytest.raises(ValueError):
        fnc_score(["agree"], ["supports"])
    with pytest.raises(ValueError):
        fnc_score([], [])
