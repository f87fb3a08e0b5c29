"""#25 item 2 in a real browser at 1280x720 and 390x844: the tray of map modes (areas
instead of stand-in points, density, provinces that filter on a click, districts). The map
saved as a PNG (item 6) is tests/test_browser_map_png.py. Every wait is on a condition;
each test leaves a screenshot to look at."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

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
)

pytestmark = pytest.mark.browser
LOCAL = re.compile(r"^(https?://(127\.0\.0\.1|localhost)(:\d+)?/|data:|blob:|about:)")
WIDE = {"border", "border-side", "country"}
WIDE_IDS = {e["id"] for e in EVENTS if (e.get("uncertainty") or {}).get("shape") in WIDE}


def _open(page, app_url: str, size: str, query: str = "") -> None:
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url + ("/?" + query if query else ""))


def _mode(page, name: str) -> None:
    page.get_by_role("radio", name=name, exact=True).first.click()
    # The default mode leaves the link (a bound widget writes only what differs).
    page.wait_for_function(
        "m => (new URLSearchParams(location.search).get('map_mode') || 'Markers') === m",
        arg=name,
    )
    page.wait_for_selector(APP_IDLE, timeout=60_000)


def _count(page, selector: str) -> int:
    return page.frame_locator(MAP).locator(selector).count()


@SIZES
def test_areas_mode_draws_vague_events_as_their_areas(page, app_url, size):
    _open(page, app_url, size)
    marker_count(page, len(EVENTS))
    _mode(page, "Areas")
    # Shaded areas (not Markers mode's outlines), every event accounted for once.
    areas = page.frame_locator(MAP).locator("path.atlas-wide-area:not(.atlas-wide-outline)")
    expect(areas.first).to_be_attached(timeout=20_000)
    wait_for_markers(page, len(EVENTS))
    expect(areas.first).to_be_attached(timeout=20_000)
    assert areas.count() >= 3  # the whole border's band, each side's, a country
    key = page.locator(".atlas-mode-key").first
    expect(key).to_contain_text("placed only in a border band")
    screenshot(page, f"map-mode-areas-{size}")
    if size == "1280x720":  # the key above it, the whole map still on the first screen
        box = page.locator(MAP).bounding_box()
        assert box["y"] + box["height"] <= 720 + 1, box
    # Back to markers: the events with no point are their areas' outlines there too.
    _mode(page, "Markers")
    expect(page.frame_locator(MAP).locator("path.atlas-wide-outline").first).to_be_attached()
    wait_for_markers(page, len(EVENTS))
    assert _count(page, "path.atlas-wide-area:not(.atlas-wide-outline)") == 0


@SIZES
def test_a_province_click_filters_by_it(page, app_url, size):
    _open(page, app_url, size, "map_mode=Provinces")
    provinces = page.frame_locator(MAP).locator("path.atlas-province")
    expect(provinces).to_have_count(39, timeout=30_000)
    screenshot(page, f"map-mode-provinces-{size}")
    if size == "1280x720":  # the key above it, the whole map still on the first screen
        box = page.locator(MAP).bounding_box()
        assert box["y"] + box["height"] <= 720 + 1, box
    # Click inside Gorno-Badakhshan (a filled province) where the map draws it.
    page.locator(MAP).scroll_into_view_if_needed()
    spot = page.evaluate(
        """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
            const w = f.contentWindow; let found = null;
            w.map.eachLayer(l => { if (l.feature && l.feature.properties &&
                l.feature.properties.atlas_area === 'Gorno-Badakhshan') { found = l; } });
            w.map.setView([38.4, 73.2], 7, {animate: false});
            const p = w.map.latLngToContainerPoint([38.6, 73.5]);
            const r = f.getBoundingClientRect();
            return {x: r.left + p.x, y: r.top + p.y, found: !!found}; }"""
    )
    assert spot["found"]
    page.mouse.click(spot["x"], spot["y"])
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('area') === 'Gorno-Badakhshan'",
        timeout=20_000,
    )
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    query = parse_qs(urlparse(page.url).query)
    assert query["area"] == ["Gorno-Badakhshan"] and query["map_mode"] == ["Provinces"]


@SIZES
def test_density_and_districts_draw_their_counts(page, app_url, size):
    _open(page, app_url, size, "map_mode=Density")
    cells = page.frame_locator(MAP).locator("path.atlas-density-cell")
    expect(cells.first).to_be_attached(timeout=30_000)
    expect(page.locator(".atlas-mode-key").first).to_contain_text("per cell of about")
    screenshot(page, f"map-mode-density-{size}")
    _mode(page, "Districts")
    expect(page.frame_locator(MAP).locator("path.atlas-district").first).to_be_attached(
        timeout=30_000
    )
    expect(page.locator(".atlas-mode-key").first).to_contain_text("at its seat")
    screenshot(page, f"map-mode-districts-{size}")
