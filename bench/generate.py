"""Realistic UCDP GED-layout events for benchmarks: `python -m bench.generate N OUT.csv`.

Events cluster on the gazetteer's district centres in Tajikistan and Afghanistan, as
UCDP codes most events to a town or district, with the dataset's mix of location and
date precisions, violence types and sides. Every row is valid for the importer: a point
jittered across the border (the importer skips a row placed in the other country) is put
back on its centre, and centres on the wrong side are left out.

Import it with its release named (the file name carries none):
`python -m geo.importers ucdp OUT.csv --out layers/generated.geojson --version bench`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

import numpy as np

from geo.border import BorderIndex, build_index
from geo.io import read_json
from geo.settings import ROOT
from geo.vocab import load_gazetteer

# UCDP GED's published header, read from the shipped sample.
SAMPLE = ROOT / "data" / "ucdp_ged231_sample_afg_tjk.csv"
COLUMNS = SAMPLE.read_text(encoding="utf-8").splitlines()[0].split(",")
SIDES = [
    ("Government of Afghanistan", "Taleban", 1),
    ("Taleban", "National Resistance Front", 1),
    ("Government of Tajikistan", "Taleban", 1),
    ("IS", "Civilians", 3),
    ("Taleban", "Civilians", 3),
    ("Taleban", "IS", 2),
]
WHERE = [1] * 35 + [2] * 25 + [3] * 25 + [4] * 10 + [5] * 4 + [6] * 1
DATE = [1] * 80 + [2] * 12 + [3] * 3 + [4] * 4 + [5] * 1
SPAN = {1: 0, 2: 4, 3: 6, 4: 25, 5: 200}


def _border_index() -> BorderIndex:
    """The importer's own test of which side of the border a point lies on."""
    # The two reference files only: layers/ may hold a 100,000-event layer already.
    border, boundaries = (_reference(ROOT / "layers" / n) for n in _REFERENCE_FILES)
    return build_index(border, boundaries)


_REFERENCE_FILES = ("border.geojson", "boundaries.geojson")


def _reference(path: Path) -> dict:
    data, problems = read_json(path)
    if problems:
        raise SystemExit("; ".join(str(p) for p in problems))
    return data


def _sides(index: BorderIndex, lons: list[float], lats: list[float]) -> list[str | None]:
    lon, lat = np.array(lons, dtype=float), np.array(lats, dtype=float)
    return index.sides(lon, lat, index.distances_km(lon, lat))


Centre = tuple[str, str, str, str, float, float]  # name, description, province, country, lon, lat


def _described(kind: str, name: str) -> str:
    """UCDP's `where_description` as its coders write it: a town, or a district's name."""
    return name if kind != "city" else f"{name} town"


def _centres(index: BorderIndex) -> list[Centre]:
    """District and town centres of both countries, each on its own side of the border."""
    places = [
        p
        for p in load_gazetteer().values()
        if p.country in ("AFG", "TJK") and 61 < p.lon < 75 and 30 < p.lat < 40.5
    ]
    sides = _sides(index, [p.lon for p in places], [p.lat for p in places])
    return [
        (
            short := p.names.get("en", p.id).split(" (")[0].split(",")[0],
            _described(p.kind, short),
            f"{p.admin1} province" if p.admin1 else "",
            _COUNTRY[p.country],
            p.lon,
            p.lat,
        )
        for p, side in zip(places, sides, strict=True)
        if side in (None, p.country)
    ]


_COUNTRY = {"AFG": "Afghanistan", "TJK": "Tajikistan"}
_ISO = {name: iso for iso, name in _COUNTRY.items()}


def _keep_sides(rows: list[dict[str, object]], index: BorderIndex) -> None:
    """Rows jittered into the other country go back to their centre."""
    lons = [float(r["longitude"]) for r in rows]  # type: ignore[arg-type]
    lats = [float(r["latitude"]) for r in rows]  # type: ignore[arg-type]
    for row, side in zip(rows, _sides(index, lons, lats), strict=True):
        centre = row.pop("_centre")
        if side not in (None, _ISO[str(row["country"])]):
            row["longitude"], row["latitude"] = centre  # type: ignore[misc]


def _row(i: int, rng: random.Random, centres: list) -> dict[str, object]:
    name, described, province, country, lon, lat = rng.choice(centres)
    side_a, side_b, violence = rng.choice(SIDES)
    where, date_prec = rng.choice(WHERE), rng.choice(DATE)
    start = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(2900))
    end = start + dt.timedelta(days=rng.randint(0, SPAN[date_prec]))
    low = rng.choice([0, 0, 1, 1, 2, 3, 5])
    best = low + rng.choice([0, 0, 1, 2])
    jitter = 0.0 if where == 1 else 0.02
    return {
        "id": 900000 + i, "relid": f"BENCH-{i}", "year": start.year, "active_year": 1,
        "code_status": "Clear", "type_of_violence": violence,
        "dyad_name": f"{side_a} - {side_b}", "side_a": side_a, "side_b": side_b,
        "number_of_sources": 1, "source_article": f"Generated article {i}",
        "source_office": "Generated Wire", "source_date": start.isoformat(),
        "source_headline": f"Generated headline {i}", "where_prec": where,
        "where_coordinates": name, "where_description": described,
        "adm_1": province, "latitude": round(lat + rng.uniform(-jitter, jitter), 5),
        "longitude": round(lon + rng.uniform(-jitter, jitter), 5), "country": country,
        "event_clarity": 1, "date_prec": date_prec, "date_start": start.isoformat(),
        "date_end": end.isoformat(), "deaths_unknown": best, "best": best,
        "high": best + rng.choice([0, 1, 3]), "low": low, "_centre": (lon, lat),
    }  # fmt: skip


def write_csv(count: int, out: Path, seed: int = 7) -> Path:
    """Write `count` generated rows in UCDP GED's CSV layout."""
    index = _border_index()
    rng, centres = random.Random(seed), _centres(index)
    rows = [_row(i, rng, centres) for i in range(count)]
    _keep_sides(rows, index)
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return out


def main() -> None:
    """Parse arguments and write the file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    write_csv(args.count, args.out)


if __name__ == "__main__":
    main()
