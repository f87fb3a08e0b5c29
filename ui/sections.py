"""The page's sections below the map: problems, timeline, table, exports, about."""

from __future__ import annotations

import datetime as dt
import threading

import numpy as np
import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.state.session_state_proxy import get_session_state

from geo import urlstate
from geo.choices import clip_range, date_extent, event_types
from geo.dataset import Dataset, table_frame
from geo.filters import Filters, describe_filters, filter_mask, without_dates
from geo.model import ReferenceKind
from geo.store.changes import view_key
from geo.view import about, charts
from geo.view import problems as problems_view
from geo.view.charts import AGGREGATE_ABOVE
from geo.view.html import escape_markdown
from geo.view.places import Near, near_mask
from geo.view.table import SORTS, sorted_positions
from geo.view.timeline import TIMELINE_COLUMNS, WEEKLY_COLUMNS, timeline_spec
from ui.downloads import downloads
from ui.overview import WIDE_KEY, area_frame_mask
from ui.state import on_table_select, on_timeline_select, timeline_key

TABLE_PAGE = 500


TABLE_COLUMNS = [
    "title",
    "date_start",
    "date_end",
    "date_precision",
    "period",
    "event_type",
    "actors",
    "place",
    "geo_precision",
    "border_km",
    "border_side",
    "status",
    "fatalities",
    "layer",
    "source_langs",
    "outlets",
]


# What the table's headers say (the frame keeps its column names; the CSV has its own).
TABLE_LABELS = {
    "title": "Title",
    "date_start": "From",
    "date_end": "To",
    "date_precision": "Date known to",
    "period": "Site period",
    "event_type": "Type",
    "actors": "Actors",
    "place": "Place",
    "geo_precision": "Place precision (1 exact – 3 region)",
    "border_km": "km from border",
    "border_side": "Side",
    "status": "Status",
    "fatalities": "Killed",
    "layer": "Layer",
    "source_langs": "Source language",
    "outlets": "Outlet",
}


