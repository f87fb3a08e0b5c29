"""Shared pieces of the real-browser tests: opening the app, waiting for the map."""

from __future__ import annotations

import contextlib
import json
import re
import warnings
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from streamlit.proto.BackMsg_pb2 import BackMsg

from tests.helpers.data import EVENT_LAYER_FILES, read_layer

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
APP_IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
MAP = 'iframe[title="streamlit_folium.st_folium"]'
MARKERS = "path.atlas-event"
EVENTS = [f["properties"] for p in EVENT_LAYER_FILES for f in read_layer(p)["features"]]
# Distinct uncertainty circles per layer, as the map draws them (one per place and radius).
CIRCLES = [
    {
        "geometry_key": (
            p.stem,
            tuple(f["geometry"]["coordinates"]),
            f["properties"]["uncertainty"]["radius_km"],
        )
    }
    for p in EVENT_LAYER_FILES
    for f in read_layer(p)["features"]
    if (f["properties"].get("uncertainty") or {}).get("shape") == "circle"
]
LOCAL = re.compile(r"^(https?://(127\.0\.0\.1|localhost)(:\d+)?/|data:|blob:|about:)")


# The page's own style sheet (app.PAGE_CSS) is applied: Streamlit can draw the elements
# a moment before it, with its larger title and margins (the map lower down).
PAGE_STYLED = (
    "() => getComputedStyle(document.documentElement).getPropertyValue('--atlas-page-css')"
)


def open_app(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    page.wait_for_function(PAGE_STYLED, timeout=30_000)


# Events the map shows: single markers, the counts written on cluster bubbles, and the
# events of each wide area drawn (they have no point: geo/view/modes.py).
_DRAWN_EVENTS_JS = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const doc = f && f.contentDocument;
    if (!doc || !doc.querySelector('.leaflet-container')) { return -1; }
    const singles = doc.querySelectorAll('path.atlas-event').length;
    let grouped = 0;
    doc.querySelectorAll('.atlas-cluster span').forEach(s => { grouped += Number(s.textContent); });
    // Events with no point, drawn as the band, side or country they are placed in.
    doc.querySelectorAll('path.atlas-wide-area[data-events]').forEach(p => {
        grouped += Number(p.getAttribute('data-events'));
    });
    return singles + grouped;
}"""


def drawn_events(page) -> int:
    """Events drawn on the map now: single markers, those grouped in clusters, and those
    drawn as the wide area they are placed in."""
    return page.evaluate(_DRAWN_EVENTS_JS)


def wait_for_markers(page, expected: int, timeout: int = 30_000) -> None:
    """Wait until the map accounts for exactly `expected` events (singles + clusters)."""
    page.wait_for_function(f"n => ({_DRAWN_EVENTS_JS})() === n", arg=expected, timeout=timeout)


def marker_count(page, expected: int | None = None) -> int:
    """Markers on the map once drawn: exactly `expected` if given (waits for that)."""
    if expected is not None:
        wait_for_markers(page, expected)
    else:
        page.frame_locator(MAP).locator(".leaflet-container").wait_for(timeout=30_000)
        page.wait_for_selector(APP_IDLE, timeout=60_000)
    return drawn_events(page)


# --- viewports, screenshots, the map's own state (used by test_browser_workbench) -------

# The sizes the issue asks every browser check to hold at: a laptop and a phone.
VIEWPORTS = {"1280x720": {"width": 1280, "height": 720}, "390x844": {"width": 390, "height": 844}}
# A test run at both sizes, a laptop's and a phone's: `@SIZES` over a test taking `size`.
SIZES = pytest.mark.parametrize("size", list(VIEWPORTS))
# Which layer file each event comes from (the Layers filter's options are the file stems).
LAYER_OF = {
    f["properties"]["id"]: p.stem for p in EVENT_LAYER_FILES for f in read_layer(p)["features"]
}


def screenshot(page, name: str) -> Path:
    """Save what the page shows now as tests/artifacts/<name>.png (the folder is made)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def wait_for_selected(page, event_id: str, timeout: int = 20_000) -> None:
    """Wait until the link names `event_id` as the selected event."""
    page.wait_for_function(
        "id => new URLSearchParams(location.search).get('event') === id",
        arg=event_id,
        timeout=timeout,
    )


