"""#25 in a real browser at 1280x720 and 390x844, with the real UCDP sample imported: an
imported event whose point cannot tell its district counts where UCDP codes it, as the
district chart's green part ("placed in it as the source codes it"); a click on it sets
the area, and the note above the map says how many events are there as their dataset
codes it. Every wait is on a condition; each test leaves a screenshot to look at."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from geo.importers.__main__ import main as import_main
from geo.tools.serve import streamlit_server
from geo.view import overview as ov
from tests.helpers.browser import SIZES, VIEWPORTS, open_app, screenshot
from tests.helpers.data import ROOT, SEEDS, copy_layers

pytestmark = pytest.mark.browser
UCDP = ROOT / "data" / "ucdp_ged231_sample_afg_tjk.csv"
EVERY_DATE = "dates=1989-01-01&dates=2025-12-31&undated=false"


@pytest.fixture(scope="module")
def ucdp_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on the shipped layers plus the UCDP sample imported as GeoParquet."""
    tmp = tmp_path_factory.mktemp("ucdp-app")
    layers, data = copy_layers(tmp / "layers", compiled=False), tmp / "data"
    args = ["ucdp", str(UCDP), "--out", str(layers / "ucdp.parquet"), "--layers", str(layers)]
    assert import_main([*args, "--data", str(data), "--seeds", str(SEEDS)]) == 0
    env = {"ATLAS_TILES": "none", "ATLAS_LAYERS_DIR": str(layers), "ATLAS_DATA_DIR": str(data)}
    with streamlit_server(env=env, timeout=180, log=tmp / "streamlit.log") as url:
        yield url


def _fields(label: str) -> dict[str, str]:
    return dict(part.split(": ", 1) for part in label.split("; "))


@SIZES
def test_a_district_the_dataset_codes_is_a_green_part_that_sets_the_area(page, ucdp_url, size):
    page.set_viewport_size(VIEWPORTS[size])
    open_app(page, f"{ucdp_url}/?{EVERY_DATE}")
    chart = page.locator("[class*='st-key-ov-district']")
    coded = chart.locator(f"path[aria-label*='part: {ov.CODED};']")
    expect(coded.first).to_be_attached(timeout=60_000)
    sangin = chart.locator(
        f"path[aria-label*='label: Sangīn (Helmand);'][aria-label*='{ov.CODED}']"
    )
    fields = _fields(sangin.get_attribute("aria-label") or "")
    assert int(fields["events"]) >= 1 and fields["district"] == "Sangīn (Helmand)"
    sangin.scroll_into_view_if_needed()
    sangin.hover()
    screenshot(page, f"coded-district-chart-{size}")
    sangin.click()
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('area') === 'Helmand / Sangīn'",
        timeout=30_000,
    )
    note = page.get_by_text(
        re.compile(r"placed in Sangīn \(Helmand\), .*as their dataset codes it")
    )
    expect(note.first).to_be_visible(timeout=30_000)
    note.first.scroll_into_view_if_needed()
    screenshot(page, f"coded-district-note-{size}")
