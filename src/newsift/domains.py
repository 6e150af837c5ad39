"""Registered-domain extraction (tldextract with its bundled suffix list: never the network)."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

# suffix_list_urls=() keeps tldextract offline: it uses the snapshot shipped inside the package.
_extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def host_of(url_or_host: str) -> str:
    """The lower-cased host of a URL, or the input itself when it is a bare host name."""
    value = url_or_host.strip()
    host = (urlsplit(value).hostname or "") if "://" in value else value.split("/")[0].split(":")[0]
    return host.strip(".").lower()


@lru_cache(maxsize=4096)
def registered_domain(url_or_host: str | None) -> str | None:
    """'https://www1.cbn.com/news' -> 'cbn.com'; None when there is no registrable domain."""
    if not url_or_host:
        return None
    host = host_of(url_or_host)
    if not host:
        return None
    parts = _extract(host)
    if parts.domain and parts.suffix:
        return f"{parts.domain}.{parts.suffix}"
    return None
