"""Calendar periods anywhere in the data: every year, quarter and month the dated events
span, newest first, each as the date range it sets ('Q4 2025' -> 1 Oct – 31 Dec 2025)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

Span = tuple[dt.date, dt.date]


def _month(year: int, month: int) -> Span:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _quarter(year: int, quarter: int) -> Span:
    return _month(year, 3 * quarter - 2)[0], _month(year, 3 * quarter)[1]


def _overlaps(span: Span, extent: Span) -> bool:
    return span[0] <= extent[1] and span[1] >= extent[0]


def _year_periods(year: int, extent: Span) -> dict[str, Span]:
    out = {str(year): (dt.date(year, 1, 1), dt.date(year, 12, 31))}
    for quarter in range(4, 0, -1):
        out[f"Q{quarter} {year}"] = _quarter(year, quarter)
        for month in range(3 * quarter, 3 * quarter - 3, -1):
            out[f"{calendar.month_abbr[month]} {year}"] = _month(year, month)
    return {label: span for label, span in out.items() if _overlaps(span, extent)}


def periods(extent: Span | None) -> dict[str, Span]:
    """'2025', 'Q4 2025', 'Dec 2025', 'Nov 2025', 'Oct 2025', 'Q3 2025', …, newest first,
    each only if the data's dates reach it."""
    if extent is None:
        return {}
    out: dict[str, Span] = {}
    for year in range(extent[1].year, extent[0].year - 1, -1):
        out |= _year_periods(year, extent)
    return out


class BadDate(ValueError):
    """A typed date that is not one, with the words to tell the reader."""


_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^q([1-4])\s*(\d{4})$", re.IGNORECASE)
_DOTTED = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")  # day first: 31.12.2025
EXAMPLES = "2025-10-01, 1 Oct 2025, 01.10.2025, Oct 2025, Q4 2025 or 2025"


def _end(span: Span, last: bool) -> dt.date:
    return span[1] if last else span[0]


def _numeric(text: str, last: bool) -> dt.date | None:
    """ISO days, months and years, quarters and day-first dotted dates; None if none fits."""
    if m := _ISO_DAY.match(text):
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DOTTED.match(text):
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    if m := _ISO_MONTH.match(text):
        return _end(_month(int(m[1]), int(m[2])), last)
    if m := _YEAR.match(text):
        return dt.date(int(m[1]), 12, 31) if last else dt.date(int(m[1]), 1, 1)
    if m := _QUARTER.match(text):
        return _end(_quarter(int(m[2]), int(m[1])), last)
    return None


def typed_date(text: str, last: bool = False) -> dt.date:
    """The day a typed date means: a month, quarter or year as its first day (or, for the
    end of a range, `last`, its last day). Raises BadDate saying what was wrong."""
    text = " ".join(text.split())
    if not text:
        raise BadDate(f"Type a date, e.g. {EXAMPLES}.")
    try:
        found = _numeric(text, last)
    except ValueError as exc:  # 2025-02-30, month 13
        raise BadDate(f"'{text}' is not a day of the calendar ({exc}).") from exc
    if found is not None:
        return found
    return _in_words(text, last)


def _in_words(text: str, last: bool) -> dt.date:
    """'1 Oct 2025', 'October 1, 2025', 'Oct 2025' (English month names)."""
    parts = re.findall(r"[A-Za-z]+|\d+", text)
    months = [p for p in parts if p.isalpha()]
    numbers = [int(p) for p in parts if p.isdigit()]
    month = _month_number(months[0]) if len(months) == 1 else None
    years = [n for n in numbers if n >= 1000]
    days = [n for n in numbers if n < 1000]
    if (
        month is None
        or len(years) != 1
        or len(days) > 1
        or len(months) + len(numbers) != len(parts)
    ):
        raise BadDate(f"'{text}' is not a date: type it as {EXAMPLES}.")
    if not days:
        return _end(_month(years[0], month), last)
    try:
        return dt.date(years[0], month, days[0])
    except ValueError as exc:
        raise BadDate(f"'{text}' is not a day of the calendar ({exc}).") from exc


def _month_number(word: str) -> int | None:
    word = word.lower()
    for number in range(1, 13):
        full = calendar.month_name[number].lower()
        if len(word) >= 3 and full.startswith(word[:3]) and full.startswith(word):
            return number
        if word == "sept" and number == 9:
            return 9
    return None


def range_problem(start: dt.date, end: dt.date, bounds: Span) -> str | None:
    """What is wrong with a typed range, in words; None when it can be set."""
    if start > end:
        return f"'From' ({start:%d %b %Y}) is after 'To' ({end:%d %b %Y}): swap them."
    low, high = bounds
    if end < low or start > high:
        return (
            f"{start:%d %b %Y} – {end:%d %b %Y} holds no date of the data, which runs "
            f"from {low:%d %b %Y} to {high:%d %b %Y}."
        )
    return None  # a range reaching past the data is clipped to it (clip_range)
