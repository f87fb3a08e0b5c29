"""The dashboard's server: Streamlit serving app.py, with the atlas loaded at its start.

    streamlit run server.py [Streamlit's options]    (what scripts/start.sh runs)

Streamlit runs this file as an `st.App` (an ASGI app, served by uvicorn like `streamlit
run app.py`, with the same routes and options). The server answers at once, and its start
hook, in a background thread, imports the map page's modules, then loads the atlas: the
store's current revision is read into the replica every session shows. A visitor's run
waits until the modules are imported (ui/start.py: importing them beside the start could
meet a half-initialised module), so the browser fetches and compiles Streamlit's own
scripts meanwhile. A visitor who comes before the load is done sees "Loading layers …" and
gets the same Dataset the moment it is ready, never a second load.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import streamlit as st

from geo import settings


def _import_page() -> bool:
    from ui.data import import_page  # itself among the page's imports (pandas, folium, …)

    return import_page()


def _load() -> None:
    from ui.data import load

    load(settings.from_env())


def _start() -> None:
    """Import the page's modules (runs wait meanwhile), then load the atlas."""
    from ui import start

    try:
        imported = _import_page()
    finally:
        start.imported()
    if imported:
        _load()


@asynccontextmanager
async def _load_at_start(_app: Any) -> AsyncIterator[None]:
    """Start importing and loading beside the server, which answers at once."""
    from ui import start

    start.importing()
    try:
        threading.Thread(target=_start, name="atlas-warm-up", daemon=True).start()
    except BaseException:
        start.imported()  # no start thread: runs must not wait for it
        raise
    yield


app = st.App("app.py", lifespan=_load_at_start)
