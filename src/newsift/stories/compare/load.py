"""Compare the claims of the stories that changed: their members, outlets, claims and texts
read from the corpus, the rows written to `story_claims`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import duckdb

from newsift.stories.articles import read_texts
from newsift.stories.compare.story import Claim, ClaimRow, StoryText, compare_story
from newsift.stories.compare.table import create_table, replace_rows
from newsift.stories.store import OUTLET_SQL

CLAIMS_CATEGORY = "claims"  # the check-worthy claims detector's findings


def _members(con: duckdb.DuckDBPyConnection, story_ids: list[int]) -> dict[str, tuple[int, str]]:
    """article id -> (story id, outlet), the outlet being the source or else the domain."""
    rows = con.execute(
        f"SELECT sa.article_id, sa.story_id, {OUTLET_SQL} "
        "FROM story_articles sa LEFT JOIN articles a ON a.id = sa.article_id "
        "WHERE list_contains(?, sa.story_id)",
        [story_ids],
    ).fetchall()
    return {aid: (sid, outlet) for aid, sid, outlet in rows}


def _claims(con: duckdb.DuckDBPyConnection, story_ids: list[int]) -> list[tuple[str, str]]:
    """(article id, claim sentence) of the stories' articles, in article and text order."""
    return con.execute(
        "SELECT f.article_id, f.text FROM findings f "
        "JOIN story_articles sa ON sa.article_id = f.article_id "
        "WHERE f.category = ? AND f.text IS NOT NULL AND list_contains(?, sa.story_id) "
        "ORDER BY f.article_id, f.start",
        [CLAIMS_CATEGORY, story_ids],
    ).fetchall()


def compare_stories(
    corpus: Path, con: duckdb.DuckDBPyConnection, story_ids: Iterable[int]
) -> list[ClaimRow]:
    """Rebuild the `story_claims` rows of `story_ids`; the rows written."""
    create_table(con)
    ids = sorted(set(story_ids))
    if not ids:
        return []
    members = _members(con, ids)
    texts: dict[int, list[StoryText]] = defaultdict(list)
    for aid, _title, text in read_texts(corpus, con, set(members)):
        sid, outlet = members[aid]
        texts[sid].append(StoryText(aid, outlet, text))
    claims: dict[int, list[Claim]] = defaultdict(list)
    for aid, text in _claims(con, ids):
        sid, outlet = members[aid]
        claims[sid].append(Claim(aid, outlet, " ".join(text.split())))
    rows = [r for sid in ids for r in compare_story(sid, texts[sid], claims[sid])]
    con.execute("BEGIN TRANSACTION")
    try:
        replace_rows(con, ids, rows)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return rows


def has_claims_table(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(
        con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'story_claims'"
        ).fetchone()[0]  # type: ignore[index]
    )
