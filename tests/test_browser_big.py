"""A big layer (imported, over the app's BIG_DATA) in Chromium: server-counted bubbles,
single markers once zoomed in, and a click that opens what the dataset cites."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench.generate import write_csv
from geo.importers.__main__ import main as import_main
from geo.tools.serve import streamlit_server
from tests.helpers.browser import (
    MAP,
    MARKERS,
    open_app,
    screenshot,
    wait_for_any_clickable,
    wait_for_selected,
    wait_for_settled,
)
from tests.helpers.data import SEEDS, copy_layers

ROWS = 3_500  # over ui.mapview.BIG_DATA: the server counts events per cell


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> dict:
    """The shipped layers plus ROWS generated UCDP rows imported, served by the app."""
    root = tmp_path_factory.mktemp("big")
    layers, data = root / "layers", root / "data"
    copy_layers(layers)
    rows = write_csv(ROWS, root / "generated.csv", seed=5)
    args = ["ucdp", str(rows), "--out", str(layers / "generated.geojson"), "--version", "bench"]
    args += ["--layers", str(layers), "--data", str(data), "--seeds", str(SEEDS)]
    assert import_main(args) == 0
    env = {"ATLAS_TILES": "none", "ATLAS_LAYERS_DIR": str(layers), "ATLAS_DATA_DIR": str(data)}
    with streamlit_server(env=env, timeout=180) as url:
        yield {"url": url, "spot": _jittered_spot(rows)}


def _jittered_spot(rows: Path) -> tuple[float, float]:
    """(lat, lon) of a generated event placed off its district centre (not stacked)."""
    with rows.open(encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["where_prec"] != "1")
    return float(row["latitude"]), float(row["longitude"])


def _zoom_to(page, lat: float, lon: float, zoom: int = 12) -> None:
    page.frame_locator(MAP).locator(".leaflet-container").wait_for()
    page.evaluate(
        f"([lat, lon, z]) => document.querySelector({MAP!r}).contentWindow.map"
        ".setView([lat, lon], z)",
        [lat, lon, zoom],
    )


@pytest.mark.browser
def test_bubbles_then_markers_then_the_citation(page, big):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_app(page, big["url"])
    bubbles = page.frame_locator(MAP).locator(".atlas-cluster-icon")
    expect(bubbles.first).to_be_attached(timeout=60_000)  # zoomed out: counted per cell
    assert page.frame_locator(MAP).locator(MARKERS).count() <= 1  # the far-off Moscow only
    # Each counted cell says what it holds and what Enter does: zoom in, or list the
    # events of a cell no zoom splits (one point: a lone event's cell too).
    # Read every title in one step once the map has settled: a redraw between reading
    # the bubbles and their titles (a counted page arriving) would lose a locator.
    wait_for_settled(page)
    titles = (
        page.frame_locator(MAP)
        .locator("body")
        .evaluate("b => [...b.querySelectorAll('.atlas-cluster-icon')].map(e => e.title || '')")
    )
    assert titles, "no counted bubble drawn"
    for title in titles:
        found = re.fullmatch(r"([\d,]+) events? \(.+\): Enter (zooms in|lists its events)", title)
        assert found, title
        assert (found[1] == "1") == (" event " in title), title  # "1 event", "2 events"
    assert any(t.endswith("Enter zooms in") for t in titles), titles
    _zoom_to(page, *big["spot"])
    # The view is reported; the server sends the single markers it holds, as SVG.
    page.frame_locator(MAP).locator(MARKERS).first.wait_for(state="attached", timeout=30_000)
    wait_for_settled(page)
    target = wait_for_any_clickable(page)
    # The map's foot lies below the fold here (a three-line head over it at 1280x720): the
    # mousedown that focuses the map must not scroll the page under the pointer (the click
    # was lost: static/atlas/clicks.js).
    below = page.evaluate(f"document.querySelector({MAP!r}).getBoundingClientRect().bottom")
    scrolled = page.evaluate("window.scrollY")
    page.mouse.move(target["x"], target["y"])
    page.mouse.down()
    assert page.evaluate("window.scrollY") == scrolled, (below, scrolled)
    page.mouse.up()
    wait_for_selected(page, target["id"])
    assert target["id"].startswith("ucdp-ged-")
    expect(page.get_by_text(re.compile(r"^What UCDP GED bench cites — row \d+"))).to_be_visible()
    screenshot(page, "big-layer-citation-1280x720")
