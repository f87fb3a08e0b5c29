"""UCDP GED rows (the published 49-column CSV) to event features.

Rules (also in the README):
- `where_prec` 1 -> geo_precision 1; 2 (within ~25 km) -> 2, a 25 km circle; 3 (a
  district) -> 2, a 50 km circle; 4 (a province) -> 3, a 150 km circle; 5 (a road, river
  or border region) -> 3, a 100 km circle; 6 (only the country) -> 3, the country;
  7 (waters or airspace) -> 3, a 500 km circle.
- `date_prec` 1 -> day, 2-3 -> week, 4 -> month, 5 -> year, widened when the dataset's
  own date_start..date_end needs it.
- `best` -> fatalities, with `low` and `high` kept in the dataset record's codes.
- `type_of_violence` 1 state-based and 2 non-state -> Battles, 3 one-sided -> Violence
  against civilians (the UCDP name kept as sub_event_type).
- `adm_1` and `adm_2` (kept in the codes) name the province and district of UCDP's point;
  they are the event's own area only as far as `where_prec` vouches: the district and
  province for 1-3, the province for 4, neither for 5-7 (a road, a border region, the
  country: the point is a stand-in) (`coded_area`).
"""

from __future__ import annotations

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
    fit_precision,
    iso_date,
    optional_int,
    point,
    record,
    text,
)

LICENCE = "CC BY 4.0 (cite Sundberg & Melander 2013; Davies, Pettersson & Öberg 2023)"
DATASET = "UCDP GED"
# where_prec -> (geo_precision, uncertainty radius in km or None for the country, meaning)
WHERE_PREC: dict[int, tuple[int, float | None, str]] = {
    1: (1, 0, "the exact location"),
    2: (2, 25, "within about 25 km of a known point"),
    3: (2, 50, "a second-order administrative division (district)"),
    4: (3, 150, "a first-order administrative division (province)"),
    5: (3, 100, "a linear feature or wider area (road, river, border region)"),
    6: (3, None, "only the country"),
    7: (3, 500, "international waters or airspace"),
}
DATE_PREC = {
    1: ("day", "the exact day"),
    2: ("week", "within 2-6 days"),
    3: ("week", "within a week"),
    4: ("month", "within a month"),
    5: ("year", "more than a month, within a year"),
}
VIOLENCE = {
    1: (EventType.BATTLES, "State-based conflict"),
    2: (EventType.BATTLES, "Non-state conflict"),
    3: (EventType.VIOLENCE_AGAINST_CIVILIANS, "One-sided violence"),
}
CITES = ("source_article", "source_headline", "source_office", "source_date", "source_original")
CODES = (
    "relid", "code_status", "type_of_violence", "conflict_name", "dyad_name",
    "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "event_clarity", "date_prec", "best", "low", "high",
    "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "number_of_sources",
)  # fmt: skip
_INT_CODES = frozenset(
    {"type_of_violence", "where_prec", "event_clarity", "date_prec", "best", "low", "high",
     "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"}
)  # fmt: skip


def coded_area(codes: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(province, district) as UCDP codes the event, each None where `where_prec` does
    not vouch for it or the code is blank."""
    where = codes.get("where_prec")
    if type(where) is not int:
        return None, None
    province = area_name(codes.get("adm_1")) if where <= 4 else None
    return province, area_name(codes.get("adm_2")) if where <= 3 else None


def _code(row: Mapping[str, str], key: str, table: Mapping[int, Any]) -> tuple[int, Any]:
    value = optional_int(row, key)
    if value is None or value not in table:
        raise BadRow(f"unknown {key} code {text(row, key)!r}")
    return value, table[value]


def _place(row: Mapping[str, str], iso3: str) -> dict[str, Any]:
    where, (precision, radius, meaning) = _code(row, "where_prec", WHERE_PREC)
    uncertainty = None
    if precision > 1:
        uncertainty = circle(radius) if radius else {"shape": "country", "iso_a3": iso3}
    name = text(row, "where_description") or text(row, "adm_2") or text(row, "adm_1")
    return {
        "place": name or text(row, "country"),
        "country": iso3,
        "geo_precision": precision,
        "uncertainty": uncertainty,
        "location_note": f"UCDP where_prec {where}: {meaning}; the point is the dataset's own"
        + (f" ({text(row, 'where_coordinates')})" if text(row, "where_coordinates") else ""),
    }


def _dates(row: Mapping[str, str]) -> dict[str, Any]:
    prec, (at_least, meaning) = _code(row, "date_prec", DATE_PREC)
    start = iso_date(text(row, "date_start"), "date_start")
    end = iso_date(text(row, "date_end") or text(row, "date_start"), "date_end")
    return {
        "date_start": start.isoformat(),
        "date_end": end.isoformat(),
        "date_precision": fit_precision(start, end, at_least),
        "date_text": start.isoformat() if start == end else f"{start} – {end}",
        "date_note": f"UCDP date_prec {prec}: {meaning}; dates as the dataset codes them",
    }


def _row_id(row: Mapping[str, str]) -> str:
    row_id = text(row, "id")
    if not row_id.isdigit():
        raise BadRow(f"id {row_id!r} is not a UCDP event id")
    return row_id


def map_row(
    row: Mapping[str, str], number: int, meta: Meta, aliases: Mapping[str, str]
) -> dict[str, Any]:
    """One UCDP GED row as a raw event feature; raises BadRow saying why it cannot be."""
    lon, lat = point(row)
    _, (event_type, kind) = _code(row, "type_of_violence", VIOLENCE)
    place = _place(row, country_iso3(text(row, "country")))
    best = optional_int(row, "best")
    killed = f", {best} killed" if best is not None else ""
    props = {
        "id": f"ucdp-ged-{_row_id(row)}",
        "title": f"{kind} in {place['place']}{killed}",
        "summary": f"{text(row, 'dyad_name') or kind}. As coded by UCDP GED {meta.version}.",
        "event_type": str(event_type),
        "sub_event_type": kind,
        **_dates(row),
        "actors": actor_list([text(row, "side_a"), text(row, "side_b")], aliases),
        "fatalities": best,
        "injured": None,
        **place,
        "status": "reported",
        "dataset": record(row, number, meta, _row_id(row), (CITES, CODES, _INT_CODES)),
    }
    return feature(lon, lat, props)
