"""Fetch an article over http(s) with hard limits: time, size, redirects, content type, address.

One deadline, `timeout` seconds, covers the whole fetch: every DNS lookup, connection, TLS
handshake, request write and response read of every redirect hop. The connections go through
a network backend of our own (transport.py) that resolves names itself (addresses.py: in a
thread it stops waiting for at the deadline, as `getaddrinfo` has no timeout of its own) and
gives each socket operation only the time left, so neither a slow resolver nor a server that
trickles bytes can stretch it.

Redirects are followed by hand so that every hop is checked: its scheme, and, when
`allow_private=False` (the REST API), that its host does not resolve to a private or local
address, so a public server cannot be made to fetch from the machine's own network. The
vetted addresses are the ones connected to (no second lookup that DNS rebinding could answer).

Proxy settings in the environment (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY) are ignored unless
`use_env_proxy=True`: a fetch must not depend, silently, on the shell it was started from.
Through a proxy the proxy resolves the name; each hop then gets the time left, and the
deadline is checked between reads, but single reads are not cut short.

Errors, by whose fault they are (the API answers 422 for the first kind, 502 for the second):
- `InputError`: the URL as given is unusable: malformed, not http(s), or refused by policy
  (its host is private or local while those are not allowed).
- `FetchError`: the URL was fine but fetching it failed: DNS, connection, time limit, an HTTP
  error status (4xx included), a redirect that is malformed, loops, goes too far or leads to a
  refused address, or a response labelled as something other than an article, or too large.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from newsift.document import Document
from newsift.errors import FetchError, InputError
from newsift.ingest.addresses import ip_literal, refuse_private, resolve
from newsift.ingest.deadline import Deadline
from newsift.ingest.files import MAX_BYTES, too_large
from newsift.ingest.formats import from_bytes, kind_from_content_type
from newsift.ingest.transport import http_transport, pinned_backend

if TYPE_CHECKING:
    import httpx

_READABLE = "only HTML, plain text or JSON"
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.9,*/*;q=0.1"
# A DNS label (RFC 1035/1123: 1-63 letters, digits, hyphens, not at either end); underscores
# occur in real host names, so they pass. IDNA names arrive here already as xn-- labels.
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9_-]{1,63}(?<!-)$")


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


@dataclass(frozen=True)
class _Hop:
    url: httpx.URL
    host: str  # as connected to and resolved: ASCII (IDNA), IPv6 without brackets
    port: int


def _parse(url: str, original: str, error: type[InputError]) -> _Hop:
    """Validate one hop's URL. Every malformed URL is an `error`, never a ValueError."""
    import httpx

    # The user's URL is already the error's name; a redirect's target is named in the reason.
    invalid = "invalid URL" if url == original else f"redirect to an invalid URL '{url[:200]}'"
    try:
        parts = urlsplit(url)
        port = parts.port  # ValueError when not a number or out of range
        if parts.scheme not in ("http", "https"):
            to = "" if url == original else "redirect to an "
            raise error(
                original, f"{to}unsupported URL scheme '{parts.scheme}'; only http and https"
            )
        if not parts.hostname:
            raise error(original, f"{invalid}: no host")
        parsed = httpx.URL(url)
        host = parsed.raw_host.decode("ascii")
    except (ValueError, UnicodeError, httpx.InvalidURL) as exc:  # InvalidURL: not a ValueError
        raise error(original, f"{invalid}: {exc}") from None
    if ip_literal(host) is None:
        labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
        bad = next((label for label in labels if not _LABEL.match(label)), None)
        if bad is not None or len(host) > 253:
            why = "too long" if bad is None or len(bad) > 63 else "not a valid host name"
            shown = parts.hostname if len(parts.hostname) <= 80 else parts.hostname[:77] + "..."
            raise error(original, f"{invalid}: host '{shown}' is {why}")
    return _Hop(parsed, host, port or (443 if parts.scheme == "https" else 80))


def _check_address(
    url: str,
    host: str,
    port: int,
    deadline: Deadline | None = None,
    error: type[InputError] = InputError,
) -> list[str]:
    """The host's addresses, all checked to be public, for the request to connect to."""
    addresses = resolve(url, host, port, deadline or Deadline(10.0))
    refuse_private(url, host, addresses, error)
    return addresses


def _content_kind(url: str, content_type: str | None) -> None:
    if not content_type:
        return  # unlabelled: the body is sniffed, and binary bodies are refused there
    mime = content_type.split(";")[0].strip().lower()
    if kind_from_content_type(mime) is None:
        raise FetchError(url, f"unsupported content type '{mime}' ({_describe(mime)}); {_READABLE}")


