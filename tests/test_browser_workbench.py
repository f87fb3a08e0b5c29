"""Working with the map in a real browser, at a laptop's and a phone's size.

Each test runs at 1280×720 and 390×844 (Debian's Chromium, the app served with tiles
off unless the test needs the layer menu) and saves what it ends on under
tests/artifacts/. Every wait is on a condition: the URL, the map's own state, a marker.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from geo.tools.serve import streamlit_server
from tests.helpers.browser import (
    APP_IDLE,
    EVENTS,
    LAYER_OF,
    MAP,
    PLAY_WORDS_TOP,
    SHEET_ON_THE_BAR,
    VIEWPORTS,
    drawn_markers,
    held_event_ids,
    map_contains,
    marker_count,
    open_app,
    screenshot,
    sidebar_open,
    wait_for_any_clickable,
    wait_for_clickable,
    wait_for_in_view,
    wait_for_markers,
    wait_for_selected,
    wait_for_settled,
)
from tests.helpers.data import EVENT_LAYER_FILES, overlaps, read_layer, with_point

pytestmark = pytest.mark.browser

BY_ID = {e["id"]: e for e in EVENTS}
LON_LAT = {
    f["properties"]["id"]: tuple(f["geometry"]["coordinates"][:2])
    for p in EVENT_LAYER_FILES
    for f in read_layer(p)["features"]
}
# A 1×1 transparent PNG as the tile template: the map gets a tile layer (and so its layer
# menu) while nothing is fetched.
BLANK_TILE = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> str:
    return request.param


@pytest.fixture
def sized(page, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    return page


@pytest.fixture(scope="module")
def tiled_app_url():
    with streamlit_server(env={"ATLAS_TILES": BLANK_TILE}) as url:
        yield url


def _counts_text(dated: int, undated: int) -> re.Pattern[str]:
    return re.compile(rf"^{dated} dated and {undated} undated events shown of {len(EVENTS)}$")


def _counts(page):
    return page.get_by_text(re.compile(r"dated and \d+ undated events shown of"))


def _heading(page, event_id: str):
    return page.get_by_role("heading", name=BY_ID[event_id]["title"], exact=True)


def test_first_click_on_a_marker_selects_it(sized, viewport, app_url):
    page = sized
    open_app(page, app_url)
    marker_count(page, len(EVENTS))
    wait_for_settled(page)
    # The whole map is on the first screen: pressing on it cannot scroll the page first.
    box, size = page.locator(MAP).bounding_box(), VIEWPORTS[viewport]
    assert box["y"] >= 0 and box["y"] + box["height"] <= size["height"], box
    assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"], box
    target = wait_for_any_clickable(page)  # a marker can be clicked once the page is drawn
    page.mouse.click(target["x"], target["y"])  # one real click at its centre, no scrolling
    wait_for_selected(page, target["id"])
    expect(_heading(page, target["id"])).to_be_in_viewport()
    wait_for_clickable(page, target["id"])  # still in sight, also under a phone's sheet
    wait_for_settled(page)
    screenshot(page, f"first-click-{viewport}")


def test_a_preset_narrows_the_map_and_the_count(sized, viewport, app_url):
    page = sized
    open_app(page, app_url)
    marker_count(page, len(EVENTS))
    opened = sidebar_open(page, True)
    page.get_by_role("button", name="Last 90 days").click()
    last = max(e["date_end"] for e in EVENTS if e["date_end"])
    first = (dt.date.fromisoformat(last) - dt.timedelta(days=89)).isoformat()
    expected = sum(overlaps(e, first, last) for e in EVENTS)  # undated events leave too
    assert 0 < expected < len(EVENTS)
    wait_for_markers(page, expected)
    expect(_counts(page)).to_have_text(_counts_text(expected, 0))
    page.wait_for_function("location.search.includes('dates=')", timeout=15_000)
    if opened:  # as the page started (a phone's map under the sidebar)
        sidebar_open(page, False)
    wait_for_settled(page)
    screenshot(page, f"preset-last-90-days-{viewport}")


def test_dragging_across_the_timeline_picks_the_last_months(sized, viewport, app_url):
    page = sized
    open_app(page, app_url)
    marker_count(page, len(EVENTS))
    # The axis opens on the dense part (October to December 2025), not on 2005–2025:
    # one drag across the whole chart picks those months.
    chart = page.locator("[class*='st-key-timeline-'] .marks")
    chart = chart.first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    y = box["y"] + box["height"] / 3  # among the rows, above the axis
    page.mouse.move(box["x"] + box["width"] - 3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + 2, y, steps=10)  # past the plot's left edge: clamped there
    page.mouse.up()
    page.wait_for_function("location.search.includes('dates=')", timeout=20_000)
    start, end = parse_qs(urlparse(page.url).query)["dates"]
    last = max(e["date_end"] for e in EVENTS if e["date_end"])
    assert start.startswith("2025-10") and end == last, (start, end)
    expected = sum(overlaps(e, start, end) for e in EVENTS)
    wait_for_markers(page, expected)
    expect(_counts(page)).to_have_text(_counts_text(expected, 0))
    page.wait_for_selector(APP_IDLE, timeout=30_000)
    page.mouse.move(0, 0)  # no hover toolbar over the caption
    chart.scroll_into_view_if_needed()
    screenshot(page, f"timeline-drag-{viewport}")


def test_a_related_link_brings_its_event_onto_the_map(sized, viewport, app_url):
    page = sized
    source, target = "site-afghan-consulate-khorugh", "site-afghan-embassy-dushanbe"
    lon, lat = LON_LAT[target]
    open_app(page, f"{app_url}/?event={source}")
    marker_count(page, len(EVENTS))
    wait_for_clickable(page, source)  # the view opens on the selected event
    assert not map_contains(page, lat, lon), "the related event is in view from the start"
    link = page.get_by_role("button", name=re.compile(re.escape(BY_ID[target]["title"])))
    link.click()
    wait_for_selected(page, target)
    marker = wait_for_clickable(page, target)  # drawn, inside the map, nothing over it
    assert map_contains(page, lat, lon)
    assert marker["inMap"] and marker["onTop"]
    expect(_heading(page, target)).to_be_in_viewport()
    wait_for_settled(page)
    screenshot(page, f"related-link-{viewport}")


def test_the_layer_menu_and_the_layers_filter_agree(sized, viewport, tiled_app_url):
    page = sized
    open_app(page, tiled_app_url)
    marker_count(page, len(EVENTS))
    frame = page.frame_locator(MAP)
    menu = frame.locator(".leaflet-control-layers")
    expect(menu).to_have_count(1)
    # The menu switches base maps only: the event layers have one control, the filter.
    layer_words = {*LAYER_OF.values(), "Events", "Selected event"}
    expect(frame.locator(".leaflet-control-layers-overlays label")).to_have_count(0)
    entries = {t.strip() for t in menu.locator("label").all_text_contents()}
    assert entries and not entries & layer_words, entries
    # Untick one layer in the filter: the filter lists the layers to keep.
    hidden = "reports"
    keep = sorted(set(LAYER_OF.values()) - {hidden})
    opened = sidebar_open(page, True)
    box = page.get_by_label("Layers", exact=True)
    for n, name in enumerate(keep, start=1):
        box.click()
        page.keyboard.type(name)
        page.keyboard.press("Enter")
        page.wait_for_function(
            "n => new URLSearchParams(location.search).getAll('layers').length === n",
            arg=n,
            timeout=15_000,
        )
    page.keyboard.press("Escape")
    shown = {i for i, layer in LAYER_OF.items() if layer != hidden}
    wait_for_markers(page, len(shown))
    assert held_event_ids(page) == with_point(shown)  # the rest drawn as their areas
    undated = sum(not BY_ID[i]["date_start"] for i in shown)
    expect(_counts(page)).to_have_text(_counts_text(len(shown) - undated, undated))
    expect(frame.locator(".leaflet-control-layers-overlays label")).to_have_count(0)
    if opened:
        sidebar_open(page, False)
    menu.hover()  # open the menu for the screenshot
    expect(frame.locator(".leaflet-control-layers-expanded")).to_have_count(1)
    screenshot(page, f"layers-filter-and-menu-{viewport}")


# The element focused now, looking into the map's iframe: where it is and what it is.
_FOCUS_JS = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    if (document.activeElement !== f) {
        return {inMap: false, tag: document.activeElement.tagName};
    }
    const w = f.contentWindow, el = w.document.activeElement;
    let id = null, at = null;
    w.map.eachLayer(l => {
        const mine = l.getElement && l.getElement();
        if (mine !== el || !l.getLatLng) { return; }
        at = l.getLatLng();
        if (l.feature) { id = l.feature.properties.id; }
    });
    return {inMap: true, tag: el.tagName, marker: el.classList.contains('atlas-event'),
            id: id, label: el.getAttribute('aria-label'), lat: at && at.lat, lon: at && at.lng};
}"""

