"""The one wall-clock budget of a URL fetch, shared by every DNS lookup, connection and read."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class Deadline:
    """The one wall-clock budget of a fetch."""

    seconds: float
    end: float = field(init=False)

    def __post_init__(self) -> None:
        self.end = time.monotonic() + self.seconds

    @property
    def message(self) -> str:
        return f"timed out after {self.seconds:g} s"

    def left(self) -> float:
        return self.end - time.monotonic()

    def cap(self, timeout: float | None, expired: type[Exception]) -> float:
        """`timeout` cut to the time left; `expired` raised when none is left."""
        left = self.left()
        if left <= 0:
            raise expired(self.message)
        return left if timeout is None else min(timeout, left)
