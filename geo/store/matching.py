"""Imported events that may be the same incident as a curated one, found on the frame's
columns (the rule is `geo.matches`: a day apart at most, within 25 km)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd
from pyproj import Geod

from geo.matches import MAX_DAYS, MAX_KM, NOT_INCIDENTS

_GEOD = Geod(ellps="WGS84")


def same_incidents_frame(frame: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Event id -> ids on the other side (imported vs curated) it may match."""
    kinds = {str(k) for k in NOT_INCIDENTS}
    start = frame["date_start"].to_numpy("datetime64[D]")
    end = frame["date_end"].to_numpy("datetime64[D]")
    usable = ~np.isnat(start) & ~np.isnat(end) & ~frame["event_type"].isin(kinds).to_numpy()
    imported = frame["release"].to_numpy(object) != ""
    theirs, ours = np.flatnonzero(usable & imported), np.flatnonzero(usable & ~imported)
    if not len(theirs) or not len(ours):
        return {}
    ids = frame["id"].to_numpy(object)
    lon, lat = frame["lon"].to_numpy(float), frame["lat"].to_numpy(float)
    days_start, days_end = start.astype(np.int64), end.astype(np.int64)
    found: dict[str, list[str]] = defaultdict(list)
    for row in ours:
        near = theirs[
            (days_start[theirs] <= days_end[row] + MAX_DAYS)
            & (days_start[row] <= days_end[theirs] + MAX_DAYS)
        ]
        if not len(near):
            continue
        count = len(near)
        _, _, metres = _GEOD.inv(
            np.full(count, lon[row]), np.full(count, lat[row]), lon[near], lat[near]
        )
        for i in near[metres <= MAX_KM * 1000]:
            found[str(ids[row])].append(str(ids[i]))
            found[str(ids[i])].append(str(ids[row]))
    return {k: tuple(v) for k, v in found.items()}
