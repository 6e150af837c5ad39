"""Every error leaves the API as JSON: {"error": {"code", "message", "details"?}}.

No traceback or internal detail reaches a client; unexpected failures are logged here instead.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsift.errors import FetchError, InputError, NewsiftError

log = logging.getLogger("newsift.api")

_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    502: "fetch_failed",
    503: "busy",
    504: "timeout",
}


class ApiError(Exception):
    """An error with a chosen status and code, raised by routes and services."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def error_body(code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict:
    error: dict[str, Any] = {"code": code, "message": message}
    if details:
        error["details"] = details
    return {"error": error}


def error_response(
    status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(code, message, details), status_code=status)


def api_error_for(exc: Exception) -> ApiError:
    """The client-facing form of an exception raised while analysing one document."""
    if isinstance(exc, ApiError):
        return exc
    if isinstance(exc, FetchError):  # the URL was valid; the server it names failed us
        return ApiError(502, "fetch_failed", str(exc))
    if isinstance(exc, InputError):
        return ApiError(422, "invalid_input", str(exc))
    if isinstance(exc, NewsiftError):
        log.error("analysis failed: %s", exc)
        return ApiError(500, "analysis_failed", str(exc))
    log.exception("unexpected error", exc_info=exc)
    return ApiError(500, "internal_error", "internal error; the server log has the details")


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    # Keep location and message only: echoing `input` back could return megabytes of article.
    return [
        {"loc": [str(part) for part in err.get("loc", ())], "msg": str(err.get("msg", ""))}
        for err in exc.errors()
    ]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = _validation_details(exc)
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        where = ".".join(p for p in first["loc"] if p != "body")
        message = f"{where}: {first['msg']}" if where else first["msg"]
        return error_response(422, "invalid_request", message, details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _CODES.get(exc.status_code, "http_error")
        response = error_response(exc.status_code, code, str(exc.detail))
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(NewsiftError)
    async def _newsift(_: Request, exc: NewsiftError) -> JSONResponse:
        error = api_error_for(exc)
        return error_response(error.status, error.code, error.message)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        error = api_error_for(exc)
        return error_response(error.status, error.code, error.message)
