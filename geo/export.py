"""Exports of the filtered events: GeoJSON (full properties) and a CSV in ACLED's columns.

The CSV loads into an ACLED workflow as is: ACLED's column names, in ACLED's order, for
every field the atlas has (ACLED's coded-only columns such as inter1, region or admin2 are
left out), then the atlas's own columns, named so they cannot be mistaken for ACLED's.

Every CSV cell is formula-safe (`geo/csvsafe.py`: `'` before text a spreadsheet would run
as a formula); the GeoJSON keeps every text verbatim.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping

import pandas as pd

from geo.csvsafe import formula_safe
from geo.model import WITHDRAWN_STATUSES, EventFeature, EventProperties, EventType
from geo.published.acled import event_date as acled_date
from geo.seeds import SeedInfo
from geo.vocab import load_places

OUTLET_NOT_STATED = "outlet not stated"

# ACLED's own columns, in the order ACLED's exports write them.
ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]
# Not ACLED's: what the atlas knows beyond ACLED's columns.
EXTRA_COLUMNS = [
    "status",  # reported, confirmed, denied, retracted, disputed
    "withdrawn",  # true for denied and retracted reports: leave them out of counts
    "date_end",  # the interval is event_date .. date_end
    "date_precision",  # day, week, month, year, unknown
    "injured",
    "border_distance_km",
    "border_side",
    "excerpt_original",  # the first source's excerpt, in its own language
    "excerpt_lang",
    "excerpt_translation",  # its English translation
    "source_languages",  # "; "-separated
    "atlas_event_type",  # the atlas's own type: Site, Meeting, Statement, Report, or ACLED's
    "atlas_sub_event_type",  # the atlas's own sub-type ("Telephone call"), where ACLED's is Other
    # The province and district the atlas counts the event in (its filter and charts, in
    # GeoNames' names), and what gave them: "point" (its point and precision), "source"
    # (its dataset's coding); ACLED's admin1 stays as the dataset or gazetteer names it.
    "atlas_province",
    "atlas_district",
    "atlas_area_basis",
]
# An event's (province, district, basis) as the atlas derives them: geo.areas.
Areas = Mapping[str, tuple[str, str, str]]
CSV_COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

# ACLED's time_precision: 1 the day, 2 the week (or a few days), 3 the month or wider.
# Undated events get no code (an empty cell), never 0, which ACLED does not use.
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
# ACLED's disorder_type of each ACLED event type (the atlas's own types are mapped first).
_DISORDER_TYPE = {
    EventType.BATTLES: "Political violence",
    EventType.EXPLOSIONS: "Political violence",
    EventType.VIOLENCE_AGAINST_CIVILIANS: "Political violence",
    EventType.STRATEGIC: "Strategic developments",
    EventType.PROTESTS: "Demonstrations",
    EventType.RIOTS: "Demonstrations",
}
# The atlas's own types have no ACLED name: in ACLED's columns they are "Strategic
# developments" (ACLED's type for non-violent events that matter), sub_event_type
# "Other" (ACLED's own word); `atlas_event_type` and `atlas_sub_event_type` keep the
# atlas's, so nothing outside ACLED's vocabulary reaches ACLED's columns.
_ATLAS_ONLY = frozenset({EventType.SITE, EventType.MEETING, EventType.STATEMENT, EventType.REPORT})
# ISO 3166 alpha-3 -> (numeric, the name ACLED gives the country).
COUNTRIES = {
    "AFG": (4, "Afghanistan"),
    "TJK": (762, "Tajikistan"),
    "UZB": (860, "Uzbekistan"),
    "KGZ": (417, "Kyrgyzstan"),
    "TKM": (795, "Turkmenistan"),
    "KAZ": (398, "Kazakhstan"),
    "CHN": (156, "China"),
    "PAK": (586, "Pakistan"),
    "IRN": (364, "Iran"),
    "IND": (356, "India"),
    "RUS": (643, "Russia"),
    "QAT": (634, "Qatar"),
    "USA": (840, "United States"),
}
# Where an imported event's dataset names the first-level division.
_DATASET_ADMIN1 = {"ACLED": "admin1", "UCDP GED": "adm_1"}


def source_languages(feat: EventFeature) -> list[str]:
    """The languages of a feature's sources, each once, in order."""
    return list(dict.fromkeys(s.lang for s in feat.properties.sources))


