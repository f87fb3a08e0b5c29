"""Distance to the Tajikistan–Afghanistan border and side of it, computed geodesically.

The border line is densified to vertices at most `SPACING_KM` apart; the distance is the
geodesic (WGS84 ellipsoid) distance to the nearest vertex, so it is at most
SPACING_KM / 2 too long. The side is found by point-in-polygon on the 1:10m countries.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry import shape

if TYPE_CHECKING:
    from scipy.spatial import cKDTree

SPACING_KM = 0.5
ON_BORDER_KM = 1.0  # closer than this, no side is claimed: the point is on the line
SIDES = ("TJK", "AFG")
_GEOD = Geod(ellps="WGS84")
# Vertices measured on the ellipsoid after the flat prefilter; points per numpy block.
_CANDIDATES = 16


@dataclass(frozen=True)
class BorderIndex:
    """Densified border vertices and the two countries' polygons."""

    lons: np.ndarray
    lats: np.ndarray
    countries: dict[str, Any]  # iso_a3 -> shapely geometry

    def distance_km(self, lon: float, lat: float) -> float:
        """Geodesic distance from (lon, lat) to the border, in km."""
        return float(self.distances_km(np.array([lon]), np.array([lat]))[0])

    def distances_km(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
        """Geodesic distances of many points to the border, in km.

        The nearest vertices on a sphere (chord length ranks great-circle distance
        exactly; found with a k-d tree of the vertices' unit vectors) are measured on the
        ellipsoid; the sphere misranks by well under 1%, so the true nearest vertex is
        among the first _CANDIDATES.
        """
        lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
        if not len(lons):
            return np.empty(0)
        keep = min(_CANDIDATES, len(self.lons))
        _, nearest = self._tree.query(_unit_vectors(lons, lats), k=keep)
        nearest = np.asarray(nearest).reshape(len(lons), keep)
        _, _, dist = _GEOD.inv(
            np.repeat(lons, keep), np.repeat(lats, keep),
            self.lons[nearest].ravel(), self.lats[nearest].ravel(),
        )  # fmt: skip
        return np.asarray(dist).reshape(len(lons), keep).min(axis=1) / 1000

    @functools.cached_property
    def _tree(self) -> cKDTree:
        # Imported when first needed (a compile, an import): scipy costs about 0.5 s of a
        # start that reads compiled files and measures no distance.
        from scipy.spatial import cKDTree

        return cKDTree(_unit_vectors(self.lons, self.lats))

    def sides(self, lons: np.ndarray, lats: np.ndarray, km: np.ndarray) -> list[str | None]:
        """`side` of many points at once, given their distances to the border."""
        found: list[str | None] = [None] * len(lons)
        for iso3, geom in self.countries.items():
            inside = shapely.contains_xy(geom, np.asarray(lons), np.asarray(lats))
            for i in np.flatnonzero(inside & (np.asarray(km) >= ON_BORDER_KM)):
                found[i] = found[i] or iso3
        return found

    def side(self, lon: float, lat: float) -> str | None:
        """ISO alpha-3 of the side the point is on; None on the line or outside both."""
        if self.distance_km(lon, lat) < ON_BORDER_KM:
            return None
        point = shapely.Point(lon, lat)
        for iso3, geom in self.countries.items():
            if geom.contains(point):
                return iso3
        return None


def _unit_vectors(lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    lon, lat = np.radians(lons), np.radians(lats)
    return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=1)


def _densify(line: Any) -> tuple[np.ndarray, np.ndarray]:
    lons, lats = [], []
    parts = getattr(line, "geoms", [line])
    for part in parts:
        coords = list(part.coords)
        for (x0, y0), (x1, y1) in itertools.pairwise(coords):
            _, _, seg = _GEOD.inv(x0, y0, x1, y1)
            steps = max(1, int(np.ceil(seg / 1000 / SPACING_KM)))
            inner = _GEOD.npts(x0, y0, x1, y1, steps - 1) if steps > 1 else []
            for x, y in [(x0, y0), *inner]:
                lons.append(x)
                lats.append(y)
        lons.append(coords[-1][0])
        lats.append(coords[-1][1])
    return np.asarray(lons), np.asarray(lats)


def build_index(border: dict[str, Any], boundaries: dict[str, Any]) -> BorderIndex:
    """Build the index from the border and boundaries reference layers."""
    line = shapely.union_all([shape(f["geometry"]) for f in border["features"]])
    lons, lats = _densify(line)
    countries = {
        f["properties"]["iso_a3"]: shape(f["geometry"])
        for f in boundaries["features"]
        if f["properties"].get("iso_a3") in SIDES
    }
    for geom in countries.values():
        shapely.prepare(geom)
    return BorderIndex(lons, lats, countries)
