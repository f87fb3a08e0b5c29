"""The feed: the shown events newest first, a page at a time, each in one short line.

The order (newest first start date; a site's period by its start; undated events last)
depends on the data alone and is computed once per loaded frame; a rerun keeps the shown
rows of that order with a boolean mask and words only the page's rows, so a page of
100,000 events costs a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geo.memo import per_object
from geo.seeds import LANGUAGE_NAMES
from geo.view.overview import positions
from geo.view.words import date_range_words

PAGE_SIZE = 20
STATUS_SHORT = {
    "reported": "reported",
    "confirmed": "confirmed",
    "denied": "denied",
    "retracted": "retracted",
    "disputed": "disputed",
}


@dataclass(frozen=True)
class FeedItem:
    """One line of the feed: the event and what is said of it, as plain text."""

    id: str
    title: str
    when: str
    place: str
    toll: str
    status: str
    languages: str

    def caption(self) -> str:
        """'3 Dec 2025 · Khorugh · 2 killed · reported · Persian (Dari)'."""
        parts = [self.when, self.place, self.toll, self.status, self.languages]
        return " · ".join(p for p in parts if p)


@per_object
def newest_first(frame: pd.DataFrame) -> np.ndarray:
    """Row numbers of the loaded frame, newest first: by start date (a site's period by
    its start), then end date; undated last; ties by id, so the order never changes."""
    start = frame["date_start"].fillna(frame["period_start"]).to_numpy("datetime64[D]")
    end = frame["date_end"].fillna(frame["period_end"]).to_numpy("datetime64[D]")
    missing = np.isnat(start)
    start_key = np.where(missing, 0, -start.astype(np.int64))
    end_key = np.where(np.isnat(end), 0, -end.astype(np.int64))
    ids = pc.rank(pa.array(frame["id"], pa.string()), tiebreaker="dense").to_numpy()
    return np.lexsort((ids, end_key, start_key, missing))  # ids ranked as Arrow sorts them


def pages(count: int, size: int = PAGE_SIZE) -> int:
    """How many pages `count` events fill (one, even when there are none)."""
    return max(1, -(-count // size))


def feed_page(
    frame: pd.DataFrame, shown: pd.DataFrame, page: int, size: int = PAGE_SIZE
) -> pd.DataFrame:
    """The rows of page `page` (0 first) of the shown events, newest first."""
    keep = np.zeros(len(frame), dtype=bool)
    keep[positions(frame, shown)] = True
    order = newest_first(frame)
    ordered = order[keep[order]]
    page = min(max(page, 0), pages(len(ordered), size) - 1)
    return frame.iloc[ordered[page * size : (page + 1) * size]]


def _when(row: pd.Series) -> str:
    return when_words(row["date_start"], row["date_end"], row["period_start"])


def when_words(start: object, end: object, period_start: object) -> str:
    """'3 Dec 2025', '3–5 Dec 2025', 'since 1 May 2021' (a site), 'date not stated'."""
    if pd.isna(start):  # type: ignore[call-overload]
        if not pd.isna(period_start):  # type: ignore[call-overload]
            day = period_start.date()  # type: ignore[attr-defined]
            return f"since {date_range_words(day, day)}"
        return "date not stated"
    end = start if pd.isna(end) else end  # type: ignore[call-overload]
    return date_range_words(start.date(), end.date())  # type: ignore[attr-defined]


def toll_words(killed: object, injured: object) -> str:
    """'2 killed, 3 injured'; a count the sources do not state is left out; '' if none."""
    parts = [
        f"{int(value)} {word}"  # type: ignore[call-overload]
        for value, word in ((killed, "killed"), (injured, "injured"))
        if not pd.isna(value)  # type: ignore[call-overload]
    ]
    return ", ".join(parts)


def feed_items(rows: pd.DataFrame) -> list[FeedItem]:
    """The page's rows in words (only these rows are worded)."""
    return [
        FeedItem(
            id=str(row["id"]),
            title=str(row["title"]),
            when=_when(row),
            place=str(row["place"] or ""),
            toll=toll_words(row["fatalities"], row["injured"]),
            status=STATUS_SHORT.get(str(row["status"]), str(row["status"])),
            languages=", ".join(LANGUAGE_NAMES.get(c, c) for c in row["source_langs"]),
        )
        for _, row in rows.iterrows()
    ]


def page_of(frame: pd.DataFrame, shown: pd.DataFrame, event_id: str, size: int = PAGE_SIZE) -> int:
    """The feed page (0 first) that holds the event, or -1 when it is not shown."""
    at = np.flatnonzero(frame["id"].to_numpy() == event_id)
    if not len(at):
        return -1
    keep = np.zeros(len(frame), dtype=bool)
    keep[positions(frame, shown)] = True
    order = newest_first(frame)
    ordered = order[keep[order]]
    where = np.flatnonzero(ordered == at[0])
    return int(where[0]) // size if len(where) else -1
