"""Loading the atlas at the server's start (server.py, ui/data.py `warm`): the warm-up loads
the very replica the map page shows, a broken layer is still named on the page with the rest
shown, a warm-up that fails leaves the load to the first visitor, and the real server
started as scripts/start.sh starts it reads the atlas once, before the first page."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from geo import settings
from geo.store import FileStore
from geo.store.replica import replica_for
from geo.tools.serve import streamlit_server
from tests.helpers.apptest import map_event_ids, run_app
from tests.helpers.browser import MAP, MARKERS, open_app
from tests.helpers.data import copy_layers
from ui import data as atlas_data
from ui import live


@dataclass
class Fresh:
    layers: Path  # the atlas's layers: a scratch copy
    taken: list[Path]  # the layers directory of every snapshot taken since


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Fresh]:
    """A copy of the layers as the atlas's layers, nothing loaded yet in this process,
    and every snapshot taken counted."""
    found = Fresh(copy_layers(tmp_path / "layers"), [])
    monkeypatch.setenv("ATLAS_LAYERS_DIR", str(found.layers))
    monkeypatch.setattr(live, "LOADED_AT", {})
    assert replica_for(settings.from_env()).current is None  # a replica of its own
    real = FileStore.snapshot

    def counted(store: FileStore, *args, **kwargs):  # type: ignore[no-untyped-def]
        found.taken.append(store.dirs.layers)
        return real(store, *args, **kwargs)

    monkeypatch.setattr(FileStore, "snapshot", counted)
    yield found


def test_the_warm_up_loads_the_replica_the_page_shows(fresh):
    data = atlas_data.warm(settings.from_env())
    assert data is not None and len(data.frame) > 0
    assert fresh.taken == [fresh.layers]
    shown = replica_for(settings.from_env()).current
    assert shown is not None and shown.data is data
    assert shown.revision == FileStore(fresh.layers, settings.ROOT / "seeds",
                                       settings.ROOT / "data").revision()  # fmt: skip
    at = run_app()
    assert not at.exception
    assert fresh.taken == [fresh.layers]  # the page found the warm-up's Dataset: no second read
    shown = set(map_event_ids(at))
    assert shown and shown <= set(data.frame["id"])


def test_a_broken_layer_at_the_warm_up_is_named_on_the_page_and_the_rest_shown(fresh):
    (fresh.layers / "broken-layer.geojson").write_text('{"type": "FeatureCollection", ',
                                                      encoding="utf-8")  # fmt: skip
    data = atlas_data.warm(settings.from_env())
    assert data is not None
    assert any("broken-layer.geojson" in p.file for p in data.problems)
    assert len(data.frame) > 0  # every other layer loaded
    at = run_app()
    assert not at.exception
    said = [w.value for w in at.warning] + [e.label for e in at.expander]
    # Named (Markdown-escaped: "broken\\-layer\\.geojson") with what it costs.
    assert any("broken\\-layer" in text and "1 problem" in text for text in said), said
    assert map_event_ids(at)
    assert len(fresh.taken) == 1


def test_a_warm_up_that_fails_leaves_the_load_to_the_first_visitor(fresh, monkeypatch):
    counted = FileStore.snapshot  # the fixture's, counting

    def fails(store: FileStore, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("disk went away")

    monkeypatch.setattr(FileStore, "snapshot", fails)
    assert atlas_data.warm(settings.from_env()) is None  # logged, never raised
    assert replica_for(settings.from_env()).current is None
    monkeypatch.setattr(FileStore, "snapshot", counted)
    at = run_app()
    assert not at.exception
    assert map_event_ids(at)
    assert fresh.taken == [fresh.layers]  # the first visitor read it


def test_the_server_s_start_leaves_the_search_index_to_the_first_page_drawn(fresh, monkeypatch):
    """A big first load leaves its word index for later; the server's start does not build
    it (on two cores it took one from the first visitor's map: at a million events the
    first marker came a second later), the first page drawn does; and a search finds the
    same events before and after it is ready."""
    from geo import filters
    from geo.filters import Filters, apply_filters
    from geo.search_index import PartedIndex

    monkeypatch.setattr(filters, "BACKGROUND_INDEX_ABOVE", 10)  # the shipped layers: "big"
    monkeypatch.setattr(filters, "SMALL_FRAME", 0)  # and indexed, as a big frame is
    replica = replica_for(settings.from_env())
    data = atlas_data.load(settings.from_env())
    assert data is not None and replica.current is not None
    assert replica.warming is None  # nothing built at the start
    firsts = sorted({str(t).split()[0].lower() for t in data.frame["title"]})
    scanned = {w: _ids(data, w) for w in [*firsts[:5], "xyz-none"]}
    at = run_app()
    assert not at.exception and map_event_ids(at)
    assert fresh.taken == [fresh.layers]  # the page used the start's load
    assert replica.warming is not None  # the page drawn started it
    replica.warming.join(60)
    assert isinstance(filters._word_index(data.frame), PartedIndex)
    assert {w: _ids(data, w) for w in scanned} == scanned  # the same events, indexed
    assert all(scanned[w] for w in scanned if w != "xyz-none") and not scanned["xyz-none"]
    assert list(apply_filters(data.frame, Filters())["id"]) == list(data.frame["id"])


def test_a_first_visitors_own_load_builds_the_search_index_after_the_page(fresh, monkeypatch):
    """Served as app.py (no warm-up), the first visitor's run loads the atlas: the search
    index it leaves for later is built once the page is drawn, not while it draws the
    map; then searches use it and find what they found by scanning."""
    import ui.mapview
    from geo import filters
    from geo.search_index import PartedIndex

    monkeypatch.setattr(filters, "BACKGROUND_INDEX_ABOVE", 10)  # the shipped layers: "big"
    monkeypatch.setattr(filters, "SMALL_FRAME", 0)
    replica, at_map = replica_for(settings.from_env()), []
    real_draw = ui.mapview.draw_map

    def draw(*args, **kwargs):  # type: ignore[no-untyped-def]
        at_map.append(replica.warming)
        return real_draw(*args, **kwargs)

    monkeypatch.setattr(ui.mapview, "draw_map", draw)
    at = run_app()
    assert not at.exception and map_event_ids(at)
    assert at_map == [None]  # nothing built while the map was drawn
    assert replica.current is not None and replica.warming is not None  # started after
    data = replica.current.data
    firsts = sorted({str(t).split()[0].lower() for t in data.frame["title"]})[:5]
    scanned = {w: _ids(data, w) for w in firsts}  # still a scan, or already the index
    replica.warming.join(60)
    assert isinstance(filters._word_index(data.frame), PartedIndex)
    assert {w: _ids(data, w) for w in firsts} == scanned and all(scanned.values())


def _ids(data, word):  # type: ignore[no-untyped-def]
    from geo.filters import Filters, apply_filters

    return list(apply_filters(data.frame, Filters(text=word))["id"])


_READ = re.compile(r"atlas read: (\d+) events")
_LOADED = "atlas loaded at start"


def _wait_for_line(log: Path, text: str, timeout: float = 300) -> str:
    """The server's log once it holds `text` (polled: the server writes it when done)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        said = log.read_text(errors="replace")
        if text in said:
            return said
        time.sleep(0.2)
    raise AssertionError(f"the server never logged {text!r}:\n{log.read_text()}")


