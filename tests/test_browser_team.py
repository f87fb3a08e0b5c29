"""Two app replicas on one shared PostGIS store, in Chromium: an event written by an
editor elsewhere appears on both open pages by itself, and a database restarted under
them is said in words, then recovered from, with nothing lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo.store.postgis import PostgisStore
from geo.tools import pgcluster
from geo.tools.serve import streamlit_server
from tests.helpers.browser import screenshot
from tests.helpers.counted import COUNT_LINE, open_counted
from tests.helpers.pg import accept_copy, fresh_database

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def replicas(pg_cluster, tmp_path_factory) -> Iterator[tuple[str, list[str]]]:
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


def test_an_accepted_event_appears_on_both_replicas_by_itself(replicas, browser, tmp_path):
    url, servers = replicas
    pages = [browser.new_page(viewport={"width": 1280, "height": 720}) for _ in servers]
    totals = []
    for page, server in zip(pages, servers, strict=True):
        totals.append(open_counted(page, server))
    assert totals[0] == totals[1] > 0
    accept_copy(PostgisStore(url, tmp_path / "editor"), "team-accepted-1", who="ed@x", expect=False)
    for page in pages:  # no click, no reload: the page follows the store
        expect(page.locator(COUNT_LINE).first).to_contain_text(
            f"of {totals[0] + 1:,}", timeout=20_000
        )
    screenshot(pages[1], "team-replica-after-accept")


def test_a_database_restart_is_said_and_recovered_from(replicas, pg_cluster, browser):
    _, servers = replicas
    page = browser.new_page(viewport={"width": 390, "height": 844})
    total = open_counted(page, servers[0])
    pgcluster.stop(pg_cluster.directory)
    try:
        alert = page.locator("[data-testid='stAlert']:has-text('cannot be reached')")
        expect(alert).to_be_visible(timeout=20_000)
        expect(page.locator(COUNT_LINE).first).to_contain_text(f"of {total:,}")  # still shown
        screenshot(page, "team-store-unavailable-390x844")
    finally:
        pgcluster.start(pg_cluster.directory, port=pg_cluster.port, fast=True)
    expect(alert).to_have_count(0, timeout=20_000)
    expect(page.locator(COUNT_LINE).first).to_contain_text(f"of {total:,}")
