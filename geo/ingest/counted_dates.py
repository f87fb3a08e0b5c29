"""Dates counted from the publication day: a weekday ("on Tuesday", "شب جمعه"), a relative
phrase ("yesterday", "last week", "this year") and a time counted back ("three days ago",
"two years ago"). Each is an interval with the note saying how it was counted; with no
publication date it stays unresolved (`unresolved`): nothing is guessed."""

from __future__ import annotations

import datetime as dt
import re

from geo.ingest.patterns import DatePattern

DAY = dt.timedelta(days=1)
NO_BASE = "no publication date or dateline, so this cannot be placed in time"
Resolution = tuple[dt.date | None, dt.date | None, str, str]


def unresolved(why: str) -> tuple[None, None, str, str]:
    """A phrase that could not become an interval, and why."""
    return None, None, "unknown", why


def resolve_weekday(m: re.Match[str], p: DatePattern, pub: dt.date | None) -> Resolution:
    weekday = p.weekday_of(m)
    if weekday is None:
        return unresolved("weekday not read")
    if pub is None:
        return unresolved(f"a weekday alone, and {NO_BASE}")
    day = pub - dt.timedelta(days=(pub.weekday() - weekday) % 7)
    note = f"The last {day:%A} on or before publication ({pub})."
    if p.night_before(m):
        # Persian/Tajik "شب جمعه" is the night before Friday: Thursday evening into Friday.
        return day - DAY, day, "week", f"'Night of' a weekday is the eve before it. {note}"
    return day, day, "day", note


def resolve_relative(m: re.Match[str], p: DatePattern, pub: dt.date | None) -> Resolution:
    offsets = p.offsets_of(m)
    if offsets is None:
        return unresolved("relative phrase not read")
    if pub is None:
        return unresolved(f"a relative date, and {NO_BASE}")
    first, last, precision = offsets
    if precision == "year":  # "this year", "last year": first is in years
        year = pub.year + first
        note = f"Counted from publication ({pub}): the year {year}."
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year", note
    start, end = pub + dt.timedelta(days=first), pub + dt.timedelta(days=last)
    if precision == "month":
        end = pub.replace(day=1) - DAY
        start = end.replace(day=1)
    return start, end, precision, f"Counted back from publication ({pub})."


# How far either side of the day counted back an "ago" phrase reaches, by the days in its
# unit: "three days ago" is that day, "two weeks ago" that week, "a month and a half ago"
# a month around it, "two years ago" half a year either side.
_AGO_SPREAD = {1: 0, 7: 3, 30: 15, 365: 182}


def resolve_ago(m: re.Match[str], p: DatePattern, pub: dt.date | None) -> Resolution:
    days = p.ago_of(m)
    if days is None:
        return unresolved("'ago' phrase not read")
    if pub is None:
        return unresolved(f"a time counted back, and {NO_BASE}")
    unit = max(u for u in _AGO_SPREAD if days >= u) if days >= 1 else 1
    spread = _AGO_SPREAD[unit]
    day = pub - dt.timedelta(days=round(days))
    precision = {1: "day", 7: "week", 30: "month", 365: "year"}[unit]
    note = f"Counted back {round(days)} days from publication ({pub}), {spread} either side."
    return day - dt.timedelta(days=spread), day + dt.timedelta(days=spread), precision, note
