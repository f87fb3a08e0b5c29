"""The table's order: every shown row sorted before it is cut into pages, so a sort
reaches all rows, not one page of 500 (a header click in the table sorts its page only)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.view.feed import newest_first
from geo.view.overview import positions

# What the sort menu offers: label -> (column, ascending); None = the feed's date order.
SORTS: dict[str, tuple[str, bool] | None] = {
    "Newest first": None,
    "Oldest first": None,
    "Most killed": ("fatalities", False),
    "Most injured": ("injured", False),
    "Title (A–Z)": ("title", True),
    "Type": ("event_type", True),
    "Place": ("place", True),
    "Nearest the border": ("border_km", True),
    "Layer": ("layer", True),
}


def _by_date(frame: pd.DataFrame, shown: pd.DataFrame, newest: bool) -> np.ndarray:
    keep = np.zeros(len(frame), dtype=bool)
    keep[positions(frame, shown)] = True
    order = newest_first(frame)
    ordered = order[keep[order]]
    if not newest:  # oldest first, undated still last
        undated = np.isnat(frame["date_start"].to_numpy()[ordered])
        ordered = np.concatenate([ordered[~undated][::-1], ordered[undated]])
    return ordered


def sorted_positions(frame: pd.DataFrame, shown: pd.DataFrame, sort: str) -> np.ndarray:
    """Row numbers in the loaded frame of the shown rows, in the order asked for (unknown
    values last; ties newest first). Only positions: the page's rows are copied later."""
    how = SORTS.get(sort)
    if how is None:
        return _by_date(frame, shown, newest=sort != "Oldest first")
    column, ascending = how
    ordered = _by_date(frame, shown, newest=True)
    values = frame[column].iloc[ordered].reset_index(drop=True)
    order = values.sort_values(ascending=ascending, na_position="last", kind="stable").index
    return ordered[order.to_numpy()]
