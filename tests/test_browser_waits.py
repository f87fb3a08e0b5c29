"""The browser tests' waits wait: `wait_for_settled` returns only once the map is made and
still, never at once. (It once handed Playwright's wait_for_function a predicate that
returned a promise: a promise is truthy, so the wait returned at its first look and a
click after it could land while the map's frame grew from 18 px under it.)

Each page here is a stand-in made in the browser: a frame titled as streamlit-folium's,
whose `map` (Leaflet's public calls the wait uses) the page makes, moves or leaves."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.helpers.browser import wait_for_settled

pytestmark = pytest.mark.browser

# A frame like streamlit-folium's; its map is made when the page says so (`make(moving)`),
# and, moving, its centre changes every frame.
_PAGE = """<iframe title="streamlit_folium.st_folium" srcdoc="<p>map</p>"></iframe>
<script>
function make(moving) {
    const w = document.querySelector('iframe').contentWindow;
    let x = 0;
    const pane = w.document.createElement('div');
    w.map = {getCenter: () => ({lat: 37, lng: moving ? x : 69}), getZoom: () => 7,
             getPane: () => pane};
    const step = () => { x += 1; w.requestAnimationFrame(step); };
    if (moving) { step(); }
}
</script>"""


def _page(page):
    page.set_content(_PAGE)
    page.wait_for_function("document.querySelector('iframe').contentDocument.body")
    return page


def test_the_wait_holds_until_the_map_is_made_and_still(page):
    _page(page)
    with pytest.raises(PlaywrightTimeout):  # no map yet: the wait must not return
        wait_for_settled(page, timeout=1_000)
    page.evaluate("make(false)")
    wait_for_settled(page, timeout=10_000)
    assert page.evaluate("typeof document.querySelector('iframe').contentWindow.map")


def test_the_wait_holds_while_the_map_moves(page):
    _page(page)
    page.evaluate("make(true)")
    with pytest.raises(PlaywrightTimeout):
        wait_for_settled(page, timeout=1_000)
