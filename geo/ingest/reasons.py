"""Why a field was read as it was: typed reasons the code decides by, and the sentences the
reviewer reads, written from them at the edge (`describe`)."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class PlaceReason(StrEnum):
    """Why a named place is only an approximate location of the event."""

    INHERITED = "inherited"  # named in an earlier sentence, not this one
    AUTHOR_SEAT = "author-seat"  # no place named: the speaker's seat
    HOST_SEAT = "host-seat"  # no place named: the seat of the first party named
    GOVERNMENT = "government"  # a capital named as a subject: its government
    DATELINE_TOWN = "dateline-town"  # where the report was filed
    ORIGIN = "origin"  # where someone came from, or the bank across
    APPROXIMATE = "approximate"  # a spelling read by comparing letters
    AMBIGUOUS = "ambiguous"  # the words name two places, or a place and a word
    UNPLACED_DISTRICT = "unplaced-district"  # no seat in the shipped data: the province
    ACROSS = "across"  # only where it came from is named: the border crossed
    OFFICE = "office"  # an office's province or town ("the governor of Balkh")
    UNIT = "unit"  # a border post or detachment: the district it lies in


class Aside(StrEnum):
    """Why a date is not the event's."""

    REPORT = "report"  # the day something was reported or published
    DEADLINE = "deadline"  # a date something was due by


_SAY = {
    PlaceReason.INHERITED: "named in an earlier sentence of the same paragraph, not in this one",
    PlaceReason.AUTHOR_SEAT: "no place named; drawn at the seat of the speaker",
    PlaceReason.HOST_SEAT: "no place named; drawn at the seat of the first party named",
    PlaceReason.GOVERNMENT: (
        "named as a subject: read as its government (no 'in', 'at' or 'to' before it)"
    ),
    PlaceReason.DATELINE_TOWN: (
        "the dateline's town, where the report was filed; the sentences name no other"
    ),
    PlaceReason.ORIGIN: "named as where it came from or the bank across, not where it happened",
    PlaceReason.APPROXIMATE: "spelled otherwise in the text: read by comparing letters",
    PlaceReason.AMBIGUOUS: "the words have another reading too (see below)",
    PlaceReason.UNPLACED_DISTRICT: "a district no shipped data places: its province's area",
    PlaceReason.ACROSS: "only where the violence came from is named: the border it crossed",
    PlaceReason.OFFICE: "named as an office's province or town, not as where it happened",
    PlaceReason.UNIT: "a border post or detachment named: the district it lies in",
}
# Why a date that is not the event's was used all the same (no other was given).
ASIDE = {
    Aside.REPORT: (
        "Said with a verb of reporting: the day it was reported; the event may be earlier."
    ),
    Aside.DEADLINE: "A date something was due by ('by', 'until'); the event may be another day.",
}
DATELINE_DATE = "The dateline's date (the day the report was filed); the sentences give no other."
NEWS_DAY = (
    "The article dates nothing: the lead's news, of the day it was published or the day "
    "before. Check the date."
)
NEWS_DAY_ANOTHER = (
    "Told as another incident of the article's news, which dates nothing: of the day it "
    "was published or the day before. Check the date."
)
# Reasons that make a named town only an approximate location.
VAGUE = frozenset(
    {
        PlaceReason.INHERITED,
        PlaceReason.AUTHOR_SEAT,
        PlaceReason.HOST_SEAT,
        PlaceReason.GOVERNMENT,
        PlaceReason.DATELINE_TOWN,
        PlaceReason.ORIGIN,
        PlaceReason.ACROSS,
        PlaceReason.OFFICE,
    }
)
# What lowers a candidate's confidence.
DOUBTS = VAGUE | {PlaceReason.AMBIGUOUS, PlaceReason.UNPLACED_DISTRICT}
# A place that gives way to any other named: a government, a place of origin.
STANDS_IN = frozenset({PlaceReason.GOVERNMENT, PlaceReason.ORIGIN, PlaceReason.OFFICE})
# A place drawn where the actor sits, not named for the event.
SEATED = frozenset({PlaceReason.AUTHOR_SEAT, PlaceReason.HOST_SEAT})


def describe(reasons: Iterable[PlaceReason]) -> list[str]:
    """The reviewer's sentences for the reasons, in a stable order."""
    return [_SAY[r] for r in PlaceReason if r in set(reasons)]
