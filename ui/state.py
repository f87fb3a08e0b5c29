"""Session state changes, each in a callback: selection, dates, filters, the map view.

One path to the selected event: map clicks, table rows, related links and story steps
all call `select`, before the rerun, so the picker and the URL show it at once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from geo.view import map as mapview
from geo.view.clicks import CLICK_TOKEN
from geo.view.fit import Circle, shown_extent
from geo.view.picture import view_bounds
from geo.view.piles import pile_request


def select(event_id: str | None, *, on_map: bool = False) -> None:
    """Select an event (None: none). Chosen anywhere but on the map (the feed, the table,
    a related link, a story step), the map goes to it, even when the server's view is
    already there: the reader may have panned or fitted the map since."""
    if event_id is None and st.session_state.get("event") is not None:
        # The picker is made anew: a selectbox set to None by the server kept its old
        # choice in the browser, which the next rerun sent back (Close, then Fit: the
        # closed event came back).
        st.session_state["_picker"] = st.session_state.get("_picker", 0) + 1
    st.session_state["event"] = event_id
    if on_map:
        # Clicked on the map, so in view already: the map stays where the reader put it
        # (recentring at the selection zoom would undo their zoom and, on big layers,
        # cost a second rerun for the new view).
        st.session_state["_view_of"] = event_id
    st.session_state["_go_to"] = None if on_map else event_id


def picker_key() -> str:
    """The key of the event picker now (a new one after each clearing: `select`)."""
    return f"event-picker-{st.session_state.get('_picker', 0)}"


def _next_fit_token() -> int:
    token = st.session_state.get("_fit_token", 0) + 1
    st.session_state["_fit_token"] = token
    return token


def move_to(view: tuple[list[float], int]) -> None:
    """Set the server's view. streamlit-folium moves the map only when its centre or zoom
    changes: when the view is the server's already (the reader may have panned or fitted
    the map since), the browser is asked to move there once, by a fit of the one point at
    that zoom (geo/view/fit.py FitView)."""
    if view == st.session_state.get("_view"):
        (lat, lon), zoom = view
        st.session_state["_fit"] = {
            "bounds": (lat, lon, lat, lon), "token": _next_fit_token(), "view": view,
            "max_zoom": zoom,
        }  # fmt: skip
    st.session_state["_view"] = view


def go_to_asked() -> str | None:
    """The event the map was asked to go to by the last selection, once."""
    return st.session_state.pop("_go_to", None)


def on_map_change() -> None:
    out = st.session_state.get("map") or {}
    drawing = out.get("last_active_drawing") or {}
    event_id = (drawing.get("properties") or {}).get("id")
    # A click sent at once carries a token of its own (geo/view/clicks.py): a new token is
    # a click, even one that repeats the last count and event (a map made anew, after a
    # page left and come back to, counts from 0 again). The library's own reports carry
    # none: there the count and what was clicked, both unchanged, are a pan or zoom (big
    # layers return the view too), not a click.
    token = out.get(CLICK_TOKEN)
    click = (out.get("last_object_clicked_count"), event_id)
    if token:
        clicked = token != st.session_state.get("_click_token")
    else:
        clicked = click != st.session_state.get("_click")
    st.session_state["_click"], st.session_state["_click_token"] = click, token
    if not clicked:
        return
    area = (drawing.get("properties") or {}).get("atlas_area")
    if isinstance(area, str) and area:  # a province or district of the map's modes
        st.session_state["area"] = area
        return
    pile = pile_request((drawing.get("properties") or {}).get("atlas_pile"))
    if pile is not None:  # a pile of events opened, or paged (geo/view/piles.py)
        st.session_state["pile"] = pile
        return
    if event_id:
        select(event_id, on_map=True)


def on_table_select(ids: list[str]) -> None:
    rows = st.session_state["table"].selection.rows
    if rows:
        select(ids[rows[0]])


def _undated_for(value: tuple) -> None:
    # A date range asked for: undated events leave, unless it is every date there is.
    st.session_state["undated"] = tuple(value) == st.session_state.get("_extent")


def set_dates(value: tuple) -> None:
    st.session_state["dates"] = value
    _undated_for(value)


def on_dates_typed() -> None:
    """Dates typed or picked follow the rule of every other date control (set_dates)."""
    value = st.session_state.get("dates")
    picked = tuple(value) if isinstance(value, tuple | list) else (value,)
    if len(picked) == 2:  # a range half picked changes nothing yet
        _undated_for(picked)  # the widget holds the dates already


def timeline_key() -> str:
    """The timeline chart's key: a new one after each drag (see on_timeline_select)."""
    return f"timeline-{st.session_state.get('_timeline_drags', 0)}"


