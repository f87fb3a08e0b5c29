"""Results computed once per loaded object (the shared frame, the Dataset).

The loaded data is shared by every session and never mutated, so what is derived from
it alone (its date extent, its actors, the URL rules) is the same on every rerun. Keyed
by the object's identity; an entry goes with its object (a weak reference), so its id
cannot be reused while the entry lives; a few entries at most. Callers never mutate what
these return.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import numpy as np
import pandas as pd

R = TypeVar("R")
MAX_ENTRIES = 4


def per_object(fn: Callable[[Any], R], limit: int = MAX_ENTRIES) -> Callable[[Any], R]:
    """Memoise a one-argument function on the identity of its argument.

    An entry lives only as long as its object: it holds a weak reference, and the entry
    goes when the object does (a replaced dataset's derived data is never kept alive by
    this cache). Past `limit` entries, every one is dropped.

    Callers asking at once for the same object share one computation (the others wait):
    at a restart the server's warm-up and the first visitor's page ask for the same
    tables of the new Dataset, and each computed them (twice the CPU, before the map).
    """
    entries: dict[int, tuple[Any, R]] = {}
    flights = _Flights()

    @functools.wraps(fn)
    def wrapper(obj: Any) -> R:
        hit = _found(entries, obj)
        if hit is not None:
            return hit[0]
        with flights.one(obj):  # one computation per object at a time
            hit = _found(entries, obj)
            if hit is not None:
                return hit[0]  # computed by the caller this one waited for
            result = fn(obj)
            _keep(entries, obj, result, limit)
            return result

    def seed(obj: Any, result: R) -> None:
        """Record what `fn(obj)` is, made another way (a new load from the last one's parts)."""
        _keep(entries, obj, result, limit)

    def peek(obj: Any) -> R | None:
        """What `fn(obj)` gave, if it was asked for and is still kept; None otherwise."""
        hit = _found(entries, obj)
        return hit[0] if hit is not None else None

    wrapper.seed = seed  # type: ignore[attr-defined]
    wrapper.peek = peek  # type: ignore[attr-defined]
    wrapper.waiting = flights.waiting  # type: ignore[attr-defined]
    return wrapper


def _found(entries: dict[int, tuple[Any, R]], obj: Any) -> tuple[R] | None:
    """The kept result for `obj` (in a 1-tuple: a result may be None), or None."""
    hit = entries.get(id(obj))
    return (hit[1],) if hit is not None and _target(hit[0]) is obj else None


class _Flights:
    """One lock per object being computed, kept only while someone holds or waits on it
    (an RLock: a function that asks for itself on the same object does not deadlock)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[int, tuple[threading.RLock, int]] = {}  # id -> lock, users

    def waiting(self, obj: Any) -> int:
        """How many callers hold or wait for `obj`'s computation (for tests)."""
        with self._guard:
            return self._locks.get(id(obj), (None, 0))[1]

    @contextlib.contextmanager
    def one(self, obj: Any) -> Iterator[None]:
        key = id(obj)  # `obj` is alive (the caller holds it): its id is its own meanwhile
        with self._guard:
            lock, users = self._locks.get(key, (threading.RLock(), 0))
            self._locks[key] = (lock, users + 1)
        try:
            with lock:
                yield
        finally:
            with self._guard:
                users = self._locks[key][1] - 1
                if users:
                    self._locks[key] = (lock, users)
                else:
                    del self._locks[key]


# Functions of a frame whose row i depends on the frame's row i alone (per_rows).
_ROW_WISE: list[tuple[Callable[[Any], Any], Any]] = []


def per_rows(fn: Callable[[pd.DataFrame], pd.DataFrame]) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """`per_object` for a function whose row i depends on row i of the frame alone (and on
    nothing else that a load changes), giving a frame of object columns on the frame's
    index: a new load's result is carried from the last load's for every event that did
    not change (`carry_rows`), and computed for the others only."""
    memo = per_object(fn)
    _ROW_WISE.append((fn, memo))
    return memo


def carry_rows(old: pd.DataFrame, new: pd.DataFrame, changed: Iterable[str]) -> int:
    """Give `new` (a load after `old`) every row-wise result `old` has, computed again only
    for the events in `changed` and those `old` lacks; how many results were carried."""
    carried = 0
    for fn, memo in _ROW_WISE:
        found = memo.peek(old)
        if found is not None:
            memo.seed(new, _splice(fn, found, old, new, set(changed)))
            carried += 1
    return carried


def _splice(
    fn: Callable[[pd.DataFrame], pd.DataFrame],
    found: pd.DataFrame,
    old: pd.DataFrame,
    new: pd.DataFrame,
    changed: set[str],
) -> pd.DataFrame:
    at = pd.Index(old["id"]).get_indexer(new["id"])
    redo = (at < 0) | new["id"].isin(changed).to_numpy()
    if redo.all():
        return fn(new)
    out = found.iloc[np.where(redo, 0, at)].set_axis(new.index)
    if redo.any():
        fresh = fn(new[redo])
        out = out.copy()
        for column in out.columns:
            values = out[column].to_numpy(dtype=object, copy=True)
            values[redo] = fresh[column].to_numpy(dtype=object)
            out[column] = values
    return out


def _keep(entries: dict[int, tuple[Any, Any]], obj: Any, result: Any, limit: int) -> None:
    key = id(obj)
    if len(entries) >= limit:
        entries.clear()
    try:
        held: Any = weakref.ref(obj, functools.partial(_forget, entries, key))
    except TypeError:
        held = obj
    entries[key] = (held, result)


def _target(held: Any) -> Any:
    return held() if isinstance(held, weakref.ref) else held


def _forget(entries: dict[int, tuple[Any, Any]], key: int, ref: weakref.ref[Any]) -> None:
    hit = entries.get(key)
    if hit is not None and hit[0] is ref:
        del entries[key]