def _table_page(frame: pd.DataFrame, order: np.ndarray) -> pd.DataFrame:
    """The rows of the table's current page, in the sorted order (big layers are never
    sent whole, and only the page's rows are copied)."""
    pages = max(1, -(-len(order) // TABLE_PAGE))
    if pages == 1:
        return frame.iloc[order]
    page = st.number_input(
        f"Page (of {pages:,}, {TABLE_PAGE} events each)",
        min_value=1,
        max_value=pages,
        value=1,
        step=1,
        key="table_page",
    )
    start = (int(page) - 1) * TABLE_PAGE
    return frame.iloc[order[start : start + TABLE_PAGE]]


def table_and_exports(
    data: Dataset,
    shown: pd.DataFrame,
    filters: Filters,
    *,
    area: str = "",
    near: str = "",
    said: str = "",
) -> None:
    """The table of the shown events, sorted over every row, and their downloads (named
    by the filters, `near` the place radius's words: downloads.near_words; `said` every
    filter in words, for the offline copy: geo.filters.describe_view)."""
    st.subheader("Events")
    sort = st.selectbox(
        "Sort every row by",
        list(SORTS),
        key="table_sort",
        help="Sorts all the shown events before they are split into pages; a click on a "
        "column header sorts the page shown only.",
    )
    rows = _table_page(data.frame, sorted_positions(data.frame, shown, sort))
    ids = list(rows["id"])
    st.dataframe(
        table_frame(rows, TABLE_COLUMNS),
        key="table",
        on_select=lambda: on_table_select(ids),
        selection_mode="single-row",
        column_config={column: TABLE_LABELS.get(column, column) for column in TABLE_COLUMNS},
        hide_index=True,
        width="stretch",
    )
    downloads(data, shown, filters, area, near, said or describe_filters(filters))


def about_the_data(data: Dataset) -> None:
    st.subheader("About the data")
    st.markdown(
        about.origins_of(data)
        + " Dates and places carry their precision: nothing is dated or placed more exactly "
        "than a source states."
    )
    claimed = about.claimed_features(data)  # not every event: a million are not decoded
    rows = about.length_rows(claimed, data.references.get(ReferenceKind.BORDER))
    st.markdown(
        "**How long is the Tajikistan–Afghanistan border?** The sources disagree, "
        "and the map's line is shorter still:"
    )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    stated = about.stated_range_words(claimed)
    st.caption(
        f"Why they differ: published figures ({escape_markdown(stated or 'none loaded')}) "
        "follow the Panj river's every bend; a 1:10m map line is generalised and cuts those "
        "bends, so it measures less. Boundaries: Natural Earth 1:10m (public domain)."
    )


def counts(shown: pd.DataFrame, total: int) -> str:
    undated = int(shown["undated"].sum())
    return (
        f"**{len(shown) - undated:,} dated** and **{undated:,} undated** events shown of {total:,}"
    )


def timeline(data: Dataset, filters: Filters, area: str = "", near: Near | None = None) -> None:
    """Every event the other filters keep; drag across it to set the range.

    The axis opens on the chosen date range, or on the dense part of the data (where
    half the dated events are); a toggle shows every year.
    """
    st.subheader("Timeline")
    whole = st.toggle("Show every year", key="timeline_all")
    wide = bool(st.session_state.get(WIDE_KEY)) and bool(area)
    # Keyed by the oldest load this view is the same on: an accept the filters keep out
    # leaves the timeline as it was (geo/store/changes.py); what spans the whole frame
    # (its dates, its types) is in the key too.
    seen_on = (
        view_key(data, without_dates(filters)),
        date_extent(data.frame),
        event_types(data.frame),
    )
    built = _timeline_parts(data, seen_on, filters, whole, area, near, wide)
    if built is None:
        st.info("No dated events match the filters.")
        return
    note, spec = built
    st.caption(note)
    extent = date_extent(data.frame)
    st.vega_lite_chart(
        spec,
        width="stretch",
        key=timeline_key(),
        on_select=lambda: _on_timeline_drag(extent),
        selection_mode="brush",
    )


# Built only when what it shows changes: a map click, a table row or the panel rerun the
# page without touching the timeline. Keyed by `seen_on` (the oldest load whose events
# this view shows the same way, the data's dates and types), the filters and the
# toggle, not by the Dataset itself; the spec is a plain dict
# (geo/view/timeline.py) that a date change leaves alone: its axis and band are data.
@st.cache_data(max_entries=32, show_spinner=False, hash_funcs={Dataset: lambda d: ""})
def _timeline_parts(
    data: Dataset,
    seen_on: tuple,
    filters: Filters,
    whole: bool,
    area: str = "",
    near: Near | None = None,
    wide: bool = False,
) -> tuple[str, dict] | None:
    span = _timeline_rows(data, filters, area, near, wide)
    dated = span[~span["undated"].to_numpy()]  # filtered once for every measure below
    chosen, extent = (filters.date_from, filters.date_to), date_extent(data.frame)
    domain = None if whole else charts.timeline_domain(dated, chosen, extent)
    axis = domain or charts.whole_domain(dated)  # the whole span only when it is shown
    if dated.empty or axis is None:
        return None
    note = "Drag across the timeline to show only that period."
    if domain is not None:
        inside = charts.starts_within(dated, domain)
        note += (
            f" It shows {domain[0]:%d %b %Y} – {domain[1]:%d %b %Y}, where {inside:,} of the "
            f"{len(dated):,} dated events start; switch on “Show every year” for the rest."
        )
    return note, timeline_spec(span, domain or axis, chosen, list(event_types(data.frame)))


# The timeline's rows do not depend on the date range (it only moves the axis and the
# band): a date change reuses them. A few views' rows are kept (a million rows of the
# weekly columns hold about 30 MB), shared by every session, the newest kept.
_ROWS: dict[tuple, pd.DataFrame] = {}
_ROWS_KEPT = 4
_ROWS_LOCK = threading.Lock()


def _timeline_rows(
    data: Dataset, filters: Filters, area: str, near: Near | None, wide: bool
) -> pd.DataFrame:
    """The rows the timeline shows (every filter but the dates, the area, the place)."""
    key = (data.key, without_dates(filters), area, near, wide)
    with _ROWS_LOCK:  # sessions run in threads of their own
        rows = _ROWS.get(key)
    if rows is None:
        rows = _masked_rows(data, filters, area, near, wide)
        with _ROWS_LOCK:
            while len(_ROWS) >= _ROWS_KEPT:
                _ROWS.pop(next(iter(_ROWS)))  # the oldest
            _ROWS[key] = rows
    return rows


def _masked_rows(
    data: Dataset, filters: Filters, area: str, near: Near | None, wide: bool
) -> pd.DataFrame:
    """The timeline's rows masked over the loaded frame and copied once, with only the
    columns it reads: a timeline of weekly counts reads no title or id (a million of
    them, copied, was the costliest step of a rerun)."""
    frame = data.frame
    keep = filter_mask(frame, without_dates(filters)) & area_frame_mask(data, area, wide)
    near_keep = near_mask(frame, near, data.areas)
    if near_keep is not None:
        keep &= near_keep
    columns = TIMELINE_COLUMNS if keep.sum() <= AGGREGATE_ABOVE else WEEKLY_COLUMNS
    # The release (which dataset, or curated) keeps each source's dense part in view.
    columns = columns + (["release"] if "release" in frame else [])
    return frame.loc[keep, columns]


def _on_timeline_drag(extent: tuple[dt.date, dt.date] | None) -> None:
    """The dragged range, kept inside the dates there are: the axis has a little room
    either side, and a date input refuses a value past its bounds (and keeps its old)."""
    on_timeline_select()
    dates = st.session_state.get("dates")
    if extent is None or not isinstance(dates, tuple | list) or len(dates) != 2:
        return
    if not all(isinstance(d, dt.date) and not pd.isna(d) for d in dates):
        return
    clipped = clip_range(tuple(dates), extent)
    if clipped != tuple(dates):
        st.session_state["dates"] = clipped


def show_problems(data: Dataset) -> None:
    """One warning per file with problems (a few files at most), then one line for the rest."""
    groups, rest = problems_view.group_problems(data.problems)
    for group in groups:
        st.warning(
            f"File {escape_markdown(group.file)} has {group.summary}; "
            "the affected features are left out, everything else is shown."
        )
        with st.expander(f"Problems in {escape_markdown(group.file)}"):
            st.text("\n".join(group.lines))
    if rest:
        st.warning(escape_markdown(rest))


def clean_url(data: Dataset) -> None:
    """Drop every query parameter its widget could not take, before any widget reads it.

    A crafted link (`?near_km=inf`) would otherwise crash Streamlit's own URL binding;
    each ignored part is named in one short note and its filter shows its default.
    """
    raw = {key: st.query_params.get_all(key) for key in st.query_params}
    clean, notes = urlstate.sanitise(raw, urlstate.atlas_spec(data))
    if clean != raw:
        for key in raw:
            try:
                if key not in clean:
                    del st.query_params[key]
                elif clean[key] != raw[key]:
                    st.query_params[key] = clean[key]
            except StreamlitAPIException:
                # Bound to a widget that already ran this session: reset the widget.
                st.session_state.pop(key, None)
        # Bound widgets seed from the URL as first received, not from st.query_params:
        # hand them the cleaned one (Streamlit's call after a page change; no public API).
        with get_session_state().query_params() as params:
            params.set_initial_query_params_from_current()
    if notes:
        # Kept for the session: the map's first report reruns the page with the clean URL.
        st.session_state["url_notes"] = urlstate.summary(notes)
    if st.session_state.get("url_notes"):
        st.info(escape_markdown(st.session_state["url_notes"]), icon="🔗")
