"""Country boundaries and the Tajikistan–Afghanistan border line from Natural Earth.

Source: Natural Earth 1:10m admin-0 (public domain) as TopoJSON in the npm package
`world-atlas@2` (`countries-10m.json`). TopoJSON stores each shared boundary once as an
"arc"; the border is exactly the arcs Tajikistan and Afghanistan share.
"""

from __future__ import annotations

from typing import Any

from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge

# ISO 3166 numeric (world-atlas ids) -> alpha-3, for the region and its neighbours.
REGION_COUNTRIES = {
    "762": ("TJK", "Tajikistan"),
    "004": ("AFG", "Afghanistan"),
    "860": ("UZB", "Uzbekistan"),
    "417": ("KGZ", "Kyrgyzstan"),
    "156": ("CHN", "China"),
    "586": ("PAK", "Pakistan"),
    "364": ("IRN", "Iran"),
    "795": ("TKM", "Turkmenistan"),
    "356": ("IND", "India"),
}
FOCUS = {"TJK", "AFG"}
# Neighbours are clipped to this box (lon/lat) to keep the shipped file small.
CLIP_BOX = (55.0, 27.0, 81.0, 44.0)
COORD_DECIMALS = 5


class _Topology:
    """Decodes quantized, delta-encoded TopoJSON arcs."""

    def __init__(self, topo: dict[str, Any]):
        self.topo = topo
        scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
        self.arcs = [self._decode(arc, scale, translate) for arc in topo["arcs"]]

    @staticmethod
    def _decode(arc: list, scale: list, translate: list) -> list[tuple[float, float]]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append(
                (
                    round(x * scale[0] + translate[0], COORD_DECIMALS),
                    round(y * scale[1] + translate[1], COORD_DECIMALS),
                )
            )
        return points

    def arc(self, index: int) -> list[tuple[float, float]]:
        """Return an arc's points; a negative index (~i) means arc i reversed."""
        return self.arcs[index] if index >= 0 else self.arcs[~index][::-1]

    def ring(self, indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            part = self.arc(index)
            points.extend(part if not points else part[1:])
        return points

    def polygon(self, rings: list[list[int]]) -> Polygon:
        return Polygon(self.ring(rings[0]), [self.ring(r) for r in rings[1:]])

    def geometry(self, geom: dict[str, Any]) -> Polygon | MultiPolygon:
        if geom["type"] == "Polygon":
            return self.polygon(geom["arcs"])
        return MultiPolygon([self.polygon(p) for p in geom["arcs"]])


def _arc_ids(geom: dict[str, Any]) -> set[int]:
    found: set[int] = set()

    def walk(node: Any) -> None:
        if isinstance(node, int):
            found.add(node if node >= 0 else ~node)
        else:
            for child in node:
                walk(child)

    walk(geom["arcs"])
    return found


def _countries(topo: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {g.get("id"): g for g in topo["objects"]["countries"]["geometries"] if g.get("id")}


def boundaries_collection(topo: dict[str, Any]) -> list[dict[str, Any]]:
    """Features of the region's countries, neighbours clipped to CLIP_BOX."""
    topology, countries, clip = _Topology(topo), _countries(topo), box(*CLIP_BOX)
    features = []
    for numeric, (iso3, name) in REGION_COUNTRIES.items():
        shape: BaseGeometry = topology.geometry(countries[numeric])
        if iso3 not in FOCUS:
            shape = shape.intersection(clip)
        if shape.is_empty:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": mapping(shape),
                "properties": {"iso_a3": iso3, "name": name, "iso_n3": numeric},
            }
        )
    return features


def border_line(
    topo: dict[str, Any], a: str = "762", b: str = "004"
) -> LineString | MultiLineString:
    """The boundary two countries share, merged into as few lines as possible."""
    topology, countries = _Topology(topo), _countries(topo)
    shared = sorted(_arc_ids(countries[a]) & _arc_ids(countries[b]))
    if not shared:
        raise ValueError(f"countries {a} and {b} share no boundary")
    return linemerge(MultiLineString([topology.arc(i) for i in shared]))
