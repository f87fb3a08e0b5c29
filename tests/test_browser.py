"""Real-browser tests: Playwright driving Debian's Chromium against `streamlit run`."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from geo.view.piles import FAN_MAX
from tests.helpers.browser import (
    APP_IDLE,
    ARTIFACTS,
    CIRCLES,
    EVENTS,
    LOCAL,
    MAP,
    marker_count,
    open_app,
    wait_for_clickable,
    wait_for_markers,
    wait_for_settled,
)
from tests.helpers.data import overlaps

pytestmark = pytest.mark.browser


def test_default_view_offline(watched_page, app_url):
    open_app(watched_page, app_url)
    assert marker_count(watched_page, len(EVENTS)) == len(EVENTS)
    frame = watched_page.frame_locator(MAP)
    assert frame.locator("path[stroke='#b30000']").count() >= 1, "border line not drawn"
    assert frame.locator(".atlas-country", has_text="TAJIKISTAN").count() == 1
    assert frame.locator("path[fill='#f3efe4']").count() >= 2, "TJK/AFG not filled"
    circles = {e["geometry_key"][1:] for e in CIRCLES}  # one circle per place and radius
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


def _expected_in(start: str, end: str) -> int:
    return sum(overlaps(e, start, end) for e in EVENTS)


def test_date_preset_narrows_to_dated_events(watched_page, app_url):
    open_app(watched_page, app_url)
    marker_count(watched_page, len(EVENTS))
    watched_page.get_by_role("button", name="Last 90 days").click()
    last = max(e["date_end"] for e in EVENTS if e["date_end"])
    first = (dt.date.fromisoformat(last) - dt.timedelta(days=89)).isoformat()
    expected = _expected_in(first, last)
    wait_for_markers(watched_page, expected)
    assert 0 < expected < len(EVENTS)
    watched_page.wait_for_function("location.search.includes('dates=')", timeout=15_000)
    assert parse_qs(urlparse(watched_page.url).query)["dates"] == [first, last]


def test_timeline_drag_selects_a_range(watched_page, app_url):
    open_app(watched_page, app_url)
    marker_count(watched_page, len(EVENTS))
    chart = watched_page.locator("[class*='st-key-timeline-'] .marks").first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    y = box["y"] + box["height"] / 2
    watched_page.mouse.move(box["x"] + box["width"] * 0.5, y)
    watched_page.mouse.down()
    watched_page.mouse.move(box["x"] + box["width"] * 0.99, y, steps=8)
    watched_page.mouse.up()
    watched_page.wait_for_function("location.search.includes('dates=')", timeout=20_000)
    start, end = parse_qs(urlparse(watched_page.url).query)["dates"]
    wait_for_markers(watched_page, _expected_in(start, end))
    assert marker_count(watched_page) < len(EVENTS)
    # A second drag narrows the range (the first brush is gone; it used to cover the
    # zoomed chart, so a drag moved it instead).
    watched_page.wait_for_selector(APP_IDLE, timeout=30_000)
    chart = watched_page.locator("[class*='st-key-timeline-'] .marks").first
    chart.scroll_into_view_if_needed()  # the page above it may have changed height
    box = chart.bounding_box()
    y = box["y"] + box["height"] / 2
    watched_page.mouse.move(box["x"] + box["width"] * 0.45, y)
    watched_page.mouse.down()
    watched_page.mouse.move(box["x"] + box["width"] * 0.7, y, steps=8)
    watched_page.mouse.up()
    watched_page.wait_for_function(
        "d => new URLSearchParams(location.search).getAll('dates').join() !== d",
        arg=f"{start},{end}",
        timeout=20_000,
    )
    start2, end2 = parse_qs(urlparse(watched_page.url).query)["dates"]
    days = (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days
    days2 = (dt.date.fromisoformat(end2) - dt.date.fromisoformat(start2)).days
    assert start <= start2 <= end2 <= end and days2 < days / 2, (start, end, start2, end2)


def test_click_marker_shows_dari_excerpt(watched_page, app_url):
    # An event with a point (the gold-mine firefight is placed only in the border band:
    # drawn as that band, no marker), reported in Dari.
    gold = next(e for e in EVENTS if e["id"] == "meeting-tajik-delegation-kabul-2025-11-15")
    assert gold["sources"][0]["lang"] == "fa" and not gold.get("uncertainty")
    query = "?types=Meeting&dates=2025-11-15&dates=2025-11-15&undated=false"
    open_app(watched_page, app_url + "/" + query)
    expected = sum(
        e["event_type"] == "Meeting" and overlaps(e, *["2025-11-15"] * 2) for e in EVENTS
    )
    assert marker_count(watched_page, expected) == expected
    watched_page.wait_for_selector(APP_IDLE, timeout=60_000)  # the page's run done
    wait_for_settled(watched_page)  # and the map still: a click lands on the marker
    spot = wait_for_clickable(watched_page, gold["id"])
    watched_page.mouse.click(spot["x"], spot["y"])
    quote = watched_page.locator("blockquote.atlas-excerpt").first
    quote.wait_for(timeout=60_000)
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
    battles = [e for e in EVENTS if e["event_type"] == "Battles"]
    # The table opens newest first (the feed's order): undated last, ties by id.
    battles.sort(key=lambda e: e.get("date_end") or "", reverse=True)
    battles.sort(key=lambda e: e.get("date_start") or "", reverse=True)
    battles.sort(key=lambda e: not e.get("date_start"))
    table = watched_page.locator("[data-testid='stDataFrame']").first
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    row_height = 35  # glide-data-grid default; the header is one row tall
    watched_page.mouse.click(box["x"] + 18, box["y"] + row_height * 2 + row_height / 2)
    watched_page.wait_for_function("location.search.includes('event=')", timeout=15_000)
    assert parse_qs(urlparse(watched_page.url).query)["event"] == [battles[1]["id"]]
    heading = watched_page.get_by_role("heading", name=battles[1]["title"])
    heading.wait_for(timeout=15_000)
    wait_for_markers(watched_page, len(battles))  # the view moves to the event: let it settle


def test_clustered_marker_is_reachable_and_first_click_selects_it(page, app_url):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_app(page, app_url)
    marker_count(page, len(EVENTS))
    frame = page.frame_locator(MAP)
    gold = "site-russian-201st-base-bokhtar"  # a point (the firefight is a band: no marker)
    # Click the bubble that holds the event until it is a marker of its own (zoom, fan-out).
    for _ in range(8):
        if page.evaluate(_MARK_TARGET_JS, gold) == "marker":
            break
        frame.locator("[data-atlas-target]").click()
        wait_for_settled(page, timeout=10_000)  # zoom or fan-out finished
    assert page.evaluate(_MARK_TARGET_JS, gold) == "marker", "the event never became clickable"
    frame.locator("[data-atlas-target]").click()  # one real click, no force
    page.wait_for_function("location.search.includes('event=')", timeout=15_000)
    assert parse_qs(urlparse(page.url).query)["event"] == [gold]
    heading = page.get_by_role("heading", name=next(e["title"] for e in EVENTS if e["id"] == gold))
    expect(heading).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "selected-1280x720.png"))


# Find the event's marker in the cluster group and mark what to click: the marker itself
# when it is drawn (alone or fanned out), else the drawn bubble that holds it.
_MARK_TARGET_JS = """id => {
    const w = document.querySelector('iframe[title="streamlit_folium.st_folium"]').contentWindow;
    const doc = w.document;
    doc.querySelectorAll('[data-atlas-target]')
        .forEach(e => e.removeAttribute('data-atlas-target'));
    let group = null;
    w.map.eachLayer(l => { if (l instanceof w.L.MarkerClusterGroup) { group = l; } });
    const marker = group.getLayers().find(m => m.feature.properties.id === id);
    if (w.map.hasLayer(marker)) {  // drawn: on its own, or fanned out of its bubble
        marker.getElement().setAttribute('data-atlas-target', '1');
        return 'marker';
    }
    // markercluster's public answer: the drawn bubble that holds the marker.
    group.getVisibleParent(marker).getElement().setAttribute('data-atlas-target', '1');
    return 'cluster';
}"""


def test_phone_layout_shows_the_map_first(page, app_url):
    page.set_viewport_size({"width": 390, "height": 844})
    open_app(page, app_url)
    marker_count(page, len(EVENTS))
    map_box = page.locator(MAP).bounding_box()
    picker = page.get_by_text("Selected event").first.bounding_box()
    assert map_box["width"] >= 330 and map_box["y"] < picker["y"]
    # Nothing selected: the panel holds the feed in the page's flow, as tall as what it
    # holds (no fixed box, no screenful of blank below it).
    empty_panel = page.locator(".st-key-panel-none")
    feed = empty_panel.locator(".st-key-feed")
    expect(feed).to_be_visible()
    box, last = empty_panel.bounding_box(), page.locator(".st-key-feed-older").bounding_box()
    assert box["y"] + box["height"] - (last["y"] + last["height"]) < 60
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "phone-390x844.png"))


@pytest.mark.browser
def test_a_cluster_bubble_says_what_it_holds(page, app_url):
    """Its title (the name a screen reader gives the focused bubble) counts its events."""
    open_app(page, app_url)
    marker_count(page, len(EVENTS))
    bubbles = page.frame_locator(MAP).locator(".atlas-cluster-icon")
    expect(bubbles.first).to_be_attached()
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    wait_for_settled(page)
    # Every bubble read in one step: a redraw between a count and a read of the nth bubble
    # could swap the bubbles under the loop.
    drawn = bubbles.evaluate_all(
        "els => els.map(e => [e.title, e.innerText.trim(), e.getAttribute('tabindex')])"
    )
    assert drawn
    for title, text, tabindex in drawn:
        # A bubble no zoom splits (more than FAN_MAX events on one point) lists them.
        found = re.fullmatch(
            r"([\d,]+) events \((.+)\): Enter (zooms in.*|lists its events)", title
        )
        assert found, title
        assert found[3] != "lists its events" or int(found[1].replace(",", "")) > FAN_MAX
        total = int(found[1].replace(",", ""))
        parts = [re.fullmatch(r"([\d,]+) (.+)", p) for p in found[2].split(", ")]
        assert all(parts) and sum(int(p[1].replace(",", "")) for p in parts) == total
        assert text == f"{total:,}"  # the number drawn on it
        assert tabindex in ("0", "-1")  # focusable (-1: out of view)
