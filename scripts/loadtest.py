#!/usr/bin/env python
"""Load benchmark of `newsift serve` (a script, not a test).

N concurrent clients post the same article to POST /v1/analyze on 127.0.0.1 for a fixed time
and the script prints requests/s and latency percentiles. By default it starts its own server
in a separate process (so client and server do not share one interpreter), waits until the
detectors are loaded, measures, and stops it. `--url` targets a server that is already running.

    .venv/bin/python scripts/loadtest.py --clients 8 --duration 30
    .venv/bin/python scripts/loadtest.py --url http://127.0.0.1:8000 --clients 8 --json
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

ARTICLE = Path(__file__).with_name("loadtest_article.txt")  # 821 words of wire-style news


@dataclass
class Result:
    engine: str
    clients: int
    duration_s: float
    requests: int
    errors: int
    requests_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    article: str
    article_words: int
    server_workers: int | None  # --workers given to the started server; None: serve's default
    server_cpu_ms_per_request: float | None  # contention-proof cost; None for --url
    client_cpu_ms_per_request: float  # this script's own share of the machine's CPUs
    load_average: float | None  # 1-min load when the run ended: other work on the machine
    steal_percent: float | None  # CPU time the host of this virtual machine kept for others
    cpu_count: int | None
    python: str


@dataclass
class Measured:
    """What one engine measured, over the requests wholly inside the measured window."""

    requests: int
    errors: list[str]
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    words: int
    server_cpu_ms: float | None  # per request, server process and its analysis processes
    steal_percent: float | None  # CPU time the hypervisor gave to other machines meanwhile
    client_cpu_ms: float  # per request, the load generator


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of an ascending list."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _process_tree(pid: int) -> list[int]:
    """The pid and all its descendants (Linux /proc); [] where /proc is missing."""
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in (task / "children").read_text().split())
    return tree


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time used so far by a process and its descendants (Linux only)."""
    if not Path(f"/proc/{pid}/stat").exists():
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for member in _process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
    return total


