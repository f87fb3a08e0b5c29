"""A team's atlas end to end in Debian's Chromium (issue 23's "Done when"): two replicas
on one fresh PostGIS database (each its own copy), sign-in with a real local OpenID
Connect provider, two editors signed in on different replicas accepting into the same
layer at once.

Every browser carries `X-Forwarded-For`, as behind the reverse proxy team.sh starts, so no
request is provably local (geo/access.py): the review page is there only for a signed-in
editor. Viewers' pages, open on both replicas before the accepts, must show both new
events by themselves (no click, no reload), and the database's audit log must name both
editors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import NamedTuple

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from geo.store.postgis import PostgisStore
from geo.tools.serve import streamlit_server
from tests.helpers.browser import (
    _DRAWN_EVENTS_JS,
    _HELD_IDS_JS,
    APP_IDLE,
    held_event_ids,
    screenshot,
)
from tests.helpers.counted import COUNT_LINE, total_of
from tests.helpers.data import ROOT, read_layer
from tests.helpers.oidc import app_env, oidc_provider, write_secrets
from tests.helpers.pg import fresh_database

pytestmark = [
    pytest.mark.browser,
    # The provider (in this process) calls Authlib's older JWT hooks, deprecated in 1.9.
    pytest.mark.filterwarnings("ignore:get_jwt_config:DeprecationWarning"),
]

FORWARDED = {"X-Forwarded-For": "203.0.113.23"}
LAPTOP, PHONE = {"width": 1280, "height": 720}, {"width": 390, "height": 844}
EDITORS = {"alice": "alice@example.org", "bob": "bob@example.org"}
PEOPLE = {
    sub: {"email": email, "email_verified": True, "name": f"{sub.capitalize()} Editor"}
    for sub, email in EDITORS.items()
}
_INGEST = ROOT / "tests" / "fixtures" / "ingest"
# Two different articles (our own words): one editor each, so neither reuses the other's.
# Bob's event is newer than any in the store: a viewer's range of every date must grow.
ARTICLES = {
    "alice": (_INGEST / "russian_two_incidents.txt").read_text(encoding="utf-8"),
    "bob": (_INGEST / "tg_farkhor.txt").read_text(encoding="utf-8"),
}
TRANSLATIONS = {
    "alice": "On 30 November a firefight near Panj killed two intruders.",
    "bob": "On 14 January border guards in Farkhor fought drug smugglers; two were killed.",
}
REVIEW = "Review an article"
# The map holds every one of these ids (drawn, or inside a cluster bubble).
HOLDS = (
    f"ids => {{ try {{ const held = ({_HELD_IDS_JS})(); return ids.every(i => held.includes(i)); }}"
    " catch (e) { return false; } }"  # no map yet (the page is being drawn anew)
)
ACCEPTED = re.compile(r"Accepted as (\S+) into incidents; article (\S+)\.")


class Team(NamedTuple):
    store_url: str
    replicas: list[str]  # base URLs: replica one, replica two
    home: Path  # logs and copies


@pytest.fixture(scope="module")
def team(pg_cluster, tmp_path_factory) -> Iterator[Team]:
    """A fresh database, the provider, and two replicas (started side by side) sharing
    them; afterwards, neither replica's log may hold a traceback."""
    url = fresh_database(pg_cluster)
    home = tmp_path_factory.mktemp("team-signin")
    with oidc_provider(PEOPLE) as issuer, ExitStack() as stack:
        secrets = write_secrets(home / "secrets.toml", issuer)
        env = {"ATLAS_STORE": url, "ATLAS_EDIT": "1", "ATLAS_TILES": "none"}
        env |= {"ATLAS_EDITORS": ",".join(EDITORS.values()), "ATLAS_EDIT_TOKEN": "not-taken"}
        env |= app_env(secrets)
        servers = [
            streamlit_server(env | {"ATLAS_CACHE_DIR": str(home / n)}, 180, home / f"{n}.log")
            for n in ("one", "two")
        ]
        with ThreadPoolExecutor(2) as pool:  # both start at once: their start-up overlaps
            replicas = list(pool.map(stack.enter_context, servers))
        yield Team(url, replicas, home)
    for name in ("one", "two"):
        said = (home / f"{name}.log").read_text(errors="replace")
        assert not re.search(r"traceback|exception", said, re.I), said[-3000:]


