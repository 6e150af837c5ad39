"""`newsift batch`: several kinds of input into one corpus, resuming, and surviving SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from newsift.corpus.batch import BatchOptions, run_batch

TEXTS = [
    "The council approved the budget on Tuesday, officials said. The vote was 7 to 2.",
    "Police said the fire started in a kitchen. No one was hurt, a spokesman told reporters.",
    "This corrupt regime is destroying our nation! Share this before they delete it!",
    "The central bank kept rates at 4 percent, according to a statement published on Friday.",
]


def _jsonl(path: Path, n: int, bad: int = 0) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps({"id": f"a{i}", "text": TEXTS[i % len(TEXTS)] + f" Item {i}."}))
            out.write("\n")
        for _ in range(bad):
            out.write("{not json\n")
    return path


def _articles(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT id FROM articles").fetchall()]
    finally:
        con.close()


def test_a_rerun_skips_what_is_done_and_adds_what_is_new(tmp_path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 6, bad=2)
    out = tmp_path / "c.duckdb"
    first = run_batch(BatchOptions(inputs=(str(source),), out=out, workers=0, quiet=True))
    assert (first.articles, first.errors, first.skipped) == (6, 2, 0)
    again = run_batch(BatchOptions(inputs=(str(source),), out=out, workers=0, quiet=True))
    assert (again.articles, again.errors, again.skipped) == (0, 0, 8)
    more = _jsonl(tmp_path / "more.jsonl", 9)  # a0..a8: six already done
    third = run_batch(BatchOptions(inputs=(str(source), str(more)), out=out, workers=0, quiet=True))
    assert (third.articles, third.skipped) == (3, 8 + 6)
    ids = _articles(out)
    assert sorted(ids) == sorted(f"a{i}" for i in range(9)) and len(ids) == len(set(ids))
    con = duckdb.connect(str(out), read_only=True)
    assert con.execute("SELECT count(*) FROM errors").fetchone()[0] == 2  # not recorded twice
    runs = con.execute("SELECT articles, errors, skipped, ended FROM runs ORDER BY rowid")
    assert [r[:3] for r in runs.fetchall()] == [(6, 2, 0), (0, 0, 8), (3, 0, 14)]


def test_two_workers_give_the_rows_one_process_gives(tmp_path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 12, bad=1)
    for name, workers in (("zero", 0), ("two", 2)):
        run_batch(
            BatchOptions(
                inputs=(str(source),),
                out=tmp_path / f"{name}.duckdb",
                workers=workers,
                chunk_size=3,
                quiet=True,
            )
        )

    def table(name: str, query: str) -> list[tuple]:
        con = duckdb.connect(str(tmp_path / f"{name}.duckdb"), read_only=True)
        return sorted(con.execute(query).fetchall(), key=repr)

    articles = "SELECT * EXCLUDE (run_id) FROM articles"
    findings = "SELECT * FROM findings"
    assert table("zero", articles) == table("two", articles)
    assert table("zero", findings) == table("two", findings)
    assert len(table("two", articles)) == 12


def test_a_batch_killed_mid_run_resumes_with_every_article_once(tmp_path) -> None:
    n = 120
    source = _jsonl(tmp_path / "in.jsonl", n)
    out = tmp_path / "c.duckdb"
    command = [
        sys.executable, "-c", "from newsift.cli import main; main()",
        "batch", str(source), "--out", str(out), "--workers", "1", "--chunk-size", "4",
    ]  # fmt: skip
    env = {**os.environ, "NEWSIFT_PROGRESS_EVERY": "0"}  # a progress line after every chunk
    proc = subprocess.Popen(
        command, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True
    )
    assert proc.stderr is not None
    deadline = time.monotonic() + 120
    committed = 0
    for line in proc.stderr:
        if line.startswith("batch:") and " articles" in line:
            committed = int(line.split("(")[1].split(" articles")[0].replace(",", ""))
            if committed >= 8:
                break
        assert time.monotonic() < deadline, "the batch made no progress"
    assert proc.poll() is None, "the batch finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its worker, at once
    proc.wait(timeout=30)
    stored = _articles(out)
    assert committed <= len(stored) < n  # what was reported committed survived; not all done
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    ids = _articles(out)
    assert len(ids) == n and len(set(ids)) == n
    con = duckdb.connect(str(out), read_only=True)
    orphans = con.execute(
        "SELECT count(*) FROM findings WHERE article_id NOT IN (SELECT id FROM articles)"
    ).fetchone()[0]
    assert orphans == 0
    doubled = con.execute(
        "SELECT count(*) FROM (SELECT article_id, start, label, detector, count(*) AS k "
        "FROM findings GROUP BY ALL HAVING k > 1 AND start IS NOT NULL)"
    ).fetchone()[0]
    assert doubled == 0


def test_cli_errors_are_one_line(run_cli, tmp_path) -> None:
    res = run_cli("batch", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "c.duckdb"))
    assert res.code == 2 and res.err.count("\n") == 1 and "nope.jsonl" in res.err
    res = run_cli("batch", "x.jsonl", "--engine", "spark")
    assert res.code == 2 and "unknown engine 'spark'" in res.err
    source = _jsonl(tmp_path / "in.jsonl", 2)
    res = run_cli("batch", str(source), "--map", "body", "--out", str(tmp_path / "c.duckdb"))
    assert res.code == 2 and "--map" in res.err


def test_cli_batch_prints_a_summary(run_cli, tmp_path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 3, bad=1)
    out = tmp_path / "c.duckdb"
    res = run_cli("batch", str(source), "--out", str(out), "--workers", "0")
    assert res.code == 0, res.err
    assert "3 articles analysed, 1 errors, 0 already done" in res.err
    res = run_cli("batch", str(source), "--out", str(out), "--workers", "0", "--quiet")
    assert res.code == 0 and res.err == ""


@pytest.mark.parametrize("workers", [0, 2])
def test_parquet_output_holds_the_same_tables(tmp_path, workers) -> None:
    source = _jsonl(tmp_path / "in.jsonl", 5, bad=1)
    out = tmp_path / "pq"
    counts = run_batch(
        BatchOptions(inputs=(str(source),), out=None, parquet=out, workers=workers, quiet=True)
    )
    assert (counts.articles, counts.errors) == (5, 1)
    con = duckdb.connect()
    ids = con.execute(f"SELECT id FROM read_parquet('{out}/articles/*.parquet')").fetchall()
    assert sorted(i for (i,) in ids) == [f"a{i}" for i in range(5)]
    runs = con.execute(f"SELECT articles, ended FROM read_parquet('{out}/runs/*.parquet')")
    ((articles, ended),) = runs.fetchall()
    assert articles == 5 and ended


def _warc_file(path: Path, pages: list[tuple[str, str]]) -> Path:
    """A gzipped WARC of HTML responses, as Common Crawl News ships them, plus a request."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body in pages:
            html = f"<html><head><title>{url}</title></head><body><article><p>{body}</p>"
            html += "</article></body></html>"
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=BytesIO(html.encode()), http_headers=headers
                )
            )
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
    return path