def start_server(port: int, workers: int | None, threads: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "newsift.cli",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--threads",
        str(threads),
    ]
    if workers is not None:  # else serve's own default: one analysis process per usable CPU
        command += ["--workers", str(workers)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(base_url: str, server: subprocess.Popen | None, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            stderr = server.stderr.read().decode(errors="replace") if server.stderr else ""
            raise SystemExit(f"the server exited early:\n{stderr}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"no answer from {base_url}/healthz within {timeout_s:.0f} s")


async def client_loop(
    client: httpx.AsyncClient,
    payload: dict,
    warm_until: float,
    stop_at: float,
    latencies: list[float],
    errors: list[str],
) -> None:
    while True:
        started = time.perf_counter()
        if started >= stop_at:
            return
        try:
            response = await client.post("/v1/analyze", json=payload)
            ok = response.status_code == 200
            reason = f"HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            ok, reason = False, type(exc).__name__
        finished = time.perf_counter()
        if started >= warm_until and finished <= stop_at:  # count requests wholly inside
            if ok:
                latencies.append((finished - started) * 1000)
            else:
                errors.append(reason)


async def run_load(
    base_url: str,
    text: str,
    clients: int,
    duration_s: float,
    warmup_s: float,
    server_pid: int | None,
):
    payload = {"text": text}
    latencies: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, timeout=60.0, limits=limits) as client:
        probe = await client.post("/v1/analyze", json=payload)
        if probe.status_code != 200:
            raise SystemExit(f"the server refused the article: {probe.status_code} {probe.text}")
        words = probe.json()["article"]["word_count"]
        now = time.perf_counter()
        warm_until, stop_at = now + warmup_s, now + warmup_s + duration_s
        loops = [
            asyncio.create_task(
                client_loop(client, payload, warm_until, stop_at, latencies, errors)
            )
            for _ in range(clients)
        ]
        await asyncio.sleep(max(0.0, warm_until - time.perf_counter()))
        cpu_start = cpu_seconds(server_pid) if server_pid else None
        steal_start = _machine_times()
        client_start = _own_cpu_seconds()
        done_at_start = len(latencies) + len(errors)
        await asyncio.gather(*loops)
        cpu_end = cpu_seconds(server_pid) if server_pid else None
        steal_end = _machine_times()
        client_end = _own_cpu_seconds()
    cpu_ms = None
    measured = max(1, len(latencies) + len(errors) - done_at_start)
    if cpu_start is not None and cpu_end is not None:
        cpu_ms = (cpu_end - cpu_start) * 1000 / measured
    latencies.sort()
    return Measured(
        requests=len(latencies),
        errors=errors,
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        p99_ms=percentile(latencies, 99),
        mean_ms=sum(latencies) / len(latencies) if latencies else math.nan,
        max_ms=latencies[-1] if latencies else math.nan,
        words=words,
        server_cpu_ms=cpu_ms,
        client_cpu_ms=(client_end - client_start) * 1000 / measured,
        steal_percent=_steal_percent(steal_start, steal_end),
    )


# wrk (a C load generator) posts the article on `clients` keep-alive connections and reports
# through this Lua hook; it costs the shared CPUs far less than an asyncio + httpx client.
_WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open(os.getenv("NEWSIFT_LOADTEST_BODY"), "rb"))
wrk.body = f:read("*a")
f:close()
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "non_2xx": %d, "socket_errors": %d, "p50": %d, "p95": %d, "p99": %d, '
    .. '"mean": %f, "max": %d}\\n',
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max))
end
"""


def _wrk(base_url: str, clients: int, seconds: float, body: Path, script: Path) -> dict:
    command = [
        "wrk", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "60s",
        "-s", str(script), f"{base_url}/v1/analyze",
    ]  # fmt: skip
    env = {**os.environ, "NEWSIFT_LOADTEST_BODY": str(body)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_wrk(
    base_url: str,
    text: str,
    clients: int,
    duration_s: float,
    warmup_s: float,
    server_pid: int | None,
) -> Measured:
    if shutil.which("wrk") is None:
        raise SystemExit("--engine wrk needs the wrk program (Debian/Ubuntu: apt install wrk)")
    probe = httpx.post(f"{base_url}/v1/analyze", json={"text": text}, timeout=60.0)
    if probe.status_code != 200:
        raise SystemExit(f"the server refused the article: {probe.status_code} {probe.text}")
    with tempfile.TemporaryDirectory() as folder:
        body, script = Path(folder) / "body.json", Path(folder) / "report.lua"
        body.write_text(json.dumps({"text": text}), encoding="utf-8")
        script.write_text(_WRK_SCRIPT, encoding="utf-8")
        if warmup_s > 0:
            _wrk(base_url, clients, warmup_s, body, script)
        cpu_start = cpu_seconds(server_pid) if server_pid else None
        steal_start = _machine_times()
        client_start = _children_cpu_seconds()
        figures = _wrk(base_url, clients, duration_s, body, script)
        cpu_end = cpu_seconds(server_pid) if server_pid else None
        steal_end = _machine_times()
        client_end = _children_cpu_seconds()
    requests = max(1, figures["requests"])
    errors = ["HTTP error"] * figures["non_2xx"] + ["socket error"] * figures["socket_errors"]
    cpu_ms = None
    if cpu_start is not None and cpu_end is not None:
        cpu_ms = (cpu_end - cpu_start) * 1000 / requests
    return Measured(
        requests=figures["requests"] - len(errors),
        errors=errors,
        p50_ms=figures["p50"] / 1000,  # wrk reports microseconds
        p95_ms=figures["p95"] / 1000,
        p99_ms=figures["p99"] / 1000,
        mean_ms=figures["mean"] / 1000,
        max_ms=figures["max"] / 1000,
        words=probe.json()["article"]["word_count"],
        server_cpu_ms=cpu_ms,
        client_cpu_ms=(client_end - client_start) * 1000 / requests,
        steal_percent=_steal_percent(steal_start, steal_end),
    )


def _children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _machine_times() -> tuple[int, int] | None:
    """(steal, total) jiffies of all CPUs so far, from /proc/stat (Linux; None elsewhere)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    steal = fields[7] if len(fields) > 7 else 0
    return steal, sum(fields[:8])


