"""Settings of the web service: limits, safety switches and persistence, fixed at start-up."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path

MB = 1024 * 1024
# `newsift serve --workers N` starts N processes; each builds its app from this variable.
SETTINGS_ENV_VAR = "NEWSIFT_SERVE_SETTINGS"


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
    cors_origins: tuple[str, ...] = ()
    max_batch: int = 32
    analysis_threads: int = 4  # analyses running at once; more would only queue on the CPU
    store_path: Path | None = None
    warm_up: bool = True  # analyse a short text at start-up so the first request is not slow
    detectors: tuple[str, ...] | None = None  # None: every registered detector

    def __post_init__(self) -> None:
        if self.max_body_bytes <= 0:
            raise ValueError("the request body limit must be positive")
        if self.timeout_s <= 0:
            raise ValueError("the request time limit must be positive")
        if self.max_batch < 1:
            raise ValueError("the batch limit must be at least 1")
        if self.analysis_threads < 1:
            raise ValueError("the number of analysis threads must be at least 1")

    def to_json(self) -> str:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["store_path"] = str(self.store_path) if self.store_path else None
        return json.dumps(values)

    @classmethod
    def from_json(cls, text: str) -> Settings:
        values = json.loads(text)
        if values.get("store_path"):
            values["store_path"] = Path(values["store_path"])
        for name in ("cors_origins", "detectors"):
            if values.get(name) is not None:
                values[name] = tuple(values[name])
        return cls(**values)