# The focused element of the map's frame, marked (a JavaScript property, not the DOM).
_MARK_FOCUSED_JS = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    f.contentWindow.document.activeElement.__atlasBefore = true;
}"""
# Focus is on the event's marker as drawn anew by the rerun (not the marked one it left).
_REFOCUSED_JS = f"""id => {{
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const el = f && f.contentWindow.document.activeElement;
    return !!el && !el.__atlasBefore && ({_FOCUS_JS})().id === id;
}}"""

# The map's view now: south, west, north, east.
_BOUNDS_JS = """() => {
    const b = document.querySelector('iframe[title="streamlit_folium.st_folium"]')
        .contentWindow.map.getBounds();
    return {s: b.getSouth(), w: b.getWest(), n: b.getNorth(), e: b.getEast()};
}"""

# Elements of the map a Tab stops at.
_MAP_TAB_STOPS_JS = """() => {
    const d = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentDocument;
    return [...d.querySelectorAll('a[href], button, summary, input, [tabindex]')]
        .filter(e => e.tabIndex >= 0 && e.getClientRects().length).length;
}"""


def test_keyboard_reaches_a_marker_selects_it_and_leaves_the_map(sized, viewport, app_url):
    page = sized
    open_app(page, app_url)
    marker_count(page, len(EVENTS))
    wait_for_settled(page)
    before_map = page.get_by_role("button", name="Fit map to shown events")
    at_load = page.evaluate(_BOUNDS_JS)
    before_map.focus()
    focus, stops = {}, []
    for _ in range(len(EVENTS) + 2):  # the map itself, its bubbles, then its first marker
        page.keyboard.press("Tab")
        wait_for_settled(page)
        focus = page.evaluate(_FOCUS_JS)
        stops.append(focus)
        if focus.get("marker"):
            break
    assert focus.get("marker") and focus["id"], f"Tab never reached a marker: {stops}"
    assert focus["label"] == BY_ID[focus["id"]]["title"]  # what a screen reader says
    # The first stop on the map is on its first screen (it was New York's lone marker).
    first = next(x for x in stops if x.get("lat") is not None)
    assert at_load["s"] < first["lat"] < at_load["n"], stops
    assert at_load["w"] < first["lon"] < at_load["e"], stops
    lon, lat = LON_LAT[focus["id"]]
    wait_for_in_view(page, lat, lon)  # a marker at the view's edge is panned fully in
    page.evaluate(_MARK_FOCUSED_JS)  # to tell the marker drawn anew from this one
    page.keyboard.press("Enter")
    wait_for_selected(page, focus["id"])
    # The rerun draws the markers anew; focus comes back to the selected one, so the next
    # Tab goes on from there rather than from the map's first stop.
    page.wait_for_selector(APP_IDLE, timeout=30_000)
    wait_for_settled(page)
    page.wait_for_function(_REFOCUSED_JS, arg=focus["id"], timeout=10_000)
    expect(_heading(page, focus["id"])).to_be_in_viewport()
    wait_for_clickable(page, focus["id"])  # in sight, also above a phone's sheet
    wait_for_settled(page)
    screenshot(page, f"keyboard-selected-{viewport}")
    # From just before the map, Tab goes through its stops and out (the audit found it
    # trapped for 24+ presses). A stop at the view's edge pans the map as it gets focus,
    # which can bring others in: the stops are counted first, and some slack allowed (a
    # pan can bring in a few markers and the areas' outlines).
    before_map.focus()
    stops = page.evaluate(_MAP_TAB_STOPS_JS)
    visited: list[str] = []
    after = {"inMap": True}
    while after["inMap"] and len(visited) < stops + 8:
        page.keyboard.press("Tab")
        wait_for_settled(page)  # at a person's pace: each pan done before the next Tab
        after = page.evaluate(_FOCUS_JS)
        visited.append(after.get("id") or after.get("label") or after["tag"])
    assert not after["inMap"], f"Tab still in the map after {len(visited)} presses: {visited}"
    assert after["tag"] != "BODY", f"focus left the map for nowhere: {visited}"


# Town names cut by a cluster bubble or another name, the bubbles drawn, and the panes
# (z-index) of the selection ring and of the bubbles.
_CLEAR_JS = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const doc = f && f.contentDocument;
    if (!doc || !doc.querySelector('.leaflet-container')) { return null; }
    const bubbles = [...doc.querySelectorAll('.atlas-cluster-icon')]
        .map(e => e.getBoundingClientRect());
    const meets = (r, b) => r.left < b.right && r.right > b.left && r.top < b.bottom
        && r.bottom > b.top;
    const shown = [...doc.querySelectorAll('.atlas-town')].filter(n =>
        n.getBoundingClientRect().width > 0 && getComputedStyle(n).visibility !== 'hidden');
    const cut = shown.filter(n => {
        const r = n.getBoundingClientRect();
        return bubbles.some(b => meets(r, b))
            || shown.some(o => o !== n && meets(r, o.getBoundingClientRect()));
    }).map(n => n.textContent);
    const ring = doc.querySelector('.atlas-selected');
    const z = el => Number(getComputedStyle(el.closest('.leaflet-pane')).zIndex);
    const bubble = doc.querySelector('.atlas-cluster-icon');
    return {cut: cut, bubbles: bubbles.length, ring: ring ? z(ring) : null,
            bubble: bubble ? z(bubble) : null,
            ringOnBubble: !!ring && bubbles.some(b => meets(ring.getBoundingClientRect(), b))};
}"""


