"""The saved HTML file opened from disk with the network cut: markers click, events with
no point are listed (not drawn at a stand-in point), the Dari excerpt reads."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from geo.dataset import load_dataset
from geo.view import modes as md
from geo.view.offline import offline_html
from tests.helpers.browser import ARTIFACTS
from tests.helpers.data import LAYERS, SEEDS
from tests.helpers.hostile import make_layers, make_seeds

pytestmark = pytest.mark.browser
ATTACK = "attack-workers-chinese-tajik-company-2025-11-27"
SITE = "site-russian-201st-base-dushanbe"  # a point of its own: a marker
HIGHLIGHT = "rgb(255, 213, 79)"


def test_saved_view_opens_offline_and_shows_the_dari_excerpt(watched_page, tmp_path):
    # The hostile layer rides along: no dialog may open, whatever its text says.
    data = load_dataset(
        make_layers(tmp_path / "layers", only="xss_valid.geojson"), make_seeds(tmp_path / "seeds")
    )
    path = tmp_path / "border-atlas-view.html"
    path.write_text(offline_html(data, data.frame, "none (every event)"), encoding="utf-8")
    page, refused, dialogs = watched_page, [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def block(route):
        refused.append(route.request.url)
        route.abort()

    page.route(lambda url: not url.startswith(("file:", "data:")), block)
    page.goto(path.as_uri())
    # The attack is placed only along the border: no marker at its stand-in point (as on
    # the page); the header counts such events and the list opens its panel.
    pointed = int((~md.wide_mask(data.frame)).sum())
    expect(page.locator("path.atlas-event")).to_have_count(pointed)
    expect(page.locator(f"path.atlas-event-{ATTACK}")).to_have_count(0)
    expect(page.locator(".atlas-no-point")).to_contain_text(
        f"{len(data.frame) - pointed} of {len(data.frame)} shown events"
    )
    page.locator(f"#atlas-list a[data-show='{ATTACK}']").click()
    panel = page.locator(f"#panel-{ATTACK}")
    expect(panel).to_be_visible()
    src = data.features[ATTACK].properties.sources[0]
    dari = panel.locator("blockquote.atlas-excerpt[lang='fa']")
    assert dari.inner_text().strip() == src.excerpt.strip()
    # Clicking "five killed" lights its words in the Dari excerpt.
    panel.locator("tr", has_text="Fatalities").locator("a.atlas-ev-link").first.click()
    words = dari.locator("mark.atlas-ev", has_text="پنج کارگر")
    expect(words).to_have_css("background-color", HIGHLIGHT)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "offline-view.png"), full_page=True)
    assert refused == [] and dialogs == [] and page.errors == []
    assert all(u.startswith(("file:", "data:")) for u in page.requests)


def test_saved_view_on_a_phone_puts_the_panel_under_the_map(page, tmp_path):
    data = load_dataset(LAYERS, SEEDS)
    path = tmp_path / "border-atlas-view.html"
    path.write_text(offline_html(data, data.frame, "none (every event)"), encoding="utf-8")
    page.set_viewport_size({"width": 390, "height": 844})
    page.route(lambda url: not url.startswith(("file:", "data:")), lambda r: r.abort())
    page.goto(path.as_uri())
    page.locator(f"path.atlas-event-{SITE}").click(force=True)
    panel = page.locator(f"#panel-{SITE}")
    expect(panel).to_be_visible()
    map_box, panel_box = page.locator("#map").bounding_box(), panel.bounding_box()
    assert panel_box["y"] >= map_box["y"] + map_box["height"] - 1  # below, not beside
    assert panel_box["width"] >= 340  # the page's width, not a 138 px column
    page.screenshot(path=str(ARTIFACTS / "offline-phone-390x844.png"), full_page=True)