def source_outlets(feat: EventFeature, manifest: Mapping[str, SeedInfo]) -> list[str]:
    """The outlets of a feature's sources (from the manifest), each once, in order."""
    outlets = []
    if (record := feat.properties.dataset) is not None:
        outlets.append(f"{record.dataset} {record.version}")  # what the event cites
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


def _day(day: dt.date | None) -> str:
    # ISO 8601 (YYYY-MM-DD), as ACLED's API writes event_date; its older CSV exports
    # wrote "15 January 2023". Empty for an undated event.
    return day.isoformat() if day else ""


def _blank(value: object) -> object:
    """None as an empty cell (a missing value to pandas and R), anything else as is."""
    return "" if value is None else value


def _code(p: EventProperties, key: str) -> str:
    """A code the event's dataset row published (e.g. ACLED's disorder_type), or ""."""
    value = p.dataset.codes.get(key) if p.dataset else None
    return "" if value is None else str(value)


def _disorder_type(p: EventProperties) -> str:
    if p.dataset and p.dataset.dataset == "ACLED" and (coded := _code(p, "disorder_type")):
        return coded  # ACLED's own, e.g. "Political violence; Demonstrations"
    return _DISORDER_TYPE.get(_acled_type(p), "")


def _acled_type(p: EventProperties) -> EventType:
    return EventType.STRATEGIC if p.event_type in _ATLAS_ONLY else EventType(p.event_type)


def _sub_event_type(p: EventProperties) -> str:
    return "Other" if p.event_type in _ATLAS_ONLY else p.sub_event_type or ""


def _admin1(p: EventProperties) -> str:
    if p.dataset and (coded := _code(p, _DATASET_ADMIN1.get(p.dataset.dataset, ""))):
        return coded
    # The gazetteer knows the division of the places that lie in one (not the border).
    place = load_places().get(p.place_id or "")
    return (place.admin1 or "") if place else ""


def actor_columns(actors: list[str]) -> dict[str, str]:
    """ACLED's four actor columns; every actor lands in one, none is dropped.

    The first actor is actor1 and the second actor2; ACLED's associated actors hold the
    rest (its importer reads all four back as one list).
    """
    return {
        "actor1": actors[0] if actors else "",
        "assoc_actor_1": "; ".join(actors[2:]),
        "actor2": actors[1] if len(actors) > 1 else "",
        "assoc_actor_2": "",
    }


def _place_columns(feat: EventFeature) -> dict[str, object]:
    p = feat.properties
    iso, country = COUNTRIES.get(p.country or "", ("", p.country or ""))
    return {
        "iso": iso,
        "country": country,
        "admin1": _admin1(p),
        "location": p.place,
        "latitude": feat.geometry.coordinates[1],
        "longitude": feat.geometry.coordinates[0],
        "geo_precision": p.geo_precision,
    }


def _extra_columns(p: EventProperties) -> dict[str, object]:
    first = p.sources[0] if p.sources else None  # imported events may quote no seed
    return {
        "status": str(p.status),
        "withdrawn": "true" if p.status in WITHDRAWN_STATUSES else "false",
        "date_end": _day(p.date_end),
        "date_precision": p.date_precision,
        "injured": _blank(p.injured),
        "border_distance_km": _blank(p.border_distance_km),
        "border_side": _blank(p.border_side),
        "excerpt_original": first.excerpt if first else "",
        "excerpt_lang": first.lang if first else "",
        "excerpt_translation": first.translation if first else "",
        "source_languages": "; ".join(dict.fromkeys(s.lang for s in p.sources)),
        "atlas_event_type": str(p.event_type),
        "atlas_sub_event_type": p.sub_event_type or "",
    }


