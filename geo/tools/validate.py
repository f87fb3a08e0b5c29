"""Command line: `atlas-validate [LAYERS_DIR] [--seeds DIR]` (or `python -m geo`).

Reports every problem at once (file, feature id, field, message) and exits 1,
or prints a one-line summary and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo import settings
from geo.context import load_context
from geo.layers import Catalog, load_catalog
from geo.stories import Stories, load_stories, stories_dir


def summarize(catalog: Catalog, stories: Stories | None = None) -> str:
    """Return the one-line summary of a clean catalog."""
    features = [f for _, f in catalog.features]
    excerpts = sum(len(f.properties.sources) for f in features)
    spans = sum(e.is_cited for f in features for e in f.properties.evidence)
    refs = len(catalog.references)
    told = f", {len(stories.stories)} stories" if stories and stories.stories else ""
    return (
        f"OK: {len(catalog.event_layers)} event layers, {len(features)} features, "
        f"{excerpts} excerpts verified at their offsets, {spans} evidence spans checked, "
        f"{refs} reference layers{told}"
    )


def main(argv: list[str] | None = None) -> int:
    """Validate a layers directory and return the process exit code."""
    parser = argparse.ArgumentParser(prog="atlas-validate", description=__doc__)
    env = settings.from_env()
    parser.add_argument("layers_dir", nargs="?", default=env.layers_dir, type=Path)
    parser.add_argument("--seeds", default=env.seeds_dir, type=Path, help="seed directory")
    parser.add_argument("--data", default=env.data_dir, type=Path, help="imported dataset files")
    args = parser.parse_args(argv)
    if not args.layers_dir.is_dir():
        print(f"{args.layers_dir}: no such directory", file=sys.stderr)
        return 1
    if not args.seeds.is_dir():
        print(f"{args.seeds}: no such seed directory", file=sys.stderr)
        return 1
    ctx = load_context(args.seeds, data_dir=args.data, max_layer_bytes=env.max_layer_bytes)
    catalog = load_catalog(args.layers_dir, ctx)
    if not catalog.layers:
        print(f"{args.layers_dir}: no *.geojson layers found", file=sys.stderr)
        return 1
    ids = {f.properties.id for _, f in catalog.features}
    stories = load_stories(stories_dir(args.layers_dir), ids)
    # Grouped by file, each file's problems in the order found (the last may say more).
    problems = sorted([*catalog.problems, *stories.problems], key=lambda p: p.file)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {args.layers_dir}", file=sys.stderr)
        return 1
    print(summarize(catalog, stories))
    return 0


if __name__ == "__main__":
    sys.exit(main())
