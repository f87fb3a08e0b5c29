"""Features read from the compiled files when asked for, not held as Python objects.

A million events as pydantic objects take gigabytes; the panel needs one at a time. Each
feature's JSON sits in its compiled file's row group; reading one decodes its row group's
JSON column (a few thousand strings), and the last few row groups and features are kept.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from geo.model import EventFeature
from geo.store.stream import FEATURE_COLUMN

_GROUPS_KEPT = 8
_FEATURES_KEPT = 4096


class Part:
    """One compiled file, opened once, read a row group at a time."""

    def __init__(self, path: Path):
        self.file = pq.ParquetFile(path)
        sizes = [self.file.metadata.row_group(i).num_rows for i in range(self.file.num_row_groups)]
        self.starts = np.cumsum([0, *sizes])
        self._lock = threading.Lock()  # a ParquetFile is not safe to read from two threads
        self._group = functools.lru_cache(maxsize=_GROUPS_KEPT)(self._read_group)

    def _read_group(self, group: int) -> pa.Array:
        with self._lock:
            table = self.file.read_row_group(group, columns=[FEATURE_COLUMN])
        return table.column(FEATURE_COLUMN).combine_chunks()

    def json(self, row: int) -> str:
        group = int(np.searchsorted(self.starts, row, side="right")) - 1
        return str(self._group(group)[row - int(self.starts[group])].as_py())


class LazyFeatures(Mapping[str, EventFeature]):
    """Event id -> feature, decoded from the compiled files on first use.

    `ids` are the frame's ids in frame order; `parts` and `rows` say which compiled file and
    row holds each. Iterating yields ids without decoding anything.
    """

    def __init__(
        self, ids: pd.Index, paths: list[Path | Part], parts: np.ndarray, rows: np.ndarray
    ):
        self._ids = ids
        # An open file may be shared with the previous load's features (geo/store/reuse.py).
        self._parts = [p if isinstance(p, Part) else Part(p) for p in paths]
        self._where = (parts, rows)
        self._decode = functools.lru_cache(maxsize=_FEATURES_KEPT)(self._read)

    def _read(self, position: int) -> EventFeature:
        parts, rows = self._where
        text = self._parts[int(parts[position])].json(int(rows[position]))
        return EventFeature.model_validate_json(text)

    def __getitem__(self, event_id: str) -> EventFeature:
        if not isinstance(event_id, str) or event_id not in self._ids:
            raise KeyError(event_id)
        position = self._ids.get_loc(event_id)
        if not isinstance(position, int):
            raise KeyError(event_id)  # ids are unique once assembled; never a slice
        return self._decode(position)

    def __contains__(self, event_id: object) -> bool:
        return isinstance(event_id, str) and event_id in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def subset(self, ids: list[str]) -> dict[str, EventFeature]:
        """Some features decoded at once, by id (unknown ids left out)."""
        return {i: self[i] for i in ids if i in self}
