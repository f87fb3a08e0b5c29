"""#25's walk, its most severe friction: events the sources place only "on the Tajik side of
the border" (a band, a side, a country: no point) sat on one stand-in dot between Vanj and
Rushon, so after "within 30 km of Farkhor" (with the events in areas that include it) a
"13" bubble stood 200 km from Farkhor, and the PNG showed the same. Now no such event is a
marker or in a bubble: each area is drawn as its dashed outline, with its count, and the
key and the picture's legend say how many events have no point.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from geo.view import modes as md
from geo.view import places as pl
from tests.helpers.browser import MAP, SIZES, VIEWPORTS, open_app, screenshot, wait_for_markers

pytestmark = pytest.mark.browser

# Events drawn as points: single markers and the counts on cluster bubbles.
_POINTED_JS = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const doc = f.contentDocument;
    let n = doc.querySelectorAll('path.atlas-event').length;
    doc.querySelectorAll('.atlas-cluster span').forEach(s => { n += Number(s.textContent); });
    return n;
}"""
# Each outlined area's events, as its path names them.
_OUTLINED_JS = """() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const doc = f.contentDocument;
    return Array.from(doc.querySelectorAll('path.atlas-wide-outline'),
                      p => Number(p.getAttribute('data-events')));
}"""


def _save_words(page) -> str:
    button = page.frame_locator(MAP).get_by_role("button", name="Save map as PNG")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000):
        button.click()
    last = page.frame_locator(MAP).locator("body").evaluate("() => window.AtlasPicture.last()")
    return " ".join(last["lines"])


@SIZES
def test_events_with_no_point_are_outlined_areas_near_farkhor(page, app_url, size, data):
    near, areas_only = pl.near_masks(data.frame, pl.Near("farkhor"), data.areas)
    wide = md.wide_mask(data.frame)
    pointed = int((near | (areas_only & ~wide)).sum())
    no_point = int((areas_only & wide).sum())
    assert no_point > 0  # the seeds hold such events: the checks below can fail
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url + "/?place=farkhor&place_km=30&place_areas=true&undated=true")
    wait_for_markers(page, pointed + no_point)  # every shown event accounted for once
    # ... but none of those with no point as a marker or in a bubble, wherever it is.
    assert page.evaluate(_POINTED_JS) == pointed
    outlined = page.evaluate(_OUTLINED_JS)
    assert outlined and sum(outlined) == no_point
    key = page.locator(".atlas-mode-key", has_text="have no point")
    expect(key).to_contain_text(re.compile(rf"^{no_point} of \d+ shown events have no point"))
    # Its dashed swatch on the words' first line, not alone on a line above them.
    swatch, words_box = key.locator(".atlas-no-point").bounding_box(), key.bounding_box()
    assert swatch and words_box and swatch["y"] - words_box["y"] < 8, (swatch, words_box)
    first_line = key.evaluate(
        "k => { const r = document.createRange(); r.selectNodeContents(k);"
        " return Array.from(r.getClientRects()).filter(b => b.width > 20)[0].top; }"
    )
    assert abs(swatch["y"] - first_line) < 12, (swatch, first_line)
    box = page.frame_locator(MAP).locator(".atlas-no-point-box summary")
    expect(box).to_have_text(f"{no_point} events with no point")  # on the map, with its areas
    page.locator(MAP).scroll_into_view_if_needed()
    screenshot(page, f"no-point-near-farkhor-{size}")
    # The picture says it too: its legend names each area with its count.
    words = _save_words(page)
    found = [int(n) for n in re.findall(r"(\d+) with no point, anywhere", words)]
    assert sorted(found) == sorted(outlined), words


@SIZES
def test_selecting_an_event_with_no_point_frames_its_area(page, app_url, size):
    page.set_viewport_size(VIEWPORTS[size])
    event = "firefight-near-gold-mine-panj-2025-10-25"  # "along the border": a 10 km band
    open_app(page, app_url + f"/?event={event}")
    frame = page.frame_locator(MAP)
    expect(frame.locator("path.atlas-wide-outline").first).to_be_attached(timeout=30_000)
    zoom = frame.locator("body").evaluate("() => window.map.getZoom()")
    assert zoom < 8  # the band, not its stand-in point at the event's zoom
    assert frame.locator(".atlas-selected").count() == 0  # no ring at a stand-in point
    screenshot(page, f"no-point-selected-{size}")
