"""Playback (#25 item 3): a window of days, weeks or months stepped through time; the
window is the date filter, so the map, totals, charts, feed and link follow it."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.view import playback as pb
from tests.helpers.apptest import map_event_ids, run_app
from tests.helpers.browser import EVENTS
from tests.helpers.data import overlaps, with_point

D = dt.date
EXTENT = (D(2005, 1, 1), D(2025, 12, 3))


@pytest.mark.parametrize(
    ("start", "unit", "width", "window"),
    [
        (D(2025, 10, 22), "week", 1, (D(2025, 10, 20), D(2025, 10, 26))),
        (D(2025, 10, 22), "week", 2, (D(2025, 10, 20), D(2025, 11, 2))),
        (D(2025, 10, 22), "day", 3, (D(2025, 10, 22), D(2025, 10, 24))),
        (D(2025, 10, 22), "month", 1, (D(2025, 10, 1), D(2025, 10, 31))),
        (D(2024, 1, 31), "month", 2, (D(2024, 1, 1), D(2024, 2, 29))),
    ],
)
def test_windows_are_whole_units(start, unit, width, window):
    assert pb.window_from(start, unit, width) == window


def test_a_step_moves_one_unit_and_keeps_the_width():
    week = pb.window_from(D(2025, 10, 20), "week", 2)
    assert pb.step(week, "week", 2, 1, EXTENT) == (D(2025, 10, 27), D(2025, 11, 9))
    assert pb.step(week, "week", 2, -1, EXTENT) == (D(2025, 10, 13), D(2025, 10, 26))
    dec = pb.window_from(D(2025, 12, 1), "month", 1)
    assert pb.step(dec, "month", 1, 1, EXTENT) is None  # past the newest event: stop
    assert pb.step(pb.window_from(D(2005, 1, 1), "day", 1), "day", 1, -1, EXTENT) is None


def test_playing_starts_at_the_chosen_dates_or_the_dense_part():
    dense = (D(2025, 10, 22), D(2025, 12, 3))
    assert pb.start_window(EXTENT, EXTENT, dense, "week", 1)[0] == D(2025, 10, 20)
    chosen = (D(2021, 7, 1), D(2021, 9, 30))
    assert pb.start_window(chosen, EXTENT, dense, "month", 1) == (D(2021, 7, 1), D(2021, 7, 31))
    assert pb.start_window(None, EXTENT, None, "day", 1) == (EXTENT[0], EXTENT[0])


def test_windows_in_words():
    assert pb.window_words(pb.window_from(D(2025, 10, 22), "week", 1), "week") == (
        "Week of 20 Oct 2025"
    )
    assert pb.window_words(pb.window_from(D(2025, 10, 2), "month", 1), "month") == "Oct 2025"
    assert pb.window_words((D(2025, 10, 1), D(2025, 11, 30)), "month") == (
        "1 Oct 2025 – 30 Nov 2025"
    )


def test_next_and_back_step_the_page_and_the_map():
    at = run_app()
    at.button(key="play-next").click().run()
    first = at.date_input(key="dates").value
    assert first[0].weekday() == 0 and (first[1] - first[0]).days == 6
    expected = {e["id"] for e in EVENTS if overlaps(e, first[0].isoformat(), first[1].isoformat())}
    assert set(map_event_ids(at)) == with_point(expected)
    assert at.query_params["dates"] == [first[0].isoformat(), first[1].isoformat()]
    at.button(key="play-next").click().run()
    assert at.date_input(key="dates").value[0] == first[0] + dt.timedelta(days=7)
    at.button(key="play-back").click().run()
    assert at.date_input(key="dates").value == first
    assert any(m.value == f"**Week of {first[0].day} {first[0]:%b %Y}**" for m in at.markdown)


def test_the_link_keeps_the_step_and_width():
    at = run_app(dates=["2025-10-01", "2025-10-31"], play_unit="month", play_width="2")
    assert not at.exception
    at.button(key="play-next").click().run()
    assert at.date_input(key="dates").value == (D(2025, 11, 1), D(2025, 12, 31))
    at = run_app(play_unit="<b>", play_width="inf")  # ignored, defaults kept
    assert not at.exception and at.selectbox(key="play_unit").value == "week"


def test_stop_with_no_dates_chosen_before_leaves_the_dates_unset(monkeypatch):
    """Stop brings back what the reader had: no chosen dates is no dates (the widget's
    default), never a None written into the date widget's state."""
    import ui.playback as playback

    state = {"_playing": True, "dates": (dt.date(2025, 10, 1), dt.date(2025, 10, 7))}
    monkeypatch.setattr(playback.st, "session_state", state)
    state[playback.BEFORE_KEY] = (None, False)
    playback.stop()
    assert "dates" not in state and state["undated"] is False and not state["_playing"]
    chosen = (dt.date(2025, 1, 1), dt.date(2025, 2, 1))
    state.update({"_playing": True, playback.BEFORE_KEY: (chosen, True)})
    playback.stop()
    assert state["dates"] == chosen and state["undated"] is True


def test_a_click_sent_before_the_last_step_was_drawn_keeps_what_stop_brings_back():
    """A Pause clicked just as a step reruns the page: the browser sends the dates it still
    shows, the window before. That is playback's own window, not the reader's new choice:
    Stop still brings back the dates the reader had (a walk saw Stop greyed out there)."""
    at = run_app(dates=["2025-10-01", "2025-12-31"])
    at.button(key="play-next").click().run()
    shown = at.date_input(key="dates").value
    at.button(key="play-next").click().run()
    assert at.date_input(key="dates").value != shown
    at.button(key="play-toggle").click().run()  # Play
    at.date_input(key="dates").set_value(shown)  # the browser's stale dates, with the click
    at.button(key="play-toggle").click().run()  # Pause
    assert not at.button(key="play-stop").disabled
    at.button(key="play-stop").click().run()
    assert at.date_input(key="dates").value == (D(2025, 10, 1), D(2025, 12, 31))
    # Dates the reader sets themselves are theirs: nothing left to bring back.
    at.button(key="play-next").click().run()
    at.date_input(key="dates").set_value((D(2024, 1, 1), D(2024, 3, 31))).run()
    assert at.button(key="play-stop").disabled


def test_a_press_of_play_or_pause_does_what_the_button_said_even_twice(monkeypatch):
    """The toggle's press carries what the button last drawn said: the same press reaching
    the server again before the page is redrawn changes nothing (a flip would undo it)."""
    import ui.playback as playback
    from ui.live import dataset

    at = run_app(dates=["2025-10-01", "2025-12-31"])
    data = dataset()
    toggle = at.button(key="play-toggle")
    assert toggle.label == "Play"
    toggle.click().run()
    assert at.session_state["_playing"] is True and at.button(key="play-toggle").label == "Pause"
    state = at.session_state.to_dict()
    monkeypatch.setattr(playback.st, "session_state", state)
    playing = dict(state)
    playback._toggle(data, True)  # Play again: nothing at all changes
    assert state == playing
    playback._toggle(data, False)  # Pause
    assert state["_playing"] is False
    paused = dict(state)
    playback._toggle(data, False)  # Pause again: nothing changes, it does not play
    assert state == paused
