"""Stance of an article toward a claim (FNC-1: agree / disagree / discuss / unrelated).

>>> from newsift.detectors.stance import predict_stance
>>> predict_stance("Scientists confirm water on Mars", article_text).label
"""

from __future__ import annotations

from newsift.detectors.stance.inference import StanceResult, predict_pairs, predict_stance
from newsift.detectors.stance.scorer import LABELS, fnc_score

__all__ = ["LABELS", "StanceResult", "fnc_score", "predict_pairs", "predict_stance"]

from newsift.tasks import task_spec

TASKS = [
    task_spec(
        "stance",
        "fnc1",
        "Stance of a body toward a headline, FNC-1 competition test",
        f"{__name__}.train",
        rank=40,
    ),
]
