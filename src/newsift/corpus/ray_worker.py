"""What the Ray engine's actors run: a chunk of records comes in as an Arrow table, its rows go
out as one Parquet file per table.

Records travel as typed Arrow columns (no pickling). The rows come from `rows.analyse`, as with
the local engine, and each chunk's tables are serialised to Parquet on the actor. The
serialising therefore runs in parallel, and the driver only saves and commits the files, as
the local engine's parent only commits its workers' spool files.

pyarrow comes with ray[data] and is imported inside functions, so this module imports on the
default install.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from newsift.corpus.records import BadRecord, Record
from newsift.corpus.rows import Rows, analyse
from newsift.corpus.schema import SCHEMAS

if TYPE_CHECKING:
    import pyarrow as pa

    from newsift.analyzer import Analyzer

ROW_TABLES = ("articles", "findings", "errors")  # what analysis writes (runs is the driver's)
COUNTS = ("n_articles", "n_findings", "n_errors", "words")
RECORD_FIELDS = tuple(f.name for f in fields(Record))
BAD_REASON = "reason"  # set for a BadRecord only
LARGE_FIELDS = {"text": "large_string", "html": "large_string", "raw": "large_binary"}


def arrow_schema(table: str) -> pa.Schema:
    """The Arrow schema of a corpus table, from its DuckDB column types."""
    import pyarrow as pa

    types = {
        "VARCHAR": pa.string(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
    }
    return pa.schema([(name, types[kind]) for name, kind in SCHEMAS[table]])


def record_schema() -> pa.Schema:
    """Records and bad records in one table: `reason` is set for a bad record only."""
    import pyarrow as pa

    def kind(name: str) -> pa.DataType:
        return getattr(pa, LARGE_FIELDS[name])() if name in LARGE_FIELDS else pa.string()

    return pa.schema([(name, kind(name)) for name in (*RECORD_FIELDS, BAD_REASON)])


def records_to_arrow(records: Sequence[Record | BadRecord]) -> pa.Table:
    import pyarrow as pa

    rows: list[dict[str, Any]] = []
    for record in records:
        if isinstance(record, BadRecord):
            rows.append(
                {
                    "id": record.id,
                    "input": record.input,
                    "position": record.position,
                    BAD_REASON: record.reason,
                }
            )
        else:
            rows.append({name: getattr(record, name) for name in RECORD_FIELDS})
    return pa.Table.from_pylist(rows, schema=record_schema())


def records_from_arrow(table: pa.Table) -> list[Record | BadRecord]:
    out: list[Record | BadRecord] = []
    for row in table.to_pylist():
        reason = row.pop(BAD_REASON)
        if reason is not None:
            out.append(BadRecord(row["input"], row["position"], reason, row["id"]))
        else:
            out.append(Record(**row))
    return out


def _parquet_bytes(table: str, rows: list[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table)
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), sink)
    return sink.getvalue().to_pybytes()


def output_schema() -> pa.Schema:
    """One row per chunk: each table's Parquet file (null when it has no rows) and the counts
    the progress bar and the `runs` row need."""
    import pyarrow as pa

    return pa.schema(
        [(t, pa.large_binary()) for t in ROW_TABLES] + [(c, pa.int64()) for c in COUNTS]
    )


def rows_to_parquet(rows: Rows) -> dict[str, Any]:
    tables = {"articles": rows.articles, "findings": rows.findings, "errors": rows.errors}
    out: dict[str, Any] = {t: _parquet_bytes(t, r) if r else None for t, r in tables.items()}
    out["n_articles"] = len(rows.articles)
    out["n_findings"] = len(rows.findings)
    out["n_errors"] = len(rows.errors)
    out["words"] = sum(a["words"] or 0 for a in rows.articles)
    return out


class ChunkAnalyser:
    """The callable class `map_batches` runs: one Analyzer per actor (the models load once),
    one chunk of records per call."""

    def __init__(self, method: str, run_id: str) -> None:
        from newsift.analyzer import Analyzer

        self.analyzer: Analyzer = Analyzer(method=method)
        self.run_id = run_id

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        rows = analyse(self.analyzer, records_from_arrow(batch), self.run_id)
        return pa.Table.from_pylist([rows_to_parquet(rows)], schema=output_schema())
