"""Results computed once per loaded object (the shared frame, the Dataset).

The loaded data is shared by every session and never mutated, so what is derived from
it alone (its date extent, its actors, the URL rules) is the same on every rerun. Keyed
by the object's identity; an entry goes with its object (a weak reference), so its id
cannot be reused while the entry lives; a few entries at most. Callers never mutate what
these return.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")
MAX_ENTRIES = 4


def per_object(fn: Callable[[Any], R]) -> Callable[[Any], R]:
    """Memoise a one-argument function on the identity of its argument.

    An entry lives only as long as its object: it holds a weak reference, and the entry
    goes when the object does (a replaced dataset's derived data is never kept alive by
    this cache). Objects that take no weak reference are held, a few at most.
    """
    entries: dict[int, tuple[Any, R]] = {}

    @functools.wraps(fn)
    def wrapper(obj: Any) -> R:
        key = id(obj)
        hit = entries.get(key)
        if hit is not None and _target(hit[0]) is obj:
            return hit[1]
        result = fn(obj)
        _keep(entries, obj, result)
        return result

    def seed(obj: Any, result: R) -> None:
        """Record what `fn(obj)` is, made another way (a new load from the last one's parts)."""
        _keep(entries, obj, result)

    wrapper.seed = seed  # type: ignore[attr-defined]
    return wrapper


def _keep(entries: dict[int, tuple[Any, Any]], obj: Any, result: Any) -> None:
    key = id(obj)
    if len(entries) >= MAX_ENTRIES:
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
