"""In Chromium at 1280x720 and 390x844: the map fitted to what is shown keeps context. A
place searched near opens on its circle; "Fit map to shown events" on one exact point
stops at the district's zoom (it went to 12, a few streets), and an event placed only
within 100 km is fitted with its whole circle, not its stand-in point."""

from __future__ import annotations

import math

import pytest
from playwright.sync_api import expect

from geo.view.fit import FIT_MAX_ZOOM
from geo.view.map import DEFAULT_ZOOM
from geo.vocab import load_places
from tests.helpers.browser import (
    APP_IDLE,
    EVENTS,
    MAP,
    SIZES,
    VIEWPORTS,
    marker_count,
    open_app,
    screenshot,
    wait_for_markers,
    wait_for_settled,
)
from tests.helpers.data import EVENT_LAYER_FILES, read_layer
from ui.mapview import SELECTED_ZOOM

pytestmark = pytest.mark.browser

# The map's zoom, and whether its view holds the box [[south, west], [north, east]].
_VIEW_JS = """(box) => {
    const w = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
    if (!w || !w.map) { return null; }
    return {zoom: w.map.getZoom(), holds: w.map.getBounds().contains(w.L.latLngBounds(box))};
}"""
_MOVE_JS = """([lat, lon, zoom]) => {
    const w = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
    w.map.setView([lat, lon], zoom, {animate: false});
}"""


def _feature(event_id: str) -> dict:
    return next(
        f
        for p in EVENT_LAYER_FILES
        for f in read_layer(p)["features"]
        if f["properties"]["id"] == event_id
    )


def _box(lat: float, lon: float, km: float) -> list[list[float]]:
    """[[south, west], [north, east]] of a circle of `km` around the point."""
    dlat = km / 111.32
    dlon = km / (111.32 * math.cos(math.radians(lat)))
    return [[lat - dlat, lon - dlon], [lat + dlat, lon + dlon]]


def _wait_for_view(page, box, zoom: int) -> dict:
    """Wait until the map shows the whole box at this zoom; returns what it shows."""
    page.wait_for_function(
        f"([box, zoom]) => {{ const v = ({_VIEW_JS})(box); "
        "return v && v.holds && v.zoom === zoom; }",
        arg=[box, zoom],
        timeout=30_000,
    )
    wait_for_settled(page)
    return page.evaluate(_VIEW_JS, box)


def _fit(page) -> None:
    page.get_by_role("button", name="Fit map to shown events").click()


@SIZES
def test_a_place_searched_near_opens_on_its_circle(page, app_url, size):
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url + "/?place=farkhor&place_km=30")
    farkhor = load_places()["farkhor"]
    circle = page.frame_locator(MAP).locator("path.atlas-near-circle")
    expect(circle).to_have_count(1)
    # The whole 30 km circle in view, at the district's zoom (not the region's 6).
    view = _wait_for_view(page, _box(farkhor.lat, farkhor.lon, 30), FIT_MAX_ZOOM)
    assert view["zoom"] > DEFAULT_ZOOM
    page.locator(MAP).scroll_into_view_if_needed()
    screenshot(page, f"fit-near-farkhor-{size}")
    # Zoomed in by hand, then fitted: back to the circle, no closer.
    page.evaluate(_MOVE_JS, [farkhor.lat, farkhor.lon, 13])
    _fit(page)
    _wait_for_view(page, _box(farkhor.lat, farkhor.lon, 30), FIT_MAX_ZOOM)


@SIZES
def test_fitting_one_point_keeps_its_district_and_the_border(page, app_url, size):
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url + "/?q=consulate")
    wait_for_markers(page, 1)
    consulate = _feature("site-afghan-consulate-khorugh")
    assert not consulate["properties"].get("uncertainty")  # an exact point
    lon, lat = consulate["geometry"]["coordinates"][:2]
    page.evaluate(_MOVE_JS, [39.0, 69.0, 7])  # elsewhere first
    _fit(page)
    # One point: the map stops at FIT_MAX_ZOOM around it (it went to 12 before).
    _wait_for_view(page, _box(lat, lon, 20), FIT_MAX_ZOOM)
    page.locator(MAP).scroll_into_view_if_needed()
    screenshot(page, f"fit-one-point-{size}")


@SIZES
def test_fitting_an_event_placed_within_100_km_shows_its_circle(page, app_url, size):
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url + "/?q=Russian-funded")
    wait_for_markers(page, 1)
    post = _feature("site-russian-funded-border-post-2023")
    lon, lat = post["geometry"]["coordinates"][:2]
    km = post["properties"]["uncertainty"]["radius_km"]
    assert km == 100
    _fit(page)
    box = _box(lat, lon, km)  # the event's stand-in point and its whole circle
    page.wait_for_function(
        f"box => {{ const v = ({_VIEW_JS})(box); return v && v.holds; }}",
        arg=box,
        timeout=30_000,
    )
    wait_for_settled(page)
    view = page.evaluate(_VIEW_JS, box)
    assert view["holds"] and DEFAULT_ZOOM - 1 <= view["zoom"] < FIT_MAX_ZOOM, view


@SIZES
def test_an_event_chosen_again_after_a_fit_brings_the_map_back_to_it(page, app_url, size):
    # The server's view stayed on the event through the fit, so streamlit-folium, which
    # moves the map only when its centre or zoom changes, left the fitted view in place.
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url)
    marker_count(page, len(EVENTS))
    # The newest event with a point (one placed only in a band is framed whole instead).
    items = page.locator(".st-key-feed label:has(input[type=radio])")
    items.first.wait_for()
    texts = items.all_inner_texts()
    features = [f for p in EVENT_LAYER_FILES for f in read_layer(p)["features"]]
    at, event = next(
        (i, f)
        for i, text in enumerate(texts)
        for f in features
        if text.startswith(f["properties"]["title"])
        and (f["properties"].get("uncertainty") or {}).get("shape")
        not in ("border", "border-side", "country")
    )
    first = items.nth(at)
    lon, lat = event["geometry"]["coordinates"][:2]
    near = _box(lat, lon, 1)
    first.click()
    _wait_for_view(page, near, SELECTED_ZOOM)
    page.get_by_role("button", name="✕ Close").click()
    first = page.locator(".st-key-feed label:has(input[type=radio])").nth(at)
    expect(first).to_be_visible(timeout=20_000)
    page.wait_for_selector(APP_IDLE, timeout=60_000)  # Close's run done: Fit is its own
    _fit(page)
    page.wait_for_function(
        f"box => {{ const v = ({_VIEW_JS})(box); return v && v.zoom < {SELECTED_ZOOM}; }}",
        arg=near,
        timeout=60_000,
    )
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    first.click()
    view = _wait_for_view(page, near, SELECTED_ZOOM)
    assert view["holds"]
    page.locator(MAP).scroll_into_view_if_needed()
    screenshot(page, f"chosen-again-after-fit-{size}")
