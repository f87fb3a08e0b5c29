"""Typed data model of an event layer, validated when data enters.

A layer is an RFC 7946 FeatureCollection of Point features whose `properties`
follow `EventProperties`. Checks that need more than one feature or outside
files (unique ids, related ids, actor vocabulary, excerpts in seeds) live in
`geo.checks`.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import Annotated, Any, Literal

from geojson_pydantic import Feature, FeatureCollection, Point
from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator, model_validator

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)]
Iso3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
Text = Annotated[str, Field(min_length=1, max_length=20_000)]
# A JSON number and finite: "3.6" in quotes, true, NaN and Infinity are data errors.
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]

# How many days an interval may span at each precision (month allows 31, year 366).
MAX_SPAN_DAYS = {"day": 0, "week": 6, "month": 30, "year": 365}


class EventType(StrEnum):
    """ACLED's names for violent events plus clear names for everything else."""

    BATTLES = "Battles"
    EXPLOSIONS = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    STRATEGIC = "Strategic developments"
    SITE = "Site"
    MEETING = "Meeting"
    STATEMENT = "Statement"
    REPORT = "Report"
    # ACLED's demonstration types, for imported rows.
    PROTESTS = "Protests"
    RIOTS = "Riots"


class Status(StrEnum):
    """What became of the claim a feature records."""

    REPORTED = "reported"
    CONFIRMED = "confirmed"
    DENIED = "denied"
    RETRACTED = "retracted"
    DISPUTED = "disputed"
    # A candidate the ingest proposed and nobody has accepted: never shown as a fact,
    # and refused in a layer file (geo.checks); accepting it sets another status.
    PROPOSED = "proposed"


class Relation(StrEnum):
    """How one feature relates to another."""

    RETRACTS = "retracts"
    RETRACTED_BY = "retracted_by"
    DENIES = "denies"
    DENIED_BY = "denied_by"
    REPEATS = "repeats"
    REPEATED_BY = "repeated_by"
    POSSIBLY_SAME_AS = "possibly_same_as"
    FOLLOWS = "follows"
    FOLLOWED_BY = "followed_by"
    CONTEXT = "context"


# Reports drawn hollow and dashed: the claim was taken back or denied.
WITHDRAWN_STATUSES = frozenset({Status.DENIED, Status.RETRACTED})
# Statuses the source panel flags with a warning banner.
WARNING_STATUSES = frozenset({Status.DENIED, Status.RETRACTED, Status.DISPUTED})

# Reference layers (country boundaries, the border line) hold geometry, not events;
# a FeatureCollection declares one with this foreign member, valued a ReferenceKind.
REFERENCE_MARK = "atlas:reference"


class ReferenceKind(StrEnum):
    """The kinds of reference layer, and the geometry each holds."""

    BOUNDARIES = "boundaries"
    BORDER = "border"


INVERSE_RELATION = {
    Relation.RETRACTS: Relation.RETRACTED_BY,
    Relation.DENIES: Relation.DENIED_BY,
    Relation.REPEATS: Relation.REPEATED_BY,
    Relation.FOLLOWS: Relation.FOLLOWED_BY,
    Relation.POSSIBLY_SAME_AS: Relation.POSSIBLY_SAME_AS,
    Relation.CONTEXT: Relation.CONTEXT,
}
INVERSE_RELATION.update({v: k for k, v in list(INVERSE_RELATION.items())})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """A verbatim span of a seed that supports the feature."""

    doc: Annotated[str, Field(pattern=r"^[\w.-]+\.txt$")]
    lang: Literal["fa", "ar", "ru", "en", "tg"]
    excerpt: Text
    start: Annotated[StrictInt, Field(ge=0)]
    end: Annotated[StrictInt, Field(gt=0)]
    translation: Text

    @model_validator(mode="after")
    def _offsets_fit_excerpt(self) -> Source:
        """Validate that end - start equals the excerpt's length in characters."""
        if self.end - self.start != len(self.excerpt):
            raise ValueError(
                f"end - start = {self.end - self.start} but the excerpt has "
                f"{len(self.excerpt)} characters"
            )
        return self


