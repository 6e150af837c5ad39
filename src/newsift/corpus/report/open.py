"""Open a corpus for reading: a DuckDB file, or a directory of Parquet datasets.

Either way the connection shows four views, `articles`, `findings`, `errors` and `runs`, with
exactly the columns of `newsift.corpus.schema` (a column an older corpus lacks reads as NULL), so
the report's queries need not care where the corpus came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from newsift.corpus.schema import SCHEMAS, TABLES
from newsift.errors import InputError

if TYPE_CHECKING:
    import duckdb

# The first bytes of a DuckDB database file: an 8-byte checksum, then the magic "DUCK".
_DUCKDB_MAGIC = b"DUCK"
_ATTACHED = "corpus_file"


def open_corpus(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection to the corpus at `path`, read-only; InputError if it is not a corpus."""
    import duckdb

    name = str(path)
    if not path.exists():
        raise InputError(name, "no such file or directory")
    # Offline and predictable: never download or load an extension to read a strange file.
    con = duckdb.connect(
        ":memory:",
        config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
    )
    try:
        sources = _parquet_sources(path) if path.is_dir() else _duckdb_sources(con, path)
        for table in TABLES:
            _create_view(con, table, sources.get(table))
        for table in TABLES:  # a broken Parquet file fails here, not in the middle of a report
            con.execute(f"SELECT count(*) FROM {table}").fetchone()
    except duckdb.Error as exc:
        con.close()
        raise InputError(name, f"cannot read the corpus: {_first_line(exc)}") from None
    except InputError:
        con.close()
        raise
    return con


def _duckdb_sources(con: duckdb.DuckDBPyConnection, path: Path) -> dict[str, str]:
    """Attach the file read-only; the tables it holds, as SQL relations."""
    import duckdb

    name = str(path)
    if not path.is_file():
        raise InputError(name, "not a file or a directory")
    try:
        with path.open("rb") as file:
            head = file.read(12)
    except OSError as exc:
        raise InputError(name, f"cannot read it: {exc.strerror or exc}") from None
    if head[8:12] != _DUCKDB_MAGIC:
        raise InputError(name, "not a DuckDB database (nor a directory of Parquet tables)")
    try:
        con.execute(f"ATTACH {_literal(str(path.resolve()))} AS {_ATTACHED} (READ_ONLY)")
    except duckdb.Error as exc:
        reason = _first_line(exc)
        if "lock" in reason.lower():
            reason = f"in use by another process (a batch still running?): {reason}"
        raise InputError(name, f"cannot open the database: {reason}") from None
    present = {
        row[0]
        for row in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_catalog = ? AND table_schema = 'main'",
            [_ATTACHED],
        ).fetchall()
    }
    if "articles" not in present:
        raise InputError(name, "not a newsift corpus: the database has no articles table")
    return {table: f"{_ATTACHED}.main.{table}" for table in TABLES if table in present}


def _parquet_sources(path: Path) -> dict[str, str]:
    """`DIR/<table>/*.parquet` as read_parquet relations; a table without files is left out."""
    folders = {table: path / table for table in TABLES if (path / table).is_dir()}
    if not folders:
        raise InputError(
            str(path), "not a corpus directory: no articles/, findings/, errors/ or runs/ folder"
        )
    sources: dict[str, str] = {}
    for table, folder in folders.items():
        files = sorted(str(f.resolve()) for f in folder.rglob("*.parquet") if f.is_file())
        if files:
            listed = ", ".join(_literal(f) for f in files)
            sources[table] = f"read_parquet([{listed}], union_by_name = true)"
    return sources


def _create_view(con: duckdb.DuckDBPyConnection, table: str, source: str | None) -> None:
    """A view of `table` with the schema's columns and types; empty when there is no source."""
    present: set[str] = set()
    if source is not None:
        present = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    columns = ", ".join(
        f'CAST("{col}" AS {kind}) AS "{col}"' if col in present else f'NULL::{kind} AS "{col}"'
        for col, kind in SCHEMAS[table]
    )
    body = f"SELECT {columns} FROM {source}" if source else f"SELECT {columns} WHERE false"
    con.execute(f"CREATE VIEW {table} AS {body}")


def _literal(text: str) -> str:
    """A SQL string literal (DuckDB cannot take parameters in ATTACH or a view's body)."""
    return "'" + text.replace("'", "''") + "'"


def _first_line(exc: Exception) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
