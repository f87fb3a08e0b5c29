"""The shared store as this replica sees it: which revision to show, what to say while the
database cannot be reached, and each page following new revisions by itself.

With files (the default) nothing here runs beyond reading the revision.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import time
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st
from streamlit.logger import get_logger
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo import settings
from geo.dataset import Dataset
from geo.store import StoreUnavailable, open_store
from geo.store.replica import Loaded, replica_for
from geo.store.watch import watcher

FIRST_SECONDS = 5.0  # a new replica waits this long to hear the database's revision
FOLLOW_SECONDS = 1.0  # how often an open page checks for a new revision
_SEEN = "_store_seen"
RUNNING = "_page_running"  # set while app.py draws the page, cleared at its end
_UNAVAILABLE = "(unavailable)"
LOADED_AT: dict[str, dt.datetime] = {}  # when this process read the revision it holds
LOG = logging.getLogger("atlas.store")
READ_LOG = get_logger("atlas.read")  # Streamlit's logger: shown in the server's output
_LOGGED = {"said": ""}  # the trouble last logged: logged once, not on every rerun


def loaded(done: Loaded) -> Loaded:
    """Note when this process read the revision it shows (only the newest is kept), and
    say so once in the server's log."""
    if done.revision not in LOADED_AT:
        LOADED_AT.clear()
        LOADED_AT[done.revision] = done.at
        READ_LOG.info("atlas read: %d events (revision %s)", len(done.data.frame),
                      done.revision[:12])  # fmt: skip
    return done


def current(env: settings.Settings) -> tuple[Loaded | None, StoreUnavailable | None]:
    """What this page shows: the replica's newest Dataset, and why the store cannot be
    reached if it cannot.

    Files: the revision is read on every run, so an edit is shown on the next run (one
    load, whatever the number of sessions asking). A shared store: the Dataset this
    replica has loaded; its follower thread loads a new revision as soon as it is heard
    (one load for a burst of accepts), and open pages rerun once it is loaded
    (`follow_store`). Only a replica that has loaded nothing yet loads in the page's run.
    """
    replica = replica_for(env)
    if not env.store_url:
        revision = open_store(env).revision()
        with st.spinner("Loading layers …", show_time=True):
            return loaded(replica.ensure(revision, warm=False)), None
    revision, trouble = _heard(env)
    done = replica.current
    if done is None and trouble is None:
        try:
            with st.spinner("Loading layers …", show_time=True):
                done = replica.refresh(known=revision, warm=False)
        except StoreUnavailable as exc:
            return None, exc
    return (loaded(done) if done else None), trouble


def page_drawn(env: settings.Settings) -> None:
    """A page is drawn: what a load left for later (a big load's search index) is built
    now, in the background; never before a visitor's first map, whose run needs the CPU
    (searches scan meanwhile: the same rows)."""
    replica_for(env).warm_up()


def dataset() -> Dataset | None:
    """The Dataset this process shows now (the replica's newest load)."""
    done = replica_for(settings.from_env()).current
    return done.data if done else None


def with_current(fn: Callable[..., None]) -> Callable[..., None]:
    """A widget callback (or fragment) given the Dataset this process shows when it is
    called, before its other arguments. Never a Dataset as a callback's argument: those
    live in the session until its next run, so each page left open held the Dataset of its
    last run alive, one per revision, long after newer loads (a replica's memory grew to
    gigabytes under accepts)."""

    @functools.wraps(fn)
    def call(*args: Any) -> None:
        data = dataset()
        if data is not None:
            fn(data, *args)

    return call


def _heard(env: settings.Settings) -> tuple[str | None, StoreUnavailable | None]:
    """The shared store's revision now, or why it cannot be had."""
    assert env.store_url
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


FOLLOW_SHARE = 2.0  # pages following loads take at most about 1/this of a replica's time
_ACTIVE: dict[str, float] = {}  # session id -> when its page last looked (monotonic)
_STARTED = "_run_started"
_TOOK = "_run_seconds"
_ENDED = "_run_ended"


_RUNS: dict[str, float] = {}  # session id -> when its reader's run began (monotonic)
_FOLLOWING = "_run_follows_store"  # the next run is one the follower asked for
_RUN_STALE_SECONDS = 30.0  # a run begun longer ago is not waited for (a page closed mid-run)


