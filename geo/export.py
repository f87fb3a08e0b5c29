"""Exports of the filtered events: GeoJSON (full properties) and ACLED-like CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from geo.model import EventFeature

ACLED_COLUMNS = [
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "actor1",
    "actor2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "source",
    "notes",
]
# ACLED's time_precision: 1 day, 2 week (or a few days), 3 month or wider; 0 here: unknown.
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 0}


def to_geojson(features: Iterable[EventFeature]) -> str:
    """Return an RFC 7946 FeatureCollection of the features with all their properties."""
    collection = {
        "type": "FeatureCollection",
        "features": [f.model_dump(mode="json", exclude_none=False) for f in features],
    }
    return json.dumps(collection, ensure_ascii=False, indent=2)


def acled_row(feat: EventFeature) -> dict[str, object]:
    """Map one feature to ACLED-like columns."""
    p = feat.properties
    actors = [*p.actors, "", ""]
    sources = "; ".join(dict.fromkeys(s.doc for s in p.sources))
    notes = p.summary
    if p.status != "reported":
        notes = f"[{p.status.upper()}] {notes}"
    return {
        "event_id": p.id,
        "event_date": p.date_start.isoformat() if p.date_start else "",
        "time_precision": _TIME_PRECISION[p.date_precision],
        "event_type": str(p.event_type),
        "actor1": actors[0],
        "actor2": actors[1],
        "location": p.place,
        "latitude": feat.geometry.coordinates[1],
        "longitude": feat.geometry.coordinates[0],
        "geo_precision": p.geo_precision,
        "fatalities": "" if p.fatalities is None else p.fatalities,
        "source": sources,
        "notes": notes,
    }


def to_acled_csv(features: Iterable[EventFeature]) -> str:
    """Return the features as CSV with ACLED-like columns (UTF-8, header first)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for feat in features:
        writer.writerow(acled_row(feat))
    return buffer.getvalue()
