"""What a vague location means, as geometry: circles, the border, one side of it, a country.

The rule (also in the map's legend): a place near a named city (precision 2) is a 10 km
circle; a region-level place (precision 3) is what the gazetteer says it stands for — a
band along the whole border, the band on one side of it, a country, or a wide circle.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import mapping, shape

from geo.model import Uncertainty
from geo.vocab import Place

NEAR_CITY_KM = 10.0
REGION_DEFAULT_KM = 50.0
_SIMPLIFY_DEG = 0.005  # ~500 m: plenty for a shaded area, keeps the map small


def default_uncertainty(place: Place | None, geo_precision: int) -> dict[str, Any] | None:
    """The area a feature at this place and precision stands for, by the rule above."""
    if geo_precision == 1:
        return None
    if geo_precision == 3 and place is not None and place.area:
        return dict(place.area)
    radius = NEAR_CITY_KM if geo_precision == 2 else REGION_DEFAULT_KM
    return {"shape": "circle", "radius_km": radius}


def _buffer_km(geom: Any, km: float) -> Any:
    """Buffer a lon/lat geometry by km in an equidistant projection centred on it."""
    centre = geom.centroid
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={centre.y} +lon_0={centre.x} +ellps=WGS84")
    forward = Transformer.from_crs("EPSG:4326", local, always_xy=True)
    back = Transformer.from_crs(local, "EPSG:4326", always_xy=True)
    projected = shapely.transform(geom, lambda xy: _apply(forward, xy))
    return shapely.transform(projected.buffer(km * 1000), lambda xy: _apply(back, xy))


def _apply(transformer: Transformer, xy: np.ndarray) -> np.ndarray:
    x, y = transformer.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def area_geojson(
    unc: Uncertainty, border: dict[str, Any] | None, boundaries: dict[str, Any] | None
) -> dict[str, Any] | None:
    """GeoJSON geometry of a non-circle area, or None (circles are drawn as circles)."""
    if unc.shape == "circle" or border is None or boundaries is None:
        return None
    countries = {f["properties"]["iso_a3"]: shape(f["geometry"]) for f in boundaries["features"]}
    if unc.shape == "country":
        geom = countries.get(unc.iso_a3)
    else:
        line = shapely.union_all([shape(f["geometry"]) for f in border["features"]])
        geom = _buffer_km(line, unc.radius_km or REGION_DEFAULT_KM)
        if unc.shape == "border-side":
            side = countries.get(unc.iso_a3)
            geom = geom.intersection(side) if side is not None else None
    if geom is None or geom.is_empty:
        return None
    return mapping(geom.simplify(_SIMPLIFY_DEG))
