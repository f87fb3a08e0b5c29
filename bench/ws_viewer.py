"""A viewer of the dashboard driven over Streamlit's own websocket, as the browser drives it:
for benchmarks that measure the replicas, not Chromium drawing their pages.

It speaks Streamlit's protocol (`streamlit.proto`: a `BackMsg` up, `ForwardMsg`s down):
a page is opened by asking for a run with the address's query; a button is clicked by a run
carrying its trigger; a fragment that asks to run every few seconds (`st.fragment(
run_every=…)`, which makes an open page follow new revisions) is run that often, as the
browser's timer does. It reads what a reader would look at first, the count line, and
counts each run the server finishes.

What it does not do: draw the map. The map component never reports a view, so the server
draws the map as for a page whose map has not spoken yet; what the page's later sections
cost is the same. A browser's first visit also fetches Streamlit's scripts (static files,
cached by the proxy and the browser): not asked for here.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

COUNT_LINE = "events shown of"  # the count line's words (ui/sections.py)


class Viewer:
    """One session of the dashboard over its websocket (see the module's docstring)."""

    def __init__(self, base_url: str, *, query: str = ""):
        self.base_url, self.query = base_url.rstrip("/"), query
        self.total: str | None = None  # the count line as last drawn
        self.runs = 0  # whole runs the server finished for this session
        self.ticks = 0  # fragments' runs asked for by the viewer's timer
        self.bytes = 0  # received
        self.buttons: dict[str, str] = {}  # label -> widget id, as last drawn
        self.widgets: dict[str, Any] = {}  # label -> the input's element (id, options)
        self.changed = asyncio.Condition()
        self._ws: Any = None
        self._tasks: list[asyncio.Task[None]] = []
        self._tickers: dict[str, asyncio.Task[None]] = {}

    @property
    def timers(self) -> list[str]:
        """The fragments the viewer's timer runs now (those its page's last whole run asked
        to run every few seconds)."""
        return sorted(self._tickers)

    async def __aenter__(self) -> Viewer:
        url = self.base_url.replace("http", "ws", 1) + "/_stcore/stream"
        self._ws = await websockets.connect(
            url, subprotocols=[websockets.Subprotocol("streamlit")], origin=websockets.Origin(
                self.base_url), max_size=None, open_timeout=300)  # fmt: skip
        self._tasks.append(asyncio.create_task(self._read()))
        return self

    async def __aexit__(self, *exc: object) -> None:
        for task in [*self._tasks, *self._tickers.values()]:
            task.cancel()
        for task in [*self._tasks, *self._tickers.values()]:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self._ws.close()

    async def open(self, *, timeout: float = 300) -> float:
        """Ask for the page as a browser's first visit does; seconds until its count line
        (a big layer's first run draws only the map: the map's report then runs the page
        again, which the viewer asks for in its place)."""
        start = time.perf_counter()
        await self._run()
        ran = await self._wait(lambda: self.runs >= 1, timeout)
        if self.total is None and ran:
            await self._run()
        await self._wait(lambda: self.total is not None, timeout)
        return time.perf_counter() - start

    async def click(self, label: str, *, timeout: float = 120) -> float:
        """Click the button with this label; seconds until the run it caused has finished
        and drawn a count line other than the one before (TimeoutError if it never does)."""
        before, runs = self.total, self.runs
        start = time.perf_counter()
        await self._run(trigger=self.buttons[label])
        await self._wait(lambda: self.runs > runs and self.total != before, timeout)
        return time.perf_counter() - start

    async def change(self, label: str, value: str | list[str], *, timeout: float = 120) -> float:
        """Set the input with this label as a reader would (a search box's text, a select
        box's option, a multiselect's options, as they are shown); seconds until the run
        it caused has finished."""
        element = self.widgets[label]
        runs, start = self.runs, time.perf_counter()
        await self._run(value=(element.id, value))
        await self._wait(lambda: self.runs > runs, timeout)
        return time.perf_counter() - start

    async def _run(
        self,
        *,
        trigger: str | None = None,
        fragment: str | None = None,
        value: tuple[str, str | list[str]] | None = None,
    ) -> None:
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query
        if trigger is not None:
            widget = state.widget_states.widgets.add()
            widget.id, widget.trigger_value = trigger, True
        if value is not None:
            widget = state.widget_states.widgets.add()
            widget.id = value[0]
            if isinstance(value[1], str):
                widget.string_value = value[1]
            else:
                widget.string_array_value.data.extend(value[1])
        if fragment is not None:
            state.fragment_id, state.is_auto_rerun = fragment, True
        await self._ws.send(back.SerializeToString())

    async def _wait(self, done: Any, timeout: float) -> bool:
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(done), timeout)
        return True

    async def _read(self) -> None:
        async for raw in self._ws:
            self.bytes += len(raw)
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            self.take(msg)
            async with self.changed:
                self.changed.notify_all()

    def take(self, msg: ForwardMsg) -> None:
        """One message from the server, as the page would take it."""
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self._element(msg.delta.new_element)
        elif kind == "script_finished":  # a whole run (not a fragment's, nor one cut short)
            self.runs += msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
        elif kind == "new_session" and not msg.metadata.run.fragment_ids:
            self._stop_ticking(list(self._tickers))  # a whole run: its fragments ask anew
        elif kind == "stop_auto_rerun":
            self._stop_ticking(msg.stop_auto_rerun.fragment_ids)
        elif kind == "auto_rerun" and msg.auto_rerun.fragment_id not in self._tickers:
            every, fragment = msg.auto_rerun.interval, msg.auto_rerun.fragment_id
            self._tickers[fragment] = asyncio.create_task(self._tick(fragment, every))

    def _stop_ticking(self, fragments: Any) -> None:
        """Stop the timers of `fragments`, as the page does: all of them when a whole run
        starts (Streamlit's app clears them on a new_session message with no fragment in
        its run), those a stop_auto_rerun names. A timer left running would ask the server
        for a fragment its last run no longer drew (the log's "does not exist anymore")."""
        for fragment in fragments:
            ticker = self._tickers.pop(fragment, None)
            if ticker is not None:
                ticker.cancel()

    def _element(self, element: Any) -> None:
        kind = element.WhichOneof("type")
        if kind == "markdown" and COUNT_LINE in element.markdown.body:
            self.total = element.markdown.body
        elif kind == "button":
            self.buttons[element.button.label] = element.button.id
        elif kind in ("multiselect", "selectbox", "text_input"):
            widget = getattr(element, kind)
            self.widgets[widget.label] = widget

    async def _tick(self, fragment: str, every: float) -> None:
        """The browser's timer for a fragment that runs every `every` seconds."""
        while True:
            await asyncio.sleep(every)
            self.ticks += 1
            await self._run(fragment=fragment)


def shown_of(total: str | None) -> int | None:
    """The number after "of" in a count line ("**22 dated** … shown of 39" -> 39)."""
    if not total or " of " not in total:
        return None
    word = total.rsplit(" of ", 1)[1].split()[0]
    digits = "".join(ch for ch in word if ch.isdigit())
    return int(digits) if digits else None
