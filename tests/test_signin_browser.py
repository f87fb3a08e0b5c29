"""Editors sign in with OpenID Connect, end to end in Debian's Chromium (issue 23 item 3).

A real provider (oidc-provider-mock) runs on localhost; the app runs with an [auth]
section pointing at it and an editors' list. Every browser carries `X-Forwarded-For`, as
behind the reverse proxy the README recommends, so no request is provably local: the
review page exists only for a signed-in editor, and the audit log names them.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from playwright.sync_api import Page, expect

from geo.tools.serve import streamlit_server
from tests.helpers.browser import APP_IDLE
from tests.helpers.data import ROOT, SEEDS, copy_layers, read_layer
from tests.helpers.oidc import app_env, oidc_provider, write_secrets

pytestmark = [
    pytest.mark.browser,
    # The provider (in this process) calls Authlib's older JWT hooks, deprecated in 1.9.
    pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning"),
]

FORWARDED = {"X-Forwarded-For": "203.0.113.9"}
PEOPLE = {
    "alice": {"email": "Alice@Example.org", "email_verified": True, "name": "Alice Editor"},
    "gina": {"email": "gina@example.net", "name": "Gina Group", "groups": ["atlas-editors"]},
    "sam": {"email": "sam@example.com", "name": "Sam Stranger", "groups": ["readers"]},
}
ARTICLE = (ROOT / "tests" / "fixtures" / "ingest" / "russian_two_incidents.txt").read_text(
    encoding="utf-8"
)
REVIEW = "Review an article"


class Atlas(NamedTuple):
    url: str
    layers: Path
    log: Path


@pytest.fixture(scope="module")
def atlas(tmp_path_factory) -> Iterator[Atlas]:
    tmp = tmp_path_factory.mktemp("signin")
    layers, seeds, log = tmp / "layers", tmp / "seeds", tmp / "streamlit.log"
    copy_layers(layers)
    shutil.copytree(SEEDS, seeds)
    with oidc_provider(PEOPLE) as issuer:
        env = {"ATLAS_EDIT": "1", "ATLAS_TILES": "none", "ATLAS_LAYERS_DIR": str(layers)}
        env |= {"ATLAS_SEEDS_DIR": str(seeds), "ATLAS_EDITORS": "alice@example.org"}
        env |= {"ATLAS_EDITOR_GROUPS": "atlas-editors", "ATLAS_EDIT_TOKEN": "not-taken-here"}
        env |= app_env(write_secrets(tmp / "secrets.toml", issuer))
        with streamlit_server(env=env, log=log) as url:
            yield Atlas(url, layers, log)
    said = log.read_text(errors="replace")
    assert not re.search(r"traceback|exception", said, re.I), said[-3000:]


@pytest.fixture
def visitor(browser) -> Iterator[Page]:
    """A browser behind the proxy: a fresh context (no sign-in cookie) per test."""
    context = browser.new_context(
        extra_http_headers=FORWARDED, viewport={"width": 1280, "height": 720}
    )
    yield context.new_page()
    context.close()


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    expect(page.get_by_role("heading", name=re.compile("Border Atlas"))).to_be_visible()


def _sign_in(page: Page, atlas: Atlas, subject: str) -> None:
    """Sign in at the provider as `subject`, and wait for the app to be back and idle."""
    _open(page, atlas.url)
    page.get_by_role("button", name="Editor sign-in").click()
    page.wait_for_url(re.compile(r"/oauth2/authorize\?"))
    # The provider's button for a predefined person (named "alice" in 0.3, "Authorize as
    # alice" in 0.4): its form field is the subject.
    page.locator(f"button[name='sub'][value='{subject}']").first.click()
    page.wait_for_url(f"{atlas.url}/")
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    expect(page.get_by_text("Signed in as")).to_be_visible(timeout=30_000)


def _no_review_page(page: Page, atlas: Atlas) -> None:
    """Its URL opens the map, and the navigation does not list it."""
    page.goto(f"{atlas.url}/review")
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    expect(page.get_by_role("heading", name=re.compile("Border Atlas"))).to_be_visible()
    expect(page.get_by_role("heading", name=REVIEW)).to_have_count(0)
    expect(page.get_by_role("link", name=REVIEW)).to_have_count(0)
    expect(page.get_by_label("Article text (paste)")).to_have_count(0)
    expect(page.get_by_label("Editor token")).to_have_count(0)


def _audit(atlas: Atlas) -> list[dict]:
    path = atlas.layers / "ingest-audit.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [json.loads(line) for line in lines if line.strip()]


def test_an_anonymous_visitor_sees_the_atlas_and_no_review_page(visitor, atlas):
    # First in this module, so /review is the first page the fresh server is asked for:
    # with a pages/ folder, Streamlit once ran the review script itself then.
    _no_review_page(visitor, atlas)
    expect(visitor).to_have_url(f"{atlas.url}/")
    expect(visitor.get_by_role("button", name="Editor sign-in")).to_be_visible()


def test_a_signed_in_stranger_cannot_edit(visitor, atlas):
    _sign_in(visitor, atlas, "sam")
    sidebar = visitor.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Sam Stranger")).to_be_visible()
    expect(sidebar.get_by_text("sam@example.com")).to_be_visible()
    expect(sidebar.get_by_text("not one of this atlas's editors")).to_be_visible()
    expect(sidebar.get_by_role("button", name="Sign out")).to_be_visible()
    _no_review_page(visitor, atlas)
    assert "not an editor: 'sam@example.com'" in atlas.log.read_text(errors="replace")


def test_a_group_member_gets_the_review_page(visitor, atlas):
    _sign_in(visitor, atlas, "gina")
    visitor.get_by_role("link", name=REVIEW).click()
    expect(visitor.get_by_role("heading", name=REVIEW)).to_be_visible(timeout=30_000)
    main = visitor.get_by_test_id("stMainBlockContainer")  # the sidebar names her too
    expect(main.get_by_text("gina@example.net")).to_be_visible()
    expect(visitor.get_by_label("Article text (paste)")).to_be_visible()


def test_an_editor_signs_in_accepts_and_the_audit_names_them(visitor, atlas):
    before = len(read_layer(atlas.layers / "incidents.geojson")["features"])
    _sign_in(visitor, atlas, "alice")
    visitor.get_by_role("link", name=REVIEW).click()
    expect(visitor.get_by_role("heading", name=REVIEW)).to_be_visible(timeout=30_000)
    main = visitor.get_by_test_id("stMainBlockContainer")  # the sidebar names her too
    expect(main.get_by_text("Alice Editor")).to_be_visible()
    expect(main.get_by_text("alice@example.org")).to_be_visible()
    expect(main.get_by_role("button", name="Sign out")).to_be_visible()
    expect(visitor.get_by_label("Editor token")).to_have_count(0)  # not taken with sign-in
    _paste_and_accept(visitor)
    after = read_layer(atlas.layers / "incidents.geojson")["features"]
    assert len(after) == before + 1
    mine = [e for e in _audit(atlas) if e.get("phase") == "commit" and e["action"] == "accept"]
    assert [e["who"] for e in mine] == ["alice@example.org"]
    assert mine[0]["feature_id"] == after[-1]["properties"]["id"]
    visitor.screenshot(path=str(_artifact("signin-editor-1280x720.png")), full_page=False)
    # Signing out ends the session: the review page is gone again.
    main.get_by_role("button", name="Sign out").click()
    visitor.wait_for_url(re.compile(r"/oauth2/end_session"))
    visitor.get_by_role("button", name="End session").click()
    visitor.wait_for_url(f"{atlas.url}/")
    visitor.wait_for_selector(APP_IDLE, timeout=60_000)
    expect(visitor.get_by_role("button", name="Editor sign-in")).to_be_visible(timeout=30_000)
    expect(visitor.get_by_role("link", name=REVIEW)).to_have_count(0)


def _paste_and_accept(page: Page) -> None:
    box = page.get_by_label("Article text (paste)")
    box.fill(ARTICLE)
    box.press("Control+Enter")
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    translation = page.get_by_label("English translation of the excerpt")
    translation.fill("On 30 November a firefight near Panj killed two intruders.")
    translation.press("Control+Enter")
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_text(re.compile("Accepted as"))).to_be_visible(timeout=60_000)


def _artifact(name: str) -> Path:
    folder = ROOT / "tests" / "artifacts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
