"""Imported events that may be the same incident as a curated one, found on the frame's
columns (the rule is `geo.importers.matches`: a day apart at most, within 25 km)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd
from pyproj import Geod

from geo.importers.matches import MAX_DAYS, MAX_KM, NOT_INCIDENTS

_GEOD = Geod(ellps="WGS84")


def same_incidents_frame(frame: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Event id -> ids on the other side (imported vs curated) it may match."""
    kinds = {str(k) for k in NOT_INCIDENTS}
    dated = frame[
        frame["date_start"].notna() & frame["date_end"].notna() & ~frame["event_type"].isin(kinds)
    ]
    imported = dated[dated["release"] != ""]
    curated = dated[dated["release"] == ""]
    if curated.empty or imported.empty:
        return {}
    lon, lat = imported["lon"].to_numpy(float), imported["lat"].to_numpy(float)
    start = imported["date_start"].to_numpy("datetime64[D]").astype(np.int64)
    end = imported["date_end"].to_numpy("datetime64[D]").astype(np.int64)
    ids = imported["id"].to_numpy()
    found: dict[str, list[str]] = defaultdict(list)
    c_starts = curated["date_start"].to_numpy("datetime64[D]").astype(np.int64)
    c_ends = curated["date_end"].to_numpy("datetime64[D]").astype(np.int64)
    for c_id, c_lon, c_lat, c_start, c_end in zip(
        curated["id"], curated["lon"], curated["lat"], c_starts, c_ends, strict=True
    ):
        near = np.flatnonzero((start <= c_end + MAX_DAYS) & (c_start <= end + MAX_DAYS))
        if not len(near):
            continue
        count = len(near)
        _, _, metres = _GEOD.inv(np.full(count, c_lon), np.full(count, c_lat), lon[near], lat[near])
        for i in near[metres <= MAX_KM * 1000]:
            found[str(c_id)].append(str(ids[i]))
            found[str(ids[i])].append(str(c_id))
    return {k: tuple(v) for k, v in found.items()}
