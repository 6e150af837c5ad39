"""A pool of analysis processes: one event loop does HTTP, N processes do the CPU-bound work.

Each request goes to whichever process is free (one shared queue), so latency does not depend
on how the kernel happened to spread keep-alive connections over server processes. Every
process builds its own Analyzer once, at start-up.

The event loop talks to each process over its own socket pair with asyncio streams: no helper
threads. (`concurrent.futures.ProcessPoolExecutor` moves every task through two threads of the
server process; that cost 1.8 ms of server CPU per request, measured under load, against 0.4 ms
for all of HTTP and FastAPI.) A message is a pickle behind its 8-byte length (wire.py).

Nothing but plain data crosses a socket: a request or an already fetched Document goes in; the
report comes back as encoded JSON bytes, or as an error triple (status, code, message).
Exceptions never cross it: ApiError and InputError cannot be rebuilt from their pickled form.
The processes' side is worker.py; processes.py starts and reaps them.

An analysis whose caller gave up (the request's time limit passed) is stopped: CPU-bound code
cannot be interrupted from outside, so its process is killed and another one started. Without
that, a few hostile inputs would keep every process busy and every later request would time out.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import socket
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsift.api.errors import ApiError
from newsift.api.processes import SigintIgnored, join_all, reaped
from newsift.api.wire import frame, read_message
from newsift.api.worker import AnalyzerFactory, Item, default_analyzer, worker_main
from newsift.errors import ModelError

log = logging.getLogger("newsift.api")

START_TIMEOUT_S = 300.0  # loading every detector's models in N processes at once on a busy host


@dataclass
class _Task:
    kind: str  # "one" | "many"
    payload: Any
    future: asyncio.Future


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    ready: bool = False
    task: _Task | None = None  # the task it is working on
    versions: dict[str, str] = field(default_factory=dict)
    listener: asyncio.Task | None = None


class AnalysisPool:
    """N analysis processes behind one queue; a process that dies is replaced.

    Use it from one event loop (the server's): `await start()`, then `analyze`, `await close()`.
    """

    def __init__(
        self,
        processes: int,
        detectors: Sequence[str] | None = None,
        warm_up: bool = True,
        analyzer_factory: AnalyzerFactory | None = None,
        corpus: Path | None = None,
    ) -> None:
        if processes < 1:
            raise ValueError("an analysis pool needs at least one process")
        self.processes = processes
        self.detectors = tuple(detectors) if detectors else None
        self.warm_up = warm_up
        self.analyzer_factory = analyzer_factory or default_analyzer
        self.corpus = corpus  # each report's coverage in it, computed in the process
        self.killed = 0  # analyses stopped because their caller gave up (for operators, tests)
        self._context = multiprocessing.get_context("spawn")  # fork would copy server threads
        self._workers: list[_Worker] = []
        self._queue: deque[_Task] = deque()
        self._replacing: set[asyncio.Task] = set()
        self._closed = True

    # -- lifecycle -------------------------------------------------------------------------
    async def _spawn(self) -> _Worker:
        ours, theirs = socket.socketpair()
        process = self._context.Process(
            target=worker_main,
            args=(theirs, self.detectors, self.warm_up, self.analyzer_factory, self.corpus),
            name="newsift-analysis",
            daemon=True,
        )
        try:
            with SigintIgnored():
                process.start()
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()  # the child holds its end now: EOF here when it dies
        try:
            reader, writer = await asyncio.open_connection(sock=ours)
        except BaseException:
            ours.close()
            process.kill()
            await reaped(process)
            raise
        worker = _Worker(process, reader, writer)
        self._workers.append(worker)
        return worker

    async def start(self) -> dict[str, str]:
        """Start every process and wait until all have loaded their models; the detector
        versions."""
        self._closed = False
        started = [await self._spawn() for _ in range(self.processes)]
        try:
            for worker in started:
                status, detail = await asyncio.wait_for(
                    read_message(worker.reader), START_TIMEOUT_S
                )
                if status != "ready":
                    raise ModelError(detail)
                worker.ready, worker.versions = True, detail
        except (ModelError, TimeoutError, asyncio.IncompleteReadError, OSError) as exc:
            await self.close()
            raise ModelError(f"the analysis processes could not start: {exc}") from None
        for worker in started:
            worker.listener = asyncio.create_task(self._listen(worker))
        return started[0].versions

    async def close(self) -> None:
        """Close every connection (a process stops when its connection does), wait briefly,
        then end the stragglers."""
        self._closed = True
        # A dead process is reaped by its replacing task, which now starts nothing new (or
        # adds what it just started to the workers closed below).
        await asyncio.gather(*self._replacing, return_exceptions=True)
        workers, self._workers = self._workers, []
        for worker in workers:
            if worker.listener is not None:
                worker.listener.cancel()
            worker.writer.close()
            if worker.task is not None and not worker.task.future.done():
                worker.task.future.set_exception(_stopped())
        while self._queue:
            task = self._queue.popleft()
            if not task.future.done():
                task.future.set_exception(_stopped())
        await asyncio.to_thread(join_all, [w.process for w in workers])

    @property
    def pids(self) -> list[int]:
        """The analysis processes' ids (for operators and tests)."""
        return [w.process.pid for w in self._workers if w.process.pid is not None]

    @property
    def busy_pids(self) -> list[int]:
        """The ids of the processes analysing something now."""
        return [w.process.pid for w in self._workers if w.task is not None and w.process.pid]

    # -- dispatch ------------------------------------------------------------------------------
    def _dispatch(self) -> None:
        """Give queued tasks to idle processes; tasks whose caller gave up are dropped."""
        for worker in self._workers:
            if not self._queue:
                return
            if not worker.ready or worker.task is not None or worker.writer.is_closing():
                continue
            while self._queue:
                task = self._queue.popleft()
                if task.future.done():  # timed out or cancelled while queued
                    continue
                worker.writer.write(frame((task.kind, task.payload)))
                worker.task = task
                break

    async def _listen(self, worker: _Worker) -> None:
        """Read a process's answers until its connection ends."""
        try:
            while True:
                message = await read_message(worker.reader)
                if not worker.ready:  # a replacement process has loaded its models
                    status, detail = message
                    if status != "ready":
                        log.error("a new analysis process could not start: %s", detail)
                        self._lost(worker, replace=False)
                        return
                    worker.ready, worker.versions = True, detail
                else:
                    task, worker.task = worker.task, None
                    if task is not None and not task.future.done():
                        task.future.set_result(message)
                self._dispatch()
        except (asyncio.IncompleteReadError, ConnectionError, OSError):
            self._lost(worker)

    def _lost(self, worker: _Worker, replace: bool = True) -> None:
        """A process died: fail its task, drop it and start another one."""
        worker.writer.close()
        if worker not in self._workers:  # killed on purpose (`_abandon`), or the pool closed
            return
        self._workers.remove(worker)
        task, worker.task = worker.task, None
        if task is not None and not task.future.done():
            task.future.set_exception(
                ApiError(
                    503,
                    "worker_crashed",
                    "the analysis process stopped unexpectedly; please retry",
                )
            )
        if self._closed:
            return
        log.error("an analysis process stopped unexpectedly; starting another")
        self._start_replacing(worker.process, replace)

    def _abandon(self, task: _Task) -> None:
        """The caller of `task` gave up (its time limit passed, or it was cancelled).

        Queued, `_dispatch` drops it. Running, its process is killed, since Python code cannot
        be interrupted from outside, and another one started: otherwise a hostile input would
        hold a process for as long as it takes, and a few would stall every later request.
        """
        worker = next((w for w in self._workers if w.task is task), None)
        if worker is None:
            return
        if self._closed:  # close() joins it with the others
            worker.process.kill()
            return
        self._workers.remove(worker)
        worker.task = None
        if worker.listener is not None:
            worker.listener.cancel()
        worker.process.kill()  # SIGKILL: the analysis may be deep in C code (lxml, regex)
        worker.writer.transport.abort()  # drop whatever was still queued for it
        self.killed += 1
        log.warning(
            "stopped an analysis that overran its time limit (process %s); starting another",
            worker.process.pid,
        )
        self._start_replacing(worker.process, replace=True)

    def _start_replacing(self, old: multiprocessing.process.BaseProcess, replace: bool) -> None:
        replacing = asyncio.get_running_loop().create_task(self._replace(old, replace))
        self._replacing.add(replacing)  # the loop keeps only a weak reference to a task
        replacing.add_done_callback(self._replacing.discard)

    async def _replace(self, old: multiprocessing.process.BaseProcess, replace: bool) -> None:
        """Reap the dead process (no zombie, no fd left), then start another one when asked."""
        try:
            await reaped(old)
            if not replace or self._closed:
                return
            fresh = await self._spawn()
        except asyncio.CancelledError:
            raise
        except Exception:  # the pool goes on with fewer processes; say why
            log.exception("could not start a new analysis process")
            return
        if self._closed:  # closed while it started: close(), which waited for us, stops it
            return
        fresh.listener = asyncio.create_task(self._listen(fresh))

    async def _call(self, kind: str, payload: Any) -> Any:
        if self._closed:
            raise ApiError(503, "busy", "the analysis processes are not running")
        task = _Task(kind, payload, asyncio.get_running_loop().create_future())
        self._queue.append(task)
        self._dispatch()
        try:
            return await task.future
        except asyncio.CancelledError:  # the caller gave up: its time limit passed
            # Cancelling the caller has cancelled the future already, in most cases.
            task.future.cancel()
            self._abandon(task)
            raise

    async def analyze(self, item: Item) -> bytes:
        outcome = await self._call("one", item)
        if isinstance(outcome, tuple):
            raise ApiError(*outcome)
        return outcome

    async def analyze_batch(self, items: Sequence[Item]) -> list[bytes | ApiError]:
        """The articles shared out among the processes, in order: a batch takes as long as its
        share, not as long as all of it on one process."""
        parts = await asyncio.gather(
            *(self._call("many", part) for part in split_evenly(list(items), self.processes))
        )
        outcomes: list[bytes | ApiError] = []
        for part in parts:
            if isinstance(part, tuple):  # the analysis itself failed, not one input
                raise ApiError(*part)
            outcomes += [ApiError(*o) if isinstance(o, tuple) else o for o in part]
        return outcomes


def split_evenly(items: list[Any], parts: int) -> list[list[Any]]:
    """`items` in order, in at most `parts` runs whose lengths differ by one at most."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    runs, start = [], 0
    for k in range(parts):
        end = start + size + (1 if k < extra else 0)
        runs.append(items[start:end])
        start = end
    return runs


def _stopped() -> ApiError:
    return ApiError(503, "busy", "the server is shutting down")
