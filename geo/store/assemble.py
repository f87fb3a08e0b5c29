"""The Dataset from compiled layers: their frames joined, then what spans layers checked on
the columns (duplicate ids, links, same incidents, areas), reading only the features it needs.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from geo import filters
from geo.checks import check_links
from geo.context import Context
from geo.dataset import TUPLE_COLUMNS, Dataset, LayerInfo, compact, events_frame, with_display
from geo.errors import Problem
from geo.layers import Catalog, cap_problems
from geo.model import EventFeature, ReferenceKind
from geo.search_index import PartedIndex, WordIndex
from geo.store.area_columns import AreaKeeper
from geo.store.compiled import Compiled, to_frame
from geo.store.features import LazyFeatures
from geo.store.matching import same_incidents_frame
from geo.store.reuse import Reuse
from geo.stories import load_stories, stories_dir
from geo.uncertainty import area_geojson
from geo.vocab import load_gazetteer


class ColumnMap(Mapping[str, str]):
    """Event id -> one of its frame's string columns, without a dict of a million keys."""

    def __init__(self, ids: pd.Index, values: np.ndarray):
        self._ids, self._values = ids, values

    def __getitem__(self, key: str) -> str:
        if not isinstance(key, str) or key not in self._ids:
            raise KeyError(key)
        return str(self._values[self._ids.get_loc(key)])

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def assemble(
    ctx: Context,
    layers_dir: Path,
    refs: Catalog,
    compiled: list[Compiled],
    reuse: Reuse | None = None,
    keeper: AreaKeeper | None = None,
) -> Dataset:
    """Join the compiled layers into one Dataset; with `reuse`, what each unchanged layer
    gave the last load is taken from there (and the filters' indexes are joined from the
    layers' own), the rest is read and built as on a first load: the same Dataset. With
    `keeper`, each layer's province, district and basis come as columns, kept or derived."""
    fresh = reuse or Reuse()
    frame, read_problems = _joined(compiled, fresh, keeper)
    by_file = _problems_by_file(refs, compiled, read_problems)
    ids = pd.Index(frame["id"])  # its hash table built once, for every check and lookup
    keep, found = _cross_layer(frame, ids, compiled, by_file)
    offsets = _offsets(frame["_part"].to_numpy(), len(compiled))
    if not keep.all():  # else nothing copied
        frame = frame[keep].reset_index(drop=True)
        ids = pd.Index(frame["id"])
    frame = with_display(compact(frame))
    opened = [c.path if c.source in read_problems else fresh.file(c) for c in compiled]
    features = LazyFeatures(
        ids, opened, frame.pop("_part").to_numpy(), frame.pop("_row").to_numpy()
    )
    # One block per dtype (a copy of the numbers; Arrow's columns are shared): every filter
    # copies the rows it keeps, one take per block, 4x faster than one per column.
    frame = frame.copy()
    counts = frame["layer"].value_counts()
    layers = tuple(LayerInfo(c.name, c.title, int(counts.get(c.name, 0))) for c in compiled)
    told = load_stories(stories_dir(layers_dir), ids)
    if reuse is not None:
        _install_indexes(frame, compiled, read_problems, keep, offsets, reuse)
    return Dataset(
        frame=frame,
        features=features,
        layers=layers,
        problems=(*ctx.problems, *_ordered(by_file, found), *told.problems),
        references=refs.references,
        areas=_areas(frame, features, refs.references, fresh),
        seeds=ctx.seeds,
        manifest=ctx.manifest,
        layer_of=ColumnMap(ids, frame["layer"].to_numpy()),
        places=load_gazetteer(),
        stories=told.stories,
        matches=same_incidents_frame(frame),
    )


def _offsets(parts: np.ndarray, count: int) -> np.ndarray:
    """Where each compiled layer's rows start in the joined frame (and where they end)."""
    return np.searchsorted(parts, np.arange(count + 1), side="left")


