"""Write derived fields into every feature of the event layers: `atlas-annotate [LAYERS_DIR]`.

- `border_distance_km` and `border_side`, recomputed from the geometry;
- `uncertainty`, when a vague feature has none yet, from the gazetteer's rule
  (geo/uncertainty.py); an uncertainty a curator wrote is kept.

Distances are geodesic (WGS84) to the border reference layer; the side comes from
point-in-polygon on the boundaries reference layer (found by their `atlas:reference`
mark, whatever the files are called). Each file is rewritten atomically, and only if it
still validates.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo import settings
from geo.border import build_index
from geo.context import Context, load_context
from geo.io import read_json
from geo.layers import load_catalog
from geo.model import REFERENCE_MARK, ReferenceKind
from geo.writing import annotate_feature, write_validated


def annotate(layers_dir: Path, ctx: Context) -> int:
    """Annotate every event layer of a directory; return the exit code."""
    refs = load_catalog(layers_dir, ctx).references
    if ReferenceKind.BORDER not in refs or ReferenceKind.BOUNDARIES not in refs:
        print(f"{layers_dir}: needs a valid border and boundaries reference layer", file=sys.stderr)
        return 1
    index = build_index(refs[ReferenceKind.BORDER], refs[ReferenceKind.BOUNDARIES])
    failed = 0
    for path in sorted(layers_dir.glob("*.geojson")):
        data, problems = read_json(path)
        if problems or data.get(REFERENCE_MARK):
            continue
        for feature in data["features"]:
            annotate_feature(feature, index, ctx)
        if problems := write_validated(path, data, ctx):
            print(*problems, sep="\n", file=sys.stderr)
            failed += 1
            continue
        print(f"{path.name}: {len(data['features'])} features annotated")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and annotate."""
    env = settings.from_env()
    parser = argparse.ArgumentParser(prog="atlas-annotate", description=__doc__)
    parser.add_argument("layers_dir", nargs="?", default=env.layers_dir, type=Path)
    parser.add_argument("--seeds", default=env.seeds_dir, type=Path)
    args = parser.parse_args(argv)
    return annotate(args.layers_dir, load_context(args.seeds, data_dir=env.data_dir))


if __name__ == "__main__":
    sys.exit(main())
