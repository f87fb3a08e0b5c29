"""Calendar periods anywhere in the data: every year, quarter and month the dated events
span, newest first, each as the date range it sets ('Q4 2025' -> 1 Oct – 31 Dec 2025)."""

from __future__ import annotations

import calendar
import datetime as dt

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
