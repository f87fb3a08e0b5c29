"""The atlas's vocabularies and field types: event types, statuses, relations, reference kinds.

Defined once; `geo.model` re-exports them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field

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
