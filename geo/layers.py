"""Loading layer files into validated features, collecting every problem on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic
import shapely.errors
import shapely.geometry
import shapely.validation

from geo.border import BorderIndex, build_index
from geo.checks import check_border_fields, check_feature, check_links, pydantic_problems
from geo.context import Context
from geo.errors import Problem
from geo.io import read_json
from geo.model import REFERENCE_MARK, EventFeature, ReferenceKind

LAYER_SUFFIX = ".geojson"


@dataclass
class Layer:
    """One layer file: its valid features and what was wrong with the rest."""

    name: str
    path: Path
    title: str
    features: list[EventFeature] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    reference: dict[str, Any] | None = None  # a reference layer's raw FeatureCollection


@dataclass
class Catalog:
    """Every layer of a directory, after validation."""

    layers: list[Layer]

    context_problems: tuple[Problem, ...] = ()

    @property
    def problems(self) -> list[Problem]:
        """Every problem: the seeds' and manifest's first, then each layer's."""
        return [*self.context_problems, *(p for layer in self.layers for p in layer.problems)]

    @property
    def features(self) -> list[tuple[str, EventFeature]]:
        """Return (layer name, feature) for every valid event feature."""
        return [(layer.name, f) for layer in self.layers for f in layer.features]

    @property
    def event_layers(self) -> list[Layer]:
        """The layers that hold events (not reference geometry)."""
        return [layer for layer in self.layers if layer.reference is None]

    @property
    def references(self) -> dict[ReferenceKind, dict[str, Any]]:
        """The reference layers by kind (boundaries, border), whatever their file names."""
        return {
            ReferenceKind(layer.reference[REFERENCE_MARK]): layer.reference
            for layer in self.layers
            if layer.reference
        }


def _feature_label(raw: Any, index: int) -> str:
    """Name a raw feature by its id when it has a usable one, else by position."""
    props = raw.get("properties") if isinstance(raw, dict) else None
    fid = props.get("id") if isinstance(props, dict) else None
    if isinstance(fid, str) and fid.strip() and len(fid) <= 120:
        return fid
    return f"#{index}"


def _collection_problems(name: str, data: Any) -> list[Problem]:
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        kind = data.get("type") if isinstance(data, dict) else type(data).__name__
        return [Problem(name, None, "type", f"expected a GeoJSON FeatureCollection, got {kind!r}")]
    if not isinstance(data.get("features"), list):
        return [Problem(name, None, "features", "a FeatureCollection needs a 'features' list")]
    if "crs" in data:
        return [Problem(name, None, "crs", "RFC 7946 drops 'crs': coordinates are WGS84 lon/lat")]
    unknown = set(data) - {"type", "features", "name", "description", "bbox", REFERENCE_MARK}
    if unknown:
        return [Problem(name, None, None, f"unexpected members {sorted(unknown)}")]
    return []


_REFERENCE_GEOMETRIES = {
    ReferenceKind.BOUNDARIES: {"Polygon", "MultiPolygon"},
    ReferenceKind.BORDER: {"LineString", "MultiLineString"},
}


def _reference_problems(name: str, data: dict[str, Any]) -> list[Problem]:
    """Check a reference layer: known kind, right geometry types, valid shapes."""
    kind = data[REFERENCE_MARK]
    allowed = _REFERENCE_GEOMETRIES.get(kind)
    if allowed is None:
        return [Problem(name, None, REFERENCE_MARK, f"unknown reference kind {kind!r}")]
    problems = []
    for index, raw in enumerate(data["features"]):
        label = f"#{index}"
        try:
            geom = shapely.geometry.shape(raw["geometry"])
        except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.ShapelyError):
            problems.append(Problem(name, label, "geometry", "not a readable GeoJSON geometry"))
            continue
        if geom.geom_type not in allowed:
            problems.append(
                Problem(
                    name,
                    label,
                    "geometry",
                    f"{geom.geom_type} in a {kind} layer (want {sorted(allowed)})",
                )
            )
        elif not geom.is_valid:
            problems.append(
                Problem(name, label, "geometry", shapely.validation.explain_validity(geom))
            )
        if kind == ReferenceKind.BOUNDARIES and not (raw.get("properties") or {}).get("iso_a3"):
            problems.append(
                Problem(name, label, "iso_a3", "each country needs its ISO alpha-3 code")
            )
    return problems


def load_layer(path: Path, ctx: Context) -> Layer:
    """Load one layer file; bad features are left out and reported, good ones kept."""
    name = path.stem
    data, problems = read_json(path)
    layer = Layer(
        name=name, path=path, title=name.replace("_", " ").capitalize(), problems=problems
    )
    if problems:
        return layer
    layer.problems = _collection_problems(path.name, data)
    if layer.problems:
        return layer
    layer.title = str(data.get("name") or layer.title)
    if data.get(REFERENCE_MARK):
        layer.problems = _reference_problems(path.name, data)
        layer.reference = None if layer.problems else data
        return layer
    for index, raw in enumerate(data["features"]):
        label = _feature_label(raw, index)
        try:
            feat = EventFeature.model_validate(raw)
        except pydantic.ValidationError as exc:
            layer.problems += pydantic_problems(path.name, label, exc)
            continue
        found = check_feature(path.name, feat, ctx)
        layer.problems += found
        if not found:
            layer.features.append(feat)
    return layer


def load_catalog(layers_dir: Path, ctx: Context) -> Catalog:
    """Load every *.geojson in a directory and run the checks that span layers."""
    paths = sorted(Path(layers_dir).glob(f"*{LAYER_SUFFIX}"))
    catalog = Catalog([load_layer(p, ctx) for p in paths], ctx.problems)
    _drop_duplicates(catalog)
    _drop_broken_links(catalog)
    _drop_stale_border_fields(catalog)
    return catalog


def border_index(catalog: Catalog) -> BorderIndex | None:
    """The border index of the catalog's reference layers, if it has both."""
    refs = catalog.references
    if ReferenceKind.BORDER not in refs or ReferenceKind.BOUNDARIES not in refs:
        return None
    return build_index(refs[ReferenceKind.BORDER], refs[ReferenceKind.BOUNDARIES])


def _drop_stale_border_fields(catalog: Catalog) -> None:
    index = border_index(catalog)
    if index is None:
        return
    for layer in catalog.event_layers:
        kept = []
        for feat in layer.features:
            found = check_border_fields(layer.path.name, feat, index)
            layer.problems += found
            if not found:
                kept.append(feat)
        layer.features = kept


def _drop_duplicates(catalog: Catalog) -> None:
    seen: dict[str, str] = {}
    for layer in catalog.layers:
        kept = []
        for feat in layer.features:
            fid = feat.properties.id
            if fid in seen:
                layer.problems.append(
                    Problem(layer.path.name, fid, "id", f"duplicate id; first used in {seen[fid]}")
                )
            else:
                seen[fid] = layer.path.name
                kept.append(feat)
        layer.features = kept


def _drop_broken_links(catalog: Catalog) -> None:
    located = {
        f.properties.id: (layer.path.name, f) for layer in catalog.layers for f in layer.features
    }
    rejected = frozenset(p.feature for p in catalog.problems if p.feature) - set(located)
    problems = check_links(located, rejected)
    bad = {p.feature for p in problems}
    by_file = {layer.path.name: layer for layer in catalog.layers}
    for p in problems:
        by_file[p.file].problems.append(p)
    for layer in catalog.layers:
        layer.features = [f for f in layer.features if f.properties.id not in bad]
