"""Coordinate handling in one place: GeoJSON is (lon, lat), folium is [lat, lon]."""

from __future__ import annotations

import numpy as np
import pandas as pd

KM_PER_DEGREE_LAT = 111.32
# Where the map opens, at zoom 6: the middle of the Tajikistan–Afghanistan border region.
REGION_CENTRE_LAT_LON = (37.6, 70.0)
# Markers that share one point are fanned out on a ring around it, for display only.
RING_KM_BASE, RING_KM_PER_MARKER, RING_KM_MAX = 6.0, 2.2, 45.0


def to_folium(lon: float, lat: float) -> list[float]:
    """Convert a GeoJSON (lon, lat) position to folium's [lat, lon]."""
    return [lat, lon]


def spread_overlaps(lon: pd.Series, lat: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Return display positions: points that coincide are placed on a ring around them.

    The ring's radius grows with the number of markers (capped at 45 km, inside the
    50 km drawn for region-level places); a lone point stays where it is.
    """
    key = pd.DataFrame({"lon": lon.round(6).to_numpy(), "lat": lat.round(6).to_numpy()})
    groups = key.groupby(["lon", "lat"], sort=False)
    size = groups["lon"].transform("size").to_numpy()
    rank = groups.cumcount().to_numpy()
    angle = 2 * np.pi * rank / np.maximum(size, 1)
    radius_km = np.where(
        size > 1, np.minimum(RING_KM_BASE + RING_KM_PER_MARKER * size, RING_KM_MAX), 0.0
    )
    lat_values = lat.to_numpy(dtype=float)
    d_lat = radius_km * np.cos(angle) / KM_PER_DEGREE_LAT
    d_lon = radius_km * np.sin(angle) / (KM_PER_DEGREE_LAT * np.cos(np.radians(lat_values)))
    return lon.to_numpy(dtype=float) + d_lon, lat_values + d_lat
