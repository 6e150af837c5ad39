"""Turns API requests into Documents and Reports, off the event loop and within a time limit.

Analysis is CPU-bound, so it runs in worker threads (at most `analysis_threads` at once) and
the event loop stays free to accept, time out and answer other requests.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

import anyio

from newsift.api.errors import ApiError, api_error_for
from newsift.api.schemas import AnalyzeRequest
from newsift.api.settings import Settings
from newsift.api.store import AnalysisStore
from newsift.document import Document
from newsift.errors import InputError

T = TypeVar("T")

WARM_UP_TEXT = (
    "Officials said on Monday that the city council approved the budget after a long debate. "
    "Please donate today to keep our reporting free! Critics called the plan a disgraceful "
    "betrayal, according to a statement released by the mayor's office."
)


@dataclass(frozen=True)
class AnalysisResult:
    report: dict[str, Any]
    body: bytes  # the report as JSON, encoded once in the worker thread
    analysis_id: str | None


def _json_default(value: Any) -> Any:
    # Detectors may leave numpy scalars or arrays in `evidence`; JSON has no such types.
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def encode_json(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, default=_json_default, allow_nan=False).encode()


def _finite(obj: Any) -> Any:
    """Replace NaN/inf (not JSON) by None, recursively."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_finite(v) for v in obj]
    return obj


class AnalysisService:
    """Owns the Analyzer (loaded once), the optional store and the worker-thread limiter."""

    def __init__(self, settings: Settings, analyzer: Any | None = None) -> None:
        self.settings = settings
        self.analyzer = analyzer
        self.store = AnalysisStore(settings.store_path) if settings.store_path else None
        self._limiter: anyio.CapacityLimiter | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def load(self) -> None:
        """Load the detectors' models now, so the first request is as fast as the rest."""
        if self.analyzer is None:
            from newsift.analyzer import Analyzer

            detectors = list(self.settings.detectors) if self.settings.detectors else None
            self.analyzer = Analyzer(detectors)
        if self.settings.warm_up:
            self.analyzer.analyze_document(self.document_for(AnalyzeRequest(text=WARM_UP_TEXT)))

    def close(self) -> None:
        if self.store is not None:
            self.store.close()

    @property
    def versions(self) -> dict[str, str]:
        return dict(self.analyzer.versions) if self.analyzer is not None else {}

    # -- work done in threads --------------------------------------------------------------
    def document_for(self, request: AnalyzeRequest) -> Document:
        """Ingest one request into a Document; raises ApiError/InputError for unusable input.

        `text` is always plain text: markup in it is article content, shown, never parsed.
        """
        from newsift import ingest

        if request.url is not None:
            try:
                doc = ingest.from_url(
                    request.url,
                    timeout=self.settings.fetch_timeout_s,
                    max_bytes=self.settings.fetch_max_bytes,
                    allow_private=self.settings.allow_private_urls,
                )
            except InputError as exc:  # refused, unreachable, HTTP error, not an article
                raise ApiError(422, "fetch_failed", str(exc)) from None
        elif request.html is not None:
            doc = ingest.from_html(request.html)
        else:
            doc = ingest.from_text(request.text or "", title=request.title)
        if request.title:
            doc.title = request.title
        doc.claim = request.claim
        return doc

    def _finish(self, report_obj: Any) -> AnalysisResult:
        report = _finite(report_obj.to_dict())
        body = encode_json(report)
        analysis_id = self.store.add(json.loads(body)) if self.store is not None else None
        return AnalysisResult(report=report, body=body, analysis_id=analysis_id)

    def analyze_sync(self, request: AnalyzeRequest) -> AnalysisResult:
        doc = self.document_for(request)
        return self._finish(self.analyzer.analyze_document(doc))

    def analyze_batch_sync(self, requests: list[AnalyzeRequest]) -> list[AnalysisResult | ApiError]:
        """Each document succeeds or fails alone; the good ones are analysed together."""
        results: list[AnalysisResult | ApiError | None] = [None] * len(requests)
        docs: list[tuple[int, Document]] = []
        for i, request in enumerate(requests):
            try:
                docs.append((i, self.document_for(request)))
            except Exception as exc:  # one bad document must not sink the batch
                results[i] = api_error_for(exc)
        if docs:
            reports = self.analyzer.analyze_documents([doc for _, doc in docs])
            for (i, _), report in zip(docs, reports, strict=True):
                results[i] = self._finish(report)
        return [r for r in results if r is not None]

    # -- the async face ----------------------------------------------------------------------
    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """Run `func(*args)` in a worker thread; 504 when the request's time limit passes.

        A timed-out analysis cannot be interrupted inside Python; its thread finishes in the
        background and keeps its slot until then, which is what stops overload piling up.
        """
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.settings.analysis_threads)
        started = time.perf_counter()
        try:
            with anyio.fail_after(self.settings.timeout_s):
                return await anyio.to_thread.run_sync(
                    partial(func, *args), limiter=self._limiter, abandon_on_cancel=True
                )
        except TimeoutError:
            waited = time.perf_counter() - started
            raise ApiError(
                504,
                "timeout",
                f"the analysis did not finish within the time limit of "
                f"{self.settings.timeout_s:g} s (gave up after {waited:.1f} s)",
            ) from None
