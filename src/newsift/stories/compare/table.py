"""The `story_claims` table: per claim of each article, per other outlet of its story, the
verdict with its evidence sentence. A story's rows are replaced whenever it gains articles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict

import duckdb

from newsift.stories.compare.story import ClaimRow
from newsift.stories.store import _insert_rows

COLUMNS = (
    ("story_id", "BIGINT"),
    ("article_id", "VARCHAR"),
    ("outlet", "VARCHAR"),
    ("claim", "VARCHAR"),
    ("other_outlet", "VARCHAR"),
    ("verdict", "VARCHAR"),  # supports | disputes | silent
    ("evidence", "VARCHAR"),
    ("similarity", "DOUBLE"),
    ("conflict", "VARCHAR"),
    ("note", "VARCHAR"),
)
DDL = (
    "CREATE TABLE IF NOT EXISTS story_claims ("
    + ", ".join(f"{name} {kind}" for name, kind in COLUMNS)
    + ")"
)


def create_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DDL)


def replace_rows(
    con: duckdb.DuckDBPyConnection, story_ids: Iterable[int], rows: Sequence[ClaimRow]
) -> None:
    """Drop the stories' old rows and insert the new ones (the caller holds the transaction)."""
    ids = sorted(set(story_ids))
    if ids:
        con.execute("DELETE FROM story_claims WHERE list_contains(?, story_id)", [ids])
    # Through a JSON Lines file like the stories' tables: a large corpus has millions of rows.
    _insert_rows(
        con,
        "story_claims",
        "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in COLUMNS) + "}",
        (asdict(r) for r in rows),
    )
