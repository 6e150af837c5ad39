"""Shared fixtures: an isolated NEWSIFT_HOME, the example articles, a CLI runner, an HTTP server."""

from __future__ import annotations

import io
import json
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own user data directory (source DB, stores)."""
    home = tmp_path_factory.mktemp("newsift-home")
    monkeypatch.setenv("NEWSIFT_HOME", str(home))
    return home


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run `newsift ARGS...` in-process through the real entry point (error handling included)."""
    from newsift.cli import main

    def run(*args: str, stdin: bytes | None = None) -> CliResult:
        monkeypatch.setattr(sys, "argv", ["newsift", *args])
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", _Stdin(stdin))
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@dataclass
class Route:
    status: int
    content_type: str
    body: bytes


@pytest.fixture
def http_server() -> Iterator[tuple[str, dict[str, Route]]]:
    """A local server on 127.0.0.1; tests fill the routes dict (path -> Route)."""
    routes: dict[str, Route] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            route = routes.get(self.path, Route(404, "text/plain", b"not found"))
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

        def log_message(self, *args) -> None:  # keep test output clean
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", routes
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """One headless Chromium per module, for the browser tests under e2e/."""
    # Importing test_browser skips the test without Playwright or Chromium.
    from test_browser import CHROMIUM, LAUNCH_ARGS, playwright_api

    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def analyzer():
    """One real Analyzer (all registered detectors) shared by the tests of a module."""
    from newsift.analyzer import Analyzer

    return Analyzer()


@pytest.fixture
def make_client(analyzer) -> Iterator:
    """Build an API TestClient for given settings; the lifespan (model loading) runs on entry."""
    from fastapi.testclient import TestClient

    from newsift.api import Settings, create_app

    clients: list[TestClient] = []

    def make(settings: Settings | None = None, engine=None) -> TestClient:
        settings = settings or Settings(warm_up=False)
        client = TestClient(create_app(settings, analyzer=engine or analyzer))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)