# The map has stopped moving: Leaflet's map made (streamlit-folium's `map`; before it the
# frame is an 18 px blank that grows to the map's height), the same centre and zoom over
# three looks a frame apart (a pan under way moves the centre every frame), no zoom
# animation (Leaflet marks the map pane with `leaflet-zoom-anim` while one runs) and no
# cluster (un)folding under way. Public API and classes only. Synchronous: Playwright's
# wait_for_function does not await a promise (a promise is truthy: such a wait returned
# at once, and waited for nothing).
SETTLED_JS = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const w = f && f.contentWindow;
    const map = w && w.map;
    if (!map || typeof map.getCenter !== 'function') { window.__atlasStill = 0; return false; }
    const view = JSON.stringify([map.getCenter(), map.getZoom()]);
    window.__atlasStill = view === window.__atlasView ? window.__atlasStill + 1 : 0;
    window.__atlasView = view;
    return window.__atlasStill >= 2
        && !map.getPane('mapPane').classList.contains('leaflet-zoom-anim')
        && !w.document.querySelector('.leaflet-cluster-anim');
}"""


def wait_for_settled(page, timeout: int = 15_000) -> None:
    """Wait until the map is drawn and has stopped moving (`SETTLED_JS`, looked at once
    a frame)."""
    page.evaluate("() => { window.__atlasStill = 0; window.__atlasView = null; }")
    page.wait_for_function(SETTLED_JS, polling="raf", timeout=timeout)


def wait_for_quiet(page, timeout: int = 60_000) -> None:
    """Wait until the page's run is done, the map (if drawn) has stopped moving, and the run
    is still done after that: a map that ends a move may ask for a rerun, and a rerun under
    way can move the page's layout between Playwright's check of a button and its click
    (the click then lands beside it and is lost)."""
    page.wait_for_selector(APP_IDLE, timeout=timeout)
    if page.locator(".st-key-map-head").count():  # the dashboard: its map follows the head
        # (a run just done may not have made the map's frame yet: made later, it grows
        # from 18 px to the map's height and moves everything under it)
        page.wait_for_selector(MAP, state="attached", timeout=timeout)
    if page.locator(MAP).count():
        wait_for_settled(page, timeout=timeout)
        page.wait_for_selector(APP_IDLE, timeout=timeout)


# Every event marker drawn now: its id, its centre in page pixels, whether that centre
# lies inside the map and whether a click there reaches the marker (nothing over it, in
# the map or on the page, and on screen).
_DRAWN_MARKERS_JS = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const w = f && f.contentWindow;
    if (!w || !w.map) { return []; }
    const frame = f.getBoundingClientRect(), box = w.map.getContainer().getBoundingClientRect();
    const out = [];
    w.map.eachLayer(l => {
        const el = l.feature && l.getElement && l.getElement();
        if (!el || !el.classList.contains('atlas-event')) { return; }
        const r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
        const inMap = x > box.left && x < box.right && y > box.top && y < box.bottom;
        const px = frame.left + x, py = frame.top + y;
        const onScreen = px >= 0 && py >= 0 && px < innerWidth && py < innerHeight;
        const onTop = inMap && onScreen && w.document.elementFromPoint(x, y) === el
            && document.elementFromPoint(px, py) === f;
        out.push({id: l.feature.properties.id, x: px, y: py, inMap: inMap, onTop: onTop});
    });
    return out;
}"""


def drawn_markers(page) -> list[dict]:
    """The event markers drawn now: [{id, x, y (page px), inMap, onTop}, …]."""
    return page.evaluate(_DRAWN_MARKERS_JS)


def wait_for_any_clickable(page, timeout: int = 20_000) -> dict:
    """Wait until some event marker is drawn in the map with nothing over its centre
    (a toast or the page's layout may still cover the map for a moment after load)."""
    page.wait_for_function(f"() => ({_DRAWN_MARKERS_JS})().some(m => m.onTop)", timeout=timeout)
    return next(m for m in drawn_markers(page) if m["onTop"])


def wait_for_clickable(page, event_id: str, timeout: int = 20_000) -> dict:
    """Wait until the event's marker is drawn in the map with nothing over its centre."""
    page.wait_for_function(
        f"id => ({_DRAWN_MARKERS_JS})().some(m => m.id === id && m.onTop)",
        arg=event_id,
        timeout=timeout,
    )
    return next(m for m in drawn_markers(page) if m["id"] == event_id)


