"""A marker click is sent at once (geo/view/clicks.py), once, and as streamlit-folium
would send it."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import streamlit as st
import streamlit_folium

from geo.view.clicks import CLICK_TOKEN, SCRIPT
from tests.helpers.apptest import run_app
from tests.helpers.browser import EVENTS, MAP, MARKERS, marker_count, open_app

_BUNDLE = Path(streamlit_folium.__file__).parent / "frontend" / "build" / "static" / "js"


def _library_update() -> str:
    """The body of streamlit-folium's updateComponentValue, as shipped."""
    for path in _BUNDLE.glob("main.*.js"):
        text = path.read_text(encoding="utf-8")
        found = re.search(r"function updateComponentValue\(t\)\{(.*?)\}function ", text)
        if found:
            return found.group(1)
    raise AssertionError(f"no updateComponentValue in {_BUNDLE}")


def _keys(js_object: str) -> list[str]:
    return re.findall(r"(?:^|,)\s*([a-z_]+):", js_object)


def test_the_value_has_the_librarys_keys_in_its_order():
    library = re.search(r"let c=\{(.*?)\};", _library_update()).group(1)
    ours = re.search(r"var all = \{(.*?)\};", SCRIPT, re.S)
    assert _keys(library) and _keys(ours.group(1).replace("\n", "")) == _keys(library)


def test_the_library_still_debounces_and_dedupes_what_it_sends():
    text = "".join(p.read_text(encoding="utf-8") for p in _BUNDLE.glob("main.*.js"))
    assert re.search(
        r"debouncedUpdateComponentValue=\(0,[\w.]+\)\(updateComponentValue,250\)", text
    )
    update = _library_update()
    assert "JSON.stringify(n)!==JSON.stringify(u)&&(e.previous_data=u" in update
    assert "e=window.__GLOBAL_DATA__" in update


# One event on the map: the gold-mine firefight.
_GOLD_ONLY = "?types=Battles&dates=2025-10-25&dates=2025-10-25&undated=false"

# Every setComponentValue the map's frame posts to the page: ours carry `atlasAtOnce`.
_LISTEN = """() => {
    window.__sent = [];
    window.addEventListener('message', e => {
        if (e.data && e.data.type === 'streamlit:setComponentValue') {
            window.__sent.push({atOnce: !!e.data.atlasAtOnce, value: e.data.value}); }
    });
}"""


@pytest.mark.browser
def test_a_click_is_sent_once_without_waiting(page, app_url):
    gold = "firefight-near-gold-mine-panj-2025-10-25"
    open_app(page, app_url + "/" + _GOLD_ONLY)
    assert marker_count(page, 1) == 1
    page.evaluate(_LISTEN)
    page.frame_locator(MAP).locator(MARKERS).first.click(force=True)
    page.wait_for_function("location.search.includes('event=')", timeout=15_000)
    assert parse_qs(urlparse(page.url).query)["event"] == [gold]
    page.wait_for_timeout(600)  # past the library's 250 ms: it must send nothing more
    sent = page.evaluate("window.__sent")
    assert [s["atOnce"] for s in sent] == [True]
    assert sent[0]["value"]["last_active_drawing"]["properties"]["id"] == gold
    assert sent[0]["value"][CLICK_TOKEN]  # ui/state.on_map_change tells clicks by it
    assert any(e["id"] == gold for e in EVENTS)


@pytest.mark.browser
def test_enter_on_a_focused_marker_is_sent_at_once_too(page, app_url):
    open_app(page, app_url + "/" + _GOLD_ONLY)
    assert marker_count(page, 1) == 1
    page.evaluate(_LISTEN)
    page.frame_locator(MAP).locator(MARKERS).first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.search.includes('event=')", timeout=15_000)
    page.wait_for_timeout(600)
    assert [s["atOnce"] for s in page.evaluate("window.__sent")] == [True]


@pytest.mark.browser
def test_opening_the_page_runs_the_app_once(page, app_url):
    page.add_init_script(f"({_LISTEN})()")
    open_app(page, app_url)
    marker_count(page, len(EVENTS))  # the map's script has run: its markers are drawn
    page.wait_for_timeout(600)  # past the library's 250 ms after the map's first move
    assert page.evaluate("window.__sent") == []  # the map asked for no second run


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
