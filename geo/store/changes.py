"""What changed from one load to the next, so a page whose view none of it enters keeps
what it built from the load before (`Dataset.changes`).

The changed events are those of the layers the load read anew (an accept, an undo, a
layer added or removed) and any event that entered or left the frame (a check across
layers keeps or drops it). Every other event's own columns are the same as before: they
come from the same compiled file. What spans events (area shapes, reference geometry) is
compared by identity: the load keeps them when they are the same (`geo/store/reuse.py`).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from geo.dataset import Changes, Dataset
from geo.filters import Filters, filter_mask
from geo.memo import carry_rows

MAX_ROWS = 5_000  # more changed rows than this: the whole view is taken as changed
MAX_CHAIN = 8  # loads back that a view may be kept over


def with_changes(old: Dataset | None, new: Dataset, read: set[str]) -> Dataset:
    """`new`, knowing what changed since `old` (the layers in `read` were read anew)."""
    if old is None:
        return new
    layers = read | ({x.name for x in old.layers} ^ {x.name for x in new.layers})
    moved = pd.Index(old.frame["id"]).symmetric_difference(pd.Index(new.frame["id"]))
    rows = [_rows(d.frame, layers, moved) for d in (old, new)]
    whole = new.areas is not old.areas or not _same_refs(old, new)
    changed, known = pd.concat(rows, ignore_index=True), True
    if len(changed) > MAX_ROWS:
        whole, changed, known = True, old.frame.iloc[:0], False
    else:  # the row-wise results of the last load (provinces, districts) carried over
        carry_rows(old.frame, new.frame, set(changed["id"]))
    before = _trim(old.changes, MAX_CHAIN - 1)
    return replace(new, changes=Changes(old.key, changed, whole, before, known))


def _rows(frame: pd.DataFrame, layers: set[str], moved: pd.Index) -> pd.DataFrame:
    mask = frame["layer"].isin(layers).to_numpy() | frame["id"].isin(moved).to_numpy()
    return frame[mask]


def _same_refs(old: Dataset, new: Dataset) -> bool:
    a, b = old.references, new.references
    return a.keys() == b.keys() and all(a[k] is b[k] for k in a)


def _trim(changes: Changes | None, depth: int) -> Changes | None:
    if changes is None or depth <= 0:
        return None
    return replace(changes, before=_trim(changes.before, depth - 1))


def view_key(data: Dataset, f: Filters) -> str:
    """The key of the oldest load this view is the same on: back over every load whose
    changed events the filters keep out (so a page filtered to one actor keeps its
    timeline when an event of another is accepted)."""
    key, changes = data.key, data.changes
    while changes is not None and not changes.whole and not _enters(changes.rows, f):
        key, changes = changes.base, changes.before
    return key


def _enters(rows: pd.DataFrame, f: Filters) -> bool:
    return bool(len(rows)) and bool(np.any(filter_mask(rows, f)))