def test_the_server_reads_the_atlas_at_start_and_the_first_page_uses_it(tmp_path, watched_page):
    page = watched_page
    layers = copy_layers(tmp_path / "layers")
    log = tmp_path / "server.log"
    env = {"ATLAS_TILES": "none", "ATLAS_LAYERS_DIR": str(layers)}
    with streamlit_server(env=env, log=log) as url:  # server.py, as scripts/start.sh runs
        # The page opened only once the warm-up is done: the page's modules were all
        # imported outside any session, the map's component included.
        said = _wait_for_line(log, _LOADED)
        assert len(_READ.findall(said)) == 1
        open_app(page, url)
        page.frame_locator(MAP).locator(MARKERS).first.wait_for(state="attached")
        said = log.read_text(errors="replace")
    assert len(_READ.findall(said)) == 1, said  # the page did not read it again
    assert not re.search(r"traceback|error|warn", said, re.I), said
    assert not page.errors, page.errors  # e.g. "Custom Component … source error - 404"


@pytest.fixture
def gate() -> Iterator[None]:
    """ui/start.py's gate left open after the test, whatever happened in it (a closed one
    would hold every later run of app.py in this process)."""
    from ui import start

    yield
    start.imported()


def _warm_up_ended() -> None:
    """Wait for the start's thread to end (it may have ended already)."""
    for thread in threading.enumerate():
        if thread.name == "atlas-warm-up":
            thread.join(timeout=60)


