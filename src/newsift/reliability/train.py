"""`newsift train reliability` and `newsift bench reliability`.

Evaluation (the issue's definitions):
- Leave-one-dataset-out (LODO): for each labelled set, the combiner is fitted on all the other
  sets (articles whose text also occurs in the held-out set removed) and calibrated on their
  own leave-one-dataset-out predictions, then scores the held-out set. Text only: the
  publisher's record is taken out. Again "with URLs" for the sets that have them (FakeNewsNet).
  AllSides is always text only there: its labels are its outlets' ratings, which the source
  prior knows.
- Leave-source-out (LSO) on AllSides: 5 folds that each hold out whole outlets, text only;
  low-rated (pc1 < 0.4) against high-rated (>= 0.7) outlets.
- ROC-AUC of the score for the reliable class (the same as of 100 - score for the unreliable
  one), ECE over 10 equal-width bins of score / 100, and the band confusion. rules-v0 is
  scored on the same held-out articles.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from newsift.bench.metrics import expected_calibration_error, roc_auc
from newsift.reliability import corpus, fit
from newsift.reliability.datasets import RELIABLE_PC1, UNRELIABLE_PC1
from newsift.reliability.features import BY_NAME, NAMES, SPECS
from newsift.reliability.model import ReliabilityModel
from newsift.tasks import BenchResult

URL_SETS = frozenset({"fakenewsnet_buzzfeed", "fakenewsnet_politifact"})
LSO_SET = "allsides"
LSO_FOLDS = 5
SEED = 7
RELIABLE_AT, UNRELIABLE_BELOW = 67.0, 40.0
CARD_DATE = "2026-12-07"


def _matrix(table: corpus.Table, with_urls: bool) -> np.ndarray:
    """Features per row: the URL-mode row where the set has URLs and we use them."""
    if not with_urls:
        return table.x_text
    use_url = np.isin(table.datasets, list(URL_SETS))
    return np.where(use_url[:, None], table.x_url, table.x_text)


def _fit(
    x: np.ndarray, y: np.ndarray, sets: np.ndarray, calibrate: bool = True
) -> ReliabilityModel:
    """The combiner on these rows, Platt-calibrated on their leave-one-dataset-out logits."""
    if not calibrate or len(set(sets)) < 2:
        return fit.fit_model(x, y, sets, NAMES)
    oof = np.zeros(len(y))
    for held in sorted(set(sets)):
        inner = sets != held
        model = fit.fit_model(x[inner], y[inner], sets[inner], NAMES)
        oof[~inner] = fit.raw_logits(model, x[~inner])
    return fit.fit_model(x, y, sets, NAMES, oof_logits=oof, oof_labels=y)


def _scores(model: ReliabilityModel, x: np.ndarray) -> np.ndarray:
    z = model.logit_matrix(x)
    return 100.0 / (1.0 + np.exp(-z))


def _bands(scores: np.ndarray) -> np.ndarray:
    return np.where(
        scores >= RELIABLE_AT,
        "reliable",
        np.where(scores < UNRELIABLE_BELOW, "unreliable", "mixed"),
    )


def _confusion(scores: np.ndarray, y: np.ndarray) -> dict[str, dict[str, int]]:
    bands = _bands(scores)
    return {
        cls: {
            b: int(((bands == b) & (y == lab)).sum()) for b in ("reliable", "mixed", "unreliable")
        }
        for cls, lab in (("reliable", 1), ("unreliable", 0))
    }


def _summary(scores: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    return {
        "n": int(len(y)),
        "n_reliable": int(y.sum()),
        "auc": roc_auc(scores, y),
        "ece": expected_calibration_error(scores / 100.0, y),
        "bands": _confusion(scores, y),
    }


def lodo(
    table: corpus.Table, with_urls: bool, sets: list[str] | None = None
) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Held-out set -> (learned scores, rules-v0 scores, labels)."""
    x = _matrix(table, with_urls)
    y, datasets = table.labels, table.datasets
    keys = np.array(table.text_keys)
    out = {}
    for held in sets or list(dict.fromkeys(datasets)):
        test = datasets == held
        train = ~test & ~np.isin(keys, keys[test])  # the same article in two sets: kept apart
        model = _fit(x[train], y[train], datasets[train])
        rules = table.rules_url if with_urls and held in URL_SETS else table.rules_text
        out[held] = (_scores(model, x[test]), rules[test], y[test])
    return out


