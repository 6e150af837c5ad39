"""A pool of analysis processes: one event loop does HTTP, N processes do the CPU-bound work.

Each request goes to whichever process is free (one shared queue), so latency does not depend
on how the kernel happened to spread keep-alive connections over server processes. Every
process builds its own Analyzer once, at start-up.

Nothing but plain data crosses the process boundary: a request or an already fetched Document
goes in; the report comes back as encoded JSON bytes, or as an error triple (status, code,
message). Exceptions never cross it: ApiError and InputError cannot be rebuilt from their
pickled form, and a result that fails to unpickle would break the whole pool.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from newsift.api.errors import ApiError, api_error_for
from newsift.api.schemas import AnalyzeRequest
from newsift.api.service import WARM_UP_TEXT, document_for, encode_report
from newsift.document import Document
from newsift.errors import ModelError

log = logging.getLogger("newsift.api")

Item = AnalyzeRequest | Document  # a text/html request (ingested in the worker) or a fetched URL
ErrorTriple = tuple[int, str, str]  # (HTTP status, error code, message)
Outcome = bytes | ErrorTriple

START_TIMEOUT_S = 300.0  # loading every detector's models in N processes at once on a busy host

# -- worker side (module-level functions: they run in the analysis processes) ----------------------

_analyzer: Any = None
_start_barrier: Any = None


def _exit_with_parent() -> None:
    """Exit when the server process is gone, even if it was killed and could not shut us down."""
    parent = os.getppid()
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def _init_worker(detectors: Sequence[str] | None, warm_up: bool, barrier: Any = None) -> None:
    global _analyzer, _start_barrier
    # Ctrl-C reaches the whole process group; the server shuts the pool down in order instead.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, name="exit-with-parent", daemon=True).start()
    from newsift.analyzer import Analyzer

    _analyzer = Analyzer(list(detectors) if detectors else None)
    if warm_up:
        _analyzer.analyze_document(document_for(AnalyzeRequest(text=WARM_UP_TEXT)))
    _start_barrier = barrier


def _error_triple(exc: Exception) -> ErrorTriple:
    error = api_error_for(exc)
    return (error.status, error.code, error.message)


def _ingest(item: Item) -> Document:
    return item if isinstance(item, Document) else document_for(item)


def analyze_task(item: Item) -> Outcome:
    """Analyse one article; the report as JSON bytes, or why it could not be analysed."""
    try:
        return encode_report(_analyzer.analyze_document(_ingest(item)))
    except Exception as exc:
        return _error_triple(exc)


def analyze_batch_task(items: Sequence[Item]) -> list[Outcome] | ErrorTriple:
    """Each article succeeds or fails alone; the good ones are analysed together.

    A failure of the analysis itself (not of one input) fails the whole batch, as in threads.
    """
    outcomes: list[Outcome | None] = [None] * len(items)
    docs: list[tuple[int, Document]] = []
    for i, item in enumerate(items):
        try:
            docs.append((i, _ingest(item)))
        except Exception as exc:  # one bad document must not sink the batch
            outcomes[i] = _error_triple(exc)
    try:
        if docs:
            reports = _analyzer.analyze_documents([doc for _, doc in docs])
            for (i, _), report in zip(docs, reports, strict=True):
                outcomes[i] = encode_report(report)
    except Exception as exc:
        return _error_triple(exc)
    return [o for o in outcomes if o is not None]


def ready_task() -> dict[str, str]:
    """The detector versions, once this process is initialised.

    At start-up every process waits here for the others, so the N ready tasks run on N
    distinct processes instead of a fast one answering for a slow one.
    """
    if _start_barrier is not None:
        _start_barrier.wait(timeout=START_TIMEOUT_S)
    return dict(_analyzer.versions)


# -- server side -----------------------------------------------------------------------------------


class _SigintIgnored:
    """Spawn children with SIGINT ignored (kept across exec), so Ctrl-C during their start-up
    cannot print tracebacks; only possible from the main thread, a no-op elsewhere."""

    def __enter__(self) -> None:
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, signal.SIG_IGN)

    def __exit__(self, *_: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


class AnalysisPool:
    """N analysis processes behind one queue, rebuilt when one of them dies."""

    def __init__(
        self, processes: int, detectors: Sequence[str] | None = None, warm_up: bool = True
    ) -> None:
        if processes < 1:
            raise ValueError("an analysis pool needs at least one process")
        self.processes = processes
        self.detectors = tuple(detectors) if detectors else None
        self.warm_up = warm_up
        self._executor: ProcessPoolExecutor | None = None

    # -- lifecycle -------------------------------------------------------------------------
    def _new_executor(self, barrier: Any = None) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")  # fork would copy the server's threads
        return ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=context,
            initializer=_init_worker,
            initargs=(self.detectors, self.warm_up, barrier),
        )

    def _submit_ready(self, executor: ProcessPoolExecutor) -> list[Future]:
        # With spawn, ProcessPoolExecutor starts a process per submit while none is idle:
        # N submits at once start all N now instead of on the first requests.
        with _SigintIgnored():
            return [executor.submit(ready_task) for _ in range(self.processes)]

    def start(self) -> dict[str, str]:
        """Start every process, wait until all are initialised; the detector versions."""
        barrier = multiprocessing.get_context("spawn").Barrier(self.processes)
        self._executor = self._new_executor(barrier)
        futures = self._submit_ready(self._executor)
        done, _ = wait(futures, timeout=START_TIMEOUT_S)
        try:
            if len(done) < len(futures):
                raise TimeoutError(f"not ready within {START_TIMEOUT_S:g} s")
            versions = [future.result() for future in futures]
        except Exception as exc:  # an initializer failed (its traceback is in the log above)
            self.close()
            raise ModelError(f"the analysis processes could not start: {exc}") from None
        return versions[0]

    def close(self) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    @property
    def pids(self) -> list[int]:
        """The analysis processes' ids (for operators and tests)."""
        return list(self._executor._processes) if self._executor is not None else []

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        """Swap a broken pool for a fresh one, once however many requests saw it break."""
        if self._executor is not broken:
            return
        log.error("an analysis process stopped unexpectedly; starting new ones")
        broken.shutdown(wait=False, cancel_futures=True)
        self._executor = self._new_executor()
        self._submit_ready(self._executor)  # warm the new processes without waiting for them

    # -- the async face ----------------------------------------------------------------------
    async def _call(self, func: Any, arg: Any) -> Any:
        executor = self._executor
        if executor is None:
            raise ApiError(503, "busy", "the analysis processes are not running")
        future: Future | None = None
        try:
            future = executor.submit(func, arg)
            return await asyncio.wrap_future(future)
        except BrokenProcessPool:
            self._replace(executor)
            raise ApiError(
                503, "worker_crashed", "the analysis process stopped unexpectedly; please retry"
            ) from None
        finally:
            if future is not None:
                future.cancel()  # timed out or abandoned: drop it if it is still queued

    async def analyze(self, item: Item) -> bytes:
        outcome = await self._call(analyze_task, item)
        if isinstance(outcome, tuple):
            raise ApiError(*outcome)
        return outcome

    async def analyze_batch(self, items: Sequence[Item]) -> list[bytes | ApiError]:
        outcomes = await self._call(analyze_batch_task, list(items))
        if isinstance(outcomes, tuple):
            raise ApiError(*outcomes)
        return [ApiError(*o) if isinstance(o, tuple) else o for o in outcomes]
