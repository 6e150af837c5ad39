"""Corpus rows and stores: what a chunk becomes, and that a commit is all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from newsift.analyzer import Analyzer
from newsift.corpus import rows, schema
from newsift.corpus.records import BadRecord, Record
from newsift.corpus.spool import spool
from newsift.corpus.store import DuckDBStore, ParquetStore, done_key

ARTICLE = (
    "Officials said on Monday that the bridge would reopen in May. "
    'The mayor called it "a shameful disgrace and a total catastrophe" in a speech. '
    "This corrupt, evil regime is destroying our great nation! Donate now to keep us independent."
)


@pytest.fixture(scope="module")
def chunk_rows() -> rows.Rows:
    records = [
        Record("a1", "in.jsonl", "line 1", text=ARTICLE, source="rt.com"),
        BadRecord("in.jsonl", "line 2", "not valid JSON"),
        Record("a3", "in.jsonl", "line 3", text="   "),
        Record("a4", "in.jsonl", "line 4", html="<html><body><p>" + ARTICLE + "</p></body></html>"),
    ]
    return rows.analyse(Analyzer(), records, "run1")


def test_a_chunk_becomes_article_finding_and_error_rows(chunk_rows) -> None:
    assert [a["id"] for a in chunk_rows.articles] == ["a1", "a4"]
    assert [(e["position"], e["id"]) for e in chunk_rows.errors] == [
        ("line 2", None),
        ("line 3", "a3"),
    ]
    assert "empty" in chunk_rows.errors[1]["reason"]
    first = chunk_rows.articles[0]
    assert set(first) == set(schema.names("articles"))
    assert first["domain"] == "rt.com" and first["source_found"]  # outlet named by its domain
    assert 0 <= first["score"] <= 100 and first["band"] in ("reliable", "mixed", "unreliable")
    contributions = json.loads(first["contributions"])
    assert contributions and {"signal", "points", "explanation"} <= set(contributions[0])
    mine = [f for f in chunk_rows.findings if f["article_id"] == "a1"]
    for f in mine:
        if f["start"] is not None:
            assert f["text"] == ARTICLE[f["start"] : f["end"]]
    # Counts are of findings in the outlet's own voice; quoted ones are kept, flagged.
    own = [f for f in mine if f["voice"] == "own" and f["category"] == "propaganda"]
    assert first["n_propaganda"] == len(own) > 0
    quoted = [f for f in mine if f["quoted"]]
    assert quoted and all("disgrace" in f["text"] or "catastrophe" in f["text"] for f in quoted)
    assert first["n_fundraising"] >= 1


def test_duckdb_store_commits_chunks_and_knows_what_is_done(chunk_rows, tmp_path) -> None:
    store = DuckDBStore(tmp_path / "c.duckdb")
    chunk = spool(chunk_rows, tmp_path)
    store.write(chunk)
    assert store.done() == {"a1", "a4", "a3", done_key(None, "in.jsonl", "line 2")}
    store.save_run({"run_id": "run1", "started": "2026-12-06T10:00:00+00:00", "articles": 2})
    store.save_run({"run_id": "run1", "started": "2026-12-06T10:00:00+00:00", "articles": 3})
    store.close()
    con = duckdb.connect(str(tmp_path / "c.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM findings").fetchone()[0] == len(chunk_rows.findings)
    assert con.execute("SELECT articles FROM runs").fetchall() == [(3,)]  # one row per run


def test_duckdb_chunk_is_all_or_nothing(chunk_rows, tmp_path) -> None:
    store = DuckDBStore(tmp_path / "c.duckdb")
    store.write(spool(chunk_rows, tmp_path))
    again = spool(chunk_rows, tmp_path)  # the same ids: the articles insert fails
    with pytest.raises(duckdb.ConstraintException):
        store.write(again)
    n = store._con.execute("SELECT count(*) FROM findings").fetchone()[0]
    assert n == len(chunk_rows.findings)  # the failed chunk's findings were rolled back too
    store.close()


def test_parquet_store_drops_a_chunk_killed_before_its_articles_file(chunk_rows, tmp_path) -> None:
    out = tmp_path / "pq"
    store = ParquetStore(out)
    store.write(spool(chunk_rows, tmp_path))
    store.close()
    # A run killed after writing a chunk's findings file but before its articles file.
    (out / "findings" / "deadbeef.parquet").write_bytes(
        next((out / "findings").glob("*.parquet")).read_bytes()
    )
    (out / "articles" / "cafe.parquet.tmp").write_bytes(b"half")
    store = ParquetStore(out)
    assert sorted(p.name for p in (out / "findings").iterdir()) == [
        next((out / "articles").glob("*.parquet")).name
    ]
    assert not list((out / "articles").glob("*.tmp"))
    assert store.done() >= {"a1", "a4", "a3"}
    store.close()


def test_an_empty_parquet_corpus_has_nothing_done(tmp_path) -> None:
    store = ParquetStore(tmp_path / "empty")
    assert store.done() == set()
    store.close()
    assert all((tmp_path / "empty" / t).is_dir() for t in schema.TABLES)


def test_ddl_matches_the_row_builders(tmp_path: Path) -> None:
    con = duckdb.connect()
    for table in schema.TABLES:
        con.execute(schema.ddl(table))
        described = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        assert described == schema.names(table)
