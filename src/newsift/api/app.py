"""The FastAPI application: REST API under /v1, the analyst's web page at /, OpenAPI at /docs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from newsift import __version__
from newsift.api.errors import ApiError, api_error_for, install_error_handlers
from newsift.api.limits import BodyLimitMiddleware, SecurityHeadersMiddleware
from newsift.api.schemas import (
    AnalysisList,
    AnalysisSummary,
    AnalyzeRequest,
    BatchRequest,
    BatchResponse,
    CategoryInfo,
    ErrorBody,
    ErrorDetail,
    Health,
    Meta,
    SourceLabelInfo,
    TechniqueInfo,
)
from newsift.api.service import AnalysisResult, AnalysisService, encode_json
from newsift.api.settings import Settings
from newsift.findings import CATEGORIES, SCHEMA_VERSION, Report, SourceInfo

WEB_DIR = Path(__file__).resolve().parent.parent / "web"

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in {
        413: "Request body over the size limit",
        422: "Invalid request or unusable article",
        502: "The URL could not be fetched",
        504: "The analysis exceeded the time limit",
    }.items()
}


def _json(body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(body, status_code=status, media_type="application/json", headers=headers)


def _report_response(result: AnalysisResult) -> Response:
    headers = None
    if result.analysis_id is not None:
        headers = {
            "Location": f"/v1/analyses/{result.analysis_id}",
            "X-Analysis-Id": result.analysis_id,
        }
    return _json(result.body, headers=headers)


def create_app(settings: Settings | None = None, analyzer: Any | None = None) -> FastAPI:
    """Build the app. `analyzer` defaults to an Analyzer with every registered detector,
    created (and warmed up) when the app starts, not on the first request."""
    settings = settings or Settings()
    service = AnalysisService(settings, analyzer)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await service.load()
        try:
            yield
        finally:
            await service.close()

    app = FastAPIOffline(
        title="newsift",
        version=__version__,
        description=(
            "How far to trust a news article, and why. Every analysis runs offline on this "
            "server. Reports follow the schema at `/v1/schema`."
        ),
        lifespan=lifespan,
        static_url="/docs-assets",
        swagger_ui_parameters={"validatorUrl": None},  # the badge would call swagger.io
    )
    app.state.service = service
    app.state.settings = settings
    corpus = str(settings.corpus_path) if settings.corpus_path is not None else None
    install_error_handlers(app)

    # -- API ---------------------------------------------------------------------------------
    @app.get("/healthz", response_model=Health, tags=["service"])
    def healthz() -> Health:
        """Liveness: the detectors are loaded and the server answers."""
        return Health(
            status="ok", version=__version__, detectors=len(service.versions), corpus=corpus
        )

    @app.get("/v1/meta", response_model=Meta, tags=["service"])
    def meta() -> Meta:
        """Categories, detectors and limits: what a client needs to draw any report."""
        from newsift.detectors.propaganda.techniques import DEFINITIONS, READABLE_NAMES, TECHNIQUES
        from newsift.sources import EFFECT, LABELS

        return Meta(
            version=__version__,
            schema_version=SCHEMA_VERSION,
            categories=[CategoryInfo(name=k, description=v) for k, v in CATEGORIES.items()],
            detectors=service.versions,
            source_labels=[
                SourceLabelInfo(name=k, description=v, effect=EFFECT.get(k, 0.0))
                for k, v in LABELS.items()
            ],
            techniques=[
                TechniqueInfo(name=t, readable=READABLE_NAMES[t], definition=DEFINITIONS[t])
                for t in TECHNIQUES
            ],
            max_body_bytes=settings.max_body_bytes,
            max_batch=settings.max_batch,
            store=service.store is not None,
            corpus=corpus,
        )

    @app.get("/v1/schema", tags=["service"])
    def schema() -> dict[str, Any]:
        """The JSON Schema of a report (the same as `newsift schema`)."""
        from newsift.findings import report_json_schema

        return report_json_schema()

    @app.post("/v1/analyze", response_model=Report, responses=_ERRORS, tags=["analysis"])
    async def analyze(request: AnalyzeRequest) -> Response:
        """Analyse one article given as text, HTML or a URL to fetch.

        With `--store`, the response carries `Location: /v1/analyses/{id}`.
        """
        try:
            result = await service.analyze(request)
        except Exception as exc:
            raise api_error_for(exc) from exc
        return _report_response(result)

    @app.post(
        "/v1/analyze/batch", response_model=BatchResponse, responses=_ERRORS, tags=["analysis"]
    )
    async def analyze_batch(batch: BatchRequest) -> Response:
        """Analyse up to the server's batch limit of articles; each succeeds or fails alone."""
        if len(batch.documents) > settings.max_batch:
            raise ApiError(
                413,
                "batch_too_large",
                f"{len(batch.documents)} documents; the limit is {settings.max_batch} per request",
            )
        try:
            outcomes = await service.analyze_batch(batch.documents)
        except Exception as exc:
            raise api_error_for(exc) from exc
        return _json(_batch_body(outcomes))

    @app.get("/v1/sources/{domain}", response_model=SourceInfo, responses=_ERRORS, tags=["sources"])
    def source(domain: str) -> dict[str, Any]:
        """The publisher's record for a domain or URL host (found: false when unlisted)."""
        from newsift import sources
        from newsift.text.domains import registered_domain

        if registered_domain(domain) is None:
            raise ApiError(422, "invalid_domain", f"{domain!r} is not a registrable domain name")
        return asdict(sources.lookup(domain))

    @app.get("/v1/analyses", response_model=AnalysisList, tags=["store"])
    def list_analyses(
        limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)
    ) -> AnalysisList:
        """Stored analyses, newest first (needs `newsift serve --store FILE`)."""
        store = _require_store(service)
        rows, total = store.list(limit=limit, offset=offset)
        items = [AnalysisSummary(**asdict(row)) for row in rows]
        return AnalysisList(items=items, total=total, limit=limit, offset=offset)

    @app.get(
        "/v1/analyses/{analysis_id}",
        response_model=Report,
        responses={404: {"model": ErrorBody}},
        tags=["store"],
    )
    def get_analysis(analysis_id: str) -> Response:
        """One stored report, exactly as it was returned."""
        report = _require_store(service).get(analysis_id)
        if report is None:
            raise ApiError(404, "not_found", f"no stored analysis with id {analysis_id!r}")
        return _json(encode_json(report))

    # -- web page ----------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def index(_: Request) -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")

    # Middleware: the last added runs first, so the body cap sees every request.
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    app.add_middleware(SecurityHeadersMiddleware, csp_paths=("/static",))
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    return app


def _batch_body(outcomes: list[AnalysisResult | ApiError]) -> bytes:
    """The BatchResponse JSON, joined from the reports' bytes (never decoded and re-encoded)."""
    items = []
    for index, outcome in enumerate(outcomes):
        if isinstance(outcome, ApiError):
            error = ErrorDetail(code=outcome.code, message=outcome.message).model_dump()
            item = b'{"index": %d, "ok": false, "report": null, "error": %b}'
            items.append(item % (index, encode_json(error)))
        else:
            item = b'{"index": %d, "ok": true, "report": %b, "error": null}'
            items.append(item % (index, outcome.body))
    return b'{"results": [' + b", ".join(items) + b"]}"


def _require_store(service: AnalysisService):
    if service.store is None:
        raise ApiError(
            404, "store_disabled", "analyses are not kept; start the server with --store FILE"
        )
    return service.store
