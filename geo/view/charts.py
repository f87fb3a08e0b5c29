"""The timeline's data and axis: dated rows, the dense part, the domain to open on.

The spec itself is built in `geo.view.timeline`. Its x-axis opens on the dense part of
the data (`timeline_domain`): the seeds run from 2005 to December 2025 with half their
dated events in the last six weeks, which a 2005–2025 axis squeezes into a few pixels.
Marks outside the domain are clipped, and dragging across the chart still selects a
range (the `brush` interval).
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd

from geo.memo import per_object


def timeline_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Dated events and sites' periods with ISO start/end strings (Timestamps confuse Vega).

    A site's open end runs to the latest date the chart shows (an open start from the
    earliest), and its tooltip says it is open rather than inventing an end.
    """
    dated = frame[~frame["undated"]].copy()
    bounds = pd.concat([dated["period_start"], dated["period_end"]]).dropna()
    start, end = dated["period_start"], dated["period_end"]
    if len(bounds):  # an open end runs to the edge of what is shown
        start = start.fillna(pd.Timestamp(bounds.min()))
        end = end.fillna(pd.Timestamp(bounds.max()))
    dated["start"] = start.dt.strftime("%Y-%m-%d")
    # Vega draws a bar up to its end instant: add a day so a one-day event has width.
    dated["end"] = (end + pd.Timedelta(days=1)).dt.strftime("%Y-%m-%d")
    dated["end_day"] = end.dt.strftime("%Y-%m-%d")
    dated["from_words"] = dated["start"].where(~dated["open_start"], "not stated")
    dated["to_words"] = dated["end_day"].where(~dated["open_end"], "open (no end stated)")
    cols = ["id", "title", "event_type", "status", "date_precision", "start", "end", "end_day"]
    return dated[[*cols, "from_words", "to_words"]]


# Above this many events the timeline counts events per week instead of drawing each.
AGGREGATE_ABOVE = 2000
BRUSH = "brush"  # the selection's name: app.py reads the dragged range under it

# The dense part: the shortest stretch of time in which at least this share of the dated
# events start (and at least DENSE_EVENTS of them). Shown only when the whole span is
# long (a year or less reads well as it is) and the dense part much shorter.
DENSE_SHARE = 0.5
DENSE_EVENTS = 5
ZOOM_ABOVE_DAYS = 366  # the whole span must be longer than this
ZOOM_IF_UNDER = 0.6  # of the whole span; wider than that, the whole span is shown
MIN_SPAN_DAYS = 14  # never zoom in closer than this
PAD_SHARE = 0.05  # room each side of the domain, so the first and last dots stay whole

Domain = tuple[dt.date, dt.date]


def _padded(start: dt.date, end: dt.date) -> Domain:
    short = max(0, MIN_SPAN_DAYS - (end - start).days)
    start, end = start - dt.timedelta(days=short // 2), end + dt.timedelta(days=short - short // 2)
    pad = dt.timedelta(days=max(1, math.ceil((end - start).days * PAD_SHARE)))
    return start - pad, end + pad


def dense_span(frame: pd.DataFrame, share: float = DENSE_SHARE) -> Domain | None:
    """The shortest window holding the starts of `share` of the dated events (the latest
    such window on a tie), or None when the whole span is short or the window is most
    of it anyway."""
    data = _period_days(frame)
    if not len(data[0]):
        return None
    # Vectorised: 100,000 starts sorted and windowed in numpy, not in Python.
    starts, ends = data
    starts = np.sort(starts)
    whole = int((ends.max() - starts[0]).astype(int))
    k = max(math.ceil(share * len(starts)), min(len(starts), DENSE_EVENTS))
    widths = (starts[k - 1 :] - starts[: len(starts) - k + 1]).astype(int)
    first = int(np.flatnonzero(widths == widths.min())[-1])  # the latest on a tie
    if whole <= ZOOM_ABOVE_DAYS or widths[first] > ZOOM_IF_UNDER * whole:
        return None
    return starts[first].item(), starts[first + k - 1].item()


def _whole_span(frame: pd.DataFrame) -> Domain | None:
    starts, ends = _period_days(frame)
    return (starts.min().item(), ends.max().item()) if len(starts) else None


def dense_parts(frame: pd.DataFrame) -> Domain | None:
    """The window covering the dense part of each source of events: the curated layers
    together, and each imported dataset release apart (the frame's `release`). Imported
    thousands from 2014–2021 no longer hide the curated dozens of 2025 from the slider
    and the timeline. A source whose span is short counts whole; None when the window
    would be most of the whole span anyway (or the span is short)."""
    if "release" not in frame:
        return dense_span(frame)
    columns = ["release", "undated", "period_start", "period_end"]  # what a span reads:
    groups = frame[columns].groupby("release", sort=False)  # not every column's rows copied
    if groups.ngroups <= 1:
        return dense_span(frame)
    found = [dense_span(g) or _whole_span(g) for _, g in groups]
    spans = [span for span in found if span is not None]
    whole = _whole_span(frame)
    if not spans or whole is None:
        return None
    window = min(s[0] for s in spans), max(s[1] for s in spans)
    days = (whole[1] - whole[0]).days
    if days <= ZOOM_ABOVE_DAYS or (window[1] - window[0]).days > ZOOM_IF_UNDER * days:
        return None
    return window


@per_object
def dense_window(frame: pd.DataFrame) -> Domain | None:
    """`dense_parts` of the loaded data, worked out once per load (for the date slider)."""
    return dense_parts(frame)


def timeline_domain(
    frame: pd.DataFrame,
    date_range: tuple[dt.date | None, dt.date | None] = (None, None),
    extent: tuple[dt.date, dt.date] | None = None,
) -> Domain | None:
    """The x-axis to open on: the chosen date range when it is narrower than `extent`
    (every date there is), else the dense part of each source (`dense_parts`); None:
    the whole span."""
    span = _narrower(date_range, extent) or dense_parts(frame)
    return _padded(*span) if span else None


def _narrower(
    date_range: tuple[dt.date | None, dt.date | None], extent: tuple[dt.date, dt.date] | None
) -> Domain | None:
    """The chosen date range if it lies inside the extent and is not all of it."""
    start, end = date_range
    if start is None or end is None or extent is None or (start, end) == tuple(extent):
        return None
    return (start, end) if extent[0] <= start <= end <= extent[1] else None


def whole_domain(frame: pd.DataFrame) -> Domain | None:
    """Every dated event's period, with the same room either side (None: nothing dated)."""
    starts, ends = _period_days(frame)
    if not len(starts):
        return None
    return _padded(starts.min().item(), ends.max().item())


def starts_within(frame: pd.DataFrame, domain: Domain) -> int:
    """How many of the frame's dated events start inside the domain."""
    starts, _ = _period_days(frame)
    first, last = np.datetime64(domain[0], "D"), np.datetime64(domain[1], "D")
    return int(((starts >= first) & (starts <= last)).sum())


def _period_days(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Start and end day (datetime64[D]) of each dated event or site period, open ends
    filled as `timeline_frame` fills them; no strings, so 100,000 rows take milliseconds."""
    dated = ~frame["undated"].to_numpy(dtype=bool)  # two columns read, no copy of the rows
    start = frame["period_start"].to_numpy(dtype="datetime64[D]")[dated]
    end = frame["period_end"].to_numpy(dtype="datetime64[D]")[dated]
    known = np.concatenate([start[~np.isnat(start)], end[~np.isnat(end)]])
    if len(known):
        start = np.where(np.isnat(start), known.min(), start)
        end = np.where(np.isnat(end), known.max(), end)
    return start, end
