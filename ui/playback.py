"""Playback under the map: step or play a window of days, weeks or months through time
(geo/view/playback.py). The window is the date filter, so everything follows it and the
link keeps the position and whether it plays (?dates=…&play_unit=week&play_width=1&play=true)."""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo.choices import date_extent
from geo.dataset import Dataset
from geo.view import playback as pb
from geo.view.charts import dense_window
from ui.live import with_current
from ui.state import set_dates

PLAY_SECONDS = 2.0  # a step every two seconds: the page redraws in well under one
PLAY_KEY = "play"  # ?play=true: the link plays on from its dates when opened
# The bar's key while playing: app.PAGE_CSS keeps it at the screen's foot, and the map
# scrolls into view above it when Play is pressed (geo/view/follow.py PlayInView).
BAR_PLAYING = "playbar-on"
BAR_SELECTOR = ".st-key-playbar-on, .st-key-playbar"


def _from_link() -> None:
    """A link opened while it played (?play=true) plays on, once per session."""
    if "_play_read" in st.session_state:
        return
    st.session_state["_play_read"] = True
    if str(st.query_params.get(PLAY_KEY, "")).lower() == "true":
        st.session_state["_playing"] = True
        st.session_state["_play_at"] = time.monotonic()
        _pressed()


def _pressed() -> None:
    """Playing starts: one more press for the map to bring itself into view."""
    st.session_state["_play_token"] = st.session_state.get("_play_token", 0) + 1


def play_token() -> int | None:
    """While playing, the press it started from (None when paused)."""
    if not st.session_state.get("_playing"):
        return None
    return int(st.session_state.get("_play_token", 0))


def _to_link(playing: bool) -> None:
    """The link says whether it plays; a paused view is the dates alone."""
    if playing:
        st.query_params[PLAY_KEY] = "true"
    elif PLAY_KEY in st.query_params:
        del st.query_params[PLAY_KEY]


def _chosen() -> pb.Window | None:
    dates = st.session_state.get("dates")
    if isinstance(dates, tuple | list) and len(dates) == 2 and all(dates):
        return dates[0], dates[1]
    return None


def _advance(data: Dataset, direction: int) -> None:
    """One step on or back; the first step starts a window (see playback.start_window)."""
    extent = date_extent(data.frame)
    if extent is None:
        return
    unit = st.session_state.get("play_unit", "week")
    width = int(st.session_state.get("play_width") or 1)
    chosen = _chosen()
    if chosen is None or tuple(chosen) == tuple(extent):
        window: pb.Window | None = pb.start_window(
            chosen, extent, dense_window(data.frame), unit, width
        )
        st.session_state.pop(RANGE_KEY, None)
    elif _wider(chosen, unit, width):  # a chosen range: its first (or last) window
        window = _entering(chosen, extent, unit, width, direction)
        st.session_state[RANGE_KEY] = chosen
    else:
        window = pb.step(chosen, unit, width, direction, extent)
        window = None if _past_range(window, chosen) else window
    st.session_state["_play_at"] = time.monotonic()
    if window is None:  # past the data's dates (or the range played): back to the range
        stop()
        return
    _remember()
    set_dates(window)
    played = tuple(st.session_state.get(LAST_KEY) or ())
    st.session_state[LAST_KEY] = (*played[-(PLAYED_KEPT - 1) :], tuple(window))


# What the reader had before stepping or playing (their dates and the undated toggle),
# and the windows playback set last: stopping, or playing to the end, brings the dates
# back; dates set any other way since (typed, a quick range) are the reader's new choice.
BEFORE_KEY, LAST_KEY = "_play_before", "_play_last"
# A click made before the page drew the last step sends the dates it showed, the window
# before: the windows playback set lately are its own, not the reader's new choice (that
# forgot what Stop brings back, seen after a Pause made just as a step was drawn).
PLAYED_KEPT = 3


def _remember() -> None:
    if BEFORE_KEY not in st.session_state:
        dates = st.session_state.get("dates")
        st.session_state[BEFORE_KEY] = (dates, st.session_state.get("undated", True))


def _forget_if_moved() -> None:
    """The dates were moved by other means than playback: nothing to bring back."""
    played = st.session_state.get(LAST_KEY) or ()
    chosen = _chosen()
    if BEFORE_KEY in st.session_state and (chosen is None or tuple(chosen) not in played):
        for key in (BEFORE_KEY, LAST_KEY, RANGE_KEY):
            st.session_state.pop(key, None)


def stop() -> None:
    """Stop playing and bring back the range (and undated toggle) the reader had."""
    st.session_state["_playing"] = False
    st.session_state.pop(RANGE_KEY, None)
    st.session_state.pop(LAST_KEY, None)
    before = st.session_state.pop(BEFORE_KEY, None)
    if before is not None:
        dates, st.session_state["undated"] = before
        if dates is None:  # no dates were chosen: the widget goes back to its default
            st.session_state.pop("dates", None)
        else:
            st.session_state["dates"] = dates


RANGE_KEY = "_play_range"  # the range chosen before playing: playing stops at its end


def _wider(chosen: pb.Window, unit: str, width: int) -> bool:
    """The chosen dates hold more than one window (Oct–Dec played week by week)."""
    return chosen[1] > pb.window_from(chosen[0], unit, width)[1]


