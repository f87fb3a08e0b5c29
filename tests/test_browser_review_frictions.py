"""#25's review-page frictions in Chromium at 1280x720 and 390x844: a pasted article's
candidate corrected (toll), the summary and 'What Accept will write' follow, and the map
beside it has the countries, the border and the towns, not two dots on grey."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo.tools.serve import streamlit_server
from tests.helpers.browser import APP_IDLE, SIZES, VIEWPORTS, screenshot
from tests.helpers.data import ROOT, SEEDS, copy_layers

pytestmark = pytest.mark.browser
ARTICLE = (ROOT / "tests" / "fixtures" / "ingest" / "russian_two_incidents.txt").read_text(
    encoding="utf-8"
)
MAP = 'iframe[title="streamlit_folium.st_folium"]'


@pytest.fixture(scope="module")
def review_url(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    tmp = tmp_path_factory.mktemp("review")
    layers, seeds = tmp / "layers", tmp / "seeds"
    copy_layers(layers)
    shutil.copytree(SEEDS, seeds)
    env = {"ATLAS_EDIT": "1", "ATLAS_TILES": "none", "ATLAS_LAYERS_DIR": str(layers),
           "ATLAS_SEEDS_DIR": str(seeds), "ATLAS_EDIT_TOKEN": ""}  # fmt: skip
    log = Path(tmp) / "streamlit.log"
    with streamlit_server(env=env, log=log) as url:
        yield url, log


def _idle(page) -> None:
    page.wait_for_selector(APP_IDLE, timeout=60_000)


@SIZES
def test_a_corrected_toll_rebuilds_the_summary_on_a_map_with_context(page, review_url, size):
    url, log = review_url
    page.set_viewport_size(VIEWPORTS[size])
    page.goto(url + "/review")
    area = page.get_by_label("Article text (paste)")
    # The first page a fresh server draws imports the ingest pipeline: slow on a busy
    # machine. Should it never come, say what the page and the server showed instead.
    try:
        area.wait_for(timeout=120_000)
    except Exception as e:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise AssertionError(
            f"no article box at {page.url}: {page.inner_text('body')[:800]}"
            f"\n--- server log ---\n{tail}"
        ) from e
    if size == "1280x720":  # the sidebar open: the menu names the pages as app.py does,
        # also on a fresh server's first request (no pages/ folder: no old multipage mode)
        menu = page.get_by_test_id("stSidebarNav")
        expect(menu.get_by_role("link", name="Review an article")).to_be_visible()
        expect(menu.get_by_role("link", name="Map")).to_be_visible()
        expect(menu.get_by_role("link", name="review", exact=True)).to_have_count(0)
    area.fill(ARTICLE)
    area.press("Control+Enter")
    summary = page.get_by_label("Summary (English)")
    expect(summary).to_have_value(re.compile("2 killed"), timeout=60_000)
    _idle(page)
    # The map beside the candidate: countries, the border and town names (no tiles here).
    frame = page.frame_locator(MAP).first
    expect(frame.locator(".atlas-town").first).to_be_attached(timeout=30_000)
    assert frame.locator("path.leaflet-interactive, path").count() > 3
    expect(frame.get_by_text("Khorugh").first).to_be_attached()
    page.locator(MAP).first.scroll_into_view_if_needed()
    screenshot(page, f"review-map-{size}")
    killed = page.get_by_label("Killed")
    killed.fill("3")
    killed.press("Enter")
    expect(summary).to_have_value(re.compile("3 killed"), timeout=30_000)
    box = page.locator(".atlas-will-write")
    expect(box).to_contain_text("3 killed")
    # 'трое' in the article counts the other incident's wounded: not cited for the dead.
    expect(box).to_contain_text("fatalities: inferred (set by the reviewer to 3")
    box.scroll_into_view_if_needed()
    screenshot(page, f"review-corrected-{size}")
