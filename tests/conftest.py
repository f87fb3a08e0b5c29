"""Shared fixtures: the real layers, the dataset loaded from them, a scratch copy to break,
the check context."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from streamlit import config
from xdist.scheduler import LoadScopeScheduling

from geo.context import load_context
from geo.dataset import Dataset, load_dataset
from geo.store import FileStore
from geo.tools.serve import CHROMIUM, CHROMIUM_ARGS, streamlit_server
from tests.helpers.browser import reset_context
from tests.helpers.data import (
    LAYERS,
    SEEDS,
    Located,
    copy_layers,
    imported_layers,
    layer_events,
    read_layer,
    write_layer,
)
from tests.helpers.pg import pg_cluster  # noqa: F401  (one cluster for the whole run)

# A browser assertion waits for its condition up to 30 s (Playwright's default is 5 s): on a
# loaded machine a rerun may take longer to draw; a condition met returns at once.
expect.set_options(timeout=30_000)


# Modules that start several servers at once (replicas, PostGIS, the OIDC provider, a
# proxy, ten sessions): one work unit for xdist, so they run one after another on one worker
# and never beside each other (each of them failed a loaded CI run while another ran).
SERVER_HEAVY = {
    "test_team_signin_browser.py",
    "test_browser_team.py",
    "test_team_script.py",
    "test_signin_browser.py",
    "test_load.py",
}


def _unit(path: str) -> str:
    """A test file's xdist work unit: the file, or the server-heavy modules' shared one."""
    return "server-heavy" if Path(path).name in SERVER_HEAVY else path


class _FileScheduling(LoadScopeScheduling):
    """`--dist loadfile` with the server-heavy modules as one unit. (xdist 3.8's loadgroup
    marks a group by rewriting `item._nodeid`, which pytest 9 no longer reads: its groups
    are silently lost, so the grouping is done here, by the scheduler.)"""

    def _split_scope(self, nodeid: str) -> str:
        return _unit(nodeid.split("::", 1)[0])


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> _FileScheduling | None:
    return _FileScheduling(config, log) if config.getvalue("dist") == "loadfile" else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Heaviest work units first: the server-heavy one, then files by their count of browser
    tests (a worker handed a big browser file last leaves the other one idle at the end).
    A stable sort on names and counts: every worker collects the same order (xdist checks)."""
    browser: dict[str, int] = {}
    for item in items:
        if item.get_closest_marker("browser"):
            unit = _unit(item.nodeid.split("::", 1)[0])
            browser[unit] = browser.get(unit, 0) + 1

    def cost(item: pytest.Item) -> tuple[int, int]:
        unit = _unit(item.nodeid.split("::", 1)[0])
        return (0 if unit == "server-heavy" else 1, -browser.get(unit, 0))

    items.sort(key=cost)


@pytest.fixture(scope="session", autouse=True)
def components_scanned_once() -> Iterator[None]:
    """Every new AppTest scans all installed distributions for Streamlit components (about
    0.3-0.4 s each, hundreds of times a run). What is installed cannot change during a run,
    so the scan's answer is kept for the session; the app's own server is left as it is."""
    from streamlit.components.v2 import manifest_scanner

    scan = manifest_scanner.scan_component_manifests
    once = functools.cache(scan)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(manifest_scanner, "scan_component_manifests", once)
        yield


@pytest.fixture(scope="session")
def ctx():
    return load_context(SEEDS)


@pytest.fixture(scope="session", autouse=True)
def compiled_shipped_layers() -> None:
    """Compile the shipped layers once, before any test copies layers/: the compiled files
    (git-ignored) then never change under a copy in progress, and a copy holds valid ones."""
    store = FileStore(LAYERS, SEEDS, LAYERS.parent / "data")
    with store.lock():  # test workers (pytest-xdist) compile one at a time: the second finds
        store.snapshot()  # them compiled and writes nothing under the first one's copies


@pytest.fixture(scope="session")
def data() -> Dataset:
    """The shipped layers and seeds loaded once for the whole run. Read it, never change it:
    every test module shares this one object (make a copy, or load a copy of layers/)."""
    return load_dataset(LAYERS, SEEDS)


@pytest.fixture(scope="session")
def shipped_events() -> list[Located]:
    """(layer, raw feature) for every event in layers/: the data rules check each of them
    in one test (`check_every_event`), so the suite's size never follows the data's."""
    return layer_events()


@pytest.fixture(scope="session")
def curated_events(shipped_events: list[Located]) -> list[Located]:
    """The events curated from the seeds (an imported event cites its dataset row instead,
    checked against that row by the validator)."""
    return [e for e in shipped_events if not e[1]["properties"].get("dataset")]


@pytest.fixture
def layers_copy(tmp_path: Path) -> Path:
    """A scratch copy of layers/ that a test may break (tmp_path/layers)."""
    return copy_layers(tmp_path / "layers")


