"""An import's freshly mapped events checked a column at a time, and their frame built
from columns: what `EventFeature` (pydantic) and `check_feature` would check of one
event, done for a batch at once (numpy, pyarrow.compute) instead of one model per event.

`proven` is a filter, not a second validator: a row it passes is one every per-row check
would pass (tests/test_import_columns.py holds the per-row path as the oracle, on mapped
rows and on hostile variants of them); any row it cannot prove (an unusual shape, a
long text, a hidden control character, a point outside its country) goes through the
per-row checks, which name its problems exactly as before. Only the shape the importers
write is proven here: any other key or type is left to the per-row path.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geo.checks import COUNTRY_BBOX, REGION_BBOX, REGION_COUNTRIES
from geo.model import MAX_SPAN_DAYS, EventType, Status
from geo.text import HIDDEN_PATTERN

FEATURE_KEYS = frozenset({"type", "geometry", "properties"})
POINT_KEYS = frozenset({"type", "coordinates"})
# The properties an importer writes (geo/published/ucdp.py, acled.py, border fields).
IMPORT_KEYS = frozenset(
    {"id", "title", "summary", "event_type", "sub_event_type", "date_start", "date_end",
     "date_precision", "date_text", "date_note", "actors", "fatalities", "injured", "place",
     "country", "geo_precision", "uncertainty", "location_note", "status", "dataset",
     "border_distance_km", "border_side"}
)  # fmt: skip
RECORD_KEYS = frozenset(
    {"dataset", "version", "licence", "file", "row", "row_id", "cites", "codes"}
)
MAX_TEXT = 20_000  # geo.kinds.Text
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"  # geo.kinds.Slug (RE2's $ is the end, as Rust's)
ISO3 = r"^[A-Z]{3}$"
CSV_FILE = r"^[A-Za-z0-9_.-]+\.csv$"  # geo.provenance.DatasetRow.file, ASCII only here
ISO_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
EVENT_TYPES = frozenset(str(t) for t in EventType)
STATUSES = frozenset(str(s) for s in Status if s != Status.PROPOSED)  # proposed: refused
DATASETS = frozenset({"UCDP GED", "ACLED"})
_NUMBER = (int, float)  # a JSON number (bool is neither here: type() is exact)
Column = list[Any]
_EXACT = 1 << 53  # the largest whole number a float holds exactly


def proven(raws: Sequence[Any]) -> np.ndarray:
    """Which raw features every per-row check would pass (a bool per feature); False
    means "not proven here", to be checked one by one."""
    ok = np.fromiter((_shaped(raw) for raw in raws), dtype=bool, count=len(raws))
    at = np.flatnonzero(ok).tolist()
    if at:
        props = [raws[i]["properties"] for i in at]
        coords = [raws[i]["geometry"]["coordinates"] for i in at]
        ok[at] = _finite_pairs(coords)
        ok[at] &= _passing(props, coords)
    return ok


def _finite_pairs(coords: list[list[float]]) -> np.ndarray:
    """Points of two finite numbers (all floats, the common case, checked at once)."""
    if set(map(type, chain.from_iterable(coords))) == {float}:
        return np.isfinite(np.array(coords, dtype=float)).all(axis=1)
    return np.array([all(_finite(c) for c in pair) for pair in coords], dtype=bool)


def _passing(props: list[dict[str, Any]], coords: list[list[float]]) -> np.ndarray:
    """`_columns_pass`; a value Arrow cannot hold (a lone surrogate, say) is looked for
    by halves, and its row left unproven."""
    try:
        return _columns_pass(props, coords)
    except (pa.ArrowException, UnicodeError, OverflowError):
        if len(props) == 1:
            return np.zeros(1, dtype=bool)
        half = len(props) // 2
        first = _passing(props[:half], coords[:half])
        return np.concatenate([first, _passing(props[half:], coords[half:])])


def _shaped(raw: Any) -> bool:
    """A feature of exactly the keys an importer writes, with a Point of two numbers."""
    if type(raw) is not dict or raw.keys() != FEATURE_KEYS or raw["type"] != "Feature":
        return False
    geom, props = raw["geometry"], raw["properties"]
    if type(geom) is not dict or geom.keys() != POINT_KEYS or geom["type"] != "Point":
        return False
    coords = geom["coordinates"]
    if type(coords) is not list or len(coords) != 2 or not all(type(c) in _NUMBER for c in coords):
        return False
    if type(props) is not dict or props.keys() != IMPORT_KEYS:
        return False
    record = props["dataset"]
    return type(record) is dict and record.keys() == RECORD_KEYS


def _columns_pass(props: list[dict[str, Any]], coords: list[list[float]]) -> np.ndarray:
    """Every check, each over a whole column."""
    col: Callable[[str], Column] = lambda key: [p[key] for p in props]  # noqa: E731
    records = [p["dataset"] for p in props]
    checks = [
        _slugs(col("id")),
        *(_texts(col(k)) & _no_hidden(col(k)) for k in ("title", "summary", "place")),
        _among(col("event_type"), EVENT_TYPES),
        _among(col("status"), STATUSES),
        *(_no_hidden(col(k), none=True) for k in ("sub_event_type", "date_note")),
        _dates(props),
        _actors(col("actors")),
        _counts(col("fatalities")) & _counts(col("injured")),
        _places(props),
        _numbers(col("border_distance_km"), 0.0, math.inf, none=True),
        _matching(col("border_side"), ISO3, none=True),
        _records(records),
        _located(props, coords),
    ]
    return np.logical_and.reduce(checks)


def _types(column: Column, kinds: tuple[type, ...]) -> np.ndarray:
    if set(map(type, column)) <= set(kinds):  # the common case, in one C-level pass
        return np.ones(len(column), dtype=bool)
    return np.fromiter((type(v) in kinds for v in column), dtype=bool, count=len(column))


def _strings(column: Column) -> pa.Array:
    """The column as Arrow strings, anything not a string as null."""
    if set(map(type, column)) <= {str, type(None)}:
        return pa.array(column, pa.large_string())
    return pa.array([v if type(v) is str else None for v in column], pa.large_string())


def _found(column: Column, pattern: str) -> np.ndarray:
    """Strings matching the pattern (RE2); anything else does not."""
    found = pc.match_substring_regex(_strings(column), pattern)
    return pc.fill_null(found, False).to_numpy(zero_copy_only=False)


def _kinds(none: bool) -> tuple[type, ...]:
    return (str, type(None)) if none else (str,)


def _texts(column: Column, low: int = 1, high: int = MAX_TEXT) -> np.ndarray:
    """Strings of low..high characters (geo.kinds.Text by default)."""
    lengths = pc.fill_null(pc.utf8_length(_strings(column)), 0).to_numpy()
    return _types(column, (str,)) & (lengths >= low) & (lengths <= high)


def _no_hidden(column: Column, *, none: bool = False) -> np.ndarray:
    """Strings (or None) with no bidi control or suspect invisible (geo.text)."""
    return _types(column, _kinds(none)) & ~_found(column, HIDDEN_PATTERN)


def _matching(column: Column, pattern: str, *, none: bool = False) -> np.ndarray:
    found = _found(column, pattern)
    empty = np.array([v is None for v in column], dtype=bool) & none
    return _types(column, _kinds(none)) & (found | empty)


def _slugs(column: Column) -> np.ndarray:
    return _matching(column, SLUG) & _texts(column, 1, 120)


def _among(column: Column, allowed: frozenset[str]) -> np.ndarray:
    return np.fromiter((type(v) is str and v in allowed for v in column), bool, len(column))


def _numbers(column: Column, low: float, high: float, *, none: bool = False) -> np.ndarray:
    """JSON numbers in low..high, finite (or None when `none`)."""
    kinds = set(map(type, column))
    if kinds == {float} or (kinds == {int} and min(column) >= -_EXACT and max(column) <= _EXACT):
        values = np.array(column, dtype=float)  # exact: floats, or ints a float holds
        return np.isfinite(values) & (values >= low) & (values <= high)
    return np.fromiter(
        (
            (v is None and none) or (type(v) in _NUMBER and _finite(v) and low <= v <= high)
            for v in column
        ),
        dtype=bool,
        count=len(column),
    )


def _finite(value: float) -> bool:
    """A float that is finite, or an int a float holds exactly (a bigger one: unproven)."""
    return math.isfinite(value) if type(value) is float else abs(value) <= _EXACT


def _counts(column: Column) -> np.ndarray:
    """Whole numbers of zero or more (StrictInt: not 2.0, not true), or None."""
    return np.fromiter(
        (v is None or (type(v) is int and v >= 0) for v in column), bool, len(column)
    )


def _dates(props: list[dict[str, Any]]) -> np.ndarray:
    """ISO days, ordered, no wider than their precision allows, with the source's phrase."""
    starts, ends = [p["date_start"] for p in props], [p["date_end"] for p in props]
    ok = _matching(starts, ISO_DAY) & _matching(ends, ISO_DAY)
    first = pd.to_datetime(pd.Series(_strings(starts)), format="%Y-%m-%d", errors="coerce")
    last = pd.to_datetime(pd.Series(_strings(ends)), format="%Y-%m-%d", errors="coerce")
    ok &= (first.notna() & last.notna()).to_numpy()
    precision = [p["date_precision"] for p in props]
    widest = np.array([MAX_SPAN_DAYS.get(v, -1) if type(v) is str else -1 for v in precision])
    days = (last - first).dt.days.fillna(-1).to_numpy()
    ok &= (days >= 0) & (days <= widest)
    texts = [p["date_text"] for p in props]
    return ok & _texts(texts, 1, 1 << 62) & _no_hidden(texts)


