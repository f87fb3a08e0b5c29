"""Piles: events on one point, or closer than the deepest zoom can part, open as a list.

No zoom splits events coded to one identical point (UCDP codes many to a town centre;
curated events sit at one border post). A bubble that holds only such a pile, or any
bubble at the map's deepest zoom, opens a list of its events instead of zooming in:
newest first (the feed's order), a page of `PILE_PAGE` at a time, each entry its date,
kind, toll, status and headline; choosing one selects it as a marker click does.

A pile is named by its box: the extent (south, west, north, east) of its events, in the
data's own coordinates. Where the browser has the events (markers, static/atlas/markers.js)
it lists them itself; where the server counted them per cell (static/atlas/density.js),
a click sends the cell's box and the page it wants (`pile_request`), and the server sends
that page (`PileList`, drawn by static/atlas/pile.js) on every rerun while it is open.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
import pandas as pd

from geo.view.feed import STATUS_SHORT, newest_first, toll_words, when_words
from geo.view.overview import positions
from geo.view.scripts import AtlasScript
from geo.view.style import EVENT_TYPE_COLOURS, OTHER_COLOUR

MAX_ZOOM = 18  # the map's deepest zoom (geo/view/map.py)
# Events whose extent spans fewer screen pixels than this at MAX_ZOOM stay one bubble
# there (markercluster's radius, geo/view/markers.py): no zoom parts them.
PILE_SPAN_PX = 34
PILE_PAGE = 50  # entries drawn at once: a pile of 10,000 events is still 50 buttons
FAN_MAX = 8  # piles up to this many fan out as markers (markers.js); more open as a list
# (south, west, north, east) in degrees.
Box = tuple[float, float, float, float]


def pile_span_deg() -> float:
    """The widest extent, in degrees, that stays one bubble at MAX_ZOOM."""
    return 360.0 / (256 * 2**MAX_ZOOM) * PILE_SPAN_PX


def is_pile(south: float, west: float, north: float, east: float) -> bool:
    """True when no zoom parts events of this extent."""
    span = pile_span_deg()
    return north - south < span and east - west < span


def pile_request(value: Any) -> tuple[Box, int] | None:
    """A pile click's `[south, west, north, east, offset]`, checked; None if malformed."""
    if not isinstance(value, list) or len(value) != 5:
        return None
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        return None
    south, west, north, east, offset = (float(v) for v in value)
    if not all(math.isfinite(v) for v in (south, west, north, east, offset)):
        return None
    if south > north or west > east or not 0 <= offset < 2**31:
        return None
    return (south, west, north, east), int(offset)


def in_box(frame: pd.DataFrame, box: Box) -> np.ndarray:
    """Rows whose point lies in the box (edges included)."""
    south, west, north, east = box
    lat, lon = frame["lat"].to_numpy(dtype=float), frame["lon"].to_numpy(dtype=float)
    return (lat >= south) & (lat <= north) & (lon >= west) & (lon <= east)


def pile_order(frame: pd.DataFrame, shown: pd.DataFrame, box: Box) -> np.ndarray:
    """Row numbers in the loaded frame of the shown events in the box, newest first."""
    at = positions(frame, shown)
    keep = np.zeros(len(frame), dtype=bool)
    keep[at[in_box(shown, box)]] = True
    order = newest_first(frame)
    return order[keep[order]]


def _days(column: pd.Series) -> list[int | None]:
    """Dates as day numbers (None: no date), cheap to hash and cache."""
    days = column.to_numpy("datetime64[D]")
    return [
        None if nat else int(v)
        for v, nat in zip(days.astype(np.int64), np.isnat(days), strict=True)
    ]