@pytest.fixture
def mutate(layers_copy: Path) -> Callable[[str, int, Callable[[dict], None]], Path]:
    """Change one feature of a copied layer in place: mutate("incidents", 0, fn)."""

    def _mutate(layer: str, index: int, change: Callable[[dict], None]) -> Path:
        path = layers_copy / f"{layer}.geojson"
        data = read_layer(path)
        change(data["features"][index])
        write_layer(path, data)
        return path

    return _mutate


@pytest.fixture
def edit_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Copies of layers/ and seeds/ that the app edits (ATLAS_EDIT=1, tiles off)."""
    layers, seeds = copy_layers(tmp_path / "layers"), tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    for name, value in {
        "ATLAS_EDIT": "1",
        "ATLAS_TILES": "none",
        "ATLAS_LAYERS_DIR": str(layers),
        "ATLAS_SEEDS_DIR": str(seeds),
    }.items():
        monkeypatch.setenv(name, value)
    return layers, seeds


@pytest.fixture
def imported_acled(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the layers with the ACLED fixture imported, and its data folder."""
    fixture = LAYERS.parent / "tests" / "fixtures" / "acled" / "acled_export_fixture.csv"
    return imported_layers(tmp_path, "acled", fixture)


@pytest.fixture
def local_server() -> Iterator[None]:
    """The server listens on 127.0.0.1 only, as `scripts/start.sh` would be told to."""
    before = config.get_option("server.address")
    config.set_option("server.address", "127.0.0.1")
    yield
    config.set_option("server.address", before)


@pytest.fixture
def valid_props() -> dict[str, Any]:
    """Properties of a real, valid feature, to vary in model tests."""
    data = read_layer(LAYERS / "incidents.geojson")
    return json.loads(json.dumps(data["features"][0]["properties"]))


# --- browser fixtures (pytest-playwright with Debian's Chromium) -----------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (scripts/setup.sh test)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def _worker_context(browser, browser_context_args) -> Iterator[Any]:
    """One browser context for the whole worker: its HTTP and compiled-script caches
    serve every test that opens the same server (Streamlit's ~3 MB of scripts fetched
    and compiled once, not once a test). A server of its own is another origin: nothing
    of it is cached, so a test of a fresh server still meets a fresh browser."""
    context = browser.new_context(**browser_context_args)
    yield context
    context.close()


@pytest.fixture
def context(_worker_context) -> Iterator[Any]:
    """The worker's context, left as a new one would be after each test: its pages
    closed, then its cookies, local storage and permissions cleared (tests that need
    something else, such as a phone's touch or a sign-in cookie, make their own)."""
    yield _worker_context
    reset_context(_worker_context)


@pytest.fixture
def watched_page(page):
    """A page that records every request and console error."""
    page.requests, page.errors = [], []
    page.on("request", lambda req: page.requests.append(req.url))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.set_viewport_size({"width": 1500, "height": 1300})
    return page


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with streamlit_server(env={"ATLAS_TILES": "none"}, log=log) as url:
        yield url
    # Every browser test has used this server: its log must hold no warning or traceback
    # (a deprecation, a widget-state warning, an exception behind a friendly message).
    # Streamlit's log lines carry no level name: look for what such lines say.
    said = re.compile(r"traceback|stack \(most recent|error|warn|deprecat", re.I)
    noisy = [line for line in log.read_text(errors="replace").splitlines() if said.search(line)]
    assert not noisy, "the server logged:\n" + "\n".join(noisy[:20])


# --- a failed browser test says what its page showed ------------------------------------

# The page's address, whether its script was running, and every button drawn (its name,
# box and whether it was enabled): a press that did nothing, or a stale copy beside the
# shown one, reads off a CI log that keeps no screenshot.
_PAGE_STATE_JS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const buttons = [...document.querySelectorAll('button')].filter(b => b.getClientRects().length)
        .map(b => {
            const r = b.getBoundingClientRect();
            const name = (b.getAttribute('aria-label') || b.innerText || '').trim().slice(0, 40);
            return `${name} @${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x` +
                `${Math.round(r.height)}${b.disabled ? ' disabled' : ''}` +
                `${b.closest('[data-stale="true"]') ? ' stale' : ''}`;
        });
    return [location.href, 'script: ' + (app && app.dataset.testScriptState),
            `viewport ${innerWidth}x${innerHeight}, scrolled ${Math.round(scrollY)}`,
            ...buttons].join('\\n');
}"""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    page = getattr(item, "funcargs", {}).get("page")
    if report.when != "call" or not report.failed or page is None:
        return
    try:
        said = page.evaluate(_PAGE_STATE_JS)
    except Exception as exc:  # a closed or crashed page: say that instead
        said = f"(the page could not be read: {exc})"
    report.sections.append(("the page when the test failed", said))