@pytest.fixture(scope="module")
def viewers(browser: Browser, team: Team) -> Iterator[list[Page]]:
    """An anonymous visitor on each replica (a laptop on one, a phone on two), behind the
    proxy; kept open for the module: they watch the editors' accepts arrive."""
    contexts = [
        browser.new_context(extra_http_headers=FORWARDED, viewport=size) for size in (LAPTOP, PHONE)
    ]
    pages = [context.new_page() for context in contexts]
    for page, replica in zip(pages, team.replicas, strict=True):
        page.goto(replica)
    for page in pages:  # both load at once; a replica's first page reads the store
        expect(page.locator(COUNT_LINE).first).to_be_visible(timeout=120_000)
    yield pages
    for context in contexts:
        context.close()


def _total(page: Page) -> int:
    return total_of(page.locator(COUNT_LINE).first.inner_text())


def test_an_anonymous_visitor_sees_the_atlas_and_no_review_page(viewers, team):
    totals = [_total(page) for page in viewers]
    assert totals[0] == totals[1] > 0  # one store: the same atlas on both replicas
    for page in viewers:
        expect(page.get_by_role("heading", name=re.compile("Border Atlas"))).to_be_visible()
        page.wait_for_function(f"() => ({_DRAWN_EVENTS_JS})() > 0", timeout=60_000)  # the map
        expect(page.get_by_role("link", name=REVIEW)).to_have_count(0)
    # The sign-in button is in the sidebar (which a phone opens on demand).
    expect(viewers[0].get_by_role("button", name="Editor sign-in")).to_be_visible()
    screenshot(viewers[0], "team-signin-anonymous-1280x720")
    screenshot(viewers[1], "team-signin-anonymous-390x844")
    # The review page's URL: Streamlit says there is no such page and runs the map.
    for page, replica in zip(viewers, team.replicas, strict=True):
        page.goto(f"{replica}/review")
    for page, replica in zip(viewers, team.replicas, strict=True):
        expect(page.locator(COUNT_LINE).first).to_be_visible(timeout=60_000)
        expect(page).to_have_url(f"{replica}/")
        missing = page.get_by_role("dialog").filter(has_text="Page not found")
        expect(missing).to_be_visible()
        missing.get_by_role("button", name="Close").click()
        expect(missing).to_have_count(0)
        page.wait_for_selector(APP_IDLE, timeout=60_000)
        expect(page.get_by_role("heading", name=REVIEW)).to_have_count(0)
        expect(page.get_by_label("Article text (paste)")).to_have_count(0)
        expect(page.get_by_label("Editor token")).to_have_count(0)


@pytest.fixture
def editors(browser: Browser, team: Team) -> Iterator[dict[str, Page]]:
    """Alice on replica one, Bob on replica two: each in a browser of their own."""
    contexts: list[BrowserContext] = []
    pages = {}
    for subject, replica in zip(EDITORS, team.replicas, strict=True):
        contexts.append(browser.new_context(extra_http_headers=FORWARDED, viewport=LAPTOP))
        pages[subject] = contexts[-1].new_page()
        pages[subject].goto(replica)
    yield pages
    for context in contexts:
        context.close()


# Signing in and pasting, one step at a time for both editors (each step's action on both
# pages, then its wait on both): the two replicas work side by side.
def _sign_in(page: Page, subject: str, replica: str) -> None:
    page.get_by_role("button", name="Editor sign-in").click(timeout=120_000)


def _pick_person(page: Page, subject: str, replica: str) -> None:
    page.wait_for_url(re.compile(r"/oauth2/authorize\?"), timeout=60_000)
    # The provider's button for a predefined person: its form field is the subject.
    page.locator(f"button[name='sub'][value='{subject}']").first.click()


def _to_review(page: Page, subject: str, replica: str) -> None:
    page.wait_for_url(f"{replica}/", timeout=60_000)
    # Once the signed-in page's run is done: a link clicked while the run redrew the
    # sidebar's pages was lost, once, on a loaded machine (the page stayed on the map).
    page.wait_for_selector(APP_IDLE, timeout=120_000)
    page.get_by_role("link", name=REVIEW).click(timeout=60_000)
    page.wait_for_url(re.compile(r"/review"), timeout=60_000)


