"""A marker click is sent at once (geo/view/clicks.py, static/atlas/clicks.js), once, and
as streamlit-folium would send it: checked in Chromium by what reaches the page, never by
reading the library's bundle (when the value sent differs from the library's own, its
debounced send, 250 ms later, finds something new and a second message arrives)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
import streamlit as st
import streamlit_folium

from geo.view.clicks import CLICK_TOKEN
from tests.helpers.apptest import run_app
from tests.helpers.browser import EVENTS, MAP, MARKERS, marker_count, open_app

# One marker on the map: the delegation's meeting in Kabul (an event with a point of its
# own; one placed only along the border is an area's outline, no marker to click).
_ONE_ONLY = "?types=Meeting&dates=2025-11-15&dates=2025-11-15&undated=false"
ONE = "meeting-tajik-delegation-kabul-2025-11-15"

# The page records, in the order they arrive, every setComponentValue the map's frame posts
# (ours carry `atlasAtOnce`) and the frame's probes.
_LISTEN = """() => {
    window.__sent = [];
    window.addEventListener('message', e => {
        if (e.data && e.data.type === 'streamlit:setComponentValue') {
            window.__sent.push({atOnce: !!e.data.atlasAtOnce, value: e.data.value}); }
        if (e.data && e.data.atlasProbe) { window.__sent.push({probe: e.data.atlasProbe}); }
    });
}"""

# In the map's frame: on the next click or key press (caught before Leaflet's handlers),
# post a probe to the page 200 ms and 1,000 ms later. Messages from one frame arrive in the
# order they were posted, and timers fire in the order they expire: what arrives before the
# 200 ms probe was sent before streamlit-folium's own 250 ms debounce could send anything,
# and nothing between the two probes means the library found nothing new to send.
_PROBE_ON = """(type) => document.addEventListener(type, () => {
    const probe = ms => window.parent.postMessage({atlasProbe: ms}, '*');
    [200, 1000].forEach(ms => setTimeout(() => probe(ms), ms));
}, {capture: true, once: true})"""


def _map_frame(page):
    return page.locator(MAP).element_handle().content_frame()


def _sent_until_probe(page, ms: int) -> list[dict]:
    page.wait_for_function("ms => window.__sent.some(s => s.probe === ms)", arg=ms)
    return page.evaluate("window.__sent")


def _one_message_at_once(page) -> dict:
    """The page's record after a click: exactly one message, ours, before the 200 ms probe,
    and nothing after it until the 1,000 ms probe. Returns the value sent."""
    sent = _sent_until_probe(page, 1000)
    assert [s.get("probe") for s in sent] == [None, 200, 1000], sent
    assert sent[0]["atOnce"], "the click was sent by streamlit-folium's debounce, not at once"
    return sent[0]["value"]


@pytest.mark.browser
def test_a_click_is_sent_once_without_waiting(page, app_url):
    open_app(page, app_url + "/" + _ONE_ONLY)
    assert marker_count(page, 1) == 1
    page.evaluate(_LISTEN)
    _map_frame(page).evaluate(_PROBE_ON, "click")
    page.frame_locator(MAP).locator(MARKERS).first.click(force=True)
    page.wait_for_function("location.search.includes('event=')", timeout=15_000)
    assert parse_qs(urlparse(page.url).query)["event"] == [ONE]
    value = _one_message_at_once(page)
    assert value["last_active_drawing"]["properties"]["id"] == ONE
    assert value[CLICK_TOKEN]  # ui/state.on_map_change tells clicks by it
    assert any(e["id"] == ONE for e in EVENTS)


@pytest.mark.browser
def test_enter_on_a_focused_marker_is_sent_at_once_too(page, app_url):
    open_app(page, app_url + "/" + _ONE_ONLY)
    assert marker_count(page, 1) == 1
    page.evaluate(_LISTEN)
    page.frame_locator(MAP).locator(MARKERS).first.focus()
    _map_frame(page).evaluate(_PROBE_ON, "keydown")
    page.keyboard.press("Enter")
    page.wait_for_function("location.search.includes('event=')", timeout=15_000)
    assert _one_message_at_once(page)["last_active_drawing"]["properties"]["id"] == ONE


@pytest.mark.browser
def test_opening_the_page_runs_the_app_once(page, app_url):
    page.add_init_script(f"({_LISTEN})()")
    open_app(page, app_url)
    marker_count(page, len(EVENTS))  # the map's script has run: its markers are drawn
    # A probe posted by the frame once its own timers are past the library's 250 ms after
    # the map's first move: nothing may arrive before it.
    _map_frame(page).evaluate(
        "() => setTimeout(() => window.parent.postMessage({atlasProbe: 600}, '*'), 600)"
    )
    assert _sent_until_probe(page, 600) == [{"probe": 600}]  # the map asked for no second run


def _fake_map(monkeypatch, reports: list[dict]) -> None:
    """st_folium replaced by a button that reports the next value, as the component would."""

    def fake_st_folium(*_args, key, on_change, **_kwargs):
        def report():
            st.session_state[key] = reports.pop(0)
            on_change()

        st.button("map reports", key="fake-report", on_click=report)
        return st.session_state.get(key)

    monkeypatch.setattr(streamlit_folium, "st_folium", fake_st_folium)


@pytest.mark.parametrize(
    ("second", "selects"),
    [
        # The map made anew (a page left and come back to) counts from 0: its first click
        # repeats the last count and event the server saw, with a new token.
        ({CLICK_TOKEN: "t2"}, True),
        # The library's own later report of the same value (a pan, no token): no click.
        ({}, False),
        # A click on the map's background after a pan (big layers), sent at once with the
        # new view but no token: the last clicked event is not opened again.
        ({"zoom": 9, "bounds": {"_southWest": {"lat": 37, "lng": 69}}}, False),
        # An older library without our script: a new count is a click.
        ({"last_object_clicked_count": 2}, True),
    ],
)
def test_a_click_is_told_apart_from_a_repeated_report(monkeypatch, second, selects):
    gold = "firefight-near-gold-mine-panj-2025-10-25"
    click = {"last_active_drawing": {"properties": {"id": gold}}, "last_object_clicked_count": 1}
    _fake_map(monkeypatch, [{**click, CLICK_TOKEN: "t1"}, {**click, **second}])
    at = run_app()
    at.button(key="fake-report").click().run()
    assert at.session_state["event"] == gold
    at.button(key="close-panel").click().run()
    assert at.session_state["event"] is None
    at.button(key="fake-report").click().run()
    assert not at.exception
    assert at.session_state["event"] == (gold if selects else None)
