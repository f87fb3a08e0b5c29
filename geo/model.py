"""Typed data model of an event layer, validated when data enters.

A layer is an RFC 7946 FeatureCollection of Point features whose `properties`
follow `EventProperties`. Checks that need more than one feature or outside
files (unique ids, related ids, actor vocabulary, excerpts in seeds) live in
`geo.checks`.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal

from geojson_pydantic import Feature, FeatureCollection, Point
from pydantic import ConfigDict, Field, StrictInt, field_validator, model_validator

from geo.kinds import (  # noqa: F401  (re-exported: the model's vocabulary)
    INVERSE_RELATION,
    MAX_SPAN_DAYS,
    REFERENCE_MARK,
    WARNING_STATUSES,
    WITHDRAWN_STATUSES,
    EventType,
    Iso3,
    Number,
    ReferenceKind,
    Relation,
    Slug,
    Status,
    Text,
)
from geo.provenance import (  # noqa: F401  (re-exported: the parts of an event)
    Bound,
    Claim,
    DatasetRow,
    Evidence,
    EvidenceField,
    Related,
    Source,
    Strict,
    Uncertainty,
)


class EventProperties(Strict):
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
    geo_precision: Annotated[StrictInt, Field(ge=1, le=3)]  # true or 2.0 are data errors
    location_note: str | None = None
    uncertainty: Uncertainty | None = None
    border_distance_km: Annotated[Number, Field(ge=0)] | None = None
    border_side: Iso3 | None = None
    status: Status
    related: list[Related] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    disagreements: list[Text] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    dataset: DatasetRow | None = None  # an imported event cites a dataset row, not a seed
    evidence: list[Evidence] = Field(default_factory=list)
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
