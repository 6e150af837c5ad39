"""Turns API requests into Documents and Reports, off the event loop and within a time limit.

Analysis is CPU-bound. With `analysis_processes` > 0 it runs in a pool of analysis processes
(`newsift.api.pool`), each request on whichever process is free; URLs are still fetched here,
in threads. With 0 it runs in worker threads of this process (at most `analysis_threads` at
once). Either way the event loop stays free to accept, time out and answer other requests.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
import orjson

from newsift.api.errors import ApiError, api_error_for
from newsift.api.schemas import AnalyzeRequest
from newsift.api.settings import Settings
from newsift.api.store import AnalysisStore
from newsift.document import Document
from newsift.errors import FetchError

if TYPE_CHECKING:
    from newsift.api.pool import AnalysisPool

T = TypeVar("T")

WARM_UP_TEXT = (
    "Officials said on Monday that the city council approved the budget after a long debate. "
    "Please donate today to keep our reporting free! Critics called the plan a disgraceful "
    "betrayal, according to a statement released by the mayor's office."
)


@dataclass(frozen=True)
class AnalysisResult:
    body: bytes  # the report as JSON, encoded once where it was analysed
    analysis_id: str | None


def _json_default(value: Any) -> Any:
    # Detectors may leave numpy scalars or arrays in `evidence`; JSON has no such types.
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


# orjson: the report of a partisan article (about 90 findings) took 2.4 ms to encode with the
# standard library, most of a request's time outside the analysis itself; orjson takes 0.1 ms.
_JSON_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS


def encode_json(obj: Any) -> bytes:
    """UTF-8 JSON. NaN and infinities, which JSON lacks, become null (orjson's rule)."""
    try:
        return orjson.dumps(obj, default=_json_default, option=_JSON_OPTIONS)
    except orjson.JSONEncodeError as exc:
        if "surrogates" not in str(exc):
            raise
        # A lone surrogate that got past ingest (a field set by hand): U+FFFD, not a 500.
        return orjson.dumps(_scrubbed(obj), default=_json_default, option=_JSON_OPTIONS)


def _scrubbed(value: Any) -> Any:
    """A JSON-like copy of `value` (dataclasses as dicts) with lone surrogates replaced."""
    from dataclasses import asdict, is_dataclass

    from newsift.text.safetext import scrub_surrogates

    if isinstance(value, str):
        return scrub_surrogates(value)
    if is_dataclass(value) and not isinstance(value, type):
        value = value.to_dict() if hasattr(value, "to_dict") else asdict(value)
    if isinstance(value, dict):
        return {_scrubbed(k): _scrubbed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrubbed(v) for v in value]
    return value


# orjson writes every field of a dataclass, but a Report's coverage key is left out when there
# is none, as `Report.to_dict` does: this tail is cut off (the field comes last).
_NULL_COVERAGE = b',"coverage":null}'


def encode_report(report: Any, coverage: dict[str, Any] | None = None) -> bytes:
    """A Report as the API returns it: JSON bytes, with NaN/inf as null.

    orjson writes dataclasses as `dataclasses.asdict` would, which is what `Report.to_dict`
    returns (a test holds them equal), without building the dicts first. `coverage` (the JSON
    of `newsift serve --corpus`) becomes the last key; without it there is no coverage key.
    """
    attached = getattr(report, "coverage", None)
    if attached is not None:  # a report that carries one already: written as its to_dict
        from dataclasses import replace

        report = replace(report, coverage=None)
        coverage = coverage if coverage is not None else attached.to_dict()
    body = encode_json(report)
    if body.endswith(_NULL_COVERAGE):
        body = body[: -len(_NULL_COVERAGE)] + b"}"
    if coverage is None:
        return body
    return body[:-1] + b',"coverage":' + encode_json(coverage) + b"}"


def analysed_body(report: Any, doc: Document, corpus: Path | None) -> bytes:
    """The report of `doc` as the API returns it, with its coverage in `corpus` when given."""
    if corpus is None:
        return encode_report(report)
    from newsift.api.coverage import coverage_of

    return encode_report(report, coverage_of(corpus, doc, report))


def document_for(request: AnalyzeRequest, settings: Settings | None = None) -> Document:
    """Ingest one request into a Document; raises ApiError/InputError for unusable input.

    `text` is always plain text: markup in it is article content, shown, never parsed.
    `settings` limits URL fetches (the defaults, the safe ones, when not given).
    """
    from newsift import ingest

    if request.url is not None:
        settings = settings or Settings()
        try:
            doc = ingest.from_url(
                request.url,
                timeout=settings.fetch_timeout_s,
                max_bytes=settings.fetch_max_bytes,
                allow_private=settings.allow_private_urls,
                use_env_proxy=settings.fetch_use_env_proxy,
            )
        except FetchError as exc:  # the upstream failed: unreachable, slow, HTTP error, not HTML
            raise ApiError(502, "fetch_failed", str(exc)) from None
        # Any other InputError (malformed URL, private address refused) is the client's: 422.
    elif request.file_base64 is not None:
        doc = _uploaded_document(request.file_base64, request.filename)
    elif request.html is not None:
        doc = ingest.from_html(request.html)
    else:
        doc = ingest.from_text(request.text or "", title=request.title)
    if request.title:
        doc.title = request.title
    doc.claim = request.claim
    return doc


def _uploaded_document(data_base64: str, filename: str | None) -> Document:
    """A file sent by the web page as bytes: decoded here, with the CLI's encoding detection."""
    import base64
    import binascii

    from newsift.ingest.files import content_type_for
    from newsift.ingest.formats import from_bytes

    name = (filename or "").strip() or "<upload>"
    try:
        data = base64.b64decode(data_base64, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(422, "invalid_input", f"{name}: file_base64 is not valid base64") from None
    return from_bytes(data, source_name=name, content_type=content_type_for(name))


class AnalysisService:
    """Owns the Analyzer or the pool of analysis processes (loaded once), the optional store
    and the worker-thread limiter."""

    def __init__(self, settings: Settings, analyzer: Any | None = None) -> None:
        if analyzer is not None and settings.analysis_processes > 0:
            raise ValueError("an Analyzer object cannot be shared with analysis processes")
        self.settings = settings
        self.analyzer = analyzer
        self.pool: AnalysisPool | None = None
        self._pool_versions: dict[str, str] = {}
        self.store = AnalysisStore(settings.store_path) if settings.store_path else None
        self._limiter: anyio.CapacityLimiter | None = None

    # -- lifecycle -------------------------------------------------------------------------
    async def load(self) -> None:
        """Load the detectors' models now, so the first request is as fast as the rest."""
        if self.settings.analysis_processes > 0:
            from newsift.api.pool import AnalysisPool

            pool = AnalysisPool(
                self.settings.analysis_processes,
                self.settings.detectors,
                self.settings.warm_up,
                self.settings.analyzer_factory,
                self.settings.corpus_path,
            )
            self._pool_versions = await pool.start()
            self.pool = pool
            return
        if self.analyzer is None:
            from newsift.api.pool import default_analyzer

            factory = self.settings.analyzer_factory or default_analyzer
            self.analyzer = factory(self.settings.detectors)
        if self.settings.warm_up:  # with a corpus, its coverage too (loads the stance model)
            doc = self.document_for(AnalyzeRequest(text=WARM_UP_TEXT))
            analysed_body(self.analyzer.analyze_document(doc), doc, self.settings.corpus_path)

    async def close(self) -> None:
        if self.pool is not None:
            await self.pool.close()
            self.pool = None
        if self.store is not None:
            self.store.close()

    @property
    def versions(self) -> dict[str, str]:
        if self.pool is not None:
            return dict(self._pool_versions)
        return dict(self.analyzer.versions) if self.analyzer is not None else {}

    # -- work done in threads --------------------------------------------------------------
    def document_for(self, request: AnalyzeRequest) -> Document:
        return document_for(request, self.settings)

    def _stored(self, body: bytes) -> AnalysisResult:
        analysis_id = self.store.add_encoded(body) if self.store is not None else None
        return AnalysisResult(body=body, analysis_id=analysis_id)

    def _finish(self, report_obj: Any, doc: Document) -> AnalysisResult:
        return self._stored(analysed_body(report_obj, doc, self.settings.corpus_path))

    def analyze_sync(self, request: AnalyzeRequest) -> AnalysisResult:
        doc = self.document_for(request)
        return self._finish(self.analyzer.analyze_document(doc), doc)

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
            for (i, doc), report in zip(docs, reports, strict=True):
                results[i] = self._finish(report, doc)
        return [r for r in results if r is not None]

    # -- the async face ----------------------------------------------------------------------
    async def analyze(self, request: AnalyzeRequest) -> AnalysisResult:
        """One article, within the request's time limit (504 after it), waiting for a free
        process included. At the limit the pool kills the process analysing it (the
        cancellation reaches `AnalysisPool._call`) and starts another."""
        if self.pool is None:
            return await self.run(self.analyze_sync, request)
        started = time.perf_counter()
        try:
            with anyio.fail_after(self.settings.timeout_s):
                item = await self._fetched(request)
                body = await self.pool.analyze(item)
                return (await self._kept([body]))[0]
        except TimeoutError:
            raise self._timed_out(started) from None

    async def analyze_batch(
        self, requests: list[AnalyzeRequest]
    ) -> list[AnalysisResult | ApiError]:
        """Each article succeeds or fails alone, all within one request's time limit."""
        if self.pool is None:
            return await self.run(self.analyze_batch_sync, requests)
        started = time.perf_counter()
        try:
            with anyio.fail_after(self.settings.timeout_s):
                outcomes: list[Any] = [None] * len(requests)
                items: list[tuple[int, Any]] = []
                for i, request in enumerate(requests):
                    try:
                        items.append((i, await self._fetched(request)))
                    except Exception as exc:  # one unreachable URL must not sink the batch
                        outcomes[i] = api_error_for(exc)
                if items:
                    analysed = await self.pool.analyze_batch([item for _, item in items])
                    for (i, _), outcome in zip(items, analysed, strict=True):
                        outcomes[i] = outcome
                return await self._kept(outcomes)
        except TimeoutError:
            raise self._timed_out(started) from None

    async def _fetched(self, request: AnalyzeRequest) -> AnalyzeRequest | Document:
        """What goes to an analysis process: text/html requests as they are (ingesting is CPU
        work, done there), URLs fetched here in a thread (waiting on the network is not)."""
        if request.url is None:
            return request
        return await anyio.to_thread.run_sync(
            partial(document_for, request, self.settings),
            limiter=self._thread_limiter(),
            abandon_on_cancel=True,
        )

    async def _kept(self, outcomes: list[Any]) -> list[Any]:
        """Reports (bytes) become AnalysisResults, stored first when there is a store (in a
        thread: a database write may wait on the disk); errors pass through."""

        def keep() -> list[Any]:
            return [o if isinstance(o, ApiError) else self._stored(o) for o in outcomes]

        return keep() if self.store is None else await anyio.to_thread.run_sync(keep)

    def _thread_limiter(self) -> anyio.CapacityLimiter:
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.settings.analysis_threads)
        return self._limiter

    def _timed_out(self, started: float) -> ApiError:
        waited = time.perf_counter() - started
        return ApiError(
            504,
            "timeout",
            f"the analysis did not finish within the time limit of "
            f"{self.settings.timeout_s:g} s (gave up after {waited:.1f} s)",
        )

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """Run `func(*args)` in a worker thread; 504 when the request's time limit passes.

        A timed-out analysis cannot be interrupted inside Python; its thread finishes in the
        background and keeps its slot until then, which is what stops overload piling up.
        """
        started = time.perf_counter()
        try:
            with anyio.fail_after(self.settings.timeout_s):
                return await anyio.to_thread.run_sync(
                    partial(func, *args), limiter=self._thread_limiter(), abandon_on_cancel=True
                )
        except TimeoutError:
            raise self._timed_out(started) from None
