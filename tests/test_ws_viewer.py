"""The team benchmark's viewer over Streamlit's websocket (bench/ws_viewer.py) against a real
replica on a PostGIS store: it reads the page's count line as a browser shows it, a click on
a quick range is one run that changes it, and, clicked by no one, it follows an event an
editor accepts elsewhere, as an open browser page does (the page's follower fragment, run
every second by the viewer's timer, reruns the page for the new load)."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine, Iterator
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.ws_viewer import Viewer, shown_of
from geo.store.postgis import PostgisStore
from geo.tools.serve import streamlit_server
from tests.helpers.pg import accept_copy, fresh_database


def _run(coroutine: Coroutine[object, object, object]) -> object:
    """Run a coroutine to its end in a thread of its own: a worker that ran browser tests
    first has Playwright's event loop running in its main thread."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def replica(pg_cluster, tmp_path_factory) -> Iterator[tuple[str, str, Path]]:
    """A replica of a fresh store: the store's URL, the replica's address, a scratch dir."""
    url = fresh_database(pg_cluster)
    home = tmp_path_factory.mktemp("ws-replica")
    env = {"ATLAS_TILES": "none", "ATLAS_STORE": url, "ATLAS_CACHE_DIR": str(home / "cache")}
    with streamlit_server(env, log=home / "app.log") as app:
        yield url, app, home


def test_a_viewer_reads_the_count_and_a_quick_range_changes_it(replica, data) -> None:
    async def visit() -> tuple[str | None, str | None, str | None, int, int]:
        async with Viewer(replica[1]) as viewer:
            await viewer.open()
            first = viewer.total
            await viewer.click("Last 90 days")
            narrowed = viewer.total
            await viewer.click("Everything")
            return first, narrowed, viewer.total, viewer.runs, viewer.bytes

    first, narrowed, back, runs, received = _run(visit())  # type: ignore[misc]
    assert shown_of(first) == len(data.frame), first  # "… shown of <every event>"
    assert narrowed != first and shown_of(narrowed) == len(data.frame), narrowed
    assert back == first
    assert runs >= 3 and received > 10_000  # the page itself came down the socket


def test_a_viewer_clicked_by_no_one_follows_an_accept_elsewhere(replica) -> None:
    url, app, home = replica

    async def watch() -> tuple[int | None, int | None, int]:
        async with Viewer(app) as viewer:
            await viewer.open()
            before = shown_of(viewer.total)
            assert before is not None, viewer.total
            await asyncio.to_thread(
                accept_copy, PostgisStore(url, home / "editor"), "ws-viewer-followed"
            )
            async with viewer.changed:  # no click: the page reruns by itself
                await asyncio.wait_for(
                    viewer.changed.wait_for(lambda: shown_of(viewer.total) != before), 120
                )
            return before, shown_of(viewer.total), viewer.ticks

    before, after, ticks = _run(watch())  # type: ignore[misc]
    assert before is not None and after == before + 1
    assert ticks >= 1  # the follower's timer asked, as a browser's does


def _message(**fields: object) -> ForwardMsg:
    msg = ForwardMsg()
    if "every" in fields:
        msg.auto_rerun.interval, msg.auto_rerun.fragment_id = fields["every"], fields["fragment"]
    elif "stop" in fields:
        msg.stop_auto_rerun.fragment_ids.extend(fields["stop"])
    else:
        msg.new_session.name = "app"
        msg.metadata.run.fragment_ids.extend(fields.get("run_of", []))
    return msg


def test_the_viewer_keeps_only_the_timers_its_page_would_keep() -> None:
    """As Streamlit's page: a whole run clears every fragment's timer (its fragments ask
    again), a fragment's own run keeps them, and stop_auto_rerun stops the ones named."""

    async def follow() -> list[list[str]]:
        viewer, seen = Viewer("http://127.0.0.1:1"), []
        for msg in [
            _message(every=1.0, fragment="first-run"),
            _message(run_of=["first-run"]),  # a tick: the fragment's own run
            _message(),  # a whole run, its fragment drawn elsewhere now
            _message(every=1.0, fragment="later-run"),
            _message(stop=["later-run"]),
        ]:
            viewer.take(msg)
            seen.append(viewer.timers)
        return seen

    assert _run(follow()) == [["first-run"], ["first-run"], [], ["later-run"], []]
