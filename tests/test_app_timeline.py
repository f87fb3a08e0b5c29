"""The timeline and the date controls through AppTest: the dense span, the slider, typed
dates, the weekly chart."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from geo.view.charts import MIN_SPAN_DAYS, dense_span, timeline_domain
from geo.view.timeline import BAND, WINDOW, timeline_spec, two_lines, weekly_counts
from tests.helpers.apptest import run_app
from tests.helpers.data import EVENT_LAYER_FILES, overlaps, read_layer

EVENTS = {
    f["properties"]["id"]: f["properties"]
    for p in EVENT_LAYER_FILES
    for f in read_layer(p)["features"]
}


def _timeline_chart(at):
    """The timeline's chart (the overview's bar charts are charts too)."""
    charts = [c for c in at.get("vega_lite_chart") if "timeline_events" in c.proto.spec]
    assert len(charts) == 1, f"expected one timeline, found {len(charts)}"
    return charts[0]


def _timeline_dataset(at, name: str) -> pd.DataFrame:
    """One of the timeline chart's named datasets, as sent to the browser (Arrow IPC)."""
    for dataset in _timeline_chart(at).proto.datasets:
        if dataset.name == name:
            return pa.ipc.open_stream(dataset.data.data).read_all().to_pandas()
    raise AssertionError(f"the timeline has no dataset {name!r}")


def _timeline_x_domain(at) -> list[dt.date]:
    """The timeline's x-axis range (its window row), as days."""
    window = _timeline_dataset(at, WINDOW).iloc[0]
    return [dt.date.fromisoformat(window["lo"]), dt.date.fromisoformat(window["hi"])]


def test_timeline_opens_on_the_dense_months_not_on_twenty_years():
    at = run_app()
    domain = _timeline_x_domain(at)
    assert domain, "the timeline opens on every year"
    start, end = domain
    last = max(dt.date.fromisoformat(p["date_end"]) for p in EVENTS.values() if p["date_end"])
    assert dt.date(2025, 10, 1) <= start <= dt.date(2025, 10, 25)  # not 2005
    assert last <= end <= last + dt.timedelta(days=7)
    caption = " ".join(c.value for c in at.caption)
    assert "Show every year" in caption and "of the 22 dated events" in caption


def test_timeline_follows_a_chosen_range_and_can_show_every_year():
    at = run_app(dates=["2025-11-01", "2025-11-30"])
    domain = _timeline_x_domain(at)
    assert domain, "the timeline ignores the chosen range"
    start, end = domain
    assert start < dt.date(2025, 11, 1) and end > dt.date(2025, 11, 30)
    assert (end - start).days < 40
    at.toggle(key="timeline_all").set_value(True).run()
    first = min(dt.date.fromisoformat(p["date_start"]) for p in EVENTS.values() if p["date_start"])
    assert _timeline_x_domain(at)[0] <= first < _timeline_x_domain(at)[0] + dt.timedelta(days=400)


def test_a_date_change_leaves_the_timeline_spec_alone():
    """Only the window and band rows change: the browser keeps its chart (no re-embed)."""
    at = run_app()
    spec = _timeline_chart(at).proto.spec
    at.button(key="preset-Last 30 days").click().run()
    assert _timeline_chart(at).proto.spec == spec
    band = _timeline_dataset(at, BAND).iloc[0]
    assert (band["start"], band["end"]) == tuple(
        d.isoformat() for d in at.date_input(key="dates").value
    )
    low, high = _timeline_x_domain(at)
    assert low < dt.date.fromisoformat(band["start"]) and high > dt.date.fromisoformat(band["end"])
    assert (high - low).days < 40  # zoomed to the 30 days


def test_dense_span_is_the_shortest_stretch_holding_half_the_events(data):
    assert dense_span(data.frame) == (dt.date(2025, 10, 20), dt.date(2025, 12, 3))
    dated = data.frame[~data.frame["undated"]]
    # No zoom into a span that reads well whole (the last months alone), nor into one
    # of a few scattered events (two, years apart).
    assert dense_span(dated[dated["date_start"] >= "2025-08-01"]) is None
    assert dense_span(dated.sort_values("date_start").iloc[:2]) is None
    extent = (dt.date(2005, 1, 1), dt.date(2025, 12, 3))
    chosen = timeline_domain(data.frame, (dt.date(2025, 11, 27), dt.date(2025, 11, 27)), extent)
    assert chosen is not None
    assert (chosen[1] - chosen[0]).days >= MIN_SPAN_DAYS  # a single day still gets an axis
    assert chosen[0] <= dt.date(2025, 11, 27) <= chosen[1]


def _slider_bounds(at) -> list[dt.date]:
    slider = at.slider(key="date_slider")
    # The proto holds the bounds as microseconds since 1970.
    return [dt.datetime.fromtimestamp(v / 1e6, dt.UTC).date() for v in (slider.min, slider.max)]


def test_date_slider_spans_the_dense_part_and_sets_the_range():
    # Every date (the default, or the "Everything" quick range): the slider reads every
    # date too, its handles where the boxes say (the #25 walk: it read the dense part with
    # both handles at its ends while the boxes said otherwise).
    at = run_app()
    every = tuple(at.date_input(key="dates").value)
    assert at.slider(key="date_slider").value == every == tuple(_slider_bounds(at))
    at.button(key="preset-Everything").click().run()
    assert at.slider(key="date_slider").value == tuple(at.date_input(key="dates").value) == every
    # A range inside the dense part: the slider spans the dense part, a day a step.
    at = run_app(dates=["2025-11-05", "2025-11-20"])
    assert _slider_bounds(at) == [dt.date(2025, 10, 1), dt.date(2025, 12, 3)]  # a month's 1st
    at.slider(key="date_slider").set_value((dt.date(2025, 11, 1), dt.date(2025, 11, 30))).run()
    assert at.date_input(key="dates").value == (dt.date(2025, 11, 1), dt.date(2025, 11, 30))
    expected = sum(overlaps(p, "2025-11-01", "2025-11-30") for p in EVENTS.values())
    assert 0 < expected < 22
    assert at.markdown[0].value.startswith(f"**{expected} dated** and **0 undated**")


