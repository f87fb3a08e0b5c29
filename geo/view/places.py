"""Events near a place: within N km of a town or district of the gazetteer (any spelling
it knows), and the events placed only in areas that include the place, apart.

An event placed only in a border band, on one side or in a country stands on the map at a
stand-in point: its point says nothing of where it happened, so it is never counted as
within N km of anything. It lies *in an area that includes the place* when that area (its
band, side or country, or its circle of uncertainty reaching within N km) does; those
events are counted apart and shown only when asked for. Distances with numpy over the
frame's lon/lat; each area is tested once per place; the masks are kept for the last few
places asked for (a rerun near the same place, whatever else changed, reads them).
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from shapely.geometry import Point, shape

from geo.areas import haversine_km
from geo.dataset import distinct_text
from geo.text import fold_for_search
from geo.vocab import Place, load_places

STAND_IN = ("border", "border-side", "country")  # the point is not where it happened
DEFAULT_KM = 30


@dataclass(frozen=True)
class Near:
    """What the page asked for: a place (gazetteer id), a radius, and whether events
    placed only in areas that include the place are shown too."""

    place_id: str
    km: float = DEFAULT_KM
    with_areas: bool = False


def spellings(place: Place) -> list[str]:
    """Every name and alias of the place, each once, English first."""
    names = [*place.names.values(), *(a for v in (place.aliases or {}).values() for a in v)]
    return list(dict.fromkeys(n for n in names if n))


def place_label(place: Place) -> str:
    """'Farkhor — town, Khatlon — Фархор · فرخور': the picker matches any spelling typed."""
    names = spellings(place)
    where = ", ".join(x for x in (place.kind, place.admin1 or place.country) if x)
    others = " · ".join(names[1:6])
    return f"{names[0]} — {where}" + (f" — {others}" if others else "")


@functools.cache
def place_options() -> dict[str, str]:
    """Place id -> label, for every place of the gazetteer and the GeoNames extract,
    sorted by their English names (built once; callers never change it)."""
    places = load_places()
    ordered = sorted(places.values(), key=lambda p: (fold_for_search(spellings(p)[0]), p.id))
    return {p.id: place_label(p) for p in ordered}


@functools.cache
def _folded_names() -> dict[str, tuple[str, ...]]:
    return {pid: tuple(map(fold_for_search, spellings(p))) for pid, p in load_places().items()}


def places_named(query: str, limit: int = 3) -> list[str]:
    """Ids of places one of whose names is the query or starts with it (folded: any
    script, letter forms, case), curated gazetteer places first; [] for short queries."""
    folded = fold_for_search(query).strip()
    if len(folded) < 3:
        return []
    hits = [
        pid
        for pid, names in _folded_names().items()
        if any(name == folded or name.startswith(folded + " ") for name in names)
    ]
    return sorted(hits, key=lambda pid: pid.startswith("gn-"))[:limit]


def _contains(geometry: Mapping[str, Any], lon: float, lat: float) -> bool:
    return bool(shape(dict(geometry)).covers(Point(lon, lat)))


def _near_masks(
    frame: pd.DataFrame, near: Near, areas: Mapping[str, Mapping[str, Any]]
) -> tuple[np.ndarray, np.ndarray]:
    place = load_places()[near.place_id]
    km = haversine_km(
        frame["lat"].to_numpy(dtype=float),
        frame["lon"].to_numpy(dtype=float),
        np.full(len(frame), place.lat),
        np.full(len(frame), place.lon),
    )
    shapes = frame["area_shape"]  # a categorical: compared on its codes
    stand_in = shapes.isin(STAND_IN).to_numpy(dtype=bool)
    inside = ~stand_in & (km <= near.km)
    radius = frame["area_radius_km"].to_numpy(dtype=float, na_value=np.nan)
    reach = shapes.eq("circle").to_numpy(dtype=bool) & (km - np.nan_to_num(radius) <= near.km)
    holding = [
        key
        for key in distinct_text(frame["area_key"][stand_in])
        if key in areas and _contains(areas[key], place.lon, place.lat)
    ]
    in_area = stand_in & frame["area_key"].isin(holding).to_numpy(dtype=bool)
    return inside, (reach | in_area) & ~inside


# (frame's id, place, km) -> (the frame, weakly; the areas; the two masks): every rerun
# near one place asks again, two or three times a run; a few places kept.
_Kept = tuple[weakref.ref[pd.DataFrame], Any, np.ndarray, np.ndarray]
_KEPT: OrderedDict[tuple[int, str, float], _Kept] = OrderedDict()
_KEPT_LOCK = threading.Lock()
MAX_KEPT = 8


def near_masks(
    frame: pd.DataFrame, near: Near, areas: Mapping[str, Mapping[str, Any]]
) -> tuple[np.ndarray, np.ndarray]:
    """(events whose point lies within the radius, events placed only in an area that
    includes the place or whose circle reaches within the radius) over the frame.
    Computed once per frame, place and radius (kept for a few; read-only arrays)."""
    key = (id(frame), near.place_id, float(near.km))
    with _KEPT_LOCK:
        hit = _KEPT.get(key)
        if hit is not None and hit[0]() is frame and hit[1] is areas:
            _KEPT.move_to_end(key)
            return hit[2], hit[3]
    inside, area_only = _near_masks(frame, near, areas)
    inside.flags.writeable = area_only.flags.writeable = False
    with _KEPT_LOCK:
        _KEPT[key] = (weakref.ref(frame), areas, inside, area_only)
        while len(_KEPT) > MAX_KEPT:
            _KEPT.popitem(last=False)
    return inside, area_only


def near_mask(
    frame: pd.DataFrame, near: Near | None, areas: Mapping[str, Mapping[str, Any]]
) -> np.ndarray | None:
    """The rows to keep for the request (None: no place asked for)."""
    if near is None or near.place_id not in load_places():
        return None
    inside, area_only = near_masks(frame, near, areas)
    return inside | area_only if near.with_areas else inside


def place_name(place_id: str) -> str:
    """The place's first name (English where there is one)."""
    place = load_places().get(place_id)
    return spellings(place)[0] if place else place_id
