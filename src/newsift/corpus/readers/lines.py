"""Lines of a (possibly gzipped) text file read as bytes, each one bounded in memory."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newsift.ingest.files import MAX_BYTES

# JSON escapes make a line longer than its article: \uXXXX spells a 2- or 3-byte UTF-8 character
# in 6 bytes, so a line of a readable (<= MAX_BYTES) non-Latin article may be ~3x its size.
LINE_LIMIT = 4 * MAX_BYTES
BOM = b"\xef\xbb\xbf"
_BUFFER = 1 << 20
# What reading a damaged file raises: a truncated or corrupt gzip stream, a failing disk.
READ_ERRORS = (OSError, EOFError, zlib.error)


def open_binary(path: Path) -> BinaryIO:
    """The file's bytes, decompressed when its name ends in .gz."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb", buffering=_BUFFER)  # noqa: SIM115 - the caller closes it


def numbered_lines(stream: BinaryIO, limit: int = LINE_LIMIT) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line with its newline) from 1; None for a line over `limit` bytes, whose
    rest is skipped without being held in memory. A leading UTF-8 BOM is dropped."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if number == 1 and line.startswith(BOM):
            line = line[len(BOM) :]
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_line(stream)
            yield number, None
        else:
            yield number, line


def _skip_line(stream: BinaryIO) -> None:
    while (rest := stream.readline(_BUFFER)) and not rest.endswith(b"\n"):
        pass


def is_blank(line: bytes) -> bool:
    return not line or line.isspace()


def count_nonblank_lines(stream: BinaryIO) -> int:
    """The lines that are not all whitespace, in fixed-size chunks (a line may be any length):
    the same lines `numbered_lines` gives and a JSONL reader does not skip."""
    count, pending, first = 0, False, True  # pending: the unfinished line has content
    while chunk := stream.read(_BUFFER):
        if first and chunk.startswith(BOM):
            chunk = chunk[len(BOM) :]
        first = False
        *complete, last = chunk.split(b"\n")
        for part in complete:
            count += pending or not is_blank(part)
            pending = False
        pending = pending or not is_blank(last)
    return count + pending
