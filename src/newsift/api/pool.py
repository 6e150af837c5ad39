"""A pool of analysis processes: one event loop does HTTP, N processes do the CPU-bound work.

Each request goes to whichever process is free (one shared queue), so latency does not depend
on how the kernel happened to spread keep-alive connections over server processes. Every
process builds its own Analyzer once, at start-up.

The event loop talks to each process over its own socket pair with asyncio streams: no helper
threads. (`concurrent.futures.ProcessPoolExecutor` moves every task through two threads of the
server process; that cost 1.8 ms of server CPU per request, measured under load, against 0.4 ms
for all of HTTP and FastAPI.) A message is a pickle behind its 8-byte length.

Nothing but plain data crosses a socket: a request or an already fetched Document goes in; the
report comes back as encoded JSON bytes, or as an error triple (status, code, message).
Exceptions never cross it: ApiError and InputError cannot be rebuilt from their pickled form.

An analysis whose caller gave up (the request's time limit passed) is stopped: CPU-bound code
cannot be interrupted from outside, so its process is killed and another one started. Without
that, a few hostile inputs would keep every process busy and every later request would time out.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import multiprocessing
import os
import pickle
import signal
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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
# Builds a process's Analyzer from the detector names (None: all). It crosses into a spawned
# process, so it must be a picklable top-level callable.
AnalyzerFactory = Callable[[Sequence[str] | None], Any]

START_TIMEOUT_S = 300.0  # loading every detector's models in N processes at once on a busy host
STOP_TIMEOUT_S = 5.0
REAP_TIMEOUT_S = 5.0  # a SIGKILLed process is gone in milliseconds; this only bounds the wait

# -- worker side (runs in the analysis processes) -----------------------------------------------


def _exit_with_parent() -> None:
    """Exit when the server process is gone, even if it was killed and could not stop us."""
    parent = os.getppid()
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def _error_triple(exc: Exception) -> ErrorTriple:
    error = api_error_for(exc)
    return (error.status, error.code, error.message)


def _ingest(item: Item) -> Document:
    return item if isinstance(item, Document) else document_for(item)


def analyze_one(analyzer: Any, item: Item) -> Outcome:
    """Analyse one article; the report as JSON bytes, or why it could not be analysed."""
    try:
        return encode_report(analyzer.analyze_document(_ingest(item)))
    except Exception as exc:
        return _error_triple(exc)


def analyze_many(analyzer: Any, items: Sequence[Item]) -> list[Outcome] | ErrorTriple:
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
            reports = analyzer.analyze_documents([doc for _, doc in docs])
            for (i, _), report in zip(docs, reports, strict=True):
                outcomes[i] = encode_report(report)
    except Exception as exc:
        return _error_triple(exc)
    return [o for o in outcomes if o is not None]


_HEADER = struct.Struct("!Q")  # the length of the pickle that follows


def _frame(obj: Any) -> bytes:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def _recv_exactly(sock: socket.socket, size: int) -> bytes:
    buffer = bytearray(size)
    view = memoryview(buffer)
    while view:
        received = sock.recv_into(view)
        if received == 0:
            raise EOFError("the other process closed the connection")
        view = view[received:]
    return bytes(buffer)


def _recv_message(sock: socket.socket) -> Any:
    (size,) = _HEADER.unpack(_recv_exactly(sock, _HEADER.size))
    return pickle.loads(_recv_exactly(sock, size))


async def _read_message(reader: asyncio.StreamReader) -> Any:
    (size,) = _HEADER.unpack(await reader.readexactly(_HEADER.size))
    return pickle.loads(await reader.readexactly(size))


def default_analyzer(detectors: Sequence[str] | None) -> Any:
    from newsift.analyzer import Analyzer

    return Analyzer(list(detectors) if detectors else None)


def _worker_main(
    sock: socket.socket,
    detectors: Sequence[str] | None,
    warm_up: bool,
    factory: AnalyzerFactory = default_analyzer,
) -> None:
    """An analysis process: load the models, say so, then answer tasks until the server
    closes the connection (or kills the process: see `AnalysisPool._abandon`)."""
    # Ctrl-C reaches the whole process group; the server stops the pool in order instead.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, name="exit-with-parent", daemon=True).start()
    try:
        analyzer = factory(detectors)
        if warm_up:
            analyzer.analyze_document(document_for(AnalyzeRequest(text=WARM_UP_TEXT)))
    except Exception as exc:  # reported to the server, which refuses to start
        with contextlib.suppress(OSError):
            sock.sendall(_frame(("failed", f"{type(exc).__name__}: {exc}")))
        return
    # The models and tables loaded so far live as long as the process: keep the cyclic garbage
    # collector from walking them again and again (0.6 to 0.07 ms of collection per analysis).
    gc.freeze()
    try:
        sock.sendall(_frame(("ready", dict(analyzer.versions))))
        while True:
            kind, payload = _recv_message(sock)
            if kind == "one":
                sock.sendall(_frame(analyze_one(analyzer, payload)))
            else:
                sock.sendall(_frame(analyze_many(analyzer, payload)))
    except (EOFError, OSError):  # the server stopped the pool (closed while we started), or is gone
        return


# -- server side ----------------------------------------------------------------------------------


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


class _SigintIgnored:
    """Start children with SIGINT ignored (kept across exec), so Ctrl-C during their start-up
    cannot print tracebacks; only possible from the main thread, a no-op elsewhere."""

    def __enter__(self) -> None:
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, signal.SIG_IGN)

    def __exit__(self, *_: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


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
    ) -> None:
        if processes < 1:
            raise ValueError("an analysis pool needs at least one process")
        self.processes = processes
        self.detectors = tuple(detectors) if detectors else None
        self.warm_up = warm_up
        self.analyzer_factory = analyzer_factory or default_analyzer
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
            target=_worker_main,
            args=(theirs, self.detectors, self.warm_up, self.analyzer_factory),
            name="newsift-analysis",
            daemon=True,
        )
        try:
            with _SigintIgnored():
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
            await _reaped(process)
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
                    _read_message(worker.reader), START_TIMEOUT_S
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
        await asyncio.to_thread(_join_all, [w.process for w in workers])

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
                worker.writer.write(_frame((task.kind, task.payload)))
                worker.task = task
                break

    async def _listen(self, worker: _Worker) -> None:
        """Read a process's answers until its connection ends."""
        try:
            while True:
                message = await _read_message(worker.reader)
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
            await _reaped(old)
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


def _join_all(processes: list[multiprocessing.process.BaseProcess]) -> None:
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(1.0)
        _release(process)


async def _reaped(process: multiprocessing.process.BaseProcess) -> None:
    """Wait, without blocking the event loop or taking a thread, until `process` has exited
    and been reaped; then free its handle. A process still running after the bound is killed."""
    deadline = time.monotonic() + REAP_TIMEOUT_S
    delay = 0.001
    while process.exitcode is None:  # exitcode polls waitpid(WNOHANG): it reaps when it can
        if time.monotonic() > deadline:
            process.kill()
            deadline = time.monotonic() + REAP_TIMEOUT_S
        await asyncio.sleep(delay)
        delay = min(delay * 2, 0.05)
    _release(process)


def _release(process: multiprocessing.process.BaseProcess) -> None:
    """Close the process object's sentinel fd once it has exited (`Process.close`)."""
    if process.exitcode is not None:  # one still running is left to its parent-exit watchdog
        process.close()


def _stopped() -> ApiError:
    return ApiError(503, "busy", "the server is shutting down")
