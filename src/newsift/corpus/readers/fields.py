"""Table rows (a JSON object, a CSV row, a Parquet row) -> Records, with `--map` renaming."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from newsift.corpus.records import FIELDS, BadRecord, Record, record_id
from newsift.errors import InputError

MAP_OPTION = "--map"
_STRING_FIELDS = ("text", "html", "url", "title", "date", "source")
_SHOWN_COLUMNS = 8  # the columns a "no text or html" reason lists, to help write a --map


def parse_map(values: Sequence[str]) -> dict[str, str]:
    """The repeated `--map COLUMN=FIELD` options: input column -> Record field."""
    mapping: dict[str, str] = {}
    for value in values:
        column, sep, field = value.partition("=")
        column, field = column.strip(), field.strip().lower()
        if not sep or not column or not field:
            raise InputError(MAP_OPTION, f"'{value}' is not COLUMN=FIELD (e.g. body=text)")
        if field not in FIELDS:
            raise InputError(
                MAP_OPTION, f"'{value}': unknown field '{field}'; fields: {', '.join(FIELDS)}"
            )
        if mapping.get(column, field) != field:
            raise InputError(
                MAP_OPTION, f"column '{column}' mapped to both '{mapping[column]}' and '{field}'"
            )
        other = next((c for c, f in mapping.items() if f == field and c != column), None)
        if other is not None:
            raise InputError(MAP_OPTION, f"columns '{other}' and '{column}' both map to '{field}'")
        mapping[column] = field
    return mapping


def check_map(mapping: Mapping[str, str] | None) -> dict[str, str]:
    """A mapping given by code rather than parse_map, held to the same rules."""
    return parse_map([f"{column}={field}" for column, field in (mapping or {}).items()])


def rename(row: Mapping[str, Any], mapping: Mapping[str, str]) -> dict[str, Any]:
    """The row's Record fields: a mapped column wins over a column already named like its
    field; that column still serves rows where the mapped one is absent."""
    fields = {key: row[key] for key in FIELDS if key in row and key not in mapping}
    for column, field in mapping.items():
        if column in row:
            fields[field] = row[column]
    return fields


class _WrongType(ValueError):
    pass


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    names = {dict: "an object", list: "an array", bytes: "bytes"}
    return next((n for t, n in names.items() if isinstance(value, t)), type(value).__name__)


def _missing(value: Any) -> bool:
    # NaN is how pandas-made files spell a missing value.
    return value is None or (isinstance(value, float) and math.isnan(value))


def _string(field: str, value: Any) -> str | None:
    if _missing(value):
        return None
    if field == "date" and isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if not isinstance(value, str):
        raise _WrongType(f"field '{field}' is {_kind(value)}, not a string")
    return value if value.strip() else None


def _row_id(value: Any) -> str | None:
    if _missing(value):
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an integer id column with gaps, stored as floats
    raise _WrongType(f"field 'id' is {_kind(value)}, not a string or an integer")


def row_record(
    row: Mapping[str, Any],
    *,
    input_name: str,
    position: str,
    id_base: str,
    mapping: Mapping[str, str],
) -> Record | BadRecord:
    """The Record of one row, or a BadRecord saying in one line what is wrong with it.

    `id_base` (the input's resolved path) makes the id of a row without one stable."""
    fields = rename(row, mapping)
    try:
        own_id = _row_id(fields.get("id"))
    except _WrongType as exc:
        return BadRecord(input_name, position, str(exc))
    rid = own_id or record_id(id_base, position)
    try:
        values = {field: _string(field, fields.get(field)) for field in _STRING_FIELDS}
    except _WrongType as exc:
        return BadRecord(input_name, position, str(exc), rid)
    if values["html"] is not None:
        values["text"] = None  # one article body per Record; HTML carries title, byline, date
    elif values["text"] is None:
        return BadRecord(input_name, position, _no_body(row, fields), rid)
    return Record(id=rid, input=input_name, position=position, **values)


def _no_body(row: Mapping[str, Any], fields: Mapping[str, Any]) -> str:
    if "text" in fields or "html" in fields:
        return "'text' and 'html' are empty"
    columns = [str(c) for c in row]
    shown = ", ".join(columns[:_SHOWN_COLUMNS]) + (", ..." if len(columns) > _SHOWN_COLUMNS else "")
    return (
        f"no 'text' or 'html' field (has: {shown or 'nothing'}); rename one with --map COLUMN=text"
    )
