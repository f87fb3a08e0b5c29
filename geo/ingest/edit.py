"""A reviewer's edits applied to a candidate, and the gazetteer place nearest a map click."""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from geo.uncertainty import default_uncertainty
from geo.vocab import Place


@dataclass(frozen=True)
class Edits:
    """Every field the review page lets a person set."""

    title: str
    summary: str
    event_type: str | None
    date_start: str | None
    date_end: str | None
    date_precision: str
    date_text: str | None
    place_id: str | None
    geo_precision: int | None
    location_note: str | None
    actors: list[str]
    fatalities: int | None
    injured: int | None
    translation: str
    status: str


def _place_fields(props: dict[str, Any], edits: Edits, places: Mapping[str, Place]) -> None:
    place = places.get(edits.place_id or "")
    if place is None:
        props.update(place_id=None, place="not stated", country=None, uncertainty=None)
        return
    precision = edits.geo_precision or 1
    props.update(
        place_id=place.id, place=place.names["en"], country=place.country, geo_precision=precision
    )
    if precision == 1:
        props["uncertainty"] = None
    elif place.kind in ("district", "province") and place.area:
        props["uncertainty"] = dict(place.area)
    else:
        props["uncertainty"] = default_uncertainty(place, precision)


def apply_edits(
    candidate: Mapping[str, Any], edits: Edits, places: Mapping[str, Place]
) -> dict[str, Any]:
    """The candidate with the reviewer's values; geometry follows the chosen place."""
    feature = copy.deepcopy(dict(candidate))
    props = feature["properties"]
    props.update(
        title=edits.title.strip(),
        summary=edits.summary.strip(),
        event_type=edits.event_type,
        date_start=edits.date_start,
        date_end=edits.date_end,
        date_precision=edits.date_precision,
        date_text=(edits.date_text or "").strip() or None,
        actors=list(dict.fromkeys(edits.actors)),
        fatalities=edits.fatalities,
        injured=edits.injured,
        status=edits.status,
        location_note=(edits.location_note or "").strip() or None,
    )
    _place_fields(props, edits, places)
    place = places.get(props["place_id"] or "")
    feature["geometry"] = (
        {"type": "Point", "coordinates": [place.lon, place.lat]} if place else None
    )
    for src in props["sources"]:
        src["translation"] = edits.translation.strip()
    props["evidence"] = still_backed(candidate["properties"], props)
    return feature


# The fields each evidence entry backs: an edited field's old words no longer back it.
_BACKS = {
    "date": ("date_start", "date_end", "date_precision"),
    "place": ("place_id",),
    "fatalities": ("fatalities",),
    "injured": ("injured",),
}


def still_backed(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The candidate's evidence for the fields the reviewer left as the ingest read them."""
    kept = []
    for ev in before.get("evidence") or []:
        backs = _BACKS.get(str(ev.get("field")))
        if ev.get("field") == "actor":
            if ev.get("actor") in after["actors"]:
                kept.append(ev)
        elif backs and all(before.get(k) == after.get(k) for k in backs):
            kept.append(ev)
    return copy.deepcopy(kept)


def nearest_place(lon: float, lat: float, places: Mapping[str, Place]) -> Place | None:
    """The town, city or district seat nearest a clicked point (equirectangular distance)."""
    kinds = ("city", "town", "district")
    scale = math.cos(math.radians(lat))
    return min(
        (p for p in places.values() if p.kind in kinds),
        key=lambda p: ((p.lon - lon) * scale) ** 2 + (p.lat - lat) ** 2,
        default=None,
    )