def _actors(column: Column) -> np.ndarray:
    """Lists of distinct strings, none holding a hidden control character."""
    shaped = np.fromiter(
        (
            type(a) is list and all(type(n) is str for n in a) and len(set(a)) == len(a)
            for a in column
        ),
        dtype=bool,
        count=len(column),
    )
    joined = ["\n".join(a) if ok else "" for a, ok in zip(column, shaped, strict=True)]
    return shaped & _no_hidden(joined)


def _places(props: list[dict[str, Any]]) -> np.ndarray:
    """Country, precision, note and area as `EventProperties` ties them together."""
    levels = [p["geo_precision"] if type(p["geo_precision"]) is int else 0 for p in props]
    level = np.array(levels, dtype=np.int64)
    vague, countries = level > 1, [p["country"] for p in props]
    ok = (level >= 1) & (level <= 3) & _matching(countries, ISO3, none=True)
    ok &= np.array([c is not None for c in countries]) | (level == 3)  # no country: level 3
    notes = [p["location_note"] for p in props]
    ok &= _no_hidden(notes, none=True) & (~vague | np.array([bool(n) for n in notes]))
    areas = np.fromiter((_area(p["uncertainty"]) for p in props), dtype=np.int8, count=len(props))
    return ok & (areas >= 0) & (~vague | (areas == 1))


