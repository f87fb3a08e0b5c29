"""Two app replicas on one shared PostGIS store, in Chromium: an event written by an
editor elsewhere appears on both open pages by itself, and a database restarted under
them is said in words, then recovered from, with nothing lost."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo.store.postgis import PostgisStore
from geo.tools import pgcluster
from geo.tools.serve import streamlit_server
from tests.helpers.browser import screenshot
from tests.helpers.pg import fresh_database, pg_cluster  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser
TOTAL = "[data-testid='stMarkdownContainer']:has-text('events shown of')"


@pytest.fixture(scope="module")
def replicas(pg_cluster, tmp_path_factory) -> Iterator[tuple[str, list[str]]]:  # noqa: F811
    """Two replicas of one fresh store, shared by this module's tests (in order: the
    restart comes last)."""
    url = fresh_database(pg_cluster)
    home = tmp_path_factory.mktemp("replicas")
    with (
        streamlit_server(_env(url, home / "a"), log=home / "a.log") as one,
        streamlit_server(_env(url, home / "b"), log=home / "b.log") as two,
    ):
        yield url, [one, two]


def _env(url: str, cache: Path) -> dict[str, str]:
    return {"ATLAS_TILES": "none", "ATLAS_STORE": url, "ATLAS_CACHE_DIR": str(cache)}


def _open(page, url: str) -> None:
    """A replica's first page: its first run reads the store, which may take a while on a
    busy machine (wait for the count line, not for a fixed time)."""
    page.goto(url)
    expect(page.locator(TOTAL).first).to_be_visible(timeout=120_000)


def _total(text: str) -> int:
    return int(text.rsplit("of", 1)[1].strip().rstrip(".").replace(",", ""))


def _accept_elsewhere(url: str, cache: Path, new_id: str) -> None:
    editor = PostgisStore(url, cache)
    editor.sync()
    layer = json.loads((editor.dirs.layers / "incidents.geojson").read_text("utf-8"))
    extra = json.loads(json.dumps(layer["features"][0]))
    extra["properties"]["id"] = new_id
    extra["properties"].pop("related", None)
    layer["features"].append(extra)
    assert editor.write("incidents", layer, expect=None, action="accept", who="ed@x") == []


def test_an_accepted_event_appears_on_both_replicas_by_itself(replicas, browser, tmp_path):
    url, servers = replicas
    pages = [browser.new_page(viewport={"width": 1280, "height": 720}) for _ in servers]
    totals = []
    for page, server in zip(pages, servers, strict=True):
        _open(page, server)
        totals.append(_total(page.locator(TOTAL).first.inner_text()))
    assert totals[0] == totals[1] > 0
    _accept_elsewhere(url, tmp_path / "editor", "team-accepted-1")
    for page in pages:  # no click, no reload: the page follows the store
        expect(page.locator(TOTAL).first).to_contain_text(f"of {totals[0] + 1:,}", timeout=20_000)
    screenshot(pages[1], "team-replica-after-accept")


def test_a_database_restart_is_said_and_recovered_from(replicas, pg_cluster, browser):  # noqa: F811
    _, servers = replicas
    page = browser.new_page(viewport={"width": 390, "height": 844})
    _open(page, servers[0])
    total = _total(page.locator(TOTAL).first.inner_text())
    pgcluster.stop(pg_cluster.directory)
    try:
        alert = page.locator("[data-testid='stAlert']:has-text('cannot be reached')")
        expect(alert).to_be_visible(timeout=20_000)
        expect(page.locator(TOTAL).first).to_contain_text(f"of {total:,}")  # still shown
        screenshot(page, "team-store-unavailable-390x844")
    finally:
        pgcluster.start(pg_cluster.directory, port=pg_cluster.port, fast=True)
    expect(alert).to_have_count(0, timeout=20_000)
    expect(page.locator(TOTAL).first).to_contain_text(f"of {total:,}")
