"""Run benchmark tasks one by one; a task that fails becomes a failed row, never an exception."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsift.tasks import BenchResult, registry, run_bench


@dataclass
class BenchRow:
    """One task's outcome: a result, or the one-line reason it has none."""

    task: str
    result: BenchResult | None = None
    error: str | None = None
    seconds: float = 0.0
    command: str = ""
    records: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.result is not None

    def to_json(self) -> dict[str, Any]:
        """Flat: the metrics plus task, split, seconds (and error for a failed task)."""
        out: dict[str, Any] = {"task": self.task}
        if self.result is not None:
            out.update({k: _plain(v) for k, v in self.result.metrics.items()})
            out["split"] = self.result.split
        else:
            out["error"] = self.error
        out["seconds"] = round(self.seconds, 2)
        return out


def _plain(value: Any) -> Any:
    """numpy scalars -> Python numbers, so json.dumps never fails."""
    try:
        return value.item()
    except AttributeError:
        return value


def command_for(task: str, data_dir: Path) -> str:
    return f"newsift bench {task} --data {data_dir}"


def task_names(selection: str) -> list[str]:
    """'all' -> every task in registry order but the long ones run only by name; otherwise the
    one task named."""
    if selection == "all":
        return [name for name, spec in registry().items() if spec.in_all]
    return [selection]


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, ModuleNotFoundError):
        return f"not available yet: {text}"
    return text if len(text) <= 300 else text[:297] + "..."


def run_task(
    task: str,
    data_dir: Path,
    bench_fn: Callable[[str, Path], BenchResult] = run_bench,
) -> BenchRow:
    """Run one task; any exception becomes `BenchRow.error`."""
    started = time.perf_counter()
    row = BenchRow(task=task, command=command_for(task, data_dir))
    try:
        result = bench_fn(task, data_dir)
        if not isinstance(result, BenchResult):
            raise TypeError(f"bench returned {type(result).__name__}, not BenchResult")
        row.result = result
    except Exception as exc:  # the harness reports, it does not crash
        row.error = _one_line(exc)
    row.seconds = time.perf_counter() - started
    row.records = dict(row.result.records) if row.result else {}
    return row


def run_tasks(
    tasks: Iterable[str],
    data_dir: Path,
    on_row: Callable[[BenchRow], None] | None = None,
    bench_fn: Callable[[str, Path], BenchResult] = run_bench,
) -> list[BenchRow]:
    rows = []
    for task in tasks:
        row = run_task(task, data_dir, bench_fn)
        if on_row is not None:
            on_row(row)
        rows.append(row)
    return rows