def _env_proxy(hop: _Hop) -> str | None:
    """The proxy the environment names for this hop (the variables urllib and curl read:
    http_proxy, https_proxy, all_proxy, no_proxy, either case), or None to connect directly."""
    import urllib.request

    proxies = urllib.request.getproxies_environment()
    if urllib.request.proxy_bypass_environment(hop.host, proxies):
        return None
    return proxies.get(hop.url.scheme) or proxies.get("all")


@dataclass
class _Clients:
    """The direct client (the deadline-capped backend) and, when the environment's proxies are
    honoured, one client per proxy, made when first needed."""

    name: str
    deadline: Deadline
    headers: dict[str, str]
    pinned: dict[str, list[str]]
    allow_private: bool
    proxied: dict[str, httpx.Client] = field(default_factory=dict)
    direct: httpx.Client | None = None

    def for_hop(self, proxy: str | None) -> httpx.Client:
        import httpx

        if proxy is None:
            if self.direct is None:
                backend = pinned_backend(self.name, self.deadline, self.pinned, self.allow_private)
                self.direct = httpx.Client(
                    headers=self.headers, transport=http_transport(backend), trust_env=False
                )
            return self.direct
        if proxy not in self.proxied:
            try:
                self.proxied[proxy] = httpx.Client(
                    headers=self.headers, proxy=proxy, trust_env=False
                )
            except (ImportError, ValueError, httpx.InvalidURL) as exc:  # socks without socksio
                raise InputError(self.name, f"cannot use the proxy '{proxy}': {exc}") from None
        return self.proxied[proxy]

    def close(self) -> None:
        for client in [self.direct, *self.proxied.values()]:
            if client is not None:
                client.close()


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
    """Fetch `url` and read it as an article. Every failure is an InputError naming the URL,
    a FetchError when it happened upstream (see the module's docstring).

    `timeout` bounds the whole fetch, DNS and redirects included; `encoding` forces a decoding;
    `use_env_proxy` honours the proxy variables of the environment.
    """
    import httpcore
    import httpx

    from newsift import __version__

    deadline = Deadline(timeout)
    headers = {"User-Agent": f"newsift/{__version__}", "Accept": _ACCEPT}
    clients = _Clients(url, deadline, headers, {}, allow_private)
    current = url
    seen = {url}
    try:
        for hop_number in range(max_redirects + 1):
            # The user's URL is the user's input; where a redirect leads is the server's doing.
            error = InputError if hop_number == 0 else FetchError
            hop = _parse(current, url, error)
            if not allow_private:
                clients.pinned[hop.host] = _check_address(url, hop.host, hop.port, deadline, error)
            client = clients.for_hop(_env_proxy(hop) if use_env_proxy else None)
            left = deadline.cap(None, httpx.TimeoutException)
            with client.stream("GET", hop.url, timeout=httpx.Timeout(left)) as response:
                if response.is_redirect:
                    nxt = urljoin(current, response.headers.get("location", ""))
                    if nxt in seen:
                        raise FetchError(url, f"redirect loop at {nxt}")
                    seen.add(nxt)
                    current = nxt
                    continue
                if response.status_code >= 400:
                    reason = response.reason_phrase or ""
                    raise FetchError(url, f"HTTP {response.status_code} {reason}".strip())
                content_type = response.headers.get("content-type")
                _content_kind(url, content_type)
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(url, too_large("response", int(declared), max_bytes))
                body = bytearray()
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        raise FetchError(url, too_large("response", None, max_bytes))
                    deadline.cap(None, httpx.TimeoutException)  # for proxied hops
                final_url = current  # the address as named, never a resolved IP
                break
        else:
            raise FetchError(url, f"too many redirects (more than {max_redirects})")
    except (httpx.TimeoutException, httpcore.TimeoutException):
        raise FetchError(url, deadline.message) from None
    except (
        httpx.HTTPError,
        httpcore.NetworkError,  # ConnectError, ReadError, WriteError
        httpcore.ProtocolError,  # a malformed or cut-off response
        httpcore.UnsupportedProtocol,
        httpcore.ProxyError,
        OSError,
    ) as exc:
        raise FetchError(url, f"could not fetch: {exc or type(exc).__name__}") from None
    finally:
        clients.close()
    doc = from_bytes(
        bytes(body),
        source_name=url,
        url=final_url,
        content_type=content_type,
        encoding=encoding,
    )
    doc.input_format = "url"
    return doc
