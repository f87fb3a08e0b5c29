"""Each imported event's distance to the border and side of it, computed for all at once."""

from __future__ import annotations

import numpy as np

from geo.border import BorderIndex
from geo.published.rows import Mapped


def add_border_fields(mapped: Mapped, index: BorderIndex) -> None:
    """Distance to the border and side of it; a row placed across the border is skipped."""
    kept = []
    lons = np.array([f["geometry"]["coordinates"][0] for f in mapped.features], dtype=float)
    lats = np.array([f["geometry"]["coordinates"][1] for f in mapped.features], dtype=float)
    kms, sides = _measured(index, lons, lats)
    for feat, km, side in zip(mapped.features, kms, sides, strict=True):
        props = feat["properties"]
        props["border_distance_km"] = round(float(km), 1)
        props["border_side"] = side
        if props["country"] in ("TJK", "AFG") and side not in (None, props["country"]):
            reason = f"country {props['country']}, but the point lies inside {side}"
            mapped.skipped.append((props["dataset"]["row"], reason))
            continue
        kept.append(feat)
    mapped.features = kept
    mapped.skipped.sort()


def _measured(
    index: BorderIndex, lons: np.ndarray, lats: np.ndarray
) -> tuple[np.ndarray, list[str | None]]:
    """Distance and side of each point, each distinct point measured once (a dataset
    codes thousands of events to the same town or district centre)."""
    if not len(lons):
        return np.empty(0), []
    points, inverse = np.unique(np.column_stack([lons, lats]), axis=0, return_inverse=True)
    kms = index.distances_km(points[:, 0], points[:, 1])
    sides = index.sides(points[:, 0], points[:, 1], kms)
    at = inverse.reshape(-1)
    return kms[at], [sides[i] for i in at]
