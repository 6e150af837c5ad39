"""`load`: what the CLI calls with whatever the user typed: a path, an http(s) URL, or "-"."""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

from newsift.document import Document
from newsift.errors import InputError
from newsift.ingest.formats import from_bytes, override_fields

MAX_BYTES = 10 * 2**20  # the largest input read, in bytes (10 MiB)
STDIN_NAME = "<stdin>"

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_SUFFIX_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
    ".json": "application/json",
}


def content_type_for(name: str) -> str | None:
    """The MIME type a file name's suffix implies (.html, .txt, .json, ...), if any."""
    return _SUFFIX_TYPES.get(Path(name).suffix.lower())


def human_size(n: int) -> str:
    """Bytes in MB (2**20) with one decimal, or in bytes under 1 MB."""
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n:,} bytes"


def too_large(what: str, size: int | None, limit: int) -> str:
    """'file too large: 12.0 MB (limit 10.0 MB)'; without a known size, 'over the ... limit'."""
    if size is None:
        return f"{what} too large: over the {human_size(limit)} limit"
    return f"{what} too large: {human_size(size)} (limit {human_size(limit)})"


_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _check_regular(mode: int, source_name: str) -> None:
    """Refuse what is not a regular file: a FIFO nobody writes blocks a read for ever, and
    /dev/zero or /dev/urandom never end."""
    if stat.S_ISDIR(mode):
        raise InputError(source_name, "is a directory, not a file")
    if not stat.S_ISREG(mode):
        what = next((name for test, name in _NOT_REGULAR if test(mode)), "a special file")
        raise InputError(
            source_name, f"not a regular file ({what}); to read a stream, pipe it to '-'"
        )


def read_file(path: Path, source_name: str, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, refusing missing files, directories, pipes and devices,
    and files over `max_bytes`."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    try:
        info = os.stat(path)  # before open: opening a FIFO waits for a writer
        _check_regular(info.st_mode, source_name)
        if info.st_size > max_bytes:  # checked before reading: a huge file fails at once
            raise InputError(source_name, too_large("file", info.st_size, max_bytes))
        # O_NONBLOCK: should the path become a FIFO after the stat, open returns at once
        # and fstat refuses it; on a regular file the flag changes nothing.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            _check_regular(os.fstat(f.fileno()).st_mode, source_name)
            data = f.read(max_bytes + 1)  # a file still growing cannot slip past the cap
    except FileNotFoundError:
        raise InputError(source_name, "file not found") from None
    except PermissionError:
        raise InputError(source_name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(source_name, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(source_name, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(source_name, too_large("input", None, max_bytes))
    return data


def read_stdin(max_bytes: int | None = None) -> bytes:
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(STDIN_NAME, too_large("input", None, max_bytes))
    return data


def load(
    source: str,
    *,
    url: str | None = None,
    title: str | None = None,
    encoding: str | None = None,
    use_env_proxy: bool = False,
) -> Document:
    """Read one article from a file path, an http(s) URL, or "-" (standard input).

    `url` and `title` from the user override what the input says; `encoding` forces a decoding;
    `use_env_proxy` lets a URL be fetched through the environment's proxy settings.
    """
    scheme = _SCHEME.match(source)
    if scheme is not None:
        name = scheme.group(1).lower()
        if name not in ("http", "https"):
            raise InputError(source, f"unsupported URL scheme '{name}'; only http and https")
        from newsift.ingest.url import from_url

        doc = from_url(source, encoding=encoding, use_env_proxy=use_env_proxy)
        return override_fields(doc, url=url, title=title)
    if source == "-":
        name, data, content_type = STDIN_NAME, read_stdin(), None
    else:
        path = Path(source).expanduser()
        name, data = source, read_file(path, source)
        content_type = _SUFFIX_TYPES.get(path.suffix.lower())
    return from_bytes(
        data, source_name=name, url=url, title=title, content_type=content_type, encoding=encoding
    )
