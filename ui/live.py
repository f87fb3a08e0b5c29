"""The shared store as this replica sees it: which revision to show, what to say while the
database cannot be reached, and each page following new revisions by itself.

With files (the default) nothing here runs beyond reading the revision.
"""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
LOADED_AT: dict[str, dt.datetime] = {}  # when this process read the revision it holds
LOG = logging.getLogger("atlas.store")
_LOGGED = {"said": ""}  # the trouble last logged: logged once, not on every rerun


def loaded(revision: str) -> None:
    """This process has just read `revision` (only the newest is kept: app.py's cache
    holds one Dataset)."""
    LOADED_AT.clear()
    LOADED_AT[revision] = dt.datetime.now(dt.UTC)


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
    _LOGGED["said"] = ""  # back: a trouble to come is logged again
    return heard.revision, None


def say_unavailable(trouble: StoreUnavailable, *, showing: str | None, editor: bool) -> None:
    """Tell the reader, in plain words, what they see while the database is away; the
    driver's own message goes to the server's log, and to known editors under the words."""
    if str(trouble) != _LOGGED["said"]:
        _LOGGED["said"] = str(trouble)
        LOG.warning("%s", trouble)
    wait = " Editing waits until then." if editor else ""
    at = LOADED_AT.get(showing or "")
    if showing:
        seen = f"was loaded at {_clock(at)}" if at else "is the atlas as this server last read it"
        st.warning(
            f"**The atlas's database cannot be reached;** what you see {seen}; it retries "
            f"by itself and brings in any change once the database is back.{wait}",
            icon=":material/cloud_off:",
        )
    else:
        st.error(
            "**The atlas's database cannot be reached**, and this server has not loaded the "
            "atlas yet; it retries by itself and shows the atlas once the database answers.",
            icon=":material/cloud_off:",
        )
    if editor:
        with st.expander("Details for editors (also in the server's log)"):
            st.text(str(trouble))  # plain text: no Markdown, no HTML


def _clock(at: dt.datetime) -> str:
    """'14:05' in the reader's time zone (their browser's), else '14:05 UTC'."""
    zone = None
    try:
        zone = ZoneInfo(str(st.context.timezone)) if st.context.timezone else None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        zone = None  # an unknown or malformed name from the browser
    return at.astimezone(zone).strftime("%H:%M") if zone else at.strftime("%H:%M UTC")


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