def test_names_and_the_selection_stay_clear_of_bubbles(sized, viewport, app_url):
    page = sized
    # The Russian base shares Dushanbe's point with 11 other events: a bubble sits on it.
    open_app(page, f"{app_url}?event=site-russian-201st-base-dushanbe")
    wait_for_selected(page, "site-russian-201st-base-dushanbe")
    wait_for_settled(page)
    # Wait for the whole condition (the clusters animate in: mid-animation a bubble has no
    # pane yet, and one look could catch it), then say what was seen if it never came.
    clear = (
        f"() => {{ const s = ({_CLEAR_JS})(); return !!s && s.bubbles > 0 && !s.cut.length"
        " && s.ringOnBubble && Number.isFinite(s.bubble) && s.ring > s.bubble; }"
    )
    try:
        page.wait_for_function(clear, timeout=15_000)
    except PlaywrightTimeout as waited:
        state = page.evaluate(_CLEAR_JS)
        # the case this checks: a ring over a bubble, drawn above it, no name cut
        raise AssertionError(
            f"names or the selection ring not clear of bubbles: {state}"
        ) from waited
    # With the sidebar closed, the title is below Streamlit's header, not under it.
    sidebar_open(page, False)
    title = page.get_by_role("heading", level=1)
    header = page.locator("[data-testid='stHeader']").bounding_box()
    expect(title).to_be_visible()
    page.wait_for_function(
        "() => { const box = s => document.querySelector(s).getBoundingClientRect();"
        " return box('[data-testid=stMain] h1').top >= box('[data-testid=stHeader]').bottom - 1; }",
        timeout=10_000,
    )
    assert title.bounding_box()["y"] >= header["y"] + header["height"] - 1
    # The map redraws for its new width: countries and border cover the whole map again.
    page.wait_for_function(
        """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
            const w = f.contentWindow, svg = w.document.querySelector('.leaflet-overlay-pane svg');
            const wide = w.map.getContainer().clientWidth;
            return !!svg && svg.getBoundingClientRect().width >= wide; }""",
        timeout=10_000,
    )
    screenshot(page, f"selected-at-a-bubble-{viewport}")


