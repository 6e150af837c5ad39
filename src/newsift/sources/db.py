"""The SQLite store behind `newsift.sources.lookup`.

One table of records, each in a tier: 0 = the user's own entry, 1 = an imported file, 2 = the
bundled seed. A record holds labels (with one reason each), a quality rating 0..1 (with its
reason and citation), or both. A lookup takes the labels and the rating separately, each from
the lowest tier that has one for any matching key, then the most specific key (see keys.py),
then the most recent import: a user's own rating wins over the bundled one while the bundled
labels still show, and an imported list (labels only) does not hide a bundled rating.

The bundled tier (bundled.py) merges the OpenSources labels and the domain quality ratings by
key, and is reloaded whenever the package ships different data; tables.py holds the schema and
its migrations, records.py what a lookup gives back.
"""

from __future__ import annotations

import logging
import math
import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsift.errors import DataError, InputError
from newsift.findings import SourceInfo
from newsift.sources import LABELS
from newsift.sources.bundled import RATINGS_PATH, SEED_PATH, bundled_rows
from newsift.sources.importers import Entry, ParseResult, Rating
from newsift.sources.keys import (
    candidate_keys,
    domain_of,
    key_host,
    key_problem,
    normalise_key,
)
from newsift.sources.records import (
    TIER_BUNDLED,
    TIER_IMPORT,
    TIER_USER,
    ImportSummary,
    Resolved,
    StoredRecord,
)
from newsift.sources.tables import (
    MIGRATIONS,
    SCHEMA,
    SCHEMA_VERSION,
    SELECT_RECORDS,
    insert_entries,
    insert_rows,
    now,
    record_from_row,
)

_log = logging.getLogger(__name__)

USER_ORIGIN = "user"
DB_NAME = "sources.sqlite3"
USER_RATING = "user"  # rating_source of a user's own rating


def check_rating(rating: float) -> float:
    """`rating` when it is a number within 0..1, else InputError."""
    if isinstance(rating, bool) or not isinstance(rating, (int, float)):
        raise InputError("--rating", "a rating is a number from 0 (lowest) to 1 (highest)")
    if not (math.isfinite(rating) and 0.0 <= rating <= 1.0):
        raise InputError(
            "--rating", f"{rating} is outside 0..1; a rating is 0 (lowest) .. 1 (highest)"
        )
    return float(rating)


def db_path() -> Path:
    """$NEWSIFT_HOME/sources.sqlite3, else the platform's user data directory."""
    home = os.environ.get("NEWSIFT_HOME")
    if home:
        return Path(home).expanduser() / DB_NAME
    import platformdirs

    return Path(platformdirs.user_data_dir("newsift", appauthor=False)) / DB_NAME


