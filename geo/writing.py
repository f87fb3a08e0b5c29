"""Writing layers: derived fields filled in, and written atomically only when they validate.

The curator's commands and the review page write through here, and here through the
store's one door (`geo.store`), so a layer file on disk is never half-written and never
invalid, and every write is locked and audited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from geo import settings
from geo.border import BorderIndex
from geo.context import Context
from geo.errors import Problem
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


def write_validated(
    path: Path,
    data: dict[str, Any],
    ctx: Context,
    *,
    action: str = "write",
    expect: str | None = None,
    detail: dict[str, Any] | None = None,
    who: str = "",
) -> list[Problem]:
    """Write a layer through the store's one door: validated, locked, atomic, audited.

    The layer's directory is the store's layers directory; `ctx` names the seeds and data
    directories. `expect` is the revision the caller read (None: whatever it is now).
    """
    from geo.store import store_for  # the store builds on this module's neighbours

    env = settings.from_env()
    same = env.compiled_dir and path.parent.resolve() == env.layers_dir.resolve()
    store = store_for(
        path.parent,
        ctx.seeds_dir or env.seeds_dir,
        ctx.data_dir or env.data_dir,
        compiled_dir=env.compiled_dir if same else None,
        max_layer_bytes=ctx.max_layer_bytes,
    )
    return store.write(path.stem, data, expect=expect, action=action, who=who, detail=detail)