def test_date_slider_follows_the_date_inputs():
    at = run_app(dates=["2025-11-05", "2025-11-20"])
    assert at.slider(key="date_slider").value == (dt.date(2025, 11, 5), dt.date(2025, 11, 20))
    at = run_app(dates=["2025-06-01", "2025-12-31"])  # the end of the year is accepted
    assert at.date_input(key="dates").value == (dt.date(2025, 6, 1), dt.date(2025, 12, 31))
    # Past the dense part: the slider widens to the range, its handles on the range's ends.
    assert at.slider(key="date_slider").value == (dt.date(2025, 6, 1), dt.date(2025, 12, 31))
    assert _slider_bounds(at) == [dt.date(2025, 6, 1), dt.date(2025, 12, 31)]
    assert not any("runs past the slider" in c.value for c in at.sidebar.caption)
    at.button(key="preset-Last 30 days").click().run()
    value = at.slider(key="date_slider").value
    assert value == tuple(at.date_input(key="dates").value)
    assert (value[1] - value[0]).days == 29


def test_a_range_wholly_outside_the_dense_part_widens_the_slider_to_reach_it():
    at = run_app(dates=["2024-01-01", "2024-03-31"])
    slider = at.slider(key="date_slider")
    low = dt.datetime.fromtimestamp(slider.min / 1e6, dt.UTC).date()
    assert low <= dt.date(2024, 1, 1)  # not both handles stuck on the dense part's start
    assert slider.value == (dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert not any("runs past the slider" in c.value for c in at.sidebar.caption)


def test_typed_dates_drop_undated_events_like_every_other_date_control():
    at = run_app()
    every = tuple(at.date_input(key="dates").value)
    assert at.checkbox(key="undated").value
    at.date_input(key="dates").set_value((dt.date(2025, 11, 1), dt.date(2025, 11, 30))).run()
    assert not at.checkbox(key="undated").value
    assert "**0 undated**" in at.markdown[0].value
    at.date_input(key="dates").set_value(every).run()  # every date again: all back
    assert at.checkbox(key="undated").value


@pytest.mark.parametrize(
    ("label", "lines"),
    [
        ("Battles", ["Battles"]),
        ("Explosions/Remote violence", ["Explosions/", "Remote violence"]),
        ("Strategic developments", ["Strategic", "developments"]),
        ("Violence against civilians", ["Violence", "against civilians"]),
        ("Averyveryverylongword", ["Averyveryverylongword"]),  # no place to break
    ],
)
def test_long_event_types_go_on_two_lines(label, lines):
    assert two_lines(label) == lines


def test_timeline_axis_names_every_type_whole():
    at = run_app()
    spec = json.loads(_timeline_chart(at).proto.spec)
    axes = [
        layer["encoding"]["y"].get("axis", {})
        for layer in spec.get("layer", [spec])
        if "y" in layer.get("encoding", {})
    ]
    expr = axes[0]["labelExpr"]
    assert '["Explosions/", "Remote violence"]' in expr
    assert axes[0]["labelLimit"] >= 120


def test_weekly_timeline_keeps_room_for_its_chart_and_counts_in_whole_numbers():
    days = pd.date_range("2020-01-01", periods=3000, freq="D").astype("datetime64[s]")
    frame = pd.DataFrame(
        {"date_start": days, "undated": False, "event_type": "Violence against civilians"}
    )
    # Over a window with no events the axis reads "0", not "0.000000"; the legend's
    # names are cut short enough to leave a phone's chart its width.
    spec = timeline_spec(frame, (dt.date(2030, 1, 1), dt.date(2030, 3, 1)))
    bars = next(layer for layer in spec["layer"] if layer.get("name") == "timeline_events")
    assert bars["encoding"]["y"]["axis"]["format"] == "d"
    assert bars["encoding"]["color"]["legend"]["labelLimit"] <= 100


def test_weekly_counts_agree_with_pandas_weekly_periods():
    rng = np.random.default_rng(7)
    days = pd.Timestamp("2019-12-28") + pd.to_timedelta(rng.integers(0, 900, 3000), unit="D")
    frame = pd.DataFrame(
        {
            "date_start": days.astype("datetime64[s]"),
            "undated": rng.random(3000) < 0.1,
            "event_type": rng.choice(["Battles", "Meeting", "Site"], 3000),
        }
    )
    dated = frame[~frame["undated"]]
    weeks = dated["date_start"].dt.to_period("W").dt.start_time.dt.strftime("%Y-%m-%d")
    expected = dated.groupby([weeks.rename("start"), "event_type"]).size()
    got = {(r["start"], r["event_type"]): r["n"] for r in weekly_counts(frame)}
    assert got == {key: int(n) for key, n in expected.items()}
    # The loaded frame holds types as a categorical (its codes counted): the same counts.
    typed = frame.assign(event_type=frame["event_type"].astype("category"))
    assert weekly_counts(typed) == weekly_counts(frame)
