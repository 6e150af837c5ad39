"""What every source-list reader shares: the entries it produces (Entry, ParseResult), and how
it reads a file: capped in size, bad UTF-8 replaced, a CSV/TSV checked for its columns."""

from __future__ import annotations

import csv
import io
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsift.errors import InputError


@dataclass
class Entry:
    """One source as a list describes it: labels with one reason each."""

    key: str
    labels: list[str]
    reasons: list[str]
    notes: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "labels": self.labels,
            "reasons": self.reasons,
            "notes": self.notes,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        return cls(data["key"], list(data["labels"]), list(data["reasons"]), data.get("notes"))


@dataclass
class ParseResult:
    """What a reader made of a file: entries to store, and counts of what it left out."""

    format: str
    file: str
    entries: list[Entry] = field(default_factory=list)
    rows: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # reason -> rows skipped
    ignored_values: Counter[str] = field(default_factory=Counter)  # unknown value -> times

    @property
    def imported(self) -> int:
        return len(self.entries)

    @property
    def n_skipped(self) -> int:
        return sum(self.skipped.values())

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1


def dedupe(result: ParseResult) -> ParseResult:
    """`result` with the first entry for each key; later ones are counted as skipped."""
    seen: dict[str, Entry] = {}
    for entry in result.entries:
        if entry.key in seen:
            result.skip("duplicate domain")
        else:
            seen[entry.key] = entry
    result.entries = list(seen.values())
    return result


def clean(value: Any) -> str:
    """A cell's text without surrounding space; "" for a missing or non-text cell."""
    return value.strip() if isinstance(value, str) else ""


# The largest list read: the 2021 MBFC scrape is 1.3 MB, OpenSources 0.2 MB. A cap keeps
# `/dev/zero` or a runaway file from exhausting memory.
MAX_IMPORT_BYTES = 64 * 1024 * 1024


def read_text(path: Path) -> str:
    """The file's text (bad UTF-8 replaced); only a regular file of at most MAX_IMPORT_BYTES."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise InputError(str(path), "is a directory, not a file")
        if not stat.S_ISREG(mode):  # a FIFO would block for ever, /dev/zero never ends
            raise InputError(str(path), "not a regular file")
        with path.open("rb") as f:
            data = f.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(str(path), exc.strerror or "cannot be read") from None
    if len(data) > MAX_IMPORT_BYTES:
        limit = MAX_IMPORT_BYTES // (1024 * 1024)
        raise InputError(str(path), f"larger than {limit} MB; not a source list")
    text = data.decode("utf-8-sig", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as text mode reads it


def read_table(
    path: Path, delimiter: str, required: set[str], result: ParseResult
) -> Iterator[dict]:
    """Rows of a CSV/TSV with a header holding every column in `required`."""
    reader = csv.DictReader(io.StringIO(read_text(path), newline=""), delimiter=delimiter)
    missing = required - set(reader.fieldnames or [])
    if missing:
        raise InputError(result.file, f"missing column(s) {', '.join(sorted(missing))}")
    for row in reader:
        if not any(clean(v) for v in row.values() if isinstance(v, str)):
            continue
        result.rows += 1
        if None in row or any(row.get(col) is None for col in required):
            result.skip("malformed row")  # too many or too few cells
            continue
        yield row
