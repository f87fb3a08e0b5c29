"""In Chromium at 1280x720 and 390x844: pressing Play shows the moving map and the Pause
button together. Play's row sits under the map; pressed there, only a
sliver of the map was on screen (on a phone, none). Now the map scrolls wholly into view
and the playback bar stays at the screen's foot while playing, even as the reader scrolls."""

from __future__ import annotations

import re

import pytest

from tests.helpers.browser import (
    SHEET_ON_THE_BAR,
    SIZES,
    VIEWPORTS,
    marker_count,
    open_app,
    press_play,
    screenshot,
    wait_for_markers,
    wait_for_quiet,
)

pytestmark = pytest.mark.browser

# (Streamlit may keep a 0x0 copy of a button a moment after a rerun: the drawn one counts.)
# The map wholly on screen and uncovered (nothing drawn over its top, middle or foot: not
# the page's header, not the playback bar), and the Pause button on screen and uncovered.
_BOTH_SEEN = """() => {
    const seen = (el, x, y) => {
        const hit = document.elementFromPoint(x, y);
        return Boolean(hit) && (hit === el || el.contains(hit));
    };
    const map = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const pause = [...document.querySelectorAll('button')]
        .find(b => /Pause$/.test(b.textContent.trim()) && b.getClientRects().length
            && b.getBoundingClientRect().height > 0);
    if (!map || !pause) { return false; }
    const m = map.getBoundingClientRect(), p = pause.getBoundingClientRect();
    const x = m.left + m.width / 2;
    return m.top >= 0 && m.bottom <= innerHeight
        && [m.top + 3, m.top + m.height / 2, m.bottom - 3].every(y => seen(map, x, y))
        && p.top >= 0 && p.bottom <= innerHeight
        && seen(pause, p.left + p.width / 2, p.top + p.height / 2);
}"""
# The Pause button on screen and uncovered.
_PAUSE_SEEN = """() => {
    const pause = [...document.querySelectorAll('button')]
        .find(b => /Pause$/.test(b.textContent.trim()) && b.getClientRects().length
            && b.getBoundingClientRect().height > 0);
    if (!pause) { return false; }
    const p = pause.getBoundingClientRect();
    const hit = document.elementFromPoint(p.left + p.width / 2, p.top + p.height / 2);
    return p.top >= 0 && p.bottom <= innerHeight && Boolean(hit) && pause.contains(hit);
}"""
# The map's top on screen and uncovered (below the page's header).
_MAP_TOP_SEEN = """() => {
    const map = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    if (!map) { return false; }  // a rerun may be drawing the page's elements anew
    const m = map.getBoundingClientRect();
    const hit = document.elementFromPoint(m.left + m.width / 2, m.top + 20);
    return m.top >= 0 && hit === map;
}"""
# The page scrolled back to its top (Streamlit's main block scrolls); the foot of the
# playback bar's place in the page's flow (right under the map) then, relative to the
# screen's foot.
_TO_TOP = """() => {
    document.querySelector('[data-testid="stMain"]').scrollTo({top: 0});
    const bar = document.querySelector('.st-key-playbar-on').parentElement;
    const above = bar.previousElementSibling.getBoundingClientRect().bottom;
    return above + bar.getBoundingClientRect().height - innerHeight;
}"""
_WINDOW = re.compile(r"^Week of \d+ \w+ \d{4}$")


def _window_words(page) -> str:
    return page.get_by_text(_WINDOW).first.inner_text()


