"""The API with analyses in a pool of analysis processes (`newsift serve --workers N`).

Each spawned process loads every detector's models, so one module-wide app serves all tests.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import EXAMPLES, Route
from newsift.api import Settings, create_app

PARTISAN = (EXAMPLES / "partisan.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pooled() -> Iterator[TestClient]:
    settings = Settings(analysis_processes=1, warm_up=False, allow_private_urls=True)
    with TestClient(create_app(settings)) as client:
        yield client


def _service(client: TestClient):
    return client.app.state.service


def _wait_until_dead(pid: int, timeout_s: float = 10.0) -> None:
    stat = Path(f"/proc/{pid}/stat")
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[0] in "ZX":
                return
        except OSError:  # reaped already
            return
        time.sleep(0.02)
    raise AssertionError(f"process {pid} is still running")


def test_processes_give_the_same_report_as_threads(pooled):
    pool = _service(pooled).pool
    assert pool is not None and len(pool.pids) == 1 and os.getpid() not in pool.pids
    with TestClient(create_app(Settings(warm_up=False))) as threaded:
        expected = threaded.post("/v1/analyze", json={"text": PARTISAN, "claim": "Taxes rise"})
    response = pooled.post("/v1/analyze", json={"text": PARTISAN, "claim": "Taxes rise"})
    assert response.status_code == expected.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json() == expected.json()
    assert response.json()["findings"]


def test_healthz_and_meta_report_the_workers_detectors(pooled):
    versions = pooled.get("/v1/meta").json()["detectors"]
    assert versions and all(versions.values())
    assert pooled.get("/healthz").json()["detectors"] == len(versions)


def test_batch_items_succeed_or_fail_alone(pooled, http_server):
    base, _ = http_server
    documents = [{"text": PARTISAN}, {"text": "   "}, {"url": f"{base}/gone"}]
    response = pooled.post("/v1/analyze/batch", json={"documents": documents})
    assert response.status_code == 200, response.text
    good, empty, gone = response.json()["results"]
    assert good["index"] == 0 and good["ok"] is True and good["error"] is None
    assert good["report"]["article"]["word_count"] > 100
    assert empty["index"] == 1 and empty["ok"] is False and empty["report"] is None
    assert empty["error"]["code"] == "invalid_input"
    assert gone["index"] == 2 and gone["ok"] is False
    assert gone["error"]["code"] == "fetch_failed" and "404" in gone["error"]["message"]


def test_urls_are_fetched_by_the_server_and_analysed_in_a_worker(pooled, http_server):
    base, routes = http_server
    routes["/story"] = Route(
        200, "text/html; charset=utf-8", (EXAMPLES / "partisan.html").read_bytes()
    )
    response = pooled.post("/v1/analyze", json={"url": f"{base}/story", "title": "Given"})
    assert response.status_code == 200, response.text
    assert response.json()["article"]["url"] == f"{base}/story"
    assert response.json()["article"]["title"] == "Given"
    gone = pooled.post("/v1/analyze", json={"url": f"{base}/gone"})
    assert gone.status_code == 502 and gone.json()["error"]["code"] == "fetch_failed"


def test_the_time_limit_answers_504_and_the_pool_keeps_working(pooled, monkeypatch):
    service = _service(pooled)
    monkeypatch.setattr(service, "settings", replace(service.settings, timeout_s=0.001))
    response = pooled.post("/v1/analyze", json={"text": PARTISAN})
    assert response.status_code == 504 and response.json()["error"]["code"] == "timeout"
    monkeypatch.undo()
    assert pooled.post("/v1/analyze", json={"text": PARTISAN}).status_code == 200


def test_a_worker_killed_while_idle_is_replaced_without_failing_a_request(pooled):
    pool = _service(pooled).pool
    (pid,) = pool.pids
    os.kill(pid, signal.SIGKILL)
    _wait_until_dead(pid)
    deadline = time.monotonic() + 10
    while pid in pool.pids and time.monotonic() < deadline:  # the server notices the EOF
        time.sleep(0.01)
    assert pid not in pool.pids
    response = pooled.post("/v1/analyze", json={"text": PARTISAN})  # waits for the new one
    assert response.status_code == 200, response.text
    assert pool.pids and pid not in pool.pids


def test_a_worker_killed_mid_analysis_costs_that_request_a_503(pooled):
    pool = _service(pooled).pool
    long_article = "\n\n".join([PARTISAN] * 60)  # long enough to kill the worker mid-way
    outcome: dict[str, Any] = {}

    def post() -> None:
        outcome["response"] = pooled.post("/v1/analyze", json={"text": long_article})

    thread = threading.Thread(target=post)
    thread.start()
    deadline = time.monotonic() + 30
    while not pool.busy_pids and time.monotonic() < deadline:
        time.sleep(0.001)
    (pid,) = pool.busy_pids
    os.kill(pid, signal.SIGKILL)
    thread.join(60)
    crashed = outcome["response"]
    assert crashed.status_code == 503 and crashed.json()["error"]["code"] == "worker_crashed"
    again = pooled.post("/v1/analyze", json={"text": PARTISAN})
    assert again.status_code == 200, again.text
    assert pid not in pool.pids


def test_negative_process_counts_are_refused():
    with pytest.raises(ValueError, match="analysis processes"):
        Settings(analysis_processes=-1)


def test_batches_are_shared_out_evenly_and_in_order():
    from newsift.api.pool import split_evenly

    assert split_evenly(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert split_evenly([1, 2], 4) == [[1], [2]]
    assert split_evenly([1], 1) == [[1]]
    assert sum(split_evenly(list(range(32)), 5), []) == list(range(32))
