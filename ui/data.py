"""The one Dataset every session shares, and loading it at the server's start.

`load(env, revision)` is what the map page reads its data through: Streamlit's
`cache_resource` hands every session the same Dataset of the store's revision. `warm(env)`
fills that same cache before anyone asks (server.py runs it when the server starts), so
the first visitor after a restart finds the data read, indexed and its first page's
derived tables built, instead of waiting for them.
"""

from __future__ import annotations

import logging
import runpy
import sys
import threading
import time

import streamlit as st
from streamlit import runtime
from streamlit.components.v1.custom_component import CustomComponent
from streamlit.logger import get_logger
from streamlit.runtime.scriptrunner_utils import script_run_context

from geo import settings
from geo.dataset import Dataset
from geo.filters import all_actors, date_extent, language_counts, outlet_counts
from geo.filters import prepare as prepare_filters
from geo.store import open_store
from geo.urlstate import atlas_spec
from geo.view.area_only import band_counts
from geo.view.areas import area_options
from geo.view.charts import dense_window
from geo.view.feed import newest_first
from geo.view.modes import provinces
from geo.view.overview import NOT_KNOWN, by_actor, by_area
from ui import live

# Streamlit's logger: its format and level (logger.level), in the server's output.
LOG = get_logger("atlas.start")


# cache_resource hands every session the same Dataset (cache_data would unpickle a copy
# on every rerun); the Dataset is never mutated. max_entries=1: a new revision keeps only
# the new copy alive. Defined in this module, not in app.py (which Streamlit runs afresh
# as __main__): the cache's key is the function's module, name and source, so warm() and
# every session reach the same cache.
@st.cache_resource(show_spinner="Loading layers …", max_entries=1)
def cached_load(env: settings.Settings, revision: str) -> Dataset:
    # The store's revision (names and content hashes of every file it reads) is the cache
    # key: any edit gives a fresh snapshot, which reads the compiled read model and
    # compiles only what changed. No leading underscore: Streamlit would skip hashing it.
    start = time.perf_counter()
    data = open_store(env).snapshot()
    prepare_filters(data.frame)  # indexes built now, not on the first filter click
    first_page_tables(data)
    live.loaded(revision)  # "what you see was loaded at …" while the store is away
    LOG.info("atlas read: %d events in %.1f s (revision %s)", len(data.frame),
             time.perf_counter() - start, revision[:12])  # fmt: skip
    return data


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


def load(env: settings.Settings, revision: str) -> Dataset:
    """The shared Dataset of `revision`. A new revision drops the old Dataset before the
    new one is built, so two are never held at once by the cache. Raises what the store
    raises (StoreUnavailable)."""
    if live.SHOWN["revision"] not in ("", revision):
        cached_load.clear()
    live.LOADING["revision"] = revision
    try:
        data = cached_load(env, revision)
        live.SHOWN["revision"] = revision
    finally:
        live.LOADING["revision"] = ""
    return data


class _NoContextNote(logging.Filter):
    """Drops Streamlit's "missing ScriptRunContext" warning in one thread: the warm-up
    runs outside any session by design (the warning itself says it can be ignored)."""

    def __init__(self) -> None:
        super().__init__()
        self.thread = threading.get_ident()

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.thread == self.thread and "ScriptRunContext" in str(record.msg))


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


def warm(env: settings.Settings) -> Dataset | None:
    """Import the map page's modules and load the store's current revision into the
    sessions' cache, as the first visitor would, before any visitor does. Never raises:
    whatever goes wrong is logged, and the first visitor meets it as they would have
    without the warm-up (a store away is retried; a broken layer is a named problem on
    the page, the rest loaded)."""
    start = time.perf_counter()
    quiet = _NoContextNote()
    logging.getLogger(script_run_context.__name__).addFilter(quiet)
    try:
        before = set(sys.modules)
        # app.py's imports; it draws only when run as __main__ (as Streamlit runs it).
        runpy.run_path(str(settings.ROOT / "app.py"), run_name="atlas_warm_up")
        _register_components(set(sys.modules) - before)
        revision, trouble = live.store_revision(env)
        if trouble is not None or revision is None:
            LOG.warning("not loaded at start: %s", trouble)
            return None
        data = load(env, revision)
    except Exception:  # a warm-up must never take the server down
        LOG.exception("loading the atlas at start failed; the first visitor loads it")
        return None
    finally:
        logging.getLogger(script_run_context.__name__).removeFilter(quiet)
    LOG.info("atlas loaded at start in %.1f s: %d events", time.perf_counter() - start,
             len(data.frame))  # fmt: skip
    return data
