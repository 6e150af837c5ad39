"""The multilingual variant's state in the corpus: `story_embeddings` (story_id, members,
embedding: the sum of its members' unit embeddings), so a later `--multilingual` run goes on
where the last one stopped. Stories changed by a run without the variant are refused."""

from __future__ import annotations

from pathlib import Path

import duckdb
import numpy as np

from newsift.errors import InputError
from newsift.stories.assign import Story
from newsift.stories.encoder import DIMENSIONS
from newsift.stories.store import _insert_rows

DDL = (
    "CREATE TABLE IF NOT EXISTS story_embeddings "
    f"(story_id BIGINT PRIMARY KEY, members BIGINT, embedding FLOAT[{DIMENSIONS}])"
)


def load_embeddings(
    con: duckdb.DuckDBPyConnection, corpus: Path, stories: list[Story]
) -> dict[int, np.ndarray]:
    """Each story's embedding sum; an InputError when a story has none or an out-of-date one
    (its members were assigned without `--multilingual`)."""
    con.execute(DDL)
    rows = con.execute("SELECT story_id, members, embedding FROM story_embeddings").fetchall()
    kept = {sid: (members, embedding) for sid, members, embedding in rows}
    stale = [s.id for s in stories if s.id not in kept or kept[s.id][0] != s.members]
    if stale:
        raise InputError(
            str(corpus),
            f"{len(stale):,} of its stories were assigned without --multilingual; go on "
            "without it, or start the stories again from a fresh corpus",
        )
    return {sid: np.asarray(embedding, dtype=np.float32) for sid, (_, embedding) in kept.items()}


def save_embeddings(
    con: duckdb.DuckDBPyConnection, stories: dict[int, Story], embeddings: dict[int, np.ndarray]
) -> None:
    """Replace `story_embeddings` with the assigner's sums, in one transaction."""
    con.execute(DDL)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM story_embeddings")
        _insert_rows(
            con,
            "story_embeddings",
            f"{{'story_id': 'BIGINT', 'members': 'BIGINT', 'embedding': 'FLOAT[{DIMENSIONS}]'}}",
            (
                {
                    "story_id": sid,
                    "members": stories[sid].members,
                    "embedding": [round(float(x), 6) for x in vector],
                }
                for sid, vector in embeddings.items()
            ),
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
