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
from geo.checks import check_border_fields_all, check_feature, check_links, pydantic_problems
from geo.context import Context
from geo.errors import Problem
from geo.io import read_json
from geo.model import REFERENCE_MARK, EventFeature, ReferenceKind
from geo.published.verify import verify_imported

LAYER_SUFFIX = ".geojson"
# A file stops being checked after this many problems: a broken export of a million
# features would otherwise report millions of lines (and take minutes and gigabytes).
MAX_PROBLEMS_PER_FILE = 50
MAX_TITLE = 200


@dataclass
class Layer:
    """One layer file: its valid features and what was wrong with the rest."""

    name: str
    path: Path
    title: str
    features: list[EventFeature] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    reference: dict[str, Any] | None = None  # a valid reference layer's FeatureCollection
    claims: str | None = None  # the `atlas:reference` kind the file claims, valid or not


@dataclass
class Catalog:
    """Every layer of a directory, after validation."""

    layers: list[Layer]

    context_problems: tuple[Problem, ...] = ()
    # The one layer used per reference kind (see `choose_references`).
    chosen: dict[ReferenceKind, Layer] = field(default_factory=dict)

    @property
    def problems(self) -> list[Problem]:
        """Every problem: the seeds' and manifest's first, then each layer's."""
        return [*self.context_problems, *(p for layer in self.layers for p in layer.problems)]

    @property
    def features(self) -> list[tuple[str, EventFeature]]:
        """Return (layer name, feature) for every valid event feature."""
        return [(layer.name, f) for layer in self.layers for f in layer.features]

    @property
    def features_by_file(self) -> list[tuple[str, EventFeature]]:
        """Return (layer file name, feature) for every valid event feature."""
        return [(layer.path.name, f) for layer in self.layers for f in layer.features]

    @property
    def event_layers(self) -> list[Layer]:
        """The layers that hold events (not files claiming to be reference geometry)."""
        return [layer for layer in self.layers if layer.claims is None]

    @property
    def references(self) -> dict[ReferenceKind, dict[str, Any]]:
        """The reference layer used for each kind (boundaries, border)."""
        return {kind: layer.reference for kind, layer in self.chosen.items() if layer.reference}

    def reference_file(self, kind: ReferenceKind) -> str:
        """File name of the reference layer used for a kind ('' when there is none)."""
        layer = self.chosen.get(kind)
        return layer.path.name if layer else ""


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
    # Any JSON value may stand here: a list or object is not a kind (and not hashable).
    known = {str(k): k for k in ReferenceKind}
    allowed = (
        _REFERENCE_GEOMETRIES[known[kind]] if isinstance(kind, str) and kind in known else None
    )
    if allowed is None:
        shown = repr(kind)[:60]
        return [Problem(name, None, REFERENCE_MARK, f"unknown reference kind {shown}")]
    problems: list[Problem] = []
    for index, raw in enumerate(data["features"]):
        if len(problems) >= MAX_PROBLEMS_PER_FILE:
            problems = problems[:MAX_PROBLEMS_PER_FILE]
            problems.append(_stopped(name, len(data["features"]) - index))
            break
        problems.extend(_reference_feature_problems(name, f"#{index}", raw, kind, allowed))
    return problems


def _reference_feature_problems(
    name: str, label: str, raw: Any, kind: str, allowed: frozenset[str] | set[str]
) -> list[Problem]:
    """One reference feature's problems: a readable geometry of an allowed type, valid;
    a country's ISO code."""
    try:
        geom = shapely.geometry.shape(raw["geometry"])
    except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.ShapelyError):
        return [Problem(name, label, "geometry", "not a readable GeoJSON geometry")]
    problems: list[Problem] = []
    if geom.geom_type not in allowed:
        wanted = f"{geom.geom_type} in a {kind} layer (want {sorted(allowed)})"
        problems.append(Problem(name, label, "geometry", wanted))
    elif not geom.is_valid:
        problems.append(Problem(name, label, "geometry", shapely.validation.explain_validity(geom)))
    if kind == ReferenceKind.BOUNDARIES and not (raw.get("properties") or {}).get("iso_a3"):
        problems.append(Problem(name, label, "iso_a3", "each country needs its ISO alpha-3 code"))
    return problems


STOPPED = "… and more: checking stopped"


def _stopped(file: str, unchecked: int) -> Problem:
    message = (
        f"{STOPPED} after {MAX_PROBLEMS_PER_FILE} problems; "
        f"{unchecked:,} more feature(s) not checked"
    )
    return Problem(file, None, None, message)


def load_events(
    layer: Layer, features: list[Any], ctx: Context, *, cap: int | None = MAX_PROBLEMS_PER_FILE
) -> None:
    """Validate each raw feature, keeping the good ones, until the problem cap (None:
    every feature is checked, as a batch of a bigger file must be)."""
    file = layer.path.name
    for index, raw in enumerate(features):
        if cap is not None and len(layer.problems) >= cap:
            layer.problems = layer.problems[:MAX_PROBLEMS_PER_FILE]
            layer.problems.append(_stopped(file, len(features) - index))
            return
        label = _feature_label(raw, index)
        try:
            feat = EventFeature.model_validate(raw)
        except pydantic.ValidationError as exc:
            layer.problems += pydantic_problems(file, label, exc)
            continue
        found = check_feature(file, feat, ctx)
        layer.problems += found
        if not found:
            layer.features.append(feat)


