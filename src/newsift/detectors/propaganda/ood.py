"""The shipped propaganda model out of domain: SemEval-2021 Task 6 meme text (official test)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from newsift.detectors.propaganda.data import load_semeval2021_spans
from newsift.detectors.propaganda.detector import MODEL_PATH
from newsift.detectors.propaganda.features import tokenize
from newsift.detectors.propaganda.metrics import si_score, tc_micro_f1
from newsift.detectors.propaganda.model import PropagandaModel
from newsift.detectors.propaganda.techniques import TECHNIQUES
from newsift.errors import ModelError
from newsift.tasks import BenchResult


def ood_metrics(model: PropagandaModel, data_dir: Path) -> dict[str, float]:
    """SI and TC of `model` on the SemEval-2021 Task 6 official test split (meme text)."""
    articles = load_semeval2021_spans(data_dir / "test_set_task2.txt")
    pred: dict[str, list[tuple[int, int]]] = {}
    tc_pred: list[list[str]] = []
    tc_gold: list[list[str]] = []
    for a in articles:
        tok = tokenize(a.text)
        pred[a.id] = [(s.start, s.end) for s in model.predict(tok).spans]
        by_span = {k: [x for x in v if x] for k, v in a.labels_by_span().items()}
        spans = [k for k, v in by_span.items() if v]
        for row, span in zip(model.technique_probs(tok, spans), spans, strict=False):
            labs = by_span[span]
            tc_pred.append([TECHNIQUES[j] for j in np.argsort(-row)[: len(labs)]])
            tc_gold.append(labs)
    gold = {a.id: a.spans for a in articles}
    si = si_score(pred, gold)
    # Meme captions are short and mostly annotated: marking every whole text scores well too.
    whole = si_score({a.id: [(0, len(a.text.rstrip()))] for a in articles if a.text.strip()}, gold)
    metrics = {
        "si_precision": si.precision,
        "si_recall": si.recall,
        "si_f1": si.f1,
        "si_f1_whole_text_baseline": whole.f1,
        "tc_micro_f1": tc_micro_f1(tc_pred, tc_gold),
        "tc_majority_baseline": float(
            np.mean([lab == "Loaded_Language" for labs in tc_gold for lab in labs])
        ),
        "tc_spans": float(len(tc_gold)),
    }
    return metrics


def bench_ood(data_dir: Path) -> BenchResult:
    """The shipped model on SemEval-2021 Task 6 meme text (official test split), out of domain."""
    t0 = time.time()
    path = MODEL_PATH
    if not path.exists():
        raise ModelError(f"{path}: no propaganda model; run `newsift train propaganda` first")
    model = PropagandaModel.load(path)
    metrics = ood_metrics(model, Path(data_dir))
    return BenchResult(
        task="propaganda_ood",
        metrics={k: round(float(v), 4) for k, v in metrics.items()},
        split="official test (200 meme texts), model trained on PTC news only",
        notes=[
            "Out-of-domain check: short, often upper-case meme captions, not news.",
            "si_f1_whole_text_baseline marks each whole caption as one span; published 2021 "
            "results score span+technique jointly, so they are not comparable to these figures.",
            "SI counts every gold span; TC is scored on spans whose 2021 technique maps onto the "
            "2020 set (Smears, Glittering generalities and Obfuscation have no counterpart).",
        ],
        seconds=time.time() - t0,
    )
