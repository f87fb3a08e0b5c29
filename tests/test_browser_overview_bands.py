"""#25 in a real browser at 1280x720 and 390x844: Khatlon's autumn, placed by the sources
only in the border band that overlaps it, is found from the overview's province chart
(the lighter part of its bar) and from a click on 'Not known' (which explains and offers
the province with those events); both set the link's area and area_wide."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from geo.view import overview as ov
from tests.helpers.browser import VIEWPORTS, open_app, screenshot

pytestmark = pytest.mark.browser
SIZES = pytest.mark.parametrize("size", list(VIEWPORTS))
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


@SIZES
def test_khatlons_lighter_bar_shows_its_band_events(page, app_url, size):
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, f"{app_url}/?{Q4}")
    band = _part(page, "Khatlon", ov.OVERLAP)
    band.scroll_into_view_if_needed()
    expect(band).to_have_count(1)
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
