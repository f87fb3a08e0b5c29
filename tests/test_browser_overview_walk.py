"""#25's walk, the overview in Chromium at 1280x720 and 390x844: each actor's killed is
read beside its bar (it was only in a hover tooltip, which a phone cannot show), and the
words fit inside the chart; beside Khatlon no other province reads '0 + 5'."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import SIZES, VIEWPORTS, open_app, screenshot

pytestmark = pytest.mark.browser

# Every text of a chart's SVG, and whether it lies inside the chart's own box.
_WORDS_JS = """(chart) => {
    const box = chart.getBoundingClientRect();
    return [...chart.querySelectorAll('svg text')].map(t => {
        const r = t.getBoundingClientRect();
        return {text: t.textContent, inside: r.left >= box.left - 1 && r.right <= box.right + 1};
    });
}"""


def _chart(page, title: str):
    return page.locator("[data-testid='stVegaLiteChart']").filter(has_text=title)


@SIZES
def test_killed_per_actor_is_read_beside_each_bar(page, app_url, size):
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, app_url + "/?dates=2025-10-01&dates=2025-12-31&undated=false")
    actors = _chart(page, "By whom")
    actors.scroll_into_view_if_needed()
    expect(actors.locator("svg text", has_text=" killed").first).to_be_attached(timeout=30_000)
    words = actors.evaluate(_WORDS_JS)
    ends = [w for w in words if w["text"].endswith(" killed")]
    assert ends and all(w["inside"] for w in ends), ends
    assert any(w["text"].startswith("Taliban") for w in words)  # the bars' names too
    screenshot(page, f"overview-actors-{size}")


@SIZES
def test_beside_khatlon_no_other_province_reads_zero_plus_its_band(page, app_url, size):
    page.set_viewport_size(VIEWPORTS[size])
    query = "dates=2025-10-01&dates=2025-12-31&undated=false&area=Khatlon&area_wide=true"
    open_app(page, app_url + "/?" + query)
    provinces = _chart(page, "By province")
    provinces.scroll_into_view_if_needed()
    expect(provinces.locator("svg text", has_text="Khatlon").first).to_be_attached(timeout=30_000)
    names = [w["text"] for w in provinces.evaluate(_WORDS_JS)]
    assert any(n.startswith("0 + ") for n in names)  # Khatlon's own: its band's events
    assert sum(n.startswith("0 + ") for n in names) == 1, names
    screenshot(page, f"overview-khatlon-{size}")
