"""The Ray engine (`newsift batch --engine ray`) on a local 2-CPU Ray: the same tables as the
local engine, resumable, into DuckDB or Parquet, and no hang when the actors fill the CPUs.

The Ray tests are skipped when the ray extra is missing, unless NEWSIFT_REQUIRE_RAY=1 (CI),
where a missing Ray fails them. Ray is imported only after the engine has chosen its loopback
mode, which Ray reads at import.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsift.corpus import ray_engine
from newsift.corpus.batch import BatchOptions, run_batch
from newsift.corpus.progress import Counts
from newsift.corpus.ray_engine import plan_actors, windows
from newsift.corpus.records import BadRecord, Record

RAY_REQUIRED = os.environ.get("NEWSIFT_REQUIRE_RAY") == "1"
RAY_TIMEOUT_S = 180  # a hung pool never finishes; a working one takes seconds
WORKERS = 2
CHUNK = 3  # several chunks per run, so both actors get work
ARTICLES = 12
BAD_LINES = 2

# Ray's own DataContext warns about its deprecated fields when copied.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")

SUBJECTS = ["The city council", "The regional water board", "A federal judge", "The ministry"]
ACTIONS = [
    "approved a budget of 4.2 million dollars for road repairs on Tuesday",
    "delayed a vote on the new housing plan until next month",
    "published a report on school funding, according to officials",
    "announced an audit of the transport agency after complaints",
]
COLOUR = [
    "Critics called the decision a disgrace and a shameful betrayal of every honest citizen.",
    '"We reviewed the figures carefully," said Maria Lopez, a spokeswoman for the office.',
    "Only a fool would believe these radical elites, who are destroying our way of life.",
    "The full report is available on the agency's website, and a hearing is set for May 3.",
]


def _article(i: int) -> dict[str, str]:
    subject, action = SUBJECTS[i % 4], ACTIONS[(i // 2) % 4]
    body = " ".join(
        [
            f"{subject} {action}.",
            COLOUR[i % 4],
            COLOUR[(i + 1) % 4],
            f"Residents of district {i} will be able to comment until the end of the year.",
        ]
    )
    row = {"text": body, "title": f"{subject}: story {i}", "date": f"2024-03-{i + 1:02d}"}
    if i % 3:
        row["url"] = f"https://news{i % 3}.example.com/story-{i}"
    if i % 2:
        row["id"] = f"story-{i}"  # the others get an id from their place in the file
    return row


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("input") / "articles.jsonl"
    lines = [json.dumps(_article(i)) for i in range(ARTICLES)]
    lines.insert(3, '{"text": "a line cut off in the middle')
    lines.insert(9, "[1, 2, 3")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def local_ray(tmp_path_factory) -> Iterator[Any]:
    """One local 2-CPU Ray for the module (it takes seconds to start), started and stopped
    by the engine's own session; the actors get a fresh NEWSIFT_HOME."""
    # Not pytest.importorskip: Ray must be imported by the engine, after its loopback setting.
    if not RAY_REQUIRED and importlib.util.find_spec("ray") is None:
        pytest.skip("the ray extra is not installed (pip install 'newsift[ray]')")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSIFT_HOME", str(tmp_path_factory.mktemp("ray-home")))
        with ray_engine.ray_session(None, WORKERS) as ray:
            yield ray


@pytest.fixture(scope="module")
def local_tables(local_ray, corpus, tmp_path_factory) -> dict[str, list[tuple]]:
    """The local engine's tables for the corpus: what the Ray engine must reproduce."""
    out = tmp_path_factory.mktemp("local") / "local.duckdb"
    counts = run_batch(_options(corpus, out=out, engine="local", workers=0))
    assert (counts.articles, counts.errors) == (ARTICLES, BAD_LINES)
    return _tables(f"'{out}'", "duckdb")


def _options(corpus: Path, **overrides: Any) -> BatchOptions:
    base: dict[str, Any] = dict(
        inputs=(str(corpus),), workers=WORKERS, chunk_size=CHUNK, engine="ray", quiet=True
    )
    return BatchOptions(**{**base, **overrides})


