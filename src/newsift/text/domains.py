"""Registered-domain extraction (tldextract with its bundled suffix list: never the network)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

# suffix_list_urls=() keeps tldextract offline: it uses the snapshot shipped inside the package.
_extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


MAX_NAME = 253  # RFC 1035, in the ASCII (punycode) form
MAX_LABEL = 63
# Letters, digits and inner hyphens; underscores too, which browsers resolve in real host names.
_ASCII_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$")


def _ace_label(label: str) -> str:
    """The label as DNS carries it: ASCII as is, anything else as IDNA punycode ("xn--...")."""
    return label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")


def hostname_problem(host: str) -> str | None:
    """Why `host` (lower-cased) cannot be a DNS host name, or None when it can.

    IDNA names such as "пример.рф" are accepted: each non-ASCII label must be letters, digits,
    combining marks and inner hyphens, and the limits apply to its punycode form.
    """
    if not host:
        return "empty host name"
    labels = host.split(".")
    if any(not label for label in labels):
        return "empty label (two dots in a row)"
    ace = [_ace_label(label) for label in labels]
    if len(".".join(ace)) > MAX_NAME:
        return f"host name longer than {MAX_NAME} characters"
    for label, ascii_label in zip(labels, ace, strict=True):
        if len(ascii_label) > MAX_LABEL:
            return f"label longer than {MAX_LABEL} characters"
        if label.startswith("-") or label.endswith("-"):
            return f"label {label!r} starts or ends with a hyphen"
        if label.isascii():
            if not _ASCII_LABEL.match(label):
                return f"label {label!r} holds a character not allowed in a host name"
        elif not all(c == "-" or unicodedata.category(c)[0] in "LMN" for c in label):
            return f"label {label!r} holds a character not allowed in a host name"
    return None


def split_url(value: str) -> tuple[str, str]:
    """(lower-cased host, path) of a URL, a bare host, or a host followed by a path; ("", "")
    when it cannot be parsed. The one URL parser of the package: domains and source keys."""
    value = value.strip()
    if "://" not in value:
        value = "//" + value.lstrip("/")
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:  # an unbalanced "[" ("http://[::1")
        return "", ""
    return host.strip(".").lower(), parts.path


def host_of(url_or_host: str) -> str:
    """The lower-cased host of a URL, or of a bare host name."""
    return split_url(url_or_host)[0]


@lru_cache(maxsize=4096)
def registered_domain(url_or_host: str | None) -> str | None:
    """'https://www1.cbn.com/news' -> 'cbn.com'; None when there is no registrable domain."""
    if not url_or_host:
        return None
    host = host_of(url_or_host)
    if not host or hostname_problem(host) is not None:
        return None
    parts = _extract(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return None
