"""The network layer of a URL fetch: an httpcore backend that connects only to vetted (pinned)
addresses and gives every socket operation only the time left, and the httpx transport over it.

Neither a slow resolver nor a server that trickles bytes can stretch the fetch's deadline.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from newsift.ingest.addresses import resolve
from newsift.ingest.deadline import Deadline

if TYPE_CHECKING:
    import httpx


def pinned_backend(
    name: str, deadline: Deadline, pinned: dict[str, list[str]], resolve_unpinned: bool
) -> Any:
    """An httpcore network backend that connects to the `pinned` addresses of a host (or
    resolves it, within the deadline, if `resolve_unpinned`) and caps every socket operation
    at the time left."""
    import httpcore

    class Stream(httpcore.NetworkStream):
        def __init__(self, stream: httpcore.NetworkStream) -> None:
            self._stream = stream

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return self._stream.read(max_bytes, deadline.cap(timeout, httpcore.ReadTimeout))

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self._stream.write(buffer, deadline.cap(timeout, httpcore.WriteTimeout))

        def close(self) -> None:
            self._stream.close()

        def start_tls(
            self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
        ) -> httpcore.NetworkStream:
            cap = deadline.cap(timeout, httpcore.ConnectTimeout)
            return Stream(self._stream.start_tls(ssl_context, server_hostname, cap))

        def get_extra_info(self, info: str) -> Any:
            return self._stream.get_extra_info(info)

    class Backend(httpcore.NetworkBackend):
        def __init__(self) -> None:
            self._sync = httpcore.SyncBackend()

        def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Any = None,
        ) -> httpcore.NetworkStream:
            addresses = pinned.get(host)
            if not addresses:
                if not resolve_unpinned:  # only vetted addresses may be connected to
                    raise httpcore.ConnectError(f"host '{host}' was not checked")
                addresses = resolve(name, host, port, deadline)
            failure: Exception | None = None
            for address in addresses:  # as a resolver would: the next one when refused
                try:
                    stream = self._sync.connect_tcp(
                        address,
                        port,
                        timeout=deadline.cap(timeout, httpcore.ConnectTimeout),
                        local_address=local_address,
                        socket_options=socket_options,
                    )
                except httpcore.ConnectError as exc:
                    failure = exc
                    continue
                return Stream(stream)
            raise failure or httpcore.ConnectError(f"no address for host '{host}'")

        def sleep(self, seconds: float) -> None:
            time.sleep(min(seconds, max(deadline.left(), 0.0)))

    return Backend()


def http_transport(backend: Any) -> httpx.BaseTransport:
    """httpx's own HTTP transport, less its proxy and environment handling, over `backend`
    (httpx.HTTPTransport takes no network backend)."""
    import httpcore
    import httpx

    class Body(httpx.SyncByteStream):
        def __init__(self, stream: Any) -> None:
            self._stream = stream

        def __iter__(self) -> Any:
            yield from self._stream

        def close(self) -> None:
            if hasattr(self._stream, "close"):
                self._stream.close()

    class Transport(httpx.BaseTransport):
        def __init__(self) -> None:
            self._pool = httpcore.ConnectionPool(
                ssl_context=httpx.create_ssl_context(), network_backend=backend
            )

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = self._pool.handle_request(
                httpcore.Request(
                    method=request.method,
                    url=httpcore.URL(
                        scheme=request.url.raw_scheme,
                        host=request.url.raw_host,
                        port=request.url.port,
                        target=request.url.raw_path,
                    ),
                    headers=request.headers.raw,
                    content=request.stream,  # type: ignore[arg-type]
                    extensions=request.extensions,
                )
            )
            return httpx.Response(
                status_code=response.status,
                headers=response.headers,
                stream=Body(response.stream),
                extensions=response.extensions,
            )

        def close(self) -> None:
            self._pool.close()

    return Transport()
