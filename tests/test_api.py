"""The HTTP API (`newsift serve`): analysis endpoints, limits, errors, safety and the web page."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from conftest import EXAMPLES, Route
from newsift.api import Settings
from newsift.findings import CATEGORIES, Report

PARTISAN = (EXAMPLES / "partisan.txt").read_text(encoding="utf-8")
WIRE = (EXAMPLES / "wire.txt").read_text(encoding="utf-8")
XSS_ARTICLE = (
    "The mayor said on Monday that the budget was approved.\n\n"
    'Readers saw <script>window.__xss=1</script> and <img src=x onerror="window.__xss=2"> '
    "in the comments, officials said."
)


@pytest.fixture
def client(make_client) -> TestClient:
    return make_client()


def assert_error(response, status: int, code: str | None = None) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["message"]
    if code is not None:
        assert error["code"] == code
    assert "Traceback" not in error["message"]
    return error["message"]


def quoted(report: dict, category: str) -> list[str]:
    text = report["article"]["text"]
    return [
        text[f["start"] : f["end"]]
        for f in report["findings"]
        if f["category"] == category and f["start"] is not None
    ]


# -- service endpoints ---------------------------------------------------------------------------


def test_healthz_reports_loaded_detectors(client, analyzer):
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["detectors"] == len(analyzer.versions) > 0


def test_meta_lists_every_category_and_detector(client, analyzer):
    meta = client.get("/v1/meta").json()
    assert [c["name"] for c in meta["categories"]] == list(CATEGORIES)
    assert all(c["description"] for c in meta["categories"])
    assert meta["detectors"] == analyzer.versions
    assert meta["max_body_bytes"] == 5 * 1024 * 1024
    effects = {label["name"]: label["effect"] for label in meta["source_labels"]}
    assert effects["fake"] < 0 < effects["reliable"]
    techniques = {t["name"]: t for t in meta["techniques"]}
    assert techniques["Loaded_Language"]["definition"]


def test_schema_endpoint_serves_the_report_schema(client):
    schema = client.get("/v1/schema").json()
    assert schema["title"] == "newsift Report"
    assert "reliability" in schema["properties"]


def test_openapi_documents_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/v1/analyze", "/v1/analyze/batch", "/v1/sources/{domain}", "/healthz"):
        assert path in paths


# -- analysis ------------------------------------------------------------------------------------


def test_analyze_text_returns_a_report_that_follows_the_schema(client):
    response = client.post("/v1/analyze", json={"text": PARTISAN})
    assert response.status_code == 200, response.text
    report = response.json()
    TypeAdapter(Report).validate_python(report)  # raises on any schema violation
    assert any("Donate Here" in q or "raise" in q for q in quoted(report, "fundraising"))
    assert "bully boy" in " ".join(quoted(report, "propaganda")).lower()
    assert "location" not in response.headers  # nothing is stored without --store


def test_partisan_scores_below_wire_through_the_api(client):
    partisan = client.post("/v1/analyze", json={"text": PARTISAN}).json()
    wire = client.post("/v1/analyze", json={"text": WIRE}).json()
    assert partisan["reliability"]["score"] < wire["reliability"]["score"]


def test_analyze_html_extracts_the_article(client):
    html = (EXAMPLES / "partisan.html").read_text(encoding="utf-8")
    report = client.post("/v1/analyze", json={"html": html}).json()
    assert report["article"]["input_format"] == "html"
    assert "<" not in report["article"]["text"][:200]
    assert quoted(report, "fundraising")


def test_title_and_claim_reach_the_report(client):
    body = {"text": WIRE, "title": "A headline given by the user", "claim": "Talks failed"}
    report = client.post("/v1/analyze", json=body).json()
    assert report["article"]["title"] == "A headline given by the user"


def test_plain_text_is_never_parsed_as_html(client):
    report = client.post("/v1/analyze", json={"text": XSS_ARTICLE}).json()
    text = report["article"]["text"]
    assert "<script>window.__xss=1</script>" in text
    assert '<img src=x onerror="window.__xss=2">' in text


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"title": "only a title"},
        {"text": WIRE, "url": "https://example.org/a"},
        {"text": WIRE, "html": "<p>x</p>"},
        {"url": "ftp://example.org/a"},
        {"text": WIRE, "colour": "red"},
        {"text": 42},
    ],
)
def test_malformed_requests_are_422_json(client, body):
    message = assert_error(client.post("/v1/analyze", json=body), 422, "invalid_request")
    assert len(message) < 300


def test_broken_json_is_a_json_error(client):
    response = client.post(
        "/v1/analyze", content=b'{"text": "abc', headers={"content-type": "application/json"}
    )
    assert_error(response, 422, "invalid_request")


def test_unknown_path_and_wrong_method_are_json_errors(client):
    assert_error(client.get("/v1/nothing-here"), 404, "not_found")
    assert_error(client.get("/v1/analyze"), 405, "method_not_allowed")


# -- URL fetching --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9/story", "http://localhost/story", "http://169.254.169.254/latest/"],
)
def test_private_addresses_are_refused_by_default(client, url):
    # Refused by policy: the client's request is at fault (422), not the upstream (502).
    message = assert_error(client.post("/v1/analyze", json={"url": url}), 422, "invalid_input")
    assert "private or local address" in message


def test_private_addresses_can_be_allowed_for_local_testing(make_client, http_server):
    base, routes = http_server
    html = (EXAMPLES / "partisan.html").read_bytes()
    routes["/story"] = Route(200, "text/html; charset=utf-8", html)
    client = make_client(Settings(warm_up=False, allow_private_urls=True))
    response = client.post("/v1/analyze", json={"url": f"{base}/story"})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["article"]["url"] == f"{base}/story"
    assert quoted(report, "fundraising")


def test_fetch_failure_is_reported_with_its_reason(make_client, http_server):
    base, routes = http_server
    routes["/gone"] = Route(404, "text/plain", b"not found")
    client = make_client(Settings(warm_up=False, allow_private_urls=True))
    response = client.post("/v1/analyze", json={"url": f"{base}/gone"})
    assert "HTTP 404" in assert_error(response, 502, "fetch_failed")  # upstream failure


# -- batch ---------------------------------------------------------------------------------------


def test_batch_analyses_each_document_and_isolates_failures(client):
    body = {
        "documents": [
            {"text": PARTISAN},
            {"url": "http://127.0.0.1:9/private"},
            {"text": WIRE, "title": "Wire"},
        ]
    }
    response = client.post("/v1/analyze/batch", json=body)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["index"] for r in results] == [0, 1, 2]
    assert [r["ok"] for r in results] == [True, False, True]
    assert results[1]["error"]["message"]
    assert results[2]["report"]["article"]["title"] == "Wire"
    assert (
        results[0]["report"]["reliability"]["score"] < results[2]["report"]["reliability"]["score"]
    )


def test_batch_size_is_bounded(make_client):
    client = make_client(Settings(warm_up=False, max_batch=2))
    body = {"documents": [{"text": WIRE}] * 3}
    assert "limit is 2" in assert_error(client.post("/v1/analyze/batch", json=body), 413)
    assert_error(client.post("/v1/analyze/batch", json={"documents": []}), 422)


# -- limits --------------------------------------------------------------------------------------


def test_body_over_the_cap_is_413(make_client):
    client = make_client(Settings(warm_up=False, max_body_bytes=2000))
    response = client.post("/v1/analyze", json={"text": "word " * 1000})
    assert "limit" in assert_error(response, 413, "body_too_large")


def test_streamed_body_without_length_is_capped_too(make_client):
    client = make_client(Settings(warm_up=False, max_body_bytes=2000))

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"word " * 20
        yield b'"}'

    response = client.post(
        "/v1/analyze", content=chunks(), headers={"content-type": "application/json"}
    )
    assert_error(response, 413, "body_too_large")


class _SlowAnalyzer:
    """Wraps the real analyzer and sleeps first: the request time limit must cut in."""

    def __init__(self, inner, delay_s: float) -> None:
        self.inner, self.delay_s = inner, delay_s

    @property
    def versions(self):
        return self.inner.versions

    def analyze_document(self, doc):
        time.sleep(self.delay_s)
        return self.inner.analyze_document(doc)

    def analyze_documents(self, docs):
        time.sleep(self.delay_s)
        return self.inner.analyze_documents(docs)


def test_request_time_limit_answers_504(make_client, analyzer):
    client = make_client(
        Settings(warm_up=False, timeout_s=0.2), engine=_SlowAnalyzer(analyzer, 1.0)
    )
    started = time.perf_counter()
    response = client.post("/v1/analyze", json={"text": WIRE})
    assert time.perf_counter() - started < 0.9  # answered at the limit, not after the work
    assert "time limit" in assert_error(response, 504, "timeout")


class _BrokenAnalyzer(_SlowAnalyzer):
    def analyze_document(self, doc):
        raise RuntimeError("secret internal detail at /srv/model.npz")


def test_unexpected_failure_is_500_without_internals(make_client, analyzer):
    client = make_client(Settings(warm_up=False), engine=_BrokenAnalyzer(analyzer, 0))
    message = assert_error(client.post("/v1/analyze", json={"text": WIRE}), 500)
    assert "secret" not in message and "/srv" not in message


# -- sources -------------------------------------------------------------------------------------


def test_source_lookup_returns_the_record(client):
    unknown = client.get("/v1/sources/example.org").json()
    assert unknown["domain"] and unknown["found"] is False


def test_source_lookup_finds_a_listed_domain(client, run_cli):
    assert (
        run_cli(
            "sources", "set", "listed-example.org", "--label", "fake", "--reason", "A test label."
        ).code
        == 0
    )
    record = client.get("/v1/sources/www.listed-example.org").json()
    assert record["found"] is True
    assert "fake" in record["labels"]
    assert record["user_override"] is True


def test_source_lookup_rejects_a_non_domain(client):
    assert_error(client.get("/v1/sources/not_a_domain"), 422, "invalid_domain")


# -- persistence ---------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".sqlite", ".duckdb"])
def test_store_keeps_every_analysis(make_client, tmp_path, suffix):
    if suffix == ".duckdb":
        pytest.importorskip("duckdb", reason="DuckDB is not installed")
    settings = Settings(warm_up=False, store_path=tmp_path / f"analyses{suffix}")
    client = make_client(settings)
    first = client.post("/v1/analyze", json={"text": PARTISAN, "title": "First"})
    second = client.post("/v1/analyze", json={"text": WIRE, "title": "Second"})
    assert first.status_code == second.status_code == 200
    location = first.headers["location"]
    assert location == f"/v1/analyses/{first.headers['x-analysis-id']}"

    assert client.get(location).json() == first.json()
    listing = client.get("/v1/analyses").json()
    assert listing["total"] == 2
    assert [item["title"] for item in listing["items"]] == ["Second", "First"]
    assert listing["items"][1]["score"] == first.json()["reliability"]["score"]
    assert client.get("/v1/analyses?limit=1&offset=1").json()["items"][0]["title"] == "First"
    assert_error(client.get("/v1/analyses/no-such-id"), 404, "not_found")


def test_store_survives_a_restart(make_client, tmp_path):
    settings = Settings(warm_up=False, store_path=tmp_path / "kept.sqlite")
    first = make_client(settings)
    analysis_id = first.post("/v1/analyze", json={"text": WIRE}).headers["x-analysis-id"]
    first.__exit__(None, None, None)
    assert make_client(settings).get(f"/v1/analyses/{analysis_id}").status_code == 200


def test_analyses_need_a_store(client):
    assert "--store" in assert_error(client.get("/v1/analyses"), 404, "store_disabled")


# -- CORS and the web page -----------------------------------------------------------------------


def _preflight(client: TestClient):
    return client.options(
        "/v1/analyze",
        headers={"Origin": "https://newsroom.example", "Access-Control-Request-Method": "POST"},
    )


def test_cors_is_off_unless_configured(client, make_client):
    assert "access-control-allow-origin" not in _preflight(client).headers
    allowed = make_client(Settings(warm_up=False, cors_origins=("https://newsroom.example",)))
    response = _preflight(allowed)
    assert response.headers["access-control-allow-origin"] == "https://newsroom.example"


def test_page_and_assets_are_served_with_a_strict_policy(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    for asset in ("/static/app.js", "/static/style.css", "/static/favicon.svg"):
        assert client.get(asset).status_code == 200, asset
        assert asset in page.text


def test_page_loads_nothing_from_outside(client):
    external = re.compile(r"(src|href)\s*=\s*[\"']?(https?:)?//|@import|url\(\s*[\"']?https?:")
    for path in ("/", "/static/app.js", "/static/style.css"):
        body = client.get(path).text
        assert not external.search(body), path
    script = client.get("/static/app.js").text
    assert not re.search(r"\.(inner|outer)HTML\s*=|insertAdjacentHTML|document\.write", script)


def test_api_docs_work_offline(client):
    docs = client.get("/docs").text
    assert "cdn." not in docs and "/docs-assets/swagger-ui-bundle.js" in docs
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
    assert client.get("/docs-assets/swagger-ui.css").status_code == 200


# -- the serve command -----------------------------------------------------------------------------


def test_serve_refuses_bad_settings_in_one_line(run_cli):
    result = run_cli("serve", "--max-body-mb", "0")
    assert result.code == 2
    assert result.err.strip().count("\n") == 0 and "body limit" in result.err


def test_serve_passes_its_fetch_and_pool_options_to_the_app(run_cli, monkeypatch):
    import uvicorn

    import newsift.api

    seen: dict = {}
    monkeypatch.setattr(newsift.api, "create_app", lambda settings: seen.update(settings=settings))
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: seen.update(run=kwargs))
    result = run_cli("serve", "--use-env-proxy", "--workers", "0", "--port", "8123")
    assert result.code == 0, result.err
    assert seen["settings"].fetch_use_env_proxy is True
    assert seen["settings"].analysis_processes == 0 and seen["run"]["port"] == 8123
    assert run_cli("serve", "--workers", "0").code == 0
    assert seen["settings"].fetch_use_env_proxy is False  # off unless asked


def test_serve_refuses_a_negative_number_of_workers(run_cli):
    result = run_cli("serve", "--workers", "-1")
    assert result.code == 2 and "analysis processes" in result.err


def test_json_encoding_turns_non_finite_numbers_and_numpy_values_into_json() -> None:
    import json

    import numpy as np

    from newsift.api.service import encode_json

    body = encode_json(
        {
            "nan": float("nan"),
            "inf": np.float64("inf"),
            "scores": np.array([0.5, np.nan], dtype=np.float32),
            "count": np.int64(3),
            "tags": {"a"},
            "text": "Россия – “quoted” <script>",
        }
    )
    decoded = json.loads(body)  # strict JSON: the standard parser refuses NaN only if asked
    assert decoded == {
        "nan": None,
        "inf": None,
        "scores": [0.5, None],
        "count": 3,
        "tags": ["a"],
        "text": "Россия – “quoted” <script>",
    }
    assert b"NaN" not in body and b"Infinity" not in body


def test_encoded_reports_are_the_reports_to_dict(analyzer) -> None:
    import json

    from newsift.api.service import encode_report
    from newsift.ingest import from_text

    for text in (PARTISAN, WIRE, "Ð Ð¾ÑÑÐ¸Ñ. Officials said the plan was approved on Monday."):
        report = analyzer.analyze_document(from_text(text))
        # compared as JSON: to_dict keeps tuples, JSON has only arrays
        assert json.loads(encode_report(report)) == json.loads(json.dumps(report.to_dict()))


def test_uploaded_bytes_are_decoded_with_detection(client) -> None:
    import base64

    html = (
        '<html><head><meta charset="utf-8"></head><body><article>'
        "<p>Правительство России в понедельник объявило новые меры поддержки для семей, "
        "сообщили в министерстве. Решение вступит в силу в январе.</p></article></body></html>"
    ).encode("cp1251")
    body = {"file_base64": base64.b64encode(html).decode("ascii"), "filename": "page.html"}
    response = client.post("/v1/analyze", json=body)
    assert response.status_code == 200, response.text
    article = response.json()["article"]
    assert "Правительство России" in article["text"]
    assert article["repairs"][0]["kind"] == "charset_corrected"
    assert article["repairs"][0]["after"] == "Windows-1251"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"file_base64": "not base64!!", "filename": "a.txt"}, "not valid base64"),
        ({"file_base64": "iVBORw0KGgoAAAANSUhEUgAAAAE=", "filename": "x.png"}, "binary"),
    ],
)
def test_bad_uploads_are_422(client, body, fragment) -> None:
    response = client.post("/v1/analyze", json=body)
    assert response.status_code == 422
    assert fragment in response.text
