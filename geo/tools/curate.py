"""Curator's tool: `atlas-curate LAYER.geojson ...` (or `python -m geo.tools.curate`).

Fills in what a person should not count by hand: the `start`/`end` offsets of
each excerpt in its seed, and the coordinates of gazetteer places for
precision-1 features. The file is rewritten atomically and only if the result
validates.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from geo import settings
from geo.context import Context, load_context
from geo.errors import Problem
from geo.io import read_json
from geo.text import find_folded
from geo.vocab import Place
from geo.writing import write_validated


def anchor_source(src: dict[str, Any], seeds: Mapping[str, str]) -> str | None:
    """Set a source's offsets from its excerpt; return a message if that is impossible."""
    text = seeds.get(src.get("doc", ""))
    excerpt = src.get("excerpt", "")
    if text is None:
        return f"no seed named {src.get('doc')!r}"
    start = src.get("start")
    if isinstance(start, int) and text[start : start + len(excerpt)] == excerpt:
        src["end"] = start + len(excerpt)
        return None
    first = text.find(excerpt)
    if first < 0:
        return _anchor_folded(src, text)
    if text.find(excerpt, first + 1) >= 0:
        return f"excerpt occurs more than once in {src['doc']}; set start by hand"
    src["start"], src["end"] = first, first + len(excerpt)
    return None


def _anchor_folded(src: dict[str, Any], text: str) -> str | None:
    """Anchor an excerpt typed with other letter forms, digits or spacing than the seed.

    The stored excerpt becomes the seed's own text, so provenance stays verbatim.
    """
    spans = find_folded(text, src["excerpt"])
    if not spans:
        return f"excerpt not found verbatim in {src['doc']}: {src['excerpt'][:40]!r}…"
    if len(spans) > 1:
        return f"excerpt occurs more than once in {src['doc']}; set start by hand"
    start, end = spans[0]
    src["excerpt"], src["start"], src["end"] = text[start:end], start, end
    return None


def place_point(
    props: dict[str, Any], feature: dict[str, Any], places: Mapping[str, Place]
) -> str | None:
    """Put a gazetteer feature on its gazetteer point; return a message if unknown."""
    place_id = props.get("place_id")
    if place_id is None:
        return None
    place = places.get(place_id)
    if place is None:
        return f"unknown place_id {place_id!r}"
    if props.get("geo_precision") == 1 or feature.get("geometry") is None:
        feature["geometry"] = {"type": "Point", "coordinates": [place.lon, place.lat]}
    return None


def curate(path: Path, ctx: Context) -> list[Problem]:
    """Anchor excerpts and places in one layer file and save it if it validates."""
    data, problems = read_json(path)
    if problems:
        return problems
    for feature in data.get("features", []):
        props = feature.get("properties", {})
        fid = props.get("id")
        for i, src in enumerate(props.get("sources", [])):
            if msg := anchor_source(src, ctx.seeds):
                problems.append(Problem(path.name, fid, f"sources[{i}]", msg))
        if msg := place_point(props, feature, ctx.places):
            problems.append(Problem(path.name, fid, "place_id", msg))
    if problems:
        return problems
    return write_validated(path, data, ctx)


def main(argv: list[str] | None = None) -> int:
    """Curate the given layer files; exit 1 if any problem remains."""
    parser = argparse.ArgumentParser(prog="atlas-curate", description=__doc__)
    parser.add_argument("layers", nargs="+", type=Path)
    parser.add_argument("--seeds", default=settings.from_env().seeds_dir, type=Path)
    args = parser.parse_args(argv)
    ctx = load_context(args.seeds)
    problems = [p for path in args.layers for p in curate(path, ctx)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