def _entering(
    chosen: pb.Window, extent: pb.Window, unit: str, width: int, direction: int
) -> pb.Window:
    """The range's first window going on, its last going back (within the data's dates):
    Play or Next on Oct–Dec starts at the week holding 1 October, not the one after."""
    if direction > 0:
        return pb.window_from(max(chosen[0], extent[0]), unit, width)
    last = pb.align(min(chosen[1], extent[1]), unit)
    return pb.window_from(pb.shift(last, unit, 1 - width), unit, width)


def _past_range(window: pb.Window | None, chosen: pb.Window) -> bool:
    """While playing a chosen range (the step now inside it), a window past its end."""
    played = st.session_state.get(RANGE_KEY)
    if window is None or not played or not st.session_state.get("_playing"):
        return False
    return chosen[1] >= played[0] and chosen[0] <= played[1] < window[0]


def _toggle(data: Dataset, playing: bool) -> None:
    """Play (`playing`) or Pause, as the button last drawn said: the same press reaching
    the server again before the page is redrawn changes nothing (a flip undid it). A press
    of a button the server has redrawn since (Pause just as playback ended) still does what
    the new drawing says: Streamlit keys a button's callback by its key alone."""
    if playing == bool(st.session_state.get("_playing", False)):
        return
    st.session_state["_playing"] = playing
    chosen, extent = _chosen(), date_extent(data.frame)
    if playing:
        _pressed()
    if playing and (chosen is None or (extent and tuple(chosen) == tuple(extent))):
        _advance(data, 1)  # a window to play from, at once
    st.session_state["_play_at"] = time.monotonic()


def _tick(data: Dataset) -> None:
    """Every PLAY_SECONDS while playing: the next step, then the whole page again; only in
    the fragment's own run, and only once the interval has passed."""
    if not st.session_state.get("_playing"):
        return
    ctx = get_script_run_ctx()
    if ctx is None or not ctx.fragment_ids_this_run:
        # The whole page's run calls the fragment too, after the date widgets are drawn:
        # the dates may not change there (a slow first run of a link that plays would).
        return
    if time.monotonic() - st.session_state.get("_play_at", 0.0) < PLAY_SECONDS * 0.9:
        return
    _advance(data, 1)
    st.rerun(scope="app")


def _buttons(row: DeltaGenerator, data: Dataset, playing: bool) -> None:
    row.button(
        "Back",
        icon=":material/skip_previous:",
        key="play-back",
        on_click=with_current(_advance),
        args=(-1,),
        help="One step back",
    )
    row.button(
        "Pause" if playing else "Play",
        icon=":material/pause:" if playing else ":material/play_arrow:",
        key="play-toggle",
        on_click=with_current(_toggle),
        args=(not playing,),  # what the button says, not a flip of whatever is now
        width=TOGGLE_PX,  # Play and Pause take the same room: nothing after them moves
        help="Step through time, one step every two seconds; the link keeps the position.",
    )
    row.button(
        "Next",
        icon=":material/skip_next:",
        key="play-next",
        on_click=with_current(_advance),
        args=(1,),
        help="One step on",
    )
    # Always in its place (greyed out until there is something to bring back): drawn only
    # once stepping began, it pushed the step and width boxes along (the #25 walk).
    row.button(
        "Stop",
        icon=":material/stop:",
        key="play-stop",
        on_click=stop,
        disabled=BEFORE_KEY not in st.session_state,
        help="Stop and bring back the dates you had before stepping or playing.",
    )


def _window_words(data: Dataset) -> str | None:
    """The dates shown as a window in words (Week of 27 Oct 2025); None for every date."""
    chosen, extent = _chosen(), date_extent(data.frame)
    if chosen and extent and tuple(chosen) != tuple(extent):
        return pb.window_words(chosen, st.session_state.get("play_unit", "week"))
    return None


TOGGLE_PX = 86
ALL_DATES = "Every date shown: step or play through time"


def playback(data: Dataset) -> None:
    """Back / Play (Pause) / Next, the unit and the window's width; the window in words."""
    if date_extent(data.frame) is None:
        return
    _from_link()
    _forget_if_moved()
    playing = st.session_state.get("_playing", False)
    _to_link(playing)
    words = _window_words(data)
    if not playing:
        # Above the controls: beside them it wrapped under the row on a laptop's map
        # column (the step and window boxes take the room; playing hides them). A line
        # even with every date shown, so the first step does not move the buttons down.
        # (Not in a keyed container: the page's tree keeps its shape between playing and
        # paused; app.PAGE_CSS finds it as the bar's previous sibling.)
        st.markdown(f"**{words or ALL_DATES}**")
    row = st.container(
        horizontal=True,
        vertical_alignment="bottom",
        gap="xsmall",  # the four buttons and two boxes in one row of a laptop's map column
        key=BAR_PLAYING if playing else "playbar",
    )
    _buttons(row, data, playing)
    row.selectbox("Step by", pb.UNITS, index=1, key="play_unit", bind="query-params", width=100)
    row.number_input(
        "Window (steps)",
        min_value=1,
        max_value=pb.MAX_WIDTH,
        value=1,
        key="play_width",
        bind="query-params",
        width=120,
    )
    if words and playing:
        row.markdown(f"**{words}**")
    if playing:
        st.fragment(with_current(_tick), run_every=dt.timedelta(seconds=PLAY_SECONDS))()
