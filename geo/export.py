"""Exports of the filtered events: GeoJSON (full properties) and ACLED-like CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping

from geo.model import EventFeature
from geo.seeds import SeedInfo

OUTLET_NOT_STATED = "outlet not stated"

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
    # Not ACLED's: which languages and outlets the event's sources are in, "; "-separated.
    "source_languages",
    "source_outlets",
]
# ACLED's time_precision: 1 day, 2 week (or a few days), 3 month or wider; 0 here: unknown.
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "unknown": 0}


def source_languages(feat: EventFeature) -> list[str]:
    """The languages of a feature's sources, each once, in order."""
    return list(dict.fromkeys(s.lang for s in feat.properties.sources))


def source_outlets(feat: EventFeature, manifest: Mapping[str, SeedInfo]) -> list[str]:
    """The outlets of a feature's sources (from the manifest), each once, in order."""
    outlets = []
    for src in feat.properties.sources:
        info = manifest.get(src.doc)
        outlets.append(info.outlet if info and info.outlet else OUTLET_NOT_STATED)
    return list(dict.fromkeys(outlets))


def _exported(feat: EventFeature, manifest: Mapping[str, SeedInfo]) -> dict[str, object]:
    out = feat.model_dump(mode="json", exclude_none=False)
    # Flat copies for GIS tools, which cannot look inside `sources`.
    out["properties"]["source_languages"] = source_languages(feat)
    out["properties"]["source_outlets"] = source_outlets(feat, manifest)
    return out


def to_geojson(
    features: Iterable[EventFeature], manifest: Mapping[str, SeedInfo] | None = None
) -> str:
    """Return an RFC 7946 FeatureCollection of the features with all their properties."""
    collection = {
        "type": "FeatureCollection",
        "features": [_exported(f, manifest or {}) for f in features],
    }
    return json.dumps(collection, ensure_ascii=False, indent=2)


def acled_row(
    feat: EventFeature, manifest: Mapping[str, SeedInfo] | None = None
) -> dict[str, object]:
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
        "source_languages": "; ".join(source_languages(feat)),
        "source_outlets": "; ".join(source_outlets(feat, manifest or {})),
    }


def to_acled_csv(
    features: Iterable[EventFeature], manifest: Mapping[str, SeedInfo] | None = None
) -> str:
    """Return the features as CSV with ACLED-like columns (UTF-8, header first)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for feat in features:
        writer.writerow(acled_row(feat, manifest))
    return buffer.getvalue()