@SIZES
def test_play_shows_the_moving_map_and_pause_together(page, app_url, size):
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url)
    wait_for_markers(page, 39)
    press_play(page)  # the first step's rerun may be slow on a loaded machine
    pause = page.get_by_role("button", name=re.compile("Pause$"))
    page.wait_for_function(_BOTH_SEEN, timeout=30_000)
    first = _window_words(page)
    screenshot(page, f"play-map-and-pause-{size}")
    # The reader scrolls back to the top of a shorter screen: the bar's place in the page
    # (under the map) is below it, but the bar stays at the screen's foot. (At 1280x720
    # and 390x844 that place is now on the first screen, 64 and 31 px above its foot.)
    page.set_viewport_size({**VIEWPORTS[size], "height": VIEWPORTS[size]["height"] - 120})
    assert page.evaluate(_TO_TOP) > 0
    page.wait_for_function(_PAUSE_SEEN, timeout=30_000)
    # It plays on: the next window comes by itself; the page is left where the reader put it.
    page.wait_for_function(
        "w => [...document.querySelectorAll('strong')].some(e => "
        "/^Week of /.test(e.textContent.trim()) && e.textContent.trim() !== w)",
        arg=first,
        timeout=30_000,
    )
    page.wait_for_function(_PAUSE_SEEN, timeout=30_000)
    pause.click()  # playing: the page reruns every step, so no quiet moment to wait for
    page.get_by_role("button", name=re.compile("Play$")).wait_for()
    # Paused, the bar is back in the page's flow (under the map), not pinned.
    position = page.evaluate(
        "() => getComputedStyle(document.querySelector('.st-key-playbar').parentElement).position"
    )
    assert position != "sticky"


def test_on_a_phone_pause_stays_over_an_open_event_s_sheet(page, app_url):
    """An event open (its sheet over the lower half of a phone's screen), then Play: Pause
    is drawn over the sheet, and the map's upper part is seen above it."""
    page.set_viewport_size(VIEWPORTS["390x844"])
    # Opened playing (a link that plays: ui/playback.py `_from_link`, the same press a
    # click makes), not pressed: in two CI-like runs a press of Play here was never acted
    # on, twice in one run (the lost press of the session notes; press_play elsewhere).
    open_app(page, app_url + "/?event=firefight-near-gold-mine-panj-2025-10-25&play=true")
    page.get_by_role("button", name=re.compile("Close$")).wait_for()  # the sheet is open
    page.get_by_role("button", name=re.compile("Pause$")).wait_for(timeout=60_000)
    page.wait_for_function(_PAUSE_SEEN, timeout=30_000)
    page.wait_for_function(_MAP_TOP_SEEN, timeout=30_000)
    page.wait_for_function(SHEET_ON_THE_BAR, timeout=30_000)
    screenshot(page, "play-over-sheet-390x844")


_SHEET_EVENT = "firefight-near-gold-mine-panj-2025-10-25"
_SCROLL_TOP = "() => document.querySelector('[data-testid=\"stMain\"]').scrollTop"
# The shown Play button on screen and uncovered (not under the event's sheet).
_PLAY_SEEN = _PAUSE_SEEN.replace("Pause$", "Play$")


@pytest.mark.parametrize("width, height", [(390, 844), (360, 640)])
def test_on_a_phone_play_is_in_reach_over_an_open_event_s_sheet(page, app_url, width, height):
    """An event open on a phone (its sheet over the lower half of the screen): Play is
    in reach under the sheet and pressed there, the page unscrolled (it lay under the
    sheet: a press scrolled the page first, and a rerun scrolling it back lost the press;
    on a small phone, Play scrolling the map into view left the sheet half slid away)."""
    page.set_viewport_size({"width": width, "height": height})
    open_app(page, app_url + f"/?event={_SHEET_EVENT}")
    page.get_by_role("button", name=re.compile("Close$")).wait_for()  # the sheet is open
    marker_count(page)  # the map drawn
    wait_for_quiet(page)
    page.wait_for_function(_PLAY_SEEN, timeout=30_000)
    assert page.evaluate(SHEET_ON_THE_BAR)
    screenshot(page, f"play-reached-over-sheet-{width}x{height}")
    page.locator(".st-key-play-toggle button:visible").click(no_wait_after=True)
    page.wait_for_function(_PAUSE_SEEN, timeout=30_000)
    wait_for_quiet(page)
    page.wait_for_function(SHEET_ON_THE_BAR)  # playing: the window's words above the bar
    assert page.evaluate(_SCROLL_TOP) == 0
