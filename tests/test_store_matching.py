"""The frame's same-incident rule (geo/store/matching.py) against the rule measured plainly:
every pair on both sides, a day apart at most, within 25 km on the ellipsoid."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pyproj import Geod

from geo.matches import MAX_DAYS, MAX_KM
from geo.store.matching import same_incidents_frame

_GEOD = Geod(ellps="WGS84")


def _frame(rng: np.random.Generator, lat: float, lon: float, count: int) -> pd.DataFrame:
    """Curated and imported events around one place, many of them near 25 km apart."""
    bearing = rng.uniform(0, 360, count)
    edge = rng.choice([MAX_KM - 0.01, MAX_KM + 0.01], count)
    km = np.where(rng.random(count) < 0.5, rng.uniform(0, 40, count), edge)
    lons, lats, _ = _GEOD.fwd(np.full(count, lon), np.full(count, lat), bearing, km * 1000)
    lons = (np.asarray(lons) + 180.0) % 360.0 - 180.0
    day = pd.Timestamp("2024-05-01") + pd.to_timedelta(rng.integers(0, 5, count), unit="D")
    return pd.DataFrame(
        {
            "id": [f"e{i}" for i in range(count)],
            "date_start": day,
            "date_end": day,
            "event_type": rng.choice(["Battles", "Meeting"], count, p=[0.9, 0.1]),
            "release": rng.choice(["", "ged-25.1"], count, p=[0.3, 0.7]),
            "lon": lons,
            "lat": np.asarray(lats),
        }
    )


def _plainly(frame: pd.DataFrame) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    rows = frame[frame["event_type"] != "Meeting"].to_dict("records")
    for a in (r for r in rows if r["release"] == ""):
        for b in (r for r in rows if r["release"] != ""):
            days = max(
                (b["date_start"] - a["date_end"]).days, (a["date_start"] - b["date_end"]).days
            )
            _, _, metres = _GEOD.inv(a["lon"], a["lat"], b["lon"], b["lat"])
            if days <= MAX_DAYS and metres <= MAX_KM * 1000:
                found.setdefault(a["id"], set()).add(b["id"])
                found.setdefault(b["id"], set()).add(a["id"])
    return found


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        (37.5, 70.0),
        (0.0, 30.0),
        (-45.0, 10.0),
        (79.0, 15.0),
        (86.5, -40.0),
        (10.0, 179.9),
        (89.9, 0.0),
    ],
)
def test_the_frame_finds_the_pairs_the_rule_finds(lat, lon):
    frame = _frame(np.random.default_rng(int(abs(lat * 10 + lon))), lat, lon, 160)
    found = {k: set(v) for k, v in same_incidents_frame(frame).items()}
    assert found == _plainly(frame)
    assert found  # the draw has pairs on both sides of the line
