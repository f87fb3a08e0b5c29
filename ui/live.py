"""The shared store as this replica sees it: which revision to show, what to say while the
database cannot be reached, and each page following new revisions by itself.

With files (the default) nothing here runs beyond reading the revision.
"""

from __future__ import annotations

import streamlit as st

from geo import settings
from geo.store import StoreUnavailable, open_store
from geo.store.watch import watcher

FIRST_SECONDS = 5.0  # a new replica waits this long to hear the database's revision
FOLLOW_SECONDS = 1.0  # how often an open page checks for a new revision
_SEEN = "_store_seen"
RUNNING = "_page_running"  # set while app.py draws the page, cleared at its end
_UNAVAILABLE = "(unavailable)"
SHOWN = {"revision": ""}  # the revision of the Dataset this process holds (app.py)
LOADING = {"revision": ""}  # the revision app.py is loading now ("" when none)


def store_revision(env: settings.Settings) -> tuple[str | None, StoreUnavailable | None]:
    """The store's revision now, or why it cannot be had."""
    if not env.store_url:
        return open_store(env).revision(), None
    heard = watcher(env.store_url).wait(
        lambda h: h.revision is not None or h.error is not None, timeout=FIRST_SECONDS
    )
    if heard.error is not None:
        return None, heard.error
    if heard.revision is None:
        return None, StoreUnavailable(env.store_url, "no answer yet")
    return heard.revision, None


def say_unavailable(trouble: StoreUnavailable, *, showing: str | None) -> None:
    """Tell the reader, in words, what they see while the store is away."""
    if showing:
        st.warning(
            "**The shared store cannot be reached.** You are seeing the atlas as this server "
            f"last read it (revision {showing.lstrip('r')}); the page brings in any change by "
            f"itself once the store is back, and editing waits until then. ({trouble})",
            icon=":material/cloud_off:",
        )
    else:
        st.error(
            "**The shared store cannot be reached**, and this server has not read the atlas "
            f"yet: the page loads it by itself once the store answers. ({trouble})",
            icon=":material/cloud_off:",
        )


def follow_store(env: settings.Settings, shown: str | None) -> None:
    """With a shared store: rerun this page once a new revision (or the store's loss or
    return) is heard, so every viewer sees an accepted event within a second or two."""
    if not env.store_url:
        return
    url = env.store_url
    # What this run drew: the revision it showed (`shown`), not the newest one heard now.
    # A revision heard while the run loaded (two editors' accepts a moment apart) is not
    # drawn yet: recorded as seen, the page would never rerun for it.
    now = _state(url)
    st.session_state[_SEEN] = now if now == _UNAVAILABLE or not shown else str(shown)

    @st.fragment(run_every=FOLLOW_SECONDS)
    def _follow() -> None:
        now = _state(url)
        if now == st.session_state.get(_SEEN) or st.session_state.get(RUNNING):
            return  # nothing new, or the page is being drawn (never restart it midway)
        if LOADING["revision"] not in ("", SHOWN["revision"]) and SHOWN["revision"] != now:
            return  # another page is loading it: rerun once it is here, not all at once
        st.session_state[_SEEN] = now
        st.rerun(scope="app")

    _follow()


def _state(url: str) -> str:
    heard = watcher(url).heard
    return _UNAVAILABLE if heard.error is not None else str(heard.revision)
