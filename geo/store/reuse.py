"""What one load of the store keeps for the next, so a new revision rebuilds only what changed.

A compiled layer file never changes under its name and SHA-256 (a new write is a new file),
so everything read or derived from one layer alone is kept by that key: its columns (an
Arrow table), its open file for the panel's features, and its part of the filters'
indexes (the rows holding each actor, language and outlet; the search words). A reference
layer (border, boundaries) is kept by its file's SHA-256, so its geometry stays the same
object and what the views derived from it (simplified outlines, area shapes) stays valid.
What spans layers (the joined frame, duplicate ids, links, fanned markers, same incidents)
is computed again on every load, on columns.

Only what the newest load used is kept: a layer replaced or removed is forgotten.
A `Reuse` is used by one load at a time (`geo/store/replica.py` serialises them); a fresh
one gives a full load, and both give the same Dataset (`tests/test_reload.py`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa

from geo.dataset import TUPLE_COLUMNS
from geo.errors import Problem
from geo.layers import Layer
from geo.search_index import WordIndex, build_index
from geo.store.compiled import Compiled, read_columns, tuple_values
from geo.store.features import Part
from geo.tuples import rows_by_value

PartKey = tuple[str, str]  # (compiled file name, its SHA-256)
V = TypeVar("V")
# A layer's columns are kept between loads only below this many rows. The frame holds
# them already: a second copy of a big layer costs more than reading it again (at
# 1,000,000 events 590 MB kept, against 2 s to read it when another layer changes).
KEEP_TABLE_ROWS = 50_000


def part_key(c: Compiled) -> PartKey:
    """What a compiled layer is known by: its file and that file's hash."""
    return (str(c.path), c.inputs.get("compiled", ""))


@dataclass(frozen=True)
class PartIndexes:
    """One layer's share of the filters' indexes, by its own row numbers."""

    by_value: dict[str, dict[str, np.ndarray]]  # tuple column -> value -> rows
    words: WordIndex


def part_indexes(table: pa.Table) -> PartIndexes:
    """The filters' indexes of one layer's columns (as `geo.filters` builds them)."""
    by_value = {name: rows_by_value(tuple_values(table.column(name))) for name in TUPLE_COLUMNS}
    texts = pd.Series(table.column("search_text").to_pylist(), dtype=object)
    return PartIndexes(by_value, build_index(texts))


@dataclass
class Reuse:
    """The caches of one replica's loads (see the module's docstring)."""

    tables: dict[PartKey, pa.Table] = field(default_factory=dict)
    # Layers read before whose big tables were let go (see KEEP_TABLE_ROWS): read again
    # when needed, but not new (not "fresh").
    read_before: set[PartKey] = field(default_factory=set)
    keep_table_rows: int = KEEP_TABLE_ROWS
    files: dict[PartKey, Part] = field(default_factory=dict)
    indexes: dict[PartKey, PartIndexes] = field(default_factory=dict)
    # Each layer's kept province, district and basis (geo/store/area_columns.py), by the
    # compiled file and the rules they were derived by.
    kept_areas: dict[tuple[str, str, str], pa.Table] = field(default_factory=dict)
    references: dict[tuple[str, str], Layer] = field(default_factory=dict)
    areas: Any = None  # the last load's area shapes (geo/store/assemble.py LazyAreas)
    used: set[Any] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)  # what was built, not reused
    fresh: set[str] = field(default_factory=set)  # layers this load read anew (by name)
    # Layers whose filter indexes the load did not build (a big first load: the page
    # comes first); built after it, so the next load joins them.
    pending: list[Compiled] = field(default_factory=list)
    # Joins the pending layers' indexes into the frame's, once they are built: the frame
    # gets its word index from its layers' (one build of 100,000 events' words at a start,
    # not a second one of the frame's own beside them).
    join: Callable[[], None] | None = None
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def _get(self, cache: dict[Any, V], key: Any, make: Callable[[], V], what: str) -> V:
        self.used.add((id(cache), key))
        if key not in cache:
            cache[key] = make()
            self.counts[what] = self.counts.get(what, 0) + 1
        return cache[key]

    def table(self, c: Compiled) -> pa.Table:
        key = part_key(c)
        self.used.add((id(self.read_before), key))
        if key not in self.tables and key not in self.read_before:
            self.fresh.add(c.name)
        self.read_before.add(key)
        return self._get(self.tables, key, lambda: read_columns(c.path), "tables")

    def _let_big_tables_go(self, *, keep: Collection[PartKey] = ()) -> None:
        """Forget the big layers' tables (their indexes are built; `keep`: still to build)."""
        for key in [k for k, t in self.tables.items() if t.num_rows > self.keep_table_rows]:
            if key not in keep:
                del self.tables[key]

    def file(self, c: Compiled) -> Part:
        return self._get(self.files, part_key(c), lambda: Part(c.path), "files")

    def part_indexes(self, c: Compiled) -> PartIndexes:
        return self._get(self.indexes, part_key(c), lambda: part_indexes(self.table(c)), "indexes")

    def area_columns(self, c: Compiled, rules: str, make: Callable[[], pa.Table]) -> pa.Table:
        return self._get(self.kept_areas, (*part_key(c), rules), make, "areas")

    def has_indexes(self, c: Compiled) -> bool:
        return part_key(c) in self.indexes

    def build_pending(self) -> None:
        """Build the indexes the last load left for later (kept for the next load)."""
        pending, self.pending = self.pending, []
        join, self.join = self.join, None
        current = [c for c in pending if part_key(c) in self.tables]  # of the newest load
        for c in current:
            self.indexes.setdefault(part_key(c), part_indexes(self.tables[part_key(c)]))
        if join is not None and len(current) == len(pending):
            join()
        self._let_big_tables_go(keep={part_key(c) for c in self.pending})

    def reference(self, path: Path, sha: str) -> Layer | None:
        """A reference layer as the last load parsed these bytes, or None (a copy: the
        catalog adds to its problems; its geometry is the same object every time)."""
        layer = self.references.get((path.name, sha))
        if layer is None:
            return None
        self.used.add((id(self.references), (path.name, sha)))
        return replace(layer, problems=list[Problem](layer.problems))

    def keep_reference(self, path: Path, sha: str, layer: Layer) -> Layer:
        """Keep a reference layer just parsed from these bytes; a copy to use."""
        self.counts["references"] = self.counts.get("references", 0) + 1
        self.references[(path.name, sha)] = replace(layer, problems=list(layer.problems))
        return self.reference(path, sha) or layer

    def begin(self) -> None:
        """A load starts: nothing is marked used or read yet."""
        self.used, self.fresh, self.pending, self.join = set(), set(), [], None

    def end(self) -> None:
        """A load ended: forget what it did not use (replaced or removed layers)."""
        caches: tuple[dict[Any, Any], ...] = (self.tables, self.files, self.indexes)
        for cache in (*caches, self.kept_areas, self.references):
            for key in [k for k in cache if (id(cache), k) not in self.used]:
                del cache[key]
        self.read_before = {k for k in self.read_before if (id(self.read_before), k) in self.used}
        self._let_big_tables_go(keep={part_key(c) for c in self.pending})
