"""A chunk's rows written as newline-delimited JSON files, which DuckDB ingests in bulk.

Workers write them (the serialising runs in parallel); the one writer process only asks DuckDB
to read them, which is far faster than inserting row by row.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import orjson

from newsift.corpus.rows import Rows
from newsift.corpus.schema import names


@dataclass(frozen=True)
class SpooledChunk:
    """Where one chunk's rows wait to be stored, and what they hold."""

    files: dict[str, Path]  # table -> .jsonl file (absent: no rows for that table)
    article_ids: list[str]
    error_ids: list[str]
    n_findings: int
    words: int

    @property
    def n_articles(self) -> int:
        return len(self.article_ids)

    @property
    def n_errors(self) -> int:
        return len(self.error_ids)

    def remove(self) -> None:
        for path in self.files.values():
            path.unlink(missing_ok=True)


def _write(path: Path, table: str, rows: list[dict]) -> None:
    columns = names(table)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as out:
        for row in rows:
            out.write(orjson.dumps({c: row.get(c) for c in columns}))
            out.write(b"\n")
    os.replace(tmp, path)


def spool(rows: Rows, directory: Path) -> SpooledChunk:
    chunk = uuid.uuid4().hex
    files: dict[str, Path] = {}
    for table, table_rows in (
        ("articles", rows.articles),
        ("findings", rows.findings),
        ("errors", rows.errors),
    ):
        if table_rows:
            files[table] = directory / f"{chunk}.{table}.jsonl"
            _write(files[table], table, table_rows)
    return SpooledChunk(
        files=files,
        article_ids=[a["id"] for a in rows.articles],
        error_ids=[e["id"] or f"{e['input']}\x00{e['position']}" for e in rows.errors],
        n_findings=len(rows.findings),
        words=sum(a["words"] or 0 for a in rows.articles),
    )
