"""The words a page says while the shared store cannot be reached (ui/live.py): plain for a
viewer, the driver's message only for an editor known to the page, and in the log once.
(In a browser, with a real database stopped and started: tests/test_browser_team.py.)"""

from __future__ import annotations

import logging
import time

import pytest
from streamlit.testing.v1 import AppTest

from geo.access import Door

DRIVER = 'connection to server at "10.0.0.7", port 5432 failed: FATAL: <b>no</b> ${x}'


def _page(editor: bool, showing: str | None, timezone: str | None = None) -> AppTest:
    def script(editor: bool, showing: str | None, driver: str) -> None:
        import datetime as dt

        from geo.store import StoreUnavailable
        from ui import live

        live.LOADED_AT.clear()
        if showing:
            live.LOADED_AT[showing] = dt.datetime(2026, 12, 6, 14, 31, tzinfo=dt.UTC)
        trouble = StoreUnavailable("postgresql://atlas:secret@10.0.0.7/atlas", driver)
        live.say_unavailable(trouble, showing=showing, editor=editor)

    at = AppTest.from_function(script, args=(editor, showing, DRIVER), default_timeout=30)
    return at.run()


def _said(at: AppTest) -> str:
    return " ".join(str(e.value) for e in [*at.warning, *at.error])


@pytest.mark.parametrize("showing", ["r12", None])
def test_a_viewer_reads_plain_words(showing):
    at = _page(editor=False, showing=showing)
    said = _said(at)
    assert "The atlas's database cannot be reached" in said and "retries by itself" in said
    if showing:
        assert "what you see was loaded at 14:31 UTC" in said
    for word in ("10.0.0.7", "FATAL", "postgresql", "secret", "<b>", "Editing"):
        assert word not in said, word
    assert not at.expander and not at.text


def test_an_editor_reads_the_driver_s_message_as_plain_text_in_a_fold():
    at = _page(editor=True, showing="r12")
    assert "Editing waits until then." in _said(at)
    assert "FATAL" not in _said(at)
    assert at.expander[0].label.startswith("Details for editors")
    shown = at.expander[0].text[0].value
    assert DRIVER in shown and "postgresql://10.0.0.7/atlas" in shown and "secret" not in shown


def test_the_message_is_logged_once_not_on_every_rerun(caplog):
    from ui import live

    live._LOGGED["said"] = ""
    with caplog.at_level(logging.WARNING, logger="atlas.store"):
        for _ in range(3):  # a page reruns each second while the store is away
            _page(editor=False, showing="r12")
    logged = [r.getMessage() for r in caplog.records if r.name == "atlas.store"]
    assert len(logged) == 1, logged
    assert DRIVER in logged[0] and "postgresql://10.0.0.7/atlas" in logged[0]
    assert "secret" not in logged[0]


def test_only_known_editors_may_read_the_server_s_troubles():
    assert {d for d in Door if d.known_editor} == {Door.LOCAL, Door.EDITOR}


def test_pages_follow_new_loads_at_once_on_a_quiet_replica_and_later_on_a_busy_one():
    from ui.live import FOLLOW_SECONDS, follow_gap

    assert follow_gap(1, 0.3) == 0.0 and follow_gap(2, 0.2) == 0.0  # within the next look
    slow = follow_gap(5, 1.5)
    assert slow > 10 * FOLLOW_SECONDS  # five pages of 1.5 s runs: half the time at most
    assert follow_gap(10, 1.5) > slow > follow_gap(5, 0.5)  # more pages, slower runs: later


def test_a_run_is_paced_by_its_cpu_not_by_the_time_it_waited():
    """A run that waits (for Python's lock, behind other pages' runs) costs the replica
    nothing while it waits: its cost is the script thread's CPU, so a crowd of waiting
    pages does not stretch every page's pacing further."""
    import threading

    from ui.live import run_cost

    started = time.thread_time()
    threading.Event().wait(0.3)  # waiting, as behind other runs: no CPU spent
    assert run_cost(started) < 0.1
    started = time.thread_time()
    while time.thread_time() - started < 0.05:  # working
        sum(range(1000))
    assert run_cost(started) >= 0.05


def test_a_page_does_not_follow_the_store_while_a_reader_s_run_is_under_way(monkeypatch):
    """Following waits for the other pages' runs (a reader's click goes first); a run
    begun long ago (a page closed mid-run) is not waited for."""
    from ui import live

    runs: dict[str, float] = {}
    monkeypatch.setattr(live, "_RUNS", runs)
    assert not live.others_running("follower")
    runs["reader"] = time.monotonic()
    assert live.others_running("follower")
    assert not live.others_running("reader")  # its own run is no other page's
    runs["reader"] = time.monotonic() - live._RUN_STALE_SECONDS - 1
    assert not live.others_running("follower") and "reader" not in runs
