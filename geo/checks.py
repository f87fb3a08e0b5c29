"""Checks beyond the schema: actors, excerpts in seeds, places, links, border fields."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import numpy as np
import pydantic

from geo.border import BorderIndex
from geo.context import Context
from geo.errors import Problem
from geo.evidence import check_evidence
from geo.model import INVERSE_RELATION, EventFeature, EventProperties, Status
from geo.text import find_folded, hidden_controls

# (lon_min, lat_min, lon_max, lat_max). The region is Tajikistan and Afghanistan
# with a margin; features elsewhere on purpose must name their country.
REGION_BBOX = (60.0, 29.0, 75.5, 41.5)
REGION_COUNTRIES = {"TJK", "AFG", None}
COUNTRY_BBOX = {
    "RUS": (19.0, 41.0, 180.0, 82.0),
    "QAT": (50.7, 24.4, 51.7, 26.2),
    "USA": (-125.0, 24.0, -66.0, 50.0),
    "CHN": (73.0, 18.0, 135.0, 54.0),
    "UZB": (55.9, 37.1, 73.2, 45.6),
    "KGZ": (69.2, 39.1, 80.3, 43.3),
    "PAK": (60.8, 23.6, 77.9, 37.1),
    "IRN": (44.0, 25.0, 63.4, 39.8),
    "TKM": (52.4, 35.1, 66.7, 42.8),
}
_TEXT_FIELDS = (
    "title",
    "summary",
    "place",
    "date_text",
    "date_note",
    "location_note",
    "actor_note",
    "sub_event_type",
)
_COORD_TOLERANCE = 1e-6


def pydantic_problems(file: str, feature: str, exc: pydantic.ValidationError) -> list[Problem]:
    """Turn a pydantic error into one Problem per failing field."""
    problems = []
    for err in exc.errors(include_url=False):
        problems.append(Problem(file, feature, _field_path(err["loc"]), err["msg"]))
    return problems


def _field_path(loc: tuple) -> str | None:
    """Render a pydantic location as `sources[0].excerpt`, dropping the `properties.` prefix."""
    parts = list(loc[1:] if loc[:1] == ("properties",) and len(loc) > 1 else loc)
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith("function-"):
            out += f".{part}" if out else str(part)
    return out or None


def check_feature(file: str, feat: EventFeature, ctx: Context) -> list[Problem]:
    """Run every single-feature check that needs more than the schema."""
    props = feat.properties
    checks = (
        _check_actors,
        _check_sources,
        _check_text_hygiene,
        check_evidence,
        _check_not_proposed,
    )
    found = [p for check in checks for p in check(props, ctx)]
    found += _check_location(feat, ctx)
    return [Problem(file, props.id, fld, msg) for fld, msg in found]


def _check_actors(props: EventProperties, ctx: Context) -> Iterator[tuple[str, str]]:
    if props.dataset is not None:
        return  # a dataset's own actor names are kept as it publishes them
    for i, actor in enumerate(props.actors):
        if actor not in ctx.actors:
            yield f"actors[{i}]", f"unknown actor {actor!r}: add it to geo/vocab/actors.json"


def _check_sources(props: EventProperties, ctx: Context) -> Iterator[tuple[str, str]]:
    for i, src in enumerate(props.sources):
        where = f"sources[{i}]"
        text = ctx.seeds.get(src.doc)
        if text is None and src.doc in ctx.unreadable:
            yield f"{where}.doc", f"seed {src.doc} cannot be read (its own problem says why)"
            continue
        if text is None:
            yield f"{where}.doc", f"no seed file named {src.doc!r} in seeds/"
            continue
        if ctx.seed_langs.get(src.doc) not in (None, src.lang):
            yield f"{where}.lang", f"{src.doc} is {ctx.seed_langs[src.doc]!r}, not {src.lang!r}"
        found = text[src.start : src.end]
        if found != src.excerpt:
            hint = _offset_hint(text, src.excerpt)
            yield (
                f"{where}.excerpt",
                f"text at {src.start}:{src.end} of {src.doc} is not the excerpt{hint}",
            )
        for name in ("excerpt", "translation"):
            if bad := hidden_controls(getattr(src, name)):
                yield f"{where}.{name}", f"hidden control characters {', '.join(bad)}"


def _check_not_proposed(props: EventProperties, _ctx: Context) -> Iterator[tuple[str, str]]:
    if props.status == Status.PROPOSED:
        yield (
            "status",
            "'proposed' is an unreviewed candidate: accept it (another status) or drop it",
        )


def _offset_hint(text: str, excerpt: str) -> str:
    at = text.find(excerpt)
    if at >= 0:
        return f"; it occurs at {at}:{at + len(excerpt)}"
    if spans := find_folded(text, excerpt):
        start, end = spans[0]
        if _nfc(text[start:end]) == _nfc(excerpt):
            return (
                f"; it occurs at {start}:{end} of the file as written, with accents or marks "
                "composed differently (Unicode NFC vs NFD): quote the seed exactly "
                "(atlas-curate does it)"
            )
        return (
            f"; it matches {start}:{end} only after folding letter forms, digits or "
            "spacing: quote the seed exactly (atlas-curate does it)"
        )
    return "; the excerpt does not occur in the seed at all"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _check_text_hygiene(props: EventProperties, _ctx: Context) -> Iterator[tuple[str, str]]:
    texts = [(name, getattr(props, name)) for name in _TEXT_FIELDS]
    texts += [(f"disagreements[{i}]", note) for i, note in enumerate(props.disagreements)]
    texts += [(f"actors[{i}]", actor) for i, actor in enumerate(props.actors)]
    for name, value in texts:
        if value and (bad := hidden_controls(value)):
            yield name, f"hidden control characters {', '.join(bad)} can reorder what readers see"


def _inside(bbox: tuple[float, float, float, float], lon: float, lat: float) -> bool:
    return bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]


def _check_location(feat: EventFeature, ctx: Context) -> list[tuple[str, str]]:
    props = feat.properties
    lon, lat = feat.geometry.coordinates[0], feat.geometry.coordinates[1]
    if props.country in REGION_COUNTRIES:
        bbox: tuple[float, float, float, float] | None = REGION_BBOX
    else:
        bbox = COUNTRY_BBOX.get(props.country or "")
    if bbox is None:
        return [("country", f"no bounding box known for {props.country}; add it to COUNTRY_BBOX")]
    found = []
    if not _inside(bbox, lon, lat):
        swapped = " (lon and lat look swapped)" if _inside(bbox, lat, lon) else ""
        where = "the Tajikistan–Afghanistan region" if bbox is REGION_BBOX else props.country
        found.append(("geometry", f"point ({lon}, {lat}) is outside {where}{swapped}"))
    found += _check_place(props, lon, lat, ctx)
    return found


def _check_place(props: EventProperties, lon: float, lat: float, ctx: Context) -> list:
    if props.place_id is None:
        # A dataset row's coordinates are the dataset's own: no gazetteer point to match.
        curated_exact = props.geo_precision == 1 and props.dataset is None
        return [("place_id", "precision-1 places must come from the gazetteer")] * curated_exact
    place = ctx.places.get(props.place_id)
    if place is None:
        return [("place_id", f"{props.place_id!r} is not in geo/vocab/gazetteer.json")]
    found = []
    if props.geo_precision == 1 and (
        abs(place.lon - lon) > _COORD_TOLERANCE or abs(place.lat - lat) > _COORD_TOLERANCE
    ):
        found.append(
            (
                "geometry",
                f"({lon}, {lat}) differs from the gazetteer's "
                f"{props.place_id} ({place.lon}, {place.lat})",
            )
        )
    if place.country is not None and props.country != place.country:
        found.append(("country", f"{props.country} but {props.place_id} is in {place.country}"))
    return found


def check_links(
    located: dict[str, tuple[str, EventFeature]], rejected: frozenset[str] = frozenset()
) -> list[Problem]:
    """Check that related ids exist and that each link is recorded from both ends.

    Ids in `rejected` belong to features already reported as invalid: links to them
    are not reported again, so one mistake gives one message.
    """
    problems = []
    for fid, (file, feat) in located.items():
        for i, rel in enumerate(feat.properties.related):
            where = f"related[{i}]"
            target = located.get(rel.id)
            if target is None:
                if rel.id not in rejected:
                    problems.append(Problem(file, fid, where, f"no feature has id {rel.id!r}"))
                continue
            back = INVERSE_RELATION[rel.relation]
            if not any(r.id == fid and r.relation == back for r in target[1].properties.related):
                inverse = f"{{'id': '{fid}', 'relation': '{back}'}}"
                message = f"{rel.id} lacks the inverse link {inverse}"
                problems.append(Problem(file, fid, where, message))
    return problems


BORDER_TOLERANCE_KM = 0.5
_ANNOTATE = "run atlas-annotate (python -m geo.tools.annotate)"


def check_border_fields(
    file: str,
    feat: EventFeature,
    index: BorderIndex,
    used: tuple[str, str] = ("border.geojson", "boundaries.geojson"),
) -> list[Problem]:
    """Check border_distance_km and border_side against the reference layers used.

    `used` names the border and boundaries files the index was built from: a message
    that blames a feature says which line and polygons it was measured against.
    """
    return check_border_fields_all([(file, feat)], index, used)


def check_border_fields_all(
    located: list[tuple[str, EventFeature]],
    index: BorderIndex,
    used: tuple[str, str] = ("border.geojson", "boundaries.geojson"),
) -> list[Problem]:
    """`check_border_fields` for many (file, feature) pairs, measured in one numpy pass."""
    lons = np.array([f.geometry.coordinates[0] for _, f in located], dtype=float)
    lats = np.array([f.geometry.coordinates[1] for _, f in located], dtype=float)
    kms = index.distances_km(lons, lats)
    sides = index.sides(lons, lats, kms)
    problems = []
    for (file, feat), km, side in zip(located, kms, sides, strict=True):
        props = feat.properties
        if props.border_distance_km is None:
            problems.append(Problem(file, props.id, "border_distance_km", f"missing; {_ANNOTATE}"))
            continue
        found = _border_mismatches(props, float(km), side, used)
        problems += [Problem(file, props.id, fld, msg) for fld, msg in found]
    return problems


def _border_mismatches(
    props: EventProperties, km: float, side: str | None, used: tuple[str, str]
) -> list[tuple[str, str]]:
    border_file, boundaries_file = used
    found = []
    stated = props.border_distance_km or 0.0
    if abs(km - stated) > BORDER_TOLERANCE_KM:
        message = f"{stated} km, but {border_file} gives {km:.1f} km; {_ANNOTATE}"
        found.append(("border_distance_km", message))
    if props.border_side != side:
        message = f"{props.border_side}, but by {boundaries_file} the point lies on side {side}"
        found.append(("border_side", f"{message}; {_ANNOTATE}"))
    if props.country in ("TJK", "AFG") and side not in (None, props.country):
        found.append(("country", f"{props.country}, but the point is inside {side}"))
    return found
