"""An analysed article's coverage in a corpus: its story, the same story's articles from other
outlets (best first, with their score and source record), and for each of its check-worthy
claims who else reports it and how. Reads the corpus only: it never writes to it.

`find_coverage` is the entry point (`newsift analyze --corpus`, `newsift serve --corpus`); the
data is in `coverage_model`, the story matching in `coverage_match`, the claims in
`coverage_claims`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsift.document import Document
from newsift.errors import InputError
from newsift.findings import Report
from newsift.stories.articles import open_corpus, read_texts
from newsift.stories.compare.story import StoryText
from newsift.stories.compare.summary import SourceRecord
from newsift.stories.coverage_claims import claim_texts, compare_claims
from newsift.stories.coverage_match import (
    OwnArticle,
    StoryMatch,
    nearest_story,
    own_article,
    tables,
)
from newsift.stories.coverage_model import (
    Coverage,
    CoverageArticle,
    CoverageSource,
    CoverageStory,
)
from newsift.stories.store import OUTLET_SQL

NO_MATCH = "no story of the corpus matches this article"
STORY_TABLES = frozenset({"stories", "story_articles"})

__all__ = ["Coverage", "check_corpus", "find_coverage", "no_stories_note"]


def no_stories_note(corpus: Path) -> str:
    return f"the corpus has no stories yet: run `newsift stories {corpus}`"


def check_corpus(corpus: Path) -> None:
    """An InputError naming `corpus` unless it is a corpus file (checked before an analysis)."""
    open_corpus(corpus, read_only=True).close()


def _has_stories(con: duckdb.DuckDBPyConnection) -> bool:
    if not tables(con) >= STORY_TABLES:
        return False
    return bool(con.execute("SELECT count(*) FROM stories").fetchone()[0])  # type: ignore[index]


def _story(con: duckdb.DuckDBPyConnection, story_id: int, similarity: float, in_corpus: bool):
    row = con.execute(
        "SELECT id, coalesce(label, ''), first_date, last_date, articles, outlets "
        "FROM stories WHERE id = ?",
        [story_id],
    ).fetchone()
    if row is None:
        return None
    return CoverageStory(*row, similarity=round(float(similarity), 4), in_corpus=in_corpus)


def _source(found: bool | None, labels: str | None, rating: float | None) -> CoverageSource:
    record = SourceRecord(found, labels or "", rating)
    return CoverageSource(
        found=bool(found),
        labels=[label for label in (labels or "").split(",") if label],
        rating=rating,
        description=record.describe(),
    )


def _own_outlets(own: OwnArticle | None, report: Report, doc: Document) -> set[str]:
    """The names the article's own outlet may go by in the corpus (lower case)."""
    names = {report.article.domain, report.source.domain, doc.domain}
    if own is not None:
        names |= {own.outlet, own.domain}
    return {n.lower() for n in names if n}


def _other_articles(
    con: duckdb.DuckDBPyConnection, story_id: int, own_id: str | None, own: set[str]
) -> list[CoverageArticle]:
    """The story's articles from outlets other than the article's, best first: by score, then
    by their source's rating, then by title."""
    rows = con.execute(
        f"SELECT a.id, coalesce(a.title, ''), {OUTLET_SQL}, a.domain, a.url, "
        "a.date, a.score, a.band, a.source_found, a.source_labels, a.source_rating "
        "FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ?",
        [story_id],
    ).fetchall()
    out = []
    for aid, title, outlet, domain, url, date, score, band, found, labels, rating in rows:
        if aid == own_id or outlet.lower() in own or (domain or "").lower() in own:
            continue
        out.append(
            CoverageArticle(
                article_id=aid,
                title=title,
                outlet=outlet,
                url=url,
                date=date,
                score=score,
                band=band,
                source=_source(found, labels, rating),
            )
        )

    def rank(a: CoverageArticle) -> tuple:
        rating = a.source.rating
        return (a.score is None, -(a.score or 0.0), rating is None, -(rating or 0.0), a.title)

    return sorted(out, key=rank)


def _texts_of(
    corpus: Path, con: duckdb.DuckDBPyConnection, articles: list[CoverageArticle]
) -> list[StoryText]:
    outlets = {a.article_id: a.outlet for a in articles}
    return [
        StoryText(aid, outlets[aid], text)
        for aid, _title, text in read_texts(corpus, con, set(outlets))
    ]


def _match(con: duckdb.DuckDBPyConnection, report: Report, own: OwnArticle | None) -> StoryMatch:
    if own is not None and own.story_id is not None:
        return StoryMatch(own.story_id, own.similarity or 0.0)
    return nearest_story(con, report.article)


def find_coverage(corpus: Path, doc: Document, report: Report) -> Coverage:
    """The coverage of the analysed article (`doc`, with its `report`) in `corpus`, read-only.

    An InputError naming the corpus when the file is not a corpus; a Coverage with no story and
    a note when the corpus has no stories yet or none matches."""
    con = open_corpus(corpus, read_only=True)
    try:
        return _coverage(corpus, con, doc, report)
    except duckdb.Error as exc:  # a corpus from another version, a damaged file
        raise InputError(
            str(corpus), f"cannot read its stories: {' '.join(str(exc).split())}"
        ) from None
    finally:
        con.close()


def _coverage(
    corpus: Path, con: duckdb.DuckDBPyConnection, doc: Document, report: Report
) -> Coverage:
    name = str(corpus)
    if not _has_stories(con):
        return Coverage(name, note=no_stories_note(corpus))
    own = own_article(con, report.article, doc.source_name)
    match = _match(con, report, own)
    story = (
        None
        if match.story_id is None
        else _story(con, match.story_id, match.similarity, own is not None)
    )
    if story is None:
        return Coverage(name, note="; ".join(n for n in (NO_MATCH, match.note) if n))
    outlets = _own_outlets(own, report, doc)
    articles = _other_articles(con, story.id, own.id if own else None, outlets)
    claims = claim_texts(report)
    own_outlet = own.outlet if own else (report.article.domain or report.source.domain or "")
    note = match.note
    texts: list[StoryText] = []
    if claims and articles:
        try:
            texts = _texts_of(corpus, con, articles)
        except InputError as exc:  # the inputs moved: the story stands, the claims cannot
            note = "; ".join(n for n in (note, f"claims not compared: {exc.reason}") if n)
            claims = []
    compared = compare_claims(story.id, claims, own_outlet, texts)
    return Coverage(name, note=note, story=story, articles=articles, claims=compared)
