"""Issue 14 in a real browser: a folder of every culprit and a crafted link, one page.

The good layers are drawn, each culprit is named, the link's bad parts give a note
instead of an error page, and Markdown in a layer's name fetches nothing.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from geo.tools.serve import streamlit_server
from tests.helpers.browser import APP_IDLE, EVENTS, marker_count, open_app
from tests.helpers.untrusted import CULPRITS, MARKUP, layer_text, make_mix, real_feature

# pytest-timeout: a hang fails (the first test also starts this module's server).
pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
LINK = "/?near_km=inf&actors=Martians&dates=1e400&q=" + "x" * 5000


@pytest.fixture(scope="module")
def mix_url(tmp_path_factory):
    layers, seeds = make_mix(tmp_path_factory.mktemp("browser-mix"))
    markup = layer_text(real_feature("markup-layer-event"), name=MARKUP)
    (layers / "markup.geojson").write_text(markup, encoding="utf-8")
    env = {"ATLAS_TILES": "none", "ATLAS_LAYERS_DIR": str(layers), "ATLAS_SEEDS_DIR": str(seeds)}
    with streamlit_server(env=env) as url:
        yield url


def test_every_culprit_and_a_crafted_link_on_one_page(watched_page, mix_url):
    page = watched_page
    open_app(page, mix_url + LINK)
    assert marker_count(page, len(EVENTS) + 1) == len(EVENTS) + 1
    main = page.locator("[data-testid='stMain']")
    expect(main).to_contain_text("Ignored from the link", timeout=30_000)
    body = main.inner_text()
    for name in CULPRITS:
        assert name in body, f"the page never names {name}"
    for word in ("Traceback", "OverflowError", "This app has encountered an error"):
        assert word not in body
    assert len(body) < 60_000


def test_markdown_in_a_layer_name_is_shown_as_text_in_the_help(watched_page, mix_url):
    page = watched_page
    open_app(page, mix_url)
    layers = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(
        has_text="Layers"
    )
    layers.locator("[data-testid='stTooltipHoverTarget']").hover()
    tooltip = page.locator("[data-testid='stTooltipContent']")
    expect(tooltip).to_contain_text("![t](http://host.invalid/x.png)", timeout=15_000)
    expect(tooltip).to_contain_text("<img src=x onerror=alert(1)>")
    assert tooltip.locator("img").count() == 0
    page.wait_for_selector(APP_IDLE, timeout=30_000)
    assert [u for u in page.requests if "host.invalid" in u] == []
