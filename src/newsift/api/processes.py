"""Starting and reaping the analysis processes: Ctrl-C kept from children while they start,
and every process that ended waited for and its handle freed, without blocking the event loop."""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
import threading
import time

STOP_TIMEOUT_S = 5.0
REAP_TIMEOUT_S = 5.0  # a SIGKILLed process is gone in milliseconds; this only bounds the wait


class SigintIgnored:
    """Start children with SIGINT ignored (kept across exec), so Ctrl-C during their start-up
    cannot print tracebacks; only possible from the main thread, a no-op elsewhere."""

    def __enter__(self) -> None:
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, signal.SIG_IGN)

    def __exit__(self, *_: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)


def join_all(processes: list[multiprocessing.process.BaseProcess]) -> None:
    """Wait up to STOP_TIMEOUT_S in all for `processes` to exit, kill the stragglers, and free
    every handle (blocking: the pool runs it in a thread)."""
    deadline = time.monotonic() + STOP_TIMEOUT_S
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(1.0)
        _release(process)


async def reaped(process: multiprocessing.process.BaseProcess) -> None:
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