# Every event the map holds: drawn markers and those folded into cluster bubbles.
_HELD_IDS_JS = """() => {
    const w = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
    const ids = new Set();
    w.map.eachLayer(l => {
        if (w.L.MarkerClusterGroup && l instanceof w.L.MarkerClusterGroup) {
            l.getLayers().forEach(m => ids.add(m.feature.properties.id));
        } else if (l.feature && l.getElement && l.getElement()
                   && l.getElement().classList.contains('atlas-event')) {
            ids.add(l.feature.properties.id);
        }
    });
    return [...ids].sort();
}"""


def held_event_ids(page) -> set[str]:
    """Ids of every event on the map, drawn or inside a cluster bubble."""
    return set(page.evaluate(_HELD_IDS_JS))


_IN_VIEW_JS = """([lat, lon]) => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const w = f && f.contentWindow;
    return Boolean(w && w.map && w.map.getBounds().contains(w.L.latLng(lat, lon)));
}"""


def map_contains(page, lat: float, lon: float) -> bool:
    """Whether the map's current view holds the point."""
    return page.evaluate(_IN_VIEW_JS, [lat, lon])


def wait_for_in_view(page, lat: float, lon: float, timeout: int = 15_000) -> None:
    """Wait until the map's view holds the point."""
    page.wait_for_function(_IN_VIEW_JS, arg=[lat, lon], timeout=timeout)


def sidebar_open(page, want: bool) -> bool:
    """Open (or close) the filter sidebar, which a phone starts with closed; True if it
    had to change."""
    sidebar = "[data-testid='stSidebar'][data-collapsed='{}']"
    if page.locator(sidebar.format("false" if want else "true")).count():
        return False  # already so
    if want:
        page.locator("[data-testid='stExpandSidebarButton']").click()
    else:
        page.hover("[data-testid='stSidebar']")  # the close button shows on hover only
        page.locator("[data-testid='stSidebarCollapseButton'] button").click()
    # Attached, not visible: a closed sidebar is hidden once its slide ends (waiting for it to
    # be visible passed only when the check fell inside the slide).
    page.wait_for_selector(sidebar.format("false" if want else "true"), state="attached")
    return True


def reset_context(context) -> None:
    """Leave a browser context as a new one would be: its pages closed, then its cookies,
    every origin's local storage, session storage, permissions, routes, offline mode,
    extra headers and geolocation cleared (the worker's shared context after each test;
    tests/conftest.py). Init scripts cannot be removed: a test adds them to its page."""
    origins = [o["origin"] for o in context.storage_state()["origins"]]
    for page in list(context.pages):
        if page.url.startswith("http"):
            # a page that crashed or is navigating has nothing to clear
            with contextlib.suppress(Exception):
                page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        page.close()
    if origins:  # storage of origins no page shows any more (a closed or navigated page)
        blank = context.new_page()
        for origin in origins:
            blank.route(f"{origin}/**", lambda route: route.fulfill(body="", status=200))
            blank.goto(f"{origin}/atlas-reset-storage")
            blank.evaluate("() => localStorage.clear()")
        blank.close()
    context.clear_cookies()
    context.clear_permissions()
    context.unroute_all(behavior="ignoreErrors")
    context.set_offline(False)
    context.set_extra_http_headers({})
    context.set_geolocation(None)


class LostPress(UserWarning):
    """A press the page never acted on (see `press_play`)."""


# (Streamlit keeps a hidden copy of the toggle beside the one shown: the shown one is read.)
_PLAYING = """() => [...document.querySelectorAll('.st-key-play-toggle button')]
    .some(b => b.getClientRects().length > 0 && /Pause$/.test(b.innerText.trim()))"""


def press_play(page) -> None:
    """Press Play and wait until the page plays (its toggle says Pause).

    About once in two CI-like runs on 2 cores a press of Play at the phone's size was
    never acted on: 30 s later the page was idle, its toggle still said Play and the link
    had no `play=true` (three tests, each with the page quiet before the press; not traced,
    see the session notes). Then, and only then, Play is pressed once more, and a
    `LostPress` warning in the run's summary says so: the test goes on to check what
    playing does, and the lost press stays visible."""
    toggle = page.get_by_role("button", name=re.compile("Play$"))
    toggle.scroll_into_view_if_needed()
    wait_for_quiet(page)
    toggle.click()
    try:
        page.wait_for_function(_PLAYING, timeout=30_000)
        return
    except PlaywrightTimeoutError:
        lost = page.locator(APP_IDLE).count() == 1 and "play=true" not in page.url
        if not lost:  # pressed and still being acted on: not a lost press
            page.wait_for_function(_PLAYING, timeout=60_000)
            return
    said = f"a press of Play was lost at {page.viewport_size}; pressed again"
    warnings.warn(LostPress(said), stacklevel=2)
    wait_for_quiet(page)
    toggle.click()
    page.wait_for_function(_PLAYING, timeout=60_000)


