"""The stories' tables in the corpus's DuckDB file, and the assigner's state kept beside them.

- `stories` (id, label, first_date, last_date, articles, outlets, mean_score): rebuilt at the
  end of every run from `story_articles`, `articles` and `story_state`;
- `story_articles` (story_id, article_id, similarity): one row per assigned article, appended;
- `story_state` (per story: centroid as JSON, members, first/last day, label and how central its
  article was), `story_vocabulary` (term, df) and `story_meta` (documents): what a later run
  needs to assign only the new articles exactly as if they had come in the same run.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable
from pathlib import Path

import duckdb
import orjson

from newsift.stories.assign import Assignment, Story, StoryAssigner
from newsift.stories.represent import Vocabulary

EPOCH = dt.date(1970, 1, 1)
# An article's outlet in its story: its source (the outlet as the corpus names it), else its
# domain, else the article itself; for queries over `story_articles sa` joined to `articles a`.
OUTLET_SQL = "coalesce(a.source, a.domain, sa.article_id)"

DDL = (
    "CREATE TABLE IF NOT EXISTS story_articles "
    "(story_id BIGINT, article_id VARCHAR PRIMARY KEY, similarity DOUBLE)",
    "CREATE TABLE IF NOT EXISTS story_state (story_id BIGINT PRIMARY KEY, label VARCHAR, "
    "label_similarity DOUBLE, members BIGINT, first_day INTEGER, last_day INTEGER, "
    "centroid VARCHAR)",
    "CREATE TABLE IF NOT EXISTS story_vocabulary (term VARCHAR, df BIGINT)",
    "CREATE TABLE IF NOT EXISTS story_meta (key VARCHAR, value VARCHAR)",
)


def day_of(date: str | None) -> int | None:
    """Days since 1970-01-01 of an ISO date or date-time; None when there is none."""
    if not date:
        return None
    try:
        return (dt.date.fromisoformat(date.strip()[:10]) - EPOCH).days
    except ValueError:
        return None


def date_of(day: int | None) -> str | None:
    return None if day is None else (EPOCH + dt.timedelta(days=day)).isoformat()


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    for statement in DDL:
        con.execute(statement)


def assigned_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT article_id FROM story_articles").fetchall()}


def load_state(con: duckdb.DuckDBPyConnection) -> tuple[list[Story], Vocabulary]:
    stories = [
        Story(
            id=sid,
            centroid=orjson.loads(centroid),
            members=members,
            first_day=first,
            last_day=last,
            label=label or "",
            label_similarity=label_similarity,
        )
        for sid, label, label_similarity, members, first, last, centroid in con.execute(
            "SELECT story_id, label, label_similarity, members, first_day, last_day, centroid "
            "FROM story_state"
        ).fetchall()
    ]
    vocabulary = Vocabulary(
        documents=int(
            (con.execute("SELECT value FROM story_meta WHERE key = 'documents'").fetchone() or [0])[
                0
            ]
        ),
        df=dict(con.execute("SELECT term, df FROM story_vocabulary").fetchall()),
    )
    return stories, vocabulary


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: str, rows: Iterable) -> None:
    """Bulk insert through a JSON Lines file (far faster than executemany for many rows)."""
    with tempfile.TemporaryDirectory(prefix="newsift-stories-") as work:
        path = Path(work) / f"{table}.jsonl"
        with open(path, "wb") as out:
            for row in rows:
                out.write(orjson.dumps(row) + b"\n")
        if path.stat().st_size == 0:
            return
        quoted = "'" + str(path).replace("'", "''") + "'"
        con.execute(
            f"INSERT INTO {table} SELECT * FROM read_json({quoted}, format='newline_delimited', "
            f"columns={columns}, maximum_object_size=268435456)"
        )


def save(
    con: duckdb.DuckDBPyConnection, assigner: StoryAssigner, assignments: list[Assignment]
) -> None:
    """Append the new assignments, replace the state, rebuild `stories`: one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        _insert_rows(
            con,
            "story_articles",
            "{'story_id': 'BIGINT', 'article_id': 'VARCHAR', 'similarity': 'DOUBLE'}",
            (
                {"story_id": a.story_id, "article_id": a.article_id, "similarity": a.similarity}
                for a in assignments
            ),
        )
        con.execute("DELETE FROM story_state")
        _insert_rows(
            con,
            "story_state",
            "{'story_id': 'BIGINT', 'label': 'VARCHAR', 'label_similarity': 'DOUBLE', "
            "'members': 'BIGINT', 'first_day': 'INTEGER', 'last_day': 'INTEGER', "
            "'centroid': 'VARCHAR'}",
            (
                {
                    "story_id": s.id,
                    "label": s.label,
                    "label_similarity": s.label_similarity,
                    "members": s.members,
                    "first_day": s.first_day,
                    "last_day": s.last_day,
                    "centroid": orjson.dumps(s.centroid).decode(),
                }
                for s in assigner.stories.values()
            ),
        )
        con.execute("DELETE FROM story_vocabulary")
        _insert_rows(
            con,
            "story_vocabulary",
            "{'term': 'VARCHAR', 'df': 'BIGINT'}",
            ({"term": t, "df": n} for t, n in assigner.vocabulary.df.items()),
        )
        con.execute("DELETE FROM story_meta")
        # The run's rule too, so that `analyze --corpus` matches a new article the same way.
        con.executemany(
            "INSERT INTO story_meta VALUES (?, ?)",
            [
                ("documents", str(assigner.vocabulary.documents)),
                ("window_days", str(assigner.window_days)),
                ("threshold", repr(assigner.threshold)),
            ],
        )
        _rebuild_stories(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def run_rule(con: duckdb.DuckDBPyConnection) -> tuple[int | None, float | None]:
    """The window (days) and threshold of the last `newsift stories` run, where it kept them."""
    meta = dict(con.execute("SELECT key, value FROM story_meta").fetchall())
    window, threshold = meta.get("window_days"), meta.get("threshold")
    return (
        int(window) if window is not None else None,
        float(threshold) if threshold is not None else None,
    )


def _rebuild_stories(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("DROP TABLE IF EXISTS stories")
    con.execute(
        """
        CREATE TABLE stories AS
        SELECT st.story_id AS id, st.label,
               CASE WHEN st.first_day IS NULL THEN NULL
                    ELSE strftime(DATE '1970-01-01' + st.first_day::INTEGER, '%Y-%m-%d') END
                   AS first_date,
               CASE WHEN st.last_day IS NULL THEN NULL
                    ELSE strftime(DATE '1970-01-01' + st.last_day::INTEGER, '%Y-%m-%d') END
                   AS last_date,
               count(*) AS articles,
               count(DISTINCT coalesce(a.source, a.domain)) AS outlets,
               avg(a.score) AS mean_score
        FROM story_state st
        JOIN story_articles sa ON sa.story_id = st.story_id
        LEFT JOIN articles a ON a.id = sa.article_id
        GROUP BY ALL
        ORDER BY id
        """
    )
