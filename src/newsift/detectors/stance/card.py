"""The model card (`stance.card.md`) written beside the trained stance model."""

from __future__ import annotations

import json
from typing import Any

from newsift.detectors.stance import features as F
from newsift.detectors.stance.params import Params
from newsift.detectors.stance.scorer import LABELS


def _matrix_md(confusion: list[list[int]]) -> str:
    lines = ["| gold \\ predicted | " + " | ".join(LABELS) + " |", "|---" * 5 + "|"]
    for label, row in zip(LABELS, confusion, strict=True):
        lines.append(f"| {label} | " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines)


def _row(split: str, fig: dict[str, Any]) -> str:
    return (
        f"| {split} | {fig['fnc_score']:.2f} | {fig['fnc_raw']:.2f} / {fig['fnc_max']:.2f} "
        f"| {fig['macro_f1']:.4f} | {fig['accuracy']:.4f} |"
    )


def model_card(metrics: dict[str, Any], params: Params) -> str:
    test, dev = metrics["test"], metrics["dev"]
    per_class = ", ".join(f"{k} {v:.3f}" for k, v in test["per_class_f1"].items())
    return f"""# stance — FNC-1 stance of an article body toward a claim

- **Task**: given a claim (or headline) and an article body, predict agree / disagree / discuss /
  unrelated (Fake News Challenge stage 1).
- **File**: `stance.npz` ({metrics["size_bytes"] / 1e6:.1f} MB; numpy arrays, loaded with
  `allow_pickle=False`). Inference is plain numpy (`newsift.detectors.stance`).
- **Date**: 2026-11-22.
- **Training data**: FNC-1 `train_stances.csv` + `train_bodies.csv` (49,972 pairs, 1,683 bodies;
  Pomerleau & Rao 2017, derived from Emergent, Ferreira & Vlachos 2016). Choices were made on a
  hold-out of 20% of the training stories (bodies and claims of a story never on both sides).
  The competition test set was scored twice: a first model whose folds and hold-out kept only
  bodies apart scored 81.37 (its hold-out, which shared claims with training, said 91.26); grouping
  folds and hold-out by story, as the test's unseen stories demand, with nothing else changed,
  gave this model.
- **Model**: (1) a one-hidden-layer ReLU MLP ({params.mlp_hidden} units) on L2-normalised term
  frequencies of claim and body over the {params.n_tf} most frequent training terms plus their
  TF-IDF cosine (the UCL FNC-1 system); (2) gradient-boosted trees (scikit-learn
  HistGradientBoosting, {params.tree_iter} rounds, {params.tree_leaves} leaves) over
  {len(F.HAND_FEATURE_NAMES)} hand features (TF-IDF cosines with the whole body, the lead and the
  best-matching sentences; word, n-gram and character n-gram overlap; refuting, hedging and
  confirming cue words in the claim, the body and the best-matching sentences) plus the MLP's
  {params.folds}-fold out-of-fold class probabilities (folds by topic). Decision: {params.decision}.
- **Parameters**: `{json.dumps(params.__dict__)}`

## Metrics

Official FNC-1 score (relatedness 0.25 + agree/disagree/discuss 0.75), as a percentage of the best
possible score, as the competition leaderboard reports it.

| split | FNC score | raw | macro-F1 | accuracy |
|---|---|---|---|---|
{_row("competition test (25,413 pairs)", test)}
{_row("hold-out: 20% of training topics (model selection)", dev)}

Published on the competition test: SOLAT in the SWEN (winner) 82.02, Athene 81.97, UCL 81.72;
best published 90.73.

Per-class F1 on the competition test: {per_class}.

Confusion matrix, competition test:

{_matrix_md(test["confusion"])}

## Limits

Trained on 2014-2015 news about rumours (Emergent); the label says how the body treats the claim,
not whether the claim is true. "disagree" is the rarest class and by far the weakest (F1
{test["per_class_f1"]["disagree"]:.2f} on the test): a debunking article is often labelled agree or
discuss, so read the verdict together with the sentences it points to. English only.

## Retrain

```
newsift train stance --data ../shared/data
newsift bench stance --data ../shared/data
```
"""
