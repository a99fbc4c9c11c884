"""Doing many independent tasks at once: across processes, with the cycle collector paused.

Partnerships are independent (references never cross a partnership folder), so a national
corpus is loaded and checked one partnership per task on every core; status judges every
year with the collector paused too. Plan data holds no reference cycles, yet the cycle
collector walked the whole growing heap again and again while it was read: pausing it
during a bulk load took a third off validate's time on a 60-partnership corpus. Nothing
here knows about plans: it is the one home for "many tasks, in order, on every core".
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import partial
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

PER_PROCESS = 8
"""Fewer items than this per extra process, and starting processes costs more than it saves."""


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(len(os.sched_getaffinity(0)), 1)
    return os.cpu_count() or 1


def processes_for(items: int, jobs: int | None) -> int:
    """How many processes to use for `items` tasks: `jobs` if given, else what pays."""
    if jobs is not None:
        return max(1, min(jobs, items))
    return max(1, min(available_cores(), items // PER_PROCESS))


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def map_in_order(function: Callable[[T], R], items: list[T], *, jobs: int | None) -> Iterator[R]:
    """function(item) for every item, in order; in worker processes when that pays.

    `function` must be defined at module level (the workers import it by name)."""
    processes = processes_for(len(items), jobs)
    if processes == 1:
        with collector_paused():
            for item in items:
                yield function(item)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, len(items) // (processes * 4)))
    start = partial(_start_worker, os.getpid())
    with ProcessPoolExecutor(processes, initializer=start) as pool, collector_paused():
        yield from pool.map(function, items, chunksize=chunk)


def _start_worker(parent: int) -> None:
    """A worker's first step: the collector paused, and the worker bound to die with its
    parent. Without that, a `kill -9` of cspplan left its workers waiting for work forever,
    holding the terminal's or a CI step's output open (Linux's PR_SET_PDEATHSIG; where
    there is none, the worker lives until its queue closes, as before)."""
    gc.disable()
    if not sys.platform.startswith("linux"):
        return
    with suppress(OSError, AttributeError):
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above: go now
        os._exit(1)


PR_SET_PDEATHSIG = 1
"""From linux/prctl.h: the signal a process gets when its parent dies."""