class SourceDB:
    """A connection to one database file (or to memory when `path` is None).

    Safe to share between threads: every use of the connection holds a lock.
    """

    def __init__(
        self, path: Path | None, seed: Path | None = SEED_PATH, ratings: Path | None = RATINGS_PATH
    ) -> None:
        self.path = path
        self.seed = seed
        self.ratings = ratings
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

    def _version(self) -> int:
        (version,) = self.conn.execute("PRAGMA user_version").fetchone()
        if version > SCHEMA_VERSION:
            raise DataError(
                f"source database {self.path} was written by a newer newsift "
                f"(schema {version} > {SCHEMA_VERSION})"
            )
        return int(version)

    def _migrate(self) -> None:
        """Create the tables in a new file, or bring an older file up to SCHEMA_VERSION in one
        transaction, keeping its user entries and imports."""
        with self._lock:
            if self._version() == SCHEMA_VERSION:
                return
            with self._write() as conn:
                version = self._version()  # another process may have migrated meanwhile
                if version == 0:
                    for statement in SCHEMA:
                        conn.execute(statement)
                else:
                    for step in range(version, SCHEMA_VERSION):
                        for statement in MIGRATIONS[step]:
                            conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # --- the bundled seed -------------------------------------------------------------------

    def _ensure_seed(self) -> None:
        """(Re)load the bundled tier when the packaged seed or ratings differ from those loaded."""
        digest, rows = bundled_rows(self.seed, self.ratings)
        if self._meta("seed_sha") == digest:
            return
        with self._write() as conn:
            if self._meta("seed_sha") == digest:  # another process got there first
                return
            conn.execute("DELETE FROM records WHERE tier = ?", (TIER_BUNDLED,))
            insert_rows(conn, rows, TIER_BUNDLED, 0)
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('seed_sha', ?)", (digest,)
            )

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    # --- reading ----------------------------------------------------------------------------

    def records_for(self, domain_or_url: str) -> list[StoredRecord]:
        """Every record matching a domain, host or URL, the one that applies first."""
        keys = candidate_keys(domain_or_url)
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        with self._lock:
            rows = self.conn.execute(f"{SELECT_RECORDS} WHERE r.key IN ({marks})", keys).fetchall()
        rows.sort(key=lambda r: (r[1], keys.index(r[0]), -r[8]))
        return [record_from_row(r) for r in rows]

    def resolve(self, domain_or_url: str) -> Resolved:
        """The matching records, and which of them gives the labels and which the rating."""
        return Resolved.of(self.records_for(domain_or_url))

    def lookup(self, domain_or_url: str) -> SourceInfo:
        return self.resolve(domain_or_url).to_info(domain_of(domain_or_url))

    def list_records(self, tier: int | None = None, label: str | None = None) -> list[StoredRecord]:
        query, params = SELECT_RECORDS, []
        if tier is not None:
            query += " WHERE r.tier = ?"
            params.append(tier)
        with self._lock:
            rows = self.conn.execute(query + " ORDER BY r.key, r.tier, r.batch", params).fetchall()
        records = [record_from_row(r) for r in rows]
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
        labels: list[str] | None,
        reason: str | None,
        notes: str | None = None,
        section: bool = False,
        rating: float | None = None,
    ) -> StoredRecord:
        """Store the user's own entry for a host (or a section of a site): labels (each with
        `reason`), a rating 0..1, or both.

        Labels given replace the entry's labels and notes; a rating given replaces its rating.
        What is not given is kept from an earlier entry for the key, so `--rating` alone
        leaves the user's labels as they were (and the other way round)."""
        key = self.user_key(domain_or_url, section)
        labels = list(dict.fromkeys(labels or []))
        unknown = [label for label in labels if label not in LABELS]
        if unknown:
            raise InputError(", ".join(unknown), f"unknown label; choose from {', '.join(LABELS)}")
        if not labels and rating is None:
            raise InputError(
                "--label/--rating",
                f"give a label (choose from {', '.join(LABELS)}) or a rating 0..1, or both",
            )
        if rating is not None:
            rating = check_rating(rating)
        reason = " ".join((reason or "").split())
        if labels and not reason:
            raise InputError("--reason", "say why you label this source (a short sentence)")
        notes = (notes or "").strip() or None
        with self._write() as conn:
            old = next(
                (r for r in self.records_for(key) if r.tier == TIER_USER and r.key == key), None
            )
            if labels:
                entry = Entry(key, labels, [reason] * len(labels), notes)
            elif old is not None:
                entry = Entry(key, old.labels, old.reasons, notes or old.notes)
            else:
                entry = Entry(key, [], [], notes)
            if rating is not None:
                why = f"your own rating: {reason}" if reason else "your own rating"
                own = Rating(key, rating, USER_RATING, why)
            elif old is not None and old.rating is not None:
                own = Rating(key, old.rating, old.rating_source or USER_RATING, old.rating_reason)
            else:
                own = None
            insert_rows(conn, [(entry, USER_ORIGIN, own)], TIER_USER, 0)
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
                (result.format, file, now(), result.rows, result.imported, result.n_skipped),
            )
            batch = int(cursor.lastrowid or 0)
            insert_entries(conn, result.entries, TIER_IMPORT, batch, f"import:{result.format}")
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
                _log.warning(
                    "newsift: warning: cannot open the source database %s (%s); "
                    "using the bundled list only",
                    path,
                    exc,
                )
                _shared = (path, SourceDB(None))
        db = _shared[1]
    if writable and db.path is None:
        raise DataError(f"cannot open the source database {path} for writing")
    return db
