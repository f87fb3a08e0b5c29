"""Selecting an event through Streamlit's AppTest: the panel, marker clicks, the map's move,
a selection hidden by the filters, events placed only in an area."""

from __future__ import annotations

import datetime as dt

import pytest
import streamlit as st
import streamlit_folium
from bs4 import BeautifulSoup

from geo.filters import Filters, hiding_filters
from tests.helpers.apptest import (
    fake_map_click,
    html_blocks,
    iframe_sources,
    map_args,
    map_data,
    run_app,
)
from tests.helpers.data import EVENT_LAYER_FILES, read_layer
from tests.test_app import EVENTS, GOLD_MINE, REPORT


def _panel_html(at) -> BeautifulSoup:
    return BeautifulSoup("".join(html_blocks(at)), "html.parser")


def test_selecting_an_event_fills_the_source_panel():
    at = run_app(event=GOLD_MINE)
    assert not at.exception
    assert _panel_html(at).h3.get_text() == EVENTS[GOLD_MINE]["title"]
    soup = _panel_html(at)
    quote = soup.select_one("blockquote.atlas-excerpt")
    assert quote["dir"] == "rtl" and quote["lang"] == "fa"
    assert quote.get_text() == EVENTS[GOLD_MINE]["sources"][0]["excerpt"]
    translation = soup.select_one("blockquote.atlas-translation")
    assert translation.get_text() == EVENTS[GOLD_MINE]["sources"][0]["translation"]
    facts = {tr.td.get_text(): tr.find_all("td")[1].get_text() for tr in soup.select("tr")}
    assert facts["When"].startswith("25 October 2025, day known")
    assert facts["Fatalities"] == "not reported"
    assert "region only" in facts["Where"]
    assert facts["Layer"] == "Incidents"
    page = BeautifulSoup(iframe_sources(at)[0], "html.parser")
    assert page.select_one("mark#excerpt").get_text() == EVENTS[GOLD_MINE]["sources"][0]["excerpt"]
    assert "scrollTo" in page.script.get_text()


def test_retracted_report_is_flagged_and_links_to_its_retraction():
    at = run_app(event=REPORT)
    assert any("Retracted" in e.value for e in at.error)
    labels = [b.label.replace("\\", "") for b in at.button]
    assert any(label.startswith("Retracted by: Reuters withdraws") for label in labels)
    button = next(b for b in at.button if b.label.replace("\\", "").startswith("Retracted by"))
    button.click().run()
    assert at.session_state["event"] == "report-reuters-withdraws-patrol-story-2025-12-03"
    assert at.query_params["event"] == "report-reuters-withdraws-patrol-story-2025-12-03"


def test_clicking_a_marker_selects_its_event(monkeypatch):
    fake_map_click(monkeypatch, {"id": GOLD_MINE})
    at = run_app()
    assert at.session_state["event"] is None
    at.button(key="fake-click").click().run()
    assert not at.exception
    assert at.session_state["event"] == GOLD_MINE
    assert at.query_params["event"] == GOLD_MINE
    assert _panel_html(at).h3.get_text() == EVENTS[GOLD_MINE]["title"]


def test_a_marker_clicked_on_the_map_leaves_the_view_where_it_was(monkeypatch):
    """The reader's zoom stays (a link or the table moves the map instead)."""
    click = {
        "last_active_drawing": {"properties": {"id": GOLD_MINE}},
        "last_object_clicked_count": 1,
    }

    def fake_st_folium(*_args, key, on_change, center, zoom, **_kwargs):
        def clicked():
            st.session_state[key] = click
            on_change()

        st.session_state["_fake_views"] = [*st.session_state.get("_fake_views", []), (center, zoom)]
        st.button("fake map click", key="fake-click", on_click=clicked)
        return st.session_state.get(key)

    monkeypatch.setattr(streamlit_folium, "st_folium", fake_st_folium)
    at = run_app()
    at.button(key="fake-click").click().run()
    assert at.session_state["event"] == GOLD_MINE
    before, after = at.session_state["_fake_views"][-2:]
    assert after == before
    monkeypatch.undo()
    point = "site-russian-201st-base-dushanbe"  # a point: the firefight's is a band
    assert map_args(run_app(event=point))["zoom"] > before[1]  # a link does zoom in


