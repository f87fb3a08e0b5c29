"""ACLED rows (its published export columns) to event features.

Rules (also in the README):
- `time_precision` 1 -> day; 2 -> week, shown as event_date ± 3 days; 3 -> month, the
  calendar month of event_date. The rule is written into each event's date_note.
- `geo_precision` 1 -> 1; 2 -> 2, a 25 km circle; 3 -> 3, a 100 km circle.
- `event_type` is one of ACLED's six; `sub_event_type` kept; actor1, assoc_actor_1,
  actor2, assoc_actor_2 (";"-separated) -> actors.
- `admin1` and `admin2` (kept in the codes) are the event's province and district as far
  as `geo_precision` vouches: both for 1-2, the province for 3 (`coded_area`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from typing import Any

from geo.model import EventType
from geo.published._rows import (
    BadRow,
    Meta,
    actor_list,
    area_name,
    circle,
    country_iso3,
    feature,
    optional_int,
    point,
    record,
    text,
)

LICENCE = "ACLED Terms of Use: attribution required; the data may not be redistributed"
DATASET = "ACLED"
EVENT_TYPES = {
    str(t)
    for t in (
        EventType.BATTLES,
        EventType.EXPLOSIONS,
        EventType.VIOLENCE_AGAINST_CIVILIANS,
        EventType.STRATEGIC,
        EventType.PROTESTS,
        EventType.RIOTS,
    )
}
GEO_PRECISION = {
    1: (1, 0, "the named town"),
    2: (2, 25, "near the named town, within its district"),
    3: (3, 100, "only the wider region (a province)"),
}
CITES = ("source", "source_scale", "notes")
CODES = (
    "event_id_cnty", "year", "time_precision", "disorder_type", "actor1", "assoc_actor_1",
    "actor2", "assoc_actor_2", "inter1", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "admin1", "admin2", "admin3",
    "geo_precision", "tags", "timestamp",
)  # fmt: skip
_INT_CODES = frozenset(
    {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision"}
)
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y")


def event_date(value: str) -> dt.date:
    """ACLED's event_date, as exports write it (2023-01-15 or 15 January 2023)."""
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise BadRow(f"event_date {value!r} is not a date ACLED writes")


def _dates(row: Mapping[str, str]) -> dict[str, Any]:
    day = event_date(text(row, "event_date"))
    prec = optional_int(row, "time_precision")
    if prec == 1:
        start, end, precision, note = day, day, "day", "the exact day"
    elif prec == 2:
        start, end = day - dt.timedelta(days=3), day + dt.timedelta(days=3)
        precision, note = "week", "known to within a week: shown as event_date ± 3 days"
    elif prec == 3:
        last = calendar.monthrange(day.year, day.month)[1]
        start, end = day.replace(day=1), day.replace(day=last)
        precision, note = "month", "only the month is known: shown as that calendar month"
    else:
        raise BadRow(f"unknown time_precision code {text(row, 'time_precision')!r}")
    return {
        "date_start": start.isoformat(),
        "date_end": end.isoformat(),
        "date_precision": precision,
        "date_text": text(row, "event_date"),
        "date_note": f"ACLED time_precision {prec}: {note}",
    }


def _place(row: Mapping[str, str]) -> dict[str, Any]:
    code = optional_int(row, "geo_precision")
    if code not in GEO_PRECISION:
        raise BadRow(f"unknown geo_precision code {text(row, 'geo_precision')!r}")
    precision, radius, meaning = GEO_PRECISION[code]
    names = [text(row, k) for k in ("location", "admin2", "admin1", "country")]
    return {
        "place": next((n for n in names if n), "not stated"),
        "country": country_iso3(text(row, "country")),
        "geo_precision": precision,
        "uncertainty": circle(radius) if radius else None,
        "location_note": f"ACLED geo_precision {code}: {meaning}; the point is the dataset's own",
    }


def coded_area(codes: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(province, district) as ACLED codes the event, each None where `geo_precision`
    does not vouch for it or the code is blank."""
    code = codes.get("geo_precision")
    if type(code) is not int or code not in GEO_PRECISION:
        return None, None
    return area_name(codes.get("admin1")), area_name(codes.get("admin2")) if code <= 2 else None


def _row_id(row: Mapping[str, str]) -> str:
    row_id = text(row, "event_id_cnty")
    if not (row_id.isascii() and row_id.isalnum()):
        raise BadRow(f"event_id_cnty {row_id!r} is not an ACLED event id")
    return row_id


def _actors(row: Mapping[str, str], aliases: Mapping[str, str]) -> list[str]:
    names = [text(row, "actor1"), *text(row, "assoc_actor_1").split(";")]
    names += [text(row, "actor2"), *text(row, "assoc_actor_2").split(";")]
    return actor_list(names, aliases)


def map_row(
    row: Mapping[str, str], number: int, meta: Meta, aliases: Mapping[str, str]
) -> dict[str, Any]:
    """One ACLED row as a raw event feature; raises BadRow saying why it cannot be."""
    lon, lat = point(row)
    kind = text(row, "event_type")
    if kind not in EVENT_TYPES:
        raise BadRow(f"unknown event_type {kind!r}")
    place = _place(row)
    deaths = optional_int(row, "fatalities")
    killed = f", {deaths} killed" if deaths else ""
    props = {
        "id": f"acled-{_row_id(row).lower()}",
        "title": f"{text(row, 'sub_event_type') or kind} in {place['place']}{killed}",
        "summary": text(row, "notes")[:2000] or f"{kind}, as coded by ACLED.",
        "event_type": kind,
        "sub_event_type": text(row, "sub_event_type") or None,
        **_dates(row),
        "actors": _actors(row, aliases),
        "fatalities": deaths,
        "injured": None,
        **place,
        "status": "reported",
        "dataset": record(row, number, meta, _row_id(row), (CITES, CODES, _INT_CODES)),
    }
    return feature(lon, lat, props)
