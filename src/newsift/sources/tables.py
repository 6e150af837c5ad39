"""The SQLite tables of the source database, their migrations, and how a record is written
to and read from a row.

Schema versions (PRAGMA user_version): 1 labels only; 2 adds rating, rating_source and
rating_reason to `records` (a v1 file is altered in place, keeping every user entry and import,
and its bundled tier reloaded).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone

from newsift.sources.importers import Entry, Rating
from newsift.sources.records import StoredRecord

SCHEMA_VERSION = 2  # 2: records.rating, rating_source, rating_reason

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS imports (
    batch INTEGER PRIMARY KEY AUTOINCREMENT,
    format TEXT NOT NULL,
    file TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    rows INTEGER NOT NULL,
    imported INTEGER NOT NULL,
    skipped INTEGER NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS records (
    key TEXT NOT NULL,          -- host without www, optionally /path (keys.normalise_key)
    tier INTEGER NOT NULL,      -- 0 user, 1 import, 2 bundled
    batch INTEGER NOT NULL,     -- imports.batch for tier 1, else 0
    origin TEXT NOT NULL,       -- "user", "import:<format>", "bundled:opensources",
                                -- "bundled:ratings" (a bundled rating without labels)
    labels TEXT NOT NULL,       -- JSON list, vocabulary newsift.sources.LABELS (may be empty)
    reasons TEXT NOT NULL,      -- JSON list, one reason per label
    notes TEXT,
    updated TEXT NOT NULL,
    rating REAL,                -- 0 lowest .. 1 highest quality; NULL: none
    rating_source TEXT,         -- "lin2023", "idiap2024", "user" (importers.RATING_SOURCES)
    rating_reason TEXT,         -- one sentence with the citation
    PRIMARY KEY (key, tier, batch)
) WITHOUT ROWID""",
)

# from version -> statements that bring a file to the next version
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "ALTER TABLE records ADD COLUMN rating REAL",
        "ALTER TABLE records ADD COLUMN rating_source TEXT",
        "ALTER TABLE records ADD COLUMN rating_reason TEXT",
        "DELETE FROM meta WHERE key = 'seed_sha'",  # reload the bundled tier, now with ratings
    ),
}


def now() -> str:
    """The time of a write, as stored in `records.updated` and `imports.imported_at`."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def insert_entries(
    conn: sqlite3.Connection, entries: list[Entry], tier: int, batch: int, origin: str
) -> None:
    insert_rows(conn, [(e, origin, None) for e in entries], tier, batch)


def insert_rows(
    conn: sqlite3.Connection,
    rows: list[tuple[Entry, str, Rating | None]],
    tier: int,
    batch: int,
) -> None:
    """Store (entry, origin, rating or None) rows in one tier and batch."""
    stamp = now()

    def as_json(values: list[str]) -> str:
        return json.dumps(values) if values else "[]"  # most bundled records: no labels

    conn.executemany(
        "INSERT OR REPLACE INTO records "
        "(key, tier, batch, origin, labels, reasons, notes, updated, "
        "rating, rating_source, rating_reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (e.key, tier, batch, origin, as_json(e.labels), as_json(e.reasons),
             e.notes, stamp, *((r.rating, r.source, r.reason) if r else (None, None, None)))
            for e, origin, r in rows
        ],
    )  # fmt: skip


# Every record with the file of its import (tier 1); column 8 is the batch, for sorting.
SELECT_RECORDS = (
    "SELECT r.key, r.tier, r.origin, r.labels, r.reasons, r.notes, r.updated, i.file, "
    "r.batch, r.rating, r.rating_source, r.rating_reason "
    "FROM records r LEFT JOIN imports i ON r.tier = 1 AND i.batch = r.batch"
)


def record_from_row(row: tuple) -> StoredRecord:
    """The record a SELECT_RECORDS row holds."""
    key, tier, origin, labels, reasons, notes, updated, file, _, *rating = row
    return StoredRecord(
        key, tier, origin, json.loads(labels), json.loads(reasons), notes, updated, file,
        *rating,
    )  # fmt: skip
