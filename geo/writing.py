"""Writing layers: derived fields filled in, and written atomically only when they validate.

The curator's commands, the importers and the review page all write through here, so a
layer file on disk is never half-written and never invalid.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from geo.border import BorderIndex
from geo.context import Context
from geo.errors import Problem, ValidationError
from geo.io import atomic_write_text, dump_geojson
from geo.layers import load_layer
from geo.uncertainty import default_uncertainty


def annotate_feature(feature: dict[str, Any], index: BorderIndex, ctx: Context) -> None:
    """Set one raw feature's border fields and default uncertainty in place."""
    lon, lat = feature["geometry"]["coordinates"][:2]
    props = feature["properties"]
    props["border_distance_km"] = round(index.distance_km(lon, lat), 1)
    props["border_side"] = index.side(lon, lat)
    place = ctx.places.get(props.get("place_id") or "")
    default = default_uncertainty(place, props.get("geo_precision", 1))
    if default is not None and not props.get("uncertainty"):
        props["uncertainty"] = default


def write_validated(path: Path, data: dict[str, Any], ctx: Context) -> list[Problem]:
    """Write a layer atomically, but only if the written bytes validate as a layer."""

    def _check(tmp: Path) -> None:
        if found := load_layer(tmp, ctx).problems:
            raise ValidationError(found)

    try:
        atomic_write_text(path, dump_geojson(data), check=_check)
    except ValidationError as exc:
        return [Problem(path.name, p.feature, p.field, p.message) for p in exc.problems]
    return []
