"""The shipped claims model, zero-shot, on CLEF CheckThat! gold test files (MAP and P@10).

It ranks the sentences of the CLEF CheckThat! 2019 Task 1 and 2020 Task 5 gold test files; it
never sees CLEF training data.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

from newsift.bench.metrics import average_precision, mean_over_groups, precision_at_k
from newsift.detectors.claims.claimbuster import fold_text, read_claimbuster
from newsift.detectors.claims.evaluation import shipped_model
from newsift.errors import DataError
from newsift.inference.linear import LinearTextModel
from newsift.tasks import BenchResult

# Best primary-run MAP in the official CLEF results (Atanasova et al. 2019; Shaar et al. 2020).
CLEF_RECORDS = {"ct2019_best_map": 0.1660, "ct2020_task5_best_map": 0.0870}


def read_ct2019_test(path: Path) -> dict[str, tuple[list[str], list[int]]]:
    """CT19-T1-Test.csv grouped by debate: file_name -> (texts, labels)."""
    if not path.exists():
        raise DataError(f"{path}: missing (expected the clef_checkthat_checkworthiness folder)")
    groups: dict[str, tuple[list[str], list[int]]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            texts, labels = groups.setdefault(row["file_name"], ([], []))
            texts.append(row["text"])
            labels.append(int(row["label"]))
    return groups


def read_ct2020_task5_test(path: Path) -> tuple[list[str], list[int]]:
    if not path.exists():
        raise DataError(f"{path}: missing (expected the clef_checkthat_checkworthiness folder)")
    texts, labels = [], []
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader, None)
        for row in reader:
            if len(row) >= 2:
                texts.append(row[0])
                labels.append(int(row[-1]))
    return texts, labels


def clef_metrics(model: LinearTextModel, data_dir: Path) -> dict[str, float]:
    """MAP / P@10 of `model` on the CT19 Task 1 and CT20 Task 5 gold test files."""
    ct19 = read_ct2019_test(data_dir / "ct2019_task1" / "CT19-T1-Test.csv")
    scored19 = {k: (model.positive_proba(t), labels) for k, (t, labels) in ct19.items()}
    texts20, labels20 = read_ct2020_task5_test(data_dir / "ct2020_task5" / "test-gold.tsv")
    scores20 = model.positive_proba(texts20)
    return {
        "map": mean_over_groups(average_precision, scored19),
        "p_at_10": mean_over_groups(precision_at_k, scored19, k=10),
        "ct2020_task5_map": average_precision(scores20, labels20),
        "ct2020_task5_p_at_10": precision_at_k(scores20, labels20, 10),
    }


def bench_clef(data_dir: Path) -> BenchResult:
    """MAP and P@10 of the shipped (ClaimBuster-trained) model on CLEF gold test files."""
    started = time.perf_counter()
    data_dir = Path(data_dir)
    model = shipped_model()
    metrics = clef_metrics(model, data_dir)
    notes = [
        "Zero-shot: the model is trained on ClaimBuster only (no CLEF training data).",
        "2019: MAP and P@10 averaged over the 7 test debates/speeches, as the official scorer.",
        "2020 Task 5: the flattened gold file has no debate boundaries, so AP and P@10 are "
        "computed over one ranking of all its sentences (the official MAP averages debates).",
    ]
    ct19 = read_ct2019_test(data_dir / "ct2019_task1" / "CT19-T1-Test.csv")
    texts20, labels20 = read_ct2020_task5_test(data_dir / "ct2020_task5" / "test-gold.tsv")
    overlap = _clef_overlap(data_dir.parent / "claimbuster", ct19, texts20, labels20)
    if overlap is not None:
        notes.append(
            f"{overlap} check-worthy CLEF test sentences also occur (same text) in ClaimBuster "
            "training data."
        )
    return BenchResult(
        task="claims_clef",
        metrics=metrics,
        split="CLEF CheckThat! 2019 Task 1 test gold (7 files); 2020 Task 5 test gold",
        records=dict(CLEF_RECORDS),
        notes=notes,
        details={"ct2020_task5_sentences": len(texts20), "ct2019_files": sorted(ct19)},
        seconds=time.perf_counter() - started,
    )


def _clef_overlap(claimbuster_dir: Path, ct19, texts20, labels20) -> int | None:
    """How many positive CLEF test sentences appear verbatim in ClaimBuster train.json."""
    path = claimbuster_dir / "two_class" / "train.json"
    if not path.exists():
        return None
    seen = {fold_text(t) for t in read_claimbuster(path).texts}
    positives = [
        t for texts, labels in ct19.values() for t, y in zip(texts, labels, strict=True) if y
    ]
    positives += [t for t, y in zip(texts20, labels20, strict=True) if y]
    return sum(fold_text(t) in seen for t in positives)