def _session_id() -> str:
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx else ""


def run_started() -> None:
    """The page's run begins (app.py): what a run costs paces following (follow_gap), and
    while it runs, other pages do not start a run only to follow the store."""
    st.session_state[_STARTED] = time.thread_time()
    if st.session_state.pop(_FOLLOWING, False):  # a page following the store: waits for none
        _RUNS.pop(_session_id(), None)
    else:  # a reader's click, a first page: followers wait for it
        _RUNS[_session_id()] = time.monotonic()


def others_running(me: str) -> bool:
    """Whether another page's run for a reader is under way in this process (a click, a
    first page; not another page's run to follow the store): a page that would rerun only
    to follow the store waits for it, so that following never queues in front of a reader
    (the page's own run shows the newest load anyway)."""
    now = time.monotonic()
    for session, began in list(_RUNS.items()):
        if now - began > _RUN_STALE_SECONDS:
            _RUNS.pop(session, None)
        elif session != me:
            return True
    return False


def run_cost(started: float) -> float:
    """CPU seconds the script's thread has spent since `started` (`time.thread_time()`):
    what a run costs the replica. Not its wall time, which grows with the runs queued beside
    it on a busy replica (one script runs at a time under Python's lock) and would pace
    following ever slower the more pages wait."""
    return max(0.0, time.thread_time() - started)


def follow_gap(pages: int, run_seconds: float) -> float:
    """Seconds a page waits after its last run before it reruns for a new load, given the
    open pages and what its last run cost (CPU seconds, `run_cost`): none while
    the replica's pages together can redraw for every load in half its time, more as they
    cannot (many pages, costly runs), so following new loads never takes
    the replica from its readers' own clicks: with 5 pages whose run costs 1.5 s, 14 s."""
    return max(0.0, FOLLOW_SHARE * max(pages, 1) * run_seconds - FOLLOW_SECONDS)


def _open_pages(me: str) -> int:
    """Pages of this process that looked for news in the last few seconds (this one too)."""
    now = time.monotonic()
    _ACTIVE[me] = now
    for session, seen in list(_ACTIVE.items()):
        if now - seen > 5 * FOLLOW_SECONDS:
            _ACTIVE.pop(session, None)
    return len(_ACTIVE)


def follow_store(env: settings.Settings, shown: str | None) -> None:
    """With a shared store: rerun this page once the replica has loaded a new revision
    (or the store is lost or back), so every viewer sees an accepted event a second or
    two after its load on a replica with the time for it (follow_gap). A page reruns once
    per load, not once per accept: a burst of accepts is one load
    (`geo/store/replica.py`), so one rerun; a page whose run is slow reruns less often."""
    if not env.store_url:
        return
    # What this run drew: the revision it showed (`shown`), not the newest one loaded now.
    # A load published while the run drew is not drawn yet: recorded as seen, the page
    # would never rerun for it.
    now = _state(env)
    st.session_state[_SEEN] = now if now == _UNAVAILABLE or not shown else str(shown)
    st.session_state[_TOOK] = run_cost(st.session_state.get(_STARTED, time.thread_time()))
    st.session_state[_ENDED] = time.monotonic()
    me = _session_id()
    _RUNS.pop(me, None)  # this page's run is done

    @st.fragment(run_every=FOLLOW_SECONDS)
    def _follow() -> None:
        now, seen = _state(env), st.session_state.get(_SEEN)
        pages = _open_pages(me)
        if now == seen or st.session_state.get(RUNNING):
            return  # nothing new, or the page is being drawn (never restart it midway)
        waited = time.monotonic() - st.session_state.get(_ENDED, 0.0)
        lost_or_back = _UNAVAILABLE in (now, seen)
        gap = follow_gap(pages, st.session_state.get(_TOOK, 0.0))
        if not lost_or_back and (waited < gap or others_running(me)):
            return  # a new load: drawn once the replica is free and this page's share allows
        st.session_state[_SEEN] = now
        st.session_state[_FOLLOWING] = True
        st.rerun(scope="app")

    _follow()


def _state(env: settings.Settings) -> str:
    """The store as a page sees it: the revision loaded, or that it cannot be reached."""
    if watcher(str(env.store_url)).heard.error is not None:
        return _UNAVAILABLE
    done = replica_for(env).current
    return done.revision if done else "None"