def _paste(page: Page, subject: str, replica: str) -> None:
    expect(page.get_by_role("heading", name=REVIEW)).to_be_visible(timeout=60_000)
    main = page.get_by_test_id("stMainBlockContainer")
    expect(main.get_by_text(EDITORS[subject])).to_be_visible()  # "Signed in as …"
    expect(page.get_by_label("Editor token")).to_have_count(0)  # sign-in, not the token
    box = page.get_by_label("Article text (paste)")
    box.fill(ARTICLES[subject])
    box.press("Control+Enter")


def _translate(page: Page, subject: str, replica: str) -> None:
    translation = page.get_by_label("English translation of the excerpt")
    translation.wait_for(timeout=60_000)
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    translation.fill(TRANSLATIONS[subject])
    translation.press("Control+Enter")


def _ready(page: Page, subject: str, replica: str) -> None:
    page.wait_for_selector(APP_IDLE, timeout=60_000)
    expect(page.get_by_role("button", name="Accept", exact=True)).to_be_enabled()


STEPS = [_sign_in, _pick_person, _to_review, _paste, _translate, _ready]


def _wait_until_held(page: Page, ids: set[str]) -> None:
    try:
        page.wait_for_function(HOLDS, arg=sorted(ids), timeout=30_000)
    except PlaywrightTimeout:
        said = page.locator(COUNT_LINE).first.inner_text()
        pytest.fail(f"the map lacks {sorted(ids - held_event_ids(page))} ({said})")


def test_two_editors_on_two_replicas_accept_at_once_and_everyone_sees_both(team, viewers, editors):
    before = [_total(page) for page in viewers]
    for step in STEPS:
        for (subject, page), replica in zip(editors.items(), team.replicas, strict=True):
            step(page, subject, replica)
    # Both clicks go out back to back: the two replicas write at the same moment.
    for page in editors.values():
        page.get_by_role("button", name="Accept", exact=True).click(no_wait_after=True)
    accepted = {}
    for subject, page in editors.items():
        said = page.get_by_text(ACCEPTED)
        expect(said).to_be_visible(timeout=90_000)
        found = ACCEPTED.search(said.inner_text())
        assert found, said.inner_text()
        accepted[subject] = (found[1], found[2])
    ids = {fid for fid, _ in accepted.values()}
    assert len(ids) == 2 and len({doc for _, doc in accepted.values()}) == 2
    screenshot(editors["bob"], "team-signin-bob-accepted-1280x720")

    # Neither lost: the database's layer holds both, and its audit names each editor.
    store = PostgisStore(team.store_url, team.home / "checker")
    store.sync()
    layer = read_layer(store.dirs.layers / "incidents.geojson")
    assert ids <= {f["properties"]["id"] for f in layer["features"]}
    accepts = [e for e in store.audit() if e.get("action") == "accept"]
    assert {e["feature_id"]: e["who"] for e in accepts} == {
        accepted[s][0]: EDITORS[s] for s in EDITORS
    }

    # Both appear on both replicas' open pages by themselves: no click, no reload.
    for page, total in zip(viewers, before, strict=True):
        expect(page.locator(COUNT_LINE).first).to_contain_text(f"of {total + 2:,}", timeout=60_000)
        _wait_until_held(page, ids)  # on the map too, not only counted
    screenshot(viewers[0], "team-signin-replica-one-after-1280x720")
    screenshot(viewers[1], "team-signin-replica-two-after-390x844")

    # Each editor's undo list, read from the shared audit by their sign-in: their own only.
    for page in editors.values():
        page.reload(wait_until="commit")
    for subject, page in editors.items():
        mine = page.get_by_text(re.compile(r"Your accepts \(\d+\)"))
        expect(mine).to_have_text(re.compile(r"Your accepts \(1\)"), timeout=60_000)
        mine_listed = page.get_by_text(f"{accepted[subject][0]} into incidents")
        expect(mine_listed).to_be_visible(timeout=60_000)  # the list may be drawn anew first
