"""Paths of the shipped data and small readers the tests share."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from geo.model import REFERENCE_MARK
from geo.settings import ROOT

LAYERS = ROOT / "layers"
SEEDS = ROOT / "seeds"


def read_layer(path: Path) -> dict[str, Any]:
    """Parse a layer file."""
    return json.loads(path.read_text(encoding="utf-8"))


def write_layer(path: Path, data: Any) -> None:
    """Write a layer file as curators do (UTF-8, indented)."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def _is_reference(path: Path) -> bool:
    return REFERENCE_MARK in read_layer(path)


EVENT_LAYER_FILES = [p for p in sorted(LAYERS.glob("*.geojson")) if not _is_reference(p)]
REFERENCE_LAYER_FILES = [p for p in sorted(LAYERS.glob("*.geojson")) if _is_reference(p)]


def overlaps(props: dict[str, Any], start: str, end: str) -> bool:
    """A dated event, or a site's period (open ends overlap), meets [start, end] (ISO days)."""
    if props.get("valid_from") or props.get("valid_to"):
        begins = (props.get("valid_from") or {}).get("start", "0000")
        ends = (props.get("valid_to") or {}).get("end", "9999")
        return begins <= end and ends >= start
    return bool(props["date_start"]) and props["date_start"] <= end and props["date_end"] >= start


T = TypeVar("T")
Located = tuple[str, dict[str, Any]]  # (layer file's stem, raw feature)


def layer_events() -> list[Located]:
    """Every event of every event layer in layers/, as the files have them."""
    return [(p.stem, f) for p in EVENT_LAYER_FILES for f in read_layer(p)["features"]]


def check_every(items: Iterable[T], check: Callable[[T], None], name: Callable[[T], str]) -> None:
    """Apply one check to every item and fail once, naming every item that breaks it."""
    failures, count = [], 0
    for item in items:
        count += 1
        try:
            check(item)
        except Exception as exc:  # an assert, or a field missing from a broken feature
            failures.append(f"{name(item)}: {str(exc).strip() or type(exc).__name__}")
    shown = "\n".join(failures[:100])
    more = f"\n… and {len(failures) - 100} more" if len(failures) > 100 else ""
    assert not failures, f"{len(failures)} of {count} break the rule:\n{shown}{more}"


def check_every_event(events: Iterable[Located], check: Callable[[str, dict], None]) -> None:
    """Apply one data rule, `check(layer, feature)`, to every event; fail once, naming each
    event that breaks it. One test per rule, however many events layers/ holds: the suite's
    count never grows with the data, and a bad layer shows all its bad events at once.
    """
    check_every(events, lambda e: check(*e), _event_name)


def _event_name(located: Located) -> str:
    layer, feature = located
    return f"{(feature.get('properties') or {}).get('id')} ({layer})"


def copy_layers(dest: Path, *, compiled: bool = True) -> Path:
    """A scratch copy of layers/ at `dest` (without its compiled GeoParquet when not wanted)."""
    ignore = None if compiled else shutil.ignore_patterns(".compiled")
    shutil.copytree(LAYERS, dest, ignore=ignore)
    return dest


def imported_layers(root: Path, dataset: str, csv: Path) -> tuple[Path, Path]:
    """`root/layers` (a copy of the shipped layers) with a dataset's CSV imported as
    `<dataset>.geojson`, and `root/data` (where the import keeps the CSV)."""
    from geo.importers.__main__ import main as import_main

    layers, data = copy_layers(root / "layers"), root / "data"
    args = [dataset, str(csv), "--out", str(layers / f"{dataset}.geojson")]
    args += ["--layers", str(layers), "--data", str(data), "--seeds", str(SEEDS)]
    assert import_main(args) == 0
    return layers, data


def with_copied_event(layer: dict[str, Any], new_id: str) -> dict[str, Any]:
    """The layer with one more event: a deep copy of its first, under a new id, unlinked."""
    extra = json.loads(json.dumps(layer["features"][0]))
    extra["properties"]["id"] = new_id
    extra["properties"].pop("related", None)
    return {**layer, "features": [*layer["features"], extra]}


WIDE_SHAPES = ("border", "border-side", "country")


def wide_ids() -> set[str]:
    """Ids of the shipped events placed only in a border band, a side or a country: the
    map draws them as that area, never as a marker (geo/view/modes.py)."""
    return {
        f["properties"]["id"]
        for _layer, f in layer_events()
        if (f["properties"].get("uncertainty") or {}).get("shape") in WIDE_SHAPES
    }


def with_point(ids: Iterable[str]) -> set[str]:
    """The ids whose events have a point, so the map draws them as markers."""
    return set(ids) - wide_ids()
