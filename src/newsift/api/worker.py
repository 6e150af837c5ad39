"""The analysis processes' side of the pool: build the Analyzer once, then answer tasks.

Each process ingests a request (or takes an already fetched Document), analyses it and sends
back the report as encoded JSON bytes, or an error triple (status, code, message): exceptions
never cross the socket, as ApiError and InputError cannot be rebuilt from their pickled form.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsift.api.errors import api_error_for
from newsift.api.schemas import AnalyzeRequest
from newsift.api.service import WARM_UP_TEXT, analysed_body, document_for
from newsift.api.wire import frame, recv_message
from newsift.document import Document

Item = AnalyzeRequest | Document  # a text/html request (ingested in the worker) or a fetched URL
ErrorTriple = tuple[int, str, str]  # (HTTP status, error code, message)
Outcome = bytes | ErrorTriple
# Builds a process's Analyzer from the detector names (None: all). It crosses into a spawned
# process, so it must be a picklable top-level callable.
AnalyzerFactory = Callable[[Sequence[str] | None], Any]


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


def analyze_one(analyzer: Any, item: Item, corpus: Path | None = None) -> Outcome:
    """Analyse one article; the report as JSON bytes (with its coverage in `corpus` when
    given), or why it could not be analysed."""
    try:
        doc = _ingest(item)
        return analysed_body(analyzer.analyze_document(doc), doc, corpus)
    except Exception as exc:
        return _error_triple(exc)


def analyze_many(
    analyzer: Any, items: Sequence[Item], corpus: Path | None = None
) -> list[Outcome] | ErrorTriple:
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
            for (i, doc), report in zip(docs, reports, strict=True):
                outcomes[i] = analysed_body(report, doc, corpus)
    except Exception as exc:
        return _error_triple(exc)
    return [o for o in outcomes if o is not None]


def default_analyzer(detectors: Sequence[str] | None) -> Any:
    from newsift.analyzer import Analyzer

    return Analyzer(list(detectors) if detectors else None)


def worker_main(
    sock: socket.socket,
    detectors: Sequence[str] | None,
    warm_up: bool,
    factory: AnalyzerFactory = default_analyzer,
    corpus: Path | None = None,
) -> None:
    """An analysis process: load the models, say so, then answer tasks until the server
    closes the connection (or kills the process: see `AnalysisPool._abandon`). With `corpus`,
    every report carries its coverage there (`newsift serve --corpus`)."""
    # Ctrl-C reaches the whole process group; the server stops the pool in order instead.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, name="exit-with-parent", daemon=True).start()
    try:
        analyzer = factory(detectors)
        if warm_up:  # with a corpus, its coverage too (loads the stance model)
            doc = document_for(AnalyzeRequest(text=WARM_UP_TEXT))
            analysed_body(analyzer.analyze_document(doc), doc, corpus)
    except Exception as exc:  # reported to the server, which refuses to start
        with contextlib.suppress(OSError):
            sock.sendall(frame(("failed", f"{type(exc).__name__}: {exc}")))
        return
    # The models and tables loaded so far live as long as the process: keep the cyclic garbage
    # collector from walking them again and again (0.6 to 0.07 ms of collection per analysis).
    gc.freeze()
    try:
        sock.sendall(frame(("ready", dict(analyzer.versions))))
        while True:
            kind, payload = recv_message(sock)
            if kind == "one":
                sock.sendall(frame(analyze_one(analyzer, payload, corpus)))
            else:
                sock.sendall(frame(analyze_many(analyzer, payload, corpus)))
    except (EOFError, OSError):  # the server stopped the pool (closed while we started), or is gone
        return
