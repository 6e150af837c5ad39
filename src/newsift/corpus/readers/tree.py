"""Article files (.txt, .html, .htm, .json): one article each, in a directory tree or alone.

A file's Record holds its bytes, decoded later the way `newsift analyze FILE` decodes them. Its
id comes from the file's resolved path, so a file has the same id however it was reached (its
directory, a parent directory, a glob, by name), and one reached twice in a run is read once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsift.corpus.records import BadRecord, Record, record_id
from newsift.errors import InputError
from newsift.ingest.files import MAX_BYTES, read_file

ARTICLE_TYPES = {
    ".txt": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".json": "application/json",
}


@dataclass(frozen=True)
class _Unlisted:
    """A folder of the tree that could not be listed."""

    path: Path
    reason: str


def is_article_file(name: str) -> bool:
    return Path(name).suffix.lower() in ARTICLE_TYPES


def _hidden(name: str) -> bool:
    # .git, editor swap files, and macOS "._name.html" resource forks (binary, not articles).
    return name.startswith(".")


def _walk(root: Path) -> Iterator[Path | _Unlisted]:
    """The tree's article files, each folder's files (sorted) before its subfolders (sorted);
    symlinked folders are not followed (no loops), symlinked files are read."""
    unlisted: list[_Unlisted] = []

    def note(exc: OSError) -> None:
        unlisted.append(_Unlisted(Path(exc.filename or root), exc.strerror or str(exc)))

    for folder, subfolders, names in os.walk(root, onerror=note):
        yield from unlisted
        unlisted.clear()
        subfolders[:] = sorted(d for d in subfolders if not _hidden(d))
        for name in sorted(names):
            if not _hidden(name) and is_article_file(name):
                yield Path(folder, name)
    yield from unlisted


def _position(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() or "."


def _first_visit(path: Path, seen: set[Path]) -> bool:
    key = path.resolve()
    if key in seen:
        return False
    seen.add(key)
    return True


def file_record(path: Path, input_name: str, position: str) -> Record | BadRecord:
    """One article file as a Record of its bytes; unreadable or too large: a BadRecord."""
    rid = record_id(str(path.resolve()), "file")
    try:
        data = read_file(path, input_name, MAX_BYTES)  # reads at most MAX_BYTES + 1 bytes
    except InputError as exc:
        return BadRecord(input_name, position, exc.reason, rid)
    content_type = ARTICLE_TYPES.get(path.suffix.lower(), "text/plain")
    return Record(id=rid, input=input_name, position=position, raw=data, content_type=content_type)


def read_tree(root: Path, input_name: str, seen: set[Path]) -> Iterator[Record | BadRecord]:
    """Every article file under `root`; position: its path relative to `root`."""
    for entry in _walk(root):
        if isinstance(entry, _Unlisted):
            position = _position(entry.path, root) if entry.path.is_relative_to(root) else "."
            yield BadRecord(input_name, position, f"folder not readable: {entry.reason}")
        elif _first_visit(entry, seen):
            yield file_record(entry, input_name, _position(entry, root))


def count_tree(root: Path, seen: set[Path]) -> int:
    return sum(1 for e in _walk(root) if isinstance(e, _Unlisted) or _first_visit(e, seen))


def read_single(path: Path, input_name: str, seen: set[Path]) -> Iterator[Record | BadRecord]:
    """An article file given by itself; position: its name."""
    if _first_visit(path, seen):
        yield file_record(path, input_name, path.name)


def count_single(path: Path, seen: set[Path]) -> int:
    return int(_first_visit(path, seen))