def test_warc_jsonl_and_a_tree_go_into_one_corpus(run_cli, tmp_path) -> None:
    warc = _warc_file(
        tmp_path / "crawl.warc.gz",
        [
            (f"https://www.news{i}-daily.com/story", TEXTS[i] + " Reported from the scene.")
            for i in (0, 1)
        ],
    )
    jsonl = _jsonl(tmp_path / "rows.jsonl", 4, bad=3)
    tree = tmp_path / "tree" / "2026" / "12"
    tree.mkdir(parents=True)
    (tree / "one.txt").write_text(TEXTS[2], encoding="utf-8")
    (tree / "two.html").write_text(f"<html><body><p>{TEXTS[3]}</p></body></html>", "utf-8")
    (tree / "three.json").write_text(json.dumps({"title": "T", "text": TEXTS[1]}), "utf-8")
    (tree / "notes.md").write_text("not an article", encoding="utf-8")
    out = tmp_path / "c.duckdb"
    args = ["batch", str(warc), str(jsonl), str(tmp_path / "tree"), "--out", str(out)]
    res = run_cli(*args, "--workers", "2")
    assert res.code == 0, res.err
    assert "9 articles analysed, 3 errors" in res.err

    con = duckdb.connect(str(out), read_only=True)
    rows = con.execute("SELECT id, input, url, domain FROM articles").fetchall()
    ids = [r[0] for r in rows]
    assert len(ids) == 9 and len(set(ids)) == 9
    assert sorted(r[3] for r in rows if r[1].endswith(".warc.gz")) == [
        "news0-daily.com",
        "news1-daily.com",
    ]
    assert sum(r[1].endswith("rows.jsonl") for r in rows) == 4
    assert sum(r[1].endswith("tree") for r in rows) == 3
    errors = con.execute("SELECT input, position, reason FROM errors ORDER BY position")
    assert [(Path(i).name, p) for i, p, _ in errors.fetchall()] == [
        ("rows.jsonl", "line 5"),
        ("rows.jsonl", "line 6"),
        ("rows.jsonl", "line 7"),
    ]
    con.close()
    again = run_cli(*args, "--workers", "0")
    assert again.code == 0 and "0 articles analysed, 0 errors, 12 already done" in again.err