def load_layer(path: Path, ctx: Context) -> Layer:
    """Load one layer file; bad features are left out and reported, good ones kept."""
    data, problems = read_json(path, ctx.max_layer_bytes)
    return layer_from_data(path, data, problems, ctx)


def layer_from_data(path: Path, data: Any, problems: list[Problem], ctx: Context) -> Layer:
    """A layer from a file's parsed JSON (or the problems reading it)."""
    name = path.stem
    layer = Layer(
        name=name, path=path, title=name.replace("_", " ").capitalize(), problems=problems
    )
    if problems:
        return layer
    layer.problems = _collection_problems(path.name, data)
    if isinstance(data, dict) and data.get(REFERENCE_MARK):
        layer.claims = str(data[REFERENCE_MARK])
    if layer.problems:
        return layer
    # A title is a label, not a document: a megabyte "name" must not fill the page.
    layer.title = str(data.get("name") or layer.title)[:MAX_TITLE]
    if layer.claims is not None:
        layer.problems = _reference_problems(path.name, data)
        layer.reference = None if layer.problems else data
        return layer
    load_events(layer, data["features"], ctx)
    return layer


def load_catalog(layers_dir: Path, ctx: Context) -> Catalog:
    """Load every *.geojson in a directory and run the checks that span layers."""
    paths = sorted(Path(layers_dir).glob(f"*{LAYER_SUFFIX}"))
    catalog = Catalog([load_layer(p, ctx) for p in paths], ctx.problems)
    choose_references(catalog)
    check_catalog(catalog, ctx)
    return catalog


def check_catalog(
    catalog: Catalog, ctx: Context, *, links: bool = True, fresh: bool = False, cap: bool = True
) -> None:
    """The checks that span a catalog's layers: duplicate ids, imports their dataset backs,
    links recorded from both ends (unless `links` is off) and stale border fields. An
    import's own write is `fresh`: it just mapped its rows from those very bytes and
    measured their border fields on this border, so neither is done twice."""
    _drop_duplicates(catalog)
    if not fresh:
        _drop_unverified_imports(catalog, ctx)
    if links:
        _drop_broken_links(catalog)
    if not fresh:
        _drop_stale_border_fields(catalog)
    for layer in catalog.layers if cap else ():
        layer.problems = cap_problems(layer.problems)


def cap_problems(problems: list[Problem], cap: int = MAX_PROBLEMS_PER_FILE) -> list[Problem]:
    """At most `cap` problems of one file, then one line saying how many more there were."""
    if len(problems) <= cap + 1:
        return problems
    rest = problems[cap:]
    stops = [p for p in rest if p.message.startswith(STOPPED)]  # keeps its count of features
    more = Problem(problems[0].file, None, None, f"… and {len(rest) - len(stops):,} more")
    return [*problems[:cap], more, *stops]


def choose_references(catalog: Catalog) -> None:
    """Use exactly one valid layer per reference kind; report every other claimant.

    The rule: the file named after its kind (`border.geojson`, `boundaries.geojson`)
    wins; otherwise the first claimant by file name. A stray second border would
    otherwise replace the real one and every event would be measured against it.
    """
    for kind in ReferenceKind:
        valid = [layer for layer in catalog.layers if layer.claims == kind and layer.reference]
        if not valid:
            continue
        wanted = f"{kind}{LAYER_SUFFIX}"
        chosen = next((layer for layer in valid if layer.path.name == wanted), valid[0])
        catalog.chosen[kind] = chosen
        for layer in valid:
            if layer is not chosen:
                message = (
                    f"also claims to be the {kind} reference layer; ignored: only one is used, "
                    f"{chosen.path.name} (the file named {wanted} wins, else the first by name)"
                )
                layer.problems.append(Problem(layer.path.name, None, REFERENCE_MARK, message))


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
    used = (
        catalog.reference_file(ReferenceKind.BORDER),
        catalog.reference_file(ReferenceKind.BOUNDARIES),
    )
    located = [(layer.path.name, f) for layer in catalog.event_layers for f in layer.features]
    if located:
        _drop_blamed(catalog, check_border_fields_all(located, index, used))


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


def _drop_unverified_imports(catalog: Catalog, ctx: Context) -> None:
    """Leave out imported events that their dataset file and row do not back."""
    problems = verify_imported(catalog.features_by_file, ctx.data_dir, dict(ctx.actors))
    _drop_blamed(catalog, problems)


def _drop_blamed(catalog: Catalog, problems: list[Problem]) -> None:
    bad = {p.feature for p in problems}
    by_file = {layer.path.name: layer for layer in catalog.layers}
    for p in problems:
        by_file[p.file].problems.append(p)
    for layer in catalog.layers:
        layer.features = [f for f in layer.features if f.properties.id not in bad]


def _drop_broken_links(catalog: Catalog) -> None:
    located = {
        f.properties.id: (layer.path.name, f) for layer in catalog.layers for f in layer.features
    }
    rejected = frozenset(p.feature for p in catalog.problems if p.feature) - set(located)
    _drop_blamed(catalog, check_links(located, rejected))
