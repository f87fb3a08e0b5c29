"""What the UCDP and ACLED mappings share: bad rows, points, countries, actors, dates."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from geo.checks import REGION_BBOX
from geo.model import MAX_SPAN_DAYS
from geo.text import normalize_for_match
from geo.vocab import Actor

# Countries whose events may lie in the region's box, by the names and codes datasets use.
COUNTRY_ISO3 = {
    "afghanistan": "AFG",
    "tajikistan": "TJK",
    "uzbekistan": "UZB",
    "pakistan": "PAK",
    "iran": "IRN",
    "turkmenistan": "TKM",
    "kyrgyzstan": "KGZ",
    "china": "CHN",
}
_PRECISIONS = ("day", "week", "month", "year")
MAX_AREA_NAME = 120  # characters: no province or district is named at more length


class BadRow(ValueError):
    """A row that cannot become an event; the message says why, in words."""


@dataclass(frozen=True)
class Meta:
    """What every event of one import names: the dataset, its version and licence, the file."""

    dataset: str
    version: str
    licence: str
    file: str


def text(row: Mapping[str, str], key: str) -> str:
    """A cell as text, stripped; empty when the column is missing or blank."""
    return (row.get(key) or "").strip()


def optional_int(row: Mapping[str, str], key: str) -> int | None:
    """A whole-number cell, or None when blank; a non-number is a bad row."""
    value = text(row, key)
    if not value:
        return None
    if len(value) < 16 and value.isascii() and value.isdigit():
        return int(value)  # the common case, as float() below would read it
    try:
        number = float(value)
    except ValueError:
        raise BadRow(f"{key} {value!r} is not a number") from None
    if not math.isfinite(number) or number != int(number) or number < 0:
        raise BadRow(f"{key} {value!r} is not a whole number of zero or more")
    return int(number)


def point(row: Mapping[str, str]) -> tuple[float, float]:
    """(lon, lat) of a row, checked to lie in the Tajikistan–Afghanistan region."""
    raw_lat, raw_lon = text(row, "latitude"), text(row, "longitude")
    if not raw_lat or not raw_lon:
        raise BadRow("no coordinates")
    try:
        lat, lon = float(raw_lat), float(raw_lon)
    except ValueError:
        raise BadRow(f"coordinates ({raw_lat!r}, {raw_lon!r}) are not numbers") from None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise BadRow("coordinates are not finite numbers")
    if _in_region(lon, lat):
        return lon, lat
    if _in_region(lat, lon):
        raise BadRow(f"latitude {lat} and longitude {lon} look swapped")
    raise BadRow(f"({lat}, {lon}) is outside the Tajikistan–Afghanistan region")


def _in_region(lon: float, lat: float) -> bool:
    lon_min, lat_min, lon_max, lat_max = REGION_BBOX
    return lon_min <= lon <= lon_max and lat_min <= lat <= lat_max


def country_iso3(name: str) -> str:
    """ISO alpha-3 of a country the region's box holds; other names are bad rows."""
    iso3 = COUNTRY_ISO3.get(name.strip().lower())
    if iso3 is None:
        raise BadRow(f"country {name!r} is not one the atlas covers")
    return iso3


def alias_index(actors: Mapping[str, Actor]) -> dict[str, str]:
    """Folded alias (any language) -> canonical actor name."""
    index: dict[str, str] = {}
    for name, actor in actors.items():
        for alias in (name, *[a for group in actor.aliases.values() for a in group]):
            index.setdefault(normalize_for_match(alias), name)
    return index


def actor_name(name: str, aliases: Mapping[str, str]) -> str:
    """The vocabulary's name for a dataset actor, or the dataset's own name when unknown."""
    return aliases.get(normalize_for_match(name), name)


def actor_list(names: list[str], aliases: Mapping[str, str]) -> list[str]:
    """Dataset actors mapped to the vocabulary, blanks dropped, each once, in order."""
    mapped = [actor_name(n, aliases) for n in (n.strip() for n in names) if n]
    return list(dict.fromkeys(mapped))


def iso_date(value: str, column: str) -> dt.date:
    """A YYYY-MM-DD cell (a time after it is ignored); anything else is a bad row."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise BadRow(f"{column} {value!r} is not a date (YYYY-MM-DD)") from None


def fit_precision(start: dt.date, end: dt.date, at_least: str) -> str:
    """The narrowest precision, no finer than `at_least`, whose span holds start..end."""
    if end < start:
        raise BadRow(f"date_end {end} is before date_start {start}")
    days = (end - start).days
    for precision in _PRECISIONS[_PRECISIONS.index(at_least) :]:
        if days <= MAX_SPAN_DAYS[precision]:
            return precision
    raise BadRow(f"{days + 1} days from {start} to {end} is wider than a year")


def feature(lon: float, lat: float, props: dict[str, Any]) -> dict[str, Any]:
    """A raw GeoJSON Point feature; the coordinates are [lon, lat] (RFC 7946)."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": props,
    }


def circle(radius_km: float) -> dict[str, Any]:
    """An uncertainty circle around the dataset's point."""
    return {"shape": "circle", "radius_km": radius_km}


def record(
    row: Mapping[str, str],
    number: int,
    meta: Meta,
    row_id: str,
    columns: tuple[tuple[str, ...], tuple[str, ...], frozenset[str]],
) -> dict[str, Any]:
    """The `dataset` record of an imported event: where it comes from, what the row cites
    and the dataset's own codes. `columns` is (cited, coded, coded as whole numbers)."""
    cites, codes, int_codes = columns
    return {
        "dataset": meta.dataset,
        "version": meta.version,
        "licence": meta.licence,
        "file": meta.file,
        "row": number,
        "row_id": row_id,
        "cites": {k: value for k in cites if (value := (row.get(k) or "").strip())},
        "codes": {k: _code(row, k, k in int_codes) for k in codes},
    }


def _code(row: Mapping[str, str], key: str, whole: bool) -> str | int | None:
    """A code cell as `text` (None when blank) or, for a whole-number code, `optional_int`
    reads it (plain digits read here: the common case, a call fewer per cell)."""
    value = (row.get(key) or "").strip()
    if not whole:
        return value or None
    if len(value) < 16 and value.isascii() and value.isdigit():
        return int(value)
    return optional_int(row, key)


def area_name(value: Any) -> str | None:
    """A province or district as a dataset's code names it, stripped; None when it names
    none (blank, not text, or too long to be a name)."""
    if type(value) is not str:
        return None
    name = " ".join(value.split())
    return name if 0 < len(name) <= MAX_AREA_NAME else None