def _install_indexes(
    frame: pd.DataFrame,
    compiled: list[Compiled],
    unread: dict[str, list[Problem]],
    keep: np.ndarray,
    offsets: np.ndarray,
    reuse: Reuse,
) -> None:
    """The filters' indexes of the frame, joined from each layer's own (kept by `reuse`):
    a layer's row i is the frame's row `at[i]`, or none (-1) where a check across layers
    left it out."""
    missing = [c for c in compiled if c.source not in unread and not reuse.has_indexes(c)]
    if sum(reuse.table(c).num_rows for c in missing) > filters.BACKGROUND_INDEX_ABOVE:
        reuse.pending = missing  # built after the load (geo/store/replica.py), not in it,
        reuse.join = functools.partial(  # then joined into this frame's, as below
            _install_indexes, frame, compiled, unread, keep, offsets, reuse
        )
        return
    position = np.where(keep, np.cumsum(keep) - 1, -1)
    parts: list[tuple[WordIndex, np.ndarray]] = []
    by_value: dict[str, dict[str, list[np.ndarray]]] = {name: {} for name in TUPLE_COLUMNS}
    for number, c in enumerate(compiled):
        if c.source in unread:
            continue
        made = reuse.part_indexes(c)
        at = position[offsets[number] : offsets[number + 1]]
        parts.append((made.words, at))
        for name, values in made.by_value.items():
            for value, rows in values.items():
                by_value[name].setdefault(value, []).append(at[rows])
    joined = {
        name: {v: found for v, arrays in values.items() if len(found := _kept(arrays))}
        for name, values in by_value.items()
    }
    filters.install_indexes(frame, joined, PartedIndex(tuple(parts), len(frame)))


def _kept(arrays: list[np.ndarray]) -> np.ndarray:
    rows = np.concatenate(arrays)
    return rows[rows >= 0]


def _areas(
    frame: pd.DataFrame,
    features: Mapping[str, EventFeature],
    refs: dict[Any, Any],
    reuse: Reuse,
) -> LazyAreas:
    """The area shapes: the last load's, if they are the same areas over the same
    reference geometry (an area's shape depends on its key and the references only), so
    what the views derived from them stays valid; else new ones."""
    made = LazyAreas(frame, features, refs)
    last = reuse.areas
    if isinstance(last, LazyAreas) and last.same_as(made):
        last.rebind(made)
        return last
    reuse.areas = made
    return made


def _joined(
    compiled: list[Compiled], reuse: Reuse, keeper: AreaKeeper | None = None
) -> tuple[pd.DataFrame, dict[str, list[Problem]]]:
    """Every compiled layer's columns in one frame (joined as Arrow tables, converted once),
    with `_part` and `_row` saying which file and row each event comes from."""
    tables, problems = [], {}
    for part, c in enumerate(compiled):
        try:
            table = reuse.table(c)
        except (OSError, pa.ArrowException, ValueError) as exc:
            message = f"compiled file {c.path.name} unreadable ({type(exc).__name__}); not shown"
            problems[c.source] = [Problem(c.source, None, None, message)]
            continue
        if keeper is not None:
            table = _with_areas(table, c, reuse, keeper)
        rows = table.num_rows
        table = table.append_column("_part", pa.array(np.full(rows, part, dtype=np.int32)))
        tables.append(table.append_column("_row", pa.array(np.arange(rows, dtype=np.int64))))
    if not tables:
        return events_frame([], None).assign(_part=0, _row=0), problems
    joined = pa.concat_tables(tables, promote_options="permissive")
    return to_frame(joined), problems


def _with_areas(table: pa.Table, c: Compiled, reuse: Reuse, keeper: AreaKeeper) -> pa.Table:
    """The layer's columns and its kept areas beside them (a layer whose areas cannot be
    kept goes without: the load then derives every row's, as before)."""
    try:
        areas = reuse.area_columns(c, keeper.rules, lambda: keeper.columns(c, table))
    except (OSError, pa.ArrowException, ValueError):
        return table
    for name in areas.column_names:
        table = table.append_column(name, areas.column(name))
    return table


def _problems_by_file(
    refs: Catalog, compiled: list[Compiled], read: dict[str, list[Problem]]
) -> dict[str, list[Problem]]:
    by_file = {layer.path.name: list(layer.problems) for layer in refs.layers}
    for c in compiled:
        by_file[c.source] = [*c.problems, *read.get(c.source, [])]
    return by_file


