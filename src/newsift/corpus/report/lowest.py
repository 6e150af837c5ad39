"""The lowest-scored articles and the contributions that pulled each one down."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsift.corpus.report.sql import OUTLET_SQL

if TYPE_CHECKING:
    import duckdb


@dataclass(frozen=True)
class Contribution:
    signal: str
    category: str
    points: float
    explanation: str


@dataclass(frozen=True)
class LowArticle:
    id: str
    title: str | None
    url: str | None
    outlet: str
    score: float
    band: str | None
    contributions: list[Contribution] = field(default_factory=list)  # most negative first


def lowest_articles(
    con: duckdb.DuckDBPyConnection, limit: int = 20, contributions: int = 3
) -> list[LowArticle]:
    rows = con.execute(
        f"""
        SELECT id, title, url, {OUTLET_SQL}, score, band, contributions FROM articles
        WHERE score IS NOT NULL ORDER BY score, id LIMIT ?
        """,
        [limit],
    ).fetchall()
    return [
        LowArticle(id, title, url, outlet, score, band, main_contributions(raw, contributions))
        for id, title, url, outlet, score, band, raw in rows
    ]


def main_contributions(raw: str | None, limit: int = 3) -> list[Contribution]:
    """The `limit` most negative contributions of an article's `contributions` JSON; a
    malformed column gives none rather than failing the report."""
    try:
        items = json.loads(raw) if raw else []
    except (TypeError, ValueError):
        return []
    if not isinstance(items, list):
        return []
    parsed = [c for c in map(_contribution, items) if c is not None and c.points < 0]
    parsed.sort(key=lambda c: (c.points, c.signal))
    return parsed[:limit]


def _contribution(item: Any) -> Contribution | None:
    if not isinstance(item, dict):
        return None
    points = item.get("points")
    if isinstance(points, bool) or not isinstance(points, (int, float)):
        return None
    return Contribution(
        signal=str(item.get("signal") or ""),
        category=str(item.get("category") or ""),
        points=float(points),
        explanation=str(item.get("explanation") or ""),
    )
