"""The corpus's articles not yet in a story, with their texts.

The corpus tables keep no article body (only titles and the findings' spans), so the texts are
read again from the inputs each `newsift batch` run recorded in `runs.arguments`, through the
same readers and decoding, and joined on the article id.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb

from newsift.corpus.readers import iter_records
from newsift.corpus.records import Record
from newsift.corpus.rows import to_document
from newsift.errors import InputError
from newsift.stories.assign import Article
from newsift.stories.store import day_of

LABEL_WORDS = 12  # an untitled article is labelled by its first words


def open_corpus(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """The corpus's DuckDB file, read-write unless `read_only`; an InputError when it is not a
    corpus."""
    if path.is_dir():
        raise InputError(
            str(path),
            "a directory (Parquet tables?): stories need a DuckDB corpus file "
            "(write one with `newsift batch INPUT... --out corpus.duckdb`)",
        )
    if not path.is_file():
        raise InputError(str(path), "no such corpus file (write one with `newsift batch`)")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise InputError(str(path), f"not a DuckDB corpus: {' '.join(str(exc).split())}") from None
    tables = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    if not {"articles", "runs"} <= tables:
        con.close()
        raise InputError(
            str(path), "not a corpus: no articles and runs tables (see `newsift batch`)"
        )
    return con


def _inputs(con: duckdb.DuckDBPyConnection) -> list[tuple[tuple[str, ...], dict[str, str]]]:
    """Each run's inputs and column mapping, once each, oldest first."""
    seen, out = set(), []
    for (arguments,) in con.execute("SELECT arguments FROM runs ORDER BY started").fetchall():
        args = json.loads(arguments or "{}")
        key = (tuple(args.get("inputs") or ()), tuple(sorted((args.get("mapping") or {}).items())))
        if key[0] and key not in seen:
            seen.add(key)
            out.append((key[0], dict(key[1])))
    return out


def read_texts(
    corpus: Path, con: duckdb.DuckDBPyConnection, wanted: set[str]
) -> Iterator[tuple[str, str, str]]:
    """(id, title, text) of the wanted articles, read from the recorded inputs."""
    left = set(wanted)
    for inputs, mapping in _inputs(con):
        if not left:
            return
        try:
            for record in iter_records(inputs, mapping):
                if isinstance(record, Record) and record.id in left:
                    left.discard(record.id)
                    doc = to_document(record)
                    yield record.id, doc.title or "", doc.text
        except InputError as exc:
            raise InputError(
                str(corpus), f"cannot read the texts again from its input {exc}"
            ) from None


def new_articles(
    corpus: Path, con: duckdb.DuckDBPyConnection, done: set[str]
) -> tuple[list[Article], int]:
    """The articles of the corpus not in `done`, and how many of them had no text to read."""
    rows = con.execute("SELECT id, title, date FROM articles").fetchall()
    meta = {aid: (title, date) for aid, title, date in rows if aid not in done}
    articles = []
    for aid, doc_title, text in read_texts(corpus, con, set(meta)):
        title, date = meta[aid]
        title = title or doc_title or " ".join(text.split()[:LABEL_WORDS])
        articles.append(Article(aid, f"{title}\n{text}", day_of(date), title))
    return articles, len(meta) - len(articles)
