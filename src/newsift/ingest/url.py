"""Fetch an article over http(s) with hard limits: time, size, redirects, content type, address.

Redirects are followed by hand so that every hop is checked: its scheme, and, when
`allow_private=False` (the REST API), that its host does not resolve to a private or local
address, so a public server cannot be made to fetch from the machine's own network.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from newsift.document import Document
from newsift.errors import InputError
from newsift.ingest.files import MAX_BYTES, human_size
from newsift.ingest.formats import from_bytes, kind_from_content_type

if TYPE_CHECKING:
    import httpx

_READABLE = "only HTML, plain text or JSON"
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.9,*/*;q=0.1"


def _describe(mime: str) -> str:
    if mime == "application/pdf":
        return "a PDF document"
    major = mime.split("/")[0]
    if major in ("image", "video", "audio", "font"):
        return f"{'an' if major in ('image', 'audio') else 'a'} {major} file"
    if "zip" in mime or "compressed" in mime or "tar" in mime:
        return "an archive"
    if "word" in mime or "officedocument" in mime or "msexcel" in mime:
        return "an office document"
    return "not an article"


def _check_address(url: str, host: str, port: int) -> str:
    """Refuse hosts that resolve to private, loopback, link-local, multicast or reserved space.

    Returns the first address, checked, for the request to connect to: resolving again at
    connection time would let a DNS answer change in between (DNS rebinding).
    """
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise InputError(url, f"could not resolve host '{host}'") from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        mapped = getattr(ip, "ipv4_mapped", None)
        ip = mapped or ip
        if (
            ip.is_private
            or ip.is_loopback
            or ip.is_link_local
            or ip.is_multicast
            or ip.is_reserved
            or ip.is_unspecified
            or not ip.is_global  # shared (CGNAT), benchmarking and other non-public ranges
        ):
            raise InputError(
                url, f"refused: host '{host}' resolves to a private or local address ({ip})"
            )
    if not infos:
        raise InputError(url, f"could not resolve host '{host}'")
    return str(ipaddress.ip_address(infos[0][4][0].split("%")[0]))


def _check_hop(url: str, original: str, allow_private: bool) -> str | None:
    """Check one hop; with `allow_private=False`, return the vetted address to connect to."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(original, f"unsupported URL scheme '{parts.scheme}'; only http and https")
    if not parts.hostname:
        raise InputError(original, f"invalid URL '{url}': no host")
    if not allow_private:
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise InputError(original, f"invalid URL '{url}': bad port") from None
        return _check_address(original, parts.hostname, port)
    return None


def _pinned(url: str, address: str | None) -> tuple[httpx.URL | str, dict[str, str], dict]:
    """(request URL, extra headers, extensions): connect to `address`, still naming the host.

    The Host header and the TLS server name (SNI, also used to verify the certificate) keep the
    real host name, so virtual hosting and HTTPS work while the connection goes to `address`.
    """
    if address is None:
        return url, {}, {}
    import httpx

    parsed = httpx.URL(url)
    headers = {"Host": parsed.netloc.decode("ascii")}
    extensions = {"sni_hostname": parsed.host} if parsed.scheme == "https" else {}
    return parsed.copy_with(host=address), headers, extensions


def _content_kind(url: str, content_type: str | None) -> None:
    if not content_type:
        return  # unlabelled: the body is sniffed, and binary bodies are refused there
    mime = content_type.split(";")[0].strip().lower()
    if kind_from_content_type(mime) is None:
        raise InputError(url, f"unsupported content type '{mime}' ({_describe(mime)}); {_READABLE}")


def from_url(
    url: str,
    *,
    timeout: float = 10.0,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = 5,
    allow_private: bool = True,
    encoding: str | None = None,
) -> Document:
    """Fetch `url` and read it as an article. Every failure is an InputError naming the URL.

    `timeout` bounds each network wait and the whole download; `encoding` forces a decoding.
    """
    import httpx

    from newsift import __version__

    current = url
    seen = {url}
    deadline = time.monotonic() + timeout
    timed_out = f"timed out after {timeout:g} s"
    headers = {"User-Agent": f"newsift/{__version__}", "Accept": _ACCEPT}
    try:
        with httpx.Client(follow_redirects=False, timeout=timeout, headers=headers) as client:
            for _hop in range(max_redirects + 1):
                address = _check_hop(current, url, allow_private)
                target, pin_headers, extensions = _pinned(current, address)
                with client.stream(
                    "GET", target, headers=pin_headers, extensions=extensions
                ) as response:
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        nxt = urljoin(current, location)
                        if nxt in seen:
                            raise InputError(url, f"redirect loop at {nxt}")
                        seen.add(nxt)
                        current = nxt
                        continue
                    if response.status_code >= 400:
                        reason = response.reason_phrase or ""
                        raise InputError(url, f"HTTP {response.status_code} {reason}".strip())
                    content_type = response.headers.get("content-type")
                    _content_kind(url, content_type)
                    declared = response.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > max_bytes:
                        raise InputError(url, _too_large(int(declared), max_bytes))
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > max_bytes:
                            raise InputError(url, _too_large(None, max_bytes))
                        if time.monotonic() > deadline:
                            raise InputError(url, timed_out)
                    final_url = current  # the address as named, not the pinned IP
                    break
            else:
                raise InputError(url, f"too many redirects (more than {max_redirects})")
    except httpx.TimeoutException:
        raise InputError(url, timed_out) from None
    except httpx.InvalidURL as exc:
        raise InputError(url, f"invalid URL: {exc}") from None
    except httpx.HTTPError as exc:
        raise InputError(url, f"could not fetch: {exc or type(exc).__name__}") from None
    doc = from_bytes(
        bytes(body),
        source_name=url,
        url=final_url,
        content_type=content_type,
        encoding=encoding,
    )
    doc.input_format = "url"
    return doc


def _too_large(size: int | None, limit: int) -> str:
    if size is None:
        return f"response too large: over the {human_size(limit)} limit"
    return f"response too large: {human_size(size)} (limit {human_size(limit)})"
