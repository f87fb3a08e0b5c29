"""The filter widgets in the sidebar; every one is mirrored in the URL."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from geo import urlstate
from geo.choices import (
    all_actors,
    clip_range,
    date_bounds,
    date_extent,
    date_presets,
    language_counts,
    outlet_counts,
)
from geo.dataset import Dataset
from geo.filters import Filters
from geo.seeds import LANGUAGE_NAMES
from geo.view.charts import dense_window
from geo.view.html import escape_markdown
from geo.view.periods import BadDate, periods, range_problem, typed_date
from geo.view.words import STATUS_WORDS
from ui.state import on_dates_typed, set_dates


def _date_filters(frame: pd.DataFrame) -> dict:
    sb = st.sidebar
    extent = date_extent(frame)
    _follow_extent(extent)
    date_from = date_to = None
    if extent:
        sb.caption("Quick ranges (back from the newest event):")
        row = sb.container(horizontal=True, gap="small")
        for label, span in date_presets(extent).items():
            row.button(label, key=f"preset-{label}", on_click=set_dates, args=(span,))
        _period_picker(extent)
        bounds = date_bounds(extent)
        chosen = sb.date_input(
            "Date range",
            value=extent,
            min_value=bounds[0],
            max_value=bounds[1],
            format="YYYY-MM-DD",
            key="dates",
            bind="query-params",
            on_change=on_dates_typed,
            help="Type dates, pick them, use a quick range, or drag across the timeline.",
        )
        picked = tuple(chosen) if isinstance(chosen, tuple | list) else (chosen,)
        # One date: a one-day range (how the link writes it) or a range half picked.
        date_from, date_to = (picked[0], picked[-1]) if picked else (None, None)
        _typed_range(bounds, (date_from, date_to))
        _date_slider(frame, extent, (date_from, date_to))
    _undated_from_link(extent)
    undated = sb.checkbox(
        "Also show undated events",
        value=True,
        key="undated",
        bind="query-params",
        help="Sites and reports the sources give no date for; counted apart above the map.",
    )
    return {"date_from": date_from, "date_to": date_to, "include_undated": undated}


def _undated_from_link(extent: tuple | None) -> None:
    """A link with a date range and no word on undated events (made by hand, or before
    the link kept it: ?dates=2025-10-01&dates=2025-12-31) follows the rule of every date
    control: undated events leave, unless the range is every date there is. Read once,
    on the page's first run."""
    if "_undated_read" in st.session_state:
        return
    st.session_state["_undated_read"] = True
    dates = st.query_params.get_all("dates")
    if "undated" in st.query_params or len(dates) not in (1, 2) or not extent:
        return
    if (dates[0], dates[-1]) != tuple(d.isoformat() for d in extent):
        st.session_state["undated"] = False


def _follow_extent(extent: tuple | None) -> None:
    """A range that held every date there was keeps doing so when the data's dates grow
    (an event accepted on another replica): the reader asked for everything, and the
    widget, keyed, would otherwise keep the old last day and hide the new event."""
    before = st.session_state.get("_dates_extent")
    st.session_state["_dates_extent"] = extent
    chosen = st.session_state.get("dates")
    if before and extent and before != extent and chosen and tuple(chosen) == tuple(before):
        st.session_state["dates"] = extent


FROM_KEY, TO_KEY, TYPED_ERROR = "date_from_text", "date_to_text", "_date_error"


def _on_typed(bounds: tuple[dt.date, dt.date]) -> None:
    """Both boxes read as dates (a month, quarter or year typed in 'From' is its first
    day, in 'To' its last); set the range, or keep the boxes and say what is wrong."""
    try:
        start = typed_date(st.session_state.get(FROM_KEY, ""), last=False)
        end = typed_date(st.session_state.get(TO_KEY, ""), last=True)
    except BadDate as exc:
        st.session_state[TYPED_ERROR] = str(exc)
        return
    problem = range_problem(start, end, bounds)
    st.session_state[TYPED_ERROR] = problem
    if not problem:  # past the data's dates: clipped to them (the boxes show where)
        set_dates((max(start, bounds[0]), min(end, bounds[1])))


def _typed_range(bounds: tuple[dt.date, dt.date], chosen: tuple) -> None:
    """'From' and 'To' boxes that take typed dates (2025-10-01, 1 Oct 2025, Oct 2025,
    Q4 2025): they show the chosen range, and a bad date is named under them."""
    shown = tuple(d.isoformat() if d else "" for d in chosen)
    if st.session_state.get("_typed_for") != shown:  # the range moved: the boxes follow
        st.session_state[FROM_KEY], st.session_state[TO_KEY] = shown
        st.session_state["_typed_for"] = shown
        st.session_state[TYPED_ERROR] = None
    row = st.sidebar.container(horizontal=True, gap="small")
    for label, key in (("From", FROM_KEY), ("To", TO_KEY)):
        row.text_input(
            label,
            key=key,
            max_chars=40,
            on_change=_on_typed,
            args=(bounds,),
            placeholder="e.g. 1 Oct 2025",
            help="Type a day (2025-10-01, 1 Oct 2025, 01.10.2025), a month (Oct 2025), a "
            "quarter (Q4 2025) or a year; Enter sets the range.",
        )
    if problem := st.session_state.get(TYPED_ERROR):
        st.sidebar.error(problem, icon=":material/event_busy:")


def _on_period(spans: dict) -> None:
    label = st.session_state.get("period")
    if label in spans:
        set_dates(spans[label])
    st.session_state["period"] = None  # a menu, not a state: the dates hold the choice


