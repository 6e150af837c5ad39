"""`load`: what the CLI calls with whatever the user typed: a path, an http(s) URL, or "-"."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from newsift.document import Document
from newsift.errors import InputError
from newsift.ingest.decode import decode_bytes
from newsift.ingest.formats import from_decoded, kind_from_content_type, override_fields
from newsift.ingest.text import EMPTY

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


def human_size(n: int) -> str:
    """Bytes in MB (2**20) with one decimal, or in bytes under 1 MB."""
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n:,} bytes"


def too_large(size: int | None, limit: int) -> str:
    if size is None:
        return f"input too large: over the {human_size(limit)} limit"
    return f"file too large: {human_size(size)} (limit {human_size(limit)})"


def read_file(path: Path, source_name: str, max_bytes: int | None = None) -> bytes:
    """The bytes of a file, refusing missing files, directories and files over `max_bytes`."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    try:
        if path.is_dir():
            raise InputError(source_name, "is a directory, not a file")
        size = path.stat().st_size  # checked before reading: a huge file fails at once
    except FileNotFoundError:
        raise InputError(source_name, "file not found") from None
    except PermissionError:
        raise InputError(source_name, "permission denied") from None
    except OSError as exc:
        raise InputError(source_name, f"cannot read: {exc.strerror or exc}") from None
    if size > max_bytes:
        raise InputError(source_name, too_large(size, max_bytes))
    try:
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)  # a file still growing cannot slip past the cap
    except PermissionError:
        raise InputError(source_name, "permission denied") from None
    except OSError as exc:
        raise InputError(source_name, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(source_name, too_large(None, max_bytes))
    return data


def read_stdin(max_bytes: int | None = None) -> bytes:
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(STDIN_NAME, too_large(None, max_bytes))
    return data


def load(
    source: str,
    *,
    url: str | None = None,
    title: str | None = None,
    encoding: str | None = None,
) -> Document:
    """Read one article from a file path, an http(s) URL, or "-" (standard input).

    `url` and `title` from the user override what the input says; `encoding` forces a decoding.
    """
    scheme = _SCHEME.match(source)
    if scheme is not None:
        name = scheme.group(1).lower()
        if name not in ("http", "https"):
            raise InputError(source, f"unsupported URL scheme '{name}'; only http and https")
        from newsift.ingest.url import from_url

        doc = from_url(source, encoding=encoding)
        return override_fields(doc, url=url, title=title)
    if source == "-":
        name, data, content_type = STDIN_NAME, read_stdin(), None
    else:
        path = Path(source).expanduser()
        name, data = source, read_file(path, source)
        content_type = _SUFFIX_TYPES.get(path.suffix.lower())
    if not data.strip():
        raise InputError(name, EMPTY)
    text = decode_bytes(data, source_name=name, content_type=content_type, encoding=encoding)
    kind = kind_from_content_type(content_type)
    return from_decoded(text, kind=kind, source_name=name, url=url, title=title)
