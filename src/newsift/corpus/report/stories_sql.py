"""The queries of the report's Stories section, on the tables `newsift stories` writes into the
corpus's DuckDB file (`stories`, `story_articles`, `story_claims`).

`open_corpus` attaches that file and shows only the batch's four tables as views, so the stories
tables are found in the information schema and named in full (catalog, schema, table).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsift.stories.store import OUTLET_SQL

if TYPE_CHECKING:
    import duckdb

STORY_TABLES = ("stories", "story_articles", "story_claims")


@dataclass(frozen=True)
class StoryTables:
    """The full SQL names of the stories tables; `claims` is None before claims were compared."""

    stories: str
    articles: str
    claims: str | None


def _quoted(*parts: str) -> str:
    return ".".join('"' + part.replace('"', '""') + '"' for part in parts)


def find_tables(con: duckdb.DuckDBPyConnection) -> StoryTables | None:
    """The stories tables of the corpus, or None when `newsift stories` never ran on it."""
    found: dict[str, str] = {}
    for name, catalog, schema in con.execute(
        "SELECT table_name, table_catalog, table_schema FROM information_schema.tables "
        "WHERE table_name IN ('stories', 'story_articles', 'story_claims') "
        "AND table_schema = 'main' ORDER BY table_catalog"
    ).fetchall():
        found.setdefault(name, _quoted(catalog, schema, name))
    if "stories" not in found or "story_articles" not in found:
        return None
    return StoryTables(found["stories"], found["story_articles"], found.get("story_claims"))


def story_counts(con: duckdb.DuckDBPyConnection, tables: StoryTables) -> tuple[int, int]:
    """(stories, stories with at least two outlets)."""
    row = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE outlets >= 2) FROM {tables.stories}"
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def largest_stories(con: duckdb.DuckDBPyConnection, tables: StoryTables, limit: int) -> list[tuple]:
    """(id, label, first_date, last_date, articles, outlets, mean_score) of the `limit` stories
    with the most outlets (then articles) among those told by two outlets or more."""
    return con.execute(
        "SELECT id, label, first_date, last_date, articles, outlets, mean_score "
        f"FROM {tables.stories} WHERE outlets >= 2 "
        "ORDER BY outlets DESC, articles DESC, id LIMIT ?",
        [limit],
    ).fetchall()


def story_outlets(
    con: duckdb.DuckDBPyConnection, tables: StoryTables, story_ids: list[int]
) -> list[tuple]:
    """(story id, outlet, articles, mean score, source found, labels, rating) per outlet of the
    stories, best mean score first."""
    return con.execute(
        # the outlet as `newsift stories` names it, so a story's outlets are its claim rows' columns
        f"SELECT sa.story_id, {OUTLET_SQL} AS outlet, count(*), avg(a.score), "
        "bool_or(a.source_found), any_value(a.source_labels), max(a.source_rating) "
        f"FROM {tables.articles} sa LEFT JOIN articles a ON a.id = sa.article_id "
        "WHERE list_contains(?, sa.story_id) GROUP BY sa.story_id, outlet "
        "ORDER BY sa.story_id, avg(a.score) DESC NULLS LAST, outlet",
        [story_ids],
    ).fetchall()


def claim_rows(
    con: duckdb.DuckDBPyConnection, tables: StoryTables, story_ids: list[int]
) -> list[tuple]:
    """(story id, article id, outlet, claim, other outlet, verdict, evidence, conflict, note)
    of the stories' claims, in the order `newsift stories` wrote them (article, then text)."""
    if tables.claims is None:
        return []
    return con.execute(
        "SELECT story_id, article_id, outlet, claim, other_outlet, verdict, evidence, conflict, "
        f"note FROM {tables.claims} WHERE list_contains(?, story_id) ORDER BY rowid",
        [story_ids],
    ).fetchall()
