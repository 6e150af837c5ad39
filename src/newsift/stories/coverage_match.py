"""Which story of a corpus an analysed article belongs to, without changing the corpus.

An article that is one of the corpus's own (the same record id or URL) and already in a story
gets that story. Any other is vectorised against the stored story vocabulary, exactly as
`newsift stories` would vectorise it next (its own terms counted once in the frequencies), and
compared with the stories around its date (every story when it is undated) under the same rule,
but nothing is written and the loaded state is thrown away.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np

from newsift.corpus.records import record_id
from newsift.findings import ArticleInfo
from newsift.stories.articles import LABEL_WORDS
from newsift.stories.assign import Story, StoryAssigner
from newsift.stories.defaults import (
    DEFAULT_THRESHOLD,
    DEFAULT_WINDOW_DAYS,
    MULTILINGUAL_THRESHOLD,
)
from newsift.stories.represent import Vector, Vocabulary, story_terms
from newsift.stories.store import day_of, load_state, run_rule

# The window and threshold are those the last `newsift stories` run kept in `story_meta`; a
# corpus grouped before it kept them gets the defaults (the multilingual threshold where the
# corpus has embeddings).
ENCODER_ABSENT = (
    "the corpus's stories were grouped with --multilingual, but the sentence encoder is not "
    'installed (pip install "newsift[stories]"): matched with the default representation'
)
STATE_TABLES = frozenset({"story_state", "story_vocabulary", "story_meta"})


@dataclass(frozen=True)
class OwnArticle:
    """The analysed article's row in the corpus."""

    id: str
    outlet: str  # the source as the corpus names it, else the domain
    domain: str | None
    story_id: int | None  # None: not yet in a story
    similarity: float | None


@dataclass(frozen=True)
class StoryMatch:
    story_id: int | None  # None: no story is similar enough
    similarity: float
    note: str | None = None  # how the match was made, when it was not the usual way


def tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }


def own_article(
    con: duckdb.DuckDBPyConnection, article: ArticleInfo, source_name: str
) -> OwnArticle | None:
    """The corpus's row of the analysed article: the id `newsift batch` gives the same file, or
    the same URL; the one already in a story first."""
    ids = []
    path = Path(source_name)
    if source_name not in ("-", "<text>") and path.is_file():
        ids.append(record_id(str(path.resolve()), "file"))
    url = (article.url or "").strip()
    urls = [u for u in dict.fromkeys((url, url.rstrip("/"), url.rstrip("/") + "/")) if u != "/"]
    if not ids and not url:
        return None
    row = con.execute(
        "SELECT a.id, coalesce(a.source, a.domain, a.id), a.domain, sa.story_id, sa.similarity "
        "FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id "
        "WHERE list_contains(?::VARCHAR[], a.id) OR list_contains(?::VARCHAR[], a.url) "
        "ORDER BY sa.story_id IS NULL, a.id LIMIT 1",
        [ids, urls if url else []],
    ).fetchone()
    return OwnArticle(*row) if row else None


def _article_text(article: ArticleInfo) -> str:
    """The text `newsift stories` vectorises: the title (or first words), then the body."""
    title = article.title or " ".join(article.text.split()[:LABEL_WORDS])
    return f"{title}\n{article.text}"


def _vector(vocabulary: Vocabulary, text: str) -> Vector:
    """The article's vector as if it had been added to the vocabulary, leaving it unchanged:
    only the article's own terms' frequencies matter, each one more."""
    terms = story_terms(text)
    seen = Vocabulary(
        documents=vocabulary.documents + 1,
        df={t: vocabulary.df.get(t, 0) + 1 for t in terms},
    )
    return seen.vector(terms)


def _embeddings(con: duckdb.DuckDBPyConnection) -> dict[int, np.ndarray]:
    rows = con.execute("SELECT story_id, embedding FROM story_embeddings").fetchall()
    return {sid: np.asarray(vector, dtype=np.float32) for sid, vector in rows}


def _assigner(
    con: duckdb.DuckDBPyConnection, stories: list[Story], vocabulary: Vocabulary, text: str
) -> tuple[StoryAssigner, str | None]:
    """The assigner `newsift stories` used for this corpus, ready to compare `text`."""
    from newsift.stories.encoder import encoder_available

    multilingual = "story_embeddings" in tables(con) and bool(
        con.execute("SELECT count(*) FROM story_embeddings").fetchone()[0]  # type: ignore[index]
    )
    window, threshold = run_rule(con)
    window = DEFAULT_WINDOW_DAYS if window is None else window
    if multilingual and encoder_available():
        from newsift.stories.encoder import MultilingualAssigner

        assigner = MultilingualAssigner(
            stories,
            vocabulary,
            window_days=window,
            threshold=MULTILINGUAL_THRESHOLD if threshold is None else threshold,
            embeddings=_embeddings(con),
        )
        # What `assign` would set before comparing: the article's embedding.
        assigner._current = assigner.encoder.embed([text])[0]
        return assigner, None
    if multilingual or threshold is None:  # a multilingual run's threshold is on its own scale
        threshold = DEFAULT_THRESHOLD
    assigner = StoryAssigner(stories, vocabulary, window_days=window, threshold=threshold)
    return assigner, ENCODER_ABSENT if multilingual else None


def nearest_story(con: duckdb.DuckDBPyConnection, article: ArticleInfo) -> StoryMatch:
    """The story the article would join, if it joins one, under the stories run's rule."""
    if not tables(con) >= STATE_TABLES:
        return StoryMatch(None, 0.0)
    stories, vocabulary = load_state(con)
    if not stories:
        return StoryMatch(None, 0.0)
    text = _article_text(article)
    assigner, note = _assigner(con, stories, vocabulary, text)
    # A fresh assigner has every story indexed; `_best` keeps those within the window of the
    # article's date (all of them for an undated article) and changes nothing.
    story, score = assigner._best(_vector(vocabulary, text), day_of(article.date))
    if story is None or score < assigner.threshold:
        return StoryMatch(None, max(score, 0.0), note)
    return StoryMatch(story.id, round(score, 4), note)
