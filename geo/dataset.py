"""Everything the dashboard shows, loaded once: a columnar frame plus the full features."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from geo._validate import Problem
from geo.geometry import spread_overlaps
from geo.layers import default_context, load_catalog
from geo.model import EventFeature
from geo.seeds import SEEDS_DIR, SeedInfo, read_manifest
from geo.text import normalize_for_match
from geo.uncertainty import area_geojson
from geo.vocab import actors, gazetteer

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
    "search_text",
]


@dataclass(frozen=True)
class LayerInfo:
    """A layer as the view lists it."""

    name: str
    title: str
    count: int


@dataclass
class Dataset:
    """Validated events of a layers directory, with what was wrong."""

    frame: pd.DataFrame
    features: dict[str, EventFeature]
    layers: list[LayerInfo]
    problems: list[Problem]
    references: dict[str, dict[str, Any]] = field(default_factory=dict)
    areas: dict[str, dict[str, Any]] = field(default_factory=dict)  # area_key -> geometry
    seeds: dict[str, str] = field(default_factory=dict)  # file name -> full text
    manifest: dict[str, SeedInfo] = field(default_factory=dict)
    layer_of: dict[str, str] = field(default_factory=dict)  # event id -> layer name

    def layer_title(self, event_id: str) -> str:
        """Title of the layer an event comes from."""
        name = self.layer_of.get(event_id, "")
        return next((layer.title for layer in self.layers if layer.name == name), name)


def fingerprint(*dirs: Path) -> tuple:
    """Return (name, size, mtime) of every file in dirs: changes when any file does."""
    entries = []
    for directory in dirs:
        for path in sorted(Path(directory).glob("*")):
            if path.is_file():
                stat = path.stat()
                entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


def events_frame(located: list[tuple[str, EventFeature]]) -> pd.DataFrame:
    """Build the columnar table the filters and the table work on."""
    rows = []
    for layer, feat in located:
        p = feat.properties
        rows.append(
            {
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
                "undated": p.date_start is None,
                "border_km": p.border_distance_km,
                "border_side": p.border_side,
                "area_shape": p.uncertainty.shape if p.uncertainty else None,
                "area_radius_km": p.uncertainty.radius_km if p.uncertainty else None,
                "area_key": p.uncertainty.key if p.uncertainty else None,
                "search_text": search_text(feat),
            }
        )
    frame = pd.DataFrame(rows, columns=FRAME_COLUMNS)
    for col in ("date_start", "date_end"):
        frame[col] = pd.to_datetime(frame[col])
    for col in ("fatalities", "injured"):
        frame[col] = frame[col].astype("Int64")
    frame["undated"] = frame["undated"].astype(bool)
    frame["border_km"] = frame["border_km"].astype(float)
    frame["area_radius_km"] = frame["area_radius_km"].astype(float)
    frame["disp_lon"], frame["disp_lat"] = spread_overlaps(frame["lon"], frame["lat"])
    return frame


def search_text(feat: EventFeature) -> str:
    """Everything a search should find the event by, folded for matching.

    Titles, summary, place and its names in every language, actors and their aliases,
    and each excerpt and translation: a search in Persian, Arabic, Russian or English
    finds the event whichever letter forms or digits it is typed with.
    """
    p = feat.properties
    parts = [p.id, p.title, p.summary, p.place, *p.disagreements]
    place = gazetteer().get(p.place_id or "")
    if place:
        parts += place.names.values()
    for name in p.actors:
        parts.append(name)
        actor = actors().get(name)
        if actor:
            parts += [alias for aliases in actor.aliases.values() for alias in aliases]
    parts += [s.excerpt for s in p.sources] + [s.translation for s in p.sources]
    return normalize_for_match(" | ".join(parts))


def table_frame(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The frame as the table shows it: dates as YYYY-MM-DD, blank when undated."""
    shown = frame[columns].copy()
    for col in ("date_start", "date_end"):
        if col in shown:
            shown[col] = shown[col].dt.strftime("%Y-%m-%d").fillna("")
    return shown


def load_dataset(layers_dir: Path, seeds_dir: Path = SEEDS_DIR) -> Dataset:
    """Load and validate a layers directory; never raises for bad layer content."""
    if not Path(layers_dir).is_dir():
        problem = Problem(str(layers_dir), None, None, "layers directory not found")
        return Dataset(events_frame([]), {}, [], [problem])
    ctx = default_context(seeds_dir)
    catalog = load_catalog(layers_dir, ctx)
    located = catalog.features
    layers = [
        LayerInfo(layer.name, layer.title, len(layer.features)) for layer in catalog.event_layers
    ]
    references = {layer.name: layer.reference for layer in catalog.layers if layer.reference}
    return Dataset(
        areas=_area_geometries(located, references),
        seeds=ctx.seeds,
        manifest=_manifest_or_empty(seeds_dir),
        layer_of={f.properties.id: layer for layer, f in located},
        frame=events_frame(located),
        features={f.properties.id: f for _, f in located},
        layers=layers,
        problems=catalog.problems,
        references=references,
    )


def _area_geometries(
    located: list[tuple[str, EventFeature]], references: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Geometry of every distinct non-circle uncertainty area, computed once."""
    by_kind = {ref.get("atlas:reference"): ref for ref in references.values()}
    areas = {}
    for _, feat in located:
        unc = feat.properties.uncertainty
        if unc is None or unc.shape == "circle" or unc.key in areas:
            continue
        geom = area_geojson(unc, by_kind.get("border"), by_kind.get("boundaries"))
        if geom is not None:
            areas[unc.key] = geom
    return areas


def _manifest_or_empty(seeds_dir: Path) -> dict[str, SeedInfo]:
    try:
        return read_manifest(seeds_dir)
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # no or broken manifest: sources show as 'outlet not stated'


def layers_dir_from_env(default: Path) -> Path:
    """Return ATLAS_LAYERS_DIR if set, else the default layers directory."""
    value = os.environ.get("ATLAS_LAYERS_DIR", "").strip()
    return Path(value) if value else default


def seeds_dir_from_env(default: Path = SEEDS_DIR) -> Path:
    """Return ATLAS_SEEDS_DIR if set, else the shipped seeds directory."""
    value = os.environ.get("ATLAS_SEEDS_DIR", "").strip()
    return Path(value) if value else default
