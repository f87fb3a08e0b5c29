"""A replica on a shared PostGIS store, in Chromium: a database restarted under it is said
in plain words (a viewer never sees the driver's message: it goes to the server's log, and
to an editor under a "Details" fold), then recovered from with nothing lost, and an event
an editor writes elsewhere afterwards appears on the open page by itself. (Two replicas
and two signed-in editors writing at once, each seen on both open pages:
tests/test_team_signin_browser.py.)"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo.store.pg import safe_url
from geo.store.postgis import PostgisStore
from geo.tools import pgcluster
from geo.tools.serve import streamlit_server
from tests.helpers.browser import MAP, screenshot
from tests.helpers.counted import COUNT_LINE, open_counted
from tests.helpers.pg import accept_copy, fresh_database

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def replica(pg_cluster, tmp_path_factory) -> Iterator[tuple[str, str, Path, str]]:
    """Two replicas of a fresh store, a viewer's (editing off) and an editor's (editing on,
    at this machine): the store's URL, the viewer's replica, its log, the editor's replica."""
    url = fresh_database(pg_cluster)
    home = tmp_path_factory.mktemp("replica")
    env = {"ATLAS_TILES": "none", "ATLAS_STORE": url, "ATLAS_CACHE_DIR": str(home / "cache")}
    edit = {**env, "ATLAS_EDIT": "1", "ATLAS_CACHE_DIR": str(home / "edit-cache")}
    with (
        streamlit_server(env, log=home / "app.log") as app,
        streamlit_server(edit, log=home / "edit.log") as editing,
    ):
        yield url, app, home / "app.log", editing


# The driver's words, which only the log and an editor's fold may hold.
DRIVER_WORDS = re.compile(r"postgresql://|connection|server closed|refused|psycopg|FATAL", re.I)
PLAIN = re.compile(
    r"The atlas's database cannot be reached; what you see was loaded at \d\d:\d\d; "
    r"it retries by itself"
)


# A mark in the map's page, gone if the map is made anew.
_MARK = "sel => { document.querySelector(sel).contentWindow.atlasMark = 1; }"
_MARKED = "sel => document.querySelector(sel).contentWindow.atlasMark === 1"


def test_a_database_restart_is_said_and_recovered_from(replica, pg_cluster, browser, tmp_path):
    url, app, log, editing = replica
    page = browser.new_page(viewport={"width": 390, "height": 844})
    total = open_counted(page, app)
    editor = browser.new_page(viewport={"width": 1280, "height": 720})
    open_counted(editor, editing)
    count = page.locator(COUNT_LINE).first
    page.frame_locator(MAP).locator(".leaflet-container").wait_for()
    page.evaluate(_MARK, MAP)
    pgcluster.stop(pg_cluster.directory)
    try:
        alert = page.locator("[data-testid='stAlert']:has-text('cannot be reached')")
        expect(alert).to_be_visible()
        expect(count).to_contain_text(f"of {total:,}")  # the atlas still shown
        # A viewer reads plain words: when what they see was loaded, that it retries; not
        # the driver's message, and no fold for it.
        expect(alert).to_contain_text(PLAIN)
        expect(alert).not_to_contain_text(DRIVER_WORDS)
        expect(page.get_by_text("Details for editors")).to_have_count(0)
        # The notice took its kept place: the map was not made anew under it (it was, and
        # stood blank while it reloaded).
        assert page.evaluate(_MARKED, MAP)
        screenshot(page, "team-store-unavailable-390x844")
        # The driver's message is in the server's log, once (not again on every rerun:
        # the page reruns each second; only a new message is logged again).
        where = safe_url(url)
        said = [
            line[line.index(where) :]
            for line in log.read_text(errors="replace").splitlines()
            if where in line
        ]
        assert said and "unavailable" in said[0], said
        assert all(a != b for a, b in itertools.pairwise(said)), said
        # An editor at this machine reads the same words, and the message in a fold.
        ed_alert = editor.locator("[data-testid='stAlert']:has-text('cannot be reached')")
        expect(ed_alert).to_contain_text(PLAIN)
        expect(ed_alert).to_contain_text("Editing waits until then.")
        editor.get_by_text("Details for editors").click()
        expect(editor.get_by_text(where)).to_be_visible()
        screenshot(editor, "team-store-unavailable-editor-1280x720")
    finally:
        pgcluster.start(pg_cluster.directory, port=pg_cluster.port, fast=True)
    expect(alert).to_have_count(0)
    expect(count).to_contain_text(f"of {total:,}")  # nothing lost
    accept_copy(PostgisStore(url, tmp_path / "editor"), "after-restart-1", who="ed@x")
    expect(count).to_contain_text(f"of {total + 1:,}")  # followed again: no click, no reload
    screenshot(page, "team-replica-after-restart-and-accept-390x844")
