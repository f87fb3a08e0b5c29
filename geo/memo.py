"""Results computed once per loaded object (the shared frame, the Dataset).

The loaded data is shared by every session and never mutated, so what is derived from
it alone (its date extent, its actors, the URL rules) is the same on every rerun. Keyed
by the object's identity, holding the object itself so its id cannot be reused while
the entry lives; a few entries at most. Callers never mutate what these return.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")
MAX_ENTRIES = 4


def per_object(fn: Callable[[Any], R]) -> Callable[[Any], R]:
    """Memoise a one-argument function on the identity of its argument."""
    entries: dict[int, tuple[Any, R]] = {}

    @functools.wraps(fn)
    def wrapper(obj: Any) -> R:
        hit = entries.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        if len(entries) >= MAX_ENTRIES:
            entries.clear()
        result = fn(obj)
        entries[id(obj)] = (obj, result)
        return result

    return wrapper
