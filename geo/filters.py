"""Filtering events: vectorised over the columnar frame so 100,000 rows stay interactive."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.text import normalize_for_match


@dataclass(frozen=True, kw_only=True)
class Filters:
    """What the user asked to see. Empty selections mean 'all'."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_undated: bool = True
    actors: frozenset[str] = frozenset()
    event_types: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    layers: frozenset[str] = frozenset()
    max_border_km: float | None = None
    text: str = ""


def _in(column: pd.Series, chosen: frozenset[str]) -> np.ndarray:
    if not chosen:
        return np.ones(len(column), dtype=bool)
    return column.isin(chosen).to_numpy()


def _has_any_actor(actors: pd.Series, chosen: frozenset[str]) -> np.ndarray:
    if not chosen:
        return np.ones(len(actors), dtype=bool)
    return np.fromiter((not chosen.isdisjoint(a) for a in actors), dtype=bool, count=len(actors))


def _dates_overlap(frame: pd.DataFrame, f: Filters) -> np.ndarray:
    """An event is in the range when its [start, end] interval overlaps [from, to]."""
    dated = ~frame["undated"].to_numpy()
    keep = dated.copy()
    if f.date_to is not None:
        keep &= (frame["date_start"] <= pd.Timestamp(f.date_to)).to_numpy()
    if f.date_from is not None:
        keep &= (frame["date_end"] >= pd.Timestamp(f.date_from)).to_numpy()
    if f.include_undated:
        keep |= ~dated
    return keep


def filter_mask(frame: pd.DataFrame, f: Filters) -> np.ndarray:
    """Return a boolean mask of the rows that pass every filter."""
    return (
        _dates_overlap(frame, f)
        & _in(frame["event_type"], f.event_types)
        & _in(frame["status"], f.statuses)
        & _in(frame["layer"], f.layers)
        & _has_any_actor(frame["actors"], f.actors)
        & _near_border(frame, f.max_border_km)
        & _matches_text(frame, f.text)
    )


def _matches_text(frame: pd.DataFrame, query: str) -> np.ndarray:
    """Events whose folded search text contains every word of the folded query."""
    words = normalize_for_match(query).split()
    keep = np.ones(len(frame), dtype=bool)
    for word in words:
        keep &= frame["search_text"].str.contains(word, regex=False).to_numpy(dtype=bool)
    return keep


def _near_border(frame: pd.DataFrame, max_km: float | None) -> np.ndarray:
    """Events within max_km of the border; unknown distances fail an active filter."""
    if max_km is None:
        return np.ones(len(frame), dtype=bool)
    return (frame["border_km"] <= max_km).fillna(False).to_numpy(dtype=bool)


def apply_filters(frame: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """Return the rows that pass every filter, in the frame's order."""
    return frame[filter_mask(frame, f)]


def date_extent(frame: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """Return the earliest start and latest end of the dated events, or None."""
    dated = frame[~frame["undated"]]
    if dated.empty:
        return None
    return dated["date_start"].min().date(), dated["date_end"].max().date()


def all_actors(frame: pd.DataFrame) -> list[str]:
    """Return the sorted canonical actors that occur in the frame."""
    return sorted({a for actors in frame["actors"] for a in actors})


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


def without_dates(f: Filters) -> Filters:
    """The same filters over all dates (for a timeline that shows what the range cuts)."""
    return dataclasses.replace(f, date_from=None, date_to=None, include_undated=False)
