"""Where a fetched host points: its addresses, looked up within the fetch's deadline, and the
policy that refuses private or local ones (so a public server cannot be made to fetch from the
machine's own network)."""

from __future__ import annotations

import ipaddress
import socket
import threading
from typing import Any

from newsift.errors import FetchError, InputError
from newsift.ingest.deadline import Deadline


def ip_literal(host: str) -> str | None:
    """The address when `host` is an IP literal (a `%25` zone separator unescaped), else None."""
    try:
        return str(ipaddress.ip_address(host.replace("%25", "%")))
    except ValueError:
        return None


def resolve(name: str, host: str, port: int, deadline: Deadline) -> list[str]:
    """The host's addresses, within the deadline. `getaddrinfo` cannot be interrupted, so it
    runs in a daemon thread that is left behind when the deadline passes."""
    literal = ip_literal(host)
    if literal is not None:
        return [literal]
    outcome: list[Any] = []

    def lookup() -> None:
        try:
            outcome.append(socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP))
        except (OSError, UnicodeError) as exc:  # gaierror is an OSError
            outcome.append(exc)

    thread = threading.Thread(target=lookup, name="newsift-dns", daemon=True)
    thread.start()
    thread.join(max(deadline.left(), 0.0))
    if not outcome:
        raise FetchError(name, deadline.message)
    infos = outcome[0]
    if isinstance(infos, BaseException) or not infos:
        raise FetchError(name, f"could not resolve host '{host}'")
    return list(dict.fromkeys(str(info[4][0]) for info in infos))  # unique, in order


def refuse_private(name: str, host: str, addresses: list[str], error: type[InputError]) -> None:
    """Refuse hosts that resolve to private, loopback, link-local, multicast or reserved space."""
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        ip = getattr(ip, "ipv4_mapped", None) or ip
        if (
            ip.is_private
            or ip.is_loopback
            or ip.is_link_local
            or ip.is_multicast
            or ip.is_reserved
            or ip.is_unspecified
            or not ip.is_global  # shared (CGNAT), benchmarking and other non-public ranges
        ):
            raise error(
                name, f"refused: host '{host}' resolves to a private or local address ({ip})"
            )