def _period_picker(extent: tuple) -> None:
    """Any year, quarter or month of the data, typed or picked ('Q4 2025', 'Oct 2025')."""
    spans = periods(extent)
    st.sidebar.selectbox(
        "Month, quarter or year",
        list(spans),
        index=None,
        key="period",
        on_change=_on_period,
        args=(spans,),
        placeholder="e.g. Q4 2025, Oct 2025",
        help="Sets the date range to that calendar period, anywhere in the data.",
    )


def _day(day: dt.date) -> str:
    """'1 Oct 2018', as the slider writes its dates (no leading zero)."""
    return f"{day.day} {day:%b %Y}"


def _date_slider(frame: pd.DataFrame, extent: tuple, chosen: tuple) -> None:
    """A slider over the dense part of the data (where half the dated events are), so a
    pixel is days, not weeks of a 20-year span; it shows and sets the same range as the
    date inputs (the chosen range, clipped to the slider's span)."""
    low, high = dense_window(frame) or extent
    low = max(low.replace(day=1), extent[0])  # from the 1st of its month: whole months
    start, end = chosen
    spans = "where half the dated events are"
    if start and end and (start < low or end > high):
        # The slider shows the chosen range, always: a range running past the dense part
        # (everything, the last 90 days of a dataset whose dense years are long past, a
        # playback window) widens it, rather than leave its handles stuck at the ends
        # while the boxes say otherwise.
        low, high = min(low, start), max(high, end)
        spans = "where half the dated events are, and the chosen range"
    if low >= high:
        return
    # Set before the slider is made, from the date inputs: one range, two widgets.
    st.session_state["date_slider"] = clip_range(chosen, (low, high))
    st.sidebar.slider(
        "Narrow by dragging",
        min_value=low,
        max_value=high,
        key="date_slider",
        format="D MMM YYYY",
        on_change=lambda: set_dates(tuple(st.session_state["date_slider"])),
        help=f"Spans {_day(low)} – {_day(high)}, {spans}; "
        "the date inputs above reach every date. Arrow keys move a handle by a day.",
    )


def _choice_filters(data: Dataset) -> dict:
    sb, frame = st.sidebar, data.frame
    actors = sb.multiselect(
        "Actors", all_actors(frame), key="actors", bind="query-params", placeholder="All actors"
    )
    types = sb.multiselect(
        "Event types",
        sorted(frame["event_type"].unique()),
        key="types",
        bind="query-params",
        placeholder="All event types",
    )
    statuses = sb.multiselect(
        "Status", list(STATUS_WORDS), key="status", bind="query-params", placeholder="Any status"
    )
    titles = {layer.name: layer.title for layer in data.layers}
    layers = sb.multiselect(
        "Layers",
        list(titles),
        key="layers",
        bind="query-params",
        placeholder="All layers",
        help=escape_markdown("Layer files: " + "; ".join(f"{n} = {t}" for n, t in titles.items())),
    )
    return {
        "actors": frozenset(actors),
        "event_types": frozenset(types),
        "statuses": frozenset(statuses),
        "layers": frozenset(layers),
        **_source_filters(data),
    }


def _counted(counts: dict[str, int], names: dict[str, str] | None = None) -> str:
    """'Persian (Dari): 30 · Arabic: 15': how many events cite each, for a caption (a name
    may end in a number or a word such as 'bench': the count stands apart)."""
    names = names or {}
    return " · ".join(f"{names.get(key, key)}: {n:,}" for key, n in counts.items())


def _source_filters(data: Dataset) -> dict:
    """Source language and outlet, with how many events cite each.

    The options are the names people read (no format_func): a bound widget writes its
    shown label into the link, and counts in a label would break links when data changes.
    """
    sb, frame = st.sidebar, data.frame
    langs, outlets = language_counts(frame), outlet_counts(frame)
    code_of = {LANGUAGE_NAMES.get(code, code): code for code in langs}
    chosen_langs = sb.multiselect(
        "Source language",
        list(code_of),
        key="langs",
        bind="query-params",
        placeholder="Any language",
        help="The language of the article an event quotes (from seeds/sources.json).",
    )
    chosen_outlets = sb.multiselect(
        "Outlet",
        list(outlets),
        key="outlets",
        bind="query-params",
        placeholder="Any outlet",
        help="Who published the article an event quotes.",
    )
    sb.caption(escape_markdown("Events per language: " + _counted(langs, LANGUAGE_NAMES)))
    sb.caption(escape_markdown("Events per outlet: " + _counted(outlets)))
    return {
        "source_langs": frozenset(code_of[name] for name in chosen_langs),
        "outlets": frozenset(chosen_outlets),
    }


def sidebar_filters(data: Dataset) -> Filters:
    """The filter widgets; every one is mirrored in the URL."""
    sb = st.sidebar
    sb.header("Filters")
    text = sb.text_input(
        "Search",
        key="q",
        bind="query-params",
        live=True,  # filter as you type (after a short pause)
        max_chars=urlstate.MAX_TEXT,
        placeholder="e.g. Khorog, خروغ, Хорог, gold mine",
        help="Titles, places, actors and the sources' own words, in any "
        "language; Arabic/Persian letter forms and digits are folded.",
    )
    dates = _date_filters(data.frame)
    choices = _choice_filters(data)
    near = sb.number_input(
        "Within … km of the border",
        min_value=0,
        max_value=urlstate.MAX_KM,
        value=None,
        step=5,
        key="near_km",
        bind="query-params",
        placeholder="any distance",
        help="Geodesic distance to the Tajikistan–Afghanistan border line (1:10m).",
    )
    return Filters(
        **dates,
        **choices,
        max_border_km=None if near is None else float(near),
        text=text or "",
    )
