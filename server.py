"""The dashboard's server: Streamlit serving app.py, with the atlas loaded at its start.

    streamlit run server.py [Streamlit's options]    (what scripts/start.sh runs)

Streamlit runs this file as an `st.App` (an ASGI app, served by uvicorn like `streamlit
run app.py`, with the same routes and options). Its start hook imports the map page's
modules before the server answers (a visitor's run importing them at the same time could
meet a half-initialised module: ui/data.py `import_page`), then loads the atlas in a
background thread: the store's current revision is read into the replica every session
shows. A visitor who comes before the load is done sees "Loading layers …" and gets the
same Dataset the moment it is ready, never a second load.
"""

from __future__ import annotations

import asyncio
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


@asynccontextmanager
async def _load_at_start(_app: Any) -> AsyncIterator[None]:
    """Import the page's modules, then load the atlas beside the server as it answers."""
    if await asyncio.to_thread(_import_page):
        threading.Thread(target=_load, name="atlas-warm-up", daemon=True).start()
    yield


app = st.App("app.py", lifespan=_load_at_start)
