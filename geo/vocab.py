"""Controlled vocabularies shipped with the package: actors and the gazetteer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VOCAB_DIR = Path(__file__).parent / "vocab"


@dataclass(frozen=True)
class Actor:
    """A canonical actor with its aliases by language."""

    name: str
    kind: str
    aliases: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: names by language and a representative point (lon, lat)."""

    id: str
    kind: str
    country: str | None
    geonames_id: int | None
    lon: float
    lat: float
    names: dict[str, str]
    note: str | None = None
    area: dict | None = None  # the Uncertainty this place stands for at precision 3


@cache
def actors() -> dict[str, Actor]:
    """Return the actor vocabulary keyed by canonical name."""
    raw = json.loads((VOCAB_DIR / "actors.json").read_text(encoding="utf-8"))
    return {
        a["name"]: Actor(a["name"], a["kind"], {k: tuple(v) for k, v in a["aliases"].items()})
        for a in raw["actors"]
    }


@cache
def gazetteer() -> dict[str, Place]:
    """Return the gazetteer keyed by place id."""
    raw = json.loads((VOCAB_DIR / "gazetteer.json").read_text(encoding="utf-8"))
    return {p["id"]: Place(**p) for p in raw["places"]}