def _cross_layer(
    frame: pd.DataFrame,
    ids: pd.Index,
    compiled: list[Compiled],
    by_file: dict[str, list[Problem]],
) -> tuple[np.ndarray, list[Problem]]:
    """Rows to keep after the checks across layers, and what they found (`ids`: the
    frame's ids as an Index)."""
    source = np.array([c.source for c in compiled] or [""])[frame["_part"].to_numpy()]
    unique = ids.is_unique
    duplicate = np.zeros(len(frame), bool) if unique else ids.duplicated(keep="first")
    found: list[Problem] = []
    if duplicate.any():
        again = set(frame["id"][duplicate])
        firsts = ~duplicate & frame["id"].isin(again).to_numpy()
        first = dict(zip(frame["id"][firsts], source[firsts], strict=True))
        found += [
            Problem(file, fid, "id", f"duplicate id; first used in {first[fid]}")
            for fid, file in zip(frame["id"][duplicate], source[duplicate], strict=True)
        ]
    kept = frame if unique else frame[~duplicate]
    found += _link_problems(kept, ids if unique else None, source[~duplicate], compiled, by_file)
    blamed = {p.feature for p in found if p.field != "id"}
    keep = ~duplicate & ~ids.isin(blamed) if blamed else ~duplicate
    return keep, found


def _link_problems(
    kept: pd.DataFrame,
    ids: pd.Index | None,
    source: np.ndarray,
    compiled: list[Compiled],
    by_file: dict[str, list[Problem]],
) -> list[Problem]:
    linked = kept["has_links"].to_numpy()
    if not linked.any():
        return []
    ids = pd.Index(kept["id"]) if ids is None else ids
    lookup = LazyFeatures(
        ids, [c.path for c in compiled], kept["_part"].to_numpy(), kept["_row"].to_numpy()
    )
    located = _Located(
        {fid: (file, lookup[fid]) for fid, file in zip(ids[linked], source[linked], strict=True)},
        lookup,
        ColumnMap(ids, source),
    )
    problem_ids = {p.feature for ps in by_file.values() for p in ps if p.feature}
    rejected = frozenset(i for i in problem_ids if i not in ids)
    return check_links(located, rejected)


class _Located(dict):
    """The linked events, and any other event when a link asks for it."""

    def __init__(self, linked: dict[str, Any], lookup: LazyFeatures, where: ColumnMap):
        super().__init__(linked)
        self._lookup, self._where = lookup, where

    def get(self, key: Any, default: Any = None) -> Any:
        if key in self:
            return self[key]
        if key in self._lookup:
            return (self._where[key], self._lookup[key])
        return default


def _ordered(by_file: dict[str, list[Problem]], found: list[Problem]) -> list[Problem]:
    for p in found:
        by_file.setdefault(p.file, []).append(p)
    return [p for name in sorted(by_file) for p in cap_problems(by_file[name])]


class LazyAreas(Mapping[str, dict[str, Any]]):
    """Area key -> the geometry of that uncertainty area (a border band, a side, a
    country), built from one event that has it the first time it is asked for: most
    starts never draw most areas, and building them costs more than the rest of a start."""

    def __init__(
        self, frame: pd.DataFrame, features: Mapping[str, EventFeature], refs: dict[Any, Any]
    ):
        shaped = frame[frame["area_key"].notna() & (frame["area_shape"] != "circle")]
        firsts = shaped.drop_duplicates("area_key")
        self._first = dict(zip(firsts["area_key"], firsts["id"], strict=True))
        self._features, self._refs = features, refs
        self._built: dict[str, dict[str, Any] | None] = {}

    def same_as(self, other: LazyAreas) -> bool:
        """The same area keys over the same reference geometry (the very same objects)."""
        mine, theirs = self._refs, other._refs
        same_refs = mine.keys() == theirs.keys() and all(mine[k] is theirs[k] for k in mine)
        return same_refs and self._first.keys() == other._first.keys()

    def rebind(self, other: LazyAreas) -> None:
        """Build the shapes not built yet from `other`'s events (this load's files)."""
        self._features, self._first = other._features, other._first

    def _build(self, key: str) -> dict[str, Any] | None:
        if key not in self._built:
            unc = self._features[self._first[key]].properties.uncertainty
            refs = self._refs
            border, boundaries = refs.get(ReferenceKind.BORDER), refs.get(ReferenceKind.BOUNDARIES)
            self._built[key] = area_geojson(unc, border, boundaries) if unc else None
        return self._built[key]

    def __getitem__(self, key: str) -> dict[str, Any]:
        if key not in self._first or (found := self._build(key)) is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._first and self._build(key) is not None

    def __iter__(self) -> Iterator[str]:
        return (key for key in self._first if self._build(key) is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)
