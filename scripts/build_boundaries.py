"""Derive layers/boundaries.geojson and layers/border.geojson from Natural Earth 1:10m.

Usage: .venv/bin/python scripts/build_boundaries.py [PATH/TO/countries-10m.json]

Without a path it fetches the npm package world-atlas@2.0.2 with `npm pack` (build time
only; the app never needs npm or the internet). Output is written atomically.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from pyproj import Geod
from shapely.geometry import mapping

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.boundaries import border_line, boundaries_collection
from geo.io import atomic_write_text, dump_geojson

WORLD_ATLAS = "world-atlas@2.0.2"
LAYERS = Path(__file__).resolve().parent.parent / "layers"
PROVENANCE = (
    "Natural Earth 1:10m admin-0 countries (public domain), via the npm package "
    f"{WORLD_ATLAS} (countries-10m.json, TopoJSON), derived by scripts/build_boundaries.py"
)


def fetch_topojson(workdir: Path) -> Path:
    """Fetch world-atlas with npm pack and return the path of countries-10m.json."""
    subprocess.run(
        ["npm", "pack", WORLD_ATLAS, "--silent"], cwd=workdir, check=True, stdout=subprocess.DEVNULL
    )
    archive = next(workdir.glob("world-atlas-*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extract("package/countries-10m.json", workdir, filter="data")
    return workdir / "package" / "countries-10m.json"


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(argv[0]) if argv else fetch_topojson(Path(tmp))
        topo = json.loads(source.read_text(encoding="utf-8"))
    boundaries = {
        "type": "FeatureCollection",
        "name": "Country boundaries",
        "description": PROVENANCE,
        "atlas:reference": "boundaries",
        "features": boundaries_collection(topo),
    }
    line = border_line(topo)
    length_km = Geod(ellps="WGS84").geometry_length(line) / 1000
    border = {
        "type": "FeatureCollection",
        "name": "Tajikistan–Afghanistan border",
        "description": PROVENANCE,
        "atlas:reference": "border",
        "features": [
            {
                "type": "Feature",
                "geometry": mapping(line),
                "properties": {
                    "name": "Tajikistan–Afghanistan border (Panj / Amu Darya)",
                    "between": ["TJK", "AFG"],
                    "length_km": round(length_km, 1),
                    "scale": "1:10m",
                },
            }
        ],
    }
    atomic_write_text(LAYERS / "boundaries.geojson", json.dumps(boundaries) + "\n")
    atomic_write_text(LAYERS / "border.geojson", dump_geojson(border))
    print(f"wrote {len(boundaries['features'])} countries; border {length_km:,.1f} km")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
