"""One article per row: JSON Lines ("line N"), CSV and Parquet ("row N").

A bad line or row becomes a BadRecord and reading goes on; a file that cannot be read past some
point (a truncated gzip, a broken CSV quote, a corrupt Parquet page) ends with one BadRecord for
the rest of it.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson

from newsift.corpus.readers.fields import row_record
from newsift.corpus.readers.lines import (
    LINE_LIMIT,
    READ_ERRORS,
    count_nonblank_lines,
    is_blank,
    numbered_lines,
    open_binary,
)
from newsift.corpus.records import FIELDS, BadRecord, Record
from newsift.ingest.files import human_size

Item = Record | BadRecord
_JSON_PLACE = re.compile(r"line 1 column (\d+) \(char \d+\)")
PARQUET_BATCH = 512  # rows per fetchmany: articles are a few KB, so a batch is a few MB


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _unreadable_rest(input_name: str, position: str, exc: BaseException) -> BadRecord:
    return BadRecord(input_name, position, f"unreadable from here on: {_one_line(exc)}")


def _json_kind(value: Any) -> str:
    names = {
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _parse_line(line: bytes) -> tuple[Any, str | None]:
    """The line's JSON value, or the reason it has none."""
    try:
        return orjson.loads(line), None
    except orjson.JSONDecodeError:
        pass  # the standard parser also reads what orjson refuses: NaN, lone surrogates, bigints
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 text (byte {line[exc.start]:#04x} at column {exc.start + 1})"
    try:
        return json.loads(text), None
    except RecursionError:
        return None, "JSON nested too deeply"
    except ValueError as exc:
        # "line 1 column 9 (char 8)": the line is always 1 here, and "line" means the file's.
        return None, "invalid JSON: " + _JSON_PLACE.sub(r"column \1", str(exc))


def read_jsonl(path: Path, input_name: str, mapping: Mapping[str, str]) -> Iterator[Item]:
    """A JSON Lines file (.jsonl, .ndjson, gzipped or not): one object per non-blank line."""
    id_base, number = str(path.resolve()), 0
    try:
        with open_binary(path) as stream:
            for number, line in numbered_lines(stream):
                position = f"line {number}"
                if line is None:
                    yield BadRecord(input_name, position, f"longer than {human_size(LINE_LIMIT)}")
                    continue
                if is_blank(line):
                    continue
                value, reason = _parse_line(line)
                if reason is not None:
                    yield BadRecord(input_name, position, reason)
                elif not isinstance(value, dict):
                    yield BadRecord(input_name, position, f"not a JSON object: {_json_kind(value)}")
                else:
                    yield row_record(
                        value,
                        input_name=input_name,
                        position=position,
                        id_base=id_base,
                        mapping=mapping,
                    )
    except READ_ERRORS as exc:
        yield _unreadable_rest(input_name, f"line {number + 1}", exc)


def count_jsonl(path: Path) -> int | None:
    try:
        with open_binary(path) as stream:
            return count_nonblank_lines(stream)
    except READ_ERRORS:
        return None


class _LineTooLong(ValueError):
    pass


class _DecodedLines:
    """A CSV file's lines as text for csv.reader. An undecodable line is decoded with
    surrogateescape so the parser keeps its place, and flagged: its row becomes a BadRecord."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.undecodable = False

    def __iter__(self) -> Iterator[str]:
        for _, line in numbered_lines(self.stream):
            if line is None:
                raise _LineTooLong(f"a line longer than {human_size(LINE_LIMIT)}")
            try:
                yield line.decode("utf-8")
            except UnicodeDecodeError:
                self.undecodable = True
                yield line.decode("utf-8", "surrogateescape")

    def take_flag(self) -> bool:
        """Whether a line read since the last call was undecodable (csv.reader reads exactly
        the lines of one row per step, so this is about the row just read)."""
        flag, self.undecodable = self.undecodable, False
        return flag


def _raise_field_limit() -> None:
    # The csv module's default limit (128 KiB per field) is shorter than many articles.
    if csv.field_size_limit() < LINE_LIMIT:
        csv.field_size_limit(LINE_LIMIT)


def _header(rows: Iterator[list[str]]) -> list[str]:
    """The first non-blank row."""
    return next((row for row in rows if row), [])


def read_csv(path: Path, input_name: str, mapping: Mapping[str, str]) -> Iterator[Item]:
    """A CSV file with a header row, UTF-8 (a BOM tolerated); "row N" counts data rows."""
    _raise_field_limit()
    id_base, number = str(path.resolve()), 0
    try:
        with open_binary(path) as stream:
            lines = _DecodedLines(stream)
            rows = csv.reader(lines)
            header = [column.strip() for column in _header(rows)]
            lines.take_flag()
            for row in rows:
                undecodable = lines.take_flag()
                if not row:
                    continue  # a blank line
                number += 1
                position = f"row {number}"
                if undecodable:
                    yield BadRecord(input_name, position, "not UTF-8 text")
                elif len(row) != len(header):
                    yield BadRecord(
                        input_name, position, f"{len(row)} fields, the header has {len(header)}"
                    )
                else:
                    yield row_record(
                        dict(zip(header, row, strict=True)),
                        input_name=input_name,
                        position=position,
                        id_base=id_base,
                        mapping=mapping,
                    )
    except csv.Error as exc:
        if "new-line character" in str(exc):  # its advice (newline='') is for Python callers
            exc = csv.Error("a carriage return inside an unquoted field")
        yield _unreadable_rest(input_name, f"row {number + 1}", exc)
    except (_LineTooLong, *READ_ERRORS) as exc:
        yield _unreadable_rest(input_name, f"row {number + 1}", exc)


def count_csv(path: Path) -> int | None:
    """The data rows (a full parse: quoted fields may hold newlines)."""
    _raise_field_limit()
    try:
        with open_binary(path) as stream:
            rows = csv.reader(_DecodedLines(stream))
            _header(rows)
            return sum(1 for row in rows if row)
    except (csv.Error, _LineTooLong, *READ_ERRORS):
        return None


def _quote(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def read_parquet(path: Path, input_name: str, mapping: Mapping[str, str]) -> Iterator[Item]:
    """A Parquet file through DuckDB, in batches, reading only the columns a Record uses."""
    import duckdb  # a heavy import, needed only for Parquet

    id_base, number = str(path.resolve()), 0
    # One thread: a scan holds about a row group per thread in memory (row groups of articles
    # run to hundreds of MB), and reading is never the bottleneck of an analysis.
    con = duckdb.connect(config={"threads": 1})
    try:
        query = "SELECT * FROM read_parquet(?)"
        described = con.execute(f"{query} LIMIT 0", [str(path)]).description or []
        columns = [d[0] for d in described]
        wanted = [c for c in columns if c in FIELDS or c in mapping]
        # With no usable column, each row still becomes one BadRecord (naming the columns).
        selected = ", ".join(map(_quote, wanted)) or "NULL AS __none"
        cursor = con.execute(f"SELECT {selected} FROM read_parquet(?)", [str(path)])
        while batch := cursor.fetchmany(PARQUET_BATCH):
            for values in batch:
                number += 1
                row = dict(zip(wanted, values, strict=True)) if wanted else dict.fromkeys(columns)
                yield row_record(
                    row,
                    input_name=input_name,
                    position=f"row {number}",
                    id_base=id_base,
                    mapping=mapping,
                )
    except duckdb.Error as exc:
        yield _unreadable_rest(input_name, f"row {number + 1}", exc)
    finally:
        con.close()


def count_parquet(path: Path) -> int | None:
    """The row count from the file's metadata."""
    import duckdb

    try:
        with duckdb.connect() as con:
            found = con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()
    except duckdb.Error:
        return None
    return int(found[0]) if found else None
