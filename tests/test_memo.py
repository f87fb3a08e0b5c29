"""geo/memo.py: one result per object, computed once even when asked for at once."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from geo.memo import per_object


class Thing:
    """Takes weak references, as a frame or a Dataset does."""


def _until(condition: Any, what: str) -> None:
    """Wait (yielding the GIL) until `condition()`; fail after many tries, not a clock."""
    for _ in range(5_000_000):
        if condition():
            return
        threading.Event().wait(0)  # let the other threads run
    pytest.fail(f"never happened: {what}")


def test_callers_asking_at_once_share_one_computation():
    """The server's warm-up and the first visitor's page ask for the same table of the
    same new Dataset at once: the second waits for the first's result."""
    inside, release, calls = threading.Event(), threading.Event(), []

    @per_object
    def table(obj: Thing) -> object:
        calls.append(obj)
        inside.set()
        assert release.wait(timeout=60), "never released"
        return object()

    thing, got = Thing(), []
    first = threading.Thread(target=lambda: got.append(table(thing)))
    first.start()
    assert inside.wait(timeout=60)
    second = threading.Thread(target=lambda: got.append(table(thing)))
    second.start()
    _until(lambda: table.waiting(thing) == 2, "the second caller waits")  # type: ignore[attr-defined]
    release.set()
    first.join(60)
    second.join(60)
    assert len(calls) == 1
    assert len(got) == 2 and got[0] is got[1]
    assert table.waiting(thing) == 0  # type: ignore[attr-defined]  (nothing kept per object)


def test_other_objects_are_not_held_up_by_one_being_computed():
    inside, release = threading.Event(), threading.Event()

    @per_object
    def table(obj: Thing) -> str:
        if getattr(obj, "slow", False):
            inside.set()
            assert release.wait(timeout=60)
        return f"table of {id(obj)}"

    slow, quick = Thing(), Thing()
    slow.slow = True  # type: ignore[attr-defined]
    worker = threading.Thread(target=table, args=(slow,))
    worker.start()
    assert inside.wait(timeout=60)
    assert table(quick) == f"table of {id(quick)}"  # not blocked by the slow one
    release.set()
    worker.join(60)


def test_a_failed_computation_is_not_kept_and_the_next_caller_computes():
    calls = []

    @per_object
    def table(obj: Thing) -> int:
        calls.append(obj)
        if len(calls) == 1:
            raise ValueError("first try fails")
        return len(calls)

    thing = Thing()
    with pytest.raises(ValueError):
        table(thing)
    assert table(thing) == 2 and table(thing) == 2
    assert table.waiting(thing) == 0  # type: ignore[attr-defined]


def test_a_function_asking_for_itself_on_the_same_object_does_not_deadlock():
    @per_object
    def depth(obj: Thing) -> int:
        obj.n = getattr(obj, "n", 0) + 1  # type: ignore[attr-defined]
        return obj.n if obj.n > 2 else depth(obj)  # type: ignore[attr-defined]

    assert depth(Thing()) == 3


def test_a_frames_word_index_outlives_the_small_frames_a_view_filters(monkeypatch):
    """The loaded frame's index is kept while a page filters and indexes other frames
    (the rows a reload changed, one per change): lost, a big frame's index is never
    built again and every search scans."""
    import pandas as pd

    import geo.filters as filters

    monkeypatch.setattr(filters, "SMALL_FRAME", 10)
    loaded = pd.DataFrame({"search_text": [f"event {i} panj" for i in range(3000)]})
    assert filters._word_index(loaded) is not None
    alive = [pd.DataFrame({"search_text": [f"row {i}"] * 50}) for i in range(20)]
    for frame in alive:
        assert filters._word_index(frame) is not None
    assert "index" in (filters._index_slot.peek(loaded) or {})
