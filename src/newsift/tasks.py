"""Registry of trainable and benchmarkable tasks, shared by `newsift train` and `newsift bench`.

Each task names a dataset folder under the data directory (default ../shared/data), a training
function `train(data_dir: Path, out_dir: Path) -> dict` that writes a model file plus card into
`out_dir` and returns its metrics, and a benchmark function
`bench(data_dir: Path) -> BenchResult`. Functions are referenced as "module:function" strings and
imported only when the task runs.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsift.errors import DataError, NewsiftError

DEFAULT_DATA_DIR = Path("../shared/data")
DATA_ROOT = "*"  # the dataset of a task that reads several sets under the data root


@dataclass
class BenchResult:
    """What one benchmark measured. `metrics` keys are stable (used by --json and BENCHMARKS.md)."""

    task: str
    metrics: dict[str, float]
    split: str  # e.g. "official test", "5-fold CV by article"
    records: dict[str, float] = field(default_factory=dict)  # published results to compare to
    notes: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)  # e.g. a confusion matrix
    seconds: float = 0.0


@dataclass(frozen=True)
class TaskSpec:
    name: str
    dataset: str  # folder name under the data directory
    description: str
    train: str | None  # "module:function"
    bench: str | None  # "module:function"


def _spec(
    name: str,
    dataset: str,
    description: str,
    module: str,
    *,
    train: bool = True,
    bench_fn: str = "bench",
    train_fn: str = "train",
) -> TaskSpec:
    return TaskSpec(
        name,
        dataset,
        description,
        train=f"{module}:{train_fn}" if train else None,
        bench=f"{module}:{bench_fn}",
    )


# Order is the order of `newsift bench all` and of the table in BENCHMARKS.md.
TASKS: dict[str, TaskSpec] = {
    t.name: t
    for t in [
        _spec(
            "clickbait",
            "clickbait_chakraborty2016",
            "Clickbait headlines, held-out 20%",
            "newsift.detectors.clickbait.train",
        ),
        _spec(
            "propaganda",
            "semeval2020_task11_ptc",
            "Propaganda spans (SI) and techniques (TC), 5-fold CV by article",
            "newsift.detectors.propaganda.train",
        ),
        _spec(
            "propaganda_ood",
            "semeval2021_task6_meme_propaganda_text",
            "Propaganda techniques in meme text (out of domain), official test",
            "newsift.detectors.propaganda.train",
            train=False,
            bench_fn="bench_ood",
        ),
        _spec(
            "claims",
            "claimbuster",
            "Check-worthy claims, ClaimBuster 2-class (CFS vs rest), official test",
            "newsift.detectors.claims.train",
        ),
        _spec(
            "claims3",
            "claimbuster",
            "Check-worthy claims, ClaimBuster 3-class, disjoint_2000 test",
            "newsift.detectors.claims.train",
            train=False,
            bench_fn="bench_three",
        ),
        _spec(
            "claims_clef",
            "clef_checkthat_checkworthiness",
            "Check-worthiness ranking, CLEF CheckThat! gold test (MAP, P@10)",
            "newsift.detectors.claims.train",
            train=False,
            bench_fn="bench_clef",
        ),
        _spec(
            "stance",
            "fnc1",
            "Stance of a body toward a headline, FNC-1 competition test",
            "newsift.detectors.stance.train",
        ),
        _spec(
            "hyperpartisan",
            "semeval2019_hyperpartisan",
            "Hyperpartisan articles, 10-fold CV by article",
            "newsift.detectors.hyperpartisan.train",
        ),
        _spec(
            "reliability",
            DATA_ROOT,
            "Reliability score: leave-one-dataset-out over seven labelled sets, and "
            "leave-source-out on AllSides",
            "newsift.reliability.train",
        ),
        _spec(
            "analysis_speed",
            "semeval2020_task11_ptc",
            "End-to-end analysis speed (every detector), one process",
            "newsift.bench.speed",
            train=False,
        ),
        _spec(
            "liar",
            "liar",
            "LIAR 6-way truthfulness from text alone (reference)",
            "newsift.bench.liar",
            train=False,
        ),
    ]
}


def resolve_dataset(data_dir: Path, dataset: str) -> Path:
    """Accept either the data root (containing `dataset/`) or the dataset folder itself.

    A task over several sets (dataset DATA_ROOT) gets the data root itself."""
    data_dir = Path(data_dir)
    if dataset == DATA_ROOT:
        if data_dir.is_dir():
            return data_dir
        raise DataError(f"{data_dir}: no such data folder (give --data the data root)")
    if (data_dir / dataset).is_dir():
        return data_dir / dataset
    if data_dir.is_dir() and (data_dir / "SOURCE.md").exists() and data_dir.name == dataset:
        return data_dir
    raise DataError(f"{data_dir}: no dataset folder {dataset!r} found (give --data the data root)")


# Packages of the `train` extra: the default install analyses without them.
TRAIN_ONLY_PACKAGES = frozenset({"sklearn", "scipy"})
TRAIN_EXTRA_HINT = "pip install 'newsift[train]'"


class MissingExtraError(NewsiftError):
    """A command needs an optional extra that is not installed."""


def _home(target: str) -> Path:
    """The folder of a task's module: a capability's model and card live beside its code."""
    spec = importlib.util.find_spec(target.split(":")[0])
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).parent


def _resolve(target: str) -> Callable[..., Any]:
    module_name, func_name = target.split(":")
    return getattr(importlib.import_module(module_name), func_name)


def _call_needing_train_extra(what: str, target: str, *args: Any) -> Any:
    """Run a train or bench function; a missing training package becomes one line to act on.

    Modules import scikit-learn at the top or inside functions, so both the import and the call
    are guarded.
    """
    try:
        return _resolve(target)(*args)
    except ModuleNotFoundError as exc:
        top = (exc.name or "").split(".")[0]
        if top not in TRAIN_ONLY_PACKAGES:
            raise
        raise MissingExtraError(
            f"{what} needs the training extra ({top} not installed): {TRAIN_EXTRA_HINT}"
        ) from None


def get_task(name: str) -> TaskSpec:
    try:
        return TASKS[name]
    except KeyError:
        raise DataError(f"unknown task {name!r}; known: {', '.join(TASKS)}") from None


def run_train(name: str, data_dir: Path, out_dir: Path | None = None) -> dict[str, Any]:
    spec = get_task(name)
    if spec.train is None:
        raise DataError(f"task {name!r} has nothing to train")
    what = f"newsift train {name}"
    missing = [p for p in sorted(TRAIN_ONLY_PACKAGES) if importlib.util.find_spec(p) is None]
    if missing:  # said before the data is looked at: every trainer fits with scikit-learn
        raise MissingExtraError(
            f"{what} needs the training extra ({', '.join(missing)} not installed): "
            f"{TRAIN_EXTRA_HINT}"
        )
    dataset = resolve_dataset(data_dir, spec.dataset)
    return _call_needing_train_extra(what, spec.train, dataset, out_dir or _home(spec.train))


def run_bench(name: str, data_dir: Path) -> BenchResult:
    spec = get_task(name)
    if spec.bench is None:
        raise DataError(f"task {name!r} has no benchmark")
    dataset = resolve_dataset(data_dir, spec.dataset)
    return _call_needing_train_extra(f"benchmark {name!r} refits models and", spec.bench, dataset)
