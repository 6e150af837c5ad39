"""Which reader an input needs (plain text, HTML or a JSON object), by type or by sniffing."""

from __future__ import annotations

import json
import re
from typing import Any

from newsift.document import Document
from newsift.errors import InputError
from newsift.ingest.decode import decode_bytes
from newsift.ingest.html import from_html
from newsift.ingest.text import EMPTY, from_text, repair_field
from newsift.text.safetext import scrub_surrogates

_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml)", re.I)
_HTML_TAG = re.compile(
    r"</?(?:p|div|br|span|a|article|section|h[1-6]|ul|ol|li|table|tr|td|b|i|em|strong|"
    r"title|meta|body|head|html|img|figure|blockquote|main|nav|header|footer|script|style)\b"
    r"[^<>]{0,2048}>",  # bounded: `[^>]*` rescanned the rest per "<p" without ">" (quadratic)
    re.I,
)
_JSON_FIELDS = ("title", "text", "html", "url", "byline", "author", "date")


def sniff(text: str) -> str:
    """'json', 'html' or 'text' for a decoded input."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] in "{[" and stripped:
        try:
            json.loads(stripped)
        except RecursionError:
            return "json"  # JSON too deep to read: _parse_json says so
        except ValueError:
            pass
        else:
            return "json"
    if _HTML_START.match(stripped):
        return "html"
    tags = _HTML_TAG.findall(stripped[:100_000])
    if stripped.startswith("<") and tags:
        return "html"
    closing = [t for t in tags if t.startswith("</")]
    return "html" if len(tags) >= 3 and closing else "text"


def kind_from_content_type(content_type: str | None) -> str | None:
    """'html', 'json' or 'text' for a MIME type newsift reads; None when it says nothing useful."""
    if not content_type:
        return None
    mime = content_type.split(";")[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return "html"
    if mime == "application/json" or mime.endswith("+json"):
        return "json"
    if mime == "text/plain":
        return "text"
    return None


def _string_field(obj: dict[str, Any], key: str, source_name: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(source_name, f"JSON field '{key}' must be a string")
    return value.strip() or None


def from_json(obj: Any, *, source_name: str = "<json>") -> Document:
    """A JSON object with 'text' or 'html' (required) and optional title, url, byline, date."""
    if not isinstance(obj, dict):
        kind = type(obj).__name__ if obj is not None else "null"
        kind = {"list": "an array", "str": "a string", "dict": "an object"}.get(kind, kind)
        raise InputError(source_name, f"JSON input must be an object, not {kind}")
    fields = {key: _string_field(obj, key, source_name) for key in _JSON_FIELDS}
    if fields["text"] is None and fields["html"] is None:
        if "text" in obj or "html" in obj:
            raise InputError(source_name, EMPTY)
        raise InputError(source_name, "JSON object has no 'text' or 'html' field")
    title, url = fields["title"], fields["url"]
    byline = fields["byline"] or fields["author"]
    if fields["text"] is not None:
        doc = from_text(fields["text"], title=title, url=url, source_name=source_name)
    else:
        doc = from_html(fields["html"] or "", url=url, source_name=source_name)
        doc.title = repair_field(title) or doc.title
    doc.input_format = "json"
    doc.byline = repair_field(byline) or doc.byline
    doc.date = fields["date"] or doc.date
    return doc


def _parse_json(text: str, source_name: str) -> Any:
    """The parsed object; its top-level strings (the only ones read) without lone surrogates,
    which JSON's \\ud800 escapes can spell but UTF-8 cannot encode."""
    try:
        obj = json.loads(text)
    except RecursionError:  # the C parser recurses once per level: 100,000 "[" exhaust it
        raise InputError(source_name, "JSON nested too deeply") from None
    except ValueError as exc:
        raise InputError(source_name, f"invalid JSON: {exc}") from None
    if isinstance(obj, dict):
        obj = {k: scrub_surrogates(v) if isinstance(v, str) else v for k, v in obj.items()}
    return obj


def from_decoded(
    text: str,
    *,
    kind: str | None,
    source_name: str,
    url: str | None = None,
    title: str | None = None,
) -> Document:
    """Read decoded input with its reader; the user's `url` and `title` override the input's."""
    if not text.strip():
        raise InputError(source_name, EMPTY)
    text, url, title = scrub_surrogates(text), _scrub(url), _scrub(title)
    kind = kind or sniff(text)
    if kind == "json":
        doc = from_json(_parse_json(text.lstrip("\ufeff"), source_name), source_name=source_name)
    elif kind == "html":
        doc = from_html(text, url=url, source_name=source_name)
    else:
        doc = from_text(text, title=title, url=url, source_name=source_name)
    return override_fields(doc, url=url, title=title)


def _scrub(value: str | None) -> str | None:
    return scrub_surrogates(value) if value else value


def override_fields(doc: Document, *, url: str | None, title: str | None) -> Document:
    url, title = _scrub(url), _scrub(title)
    if url:
        from newsift.text.domains import registered_domain  # tldextract is slow to import

        doc.url = url
        doc.domain = registered_domain(url)
    if title:
        doc.title = title
    return doc


def from_string(s: str, *, url: str | None = None, title: str | None = None) -> Document:
    """Text, HTML or a JSON object given as a string (sniffed): the Python and REST APIs."""
    return from_decoded(s, kind=None, source_name="<text>", url=url, title=title)


def from_bytes(
    data: bytes,
    *,
    source_name: str,
    url: str | None = None,
    title: str | None = None,
    content_type: str | None = None,
    encoding: str | None = None,
) -> Document:
    """Raw bytes (a file, stdin, an HTTP body): decoded, then read by content type or sniffing.

    A guessed or corrected encoding is listed first in the Document's repairs.
    """
    if not data.strip():
        raise InputError(source_name, EMPTY)
    decoded = decode_bytes(
        data, source_name=source_name, content_type=content_type, encoding=encoding
    )
    doc = from_decoded(
        decoded.text,
        kind=kind_from_content_type(content_type),
        source_name=source_name,
        url=url,
        title=title,
    )
    if decoded.repair is not None:
        doc.repairs.insert(0, decoded.repair)  # the first thing done to the input
    return doc
