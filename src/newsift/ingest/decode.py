"""Bytes to text: refuse binary data, honour a declared encoding, otherwise insist on UTF-8.

No guessing: a wrong guess silently turns an article into mojibake, while an error that says
which byte is wrong and how to name the encoding lets the user fix it in one step.
"""

from __future__ import annotations

import codecs
import re

from newsift.errors import InputError

BINARY = "binary file, not text or HTML"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_SNIFF_BYTES = 8192
# Control bytes that never appear in text (tab, newlines, form feed and escape may).
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}


def charset_from_content_type(content_type: str | None) -> str | None:
    """'text/html; charset=ISO-8859-1' -> 'ISO-8859-1'."""
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML meta tag or XML declaration names in the first bytes, if any."""
    head = data[:_SNIFF_BYTES]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii") if m else None


def _codec(name: str) -> str | None:
    """A Python codec for a declared charset name; Latin-1 means Windows-1252 as in browsers."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def check_not_binary(data: bytes, source_name: str) -> None:
    head = data[:_SNIFF_BYTES]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(source_name, f"{BINARY} (looks like {what})")
    if b"\x00" in head:
        raise InputError(source_name, BINARY)
    controls = sum(1 for byte in head if byte in _CONTROL)
    if head and controls / len(head) > 0.05:
        raise InputError(source_name, BINARY)


def decode_bytes(
    data: bytes,
    *,
    source_name: str,
    content_type: str | None = None,
    encoding: str | None = None,
) -> str:
    """Text of `data`: a forced `encoding`, else a BOM, a declared charset, else strict UTF-8."""
    if encoding:
        codec = _codec(encoding)
        if codec is None:
            raise InputError(source_name, f"unknown encoding '{encoding}'")
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            bad = data[exc.start]
            raise InputError(
                source_name,
                f"not valid {encoding} (invalid byte 0x{bad:02x} at offset {exc.start})",
            ) from None
        return text.lstrip("\ufeff")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            # A BOM is explicit: undecodable bytes after it are damage, not a wrong guess.
            return data[len(bom) :].decode(codec, errors="replace")
    check_not_binary(data, source_name)
    for declared in (charset_from_content_type(content_type), declared_charset(data)):
        codec = _codec(declared) if declared else None
        if codec is not None:
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        raise InputError(
            source_name,
            f"not valid UTF-8 (invalid byte 0x{bad:02x} at offset {exc.start}); "
            "pass --encoding NAME",
        ) from None