def test_the_server_answers_at_once_and_a_visitors_run_waits_for_the_imports(monkeypatch, gate):
    """server.py's start hook yields at once (the server answers; the browser fetches its
    scripts meanwhile) and imports the page's modules in a thread; a visitor's run waits
    at app.py's top (ui/start.py) until they are imported, never importing them beside
    it (a half-initialised module); then the atlas is loaded."""
    import server
    from ui import start

    steps: list[str] = []
    release, loaded = threading.Event(), threading.Event()

    def import_page() -> bool:
        steps.append("importing")
        assert release.wait(timeout=60)
        steps.append("imported")
        return True

    def load(env: settings.Settings) -> None:
        steps.append("loading")
        loaded.set()

    monkeypatch.setattr(atlas_data, "import_page", import_page)
    monkeypatch.setattr(atlas_data, "load", load)

    async def begin() -> None:
        async with server._load_at_start(None):
            steps.append("answering")

    try:
        _run_apart(begin)  # returns while the import is held: the server answered
        assert "answering" in steps and "imported" not in steps
        visitor = threading.Thread(target=lambda: start.wait_for_imports() and steps.append("run"))
        visitor.start()
        assert start.held()  # while the import is under way
        assert "run" not in steps
    finally:
        release.set()  # never a start thread left waiting, whatever failed above
    visitor.join(timeout=60)
    assert loaded.wait(timeout=60)
    assert steps.index("imported") < steps.index("run") and "loading" in steps


def test_a_failed_import_at_start_leaves_everything_to_the_first_visitor(monkeypatch, gate):
    import server
    from ui import start

    loads: list[object] = []
    monkeypatch.setattr(atlas_data, "import_page", lambda: False)
    monkeypatch.setattr(atlas_data, "load", loads.append)

    async def begin() -> None:
        async with server._load_at_start(None):
            pass

    _run_apart(begin)
    assert start.wait_for_imports(timeout=60)  # the visitor's run goes on, and imports
    _warm_up_ended()
    assert loads == []  # the first visitor loads it


def test_an_import_that_raises_still_lets_the_visitors_in(monkeypatch, gate):
    import server
    from ui import start

    def broken() -> bool:
        raise RuntimeError("an import broke in a way import_page did not catch")

    loads: list[object] = []
    monkeypatch.setattr(atlas_data, "import_page", broken)
    monkeypatch.setattr(atlas_data, "load", loads.append)
    monkeypatch.setattr(threading, "excepthook", lambda args: None)  # the thread's error

    async def begin() -> None:
        async with server._load_at_start(None):
            pass

    _run_apart(begin)
    assert start.wait_for_imports(timeout=60)
    _warm_up_ended()
    assert loads == []


def test_a_start_that_never_imports_holds_runs_once_then_lets_them_in(gate, caplog):
    from ui import start

    start.importing()  # as if the start's import hung
    assert not start.wait_for_imports(timeout=0.1)
    assert start.wait_for_imports(timeout=0)  # the gate is open for every later run
    assert "not imported at start" in caplog.text


def _run_apart(start) -> None:  # type: ignore[no-untyped-def]
    """Run a coroutine function to its end in a thread of its own (this test process may
    hold a running event loop: Playwright's sync API)."""
    import asyncio
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, start()).result(timeout=60)
