"""Join many small strings into pieces of bounded size, to write large output a piece at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

PIECE_CHARS = 1 << 16


def join_in_pieces(parts: Iterable[str], chars: int = PIECE_CHARS) -> Iterator[str]:
    """`parts` joined into pieces of about `chars` (a part is never split): the report of a
    10 MB article is ~70 MB of JSON or ~200 MB of HTML, which must not be built as one string."""
    pending: list[str] = []
    size = 0
    for part in parts:
        pending.append(part)
        size += len(part)
        if size >= chars:
            yield "".join(pending)
            pending, size = [], 0
    if pending:
        yield "".join(pending)