class SentMessages:
    """The kinds of message (Streamlit's `BackMsg`: `rerun_script`,
    `backend_operation_request`, …) the page sends its server from now on: made before the
    page is opened, as a socket already open is not reported."""

    def __init__(self, page) -> None:
        self.kinds: list[str] = []
        page.on("websocket", lambda socket: socket.on("framesent", self._sent))

    def _sent(self, payload) -> None:
        if isinstance(payload, bytes | bytearray):
            self.kinds.append(BackMsg.FromString(bytes(payload)).WhichOneof("type") or "")


def download(page, name: str, sent: SentMessages, timeout: int = 60_000):
    """Press the page's download button `name` and return the download, checking that the
    press asked for the file and for no run: Streamlit's button sends a rerun before it
    asks for a deferred file, and a rerun that reaches the button first revokes the file's
    id (the download then fails, as in two CI-like runs), so the atlas's buttons send none."""
    button = page.get_by_role("button", name=name)
    button.scroll_into_view_if_needed()
    wait_for_quiet(page)  # no rerun moves the button between Playwright's check and click
    start = len(sent.kinds)
    with page.expect_download(timeout=timeout) as got:
        button.click()
    # The socket's frames and the download reach Playwright apart: a few round trips to
    # the page let a frame sent before the download be reported (they never take long).
    for _ in range(100):
        if "backend_operation_request" in sent.kinds[start:]:
            break
        page.evaluate("0")
    kinds = sent.kinds[start:]
    assert "backend_operation_request" in kinds, f"no request for the file among {kinds}"
    assert "rerun_script" not in kinds, f"pressing {name!r} asked for a run: {kinds}"
    return got.value


def rerun_by_moving_the_map(page) -> None:
    """Move the map a few pixels (no animation) and wait for the run its report starts.

    The page is let go quiet first, and a run still under way at the move counts: Streamlit
    folds a rerun asked for during a run into that run, so the page's state never passes
    through `notRunning` for it (CI on 519d59a waited 30 s for that passage here)."""
    wait_for_quiet(page)
    page.evaluate(
        """() => {
        const app = document.querySelector("[data-testid='stApp']");
        window.__runs = app.dataset.testScriptState === 'notRunning' ? 0 : 1;
        if (window.__runsSeen) { window.__runsSeen.disconnect(); }  // an earlier call's
        window.__runsSeen = new MutationObserver(records => {
            window.__runs += records.filter(r => r.oldValue === 'notRunning').length;
        });
        window.__runsSeen.observe(document.body, {attributes: true, subtree: true,
            attributeOldValue: true, attributeFilter: ['data-test-script-state']});
        document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow
            .map.panBy([4, 0], {animate: false}); }"""
    )
    page.wait_for_function("() => window.__runs > 0", timeout=30_000)
    page.wait_for_selector(APP_IDLE, timeout=60_000)


# On a phone with an event open: the playback bar fixed at the screen's foot, the window in
# words on a line above it, and the event's sheet standing on them (nothing of it covered).
# The window in words over the playback bar: paused, the element right before the bar;
# playing, the bar's own markdown.
PLAY_WORDS = (
    '[data-testid="stElementContainer"]:has(+ [data-testid="stLayoutWrapper"] > .st-key-playbar),'
    ' .st-key-playbar-on > :has([data-testid="stMarkdown"])'
)
# Where those words start on the screen (a JavaScript expression).
PLAY_WORDS_TOP = f"document.querySelector({json.dumps(PLAY_WORDS)}).getBoundingClientRect().top"
SHEET_ON_THE_BAR = """() => {
    const sheet = document.querySelector("[class*='st-key-panel-']:not(.st-key-panel-none)");
    const row = document.querySelector('.st-key-playbar, .st-key-playbar-on');
    if (!sheet || !row) { return false; }
    const bar = row.parentElement, b = bar.getBoundingClientRect();
    const words = document.querySelector(__WORDS__);
    const top = words ? Math.min(words.getBoundingClientRect().top, b.top) : b.top;
    return getComputedStyle(bar).position === 'fixed' && Math.abs(b.bottom - innerHeight) < 1
        && row.scrollHeight <= row.clientHeight + 1
        && sheet.getBoundingClientRect().bottom <= top + 1;
}""".replace("__WORDS__", json.dumps(PLAY_WORDS))
