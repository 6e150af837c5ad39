"""The messages between the server and its analysis processes, each over its own socket pair:
a pickle behind its 8-byte length. Only plain data is sent (see `newsift.api.pool`)."""

from __future__ import annotations

import asyncio
import pickle
import socket
import struct
from typing import Any

_HEADER = struct.Struct("!Q")  # the length of the pickle that follows


def frame(obj: Any) -> bytes:
    """`obj` as one message: its pickle behind the pickle's length."""
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    buffer = bytearray(size)
    view = memoryview(buffer)
    while view:
        received = sock.recv_into(view)
        if received == 0:
            raise EOFError("the other process closed the connection")
        view = view[received:]
    return bytes(buffer)


def recv_message(sock: socket.socket) -> Any:
    """The next message from a blocking socket (the analysis process's side)."""
    (size,) = _HEADER.unpack(_recv_exactly(sock, _HEADER.size))
    return pickle.loads(_recv_exactly(sock, size))


async def read_message(reader: asyncio.StreamReader) -> Any:
    """The next message from an asyncio stream (the server's side)."""
    (size,) = _HEADER.unpack(await reader.readexactly(_HEADER.size))
    return pickle.loads(await reader.readexactly(size))