def _steal_percent(start: tuple[int, int] | None, end: tuple[int, int] | None) -> float | None:
    """Share of the machine's CPU time that a virtual machine's host kept for others: when it
    is high, the server had less than the CPUs it counts."""
    if start is None or end is None or end[1] <= start[1]:
        return None
    return 100 * (end[0] - start[0]) / (end[1] - start[1])


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="Target this running server instead of starting one.")
    parser.add_argument("--clients", type=int, default=8, help="Concurrent clients (default 8).")
    parser.add_argument("--duration", type=float, default=30.0, help="Measured seconds (30).")
    parser.add_argument("--warmup", type=float, default=3.0, help="Unmeasured seconds first (3).")
    parser.add_argument(
        "--article",
        type=Path,
        default=ARTICLE,
        help="Plain-text article (default: wire-style news; scripts/loadtest_partisan.txt is a "
        "partisan one with many findings).",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="Analysis processes of a started server (default: serve's, one per usable CPU; "
        "0: threads).",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=4,
        help="Server threads: URL fetches, or analyses (--workers 0).",
    )
    parser.add_argument(
        "--engine",
        choices=("httpx", "wrk"),
        default="httpx",
        help="Load generator: asyncio + httpx in this process (default), or the wrk program, "
        "which leaves more of a small machine's CPU to the server.",
    )
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args()

    server = None
    base_url = args.url
    if base_url is None:
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        server = start_server(port, args.workers, args.threads)
    try:
        wait_ready(base_url, server)
        text = args.article.read_text(encoding="utf-8")
        server_pid = server.pid if server is not None else None
        load = (args.clients, args.duration, args.warmup, server_pid)
        if args.engine == "wrk":
            measured = run_wrk(base_url, text, *load)
        else:
            measured = asyncio.run(run_load(base_url, text, *load))
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)

    m = measured
    result = Result(
        engine=args.engine,
        clients=args.clients,
        duration_s=args.duration,
        requests=m.requests,
        errors=len(m.errors),
        requests_per_s=round(m.requests / args.duration, 1),
        p50_ms=round(m.p50_ms, 1),
        p95_ms=round(m.p95_ms, 1),
        p99_ms=round(m.p99_ms, 1),
        mean_ms=round(m.mean_ms, 1),
        max_ms=round(m.max_ms, 1),
        article=args.article.name,
        article_words=m.words,
        server_workers=args.workers if server is not None else None,
        server_cpu_ms_per_request=round(m.server_cpu_ms, 1) if m.server_cpu_ms else None,
        client_cpu_ms_per_request=round(m.client_cpu_ms, 1),
        load_average=round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        steal_percent=round(m.steal_percent, 1) if m.steal_percent is not None else None,
        cpu_count=os.cpu_count(),
        python=platform.python_version(),
    )
    if args.json:
        print(json.dumps(asdict(result)))
        return
    print(
        f"{result.clients} clients ({result.engine}), {result.duration_s:g} s, "
        f"{result.article_words}-word article {result.article}"
    )
    print(f"  requests/s  {result.requests_per_s}")
    print(f"  p50         {result.p50_ms} ms")
    print(f"  p95         {result.p95_ms} ms")
    print(f"  p99         {result.p99_ms} ms")
    print(f"  mean / max  {result.mean_ms} / {result.max_ms} ms")
    reasons = f" ({', '.join(sorted(set(m.errors)))})" if m.errors else ""
    print(f"  errors      {result.errors}{reasons}")
    if result.server_cpu_ms_per_request is not None:
        print(f"  server CPU  {result.server_cpu_ms_per_request} ms per request")
    print(f"  client CPU  {result.client_cpu_ms_per_request} ms per request (load generator)")
    steal = f", {result.steal_percent}% stolen" if result.steal_percent is not None else ""
    print(f"  machine     {result.cpu_count} CPUs, load average {result.load_average}{steal}")


if __name__ == "__main__":
    main()
