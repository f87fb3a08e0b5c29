"""What the filters offer: the data's date extent and the inputs' bounds and quick ranges,
the event types and actors present, the outlets and source languages with their counts."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from geo.memo import per_object
from geo.tuples import count_by_value, names_in


@per_object
def date_extent(frame: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """Return the earliest start and latest end of the dated events, or None."""
    dated = ~frame["undated"].to_numpy(dtype=bool)  # columns only: no copy of the frame
    if not dated.any():
        return None
    return frame["date_start"][dated].min().date(), frame["date_end"][dated].max().date()


@per_object
def event_types(frame: pd.DataFrame) -> tuple[str, ...]:
    """The event types that occur in the frame, sorted."""
    return tuple(sorted(frame["event_type"].unique()))


@per_object
def all_actors(frame: pd.DataFrame) -> list[str]:
    """Return the sorted canonical actors that occur in the frame."""
    return sorted(names_in(frame["actors"]))


def date_bounds(extent: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """What the date inputs accept: whole years around the data (a range typed to 31
    December is not refused because the newest event is on the 3rd)."""
    return dt.date(extent[0].year, 1, 1), dt.date(extent[1].year, 12, 31)


def date_presets(extent: tuple[dt.date, dt.date]) -> dict[str, tuple[dt.date, dt.date]]:
    """Quick date ranges, counted back from the newest event (not from today).

    The layers may end long before today (the seeds end in December 2025), so
    "last 30 days" of the calendar would show nothing; these ranges always hold data.
    """
    first, last = extent

    def back(days: int) -> tuple[dt.date, dt.date]:
        return max(first, last - dt.timedelta(days=days - 1)), last

    year = (max(first, dt.date(last.year, 1, 1)), last)
    return {
        "Last 30 days": back(30),
        "Last 90 days": back(90),
        "Newest year": year,
        "Everything": extent,
    }


def clip_range(
    chosen: tuple[dt.date | None, dt.date | None], bounds: tuple[dt.date, dt.date]
) -> tuple[dt.date, dt.date]:
    """The chosen range clipped to the bounds; a missing end is the bound's own end."""
    low, high = bounds
    start = min(max(chosen[0] or low, low), high)
    end = min(max(chosen[1] or high, low), high)
    return (start, end) if start <= end else (end, start)


@per_object
def outlet_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many events of the frame cite each outlet, most cited first."""
    return count_by_value(frame["outlets"])


@per_object
def language_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many events of the frame cite a source in each language, most first."""
    return count_by_value(frame["source_langs"])