class Related(_Strict):
    """A link to another feature, by id, with the relation."""

    id: Slug
    relation: Relation


class Claim(_Strict):
    """A number a source states that is not an event field (e.g. border length)."""

    name: Slug
    value: Number
    unit: str
    source: Annotated[StrictInt, Field(ge=0)]  # index into `sources`


class EvidenceField(StrEnum):
    """The facts whose backing words a feature may cite."""

    DATE = "date"  # backs date_start and date_end at once (one phrase, e.g. "27 November")
    DATE_START = "date_start"
    DATE_END = "date_end"
    PLACE = "place"
    FATALITIES = "fatalities"
    INJURED = "injured"
    ACTOR = "actor"  # names which actor in `actor`
    VALID_FROM = "valid_from"
    VALID_TO = "valid_to"


class Evidence(_Strict):
    """The words that back one fact: a span of a cited seed, or a note on how it was inferred.

    `start`/`end` count code points of the whole seed of `sources[source]`, like a
    source's own offsets; `words` is exactly that text, so a reader of the file sees it.
    """

    field: EvidenceField
    actor: str | None = None
    source: Annotated[StrictInt, Field(ge=0)] | None = None
    start: Annotated[StrictInt, Field(ge=0)] | None = None
    end: Annotated[StrictInt, Field(gt=0)] | None = None
    words: Annotated[str, Field(min_length=1, max_length=2_000)] | None = None
    inferred: Text | None = None

    @model_validator(mode="after")
    def _cited_or_inferred(self) -> Evidence:
        """Validate a span (source, start, end, words) or an `inferred` note, not both."""
        if (self.field == EvidenceField.ACTOR) != (self.actor is not None):
            raise ValueError("evidence names an `actor` exactly when its field is 'actor'")
        span = (self.source, self.start, self.end, self.words)
        cited = all(v is not None for v in span)
        if self.inferred is not None:
            if any(v is not None for v in span):
                raise ValueError("evidence is either cited words or `inferred`, not both")
            return self
        if not cited:
            raise ValueError("evidence needs source, start, end and words (or `inferred`)")
        assert self.start is not None and self.end is not None and self.words is not None
        if self.end - self.start != len(self.words):
            raise ValueError(
                f"end - start = {self.end - self.start} but the words have "
                f"{len(self.words)} characters"
            )
        return self

    @property
    def is_cited(self) -> bool:
        """Whether this evidence quotes words (rather than saying how it was inferred)."""
        return self.inferred is None


class Bound(_Strict):
    """One end of a site's period: the interval it falls in, its precision, the words."""

    start: dt.date
    end: dt.date
    precision: Literal["day", "week", "month", "year"]
    text: Text  # the source's own phrase, e.g. "در اواخر سال ۲۰۲۳" (in late 2023)
    note: str | None = None  # how the phrase was read, e.g. "late = September–December"

    @model_validator(mode="after")
    def _interval_fits_precision(self) -> Bound:
        """Validate the interval is ordered and no wider than its precision allows."""
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        if (self.end - self.start).days > MAX_SPAN_DAYS[self.precision]:
            raise ValueError(
                f"{(self.end - self.start).days + 1} days is too wide for {self.precision!r}"
            )
        return self


class Uncertainty(_Strict):
    """The area a vague location stands for: a circle, the border, one side of it, a country."""

    shape: Literal["circle", "border", "border-side", "country"]
    radius_km: Annotated[Number, Field(gt=0, le=500)] | None = None
    iso_a3: Iso3 | None = None

    @model_validator(mode="after")
    def _parameters_fit_shape(self) -> Uncertainty:
        """Validate each shape has what it needs: a radius, a side or a country."""
        needs_radius = self.shape in ("circle", "border", "border-side")
        needs_iso = self.shape in ("border-side", "country")
        if needs_radius != (self.radius_km is not None):
            raise ValueError(
                f"shape {self.shape!r} {'needs' if needs_radius else 'takes no'} radius_km"
            )
        if needs_iso != (self.iso_a3 is not None):
            raise ValueError(f"shape {self.shape!r} {'needs' if needs_iso else 'takes no'} iso_a3")
        return self

    @property
    def key(self) -> str:
        """A stable name for the area, shared by features that mean the same one."""
        parts = [self.shape, self.iso_a3 or "", f"{self.radius_km or 0:g}"]
        return ":".join(parts)


