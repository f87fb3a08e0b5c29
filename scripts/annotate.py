"""Write derived fields into every feature of the event layers.

- `border_distance_km` and `border_side`, recomputed from the geometry;
- `uncertainty`, when a vague feature has none yet, from the gazetteer's rule
  (geo/uncertainty.py); an uncertainty a curator wrote is kept.

Usage: .venv/bin/python scripts/annotate.py [LAYERS_DIR]

Distances are geodesic (WGS84) to the shipped 1:10m border line (layers/border.geojson);
the side comes from point-in-polygon on layers/boundaries.geojson. Each file is rewritten
atomically, and only if it still validates.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.border import build_index
from geo.curate import write_validated
from geo.io import read_json
from geo.layers import default_context
from geo.uncertainty import default_uncertainty
from geo.vocab import gazetteer


def annotate(layers_dir: Path) -> int:
    border, p1 = read_json(layers_dir / "border.geojson")
    boundaries, p2 = read_json(layers_dir / "boundaries.geojson")
    if p1 or p2:
        print(*(p1 + p2), sep="\n", file=sys.stderr)
        return 1
    index = build_index(border, boundaries)
    ctx, failed = default_context(), 0
    for path in sorted(layers_dir.glob("*.geojson")):
        data, problems = read_json(path)
        if problems or data.get("atlas:reference"):
            continue
        for feature in data["features"]:
            lon, lat = feature["geometry"]["coordinates"][:2]
            props = feature["properties"]
            props["border_distance_km"] = round(index.distance_km(lon, lat), 1)
            props["border_side"] = index.side(lon, lat)
            place = gazetteer().get(props.get("place_id") or "")
            default = default_uncertainty(place, props.get("geo_precision", 1))
            if default is not None and not props.get("uncertainty"):
                props["uncertainty"] = default
        if problems := write_validated(path, data, ctx):
            print(*problems, sep="\n", file=sys.stderr)
            failed += 1
            continue
        print(f"{path.name}: {len(data['features'])} features annotated")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(annotate(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("layers")))