GOLD_MINE = "firefight-near-gold-mine-panj-2025-10-25"


def test_the_whole_article_opens_at_its_highlighted_excerpt(sized, viewport, app_url):
    page = sized
    open_app(page, f"{app_url}?event={GOLD_MINE}")
    page.get_by_text("Read the whole article, excerpt highlighted").first.click()
    article = page.frame_locator(
        "iframe[srcdoc*='id=\"excerpt\"'], iframe[srcdoc*=\"id='excerpt'\"]"
    )
    mark = article.locator("mark#excerpt")
    expect(mark).to_be_attached(timeout=20_000)
    # Scrolled inside its own frame so the highlight is in the frame's view, not at 0.
    page.wait_for_function(
        """() => [...document.querySelectorAll('iframe')].some(f => {
            const d = f.contentDocument, m = d && d.getElementById('excerpt');
            if (!m || !f.offsetHeight) { return false; }
            const r = m.getBoundingClientRect();
            return f.contentWindow.scrollY > 0 && r.top >= 0 && r.bottom <= f.clientHeight; })""",
        timeout=15_000,
    )
    screenshot(page, f"article-at-excerpt-{viewport}")


def test_a_click_near_the_map_edge_selects_its_marker(sized, viewport, app_url):
    page = sized
    open_app(page, app_url)
    marker_count(page, len(EVENTS))
    wait_for_settled(page)
    frame = page.locator(MAP).bounding_box()
    # Pan the map so a single marker sits 20 px inside the map's right edge.
    target = page.evaluate(
        """() => { const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
            const w = f.contentWindow, map = w.map; let best = null;
            map.eachLayer(l => { const el = l.feature && l.getElement && l.getElement();
                if (el && el.classList.contains('atlas-event') && !best) { best = l; } });
            const p = map.latLngToContainerPoint(best.getLatLng());
            map.panBy([p.x - (map.getSize().x - 20), 0], {animate: false});
            return best.feature.properties.id; }"""
    )
    wait_for_settled(page)
    spot = next(m for m in drawn_markers(page) if m["id"] == target)
    assert frame["x"] + frame["width"] - 40 < spot["x"] < frame["x"] + frame["width"], spot
    page.mouse.click(spot["x"], spot["y"])
    wait_for_selected(page, target)


