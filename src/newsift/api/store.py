"""Optional persistence of analyses in one local database file (SQLite, or DuckDB by suffix).

The full report is kept as JSON next to a few columns that the listing shows and sorts by, so
the report schema can grow without a migration.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsift.errors import InputError

DUCKDB_SUFFIXES = frozenset({".duckdb", ".ddb"})

_CREATE = """
CREATE TABLE IF NOT EXISTS analyses (
    id VARCHAR PRIMARY KEY,
    created_at VARCHAR NOT NULL,
    title VARCHAR,
    url VARCHAR,
    domain VARCHAR,
    source_name VARCHAR,
    word_count INTEGER,
    score DOUBLE,
    band VARCHAR,
    report VARCHAR NOT NULL
)
"""
_SUMMARY_COLUMNS = (
    "id",
    "created_at",
    "title",
    "url",
    "domain",
    "source_name",
    "word_count",
    "score",
    "band",
)


@dataclass(frozen=True)
class StoredSummary:
    id: str
    created_at: str
    title: str | None
    url: str | None
    domain: str | None
    source_name: str | None
    word_count: int | None
    score: float | None
    band: str | None


class AnalysisStore:
    """Keeps every analysis. Safe to call from several threads (one connection, one lock)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.engine = "duckdb" if self.path.suffix.lower() in DUCKDB_SUFFIXES else "sqlite"
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.engine == "duckdb":
                try:
                    import duckdb
                except ImportError:
                    raise InputError(
                        str(self.path), "DuckDB is not installed (pip install duckdb); use .sqlite"
                    ) from None

                self._conn: Any = duckdb.connect(str(self.path))
            else:
                self._conn = sqlite3.connect(str(self.path), check_same_thread=False)
            self._conn.execute(_CREATE)
            self._commit()
        except InputError:
            raise
        except Exception as exc:  # an unreadable or foreign file is the user's to fix
            raise InputError(str(self.path), f"cannot open the analysis store: {exc}") from exc

    def _commit(self) -> None:
        if self.engine == "sqlite":
            self._conn.commit()

    def add(self, report: dict[str, Any]) -> str:
        """Store one serialised report; returns its new id."""
        return self._insert(report, json.dumps(report, ensure_ascii=False))

    def add_encoded(self, body: bytes) -> str:
        """Store one report given as the JSON bytes the API returned; returns its new id."""
        text = body.decode()
        return self._insert(json.loads(text), text)

    def _insert(self, report: dict[str, Any], report_json: str) -> str:
        analysis_id = uuid.uuid4().hex
        article = report.get("article", {})
        reliability = report.get("reliability", {})
        row = (
            analysis_id,
            datetime.now(timezone.utc).isoformat(timespec="milliseconds"),
            article.get("title"),
            article.get("url"),
            article.get("domain"),
            article.get("source_name"),
            article.get("word_count"),
            reliability.get("score"),
            reliability.get("band"),
            report_json,
        )
        with self._lock:
            self._conn.execute("INSERT INTO analyses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
            self._commit()
        return analysis_id

    def get(self, analysis_id: str) -> dict[str, Any] | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT report FROM analyses WHERE id = ?", (analysis_id,)
            ).fetchone()
        return None if row is None else json.loads(row[0])

    def list(self, limit: int = 50, offset: int = 0) -> tuple[list[StoredSummary], int]:
        """The newest analyses first, and how many there are in all."""
        columns = ", ".join(_SUMMARY_COLUMNS)
        with self._lock:
            rows = self._conn.execute(
                f"SELECT {columns} FROM analyses ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
            total = self._conn.execute("SELECT count(*) FROM analyses").fetchone()[0]
        return [StoredSummary(*row) for row in rows], int(total)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
