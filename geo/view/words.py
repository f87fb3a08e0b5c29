"""Plain-English wording of dates, places, numbers and statuses for the view."""

from __future__ import annotations

import calendar
import datetime as dt

from geo.model import Status
from geo.vocab import COUNTRY_ADJECTIVES, FOCUS_COUNTRIES

GEO_PRECISION_WORDS = {
    1: "exact place named by the source",
    2: "near the named place",
    3: "region only",
}
AREA_WORDS = {
    "circle": "within {radius:g} km of the point",
    "border": "anywhere along the border (a {radius:g} km band on both sides)",
    "border-side": "anywhere along the border on the {side} side (a {radius:g} km band)",
    "country": "anywhere in {side}",
}


def area_in_words(shape: str, radius_km: float | None, iso_a3: str | None) -> str:
    """What area a vague place stands for, e.g. 'anywhere along the border …'."""
    names = FOCUS_COUNTRIES if shape == "country" else COUNTRY_ADJECTIVES
    side = names.get(iso_a3 or "", iso_a3 or "")
    return AREA_WORDS[shape].format(radius=radius_km or 0, side=side)


STATUS_WORDS: dict[str, str] = {
    Status.REPORTED: "Reported: no later confirmation or denial in the sources",
    Status.CONFIRMED: "Confirmed by the sources",
    Status.DENIED: "Denied by a party named in the sources",
    Status.RETRACTED: "Retracted: the originating source withdrew it",
    Status.DISPUTED: "Disputed: the sources disagree",
}

RELATION_WORDS = {
    "retracts": "retracts",
    "retracted_by": "retracted by",
    "denies": "denies",
    "denied_by": "denied by",
    "repeats": "repeats",
    "repeated_by": "repeated by",
    "follows": "follows",
    "followed_by": "followed by",
    "possibly_same_as": "possibly the same event as",
    "context": "see also",
}


def _day(d: dt.date) -> str:
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def _span_of_month(start: dt.date, end: dt.date) -> str | None:
    """Name a span inside one month: 'late October 2025', 'August 2025'."""
    if (start.year, start.month) != (end.year, end.month):
        return None
    last = calendar.monthrange(start.year, start.month)[1]
    month = f"{calendar.month_name[start.month]} {start.year}"
    if start.day == 1 and end.day == last:
        return month
    if start.day == 1 and end.day <= 10:
        return f"early {month}"
    if start.day >= 20 and end.day == last:
        return f"late {month}"
    return None


def _span_of_year(start: dt.date, end: dt.date) -> str | None:
    """Name the last or first third of a year: 'late 2023' (September–December)."""
    if start.year != end.year:
        return None
    if (start.month, start.day, end.month, end.day) == (9, 1, 12, 31):
        return f"late {start.year}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 4, 30):
        return f"early {start.year}"
    return None


def date_range_words(start: dt.date, end: dt.date) -> str:
    """Word an interval as a person would: '27 November – 3 December 2025'."""
    if start == end:
        return _day(start)
    if named := _span_of_month(start, end) or _span_of_year(start, end):
        return named
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if start.year == end.year:
        left = f"{start.day} {calendar.month_name[start.month]}"
        return f"{left} – {_day(end)}"
    return f"{_day(start)} – {_day(end)}"


def date_in_words(start: dt.date | None, end: dt.date | None, precision: str) -> str:
    """Return the date with its precision, e.g. 'late October 2025, month known'."""
    if precision == "unknown" or start is None or end is None:
        return "Date not stated in the sources"
    known = {
        "day": "day known",
        "week": "known to within a week",
        "month": "month known",
        "year": "year known",
    }[precision]
    return f"{date_range_words(start, end)}, {known}"


def count_in_words(value: int | None) -> str:
    """Return a casualty number, or 'not reported' when no source gives one."""
    return "not reported" if value is None else str(value)


def precision_in_words(geo_precision: int) -> str:
    """Return how exact a location is, in words."""
    return GEO_PRECISION_WORDS[geo_precision]


def period_in_words(
    valid_from: tuple[dt.date, dt.date] | None, valid_to: tuple[dt.date, dt.date] | None
) -> str:
    """A site's period: 'since late 2023', 'until May 2024', 'from 2005 to 2021'."""
    since = date_range_words(*valid_from) if valid_from else None
    until = date_range_words(*valid_to) if valid_to else None
    if since and until:
        return f"from {since} to {until}"
    if since:
        return f"since {since} (no end stated)"
    if until:
        return f"until {until} (start not stated)"
    return "period not stated in the sources"
