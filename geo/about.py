"""Facts for the 'About the data' section: stated vs measured border length."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pyproj import Geod
from shapely.geometry import shape

from geo.model import EventFeature

_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class StatedLength:
    """A border length a source states, with where it says so."""

    km: float
    as_written: str
    feature_id: str
    doc: str
    excerpt: str


def stated_border_lengths(features: dict[str, EventFeature]) -> list[StatedLength]:
    """Every 'border-length-km' claim in the layers, with its excerpt."""
    out = []
    for fid, feat in features.items():
        for claim in feat.properties.claims:
            if claim.name == "border-length-km":
                src = feat.properties.sources[claim.source]
                out.append(
                    StatedLength(claim.value, f"{claim.value:,.0f} km", fid, src.doc, src.excerpt)
                )
    return sorted(out, key=lambda s: s.km)


def measured_length_km(border: dict[str, Any]) -> float:
    """Geodesic length (WGS84 ellipsoid) of every line in a border layer, in km."""
    return sum(_GEOD.geometry_length(shape(f["geometry"])) for f in border["features"]) / 1000
