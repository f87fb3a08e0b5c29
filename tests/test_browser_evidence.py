"""In the running app: clicking a fact lights the words that back it in the excerpt."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import open_app

pytestmark = pytest.mark.browser
ATTACK = "attack-workers-chinese-tajik-company-2025-11-27"
HIGHLIGHT = "rgb(255, 213, 79)"


def test_five_killed_lights_up_in_the_dari_excerpt(watched_page, app_url):
    open_app(watched_page, f"{app_url}/?event={ATTACK}")
    row = watched_page.locator("table.atlas-facts tr", has_text="Fatalities")
    link = row.locator("a.atlas-ev-link").first
    expect(link).to_be_visible(timeout=30_000)
    words = watched_page.locator(
        "blockquote.atlas-excerpt[lang='fa'] mark.atlas-ev", has_text="پنج کارگر"
    )
    expect(words).to_have_count(1)
    link.hover()
    expect(words).to_have_css("background-color", HIGHLIGHT)
    watched_page.mouse.move(0, 0)
    link.click()
    expect(words).to_have_css("background-color", HIGHLIGHT)
    assert watched_page.url.endswith(link.get_attribute("href"))
