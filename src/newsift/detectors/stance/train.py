"""Train and benchmark the stance model on FNC-1 (Fake News Challenge stage 1).

Recipe: an MLP on term-frequency vectors of claim and body plus their TF-IDF cosine (UCL's
FNC-1 system), whose out-of-fold class probabilities are stacked with hand features (FNC-1
baseline and follow-ups) under gradient-boosted trees. Trained on train_stances/train_bodies only;
choices were made on a hold-out of 20% of the training stories; the competition test set is
scored once, by `bench`, with the official FNC-1 score.

The steps live beside this module: `params`, `splits` (data and story folds), `fitting`,
`evaluation`, `card`.
"""

from __future__ import annotations

import time
from pathlib import Path

from newsift.detectors.stance.card import model_card
from newsift.detectors.stance.evaluation import evaluate, score_figures
from newsift.detectors.stance.fitting import fit, log_progress
from newsift.detectors.stance.model import load, save
from newsift.detectors.stance.params import PARAMS, Params
from newsift.detectors.stance.scorer import LABELS
from newsift.detectors.stance.splits import holdout_split, load_split
from newsift.tasks import BenchResult

HOME = Path(__file__).resolve().parent  # the model and its card live beside this module

MODEL_NAME = "stance.npz"
CARD_NAME = "stance.card.md"
RECORDS = {"SOLAT (winner)": 82.02, "best published": 90.73}


def train(data_dir: Path, out_dir: Path | None = None, params: Params = PARAMS) -> dict:
    """Fit on FNC-1 train; write model + card with hold-out (dev) and competition-test figures."""
    out_dir = Path(out_dir or HOME)
    out_dir.mkdir(parents=True, exist_ok=True)
    data = load_split(Path(data_dir), "train")
    fit_part, dev_part = holdout_split(data)
    log_progress(
        f"hold-out: fitting on {len(fit_part.labels)} pairs, scoring {len(dev_part.labels)}"
    )
    dev_model, _ = fit(fit_part, params)
    dev = score_figures(evaluate(dev_model, dev_part))
    log_progress(f"hold-out FNC score {dev['fnc_score']}, macro-F1 {dev['macro_f1']}")
    log_progress(f"final: fitting on all {len(data.labels)} training pairs")
    model, info = fit(data, params)
    path = out_dir / MODEL_NAME
    save(model, path)
    test = score_figures(evaluate(load(path), load_split(Path(data_dir), "competition_test")))
    log_progress(f"competition test FNC score {test['fnc_score']}, macro-F1 {test['macro_f1']}")
    metrics = {
        "dev": dev,
        "test": test,
        "mlp_oof_fnc": round(info["mlp_oof_fnc"], 2),
        "train_seconds": round(info["seconds"]),
        "size_bytes": path.stat().st_size,
    }
    (out_dir / CARD_NAME).write_text(model_card(metrics, params), encoding="utf-8")
    return metrics


def bench(data_dir: Path) -> BenchResult:
    """Score the shipped model on the FNC-1 competition test set with the official scorer."""
    from newsift.detectors.stance.inference import MODEL_PATH

    t0 = time.perf_counter()
    test = load_split(Path(data_dir), "competition_test")
    score = evaluate(load(MODEL_PATH), test)
    figures = score_figures(score)
    return BenchResult(
        task="stance",
        metrics={k: figures[k] for k in ("fnc_score", "fnc_raw", "macro_f1", "accuracy")},
        split="official competition test (25,413 pairs)",
        records=RECORDS,
        notes=[
            "FNC score: official weighted score as % of the best possible (leaderboard form)",
            "other competition entries: Athene 81.97, UCL 81.72",
        ],
        details={
            "labels": list(LABELS),
            "confusion": figures["confusion"],
            "per_class_f1": figures["per_class_f1"],
            "fnc_max": figures["fnc_max"],
        },
        seconds=time.perf_counter() - t0,
    )