class DatasetRow(_Strict):
    """Where an imported event comes from: one row of a published dataset file.

    `file` is kept under the data folder with its SHA-256 in `datasets.json`, and the
    validator maps the row again and compares (geo/importers/verify.py).
    """

    dataset: Literal["UCDP GED", "ACLED"]
    version: Text
    licence: Text
    file: Annotated[str, Field(pattern=r"^[\w.-]+\.csv$")]
    row: Annotated[StrictInt, Field(ge=1)]  # 1 = the first row after the header
    row_id: Annotated[str, Field(min_length=1, max_length=64)]
    # What the dataset cites (UCDP: source_article, source_headline, ...; ACLED: source, notes).
    cites: dict[str, Annotated[str, Field(max_length=20_000)]] = {}
    # The dataset's own codes kept as published (where_prec, low, high, code_status, ...).
    codes: dict[str, str | int | None] = {}


class EventProperties(_Strict):
    """Properties every event feature carries."""

    id: Slug
    title: Text
    summary: Text
    event_type: EventType
    sub_event_type: str | None = None
    date_start: dt.date | None
    date_end: dt.date | None
    date_precision: Literal["day", "week", "month", "year", "unknown"]
    date_text: str | None
    date_note: str | None = None
    actors: list[str]
    actor_note: str | None = None  # why an actor the excerpts do not name is listed
    fatalities: Annotated[StrictInt, Field(ge=0)] | None
    injured: Annotated[StrictInt, Field(ge=0)] | None
    place: Text
    place_id: Slug | None = None
    country: Iso3 | None
    geo_precision: Literal[1, 2, 3]
    location_note: str | None = None
    uncertainty: Uncertainty | None = None
    border_distance_km: Annotated[Number, Field(ge=0)] | None = None
    border_side: Iso3 | None = None
    status: Status
    related: list[Related] = []
    claims: list[Claim] = []
    disagreements: list[Text] = []
    sources: list[Source] = []
    dataset: DatasetRow | None = None  # an imported event cites a dataset row, not a seed
    evidence: list[Evidence] = []
    # A site's period: from (null: not stated), to (null: open, still there).
    valid_from: Bound | None = None
    valid_to: Bound | None = None

    @field_validator("date_start", "date_end", mode="before")
    @classmethod
    def _iso_date_string(cls, value: Any) -> Any:
        """Validate dates are written YYYY-MM-DD, not as numbers or other formats."""
        if value is not None and not (isinstance(value, str | dt.date) and len(str(value)) == 10):
            raise ValueError("dates are ISO strings YYYY-MM-DD, or null")
        return value

    @field_validator("actors")
    @classmethod
    def _actors_unique(cls, actors: list[str]) -> list[str]:
        """Validate that no actor is listed twice."""
        if len(set(actors)) != len(actors):
            raise ValueError("an actor is listed twice")
        return actors

    @model_validator(mode="after")
    def _dates_match_precision(self) -> EventProperties:
        """Validate that the interval is ordered and as wide as its precision allows."""
        start, end, precision = self.date_start, self.date_end, self.date_precision
        if precision == "unknown":
            if start is not None or end is not None:
                raise ValueError("date_precision 'unknown' needs null date_start and date_end")
            return self
        if start is None or end is None:
            raise ValueError(f"date_precision {precision!r} needs date_start and date_end")
        if end < start:
            raise ValueError(f"date_end {end} is before date_start {start}")
        if (end - start).days > MAX_SPAN_DAYS[precision]:
            raise ValueError(
                f"{(end - start).days + 1} days from {start} to {end} is too wide "
                f"for date_precision {precision!r}"
            )
        if not self.date_text:
            raise ValueError("a dated event needs date_text: the phrase the source uses")
        return self

    @model_validator(mode="after")
    def _vague_place_is_explained(self) -> EventProperties:
        """Validate that an approximate location says how the point was chosen."""
        if self.geo_precision > 1 and not self.location_note:
            raise ValueError(f"geo_precision {self.geo_precision} needs a location_note")
        if self.geo_precision > 1 and self.uncertainty is None:
            raise ValueError(f"geo_precision {self.geo_precision} needs an uncertainty area")
        if self.country is None and self.geo_precision != 3:
            raise ValueError("country may be null only when geo_precision is 3")
        return self

    @model_validator(mode="after")
    def _has_provenance(self) -> EventProperties:
        """Validate the event quotes a seed or cites a dataset row (or both)."""
        if not self.sources and self.dataset is None:
            raise ValueError("an event needs sources (verbatim excerpts) or a dataset row")
        return self

    @model_validator(mode="after")
    def _claims_cite_sources(self) -> EventProperties:
        """Validate that every claim points at one of this feature's sources."""
        for claim in self.claims:
            if claim.source >= len(self.sources):
                raise ValueError(
                    f"claim {claim.name!r} cites source {claim.source}, "
                    f"but there are {len(self.sources)}"
                )
        return self

    @model_validator(mode="after")
    def _evidence_cites_sources(self) -> EventProperties:
        """Validate evidence points at this feature's sources."""
        for i, ev in enumerate(self.evidence):
            if ev.source is not None and ev.source >= len(self.sources):
                raise ValueError(
                    f"evidence[{i}] cites source {ev.source}, but there are {len(self.sources)}"
                )
        return self

    @model_validator(mode="after")
    def _period_is_a_site_s(self) -> EventProperties:
        """Validate only sites have a period, and that it runs forwards."""
        if (self.valid_from or self.valid_to) and self.event_type != EventType.SITE:
            raise ValueError("valid_from/valid_to belong to sites (event_type 'Site')")
        if self.valid_from and self.valid_to and self.valid_to.end < self.valid_from.start:
            raise ValueError("valid_to ends before valid_from starts")
        return self