def on_timeline_select() -> None:
    brush = (st.session_state[timeline_key()].selection or {}).get("brush") or {}
    span = brush.get("start") or next(iter(brush.values()), None)
    if span and len(span) == 2:
        days = [pd.to_datetime(v, unit="ms").date() for v in span]
        set_dates((min(days), max(days)))
        # The chart is made anew, without the brush: the shaded band shows the range. A
        # brush left drawn went stale when a quick range changed the dates, and, with the
        # axis zoomed to it, covered the chart, so the next drag moved it instead of
        # drawing a new one.
        st.session_state["_timeline_drags"] = st.session_state.get("_timeline_drags", 0) + 1


# Every filter widget's key and its "show everything" value.
FILTER_DEFAULTS = {
    "q": "", "actors": [], "types": [], "status": [], "layers": [], "near_km": None,
    "langs": [], "outlets": [], "area": None, "place": None,
}  # fmt: skip


def clear_filters(keys: list[str] | None = None) -> None:
    """Set the filters named (all when None) to show everything."""
    # Set, not pop: a widget bound to the URL would take its value back from the link.
    for key, value in FILTER_DEFAULTS.items():
        if keys is None or key in keys:
            st.session_state[key] = value
    if keys is None or "dates" in keys:
        if st.session_state.get("_extent"):
            st.session_state["dates"] = st.session_state["_extent"]
        st.session_state["undated"] = True


def fit_to(bounds: tuple[float, float, float, float], view: tuple[list[float], int]) -> None:
    """Fit the map to these bounds (south, west, north, east) in the browser, at its own
    size, while the server's view is `view` (an event with no point: its whole area)."""
    st.session_state["_fit"] = {"bounds": bounds, "token": _next_fit_token(), "view": view}


def fit(
    shown: pd.DataFrame, areas: Mapping[str, Mapping[str, Any]], circle: Circle | None = None
) -> None:
    """Fit the map to the shown events, the ground each may stand for and the place's
    circle (in the browser, at the map's size: geo/view/fit.py); the whole region when
    there is nothing to fit. The request holds while the server's view stays as it is."""
    bounds = shown_extent(shown, areas, circle)
    if bounds is None:
        bounds = view_bounds(mapview.CENTER_LAT_LON, mapview.DEFAULT_ZOOM)
    token = _next_fit_token()
    view = st.session_state.get("_view") or (list(mapview.CENTER_LAT_LON), mapview.DEFAULT_ZOOM)
    st.session_state["_fit"] = {"bounds": bounds, "token": token, "view": view}


def ask_fit() -> None:
    """A place, its radius or its area-only events changed: fit the map once the rows near
    it are known (fit_if_asked)."""
    st.session_state["_fit_asked"] = True


def ask_fit_now() -> None:
    """The fit button: fit the map to the shown rows of the run it starts (fit_if_asked)."""
    st.session_state["_fit_now"] = True


def fit_if_asked(
    shown: pd.DataFrame, areas: Mapping[str, Mapping[str, Any]], circle: Circle | None
) -> Circle | None:
    """Fit the map when asked: to the shown rows (the button), or to the place's circle
    and the rows near it (a place just chosen); the circle."""
    asked_place = st.session_state.pop("_fit_asked", False) and circle is not None
    if st.session_state.pop("_fit_now", False) or asked_place:
        fit(shown, areas, circle)
    return circle


def fit_request() -> dict[str, Any] | None:
    """The fit asked for, while nothing has moved the server's view since (a selection
    or a story step moving it wins)."""
    asked = st.session_state.get("_fit")
    if asked and asked["view"] == st.session_state.get("_view"):
        return asked
    return None
