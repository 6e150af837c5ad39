"""Everything the report shows, gathered in one pass over the corpus, and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsift.corpus.report.figures import (
    BANDS,
    ErrorReason,
    Headline,
    Outlet,
    Run,
    error_reasons,
    headline,
    outlets,
    runs,
    score_bins,
)
from newsift.corpus.report.lowest import LowArticle, lowest_articles
from newsift.corpus.report.stories import NO_STORIES, StoriesFigures, stories_json, story_figures
from newsift.corpus.report.techniques import (
    TechniqueCount,
    TechniqueMatrix,
    technique_matrix,
    top_techniques,
)
from newsift.corpus.report.timeline import Timeline, timeline

if TYPE_CHECKING:
    import duckdb

TOP_OUTLETS = 30  # rows of the outlet table
HEATMAP_OUTLETS = 20  # rows of the heat map
LOWEST = 20


@dataclass(frozen=True)
class CorpusFigures:
    name: str  # how the report names the corpus (its path)
    headline: Headline
    score_bins: list[int]  # articles per SCORE_BIN points, from 0
    outlets: list[Outlet]  # most articles first
    techniques: list[TechniqueCount]
    matrix: TechniqueMatrix
    timeline: Timeline
    lowest: list[LowArticle]
    errors: list[ErrorReason]
    runs: list[Run]  # the latest, oldest first
    stories: StoriesFigures = NO_STORIES  # the largest multi-outlet stories, when there are any


def collect(con: duckdb.DuckDBPyConnection, name: str) -> CorpusFigures:
    top = outlets(con, TOP_OUTLETS)
    heat = [(o.name, o.words) for o in top[:HEATMAP_OUTLETS]]
    return CorpusFigures(
        name=name,
        headline=headline(con),
        score_bins=score_bins(con),
        outlets=top,
        techniques=top_techniques(con),
        matrix=technique_matrix(con, heat),
        timeline=timeline(con),
        lowest=lowest_articles(con, LOWEST),
        errors=error_reasons(con),
        runs=runs(con),
        stories=story_figures(con),
    )


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def key_figures(figures: CorpusFigures, outlets_shown: int = 10) -> dict[str, Any]:
    """The key figures as one JSON-ready object (`newsift corpus summary --json`)."""
    head = figures.headline
    return {
        "corpus": figures.name,
        "articles": head.articles,
        "outlets": head.outlets,
        "words": head.words,
        "mean_score": _round(head.mean_score),
        "band_counts": dict(head.band_counts),
        "band_shares": {band: round(head.band_share(band), 4) for band in BANDS},
        "errors": head.errors,
        "error_reasons": [
            {"reason": e.reason, "count": e.count, "example": e.example} for e in figures.errors
        ],
        "dated_articles": head.dated_articles,
        "first_date": head.first_date,
        "last_date": head.last_date,
        "runs": head.runs,
        "top_outlets": [
            {
                "outlet": o.name,
                "articles": o.articles,
                "mean_score": _round(o.mean_score),
                "band_shares": {band: round(o.band_share(band), 4) for band in BANDS},
                "source_record": o.source.describe(),
                "techniques": [{"technique": t, "findings": n} for t, n in o.techniques],
            }
            for o in figures.outlets[:outlets_shown]
        ],
        "top_techniques": [
            {"technique": t.technique, "findings": t.findings, "articles": t.articles}
            for t in figures.techniques
        ],
        "stories": stories_json(figures.stories),
    }
