"""Controlled vocabularies shipped with the package: actors and the gazetteer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VOCAB_DIR = Path(__file__).parent

# The two countries the atlas is about, and how the page names them.
FOCUS_COUNTRIES = {"TJK": "Tajikistan", "AFG": "Afghanistan"}
COUNTRY_ADJECTIVES = {"TJK": "Tajik", "AFG": "Afghan"}


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
    aliases: dict[str, list[str]] | None = None  # other spellings, by language
    admin1: str | None = None  # the first-level division it lies in (ACLED's spelling)


@cache
def load_actors(vocab_dir: Path = VOCAB_DIR) -> dict[str, Actor]:
    """Return the actor vocabulary keyed by canonical name (read once per directory)."""
    raw = json.loads((vocab_dir / "actors.json").read_text(encoding="utf-8"))
    return {
        a["name"]: Actor(a["name"], a["kind"], {k: tuple(v) for k, v in a["aliases"].items()})
        for a in raw["actors"]
    }


@cache
def load_gazetteer(vocab_dir: Path = VOCAB_DIR) -> dict[str, Place]:
    """Return the gazetteer keyed by place id (read once per directory)."""
    raw = json.loads((vocab_dir / "gazetteer.json").read_text(encoding="utf-8"))
    return {p["id"]: Place(**p) for p in raw["places"]}
