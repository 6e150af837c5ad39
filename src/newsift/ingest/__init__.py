"""Input to Document: plain text, HTML, JSON objects, files, standard input and http(s) URLs.

Every failure a user can cause is an InputError that names the input; encoding damage is
repaired and listed in `Document.repairs`. Heavy libraries (trafilatura, httpx, ftfy) are
imported only when an input needs them.
"""

from __future__ import annotations

from newsift.document import Document
from newsift.ingest.files import MAX_BYTES, load
from newsift.ingest.formats import from_bytes, from_json, from_string
from newsift.ingest.html import from_html
from newsift.ingest.text import from_text


def from_url(
    url: str,
    *,
    timeout: float = 10.0,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = 5,
    allow_private: bool = True,
    encoding: str | None = None,
    use_env_proxy: bool = False,
) -> Document:
    """Fetch an http(s) URL as a Document; see `newsift.ingest.url.from_url`.

    Defined here so that importing `newsift.ingest` does not import httpx (~0.4 s).
    """
    from newsift.ingest.url import from_url as fetch

    return fetch(
        url,
        timeout=timeout,
        max_bytes=max_bytes,
        max_redirects=max_redirects,
        allow_private=allow_private,
        encoding=encoding,
        use_env_proxy=use_env_proxy,
    )


__all__ = [
    "MAX_BYTES",
    "from_bytes",
    "from_html",
    "from_json",
    "from_string",
    "from_text",
    "from_url",
    "load",
]
