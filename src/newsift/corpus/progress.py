"""Progress of a batch: a rich bar on a terminal, periodic plain lines otherwise, or nothing."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

LOG_EVERY_S = 10.0  # plain progress lines (not a terminal); NEWSIFT_PROGRESS_EVERY overrides


def _seconds(value: str | None, default: float) -> float:
    try:
        return max(0.0, float(value)) if value else default
    except ValueError:
        return default


@dataclass
class Counts:
    """What a run has done so far."""

    articles: int = 0
    errors: int = 0
    skipped: int = 0  # already in the corpus
    findings: int = 0
    words: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def records(self) -> int:
        return self.articles + self.errors

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def rate(self) -> float:
        """Articles analysed per second (bad records are counted apart)."""
        return self.articles / self.seconds if self.seconds > 0 else 0.0


class BatchProgress:
    """Reports `Counts` as they change. `total` (records to read, when known) gives the ETA."""

    def __init__(self, counts: Counts, total: int | None, quiet: bool = False) -> None:
        self.counts = counts
        self.total = total
        self.quiet = quiet
        self._bar: Progress | None = None
        self._task = None
        self._last_log = time.monotonic()
        self._every = _seconds(os.environ.get("NEWSIFT_PROGRESS_EVERY"), LOG_EVERY_S)
        self._console = Console(stderr=True)

    def __enter__(self) -> BatchProgress:
        if not self.quiet and sys.stderr.isatty():
            self._bar = Progress(
                TextColumn("[bold]batch"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f} articles/s"),
                TextColumn("[red]{task.fields[errors]} errors"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=self._console,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task("batch", total=self.total, rate=0.0, errors=0)
        return self

    def update(self) -> None:
        c = self.counts
        if self._bar is not None and self._task is not None:
            self._bar.update(
                self._task, completed=c.records + c.skipped, rate=c.rate(), errors=c.errors
            )
        elif not self.quiet and time.monotonic() - self._last_log >= self._every:
            self._last_log = time.monotonic()
            of = f" of {self.total:,}" if self.total is not None else ""
            print(
                f"batch: {c.records + c.skipped:,}{of} records ({c.articles:,} articles, "
                f"{c.errors:,} errors, {c.skipped:,} already done), {c.rate():.1f} articles/s",
                file=sys.stderr,
                flush=True,
            )

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self.update()
            self._bar.__exit__(exc_type, exc, tb)
