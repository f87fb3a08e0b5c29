"""A replica on a shared PostGIS store, in Chromium: a database restarted under it is said
in words, then recovered from with nothing lost, and an event an editor writes elsewhere
afterwards appears on the open page by itself. (Two replicas and two signed-in editors
writing at once, each seen on both open pages: tests/test_team_signin_browser.py.)"""

from __future__ import annotations

from collections.abc import Iterator

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
def replica(pg_cluster, tmp_path_factory) -> Iterator[tuple[str, str]]:
    """One replica of a fresh store: the store's URL and the replica's."""
    url = fresh_database(pg_cluster)
    home = tmp_path_factory.mktemp("replica")
    env = {"ATLAS_TILES": "none", "ATLAS_STORE": url, "ATLAS_CACHE_DIR": str(home / "cache")}
    with streamlit_server(env, log=home / "app.log") as app:
        yield url, app


def test_a_database_restart_is_said_and_recovered_from(replica, pg_cluster, browser, tmp_path):
    url, app = replica
    page = browser.new_page(viewport={"width": 390, "height": 844})
    total = open_counted(page, app)
    count = page.locator(COUNT_LINE).first
    pgcluster.stop(pg_cluster.directory)
    try:
        alert = page.locator("[data-testid='stAlert']:has-text('cannot be reached')")
        expect(alert).to_be_visible()
        expect(count).to_contain_text(f"of {total:,}")  # the atlas still shown
        screenshot(page, "team-store-unavailable-390x844")
    finally:
        pgcluster.start(pg_cluster.directory, port=pg_cluster.port, fast=True)
    expect(alert).to_have_count(0)
    expect(count).to_contain_text(f"of {total:,}")  # nothing lost
    accept_copy(PostgisStore(url, tmp_path / "editor"), "after-restart-1", who="ed@x")
    expect(count).to_contain_text(f"of {total + 1:,}")  # followed again: no click, no reload
    screenshot(page, "team-replica-after-restart-and-accept-390x844")
