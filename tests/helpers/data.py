"""Paths of the shipped data and small readers the tests share."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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