def _area(area: Any) -> int:
    """-1: not a circle or a country as `Uncertainty` takes them; 0: none; 1: an area."""
    if area is None:
        return 0
    if type(area) is not dict:
        return -1
    if area.keys() == {"shape", "radius_km"} and area["shape"] == "circle":
        radius = area["radius_km"]
        return 1 if type(radius) in _NUMBER and _finite(radius) and 0 < radius <= 500 else -1
    if area.keys() == {"shape", "iso_a3"} and area["shape"] == "country":
        iso = area["iso_a3"]
        return 1 if type(iso) is str and len(iso) == 3 and iso.isascii() and iso.isupper() else -1
    return -1


def _records(records: list[dict[str, Any]]) -> np.ndarray:
    """`DatasetRow`: which dataset, release, licence, file, row, its id, cites and codes."""
    col: Callable[[str], Column] = lambda key: [r[key] for r in records]  # noqa: E731
    return np.logical_and.reduce(
        [
            _among(col("dataset"), DATASETS),
            _texts(col("version")) & _texts(col("licence")),
            _matching(col("file"), CSV_FILE),
            _numbers(col("row"), 1, math.inf) & _types(col("row"), (int,)),
            _texts(col("row_id"), 1, 64),
            _mappings(col("cites"), _cites),
            _mappings(col("codes"), _codes),
        ]
    )


def _mappings(column: Column, values_pass: Callable[[list[Any]], bool]) -> np.ndarray:
    """Dicts of string keys whose values pass: all at once when the whole column does,
    else one by one."""
    if set(map(type, column)) == {dict}:
        keys = set(map(type, chain.from_iterable(column)))
        if keys <= {str} and values_pass(list(chain.from_iterable(map(dict.values, column)))):
            return np.ones(len(column), dtype=bool)
    return np.fromiter(
        (
            type(d) is dict and all(type(k) is str for k in d) and values_pass(list(d.values()))
            for d in column
        ),
        dtype=bool,
        count=len(column),
    )


def _cites(values: list[Any]) -> bool:
    """What a dataset row cites: strings of at most MAX_TEXT characters."""
    return set(map(type, values)) <= {str} and max(map(len, values), default=0) <= MAX_TEXT


def _codes(values: list[Any]) -> bool:
    """A dataset's own codes: strings, whole numbers or None."""
    return set(map(type, values)) <= {str, int, type(None)}


def _located(props: list[dict[str, Any]], coords: list[list[float]]) -> np.ndarray:
    """Inside the region's box, or the named country's (`_check_location`)."""
    lons = np.array([c[0] if _finite(c[0]) else math.nan for c in coords], dtype=float)
    lats = np.array([c[1] if _finite(c[1]) else math.nan for c in coords], dtype=float)
    boxes = [_box(p["country"]) for p in props]
    known = np.array([box is not None for box in boxes])
    box = np.array([box or (0.0, 0.0, -1.0, -1.0) for box in boxes], dtype=float).reshape(-1, 4)
    inside = (box[:, 0] <= lons) & (lons <= box[:, 2]) & (box[:, 1] <= lats) & (lats <= box[:, 3])
    return known & inside & np.isfinite(lons) & np.isfinite(lats)


def _box(country: Any) -> tuple[float, float, float, float] | None:
    if country in REGION_COUNTRIES:
        return REGION_BBOX
    return COUNTRY_BBOX.get(country) if type(country) is str else None