# An ACLED row's own columns, written back as ACLED published them.
_ACLED_OWN = ("event_id_cnty", "year", "time_precision", "actor1", "assoc_actor_1", "actor2",
              "assoc_actor_2")  # fmt: skip


def _acled_own(p: EventProperties) -> dict[str, object]:
    """For an event imported from ACLED: its id, date, sides and source as the row has
    them (the atlas's list of actors would put an ally of one side on the other)."""
    record = p.dataset
    if record is None or record.dataset != "ACLED":
        return {}
    own: dict[str, object] = {k: _code(p, k) for k in _ACLED_OWN if k in record.codes}
    own["event_id_cnty"] = record.row_id
    # ACLED's own day (a week's or month's interval starts before it); a wording that is
    # not the row's leaves the interval's first day.
    with contextlib.suppress(ValueError):
        own["event_date"] = acled_date(p.date_text or "").isoformat()
    for key in ("source", "notes"):
        if record.cites.get(key):
            own[key] = record.cites[key]
    return own


def acled_row(
    feat: EventFeature,
    manifest: Mapping[str, SeedInfo] | None = None,
    areas: Areas | None = None,
) -> dict[str, object]:
    """Map one feature to the CSV's columns (CSV_COLUMNS); empty cells are missing values.
    `areas`: the atlas's province, district and basis by event id (blank when absent)."""
    p = feat.properties
    province, district, basis = (areas or {}).get(p.id, ("", "", ""))
    return {
        "event_id_cnty": p.id,
        "event_date": _day(p.date_start),  # the interval's first day
        "year": p.date_start.year if p.date_start else "",
        "time_precision": _blank(_TIME_PRECISION.get(p.date_precision)),
        "disorder_type": _disorder_type(p),
        "event_type": str(_acled_type(p)),
        "sub_event_type": _sub_event_type(p),
        **actor_columns(p.actors),
        **_place_columns(feat),
        "source": "; ".join(source_outlets(feat, manifest or {})),
        "notes": p.summary,  # as written; the status has its own columns
        "fatalities": _blank(p.fatalities),
        **_extra_columns(p),
        "atlas_province": province,
        "atlas_district": district,
        "atlas_area_basis": basis,
        **_acled_own(p),
    }


def to_acled_csv(
    features: Iterable[EventFeature],
    manifest: Mapping[str, SeedInfo] | None = None,
    areas: Areas | None = None,
) -> str:
    """Return the features as CSV in ACLED's columns plus the atlas's (UTF-8, header first)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for feat in features:
        row = acled_row(feat, manifest, areas)
        writer.writerow({k: formula_safe(v) for k, v in row.items()})
    return buffer.getvalue()


def to_geoparquet(
    features: Iterable[EventFeature],
    manifest: Mapping[str, SeedInfo] | None = None,
    areas: Areas | None = None,
) -> bytes:
    """The features as GeoParquet 1.0 (the CSV's columns, typed, and a point geometry in
    WGS84): what a GIS user opens in QGIS, geopandas or DuckDB."""
    import geopandas  # only when asked for: a download, not every page

    feats = list(features)
    rows = [
        {k: (None if v == "" else v) for k, v in acled_row(f, manifest, areas).items()}
        for f in feats
    ]
    frame = pd.DataFrame(rows, columns=CSV_COLUMNS)
    for column in ("latitude", "longitude", "border_distance_km"):
        frame[column] = pd.to_numeric(frame[column])
    for column in ("fatalities", "injured", "year", "time_precision", "geo_precision"):
        frame[column] = pd.to_numeric(frame[column]).astype("Int64")
    points = geopandas.points_from_xy(
        [f.geometry.coordinates[0] for f in feats], [f.geometry.coordinates[1] for f in feats]
    )
    buffer = io.BytesIO()
    geopandas.GeoDataFrame(frame, geometry=points, crs="EPSG:4326").to_parquet(buffer)
    return buffer.getvalue()
