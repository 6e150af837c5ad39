"""The key figures of a corpus: headline numbers, outlets, errors and runs.

Every function takes a connection from `open_corpus` and returns plain dataclasses, which the HTML
page, the terminal summary and `--json` all read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsift.corpus.report.sql import DATE_SQL, OUTLET_SQL, PLAUSIBLE_DATES
from newsift.corpus.report.techniques import outlet_techniques

if TYPE_CHECKING:
    import duckdb

BANDS = ("reliable", "mixed", "unreliable")
SCORE_BIN = 5  # points per bar of the score histogram


@dataclass(frozen=True)
class Headline:
    """The figures at the top of the report."""

    articles: int
    outlets: int
    words: int
    mean_score: float | None
    band_counts: dict[str, int]
    errors: int
    error_reasons: list[tuple[str, int]]  # the most frequent, with their counts
    dated_articles: int
    first_date: str | None  # YYYY-MM-DD
    last_date: str | None
    runs: int

    def band_share(self, band: str) -> float:
        return self.band_counts.get(band, 0) / self.articles if self.articles else 0.0


@dataclass(frozen=True)
class SourceRecord:
    """What the reputation database says of an outlet, as its articles recorded it."""

    found: bool
    labels: tuple[str, ...] = ()
    rating: float | None = None  # 0 lowest .. 1 highest

    def describe(self) -> str:
        if not self.found:
            return "not on record"
        parts = [", ".join(x.replace("_", " ") for x in self.labels)] if self.labels else []
        if self.rating is not None:
            parts.append(f"rating {self.rating:.2f}")
        return "; ".join(parts) or "on record"


@dataclass(frozen=True)
class Outlet:
    name: str
    articles: int
    words: int
    mean_score: float | None
    band_counts: dict[str, int]
    source: SourceRecord
    techniques: list[tuple[str, int]] = field(default_factory=list)  # most frequent first

    def band_share(self, band: str) -> float:
        return self.band_counts.get(band, 0) / self.articles if self.articles else 0.0


@dataclass(frozen=True)
class ErrorReason:
    reason: str
    count: int
    example: str  # "input (position)" of one record with this reason


@dataclass(frozen=True)
class Run:
    run_id: str
    started: str | None
    ended: str | None
    engine: str | None
    workers: int | None
    articles: int
    errors: int
    skipped: int
    version: str | None


def headline(con: duckdb.DuckDBPyConnection, reasons: int = 3) -> Headline:
    articles, outlets, words, mean = con.execute(
        f"SELECT count(*), count(DISTINCT {OUTLET_SQL}), coalesce(sum(words), 0), avg(score) "
        "FROM articles"
    ).fetchone()
    bands = dict(con.execute("SELECT band, count(*) FROM articles GROUP BY band").fetchall())
    dated, first, last = con.execute(
        f"SELECT count(d), min(d), max(d) FROM (SELECT {DATE_SQL} AS d FROM articles) "
        f"WHERE d {PLAUSIBLE_DATES}"
    ).fetchone()
    (errors,) = con.execute("SELECT count(*) FROM errors").fetchone()
    (runs,) = con.execute("SELECT count(*) FROM runs").fetchone()
    return Headline(
        articles=articles,
        outlets=outlets,
        words=int(words),
        mean_score=mean,
        band_counts={band: bands.get(band, 0) for band in BANDS},
        errors=errors,
        error_reasons=[(e.reason, e.count) for e in error_reasons(con, reasons)],
        dated_articles=dated,
        first_date=first.isoformat() if first else None,
        last_date=last.isoformat() if last else None,
        runs=runs,
    )


def outlets(con: duckdb.DuckDBPyConnection, limit: int = 30) -> list[Outlet]:
    """The outlets with the most articles, with their scores, record and techniques."""
    rows = con.execute(
        f"""
        SELECT {OUTLET_SQL} AS outlet, count(*) AS n, coalesce(sum(words), 0), avg(score),
          {", ".join(f"count(*) FILTER (WHERE band = '{band}')" for band in BANDS)}
        FROM articles GROUP BY outlet ORDER BY n DESC, outlet LIMIT ?
        """,
        [limit],
    ).fetchall()
    names = [row[0] for row in rows]
    records = _source_records(con, names)
    techniques = outlet_techniques(con, names)
    return [
        Outlet(
            name=name,
            articles=n,
            words=int(words),
            mean_score=mean,
            band_counts=dict(zip(BANDS, counts, strict=True)),
            source=records.get(name, SourceRecord(False)),
            techniques=techniques.get(name, []),
        )
        for name, n, words, mean, *counts in rows
    ]


def _source_records(con: duckdb.DuckDBPyConnection, names: list[str]) -> dict[str, SourceRecord]:
    """Each outlet's most frequent source record among its articles (normally there is one)."""
    if not names:
        return {}
    rows = con.execute(
        f"""
        SELECT {OUTLET_SQL} AS outlet, coalesce(source_labels, ''), avg(source_rating), count(*)
        FROM articles WHERE source_found AND list_contains(?, {OUTLET_SQL})
        GROUP BY outlet, coalesce(source_labels, '')
        """,
        [names],
    ).fetchall()
    best: dict[str, SourceRecord] = {}
    # Most articles first; a tie goes to the alphabetically first labels, for a stable page.
    for outlet, labels, rating, _ in sorted(rows, key=lambda r: (-r[3], r[1])):
        if outlet not in best:
            parts = tuple(label.strip() for label in labels.split(",") if label.strip())
            best[outlet] = SourceRecord(True, parts, rating)
    return best


def error_reasons(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[ErrorReason]:
    rows = con.execute(
        """
        SELECT coalesce(reason, '(no reason given)') AS r, count(*) AS n,
          min(coalesce(input, '?') || ' (' || coalesce(position, '?') || ')')
        FROM errors GROUP BY r ORDER BY n DESC, r LIMIT ?
        """,
        [limit],
    ).fetchall()
    return [ErrorReason(reason, count, example) for reason, count, example in rows]


def runs(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[Run]:
    """The latest runs, oldest first."""
    rows = con.execute(
        """
        SELECT * FROM (
          SELECT run_id, started, ended, engine, workers, coalesce(articles, 0),
            coalesce(errors, 0), coalesce(skipped, 0), newsift_version
          FROM runs ORDER BY started DESC NULLS LAST, run_id DESC LIMIT ?
        ) ORDER BY started NULLS FIRST, run_id
        """,
        [limit],
    ).fetchall()
    return [Run(*row) for row in rows]


def score_bins(con: duckdb.DuckDBPyConnection, width: int = SCORE_BIN) -> list[int]:
    """Articles per `width`-point band of score, 0-100 (a score of 100 in the last), counted in
    the database so a corpus of millions never comes into Python."""
    bins = [0] * (100 // width)
    rows = con.execute(
        "SELECT least(greatest(CAST(floor(score / ?) AS INTEGER), 0), ?) AS bin, count(*) "
        "FROM articles WHERE score IS NOT NULL AND NOT isnan(score) GROUP BY bin",
        [width, len(bins) - 1],
    ).fetchall()
    for index, count in rows:
        bins[index] = count
    return bins