def lso(table: corpus.Table) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Leave-source-out on AllSides, text only: (learned scores, rules scores, labels)."""
    x, y, datasets = table.x_text, table.labels, table.datasets
    inside = np.flatnonzero(datasets == LSO_SET)
    folds = corpus.outlet_folds(table.articles)[inside]  # the style model's folds too
    scores = np.zeros(len(inside))
    for f in range(LSO_FOLDS):
        test = inside[folds == f]
        train = np.ones(len(y), dtype=bool)
        train[test] = False
        model = _fit(x[train], y[train], datasets[train])
        scores[folds == f] = _scores(model, x[test])
    return scores, table.rules_text[inside], y[inside]


def _pooled(results: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]], k: int) -> tuple:
    scores = np.concatenate([r[k] for r in results.values()])
    labels = np.concatenate([r[2] for r in results.values()])
    return scores, labels


def _band_recalls(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    reliable = float((scores[y == 1] >= RELIABLE_AT).mean()) if (y == 1).any() else float("nan")
    unreliable = (
        float((scores[y == 0] < UNRELIABLE_BELOW).mean()) if (y == 0).any() else float("nan")
    )
    return reliable, unreliable


def evaluate(table: corpus.Table) -> tuple[dict[str, float], dict[str, Any], list[str]]:
    """(metrics, details, note lines) of the issue's evaluation."""
    text = lodo(table, with_urls=False)
    url = lodo(table, with_urls=True, sets=[s for s in text if s in URL_SETS])
    lso_scores, lso_rules, lso_y = lso(table)
    metrics: dict[str, float] = {}
    details: dict[str, Any] = {"text": {}, "url": {}}
    notes: list[str] = []
    for prefix, k in (("", 0), ("rules_", 1)):
        aucs = [roc_auc(r[k], r[2]) for r in text.values()]
        aucs = [a for a in aucs if a == a]  # a one-class set (Golbeck) has no AUC
        url_aucs = [roc_auc(r[k], r[2]) for r in url.values()]
        scores, labels = _pooled(text, k)
        reliable, unreliable = _band_recalls(scores, labels)
        metrics[f"{prefix}lodo_auc_mean_text"] = float(np.mean(aucs))
        metrics[f"{prefix}lodo_auc_min_text"] = float(np.min(aucs))
        metrics[f"{prefix}lodo_auc_mean_url"] = (
            float(np.mean(url_aucs)) if url_aucs else float("nan")
        )
        metrics[f"{prefix}ece"] = expected_calibration_error(scores / 100.0, labels)
        metrics[f"{prefix}reliable_band_recall"] = reliable
        metrics[f"{prefix}unreliable_band_recall"] = unreliable
        url_scores, url_labels = _pooled(url, k)
        metrics[f"{prefix}url_ece"] = expected_calibration_error(url_scores / 100.0, url_labels)
        metrics[f"{prefix}lso_auc_text"] = roc_auc(lso_scores if k == 0 else lso_rules, lso_y)
    for mode, results in (("text", text), ("url", url)):
        for name, (learned, rules, y) in results.items():
            d = {"learned": _summary(learned, y), "rules": _summary(rules, y)}
            details[mode][name] = d
            lb, rb = d["learned"]["bands"], d["rules"]["bands"]
            notes.append(
                f"{name} ({mode}, {len(y)} articles, {int(y.sum())} reliable): "
                f"AUC {d['learned']['auc']:.3f} (rules-v0 {d['rules']['auc']:.3f}), "
                f"ECE {d['learned']['ece']:.3f} (rules-v0 {d['rules']['ece']:.3f}), "
                f"bands reliable->{_band_text(lb['reliable'])} unreliable->"
                f"{_band_text(lb['unreliable'])} (rules-v0 reliable->{_band_text(rb['reliable'])} "
                f"unreliable->{_band_text(rb['unreliable'])})"
            )
    details["lso"] = {"learned": _summary(lso_scores, lso_y), "rules": _summary(lso_rules, lso_y)}
    notes.append(
        f"allsides leave-source-out ({LSO_FOLDS} folds by outlet, {len(lso_y)} articles, "
        f"{len(set(table.groups[table.datasets == LSO_SET]))} outlets): AUC "
        f"{metrics['lso_auc_text']:.3f} (rules-v0 {metrics['rules_lso_auc_text']:.3f})"
    )
    return metrics, details, notes


def _band_text(counts: dict[str, int]) -> str:
    return f"{counts['reliable']}/{counts['mixed']}/{counts['unreliable']}"


def bench(data_dir: Path) -> BenchResult:
    started = time.perf_counter()
    table = corpus.build(data_dir)
    metrics, details, notes = evaluate(table)
    counts = {name: int((table.datasets == name).sum()) for name in dict.fromkeys(table.datasets)}
    return BenchResult(
        task="reliability",
        metrics=metrics,
        split=(
            "leave-one-dataset-out over 7 labelled sets (text only; with URLs for FakeNewsNet) "
            "+ 5-fold leave-source-out on AllSides"
        ),
        notes=[
            "Per held-out set: AUC of the score for the reliable class, ECE (10 bins), bands "
            "reliable/mixed/unreliable of the reliable and of the unreliable articles.",
            *notes,
            "Golbeck 2018 has no reliable class: it counts in the pooled ECE and band recalls, "
            "not in the AUC mean. Satire counts as unreliable.",
        ],
        details={**details, "articles": counts},
        seconds=time.perf_counter() - started,
    )


