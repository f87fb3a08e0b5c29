"""Real-browser tests: Playwright driving Debian's Chromium against `streamlit run`."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import (
    ARTIFACTS,
    CIRCLES,
    EVENTS,
    LOCAL,
    MAP,
    MARKERS,
    marker_count,
    open_app,
    wait_for_markers,
)

pytestmark = pytest.mark.browser


def test_default_view_offline(watched_page, app_url):
    open_app(watched_page, app_url)
    assert marker_count(watched_page, len(EVENTS)) == len(EVENTS)
    frame = watched_page.frame_locator(MAP)
    assert frame.locator("path[stroke='#b30000']").count() >= 1, "border line not drawn"
    assert frame.locator(".atlas-country", has_text="TAJIKISTAN").count() == 1
    assert frame.locator("path[fill='#f3efe4']").count() >= 2, "TJK/AFG not filled"
    circles = {(e["geometry_key"]) for e in CIRCLES}
    assert frame.locator("path[fill-opacity='0.06']").count() == len(circles)
    ARTIFACTS.mkdir(exist_ok=True)
    watched_page.screenshot(path=str(ARTIFACTS / "default-view.png"), full_page=True)
    outside = [u for u in watched_page.requests if not LOCAL.match(u)]
    assert outside == [], f"requests left localhost: {outside}"
    assert watched_page.errors == []


def test_actor_filter_changes_markers_and_url(watched_page, app_url):
    open_app(watched_page, app_url)
    marker_count(watched_page, len(EVENTS))
    actors = watched_page.get_by_label("Actors", exact=False).first
    actors.click()
    watched_page.keyboard.type("Taliban")
    watched_page.keyboard.press("Enter")
    watched_page.keyboard.press("Escape")
    expected = sum("Taliban" in e["actors"] for e in EVENTS)
    wait_for_markers(watched_page, expected)
    assert marker_count(watched_page) == expected
    assert parse_qs(urlparse(watched_page.url).query).get("actors") == ["Taliban"]


def test_date_slider_changes_markers(watched_page, app_url):
    open_app(watched_page, f"{app_url}/?undated=false")
    dated = sum(e["date_start"] is not None for e in EVENTS)
    assert marker_count(watched_page, dated) == dated
    thumb = watched_page.locator("[data-testid='stSlider'] input[type='range']").first
    thumb.focus()
    thumb.press("End")  # move the start of the range to the end of the data
    end = max(e["date_end"] for e in EVENTS if e["date_end"])
    # Events ending then, and sites whose period is still open (no valid_to).
    open_sites = sum(1 for e in EVENTS if e.get("valid_from") and not e.get("valid_to"))
    expected = sum(1 for e in EVENTS if e["date_end"] and e["date_end"] >= end) + open_sites
    wait_for_markers(watched_page, expected)
    assert 0 < expected < dated


def test_click_marker_shows_dari_excerpt(watched_page, app_url):
    gold = next(e for e in EVENTS if e["id"] == "firefight-near-gold-mine-panj-2025-10-25")
    query = "?types=Battles&dates=2025-10-25&dates=2025-10-25&undated=false"
    open_app(watched_page, app_url + "/" + query)
    assert marker_count(watched_page, 1) == 1
    watched_page.frame_locator(MAP).locator(MARKERS).first.click(force=True)
    quote = watched_page.locator("blockquote.atlas-excerpt").first
    quote.wait_for(timeout=30_000)
    assert quote.get_attribute("dir") == "rtl" and quote.get_attribute("lang") == "fa"
    assert quote.inner_text().strip() == gold["sources"][0]["excerpt"].strip()
    translation = watched_page.locator("blockquote.atlas-translation").first
    assert translation.inner_text().strip() == gold["sources"][0]["translation"]
    watched_page.wait_for_function("location.search.includes('event=')", timeout=15_000)
    assert parse_qs(urlparse(watched_page.url).query).get("event") == [gold["id"]]
    assert watched_page.errors == []


def test_shared_url_restores_the_view(watched_page, app_url):
    report = "report-reuters-russian-joint-patrols-2025-12-02"
    open_app(watched_page, f"{app_url}/?status=retracted&event={report}")
    expected = sum(e["status"] == "retracted" for e in EVENTS)
    assert marker_count(watched_page, expected) == expected
    heading = watched_page.get_by_role("heading", name=re.compile("Reuters: Tajikistan in talks"))
    expect(heading).to_have_count(1)
    expect(watched_page.locator("blockquote.atlas-excerpt[lang='fa']").first).to_be_visible()


def test_table_row_selects_the_event(watched_page, app_url):
    open_app(watched_page, f"{app_url}/?types=Battles")
    battles = [e for e in EVENTS if e["event_type"] == "Battles"]  # table order = layer order
    table = watched_page.locator("[data-testid='stDataFrame']").first
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    row_height = 35  # glide-data-grid default; the header is one row tall
    watched_page.mouse.click(box["x"] + 18, box["y"] + row_height * 2 + row_height / 2)
    watched_page.wait_for_function("location.search.includes('event=')", timeout=15_000)
    assert parse_qs(urlparse(watched_page.url).query)["event"] == [battles[1]["id"]]
    heading = watched_page.get_by_role("heading", name=battles[1]["title"])
    heading.wait_for(timeout=15_000)
    assert watched_page.frame_locator(MAP).locator(MARKERS).count() == len(battles)
