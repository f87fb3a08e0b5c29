"""Memory a big load or index build freed, given back to the system; and the CPU such a
build in the background leaves to the pages being drawn.

Building a million events' frame or word index allocates gigabytes for a moment. Freed,
they stay with the process: glibc keeps freed heap pages for reuse, and so does Arrow's
allocator. Measured at 1,000,000 events, a word index of 157 MB left the process 1 GB
larger than before its build; given back, 0.1 GB (`bench/rerun_profile.py`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import threading

import pyarrow as pa


@functools.cache
def _trim() -> object | None:
    """glibc's `malloc_trim`, or None on a system without it."""
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None


def give_back() -> None:
    """Return freed memory to the system (Arrow's pool, then the C heap's free pages)."""
    pa.default_memory_pool().release_unused()
    trim = _trim()
    if trim is not None:
        trim(0)  # type: ignore[operator]


BACKGROUND_NICE = 10


def in_background() -> None:
    """Lower the calling thread's CPU priority (Linux: each thread has its own nice value),
    for a build no page waits on (the search indexes after a start): on two cores it took
    one from the first map's drawing. Nothing where the system will not (it never raises)."""
    try:
        me = threading.get_native_id()
        os.setpriority(
            os.PRIO_PROCESS, me, max(os.getpriority(os.PRIO_PROCESS, me), BACKGROUND_NICE)
        )
    except (AttributeError, OSError):
        return
