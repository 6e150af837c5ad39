"""Where a corpus is kept: one DuckDB file, or a directory of Parquet datasets.

Both commit a chunk of rows at once, so a run killed at any moment (even by SIGKILL) loses at
most the chunk it was writing, never leaves half an article, and a rerun finds exactly what was
committed:
- DuckDB: one transaction per chunk (its write-ahead log undoes an unfinished one);
- Parquet: one file per table per chunk, the `articles` file renamed into place last; on
  opening, files of a chunk without its `articles` file are removed as unfinished.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

import duckdb

from newsift.corpus.schema import SCHEMAS, TABLES, ddl, json_columns, names
from newsift.corpus.spool import SpooledChunk
from newsift.errors import InputError

PARTS = ("findings", "errors", "articles")  # the order a Parquet chunk is published in


def done_key(record_id: str | None, input_name: str, position: str) -> str:
    """What marks a record as done: its id, or its place for a bad record without one."""
    return record_id or f"{input_name}\x00{position}"


class CorpusStore(Protocol):
    location: Path

    def done(self) -> set[str]: ...

    def write(self, chunk: SpooledChunk) -> None: ...

    def write_parquet_parts(self, parts: Mapping[str, Path]) -> None: ...

    def save_run(self, run: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _select_spooled(table: str, path: Path) -> str:
    columns = ", ".join(f'"{c}"' for c in names(table))
    return (
        f"SELECT {columns} FROM read_json({_quoted(path)}, format='newline_delimited', "
        f"columns={json_columns(table)}, maximum_object_size=67108864)"
    )


def _select_parquet(table: str, path: Path) -> str:
    columns = ", ".join(f'"{c}"' for c in names(table))
    return f"SELECT {columns} FROM read_parquet({_quoted(path)})"


def _select_empty(table: str) -> str:
    columns = ", ".join(f'CAST(NULL AS {kind}) AS "{name}"' for name, kind in SCHEMAS[table])
    return f"SELECT {columns} LIMIT 0"


def _done_query(articles: str, errors: str) -> str:
    return (
        f"SELECT id FROM {articles} UNION ALL "
        f"SELECT coalesce(id, input || chr(0) || position) FROM {errors}"
    )


class DuckDBStore:
    """A corpus in one DuckDB file; the tables are created when missing."""

    def __init__(self, path: Path) -> None:
        self.location = Path(path)
        try:
            self._con = duckdb.connect(str(self.location))
        except duckdb.Error as exc:
            raise InputError(str(path), f"cannot open as a DuckDB corpus: {exc}") from None
        for table in TABLES:
            self._con.execute(ddl(table))

    def done(self) -> set[str]:
        rows = self._con.execute(_done_query("articles", "errors")).fetchall()
        return {r[0] for r in rows}

    def write(self, chunk: SpooledChunk) -> None:
        con = self._con
        con.execute("BEGIN TRANSACTION")
        try:
            for table, path in chunk.files.items():
                columns = ", ".join(f'"{c}"' for c in names(table))
                con.execute(f"INSERT INTO {table} ({columns}) {_select_spooled(table, path)}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def write_parquet_parts(self, parts: Mapping[str, Path]) -> None:
        """Commit one chunk given as a Parquet file per table (the Ray engine's), in one
        transaction as `write` does."""
        con = self._con
        con.execute("BEGIN TRANSACTION")
        try:
            for table, path in parts.items():
                columns = ", ".join(f'"{c}"' for c in names(table))
                con.execute(f"INSERT INTO {table} ({columns}) {_select_parquet(table, path)}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def save_run(self, run: dict[str, Any]) -> None:
        columns = names("runs")
        self._con.execute("DELETE FROM runs WHERE run_id = ?", [run["run_id"]])
        marks = ", ".join("?" for _ in columns)
        self._con.execute(f"INSERT INTO runs VALUES ({marks})", [run.get(c) for c in columns])

    def close(self) -> None:
        self._con.close()


class ParquetStore:
    """A corpus as one Parquet dataset (a folder of files) per table under `directory`."""

    def __init__(self, directory: Path) -> None:
        self.location = Path(directory)
        if self.location.exists() and not self.location.is_dir():
            raise InputError(str(directory), "--parquet needs a directory")
        for table in TABLES:
            (self.location / table).mkdir(parents=True, exist_ok=True)
        self._drop_unfinished()
        self._con = duckdb.connect()

    def _drop_unfinished(self) -> None:
        finished = {p.name.split(".")[0] for p in (self.location / "articles").glob("*.parquet")}
        for table in TABLES:
            for path in (self.location / table).iterdir():
                unfinished = path.suffix != ".parquet" or (
                    table in PARTS and path.name.split(".")[0] not in finished
                )
                if unfinished:
                    path.unlink()

    def _dataset(self, table: str) -> str:
        if not any((self.location / table).glob("*.parquet")):
            return f"({_select_empty(table)})"
        return f"read_parquet({_quoted(self.location / table / '*.parquet')})"

    def done(self) -> set[str]:
        query = _done_query(self._dataset("articles"), self._dataset("errors"))
        return {r[0] for r in self._con.execute(query).fetchall()}

    def _copy(self, select: str, target: Path) -> None:
        tmp = target.with_name(target.name + ".tmp")
        self._con.execute(f"COPY ({select}) TO {_quoted(tmp)} (FORMAT PARQUET)")
        os.replace(tmp, target)

    def write(self, chunk: SpooledChunk) -> None:
        name = next(iter(chunk.files.values())).name.split(".")[0] if chunk.files else None
        if name is None:
            return
        for table in PARTS:
            path = chunk.files.get(table)
            if path is None and table != "articles":
                continue
            select = _select_spooled(table, path) if path else _select_empty(table)
            self._copy(select, self.location / table / f"{name}.parquet")

    def write_parquet_parts(self, parts: Mapping[str, Path]) -> None:
        """Publish one chunk given as a Parquet file per table (the Ray engine's) as `write`
        does: rewritten with the table's columns, its `articles` file last."""
        if not parts:
            return
        name = next(iter(parts.values())).name.split(".")[0]
        for table in PARTS:
            path = parts.get(table)
            if path is None and table != "articles":
                continue
            select = _select_parquet(table, path) if path else _select_empty(table)
            self._copy(select, self.location / table / f"{name}.parquet")

    def save_run(self, run: dict[str, Any]) -> None:
        values = ", ".join(f'CAST(? AS {kind}) AS "{name}"' for name, kind in SCHEMAS["runs"])
        target = self.location / "runs" / f"{run['run_id']}.parquet"
        tmp = target.with_name(target.name + ".tmp")
        self._con.execute(
            f"COPY (SELECT {values}) TO {_quoted(tmp)} (FORMAT PARQUET)",
            [run.get(c) for c in names("runs")],
        )
        os.replace(tmp, target)

    def close(self) -> None:
        self._con.close()


def open_store(out: Path | None, parquet: Path | None) -> CorpusStore:
    """The store `newsift batch` writes: --parquet DIR, else the DuckDB file --out."""
    if parquet is not None:
        return ParquetStore(parquet)
    assert out is not None
    return DuckDBStore(out)
