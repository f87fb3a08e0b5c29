"""Editing behind a proxy, in Debian's Chromium (issue 26's high case).

The server listens on 127.0.0.1 with ATLAS_EDIT=1 and no token, as `scripts/start.sh`
would be told to; a browser whose requests carry `X-Forwarded-For` (what the reverse
proxy the README recommends adds) gets no editing, one without it does. With a token set,
the proxied browser must type it, and guesses are slowed and logged without the guess.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo.tools.serve import streamlit_server
from tests.helpers.browser import APP_IDLE
from tests.helpers.data import SEEDS, copy_layers

pytestmark = pytest.mark.browser

FORWARDED = {"X-Forwarded-For": "203.0.113.9"}


def _serve(tmp: Path, **env: str) -> Iterator[tuple[str, Path]]:
    layers, seeds, log = tmp / "layers", tmp / "seeds", tmp / "streamlit.log"
    copy_layers(layers)
    shutil.copytree(SEEDS, seeds)
    settings = {"ATLAS_EDIT": "1", "ATLAS_TILES": "none", "ATLAS_LAYERS_DIR": str(layers)}
    settings |= {"ATLAS_SEEDS_DIR": str(seeds), **env}
    with streamlit_server(env=settings, log=log) as url:
        yield url, log


@pytest.fixture(scope="module")
def open_server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    yield from _serve(tmp_path_factory.mktemp("no_token"), ATLAS_EDIT_TOKEN="")


@pytest.fixture(scope="module")
def token_server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    yield from _serve(tmp_path_factory.mktemp("token"), ATLAS_EDIT_TOKEN="s3cret-token")


@pytest.fixture(scope="module")
def viewer_server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The public atlas: editing off (a fresh server, asked for nothing yet)."""
    yield from _serve(tmp_path_factory.mktemp("viewer"), ATLAS_EDIT="0")


def test_with_editing_off_the_review_url_opens_the_map(browser, viewer_server):
    # The first page this fresh server is asked for: with a pages/ folder Streamlit once
    # ran the review script itself then, not through app.py's navigation.
    url, _log = viewer_server
    page = browser.new_context().new_page()
    page.goto(f"{url}/review")
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    expect(page.get_by_role("heading", name=re.compile("Border Atlas"))).to_be_visible()
    expect(page).to_have_url(f"{url}/")
    expect(page.get_by_role("heading", name="Review an article")).to_have_count(0)
    expect(page.get_by_text("Editing is switched off")).to_have_count(0)
    expect(page.get_by_role("link", name="Review an article")).to_have_count(0)
    page.context.close()


def _review(browser, url: str, headers: dict[str, str] | None = None):
    context = browser.new_context(extra_http_headers=headers or {})
    page = context.new_page()
    page.goto(f"{url}/review")
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    expect(page.get_by_role("heading", name="Review an article")).to_be_visible(timeout=30_000)
    return page


def test_through_a_proxy_nobody_edits_without_a_token(browser, open_server):
    url, _log = open_server
    page = _review(browser, url, FORWARDED)
    expect(page.get_by_text("ATLAS_EDIT_TOKEN is not set")).to_be_visible()
    expect(page.get_by_text("x-forwarded-for")).to_be_visible()
    expect(page.get_by_label("Article text (paste)")).to_have_count(0)
    page.context.close()


def test_at_this_machine_the_same_server_lets_one_edit(browser, open_server):
    url, _log = open_server
    page = _review(browser, url)
    expect(page.get_by_label("Article text (paste)")).to_be_visible()
    page.context.close()


def _refused(log: Path) -> list[str]:
    said = log.read_text(errors="replace") if log.exists() else ""
    return [line for line in said.splitlines() if "editor token refused" in line]


def _until(condition, seconds: float = 30.0) -> None:
    """Wait for a condition the server brings about (a log line), up to a deadline."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the server did not log the refused token"
        time.sleep(0.05)


def _try(page, token: str) -> None:
    box = page.get_by_label("Editor token", exact=True)
    box.fill(token)
    box.press("Enter")
    page.wait_for_selector(APP_IDLE, timeout=30_000)


def test_through_a_proxy_guesses_are_slowed_and_logged(browser, token_server):
    url, log = token_server
    page = _review(browser, url, FORWARDED)
    for n in range(3):
        _try(page, f"guess-{n}-xyzzy")
        expect(page.get_by_text("That token is not right")).to_be_visible()
        _until(lambda n=n: len(_refused(log)) > n)  # the server has judged this guess
    # The third wrong token started a wait (its length is tested with a fake clock in
    # tests/test_edit_access.py): the right token, typed while it lasts, is not compared and
    # the page says so; once it is over, the same token opens the page. No sleep: each try
    # is one rerun, waited for; how many tries the wait lasts depends on the machine.
    opened = page.get_by_label("Article text (paste)")
    waiting = page.get_by_text(re.compile("Too many wrong tokens: wait"))
    _try(page, "s3cret-token")
    expect(opened.or_(waiting).first).to_be_visible()
    # Every rerun checks the token in the box again; typing nothing new, only rerunning
    # (Streamlit's "r" key), lets the page open once the wait is over.
    heading = page.get_by_role("heading", name="Review an article")
    for _ in range(300):
        if opened.count():
            break
        heading.click()
        page.keyboard.press("r")
        page.wait_for_selector(APP_IDLE, timeout=30_000)
    expect(opened).to_be_visible()
    said = log.read_text(errors="replace")
    refused = _refused(log)
    assert len(refused) == 3 and all("203.0.113.9" in line for line in refused)
    assert "xyzzy" not in said and "s3cret" not in said
    page.context.close()
