"""Loading the atlas at the server's start.

Every session shows its process's replica of the store (geo/store/replica.py, through
ui/live.py). `warm(env)` loads the store's current revision into that replica before
anyone asks (server.py runs it when the server starts), so the first visitor after a
restart finds the data read, indexed and its first page's derived tables built, instead
of waiting for them.
"""

from __future__ import annotations

import contextlib
import logging
import runpy
import sys
import threading
import time
from collections.abc import Iterator

from streamlit import runtime
from streamlit.components.v1.custom_component import CustomComponent
from streamlit.logger import get_logger
from streamlit.runtime.scriptrunner_utils import script_run_context

from geo import settings
from geo.areas import area_options
from geo.choices import all_actors, date_extent, language_counts, outlet_counts
from geo.dataset import Dataset
from geo.store.replica import replica_for
from geo.urlstate import atlas_spec
from geo.view.area_only import band_counts
from geo.view.charts import dense_window
from geo.view.feed import newest_first
from geo.view.modes import provinces
from geo.view.overview import NOT_KNOWN, by_actor, by_area
from ui import live

# Streamlit's logger: its format and level (logger.level), in the server's output.
LOG = get_logger("atlas.start")


def first_page_tables(data: Dataset) -> None:
    """Build now what the map page derives from the whole dataset on its first run (each
    kept per dataset object, geo/memo.py): every event's province and district, the
    link's rules, the actors' codes, the wide areas' shapes and overlaps, the dates'
    dense window, the feed's order, the filters' counts. Loaded at the server's start,
    no visitor waits for them. Anything left out here is built by the first run, as
    before: nothing depends on this list but speed."""
    frame = data.frame
    area_options(frame)
    atlas_spec(data)
    by_actor(frame, frame)
    provinces_named = sorted({f["properties"]["name"] for f in provinces()["features"]})
    districts = [n for n in by_area(frame, frame, "admin2")["name"] if n != NOT_KNOWN]
    for names in (provinces_named, districts):
        band_counts(frame, names, data.areas)
    dense_window(frame)
    newest_first(frame)
    for counted in (date_extent, all_actors, outlet_counts, language_counts):
        counted(frame)


class _NoContextNote(logging.Filter):
    """Drops Streamlit's "missing ScriptRunContext" warning in one thread: the warm-up
    runs outside any session by design (the warning itself says it can be ignored)."""

    def __init__(self) -> None:
        super().__init__()
        self.thread = threading.get_ident()

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.thread == self.thread and "ScriptRunContext" in str(record.msg))


@contextlib.contextmanager
def _outside_sessions() -> Iterator[None]:
    """While this thread works outside any session: its "missing ScriptRunContext"
    warnings dropped (`_NoContextNote`), every other thread's kept."""
    quiet = _NoContextNote()
    logger = logging.getLogger(script_run_context.__name__)
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def _register_components(modules: set[str]) -> None:
    """Register with the server the custom components these modules declared on import
    (streamlit-folium's map). Streamlit registers a component only when it is declared
    inside a session (`declare_component` needs a ScriptRunContext): imported by the
    warm-up, outside any, the map's frame would get a 404 for as long as the server runs
    (tests/test_warm_start.py opens the page after the warm-up to catch it)."""
    if not runtime.exists():
        return  # no server (a test or a script): nothing serves components anyway
    registry = runtime.get_instance().component_registry
    for name in modules:
        for value in list(vars(sys.modules[name]).values()):
            if isinstance(value, CustomComponent):
                registry.register_component(value)


def import_page() -> bool:
    """Import the map page's modules (app.py's imports: it draws only when run as
    __main__) and register the components they declare. Never raises: False if it
    failed (logged; the first visitor meets the error as they would have anyway).

    server.py runs this in its start thread while visitors' runs wait (ui/start.py).
    Imported in a thread while a visitor's run imports the same modules, CPython may hand
    one of them a half-initialised module to break what it takes for a deadlock between
    the two ("cannot import name 'ENV' from 'branca.element'", seen under load), and
    that visitor's page fails."""
    try:
        with _outside_sessions():
            before = set(sys.modules)
            runpy.run_path(str(settings.ROOT / "app.py"), run_name="atlas_warm_up")
            _register_components(set(sys.modules) - before)
    except Exception:  # a warm-up must never take the server down
        LOG.exception("importing the map page at start failed")
        return False
    return True


def load(env: settings.Settings) -> Dataset | None:
    """Load the store's current revision into the replica every session shows and build
    the first page's tables, as the first visitor would, before any visitor does. A big
    load's search index is left to the first page drawn (`live.page_drawn`): built here,
    it took one of two cores from the first visitor's map (at a million events the first
    marker came a second later; searches scan meanwhile, the same rows). Never
    raises: whatever goes wrong is logged, and the first visitor meets it as they would
    have without the warm-up (a store away is retried; a broken layer is a named problem
    on the page, the rest loaded)."""
    start = time.perf_counter()
    try:
        with _outside_sessions():
            replica = replica_for(env)  # the replica every session shows
            data = live.loaded(replica.refresh(warm=False)).data
            first_page_tables(data)
    except Exception:  # a warm-up must never take the server down
        LOG.exception("loading the atlas at start failed; the first visitor loads it")
        return None
    LOG.info("atlas loaded at start in %.1f s: %d events", time.perf_counter() - start,
             len(data.frame))  # fmt: skip
    return data


def warm(env: settings.Settings) -> Dataset | None:
    """`import_page`, then `load`: what the server's start does, in one call."""
    return load(env) if import_page() else None
