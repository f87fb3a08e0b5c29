"""The compiled table of an import's proven events (`geo/store/fresh.py`), built from
their columns straight into Arrow: the same rows, in the same schema, that
`geo.dataset.layer_frame` and `batch_table` make of them once validated one by one
(tests/test_import_columns.py compares the two), without a model or a dict per event."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import shapely

from geo.context import Context
from geo.dataset import CODED_AREA_COLUMNS
from geo.published.rows import coded_areas
from geo.search_words import actor_spellings
from geo.store.stream import FEATURE_COLUMN, FRAME_SCHEMA
from geo.text import fold_for_search

Props = list[dict[str, Any]]


def fresh_table(
    layer: str, raws: Sequence[dict[str, Any]], ctx: Context, texts: list[str] | None = None
) -> pa.Table:
    """Proven raw features as the compiled file's table; `texts` are their JSON when the
    caller has it (else made here)."""
    props = [raw["properties"] for raw in raws]
    lons = np.array([raw["geometry"]["coordinates"][0] for raw in raws], dtype=float)
    lats = np.array([raw["geometry"]["coordinates"][1] for raw in raws], dtype=float)
    columns = {
        **_event_columns(layer, props),
        **_place_columns(props, lons, lats),
        **_provenance_columns(props, ctx),
        FEATURE_COLUMN: texts if texts is not None else features_json(raws),
        "geometry": shapely.to_wkb(shapely.points(lons, lats)),
    }
    arrays = [_array(columns[f.name], f.type) for f in FRAME_SCHEMA]
    return pa.table(arrays, schema=FRAME_SCHEMA)


def _array(values: Any, kind: pa.DataType) -> pa.Array:
    return values if isinstance(values, pa.Array) else pa.array(values, kind)


def _event_columns(layer: str, props: Props) -> dict[str, Any]:
    col: Callable[[str], list[Any]] = lambda key: [p[key] for p in props]  # noqa: E731
    starts, ends = _days(col("date_start")), _days(col("date_end"))
    no = np.zeros(len(props), dtype=bool)
    return {
        "id": col("id"), "layer": [layer] * len(props), "title": col("title"),
        "event_type": col("event_type"), "status": col("status"), "date_start": starts,
        "date_end": ends, "date_precision": col("date_precision"), "actors": col("actors"),
        "fatalities": col("fatalities"), "injured": col("injured"), "undated": no,
        "period_start": starts, "period_end": ends, "open_start": no, "open_end": no,
        "has_links": no, "has_claims": no,
    }  # fmt: skip


def _days(values: list[str]) -> np.ndarray:
    """ISO days (proven: YYYY-MM-DD) as the frame's timestamps, in seconds."""
    return np.array(values, dtype="datetime64[D]").astype("datetime64[s]")


def _place_columns(props: Props, lons: np.ndarray, lats: np.ndarray) -> dict[str, Any]:
    areas = [_area(p["uncertainty"]) for p in props]
    return {
        "lon": lons, "lat": lats, "geo_precision": [p["geo_precision"] for p in props],
        "country": [p["country"] for p in props], "place": [p["place"] for p in props],
        "border_km": [p["border_distance_km"] for p in props],
        "border_side": [p["border_side"] for p in props],
        "area_shape": [a[0] for a in areas], "area_radius_km": [a[1] for a in areas],
        "area_key": [a[2] for a in areas],
    }  # fmt: skip


def _area(area: dict[str, Any] | None) -> tuple[str | None, float | None, str | None]:
    """(shape, radius, key) as `Uncertainty` gives them."""
    if area is None:
        return None, None, None
    radius = area.get("radius_km")
    radius = float(radius) if radius is not None else None
    return area["shape"], radius, f"{area['shape']}:{area.get('iso_a3') or ''}:{radius or 0:g}"


def _provenance_columns(props: Props, ctx: Context) -> dict[str, Any]:
    releases = [f"{p['dataset']['dataset']} {p['dataset']['version']}" for p in props]
    names: dict[tuple[str, ...], str] = {}  # thousands of events share a set of actors
    for p in props:
        actors = tuple(p["actors"])
        if actors not in names:
            names[actors] = " | ".join(actor_spellings(name, ctx) for name in actors)
    return {
        "source_langs": [[]] * len(props),
        "outlets": [[release] for release in releases],
        "release": releases,
        "search_text": [_own_words(p) for p in props],
        "search_names": _categories([names[tuple(p["actors"])] for p in props]),
        **_coded_columns(props),
    }


def _coded_columns(props: Props) -> dict[str, Any]:
    """The province and district each event's dataset codes it in (`coded_area`)."""
    areas = coded_areas([p["dataset"] for p in props])
    return {
        name: pa.array([a[at] for a in areas], pa.string()).dictionary_encode()
        for at, name in enumerate(CODED_AREA_COLUMNS)
    }


def _own_words(props: dict[str, Any]) -> str:
    """`geo.search_words.search_parts`' own words of an imported event (no sources)."""
    record = props["dataset"]
    own = [props["id"], props["title"], props["summary"], props["place"], record["dataset"]]
    return fold_for_search(" | ".join([*own, *record["cites"].values()]))


def _categories(values: list[str]) -> pa.DictionaryArray:
    """As pandas' categorical gives them: the distinct values sorted, int32 codes."""
    distinct = sorted(set(values))
    code = {value: at for at, value in enumerate(distinct)}
    codes = pa.array([code[v] for v in values], pa.int32())
    return pa.DictionaryArray.from_arrays(codes, pa.array(distinct, pa.string()))


def features_json(raws: Sequence[Any]) -> list[str]:
    """Each raw feature's JSON, as the compiled file keeps it."""
    return [json.dumps(raw, ensure_ascii=False) for raw in raws]
