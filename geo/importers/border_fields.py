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
    kms = index.distances_km(lons, lats)
    for feat, km, side in zip(mapped.features, kms, index.sides(lons, lats, kms), strict=True):
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
