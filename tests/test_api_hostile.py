"""Hostile input under the API's time limit: a timed-out analysis is stopped, not left running.

Two requests that never finish must not hold both analysis processes: at the time limit the
client gets 504, the pool kills the process doing the work and starts another, and a normal
request sent right after is answered within the limit, waiting for the replacement included.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from api_hostile_helpers import MARKER, hostile_analyzer, slow_page
from newsift.api import Settings, create_app
from newsift.api.pool import AnalysisPool
from newsift.api.schemas import AnalyzeRequest

TIMEOUT_S = 3.0  # short, yet twice what two replacement processes take to start on a busy host
NORMAL = (
    "Officials said on Monday that the city council approved the budget after a long debate. "
    "Critics called the plan a betrayal, according to a statement from the mayor's office."
)
HOSTILE = NORMAL + " " + MARKER


def _state_and_parent(pid: int) -> tuple[str, int] | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):  # gone, and reaped
        return None
    return fields[0], int(fields[1])


def _children() -> set[int]:
    """This process's analysis processes, zombies included (a zombie is a leak too); not the
    one resource tracker that multiprocessing keeps for the whole session."""
    me = os.getpid()
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            info = _state_and_parent(int(entry.name))
            try:
                tracker = b"resource_tracker" in (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if info is not None and info[1] == me and not tracker:
                found.add(int(entry.name))
    return found


def _wait_until_dead(pid: int, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        info = _state_and_parent(pid)
        if info is None or info[0] in "ZX":
            return
        time.sleep(0.02)
    raise AssertionError(f"process {pid} is still running after its request timed out")


def _wait_for(condition, timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)
    return condition()


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.fixture
def client() -> Iterator[TestClient]:
    settings = Settings(
        analysis_processes=2,
        timeout_s=TIMEOUT_S,
        warm_up=False,
        analyzer_factory=hostile_analyzer,
    )
    with TestClient(create_app(settings)) as api:
        yield api


def _post_concurrently(api: TestClient, path: str, bodies: list[dict]) -> list[tuple]:
    """POST each body from its own thread at once; (response, seconds) in order."""
    results: list[tuple] = [None] * len(bodies)

    def post(i: int) -> None:
        started = time.perf_counter()
        response = api.post(path, json=bodies[i])
        results[i] = (response, time.perf_counter() - started)

    threads = [threading.Thread(target=post, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def _timed(api: TestClient, body: dict) -> tuple:
    started = time.perf_counter()
    response = api.post("/v1/analyze", json=body)
    return response, time.perf_counter() - started


def test_two_hostile_pages_are_stopped_and_a_normal_request_still_answers(client):
    pool = client.app.state.service.pool
    usual, usual_s = _timed(client, {"text": NORMAL})
    assert usual.status_code == 200, usual.text
    before = set(pool.pids)
    assert len(before) == 2

    hostile = _post_concurrently(client, "/v1/analyze", [{"text": HOSTILE}] * 2)
    for response, seconds in hostile:
        assert response.status_code == 504, response.text
        assert response.json()["error"]["code"] == "timeout"
        assert TIMEOUT_S * 0.9 <= seconds < TIMEOUT_S + 2.0
    for pid in before:  # both were busy with a hostile page: both killed, not left spinning
        _wait_until_dead(pid)
    assert pool.killed == 2

    # Sent at once: it waits for a replacement, and that wait is inside its own time limit.
    normal, normal_s = _timed(client, {"text": NORMAL})
    assert normal.status_code == 200, normal.text
    assert normal.json()["article"]["word_count"] == usual.json()["article"]["word_count"]
    assert normal_s < TIMEOUT_S, (normal_s, usual_s)
    assert _wait_for(lambda: len(pool.pids) == 2)
    assert not set(pool.pids) & before
    assert pool.busy_pids == []


def test_a_timed_out_batch_stops_its_processes_too(client):
    pool = client.app.state.service.pool
    before = set(pool.pids)
    documents = [{"text": NORMAL}, {"text": HOSTILE}, {"text": NORMAL}, {"text": HOSTILE}]
    started = time.perf_counter()
    response = client.post("/v1/analyze/batch", json={"documents": documents})
    assert response.status_code == 504, response.text
    assert time.perf_counter() - started < TIMEOUT_S + 2.0
    for pid in before:  # the batch was split over both processes; each had a hostile page
        _wait_until_dead(pid)
    assert pool.killed == 2
    normal, _ = _timed(client, {"text": NORMAL})
    assert normal.status_code == 200, normal.text


def test_a_kill_fails_no_request_on_another_process():
    """At the pool itself: the caller's cancellation is what stops the process."""

    async def scenario() -> tuple[Any, bytes, int, list[int]]:
        pool = AnalysisPool(2, warm_up=False, analyzer_factory=hostile_analyzer)
        await pool.start()
        try:
            before = pool.pids
            slow = asyncio.create_task(pool.analyze(AnalyzeRequest(text=slow_page(1.5))))
            with pytest.raises(TimeoutError):  # asyncio.wait_for cancels the awaiting call
                await asyncio.wait_for(pool.analyze(AnalyzeRequest(text=HOSTILE)), 0.5)
            # The slow page runs on the other process, past the kill, and still succeeds.
            body = await asyncio.wait_for(slow, 10)
            return before, body, pool.killed, pool.pids
        finally:
            await pool.close()

    before, body, killed, after = asyncio.run(scenario())
    assert orjson.loads(body)["article"]["word_count"] > 0
    assert killed == 1
    assert len(set(before) & set(after)) == 1  # one process replaced, the other kept


def test_no_process_or_descriptor_is_left_after_shutdown():
    already = _children()  # left by other tests, if any: not this test's business
    fds = _open_fds()
    settings = Settings(
        analysis_processes=2, timeout_s=1.0, warm_up=False, analyzer_factory=hostile_analyzer
    )
    seen: set[int] = set()
    with TestClient(create_app(settings)) as api:
        pool = api.app.state.service.pool
        seen |= set(pool.pids)
        for response, _ in _post_concurrently(api, "/v1/analyze", [{"text": HOSTILE}] * 2):
            assert response.status_code == 504
        assert _wait_for(lambda: len(pool.pids) == 2)
        seen |= set(pool.pids)
        assert len(seen) == 4
    assert not _children() - already, "an analysis process outlived the server, or was not reaped"
    assert _open_fds() <= fds
