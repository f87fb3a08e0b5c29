"""What an import may write: never over a reference layer or another's events, never an id
another layer holds, never a layer bigger than the app will read.

`--out` may name a new file, an empty layer, or a layer of events this very dataset file
wrote (importing it again rewrites them). A layer the same dataset wrote from another file
(another release, another export) is replaced only when `--replace` names it. Curated
events, another dataset's events and the reference layers are never written over.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from geo.io import read_json
from geo.kinds import REFERENCE_MARK
from geo.layers import Catalog

REFERENCE_NAMES = ("border", "boundaries")
SHOWN_IDS = 5  # clashing ids named one by one; the rest are counted
MB = 1024 * 1024


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name the same file (resolved; neither need exist)."""
    return Path(a).resolve() == Path(b).resolve()


def _names(out: Path, replace: str | None) -> bool:
    """Whether --replace names the --out layer: by path, file name or layer name."""
    if not replace:
        return False
    return same_file(Path(replace), out) or replace in (out.name, out.stem)


def _holders(features: list[Any]) -> Counter[str]:
    """Who wrote each event: 'curated', or 'DATASET from FILE'."""
    held: Counter[str] = Counter()
    for feat in features:
        props = feat.get("properties") if isinstance(feat, dict) else None
        record = props.get("dataset") if isinstance(props, dict) else None
        if isinstance(record, dict):
            held[f"{record.get('dataset')} from {record.get('file')}"] += 1
        else:
            held["curated"] += 1
    return held


def _read_layer(out: Path, limit: int) -> tuple[dict[str, Any] | None, str | None]:
    data, problems = read_json(out, limit)
    if problems or not isinstance(data, dict):
        why = "; ".join(p.message for p in problems) or "not a GeoJSON FeatureCollection"
        return None, f"{out}: cannot tell what this file holds ({why}); nothing was written"
    return data, None


def out_refusal(out: Path, dataset: str, file: str, replace: str | None, limit: int) -> str | None:
    """Why the import must not write `out`, or None when it may."""
    out = Path(out)
    if out.stem in REFERENCE_NAMES:
        return f"{out}: is a reference layer ({out.stem}); the importer never writes over it"
    if not out.exists() and not out.is_symlink():
        return None
    data, problem = _read_layer(out, limit)
    if data is None:
        return problem
    if REFERENCE_MARK in data:
        kind = data[REFERENCE_MARK]
        return f"{out}: is a reference layer ({REFERENCE_MARK}: {kind}); never written over"
    features = data.get("features")
    held = _holders(features if isinstance(features, list) else [])
    mine = f"{dataset} from {file}"
    others = {who: n for who, n in held.items() if who != mine}
    if not others:
        return None  # empty, or this very file's events: importing again rewrites them
    return _others_refusal(out, dataset, others, _names(out, replace))


def _others_refusal(out: Path, dataset: str, others: dict[str, int], named: bool) -> str | None:
    said = ", ".join(f"{n} event(s) {who}" for who, n in sorted(others.items()))
    foreign = [who for who in others if not who.startswith(f"{dataset} from ")]
    if foreign:
        return (
            f"{out}: holds {said}; the importer writes only layers of its own dataset "
            "(choose a new --out file): nothing was written"
        )
    if named:
        return None
    return (
        f"{out}: holds {said}; to replace them with this file's events, add --replace "
        f"{out.name}: nothing was written"
    )


def id_clashes(catalog: Catalog, out: Path, ids: set[str]) -> str | None:
    """Ids the import would add that another loaded layer already holds, named."""
    clashes = sorted(
        (feat.properties.id, layer.path.name)
        for layer in catalog.layers
        if not same_file(layer.path, out)
        for feat in layer.features
        if feat.properties.id in ids
    )
    if not clashes:
        return None
    shown = ", ".join(f"{fid} (in {name})" for fid, name in clashes[:SHOWN_IDS])
    more = f" and {len(clashes) - SHOWN_IDS} more" if len(clashes) > SHOWN_IDS else ""
    return (
        f"{out}: {len(clashes)} id(s) already in another layer: {shown}{more}; an id lives in "
        "one layer only (import into that layer, or remove it first): nothing was written"
    )


def size_refusal(out: Path, text: str, limit: int) -> str | None:
    """Why a layer this big is not written: the app would refuse to read it."""
    size = len(text.encode("utf-8"))
    if size <= limit:
        return None
    return (
        f"{out}: the layer would be {size / MB:,.1f} MB, over ATLAS_MAX_LAYER_MB "
        f"({limit // MB:,} MB), so the app would refuse it; import fewer rows (split the "
        "file) or raise ATLAS_MAX_LAYER_MB: nothing was written"
    )
