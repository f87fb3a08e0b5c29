"""Facts for the 'About the data' section: what the sources are, stated vs measured border."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pyproj import Geod
from shapely.geometry import shape

from geo.dataset import Dataset
from geo.memo import per_object
from geo.model import EventFeature
from geo.seeds import SeedInfo
from geo.view.html import escape_markdown

_GEOD = Geod(ellps="WGS84")
_LANGUAGE_NAMES = {
    "fa": "Dari/Persian",
    "ar": "Arabic",
    "ru": "Russian",
    "tg": "Tajik",
    "en": "English",
}


@dataclass(frozen=True)
class StatedLength:
    """A border length a source states, with where it says so."""

    km: float
    as_written: str
    feature_id: str
    doc: str
    excerpt: str


@per_object  # every claim of every feature: once per load, not per rerun
def stated_border_lengths(features: Mapping[str, EventFeature]) -> list[StatedLength]:
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


@per_object
def measured_length_km(border: dict[str, Any]) -> float:
    """Geodesic length (WGS84 ellipsoid) of every line in a border layer, in km."""
    return sum(_GEOD.geometry_length(shape(f["geometry"])) for f in border["features"]) / 1000


def sources_in_words(manifest: Mapping[str, SeedInfo]) -> str:
    """'5 news articles (Dari/Persian and Arabic)', counted from the manifest."""
    langs = sorted({_LANGUAGE_NAMES.get(s.lang, s.lang) for s in manifest.values()})
    count = len(manifest)
    noun = "news article" if count == 1 else "news articles"
    spoken = " and ".join(langs) if len(langs) <= 2 else ", ".join(langs)
    return f"{count} {noun}" + (f" ({spoken})" if langs else "")


@per_object  # 100,000 imported events: counted once per load
def imported_counts(features: Mapping[str, EventFeature]) -> dict[str, int]:
    """Imported events per dataset release ('UCDP GED 23.1': 137); curated ones not counted."""
    counts: dict[str, int] = {}
    for feat in features.values():
        record = feat.properties.dataset
        if record is not None:
            name = f"{record.dataset} {record.version}"
            counts[name] = counts.get(name, 0) + 1
    return dict(sorted(counts.items()))


def origins_markdown(features: Mapping[str, EventFeature], manifest: Mapping[str, SeedInfo]) -> str:
    """Where the loaded events come from (curated, imported), as Markdown, data escaped."""
    return _origins(imported_counts(features), len(features), manifest)


@per_object  # counted on the frame's columns once per load: no feature decoded
def origins_of(data: Dataset) -> str:
    """`origins_markdown` of a loaded dataset, from its frame's `release` column."""
    releases = data.frame.loc[data.frame["release"] != "", "release"].value_counts()
    # A categorical column counts every category, the curated rows' "" too (with 0).
    imported = {str(name): int(n) for name, n in sorted(releases.items()) if name and n}
    return _origins(imported, len(data.frame), data.manifest)


@per_object  # the few events that state a border length, decoded once per load
def claimed_features(data: Dataset) -> dict[str, EventFeature]:
    """The loaded events with claims (a stated border length, ...), by id."""
    return {i: data.features[i] for i in data.frame.loc[data.frame["has_claims"], "id"]}


def _origins(imported: dict[str, int], total: int, manifest: Mapping[str, SeedInfo]) -> str:
    curated = total - sum(imported.values())
    text = (
        f"{curated:,} events are curated by hand from "
        f"{escape_markdown(sources_in_words(manifest))} in "
        "`seeds/`; each quotes its source at exact character offsets."
    )
    if imported:
        releases = ", ".join(f"{n:,} from {escape_markdown(name)}" for name, n in imported.items())
        text += (
            f" Imported events ({releases}) cite their dataset's row instead: the row's "
            "citation and codes, checked against the file kept in `data/`."
        )
    return text


def length_rows(features: Mapping[str, EventFeature], border: dict[str, Any] | None) -> list[dict]:
    """Rows of the border-length table: every stated length, then the measured line."""
    rows = [
        {
            "length": s.as_written,
            "according to": f"{s.doc} (feature {s.feature_id})",
            "source words": s.excerpt,
        }
        for s in stated_border_lengths(features)
    ]
    if border:
        origin = str(border.get("description") or "the shipped layer").split(",")[0]
        rows.append(
            {
                "length": f"{measured_length_km(border):,.0f} km",
                "according to": f"measured on the shipped border line: {origin} (geodesic, WGS84)",
                "source words": "",
            }
        )
    return rows


def stated_range_words(features: Mapping[str, EventFeature]) -> str:
    """'1,344–1,357 km' from the stated lengths, or '' when no source states one."""
    stated = stated_border_lengths(features)
    if not stated:
        return ""
    low, high = stated[0].km, stated[-1].km
    return f"{low:,.0f} km" if low == high else f"{low:,.0f}–{high:,.0f} km"
