"""The model card (`claims.card.md`) written beside the trained claims model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsift.tasks import DEFAULT_DATA_DIR

CARD_DATE = "2026-11-22"


def write_card(
    path: Path,
    meta: dict[str, Any],
    metrics: dict[str, float],
    cv: dict[str, float],
    model: Path,
    clef: dict[str, float],
) -> None:
    data = DEFAULT_DATA_DIR
    lines = [
        "# Check-worthy claim classifier (`claims.npz`)",
        "",
        f"- Trained: {CARD_DATE}, by `newsift train claims --data {data}`.",
        "- Data: ClaimBuster (Arslan, Hassan, Li & Tremayne, ICWSM 2020; Meng et al. 2020 "
        "two-class export, utaresearch/claimbuster-spotter, GPL-3.0): US presidential debate "
        f"sentences, `two_class/train.json` ({meta['n_train']} sentences after removing "
        f"{meta['dropped_overlap']} that overlap the test file by id or text).",
        "- Labels: 1 = CFS (check-worthy factual sentence), 0 = NFS + UFS.",
        "- Model: TF-IDF word 1-3-grams + char_wb 1-4-grams (sublinear tf, min_df 2), logistic "
        f"regression with balanced class weights, C={meta['C']} chosen by 5-fold CV CFS F1 on "
        "the training file (" + ", ".join(f"C={k}: {v:.4f}" for k, v in cv.items()) + ").",
        "- Format: `.npz` of plain arrays (vocabularies, idf, float32 coefficients, JSON header), "
        "loaded with `allow_pickle=False`; numpy inference, CPU only. "
        f"Size: {model.stat().st_size / 1e6:.2f} MB.",
        "",
        "## Metrics (two_class/test.json: 351 CFS / 351 other, threshold 0.5)",
        "",
        "| CFS F1 | CFS precision | CFS recall | macro F1 | accuracy |",
        "|---|---|---|---|---|",
        f"| {metrics['cfs_f1']:.4f} | {metrics['cfs_precision']:.4f} | "
        f"{metrics['cfs_recall']:.4f} | {metrics['macro_f1']:.4f} | {metrics['accuracy']:.4f} |",
        "",
    ]
    if clef:
        lines += [
            "## Zero-shot ranking on CLEF CheckThat! gold test files (no CLEF training data)",
            "",
            "| 2019 Task 1 MAP | 2019 P@10 | 2020 Task 5 AP (one ranking) | 2020 P@10 |",
            "|---|---|---|---|",
            f"| {clef['map']:.4f} | {clef['p_at_10']:.4f} | {clef['ct2020_task5_map']:.4f} | "
            f"{clef['ct2020_task5_p_at_10']:.4f} |",
            "",
            "Best official primary runs: MAP 0.1660 (2019 Task 1), 0.0870 (2020 Task 5; averaged "
            "over debates, which the flattened 2020 file here cannot separate).",
            "",
        ]
    lines += [
        "The 3-class figures (NFS / UFS / CFS, data_small -> disjoint_2000) come from "
        "`newsift bench claims3`, which fits this recipe; see BENCHMARKS.md.",
        "",
        "## Limits",
        "",
        "- Trained on spoken debate sentences (1960-2016); news prose, tweets and non-English text "
        "are out of domain.",
        "- Balanced class weights make the model generous: on real articles, treat probability "
        "as a ranking of what to check first, not as a verdict.",
        "",
        f"Retrain: `newsift train claims --data {data}`; measure: "
        f"`newsift bench claims --data {data}`.",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
