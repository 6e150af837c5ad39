"""`newsift batch`: read inputs, skip what the corpus already holds, analyse, commit in chunks."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from newsift import __version__
from newsift.analyzer import DEFAULT_METHOD
from newsift.corpus import readers
from newsift.corpus.progress import BatchProgress, Counts
from newsift.corpus.records import BadRecord, Record
from newsift.corpus.spool import SpooledChunk
from newsift.corpus.store import CorpusStore, done_key, open_store

if TYPE_CHECKING:  # the Ray engine's module is imported only when it runs
    from newsift.corpus.ray_engine import ParquetChunk

ENGINES = ("local", "ray")
DEFAULT_CHUNK = 50


def default_workers() -> int:
    """One worker per usable core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class BatchOptions:
    inputs: tuple[str, ...]
    out: Path | None = Path("corpus.duckdb")
    parquet: Path | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    workers: int = field(default_factory=default_workers)
    chunk_size: int = DEFAULT_CHUNK
    engine: str = "local"
    ray_address: str | None = None
    method: str = DEFAULT_METHOD
    quiet: bool = False


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def pending(
    records: Iterable[Record | BadRecord], done: set[str], counts: Counts
) -> Iterator[Record | BadRecord]:
    """The records still to do: those already in the corpus are counted as skipped; a second
    record with an id already read in this run becomes a bad record (ids are unique)."""
    seen: set[str] = set()
    for record in records:
        key = done_key(record.id, record.input, record.position)
        if key in done:
            counts.skipped += 1
            continue
        if key in seen:
            yield BadRecord(record.input, record.position, f"duplicate id {record.id!r}", None)
            continue
        seen.add(key)
        yield record


def _run_row(
    options: BatchOptions, run_id: str, started: str, counts: Counts, ended: str | None
) -> dict:
    arguments = asdict(options)
    arguments["out"] = str(options.out) if options.out else None
    arguments["parquet"] = str(options.parquet) if options.parquet else None
    return {
        "run_id": run_id,
        "started": started,
        "ended": ended,
        "arguments": json.dumps(arguments, default=str),
        "newsift_version": __version__,
        "engine": options.engine,
        "workers": options.workers,
        "articles": counts.articles,
        "errors": counts.errors,
        "skipped": counts.skipped,
    }


def _spool_dir(store: CorpusStore) -> Path:
    where = store.location.with_name(store.location.name + ".spool")
    shutil.rmtree(where, ignore_errors=True)  # what a killed run left: never committed
    where.mkdir(parents=True)
    return where


def run_batch(options: BatchOptions) -> Counts:
    """Analyse every record of `options.inputs` not yet in the corpus; return what was done."""
    if options.engine == "ray":
        from newsift.corpus.ray_engine import require_ray

        require_ray()  # a missing extra fails before anything is written
    readers.expand(options.inputs)  # a missing input fails before anything is written
    total = readers.count_records(options.inputs, options.mapping)
    store = open_store(options.out, options.parquet)
    run_id, started, counts = uuid.uuid4().hex[:12], _now(), Counts()
    spool_dir = _spool_dir(store)
    try:
        store.save_run(_run_row(options, run_id, started, counts, None))
        done = store.done()
        todo = pending(readers.iter_records(options.inputs, options.mapping), done, counts)
        with BatchProgress(counts, total, options.quiet) as progress:

            def tally(chunk: SpooledChunk | ParquetChunk) -> None:
                """Count a committed chunk, whichever engine made it."""
                chunk.remove()
                counts.articles += chunk.n_articles
                counts.errors += chunk.n_errors
                counts.findings += chunk.n_findings
                counts.words += chunk.words
                progress.update()

            def store_chunk(chunk: SpooledChunk) -> None:
                store.write(chunk)
                tally(chunk)

            engine_options = dict(
                run_id=run_id,
                spool_dir=spool_dir,
                workers=options.workers,
                chunk_size=options.chunk_size,
                method=options.method,
            )
            if options.engine == "ray":
                from newsift.corpus.ray_engine import run_ray

                def store_parquet(chunk: ParquetChunk) -> None:
                    store.write_parquet_parts(chunk.files)
                    tally(chunk)

                run_ray(
                    todo,
                    store_parquet=store_parquet,
                    address=options.ray_address,
                    **engine_options,
                )
            else:
                from newsift.corpus.local import run_local

                run_local(todo, store_chunk=store_chunk, **engine_options)
        store.save_run(_run_row(options, run_id, started, counts, _now()))
    finally:
        store.close()
        shutil.rmtree(spool_dir, ignore_errors=True)
    return counts