def test_hidden_selection_is_named_and_can_be_shown():
    at = run_app(types="Meeting", event=GOLD_MINE, q="panj", dates=["2025-10-01", "2025-12-03"])
    warning = " ".join(w.value for w in at.warning)
    assert "hidden by event types:" in warning  # the one filter that hides it, named
    at.button(key="unhide").click().run()
    assert at.multiselect(key="types").value == []
    # Shown again (no warning), drawn as the band it is placed in: no point, no marker.
    assert not at.warning and _band_drawn(at)
    # The filters that did not hide it are kept.
    assert at.text_input(key="q").value == "panj"
    assert at.date_input(key="dates").value == (dt.date(2025, 10, 1), dt.date(2025, 12, 3))


def _band_drawn(at) -> bool:
    """The map draws the whole border's 10 km band (the gold-mine firefight's area)."""
    areas = [a for d in map_data(at, "wideAreas") for a in d["areas"]]
    return any("a 10 km band on both sides" in a["words"] for a in areas)


def test_hiding_filters_names_each_filter_that_keeps_an_event_out(data):
    row = data.frame[data.frame["id"] == GOLD_MINE]
    f = Filters(event_types=frozenset({"Meeting"}), text="zzz", max_border_km=500.0)
    assert hiding_filters(row, f) == ["types", "q"]
    assert hiding_filters(row, Filters()) == []


def test_selecting_moves_the_map_to_the_event():
    point = "site-russian-201st-base-dushanbe"
    at = run_app(event=point)
    lon, lat = next(
        f
        for p in EVENT_LAYER_FILES
        for f in read_layer(p)["features"]
        if f["properties"]["id"] == point
    )["geometry"]["coordinates"]
    args = map_args(at)
    assert args["center"] == [lat, lon] and args["zoom"] >= 8


def test_selecting_an_event_with_no_point_frames_its_area():
    """The gold-mine firefight is placed only in the border band: selecting it frames the
    band (the whole border at a laptop's zoom), not its stand-in point at zoom 8, and
    draws no ring there."""
    at = run_app(event=GOLD_MINE)
    args = map_args(at)
    lat, lon = args["center"]
    assert args["zoom"] < 8 and 67.5 < lon < 75 and 36.5 < lat < 38.6
    assert "atlas-selected" not in args["feature_group"]


def test_close_clears_the_selection():
    at = run_app(event=GOLD_MINE)
    at.button(key="close-panel").click().run()
    assert at.session_state["event"] is None and "event" not in at.query_params


@pytest.mark.parametrize(
    ("shape", "words"),
    [
        ("border", "somewhere in the band along the border"),
        ("border-side", "somewhere in the band on one side of the border"),
        ("country", "somewhere in the country"),
    ],
)
def test_an_event_placed_only_in_an_area_says_its_distance_is_a_stand_ins(shape, words):
    ids = [fid for fid, p in EVENTS.items() if (p.get("uncertainty") or {}).get("shape") == shape]
    assert ids, f"no shipped event is placed in a {shape} area"
    facts = {
        tr.td.get_text(): tr.find_all("td")[1].get_text()
        for tr in _panel_html(run_app(event=ids[0])).select("tr")
    }
    assert facts["Border"].startswith(words)
    assert "stand-in point is " in facts["Border"] and "km from the border" in facts["Border"]


def test_panel_shows_distance_and_side():
    at = run_app(event="site-afghan-consulate-khorugh")
    soup = _panel_html(at)
    facts = {tr.td.get_text(): tr.find_all("td")[1].get_text() for tr in soup.select("tr")}
    assert facts["Border"].startswith("3.6 km from the border, Tajik side")
