"""The dashboard's server: Streamlit serving app.py, with the atlas loaded at its start.

    streamlit run server.py [Streamlit's options]    (what scripts/start.sh runs)

Streamlit runs this file as an `st.App` (an ASGI app, served by uvicorn like `streamlit
run app.py`, with the same routes and options). Its start hook loads the atlas in a
background thread while the server comes up: the map page's modules are imported and the
store's current revision is read into the cache every session reads it from
(`ui/data.py`). The server answers at once; a visitor who comes before the load is done
sees "Loading layers …" and gets the same Dataset the moment it is ready, never a second
load.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner_utils import script_run_context

from geo import settings


def _warm() -> None:
    # Imported here, in the thread: the page's modules (pandas, pyarrow, folium, …) take
    # seconds to import, and the server answers meanwhile.
    from ui.data import warm

    warm(settings.from_env())


@asynccontextmanager
async def _load_at_start(_app: Any) -> AsyncIterator[None]:
    """Start loading the atlas beside the server (not before it answers)."""
    # The map's package chain (streamlit_folium -> folium -> branca -> jinja2) imported
    # whole here, before any visitor: branca's __init__ and branca.element import each other
    # through jinja2's PackageLoader, and the warm-up thread importing them while a first
    # visitor's run did deadlocked Python's import locks (the warm-up failed with a
    # _DeadlockError, the page with "cannot import name 'ENV' from 'branca.element'").
    # Outside any session by design: Streamlit's "missing ScriptRunContext" note dropped.
    note = script_run_context.__name__
    quiet = logging.Filter(name="none")  # passes no record of the note's logger
    logging.getLogger(note).addFilter(quiet)
    try:
        import streamlit_folium  # noqa: F401  (under a second)
    finally:
        logging.getLogger(note).removeFilter(quiet)

    threading.Thread(target=_warm, name="atlas-warm-up", daemon=True).start()
    yield


app = st.App("app.py", lifespan=_load_at_start)