def train(
    data_dir: Path, out_dir: Path, progress: Callable[[str, int, int], None] | None = None
) -> dict[str, Any]:
    """Fit the shipped combiner on every labelled set (with URLs where they exist), write
    reliability.npz and its card, and return the bench figures the card reports."""
    table = corpus.build(data_dir, progress=progress)
    x = _matrix(table, with_urls=True)
    model = _fit(x, table.labels, table.datasets)
    model = replace(
        model,
        meta={
            "task": "reliability",
            "trained": CARD_DATE,
            "data": sorted({str(d) for d in table.datasets}),
            "n_train": len(table.labels),
        },
    )
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "reliability.npz"
    model.save(path)
    from newsift.detectors.style import train as style
    from newsift.detectors.style.detector import MODEL_PATH as STYLE_PATH

    style_rows = table.articles + table.style_extra
    style_model = style.fit(style_rows, {"trained": CARD_DATE, "n_train": len(style_rows)})
    # Shipped in place, each model goes to its own capability's folder; elsewhere, side by side.
    in_place = out_dir.resolve() == Path(__file__).resolve().parent
    style_model.save(STYLE_PATH if in_place else out_dir / "style.npz")
    metrics, _details, notes = evaluate(table)
    _write_card(out_dir / "reliability.card.md", model, table, metrics, notes, data_dir)
    return {k: round(v, 4) for k, v in metrics.items()}


def _write_card(
    path: Path,
    model: ReliabilityModel,
    table: corpus.Table,
    metrics: dict[str, float],
    notes: list[str],
    data_dir: Path,
) -> None:
    from newsift.detectors.style import train as style

    counts = {name: int((table.datasets == name).sum()) for name in dict.fromkeys(table.datasets)}
    reliable = {name: int(table.labels[table.datasets == name].sum()) for name in counts}
    lines = [
        "# Reliability combiner (`reliability.npz`, method learned-v1) and reporting-style "
        "model (`style.npz`)",
        "",
        "- style.npz: TF-IDF of words and word pairs (by presence) + ridge regression "
        f"(alpha {style.ALPHA}) of "
        "the outlet's domain-quality rating (newsift.detectors.style.train): AllSides articles "
        "carry their outlet's Lin et al. rating (the mid-rated outlets' too, "
        f"{len(table.style_extra)} articles that are not rows of the combiner), the other sets' "
        "articles the mean rating of AllSides' articles of their class; vocabulary limited to "
        f"terms that at least {style.MIN_OUTLETS} AllSides outlets use, then to the "
        f"{style.MAX_TERMS:,} terms of largest weight (refitted); inside AllSides every outlet "
        f"of a rating band (below {UNRELIABLE_PC1}, {UNRELIABLE_PC1}-{RELIABLE_PC1}, "
        f"{RELIABLE_PC1} and above) weighted equally and every band the same in all, outside "
        "it every (set, class) cell. Its output, "
        f"{style.SCALE:g} x (rating - {style.CENTER}), is the combiner's `reporting_style` "
        "feature, which the combiner learns from out-of-fold outputs (each set scored by a "
        "style model that never saw it, AllSides by models that never saw the outlet).",
        f"- Trained: {CARD_DATE} ({date.today().isoformat()} run), by "
        f"`newsift train reliability --data {data_dir}`.",
        "- Model: logistic regression over the detectors' signals, each weight constrained to its "
        "feature's fixed direction (newsift.reliability.features), every (set, class) cell "
        "weighted equally; Platt calibration on leave-one-dataset-out predictions.",
        f"- Score = 100 x sigmoid({model.platt_a:.4f} x (w . x + {model.bias:.4f}) + "
        f"{model.platt_c:.4f}); baseline (no signal, unknown publisher) {model.baseline:.2f}.",
        "- Data (articles, of which reliable): "
        + "; ".join(f"{n} {counts[n]} ({reliable[n]})" for n in counts)
        + ". FakeNewsNet rows carry their URL (the page's canonical address where the shared "
        "link is a short link such as politi.co or cnn.it), so the publisher's record is "
        "learned from them; AllSides rows are text only (their label is their outlet's rating).",
        "",
        "| feature | direction | weight | meaning |",
        "|---|---|---|---|",
    ]
    for spec in SPECS:
        w = float(model.weights[list(model.names).index(spec.name)])
        sign = "+" if spec.direction > 0 else "-"
        lines.append(f"| {spec.name} | {sign} | {w:.4f} | {spec.meaning} |")
    lines += [
        "",
        "## Figures (`newsift bench reliability --data ../shared/data`)",
        "",
        "| metric | learned-v1 | rules-v0 |",
        "|---|---|---|",
    ]
    for key in (
        "lodo_auc_mean_text",
        "lodo_auc_min_text",
        "lodo_auc_mean_url",
        "lso_auc_text",
        "ece",
        "url_ece",
        "reliable_band_recall",
        "unreliable_band_recall",
    ):
        lines.append(f"| {key} | {metrics[key]:.4f} | {metrics['rules_' + key]:.4f} |")
    lines += ["", "Per held-out set:", ""] + [f"- {n}" for n in notes]
    lines += [
        "",
        "Limits: the labelled sets are old (2016-2018) US political and celebrity news; their "
        "labels are per article (FakeNewsNet, Horne, Pérez-Rosas, Golbeck) or per outlet "
        "(AllSides). The score weighs sourcing, the outlet's own voice and the publisher's "
        "record; it does not check facts.",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


__all__ = ["BY_NAME", "bench", "evaluate", "train"]
