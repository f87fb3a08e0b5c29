"""The parts an event is made of: where its words come from and how sure its place is.

Verbatim excerpts (`Source`), the words backing each fact (`Evidence`), a dataset row
an imported event cites (`DatasetRow`), numbers a source states (`Claim`), a site's
period ends (`Bound`) and the area a vague place stands for (`Uncertainty`).
`geo.model` builds the event from them and re-exports them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

from geo.kinds import MAX_SPAN_DAYS, Iso3, Number, Relation, Slug, Text


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
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


class Related(Strict):
    """A link to another feature, by id, with the relation."""

    id: Slug
    relation: Relation


class Claim(Strict):
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


class Evidence(Strict):
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


class Bound(Strict):
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


class Uncertainty(Strict):
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


class DatasetRow(Strict):
    """Where an imported event comes from: one row of a published dataset file.

    `file` is kept under the data folder with its SHA-256 in `datasets.json`, and the
    validator maps the row again and compares (geo/published/verify.py).
    """

    dataset: Literal["UCDP GED", "ACLED"]
    version: Text
    licence: Text
    file: Annotated[str, Field(pattern=r"^[\w.-]+\.csv$")]
    row: Annotated[StrictInt, Field(ge=1)]  # 1 = the first row after the header
    row_id: Annotated[str, Field(min_length=1, max_length=64)]
    # What the dataset cites (UCDP: source_article, source_headline, ...; ACLED: source, notes).
    cites: dict[str, Annotated[str, Field(max_length=20_000)]] = Field(default_factory=dict)
    # The dataset's own codes kept as published (where_prec, low, high, code_status, ...).
    codes: dict[str, str | int | None] = Field(default_factory=dict)
