"""WARC / WARC.gz files (Common Crawl News): the HTML responses, through warcio.

Only `response` records with a 2xx HTTP status and an HTML Content-Type are articles; requests,
metadata, warcinfo, redirects and other media are skipped silently. warcio writes its one
warning (stray bytes after a record: its Content-Length was wrong) to stderr, where it would
tear through the progress bar and leave no trace in the corpus; it becomes a BadRecord for that
record instead, and reading goes on as warcio does. warcio stops quietly at a truncated file, so
truncation is checked here: a record shorter than its Content-Length, a gzip member without its
end, or bytes after the last record warcio saw end the file with one BadRecord. (A file cut
exactly between two records is a valid WARC.)
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import redirect_stderr
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.limitreader import LimitReader

from newsift.corpus.records import BadRecord, Record, record_id
from newsift.ingest.files import MAX_BYTES

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_DRAIN = 1 << 16
_REASON_LIMIT = 300  # warcio's messages can be paragraphs (they include the bytes it saw)
_STRAY_OFFSET = re.compile(r"Offset:\s*(\d+)")


class _Corrupt(Exception):
    pass


class _CheckedIterator(ArchiveIterator):
    """An ArchiveIterator that notes whether the last gzip member ended where it should."""

    complete = True

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader else None
        if decompressor is not None and not getattr(decompressor, "eof", True):
            self.complete = False
        super().close()


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= _REASON_LIMIT else text[: _REASON_LIMIT - 3] + "..."


def _html_type(record: Any) -> str | None:
    """The Content-Type of a successful HTML response, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if not (record.http_headers.get_statuscode() or "").startswith("2"):
        return None  # a redirect or an error page is not an article
    content_type = record.http_headers.get_header("Content-Type") or ""
    return content_type if content_type.split(";")[0].strip().lower() in HTML_TYPES else None


def _check_complete(record: Any) -> None:
    """Read the rest of the record: it must be as long as its Content-Length says."""
    if record.format != "warc":  # a line of text with 5 or 6 words reads as an ARC header
        raise _Corrupt(f"not a WARC record (warcio read it as {record.format})")
    stream = record.raw_stream
    while stream.read(_DRAIN):
        pass
    declared = (record.rec_headers.get_header("Content-Length") or "").strip()
    if not declared.isdigit():  # warcio reads a header cut off at "Content-Length:" as 0
        raise _Corrupt(f"a record with a bad Content-Length: '{declared[:20]}'")
    if isinstance(stream, LimitReader) and stream.limit > 0:
        raise _Corrupt(f"a record ends {stream.limit:,} bytes short of its Content-Length")


def _record_id(record: Any, path: Path, position: str) -> str:
    warc_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip().strip("<>")
    return warc_id or record_id(str(path.resolve()), position)


def _article(record: Any, path: Path, input_name: str, position: str) -> Record | None:
    content_type = _html_type(record)
    if content_type is None:
        _check_complete(record)
        return None
    # content_stream undoes chunked and gzip transfer encodings; reading one byte more than
    # the limit lets rows.to_document refuse a page too large without holding all of it.
    payload = record.content_stream().read(MAX_BYTES + 1)
    _check_complete(record)
    headers = record.rec_headers
    return Record(
        id=_record_id(record, path, position),
        input=input_name,
        position=position,
        raw=payload,
        content_type=content_type,
        url=headers.get_header("WARC-Target-URI") or None,
        date=headers.get_header("WARC-Date") or None,
    )


def _reason(exc: BaseException) -> str:
    message = _one_line(exc)
    if isinstance(exc, (AttributeError, TypeError, KeyError, IndexError)):
        message = f"unparseable record headers ({type(exc).__name__} in warcio)"
    elif "non-chunked gzip" in message:
        # A whole WARC gzipped at once, which warcio refuses; its fix is a paragraph long.
        message = "gzipped as one stream, not one gzip member per record (fix: warcio recompress)"
    return f"truncated or corrupt WARC, rest of the file skipped: {message}"


def _check_tail(stream: BinaryIO, end: int) -> None:
    """After the last record warcio read, only blank lines may follow: warcio ends silently
    at a record whose headers were cut off."""
    stream.seek(end)
    if stream.read(_DRAIN).strip():
        raise _Corrupt(f"the file ends inside a record (at byte {end:,} or after)")


def _warning(message: str) -> str:
    """warcio's stderr warning as one line."""
    if "not followed by newline" in message:
        found = _STRAY_OFFSET.search(message)
        where = f" at byte {int(found.group(1)):,}" if found else ""
        return (
            f"stray bytes after the record{where}: its Content-Length is wrong, so its "
            "content may be cut or run on (the next record was read after them)"
        )
    return "warcio: " + _one_line(message)


def read_warc(path: Path, input_name: str) -> Iterator[Record | BadRecord]:
    """The HTML responses of one WARC file; position "record N" counts every record."""
    number = 0  # the record being read: a failure's position
    try:
        if path.stat().st_size == 0:
            return  # an empty file: no records (and no gzip stream to end)
        with open(path, "rb") as stream:
            records = _CheckedIterator(stream)
            iterator, end = iter(records), 0
            while True:
                number += 1
                record = next(iterator, None)
                if record is None:
                    break
                article = _article(record, path, input_name, f"record {number}")
                # Finding the record's end reads past it, which is where warcio notices (and
                # writes to stderr) stray bytes; the next `next` then has nothing left to read.
                warned = io.StringIO()
                with redirect_stderr(warned):
                    end = records.get_record_offset() + records.get_record_length()
                if article is not None:
                    yield article
                if warned.getvalue().strip():
                    yield BadRecord(input_name, f"record {number}", _warning(warned.getvalue()))
            if not records.complete:
                raise _Corrupt("the gzip stream ends in the middle of a record")
            _check_tail(stream, end)
    except Exception as exc:  # noqa: BLE001 - damaged headers make warcio raise all sorts
        yield BadRecord(input_name, f"record {max(number, 1)}", _reason(exc))
