"""What a corpus reader yields: one article to analyse, or one record that could not be read."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

# The fields a table row may carry (after --map renames its columns).
FIELDS = ("id", "text", "html", "url", "title", "date", "source")


@dataclass(frozen=True)
class Record:
    """One article as read from an input, before analysis.

    Exactly one of `text` (plain text), `html` or `raw` (a file's bytes, decoded with the CLI's
    charset detection and read by `content_type` or sniffing) holds the article.
    """

    id: str
    input: str  # the file it came from
    position: str  # where in that file: "line 12", "row 3", "record 7", or a path in a tree
    text: str | None = None
    html: str | None = None
    raw: bytes | None = None
    content_type: str | None = None  # for `raw`: "text/html", "application/json", ...
    url: str | None = None
    title: str | None = None
    date: str | None = None
    source: str | None = None  # the outlet as the corpus names it


@dataclass(frozen=True)
class BadRecord:
    """A record that could not be read (broken JSON line, binary, empty, too large...)."""

    input: str
    position: str
    reason: str
    id: str | None = None


def record_id(input_name: str, position: str) -> str:
    """A stable id for a record that has none: the same input and place give the same id, so a
    rerun skips it."""
    return hashlib.sha1(f"{input_name}\x00{position}".encode()).hexdigest()[:20]
