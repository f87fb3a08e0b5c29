"""Imported events that may be the same incident as a curated one.

Same incident: dates within a day of each other and points within 25 km (geodesic).
Found when the data loads, not written into files, so a curated layer never changes
because a dataset was imported, and deleting an imported layer leaves no dangling link.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np
from pyproj import Geod

from geo.model import EventFeature, EventType

MAX_KM = 25.0
MAX_DAYS = 1
_GEOD = Geod(ellps="WGS84")
# Not incidents: a meeting, a statement or a site on the same day nearby is another event.
NOT_INCIDENTS = frozenset({EventType.SITE, EventType.MEETING, EventType.STATEMENT})


def _arrays(feats: list[EventFeature]) -> tuple[np.ndarray, ...]:
    lon = np.array([f.geometry.coordinates[0] for f in feats], dtype=float)
    lat = np.array([f.geometry.coordinates[1] for f in feats], dtype=float)
    start = np.array([f.properties.date_start.toordinal() for f in feats])  # type: ignore[union-attr]
    end = np.array([f.properties.date_end.toordinal() for f in feats])  # type: ignore[union-attr]
    return lon, lat, start, end


def same_incidents(features: Iterable[EventFeature]) -> dict[str, tuple[str, ...]]:
    """Event id -> ids of the events on the other side (imported vs curated) it may match."""
    dated = [
        f
        for f in features
        if f.properties.date_start
        and f.properties.date_end
        and f.properties.event_type not in NOT_INCIDENTS
    ]
    curated = [f for f in dated if f.properties.dataset is None]
    imported = [f for f in dated if f.properties.dataset is not None]
    if not curated or not imported:
        return {}
    lon, lat, start, end = _arrays(imported)
    found: dict[str, list[str]] = defaultdict(list)
    for feat in curated:
        c_lon, c_lat, c_start, c_end = (a[0] for a in _arrays([feat]))
        near_in_time = np.flatnonzero((start <= c_end + MAX_DAYS) & (c_start <= end + MAX_DAYS))
        if not len(near_in_time):
            continue
        count = len(near_in_time)
        _, _, metres = _GEOD.inv(
            np.full(count, c_lon), np.full(count, c_lat), lon[near_in_time], lat[near_in_time]
        )
        for i in near_in_time[metres <= MAX_KM * 1000]:
            other = imported[i].properties.id
            found[feat.properties.id].append(other)
            found[other].append(feat.properties.id)
    return {k: tuple(v) for k, v in found.items()}
