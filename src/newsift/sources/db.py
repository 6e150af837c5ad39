"""The SQLite store behind `newsift.sources.lookup`.

One table of records, each in a tier: 0 = the user's own entry, 1 = an imported file, 2 = the
bundled seed. A lookup takes the lowest tier that has any matching key, then the most specific
key (see keys.py), then the most recent import. The bundled tier is replaced whenever the seed
file in the package changes (its hash is kept in `meta`), so upgrades refresh it without touching
the user's entries or imports.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from newsift.errors import DataError, InputError
from newsift.findings import SourceInfo
from newsift.sources import LABELS
from newsift.sources.importers import SEED_DIR, SEED_NAME, SEED_ORIGIN, Entry, ParseResult
from newsift.sources.keys import (
    candidate_keys,
    domain_of,
    key_host,
    key_problem,
    normalise_key,
)

TIER_USER, TIER_IMPORT, TIER_BUNDLED = 0, 1, 2
USER_ORIGIN = "user"
SCHEMA_VERSION = 1
DB_NAME = "sources.sqlite3"
SEED_PATH = SEED_DIR / SEED_NAME

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS imports (
    batch INTEGER PRIMARY KEY AUTOINCREMENT,
    format TEXT NOT NULL,
    file TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    rows INTEGER NOT NULL,
    imported INTEGER NOT NULL,
    skipped INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
    key TEXT NOT NULL,          -- host without www, optionally /path (keys.normalise_key)
    tier INTEGER NOT NULL,      -- 0 user, 1 import, 2 bundled
    batch INTEGER NOT NULL,     -- imports.batch for tier 1, else 0
    origin TEXT NOT NULL,       -- "user", "import:<format>", "bundled:opensources"
    labels TEXT NOT NULL,       -- JSON list, vocabulary newsift.sources.LABELS
    reasons TEXT NOT NULL,      -- JSON list, one reason per label
    notes TEXT,
    updated TEXT NOT NULL,
    PRIMARY KEY (key, tier, batch)
) WITHOUT ROWID;
"""


def db_path() -> Path:
    """$NEWSIFT_HOME/sources.sqlite3, else the platform's user data directory."""
    home = os.environ.get("NEWSIFT_HOME")
    if home:
        return Path(home).expanduser() / DB_NAME
    import platformdirs

    return Path(platformdirs.user_data_dir("newsift", appauthor=False)) / DB_NAME


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class StoredRecord:
    key: str
    tier: int
    origin: str
    labels: list[str]
    reasons: list[str]
    notes: str | None
    updated: str
    file: str | None = None  # the imported file, for tier 1

    @property
    def user_override(self) -> bool:
        return self.tier == TIER_USER

    def describe_origin(self) -> str:
        """Where the record comes from, in words."""
        if self.tier == TIER_USER:
            return f"your own entry (newsift sources set, {self.updated})"
        if self.tier == TIER_IMPORT:
            fmt = self.origin.split(":", 1)[-1]
            return f"imported file {self.file} (format {fmt}, {self.updated})"
        return (
            "bundled OpenSources list (opensources.co, 2017; GNU LGPL v3, "
            "see newsift/sources/data/OPENSOURCES-NOTICE.md)"
        )

    def to_info(self) -> SourceInfo:
        return SourceInfo(
            domain=self.key,
            found=True,
            labels=list(self.labels),
            reasons=list(self.reasons),
            origin=self.origin,
            notes=self.notes,
            user_override=self.user_override,
        )


@dataclass(frozen=True)
class ImportSummary:
    batch: int
    replaced: bool  # the same file had been imported before and its rows were replaced