def _is_finite_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


class EventFeature(Feature[Point, EventProperties]):
    """A GeoJSON Feature with a Point geometry and event properties."""

    model_config = ConfigDict(extra="forbid")
    # Narrower than GeoJSON's Feature: an event always has a point and properties.
    geometry: Point
    properties: EventProperties

    @model_validator(mode="before")
    @classmethod
    def _properties_and_point_present(cls, data: Any) -> Any:
        """Validate an event has properties and a geometry, with a message that says so."""
        if isinstance(data, dict) and data.get("properties", ...) is None:
            raise ValueError("an event needs properties; got null")
        if isinstance(data, dict) and data.get("geometry", ...) is None:
            raise ValueError("an event needs a Point geometry; null places nothing on the map")
        return data

    @model_validator(mode="before")
    @classmethod
    def _coordinates_are_numbers(cls, data: Any) -> Any:
        """Validate the geometry is a Point of JSON numbers: "68.7" in quotes is a data error."""
        geometry = data.get("geometry") if isinstance(data, dict) else None
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if kind != "Point" and isinstance(kind, str):
            shown = kind if len(kind) <= 40 else kind[:39] + "…"
            raise ValueError(f"only Point geometries are supported; got {shown!r}")
        coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if isinstance(coords, list) and not all(_is_finite_number(c) for c in coords):
            raise ValueError("geometry coordinates must be finite numbers [lon, lat]")
        return data

    @model_validator(mode="after")
    def _lon_lat_in_range(self) -> EventFeature:
        """Validate longitude in [-180, 180] and latitude in [-90, 90]."""
        lon, lat = self.geometry.coordinates[0], self.geometry.coordinates[1]
        if not -180 <= lon <= 180:
            raise ValueError(f"longitude {lon} is outside [-180, 180]")
        if not -90 <= lat <= 90:
            raise ValueError(f"latitude {lat} is outside [-90, 90] (are lon/lat swapped?)")
        return self


class EventCollection(FeatureCollection[EventFeature]):
    """A layer: an RFC 7946 FeatureCollection of event features."""

    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    description: str | None = None
