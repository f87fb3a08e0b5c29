"""#25 in a real browser at 1280x720 and 390x844: Khatlon's autumn, placed by the sources
only in the border band that overlaps it, is found from the overview's province chart
(the lighter part of its bar) and from a click on 'Not known' (which explains and offers
the province with those events); both set the link's area and area_wide."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from geo.view import overview as ov
from tests.helpers.browser import SIZES, VIEWPORTS, open_app, screenshot

pytestmark = pytest.mark.browser
Q4 = "dates=2025-10-01&dates=2025-12-31&undated=false"


def _part(page, label: str, part: str):
    chart = "[class*='st-key-ov-province']"
    return page.locator(f"{chart} path[aria-label*='label: {label};'][aria-label*='{part}']")


def _khatlon_with_band(page) -> None:
    page.wait_for_function(
        "() => /area=Khatlon/.test(location.search) && /area_wide=true/.test(location.search)",
        timeout=30_000,
    )
    expect(page.get_by_text(re.compile(r"more, shown too")).first).to_be_visible(timeout=30_000)


def _top_down(page, chart: str) -> list[tuple[str, int]]:
    """(label, events) of each bar of an overview chart, in the order drawn from the top."""
    bars = page.locator(f"[class*='st-key-ov-{chart}'] path[aria-label*='label: ']")
    expect(bars.first).to_be_visible()
    found = []
    for label, y in _labels_and_tops(bars):
        fields = dict(f.split(": ", 1) for f in label.split("; "))
        found.append((y, fields["label"], int(fields["events"])))
    return [(label, n) for _, label, n in sorted(found)]


def _labels_and_tops(marks) -> list[tuple[str, float]]:
    """(aria-label, top) of every mark, read in one step: a chart redrawn between a count
    and a read of the nth mark could swap the marks under a loop."""
    js = "els => els.map(e => [e.getAttribute('aria-label'), e.getBoundingClientRect().y])"
    return [(label, y) for label, y in marks.evaluate_all(js)]


def _bars_top_down(page) -> list[tuple[str, int, int]]:
    """(label, placed, band) of each province bar, in the order drawn from the top."""
    parts = page.locator("[class*='st-key-ov-province'] path[aria-label*='part: ']")
    expect(parts.first).to_be_visible()
    bars: dict[str, list[float]] = {}
    for label, y in _labels_and_tops(parts):
        fields = dict(f.split(": ", 1) for f in label.split("; "))
        bar = bars.setdefault(fields["label"], [float("inf"), 0, 0])
        bar[0] = min(bar[0], y)
        bar[1 if fields["part"] != ov.OVERLAP else 2] += int(fields["events"].replace(",", ""))
    drawn = sorted(bars.items(), key=lambda kv: kv[1][0])
    return [(label, int(b[1]), int(b[2])) for label, b in drawn]


@SIZES
def test_khatlons_lighter_bar_shows_its_band_events(page, app_url, size):
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, f"{app_url}/?{Q4}")
    band = _part(page, "Khatlon", ov.OVERLAP)
    band.scroll_into_view_if_needed()
    expect(band).to_have_count(1)
    # Most events placed in it first, then most overlapping; 'Not known' last.
    drawn = _bars_top_down(page)
    assert drawn[-1][0] == ov.NOT_KNOWN
    known = [(-placed, -wide) for _, placed, wide in drawn[:-1]]
    assert known == sorted(known), drawn
    # The actors too, most events first ('Other actors' last): at 100,000 events Vega drew
    # 416 above 430 when the order was the rows' only.
    actors = _top_down(page, "actor")
    counts = [n for label, n in actors if label != ov.OTHER]
    assert counts == sorted(counts, reverse=True), actors
    screenshot(page, f"overview-bands-{size}")
    band.click()
    _khatlon_with_band(page)
    screenshot(page, f"overview-bands-khatlon-{size}")


@SIZES
def test_not_known_explains_and_offers_khatlon_with_those(page, app_url, size):
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, f"{app_url}/?{Q4}")
    grey = _part(page, "Not known", ov.UNPLACED)
    grey.scroll_into_view_if_needed()
    grey.click()
    note = page.get_by_text(re.compile(re.escape("in no province (")))
    expect(note).to_be_visible(timeout=30_000)
    button = page.get_by_role("button", name=re.compile(r"^Khatlon: \d+$"))
    button.scroll_into_view_if_needed()
    screenshot(page, f"overview-not-known-{size}")
    button.click()
    _khatlon_with_band(page)
