"""A time budget for one ingest: no single article holds the server.

`propose` runs inside `time_budget(seconds)`; each stage, and each sentence, calls `check()`,
which raises `TooLong` once the budget is spent. The work then stops by itself, whether or
not anyone still waits for it (a page closed mid-ingest costs at most the budget).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# (deadline on the monotonic clock, the budget in seconds), or None: no budget.
_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("ingest_deadline", default=None)


class TooLong(Exception):
    """The ingest ran past its time budget; nothing was proposed."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(
            f"reading the article took longer than {seconds:g} s and was stopped; "
            "paste a shorter part of it (the report itself, without the page around it)"
        )


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the block with a deadline `seconds` from now (None: no deadline)."""
    token = _DEADLINE.set(None if seconds is None else (time.monotonic() + seconds, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check() -> None:
    """Raise TooLong when the running ingest is past its deadline."""
    budget = _DEADLINE.get()
    if budget is not None and time.monotonic() > budget[0]:
        raise TooLong(budget[1])