class SourceDB:
    """A connection to one database file (or to memory when `path` is None).

    Safe to share between threads: every use of the connection holds a lock.
    """

    def __init__(self, path: Path | None, seed: Path | None = SEED_PATH) -> None:
        self.path = path
        self.seed = seed
        self._lock = threading.RLock()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(
            str(path) if path is not None else ":memory:",
            timeout=10,
            isolation_level=None,  # autocommit; writes use explicit transactions
            check_same_thread=False,
        )
        try:
            self._migrate()
            self._ensure_seed()
        except BaseException:
            self.conn.close()
            raise

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise DataError(f"source database {self.path}: {exc}") from None
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            try:
                self.conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                self.conn.execute("ROLLBACK")
                raise DataError(f"source database {self.path}: {exc}") from None

    def _migrate(self) -> None:
        with self._lock:
            (version,) = self.conn.execute("PRAGMA user_version").fetchone()
            if version > SCHEMA_VERSION:
                raise DataError(
                    f"source database {self.path} was written by a newer newsift "
                    f"(schema {version} > {SCHEMA_VERSION})"
                )
            if version < SCHEMA_VERSION:
                self.conn.executescript(_SCHEMA + f"PRAGMA user_version = {SCHEMA_VERSION};")

    # --- the bundled seed -------------------------------------------------------------------

    def _ensure_seed(self) -> None:
        """(Re)load the bundled tier when the packaged seed differs from the one loaded."""
        raw = self.seed.read_bytes() if self.seed is not None and self.seed.is_file() else b""
        digest = hashlib.sha256(raw).hexdigest()[:16]
        if self._meta("seed_sha") == digest:
            return
        entries = [Entry.from_dict(r) for r in json.loads(raw)["records"]] if raw else []
        with self._write() as conn:
            if self._meta("seed_sha") == digest:  # another process got there first
                return
            conn.execute("DELETE FROM records WHERE tier = ?", (TIER_BUNDLED,))
            self._insert(conn, entries, TIER_BUNDLED, 0, SEED_ORIGIN)
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('seed_sha', ?)", (digest,)
            )

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @staticmethod
    def _insert(
        conn: sqlite3.Connection, entries: list[Entry], tier: int, batch: int, origin: str
    ) -> None:
        now = _now()
        conn.executemany(
            "INSERT OR REPLACE INTO records "
            "(key, tier, batch, origin, labels, reasons, notes, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (e.key, tier, batch, origin, json.dumps(e.labels), json.dumps(e.reasons),
                 e.notes, now)
                for e in entries
            ],
        )  # fmt: skip

    # --- reading ----------------------------------------------------------------------------

    _SELECT = (
        "SELECT r.key, r.tier, r.origin, r.labels, r.reasons, r.notes, r.updated, i.file, "
        "r.batch FROM records r LEFT JOIN imports i ON r.tier = 1 AND i.batch = r.batch"
    )

    @staticmethod
    def _record(row: tuple) -> StoredRecord:
        key, tier, origin, labels, reasons, notes, updated, file, _ = row
        return StoredRecord(
            key, tier, origin, json.loads(labels), json.loads(reasons), notes, updated, file
        )

    def records_for(self, domain_or_url: str) -> list[StoredRecord]:
        """Every record matching a domain, host or URL, the one that applies first."""
        keys = candidate_keys(domain_or_url)
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        with self._lock:
            rows = self.conn.execute(f"{self._SELECT} WHERE r.key IN ({marks})", keys).fetchall()
        rows.sort(key=lambda r: (r[1], keys.index(r[0]), -r[8]))
        return [self._record(r) for r in rows]

    def lookup(self, domain_or_url: str) -> SourceInfo:
        records = self.records_for(domain_or_url)
        if records:
            return records[0].to_info()
        return SourceInfo(domain=domain_of(domain_or_url), found=False)

    def list_records(self, tier: int | None = None, label: str | None = None) -> list[StoredRecord]:
        query, params = self._SELECT, []
        if tier is not None:
            query += " WHERE r.tier = ?"
            params.append(tier)
        with self._lock:
            rows = self.conn.execute(query + " ORDER BY r.key, r.tier, r.batch", params).fetchall()
        records = [self._record(r) for r in rows]
        return [r for r in records if label is None or label in r.labels]

    def counts(self) -> dict[str, int]:
        """Number of records per origin."""
        with self._lock:
            rows = self.conn.execute(
                "SELECT origin, COUNT(*) FROM records GROUP BY origin ORDER BY MIN(tier), origin"
            ).fetchall()
        return dict(rows)

    def imports(self) -> list[dict]:
        with self._lock:
            cursor = self.conn.execute("SELECT * FROM imports ORDER BY batch")
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # --- writing ----------------------------------------------------------------------------

    @staticmethod
    def user_key(domain_or_url: str, section: bool = False) -> str:
        """The key of a user's entry: the host, or host and path when `section` is set."""
        # Whitespace is repaired in imported lists ("Silver-Coin-Investor. com"), not here.
        has_space = re.search(r"\s", domain_or_url.strip()) is not None
        key = None if has_space else normalise_key(domain_or_url)
        if key is None:
            raise InputError(domain_or_url, key_problem(domain_or_url))
        return key if section else key_host(key)

    def set_user(
        self,
        domain_or_url: str,
        labels: list[str],
        reason: str,
        notes: str | None = None,
        section: bool = False,
    ) -> StoredRecord:
        """Store (or replace) the user's own entry for a host (or a section of a site)."""
        key = self.user_key(domain_or_url, section)
        unknown = [label for label in labels if label not in LABELS]
        if not labels or unknown:
            raise InputError(
                ", ".join(unknown) or "--label",
                f"unknown label; choose from {', '.join(LABELS)}",
            )
        reason = " ".join(reason.split())
        if not reason:
            raise InputError("--reason", "say why you label this source (a short sentence)")
        labels = list(dict.fromkeys(labels))
        entry = Entry(key, labels, [reason] * len(labels), (notes or "").strip() or None)
        with self._write() as conn:
            self._insert(conn, [entry], TIER_USER, 0, USER_ORIGIN)
        return next(r for r in self.records_for(key) if r.tier == TIER_USER and r.key == key)

    def remove_user(self, domain_or_url: str, section: bool = False) -> str | None:
        """Delete the user's entry; the key removed, or None when there was none."""
        key = self.user_key(domain_or_url, section)
        with self._write() as conn:
            cursor = conn.execute(
                "DELETE FROM records WHERE key = ? AND tier = ?", (key, TIER_USER)
            )
        return key if cursor.rowcount else None

    def import_result(self, result: ParseResult) -> ImportSummary:
        """Store a parsed file as one import batch, replacing an earlier import of that file."""
        file = str(Path(result.file).resolve())
        with self._write() as conn:
            old = [
                b
                for (b,) in conn.execute(
                    "SELECT batch FROM imports WHERE format = ? AND file = ?",
                    (result.format, file),
                )
            ]
            for batch in old:
                conn.execute("DELETE FROM records WHERE tier = ? AND batch = ?", (1, batch))
                conn.execute("DELETE FROM imports WHERE batch = ?", (batch,))
            cursor = conn.execute(
                "INSERT INTO imports (format, file, imported_at, rows, imported, skipped) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (result.format, file, _now(), result.rows, result.imported, result.n_skipped),
            )
            batch = int(cursor.lastrowid or 0)
            self._insert(conn, result.entries, TIER_IMPORT, batch, f"import:{result.format}")
        return ImportSummary(batch, bool(old))


# --- the shared instance ------------------------------------------------------------------------

_shared: tuple[Path, SourceDB] | None = None
_shared_lock = threading.Lock()


def get_db(writable: bool = False) -> SourceDB:
    """The database for the current NEWSIFT_HOME, opened (and seeded) once per process.

    When the file cannot be opened, lookups fall back to the bundled list in memory (with one
    warning), so an analysis never fails for it; commands that write raise DataError instead.
    """
    global _shared
    path = db_path()
    with _shared_lock:
        if _shared is None or _shared[0] != path:
            if _shared is not None:
                _shared[1].close()
                _shared = None
            try:
                _shared = (path, SourceDB(path))
            except (sqlite3.Error, OSError, DataError) as exc:
                if writable:
                    raise DataError(f"cannot open the source database {path}: {exc}") from None
                print(
                    f"newsift: warning: cannot open the source database {path} ({exc}); "
                    "using the bundled list only",
                    file=sys.stderr,
                )
                _shared = (path, SourceDB(None))
        db = _shared[1]
    if writable and db.path is None:
        raise DataError(f"cannot open the source database {path} for writing")
    return db
