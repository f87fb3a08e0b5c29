"""#25: the offline copy draws the events with no point as the live map does. Events the
sources place only in a border band, on one side of it or in a country are no marker; on
the page's map each such area is a dashed outline and a box counts them. The offline copy
listed them but drew nothing, so its reader saw nothing on the map for them. Now the file
downloaded from the page, opened from disk with the network cut, draws the same outlines
and the same box (the page's own modes.js, inlined)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from geo.view import modes as md
from geo.view.offline import offline_html
from tests.helpers.browser import (
    MAP,
    SIZES,
    VIEWPORTS,
    SentMessages,
    download,
    open_app,
    screenshot,
    wait_for_markers,
)
from tests.test_offline import hostile_area

pytestmark = pytest.mark.browser
EVERY_EVENT = "/?undated=true"
# Each outlined area's events, as its path names them (in `doc`: the page or the map's frame).
OUTLINED_JS = """doc => Array.from(doc.querySelectorAll('path.atlas-wide-outline'),
                                    p => Number(p.getAttribute('data-events'))).sort()"""
LIVE_OUTLINED_JS = f"""() => ({OUTLINED_JS})(
    document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentDocument)"""
FILE_OUTLINED_JS = f"() => ({OUTLINED_JS})(document)"


def _pointed_and_not(data) -> tuple[int, int]:
    """(events drawn as points, events with no point) of every event, as the page shows."""
    wide = md.no_point_mask(data.frame, data.areas)
    return int((~wide).sum()), int(wide.sum())


def _download_view(page, tmp_path, sent):
    got = download(page, "Download this view as HTML", sent)
    path = tmp_path / got.suggested_filename
    got.save_as(path)
    return path


def _open_offline(page, path) -> list[str]:
    """Opens a saved file from disk with every request but file: and data: refused."""
    refused: list[str] = []

    def block(route):
        refused.append(route.request.url)
        route.abort()

    page.route(lambda url: not url.startswith(("file:", "data:")), block)
    page.goto(path.as_uri())
    return refused


@SIZES
def test_the_downloaded_copy_outlines_the_areas_as_the_page_does(
    watched_page, app_url, tmp_path, size, data
):
    pointed, no_point = _pointed_and_not(data)
    assert no_point > 0 and pointed > 0  # the seeds hold both: the checks below can fail
    page = watched_page
    sent = SentMessages(page)
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url + EVERY_EVENT)
    wait_for_markers(page, pointed + no_point)
    live_box = page.frame_locator(MAP).locator(".atlas-no-point-box summary")
    expect(live_box).to_have_text(f"{no_point} events with no point")
    live = page.evaluate(LIVE_OUTLINED_JS)
    assert sum(live) == no_point
    path = _download_view(page, tmp_path, sent)
    refused = _open_offline(page, path)
    box = page.locator(".atlas-no-point-box")
    expect(box.locator("summary")).to_have_text(f"{no_point} events with no point")
    expect(page.locator("path.atlas-wide-outline")).to_have_count(len(live))
    assert page.evaluate(FILE_OUTLINED_JS) == live  # the same areas with the same counts
    # As on the page: open on a laptop's map, folded on a phone's (its rows one tap away).
    rows = box.locator(".atlas-no-point-row")
    expect(rows).to_have_count(len(live))
    if size == "390x844":
        expect(rows.first).to_be_hidden()
        box.locator("summary").click()
    expect(rows.first).to_be_visible()
    expect(page.locator("path.atlas-event")).to_have_count(pointed)  # none at a stand-in
    page.locator("#map").scroll_into_view_if_needed()
    screenshot(page, f"offline-no-point-areas-{size}")
    assert refused == [] and page.errors == []


def test_an_areas_name_from_data_stays_text_in_the_box_and_on_its_outline(
    watched_page, tmp_path, data
):
    hostile = hostile_area(data)
    path = tmp_path / "view.html"
    path.write_text(offline_html(hostile, hostile.frame, "x"), encoding="utf-8")
    page, dialogs = watched_page, []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.set_viewport_size(VIEWPORTS["1280x720"])
    refused = _open_offline(page, path)
    row = page.locator(".atlas-no-point-row", has_text="<img src=x onerror=alert(1)>")
    expect(row).to_have_count(1)
    named = "2 events placed only anywhere in <img src=x onerror=alert(1)>"
    expect(page.locator("path.atlas-wide-outline").first).to_have_attribute("aria-label", named)
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == [] and refused == [] and page.errors == []
