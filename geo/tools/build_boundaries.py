"""Derive layers/boundaries.geojson and layers/border.geojson from Natural Earth 1:10m.

Usage: atlas-build-boundaries [PATH/TO/countries-10m.json]

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
from typing import Any

from pyproj import Geod
from shapely.geometry import LineString, MultiLineString, mapping

from geo import settings
from geo.model import REFERENCE_MARK, ReferenceKind
from geo.store import open_store
from geo.tools.boundaries import border_line, boundaries_collection

WORLD_ATLAS = "world-atlas@2.0.2"
PROVENANCE = (
    "Natural Earth 1:10m admin-0 countries (public domain), via the npm package "
    f"{WORLD_ATLAS} (countries-10m.json, TopoJSON), derived by atlas-build-boundaries "
    "(geo/tools/build_boundaries.py)"
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


def _border_collection(line: LineString | MultiLineString, length_km: float) -> dict[str, Any]:
    """The border layer: the one line, measured."""
    return {
        "type": "FeatureCollection",
        "name": "Tajikistan–Afghanistan border",
        "description": PROVENANCE,
        REFERENCE_MARK: str(ReferenceKind.BORDER),
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


def main(argv: list[str] | None = None) -> int:
    """Build both reference layers into ATLAS_LAYERS_DIR (layers/ by default)."""
    argv = sys.argv[1:] if argv is None else argv
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(argv[0]) if argv else fetch_topojson(Path(tmp))
        topo = json.loads(source.read_text(encoding="utf-8"))
    boundaries = {
        "type": "FeatureCollection",
        "name": "Country boundaries",
        "description": PROVENANCE,
        REFERENCE_MARK: str(ReferenceKind.BOUNDARIES),
        "features": boundaries_collection(topo),
    }
    line = border_line(topo)
    length_km = Geod(ellps="WGS84").geometry_length(line) / 1000
    border = _border_collection(line, length_km)
    store = open_store(settings.from_env())
    with store.lock():  # both or neither: a border without its boundaries measures nothing
        for name, text in (("boundaries", json.dumps(boundaries) + "\n"), ("border", border)):
            if problems := store.write(name, text, expect=None, action="build-boundaries"):
                print(*problems, sep="\n", file=sys.stderr)
                return 1
    print(f"wrote {len(boundaries['features'])} countries; border {length_km:,.1f} km")
    return 0


if __name__ == "__main__":
    sys.exit(main())
