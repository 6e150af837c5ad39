"""Settings of the web service: limits, safety switches and persistence, fixed at start-up."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Everything `newsift serve` can configure. Defaults are the safe ones.

    `allow_private_urls` lets URL fetching reach loopback, private and link-local addresses
    (local testing only: on a shared server it would let users probe the internal network).
    CORS stays off unless `cors_origins` names the origins allowed to call the API.
    """

    max_body_bytes: int = 5 * MB
    timeout_s: float = 30.0  # whole request: fetching a URL plus analysing it
    fetch_timeout_s: float = 10.0  # one URL fetch, inside the request's time limit
    fetch_max_bytes: int = 5 * MB
    allow_private_urls: bool = False
    fetch_use_env_proxy: bool = False  # fetch through HTTP(S)_PROXY/ALL_PROXY, when set
    cors_origins: tuple[str, ...] = ()
    max_batch: int = 32
    # Analysis processes (each request goes to a free one); 0: analyse in threads of this one.
    # An analysis that overruns `timeout_s` is stopped (its process killed and replaced) only
    # with processes: a thread cannot be interrupted and finishes in the background.
    analysis_processes: int = 0
    # Threads for URL fetches, and for analyses when analysis_processes is 0 (analyses running
    # at once then; more would only queue on the CPU).
    analysis_threads: int = 4
    store_path: Path | None = None
    # A corpus (`newsift batch`, then `newsift stories`): every report gets its coverage there.
    corpus_path: Path | None = None
    warm_up: bool = True  # analyse a short text at start-up so the first request is not slow
    detectors: tuple[str, ...] | None = None  # None: every registered detector
    # Builds the Analyzer from `detectors` (default: `Analyzer(detectors)`); for programs that
    # embed the API (and tests), not a serve option. Analysis processes call it after spawn, so
    # it must be a picklable top-level callable.
    analyzer_factory: Callable[[Sequence[str] | None], Any] | None = None

    def __post_init__(self) -> None:
        if self.max_body_bytes <= 0:
            raise ValueError("the request body limit must be positive")
        if self.timeout_s <= 0:
            raise ValueError("the request time limit must be positive")
        if self.max_batch < 1:
            raise ValueError("the batch limit must be at least 1")
        if self.analysis_threads < 1:
            raise ValueError("the number of analysis threads must be at least 1")
        if self.analysis_processes < 0:
            raise ValueError("the number of analysis processes cannot be negative")
