"""Registry of trainable and benchmarkable tasks, shared by `newsift train` and `newsift bench`.

Each task names a dataset folder under the data directory (default ../shared/data), a training
function `train(data_dir: Path, out_dir: Path) -> dict` that writes a model file plus card into
`out_dir` and returns its metrics, and a benchmark function
`bench(data_dir: Path) -> BenchResult`. Functions are referenced as "module:function" strings and
imported only when the task runs.

Tasks are not listed here: each capability folder declares its own in its `__init__.py`
(`TASKS = [task_spec(...)]`), and `registry()` collects them.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
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
    rank: int = 100  # place in `newsift bench all` and in BENCHMARKS.md; ties by name
    in_all: bool = True  # False: a long benchmark run only by name (`newsift bench batch`)


def task_spec(
    name: str,
    dataset: str,
    description: str,
    module: str,
    *,
    train: bool = True,
    bench_fn: str = "bench",
    train_fn: str = "train",
    rank: int = 100,
    in_all: bool = True,
) -> TaskSpec:
    """A task whose train and bench functions live in `module` (usually `<folder>.train`)."""
    return TaskSpec(
        name,
        dataset,
        description,
        train=f"{module}:{train_fn}" if train else None,
        bench=f"{module}:{bench_fn}",
        rank=rank,
        in_all=in_all,
    )


# Tasks are declared where their code lives: a package's `TASKS = [task_spec(...)]` in its
# `__init__.py`. Every package under newsift.detectors is searched, so a new trained capability
# (one folder) brings its tasks with it; these homes hold the tasks that are not a detector's.
DETECTORS_PACKAGE = "newsift.detectors"
OTHER_TASK_HOMES = ("newsift.reliability", "newsift.bench", "newsift.stories")

_registry: dict[str, TaskSpec] | None = None


def task_homes() -> list[str]:
    """Every package that may declare TASKS: the capability folders, then the other homes."""
    detectors = importlib.import_module(DETECTORS_PACKAGE)
    folders = sorted(m.name for m in pkgutil.iter_modules(detectors.__path__) if m.ispkg)
    return [f"{DETECTORS_PACKAGE}.{name}" for name in folders] + list(OTHER_TASK_HOMES)


def discover() -> dict[str, TaskSpec]:
    """Name -> task, in rank order, from the TASKS lists of every task home.

    Importing a home runs only its `__init__.py`; the train and bench modules load when a task
    runs."""
    specs: list[TaskSpec] = []
    for home in task_homes():
        specs.extend(getattr(importlib.import_module(home), "TASKS", ()))
    specs.sort(key=lambda spec: (spec.rank, spec.name))
    out: dict[str, TaskSpec] = {}
    for spec in specs:
        if spec.name in out:
            raise NewsiftError(
                f"task {spec.name!r} is declared twice ({spec.bench}, {out[spec.name].bench})"
            )
        out[spec.name] = spec
    return out


def registry() -> dict[str, TaskSpec]:
    """Every task, discovered once per process."""
    global _registry
    if _registry is None:
        _registry = discover()
    return _registry


def __getattr__(name: str) -> Any:
    # `TASKS` is computed on first use: discovery imports the capability folders' packages,
    # which import this module for `task_spec`.
    if name == "TASKS":
        return registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    tasks = registry()
    try:
        return tasks[name]
    except KeyError:
        raise DataError(f"unknown task {name!r}; known: {', '.join(tasks)}") from None


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