def test_an_open_legend_leaves_the_zoom_buttons_free(sized, viewport, app_url):
    page = sized
    open_app(page, app_url)
    marker_count(page, len(EVENTS))
    legend = page.frame_locator(MAP).locator(".atlas-legend summary")
    legend.click()
    expect(page.frame_locator(MAP).locator(".atlas-legend-col").first).to_be_visible()
    boxes = (
        page.frame_locator(MAP)
        .locator("body")
        .evaluate(
            """() => ['.atlas-legend', '.leaflet-control-zoom'].map(s => {
            const r = document.querySelector(s).getBoundingClientRect();
            return [r.left, r.right, r.top, r.bottom]; })"""
        )
    )
    (l1, r1, t1, b1), (l2, r2, t2, b2) = boxes
    assert r2 <= l1 or r1 <= l2 or b2 <= t1 or b1 <= t2, boxes  # no overlap
    screenshot(page, f"legend-open-{viewport}")


def test_a_phone_sheet_steps_aside_while_the_reader_scrolls_down(page, app_url):
    page.set_viewport_size(VIEWPORTS["390x844"])
    event = "site-russian-201st-base-dushanbe"
    open_app(page, f"{app_url}?event={event}")
    wait_for_selected(page, event)
    sheet = page.locator("[class*='st-key-panel-']:not(.st-key-panel-none)")
    expect(sheet).to_be_visible()
    main = "document.querySelector('[data-testid=stMain]')"
    sheet_top = (
        "document.querySelector(\"[class*='st-key-panel-']:not(.st-key-panel-none)\")"
        ".getBoundingClientRect().top"
    )

    def scrolled_until(y: int, holds: str) -> None:
        """Scroll the page to `y` (again on each poll: a rerun may still be growing the
        page) until the sheet's top meets `holds`."""
        page.wait_for_function(f"() => {{ {main}.scrollTop = {y}; return {holds}; }}")

    page.wait_for_selector(APP_IDLE, timeout=30_000)
    scrolled_until(0, f"{sheet_top} <= innerHeight / 2 + 1")  # over the map's lower half
    top = sheet.bounding_box()["y"]
    # Down to timeline and table: the sheet slides down to its top line, which stands on
    # the playback bar at the screen's foot, its Close button uncovered.
    assert page.evaluate(SHEET_ON_THE_BAR)
    scrolled_until(2000, f"{sheet_top} > {PLAY_WORDS_TOP} - 60")
    close = sheet.get_by_role("button", name=re.compile("Close"))
    expect(close).to_be_in_viewport()
    assert close.evaluate(
        "b => { const r = b.getBoundingClientRect();"
        " const x = r.left + r.width / 2, y = r.top + r.height / 2;"
        " return b.contains(document.elementFromPoint(x, y)); }"
    )
    screenshot(page, "phone-sheet-scrolled-390x844")
    scrolled_until(0, f"Math.abs({sheet_top} - {top}) < 2")  # back up: the sheet is back
