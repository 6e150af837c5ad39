"""The local engine: worker processes analyse chunks, this process stores them one at a time.

Each worker loads the models once (process initializer) and writes its chunk's rows as spool
files; the parent only commits them, so the work that scales with the corpus runs in parallel.
At most two chunks per worker are in flight, so memory stays flat however large the corpus.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path

from newsift.analyzer import Analyzer
from newsift.corpus.records import BadRecord, Record
from newsift.corpus.rows import analyse
from newsift.corpus.spool import SpooledChunk, spool
from newsift.errors import NewsiftError

IN_FLIGHT_PER_WORKER = 2

_analyzer: Analyzer | None = None


def _start_worker(method: str) -> None:
    global _analyzer
    _analyzer = Analyzer(method=method)


def _analyse_chunk(records: list[Record | BadRecord], run_id: str, spool_dir: Path) -> SpooledChunk:
    assert _analyzer is not None, "worker not started"
    return spool(analyse(_analyzer, records, run_id), spool_dir)


def chunked(records: Iterable[Record | BadRecord], size: int) -> Iterator[list[Record | BadRecord]]:
    it = iter(records)
    while chunk := list(islice(it, size)):
        yield chunk


def run_local(
    records: Iterable[Record | BadRecord],
    *,
    store_chunk: Callable[[SpooledChunk], None],
    run_id: str,
    spool_dir: Path,
    workers: int,
    chunk_size: int,
    method: str,
) -> None:
    """Analyse `records` in chunks; `store_chunk` commits each finished one (in this process).

    workers 0 analyses in this process (for debugging and small runs)."""
    chunks = chunked(records, chunk_size)
    if workers <= 0:
        _start_worker(method)
        for chunk in chunks:
            store_chunk(_analyse_chunk(chunk, run_id, spool_dir))
        return
    context = multiprocessing.get_context("spawn")  # fork would copy the progress thread
    try:
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(method,)
        ) as pool:
            in_flight: set[Future[SpooledChunk]] = set()
            for chunk in chunks:
                in_flight.add(pool.submit(_analyse_chunk, chunk, run_id, spool_dir))
                if len(in_flight) >= workers * IN_FLIGHT_PER_WORKER:
                    finished, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                    for future in finished:
                        store_chunk(future.result())
            while in_flight:
                finished, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in finished:
                    store_chunk(future.result())
    except BrokenProcessPool:
        raise NewsiftError(
            "a worker process died (out of memory?); rerun the same command to go on where "
            "it stopped"
        ) from None
