"""Playback: a window of days, weeks or months stepped through time, forward or back.

The window is the date filter itself (the link keeps it), so the map, the totals, the
charts, the feed and the table follow each step. Pure date arithmetic; the page ticks.
"""

from __future__ import annotations

import calendar
import datetime as dt

Window = tuple[dt.date, dt.date]
UNITS = ("day", "week", "month")
MAX_WIDTH = 24


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, unit: str, count: int) -> dt.date:
    """The day `count` units later (earlier when negative)."""
    if unit == "month":
        return _add_months(day, count)
    return day + dt.timedelta(days=count * (7 if unit == "week" else 1))


def align(day: dt.date, unit: str) -> dt.date:
    """The start of the unit holding the day: itself, its Monday, the 1st of its month."""
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def window_from(start: dt.date, unit: str, width: int) -> Window:
    """`width` units from `start` (aligned to the unit), both ends included."""
    first = align(start, unit)
    return first, shift(first, unit, max(1, width)) - dt.timedelta(days=1)


def step(window: Window, unit: str, width: int, direction: int, extent: Window) -> Window | None:
    """The window one unit on (direction 1) or back (-1), its width kept; None when it
    would leave the data's dates entirely."""
    moved = window_from(shift(align(window[0], unit), unit, direction), unit, width)
    if moved[0] > extent[1] or moved[1] < extent[0]:
        return None
    return moved


def start_window(
    chosen: Window | None, extent: Window, dense: Window | None, unit: str, width: int
) -> Window:
    """Where playing starts: at the chosen dates' start when a range narrower than every
    date is chosen, else at the start of the dense part of the data (where half the dated
    events are), else at the first date."""
    if chosen is not None and tuple(chosen) != tuple(extent):
        return window_from(chosen[0], unit, width)
    return window_from((dense or extent)[0], unit, width)


def window_words(window: Window, unit: str) -> str:
    """'Week of 6 Oct 2025', 'Oct 2025', '6 Oct 2025', or the range in words."""
    start, end = window
    if unit == "month" and window == window_from(start, "month", 1):
        return f"{start:%b %Y}"
    if unit == "week" and window == window_from(start, "week", 1):
        return f"Week of {start.day} {start:%b %Y}"
    if start == end:
        return f"{start.day} {start:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
