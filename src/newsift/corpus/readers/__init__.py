"""Corpus readers: the inputs of `newsift batch` -> Records (or BadRecords), streamed in order.

Inputs are files, directories and globs: JSON Lines, CSV and Parquet (one article per row,
columns renamed by `--map`), directory trees of article files, and WARC files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from newsift.corpus.readers import tables, tree, warc
from newsift.corpus.readers.expand import expand, kind_of
from newsift.corpus.readers.fields import check_map, parse_map
from newsift.corpus.records import BadRecord, Record

__all__ = ["count_records", "expand", "iter_records", "parse_map"]

Item = Record | BadRecord
_TABLE_READERS: dict[str, Callable[[Path, str, Mapping[str, str]], Iterator[Item]]] = {
    "jsonl": tables.read_jsonl,
    "csv": tables.read_csv,
    "parquet": tables.read_parquet,
}
_TABLE_COUNTERS: dict[str, Callable[[Path], int | None]] = {
    "jsonl": tables.count_jsonl,
    "csv": tables.count_csv,
    "parquet": tables.count_parquet,
}


def _read(path: Path, mapping: Mapping[str, str], seen: set[Path]) -> Iterator[Item]:
    kind, name = kind_of(path), str(path)
    if kind == "tree":
        return tree.read_tree(path, name, seen)
    if kind == "article":
        return tree.read_single(path, name, seen)
    if kind == "warc":
        return warc.read_warc(path, name)
    return _TABLE_READERS[str(kind)](path, name, mapping)


def _stream(paths: list[Path], mapping: Mapping[str, str]) -> Iterator[Item]:
    seen: set[Path] = set()  # article files already read: a folder given twice, or nested
    for path in paths:
        yield from _read(path, mapping, seen)


def iter_records(inputs: Sequence[str], mapping: Mapping[str, str] | None = None) -> Iterator[Item]:
    """Every record of every input, in order, one at a time (no file is loaded whole).

    Bad inputs (missing, unsupported, a bad mapping) raise InputError here, before any record;
    a bad record inside an input is yielded as a BadRecord and reading goes on."""
    checked = check_map(mapping)
    return _stream(expand(inputs), checked)


def _count(path: Path, seen: set[Path]) -> int | None:
    kind = kind_of(path)
    if kind == "tree":
        return tree.count_tree(path, seen)
    if kind == "article":
        return tree.count_single(path, seen)
    if kind == "warc":
        return None  # only reading a WARC tells which of its records are HTML responses
    return _TABLE_COUNTERS[str(kind)](path)


def count_records(inputs: Sequence[str], mapping: Mapping[str, str] | None = None) -> int | None:
    """How many items iter_records will yield, when that is cheap to know (files in trees,
    lines of JSON Lines, CSV rows, Parquet metadata); None when it is not (WARC, unreadable)."""
    check_map(mapping)  # the mapping renames columns, it never changes how many rows there are
    seen: set[Path] = set()
    total = 0
    for path in expand(inputs):
        count = _count(path, seen)
        if count is None:
            return None
        total += count
    return total
