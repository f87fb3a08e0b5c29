"""Everything the dashboard shows, loaded once: a columnar frame plus the full features."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from geo.context import Context, load_context
from geo.csvsafe import formula_safe
from geo.errors import Problem
from geo.export import source_languages, source_outlets
from geo.geometry import spread_overlaps
from geo.io import MAX_LAYER_BYTES
from geo.layers import load_catalog
from geo.matches import same_incidents
from geo.memo import per_object
from geo.model import EventFeature, ReferenceKind
from geo.provenance import DatasetRow
from geo.published.rows import coded_area
from geo.search_words import search_parts
from geo.seeds import SeedInfo
from geo.stories import Story, load_stories, stories_dir
from geo.uncertainty import area_geojson
from geo.vocab import Place, load_gazetteer

FRAME_COLUMNS = [
    "id",
    "layer",
    "title",
    "event_type",
    "status",
    "date_start",
    "date_end",
    "date_precision",
    "actors",
    "lon",
    "lat",
    "geo_precision",
    "country",
    "place",
    "fatalities",
    "injured",
    "undated",
    "border_km",
    "border_side",
    "area_shape",
    "area_radius_km",
    "area_key",
    "source_langs",
    "outlets",
    "period_start",
    "period_end",
    "open_start",
    "open_end",
    "search_text",
    "search_names",
    "release",
    "has_links",
    "has_claims",
    "coded_admin1",
    "coded_admin2",
]
# The province and district an imported event's dataset codes it in, as the dataset names
# them (`geo.published.rows.coded_area`; null for curated events): `geo/areas.py`
# matches them to GeoNames' names where the event's point cannot tell its area.
CODED_AREA_COLUMNS = ("coded_admin1", "coded_admin2")
# Columns holding a tuple of strings per event.
TUPLE_COLUMNS = ("actors", "source_langs", "outlets")


@dataclass(frozen=True)
class LayerInfo:
    """A layer as the view lists it."""

    name: str
    title: str
    count: int


@dataclass(frozen=True)
class Changes:
    """What changed since the load before (`base`, that Dataset's key): the rows of the
    events added, removed or changed, as they were and as they are; `whole` when more
    than those rows changed (areas, reference geometry), or too many rows to keep.
    `before` goes one load further back (a few at most). A view that none of these rows
    enters is the same as it was on `base` (`geo/store/changes.py`)."""

    base: str
    rows: pd.DataFrame
    whole: bool = False
    before: Changes | None = None
    rows_known: bool = True  # False: too many changed rows to keep (`rows` is empty)


@dataclass(frozen=True)
class Dataset:
    """Validated events of a layers directory, with what was wrong.

    Shared by every session (cached once per change of the files): never mutate it;
    filtering returns new frames.
    """

    frame: pd.DataFrame
    features: Mapping[str, EventFeature]
    layers: tuple[LayerInfo, ...]
    problems: tuple[Problem, ...]
    references: Mapping[ReferenceKind, dict[str, Any]] = field(default_factory=dict)
    areas: Mapping[str, dict[str, Any]] = field(default_factory=dict)  # area_key -> geometry
    seeds: Mapping[str, str] = field(default_factory=dict)  # file name -> full text
    manifest: Mapping[str, SeedInfo] = field(default_factory=dict)
    layer_of: Mapping[str, str] = field(default_factory=dict)  # event id -> layer name
    places: Mapping[str, Place] = field(default_factory=dict)  # the gazetteer
    stories: Mapping[str, Story] = field(default_factory=dict)  # file stem -> story
    # New for every load: what a cache of things built from this data is keyed by.
    key: str = field(default_factory=lambda: uuid.uuid4().hex)
    # Imported event <-> curated event that may be the same incident (found on load).
    matches: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # What changed since the replica's load before this one (None: a first load).
    changes: Changes | None = None

    def layer_title(self, event_id: str) -> str:
        """Title of the layer an event comes from."""
        name = self.layer_of.get(event_id, "")
        return next((layer.title for layer in self.layers if layer.name == name), name)


@per_object
def _positions(frame: pd.DataFrame) -> pd.Index:
    return pd.Index(frame["id"])


def has_event(data: Dataset, event_id: str) -> bool:
    """Whether the event is loaded (no feature decoded)."""
    return event_id in _positions(data.frame)


def event_title(data: Dataset, event_id: str) -> str:
    """An event's title from the frame (no feature decoded: the picker lists hundreds)."""
    ids = _positions(data.frame)
    found = ids.get_loc(event_id) if event_id in ids else None
    return str(data.frame["title"].iat[found]) if isinstance(found, int) else event_id


def events_frame(located: list[tuple[str, EventFeature]], ctx: Context | None) -> pd.DataFrame:
    """Build the columnar table the filters and the table work on."""
    return with_display(compact(layer_frame(located, ctx)))


# Columns of few distinct values (a layer, a type, a status, a place, an area key): held
# as categoricals, so a filter or a count compares small integer codes, and the shown
# rows' copy on every rerun copies one byte per row, not a string (a million events).
# Categories are sorted: a sort by type, place or layer sorts by the text.
CATEGORY_COLUMNS = (
    "layer", "event_type", "status", "date_precision", "country", "place",
    "border_side", "area_shape", "area_key", "release",
)  # fmt: skip


def distinct_text(column: pd.Series) -> list[str]:
    """The distinct values present in a column, as text, missing ones left out; a
    categorical's read from its codes (no string made per row: `astype(str)` of a
    million-row categorical took 260 ms)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
        counts = np.bincount(codes[codes >= 0], minlength=len(column.cat.categories))
        return [str(column.cat.categories[int(i)]) for i in np.flatnonzero(counts)]
    return [str(value) for value in column.dropna().unique()]


def compact(frame: pd.DataFrame) -> pd.DataFrame:
    """The loaded frame's repetitive text columns as categoricals (see CATEGORY_COLUMNS)."""
    for col in CATEGORY_COLUMNS:
        if col in frame and not isinstance(frame[col].dtype, pd.CategoricalDtype):
            frame[col] = frame[col].astype("category")
    return frame


def with_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Add where each marker is drawn (`disp_lon`, `disp_lat`): shared places fanned out."""
    frame["disp_lon"], frame["disp_lat"] = spread_overlaps(frame["lon"], frame["lat"])
    return frame


def layer_frame(located: list[tuple[str, EventFeature]], ctx: Context | None) -> pd.DataFrame:
    """The frame's columns of some features, typed, without display positions."""
    rows = [_frame_row(layer, feat, ctx) for layer, feat in located]
    return typed_frame(pd.DataFrame(rows, columns=FRAME_COLUMNS))


def typed_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame's columns given their types (dates, counts, flags, categories)."""
    for col in ("date_start", "date_end", "period_start", "period_end"):
        frame[col] = pd.to_datetime(frame[col])
    for col in ("open_start", "open_end"):
        frame[col] = frame[col].astype(bool)
    for col in ("fatalities", "injured"):
        frame[col] = frame[col].astype("Int64")
    frame["undated"] = frame["undated"].astype(bool)
    for col in ("search_names", *CODED_AREA_COLUMNS):
        frame[col] = frame[col].astype("category")
    frame["border_km"] = frame["border_km"].astype(float)
    frame["area_radius_km"] = frame["area_radius_km"].astype(float)
    frame["has_links"] = frame["has_links"].astype(bool)
    frame["has_claims"] = frame["has_claims"].astype(bool)
    return frame


def _frame_row(layer: str, feat: EventFeature, ctx: Context | None) -> dict[str, Any]:
    p = feat.properties
    return {
        "id": p.id,
        "layer": layer,
        "title": p.title,
        "event_type": str(p.event_type),
        "status": str(p.status),
        "date_start": p.date_start,
        "date_end": p.date_end,
        "date_precision": p.date_precision,
        "actors": tuple(p.actors),
        "lon": feat.geometry.coordinates[0],
        "lat": feat.geometry.coordinates[1],
        "geo_precision": p.geo_precision,
        "country": p.country,
        "place": p.place,
        "fatalities": p.fatalities,
        "injured": p.injured,
        "undated": p.date_start is None and p.valid_from is None and p.valid_to is None,
        "border_km": p.border_distance_km,
        "border_side": p.border_side,
        "area_shape": p.uncertainty.shape if p.uncertainty else None,
        "area_radius_km": p.uncertainty.radius_km if p.uncertainty else None,
        "area_key": p.uncertainty.key if p.uncertainty else None,
        **source_columns(feat, ctx),
        **period_columns(feat),
        **dict(zip(("search_text", "search_names"), search_parts(feat, ctx), strict=True)),
        "release": f"{p.dataset.dataset} {p.dataset.version}" if p.dataset else "",
        "has_links": bool(p.related),
        "has_claims": bool(p.claims),
        **dict(zip(CODED_AREA_COLUMNS, _coded_area(p.dataset), strict=True)),
    }


def _coded_area(record: DatasetRow | None) -> tuple[str | None, str | None]:
    return coded_area(record.dataset, record.codes) if record is not None else (None, None)


def source_columns(feat: EventFeature, ctx: Context | None) -> dict[str, tuple[str, ...]]:
    """The languages and outlets (from the manifest) of an event's sources, each once."""
    outlets = source_outlets(feat, ctx.manifest if ctx else {})
    return {"source_langs": tuple(source_languages(feat)), "outlets": tuple(outlets)}


def period_columns(feat: EventFeature) -> dict[str, Any]:
    """The interval the date filter tests: a site's period if it has one, else its dates.

    A period's start is the earliest day its `valid_from` allows and its end the latest
    its `valid_to` allows; a missing end is open (the site is still there, or its start
    is not stated) and overlaps any range on that side.
    """
    p = feat.properties
    if p.valid_from is None and p.valid_to is None:
        return {
            "period_start": p.date_start,
            "period_end": p.date_end,
            "open_start": False,
            "open_end": False,
        }
    return {
        "period_start": p.valid_from.start if p.valid_from else None,
        "period_end": p.valid_to.end if p.valid_to else None,
        "open_start": p.valid_from is None,
        "open_end": p.valid_to is None,
    }


def _same_day(a: pd.Series, b: pd.Series) -> pd.Series:
    return (a == b) | (a.isna() & b.isna())


def period_words(frame: pd.DataFrame) -> pd.Series:
    """A site's period where it is not just the event's dates ("2023-09-01 – open": no
    source says it ended); blank for every other event."""
    start = frame["period_start"].dt.strftime("%Y-%m-%d").fillna("")
    end = frame["period_end"].dt.strftime("%Y-%m-%d").fillna("")
    start = start.where(~frame["open_start"], "open")
    end = end.where(~frame["open_end"], "open")
    own = frame["open_start"] | frame["open_end"]
    own |= ~_same_day(frame["period_start"], frame["date_start"])
    own |= ~_same_day(frame["period_end"], frame["date_end"])
    return (start + " – " + end).where(own, "")


def table_frame(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The frame as the table shows it: dates as YYYY-MM-DD, blank when undated; the
    `period` column (when asked for) in words; every text cell formula-safe, since the
    table's own toolbar downloads it as CSV (`geo/csvsafe.py`)."""
    shown = frame[[c for c in columns if c != "period"]].copy()
    if "period" in columns:
        shown.insert(columns.index("period"), "period", period_words(frame))
    for col in ("date_start", "date_end", "period_start", "period_end"):
        if col in shown:
            shown[col] = shown[col].dt.strftime("%Y-%m-%d").fillna("")
    for col in ("source_langs", "outlets", "actors"):
        if col in shown:
            shown[col] = shown[col].map(", ".join)  # one readable cell, not a Python tuple
    for col in shown.columns:
        if isinstance(shown[col].dtype, pd.CategoricalDtype):  # the page's cells as text
            shown[col] = shown[col].astype(object)
        if shown[col].dtype == object or pd.api.types.is_string_dtype(shown[col]):
            shown[col] = shown[col].map(formula_safe, na_action="ignore")
    return shown


def load_dataset(
    layers_dir: Path,
    seeds_dir: Path,
    data_dir: Path | None = None,
    max_layer_bytes: int = MAX_LAYER_BYTES,
) -> Dataset:
    """Load and validate a layers directory; never raises for bad layer content."""
    if not Path(layers_dir).is_dir():
        problem = Problem(str(layers_dir), None, None, "layers directory not found")
        return Dataset(events_frame([], None), {}, (), (problem,))
    ctx = load_context(seeds_dir, data_dir=data_dir, max_layer_bytes=max_layer_bytes)
    catalog = load_catalog(layers_dir, ctx)
    located = catalog.features
    layers = tuple(
        LayerInfo(layer.name, layer.title, len(layer.features)) for layer in catalog.event_layers
    )
    told = load_stories(stories_dir(layers_dir), {f.properties.id for _, f in located})
    return Dataset(
        stories=told.stories,
        areas=_area_geometries(located, catalog.references),
        seeds=ctx.seeds,
        manifest=ctx.manifest,
        places=load_gazetteer(),  # the towns the map labels: the curated gazetteer
        layer_of={f.properties.id: layer for layer, f in located},
        frame=events_frame(located, ctx),
        features={f.properties.id: f for _, f in located},
        layers=layers,
        problems=(*catalog.problems, *told.problems),
        references=catalog.references,
        matches=same_incidents(f for _, f in located),
    )


def _area_geometries(
    located: list[tuple[str, EventFeature]], refs: Mapping[ReferenceKind, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Geometry of every distinct non-circle uncertainty area, computed once."""
    areas: dict[str, dict[str, Any]] = {}
    for _, feat in located:
        unc = feat.properties.uncertainty
        if unc is None or unc.shape == "circle" or unc.key in areas:
            continue
        geom = area_geojson(unc, refs.get(ReferenceKind.BORDER), refs.get(ReferenceKind.BOUNDARIES))
        if geom is not None:
            areas[unc.key] = geom
    return areas