def _within(seconds: float, run: Callable[[], Counts]) -> Counts:
    """Run a batch in a thread, failing the test if it has not finished in time."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["counts"] = run()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            result["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"the Ray batch did not finish within {seconds} s (hung)"
    if "error" in result:
        raise result["error"]
    return result["counts"]


def _ray_batch(options: BatchOptions) -> Counts:
    return _within(RAY_TIMEOUT_S, lambda: run_batch(options))


def _tables(where: str, kind: str) -> dict[str, list[tuple]]:
    """Every row of articles (but run_id), findings and errors (but run_id), sorted."""
    con = duckdb.connect()
    if kind == "duckdb":
        con.execute(f"ATTACH {where} AS corpus (READ_ONLY)")

    def source(table: str) -> str:
        if kind == "duckdb":
            return f"corpus.{table}"
        return f"read_parquet('{where}/{table}/*.parquet')"

    queries = {
        "articles": f"SELECT * EXCLUDE (run_id) FROM {source('articles')}",
        "findings": f"SELECT * FROM {source('findings')}",
        "errors": f"SELECT * EXCLUDE (run_id) FROM {source('errors')}",
    }
    tables = {t: sorted(con.execute(q).fetchall(), key=repr) for t, q in queries.items()}
    con.close()
    return tables


def test_ray_engine_writes_the_local_engines_tables_and_a_rerun_skips_everything(
    local_tables, corpus, tmp_path
):
    out = tmp_path / "ray.duckdb"
    counts = _ray_batch(_options(corpus, out=out))
    assert (counts.articles, counts.errors, counts.skipped) == (ARTICLES, BAD_LINES, 0)
    tables = _tables(f"'{out}'", "duckdb")
    assert len(tables["articles"]) == ARTICLES and len(tables["errors"]) == BAD_LINES
    assert tables["findings"], "the corpus has loaded language: findings expected"
    assert tables == local_tables

    again = _ray_batch(_options(corpus, out=out))
    assert (again.articles, again.errors, again.skipped) == (0, 0, ARTICLES + BAD_LINES)
    assert _tables(f"'{out}'", "duckdb") == local_tables
    with duckdb.connect(str(out), read_only=True) as con:
        runs = con.execute("SELECT engine, workers, articles, skipped FROM runs").fetchall()
    assert sorted(runs) == [("ray", 2, 0, 14), ("ray", 2, 12, 0)]


def test_ray_engine_into_parquet_datasets(local_tables, corpus, tmp_path):
    where = tmp_path / "corpus"
    counts = _ray_batch(_options(corpus, out=None, parquet=where))
    assert (counts.articles, counts.errors) == (ARTICLES, BAD_LINES)
    assert _tables(str(where), "parquet") == local_tables
    again = _ray_batch(_options(corpus, out=None, parquet=where))
    assert again.skipped == ARTICLES + BAD_LINES and again.articles == 0
    assert _tables(str(where), "parquet") == local_tables


def test_the_local_ray_has_the_workers_cpus_on_loopback(local_ray):
    assert local_ray.cluster_resources()["CPU"] == WORKERS
    assert local_ray.util.get_node_ip_address() == "127.0.0.1"


def test_records_survive_the_trip_through_arrow(local_ray):
    from newsift.corpus.ray_worker import records_from_arrow, records_to_arrow

    records = [
        Record("a", "in.warc.gz", "record 1", raw=b"<p>\xff\x00</p>", content_type="text/html"),
        Record("b", "in.jsonl", "line 2", text="Plain text", url="https://x.example/b", date="1"),
        BadRecord("in.jsonl", "line 3", "broken JSON line: unexpected end"),
        BadRecord("in.csv", "row 4", "empty", id="c"),
    ]
    assert records_from_arrow(records_to_arrow(records)) == records


def test_actors_leave_cpu_free_and_never_exceed_the_cluster():
    for cpus, workers in [(2, 2), (2, 1), (1, 1), (2, 4), (64, 64), (16, 0)]:
        plan = plan_actors(cpus, workers)
        assert plan.actors == (workers or cpus)
        assert 0 < plan.cpus_per_actor <= 1
        assert plan.actors * plan.cpus_per_actor <= max(cpus - ray_engine.RESERVED_CPUS, 0.5)
    assert plan_actors(2, 2).cpus_per_actor == 0.75


def test_windows_bound_the_records_handed_to_ray(monkeypatch):
    monkeypatch.setattr(ray_engine, "WINDOW_RECORDS", 10)
    records = [Record(str(i), "in.jsonl", f"line {i}", text="x" * 10) for i in range(25)]
    got = list(windows(records, chunk_size=4))
    assert [sum(map(len, w)) for w in got] == [12, 12, 1]
    assert all(len(chunk) <= 4 for w in got for chunk in w)
    assert [r for w in got for chunk in w for r in chunk] == records
    monkeypatch.setattr(ray_engine, "WINDOW_BYTES", 25)
    assert [sum(map(len, w)) for w in windows(records, chunk_size=1)][:2] == [3, 3]


def test_ray_engine_without_ray_says_what_to_install(run_cli, corpus, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # as if not installed
    assert importlib.util.find_spec("ray") is None
    out = tmp_path / "c.duckdb"
    result = run_cli("batch", str(corpus), "--engine", "ray", "--out", str(out), "--quiet")
    assert result.code == 2
    assert "pip install 'newsift[ray]'" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not out.exists(), "nothing is written before the missing extra is reported"
