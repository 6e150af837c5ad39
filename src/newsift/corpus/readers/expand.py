"""The command line's inputs (files, directories, globs) -> the paths to read, with their kind."""

from __future__ import annotations

import glob
from collections.abc import Sequence
from pathlib import Path

from newsift.errors import InputError

# Longest first: "a.jsonl.gz" is JSON Lines, not an unknown ".gz".
_SUFFIX_KINDS = (
    (".jsonl.gz", "jsonl"),
    (".ndjson.gz", "jsonl"),
    (".warc.gz", "warc"),
    (".csv.gz", "csv"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".csv", "csv"),
    (".parquet", "parquet"),
    (".warc", "warc"),
    (".txt", "article"),
    (".html", "article"),
    (".htm", "article"),
    (".json", "article"),
)
SUPPORTED = (
    "supported: JSON Lines (.jsonl, .ndjson, .jsonl.gz), CSV (.csv, .csv.gz), Parquet (.parquet),"
    " WARC (.warc, .warc.gz), article files (.txt, .html, .htm, .json) and directories of them"
)
_GLOB_CHARS = frozenset("*?[")


def kind_of(path: Path) -> str | None:
    """'tree' (a directory), 'jsonl', 'csv', 'parquet', 'warc', 'article', or None."""
    if path.is_dir():
        return "tree"
    name = path.name.lower()
    return next((kind for suffix, kind in _SUFFIX_KINDS if name.endswith(suffix)), None)


def _exists(path: Path, given: str) -> bool:
    try:
        return path.exists()
    except OSError as exc:  # e.g. a permission denied on a parent folder
        raise InputError(given, f"cannot read: {exc.strerror or exc}") from None


def _matches(given: str) -> list[Path]:
    path = Path(given).expanduser()
    if _exists(path, given):  # before globbing: a real file may be named "a[1].jsonl"
        if kind_of(path) is None:
            raise InputError(given, f"unsupported file type; {SUPPORTED}")
        return [path]
    if not _GLOB_CHARS.intersection(given):
        raise InputError(given, "no such file or directory")
    hits = [Path(hit) for hit in sorted(glob.glob(str(path), recursive=True))]
    if not hits:
        raise InputError(given, "no file matches this pattern")
    # A pattern may catch stray files (a README beside the dumps): those are left out.
    found = [hit for hit in hits if kind_of(hit) is not None]
    if not found:
        files = f"{len(hits)} file" + ("s" if len(hits) != 1 else "")
        raise InputError(given, f"matches {files}, none of a supported type; {SUPPORTED}")
    return found


def expand(inputs: Sequence[str]) -> list[Path]:
    """Each input as the paths it names, in order, each path once (however it is spelled)."""
    paths: list[Path] = []
    seen: set[Path] = set()
    for given in inputs:
        for path in _matches(given):
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                paths.append(path)
    return paths
