"""Memory a big load or index build freed, given back to the system.

Building a million events' frame or word index allocates gigabytes for a moment. Freed,
they stay with the process: glibc keeps freed heap pages for reuse, and so does Arrow's
allocator. Measured at 1,000,000 events, a word index of 157 MB left the process 1 GB
larger than before its build; given back, 0.1 GB (`bench/rerun_profile.py`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

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