def _counts(column: pd.Series) -> list[int | None]:
    values = pd.to_numeric(column, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return [None if math.isnan(v) else int(v) for v in values.tolist()]


def _day(value: int | None) -> Any:
    return pd.NaT if value is None else pd.Timestamp(np.datetime64(value, "D"))


# Worded once per distinct value: a rerun words the same thousands of events again.
@functools.lru_cache(maxsize=50_000)
def _when(start: int | None, end: int | None, period_start: int | None) -> str:
    return when_words(_day(start), _day(end), _day(period_start))


@functools.lru_cache(maxsize=4_096)
def _toll(killed: int | None, injured: int | None) -> str:
    return toll_words(killed, injured)


def _status(status: str) -> str:
    return "" if status == "reported" else STATUS_SHORT.get(status, status)


def entry_words(rows: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(date, toll, status) in words per row, the list's plain text ('' for no toll,
    and for the usual status, reported)."""
    dates = zip(*(_days(rows[c]) for c in ("date_start", "date_end", "period_start")), strict=True)
    tolls = zip(_counts(rows["fatalities"]), _counts(rows["injured"]), strict=True)
    return [
        (_when(*when), _toll(*toll), _status(status))
        for when, toll, status in zip(dates, tolls, rows["status"].astype(str), strict=True)
    ]


def pile_rows(rows: pd.DataFrame) -> list[list[str]]:
    """[id, date, kind, toll, status, headline] per row, plain text (set with
    textContent in the browser, never parsed)."""
    words = entry_words(rows)
    return [
        [str(eid), when, str(kind), toll, status, str(title)]
        for (eid, kind, title), (when, toll, status) in zip(
            zip(rows["id"], rows["event_type"], rows["title"], strict=True), words, strict=True
        )
    ]


def pile_page(
    frame: pd.DataFrame, shown: pd.DataFrame, box: Box, offset: int, size: int = PILE_PAGE
) -> tuple[int, int, list[list[str]]]:
    """(events in the pile, the page's first entry, its rows): the page that holds
    `offset`, the last one when the pile has shrunk under a filter."""
    order = pile_order(frame, shown, box)
    last = max(0, (len(order) - 1) // size * size)
    start = min(max(offset, 0) // size * size, last)
    return len(order), start, pile_rows(frame.iloc[order[start : start + size]])


def newest_ranks(rows: pd.DataFrame) -> np.ndarray:
    """Each row's place among `rows` in the feed's newest-first order (0 the newest):
    the browser sorts a pile by it."""
    ranks = np.empty(len(rows), dtype=np.int64)
    ranks[newest_first(rows)] = np.arange(len(rows))
    return ranks


class PileList(AtlasScript):
    """One page of an open pile, sent by the server (static/atlas/pile.js)."""

    kind = "pile"

    def __init__(
        self,
        box: Box,
        page: tuple[int, int, list[list[str]]],
        selected: str | None,
        report_hook: str,
    ) -> None:
        super().__init__()
        self.box, self.page, self.selected, self.report_hook = box, page, selected, report_hook

    def data(self) -> dict[str, Any]:
        total, offset, rows = self.page
        return {
            "key": list(self.box),
            "total": total,
            "offset": offset,
            "size": PILE_PAGE,
            "rows": rows,
            "selected": self.selected,
            "colours": dict(EVENT_TYPE_COLOURS),
            "other": OTHER_COLOUR,
            "reportHook": self.report_hook,
        }


# The list's panel over the map (static/atlas/pile.js): right of the zoom buttons, as
# tall as the map allows, its list scrolling inside; entries as tall as a fingertip.
PILE_CSS = (
    ".atlas-pile{position:absolute;z-index:1000;top:10px;left:54px;"
    "width:min(380px,calc(100% - 64px));max-height:calc(100% - 44px);display:flex;"
    "flex-direction:column;background:#fff;border-radius:6px;"
    "box-shadow:0 2px 10px rgba(0,0,0,.35);font:13px/1.35 sans-serif;color:#111;"
    "cursor:auto}"
    ".atlas-pile-right{left:auto;right:10px;top:44px;max-height:calc(100% - 78px)}"
    ".atlas-pile-head{display:flex;align-items:center;gap:8px;padding:6px 6px 2px 12px}"
    ".atlas-pile-head strong{flex:1;font-size:14px}"
    ".atlas-pile button{font:inherit;color:inherit;cursor:pointer}"
    ".atlas-pile-close{min-width:40px;min-height:40px;border:none;background:none;"
    "font-size:18px !important;border-radius:4px}"
    ".atlas-pile-sub,.atlas-pile-hint{margin:0;padding:0 12px 6px;color:#555;font-size:12px}"
    ".atlas-pile-hint{padding-top:4px}"
    ".atlas-pile-list{list-style:none;margin:0;padding:0 6px;overflow-y:auto;"
    "overscroll-behavior:contain;touch-action:pan-y;border-top:1px solid #ddd;"
    "border-bottom:1px solid #ddd}"
    ".atlas-pile-row{display:block;width:100%;min-height:44px;text-align:left;"
    "padding:5px 6px;margin:2px 0;border:1px solid transparent;border-radius:4px;"
    "background:none}"
    ".atlas-pile-row:hover{background:#f1f4f8}"
    ".atlas-pile-row[aria-current=true]{background:#e8eef9;border-color:#0b3d91}"
    ".atlas-pile button:focus-visible{outline:3px solid #0b3d91;outline-offset:1px}"
    ".atlas-pile-meta{display:block;color:#444;font-size:12px}"
    ".atlas-pile-meta b{color:#111}"
    ".atlas-pile-dot{display:inline-block;width:9px;height:9px;border-radius:50%;"
    "margin-right:5px;vertical-align:baseline}"
    ".atlas-pile-title{display:block;font-weight:600}"
    ".atlas-pile-pages{display:flex;gap:8px;padding:6px 12px 0}"
    ".atlas-pile-pages button{flex:1;min-height:40px;border:1px solid #bbb;"
    "border-radius:4px;background:#f7f7f7}"
    ".atlas-pile-pages button:disabled{color:#999;cursor:default}"
)
