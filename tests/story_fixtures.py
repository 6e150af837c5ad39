"""Small made-up story corpora for the stories tests: a few events, each told by several
outlets, as the JSON Lines rows `newsift batch` reads, and the corpus it writes from them."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

# (event key, title, ISO date, {outlet: text})
Event = tuple[str, str, str, dict[str, str]]


def event_rows(
    events: Iterable[Event],
    url: Callable[[str, str], str] | None = None,
    number_ids: bool = False,
) -> list[dict]:
    """One row per (event, outlet), id "<event>-<outlet>" ("<event>-<n>" with `number_ids`, for
    outlet names unfit for an id), with a URL from `url(event, outlet)` when given."""
    rows = []
    for event, title, day, texts in events:
        for n, (outlet, text) in enumerate(texts.items()):
            row = {
                "id": f"{event}-{n}" if number_ids else f"{event}-{outlet}",
                "title": title,
                "text": text,
                "date": day,
                "source": outlet,
            }
            if url is not None:
                row["url"] = url(event, outlet)
            rows.append(row)
    return rows


def batch_corpus(folder: Path, rows: Iterable[dict]) -> Path:
    """`rows` written to folder/news.jsonl and analysed into folder/corpus.duckdb."""
    from newsift.corpus.batch import BatchOptions, run_batch

    source = folder / "news.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = folder / "corpus.duckdb"
    run_batch(BatchOptions(inputs=(str(source),), out=db, workers=0, quiet=True))
    return db
