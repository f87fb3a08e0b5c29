"""Why a field was read as it was: the notes a candidate carries about its place and date."""

from __future__ import annotations

INHERITED = "named in an earlier sentence of the same paragraph, not in this one"
AUTHOR_SEAT = "no place named; drawn at the seat of the speaker"
HOST_SEAT = "no place named; drawn at the seat of the first party named"
GOVERNMENT = "named as a subject: read as its government (no 'in', 'at' or 'to' before it)"
DATELINE_TOWN = "the dateline's town, where the report was filed; the sentences name no other"
DATELINE_DATE = "The dateline's date (the day the report was filed); the sentences give no other."
ORIGIN = "named as where it came from or the bank across, not where it happened"
# Why a date that is not the event's was used all the same (no other was given).
ASIDE = {
    "report": "Said with a verb of reporting: the day it was reported; the event may be earlier.",
    "deadline": "A date something was due by ('by', 'until'); the event may be another day.",
}
# Notes that make a named town only an approximate location.
VAGUE = (INHERITED, AUTHOR_SEAT, HOST_SEAT, GOVERNMENT, DATELINE_TOWN, ORIGIN)
# Notes of a place that gives way to any other named: a government, a place of origin.
STANDS_IN = (GOVERNMENT, ORIGIN)
# Notes of a place drawn where the actor sits, not named for the event.
SEATED = (AUTHOR_SEAT, HOST_SEAT)
