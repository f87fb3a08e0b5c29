"""A filter's rerun as the server serves it, timed over Streamlit's websocket: from the
reader's change sent to the run finished, with the bytes the page sent back. No browser:
this is the server time of the store issue's targets (≤ 300 ms), taken on a real server
rather than in AppTest (whose own bookkeeping of the element tree adds to its figures).

Usage: python -m bench.ws_reruns DIR [--rounds 5] [--word Farkhor]
  DIR holds `layers/` and `data/` (as `bench.run` and `bench.rerun_profile` make them).

Each round: a quick date range ("Last 90 days", then "Everything" back), the first actor
of the Actors box chosen then cleared, a search for WORD then cleared, and an event chosen
in the event picker. Writes the medians and slowest to bench/reruns.md.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import time
from pathlib import Path

from bench.browser import server_cpu_s, server_rss_mb
from bench.ws_viewer import Viewer
from geo.tools.serve import streamlit_server
from tests.helpers.data import ROOT

OUT = ROOT / "bench" / "reruns.md"
STEPS = ("date", "date back", "actor", "actor cleared", "search", "search cleared", "select")


async def _round(viewer: Viewer, word: str, n: int, took: dict[str, list[float]]) -> None:
    """One round of the steps, each timed and its bytes counted."""
    actor = viewer.widgets["Actors"].options[0]
    picks = viewer.widgets["Selected event"].options
    steps = {
        "date": lambda: viewer.click("Last 90 days"),
        "date back": lambda: viewer.click("Everything"),
        "actor": lambda: viewer.change("Actors", [actor]),
        "actor cleared": lambda: viewer.change("Actors", []),
        "search": lambda: viewer.change("Search", word),
        "search cleared": lambda: viewer.change("Search", ""),
        "select": lambda: viewer.change("Selected event", picks[(n + 1) % len(picks)]),
    }
    for name, step in steps.items():
        before, cpu = viewer.bytes, server_cpu_s(viewer.base_url)
        took[name].append(await step())
        took[name + " bytes"].append(float(viewer.bytes - before))
        took[name + " cpu"].append(server_cpu_s(viewer.base_url) - cpu)


async def _measure(url: str, rounds: int, word: str) -> dict[str, list[float]]:
    took: dict[str, list[float]] = {n: [] for s in STEPS for n in (s, s + " bytes", s + " cpu")}
    took["rss"] = []
    async with Viewer(url) as viewer:
        took["first page"] = [await viewer.open()]
        await viewer.change("Search", "")  # one more run: the map-first page drawn whole
        took["settled"] = [await _settled(url)]
        for n in range(rounds):
            await _round(viewer, word, n, took)
            took["rss"].append(server_rss_mb(url))
    return took


async def _settled(url: str, *, quiet: float = 0.05, timeout: float = 900) -> float:
    """Seconds until the server works no more in the background (its search indexes built
    after the first page): its CPU over a second below `quiet` of a second."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        before = server_cpu_s(url)
        await asyncio.sleep(1.0)
        if server_cpu_s(url) - before < quiet:
            break
    return time.perf_counter() - start


def report(took: dict[str, list[float]], events: int, rounds: int, load: float) -> str:
    rows = [
        f"| {step} | {statistics.median(took[step]) * 1000:,.0f} | {max(took[step]) * 1000:,.0f}"
        f" | {statistics.median(took[step + ' cpu']) * 1000:,.0f}"
        f" | {statistics.median(took[step + ' bytes']) / 1e6:.2f} |"
        for step in STEPS
    ]
    return "\n".join([
        "# A rerun's server time, over the websocket (`python -m bench.ws_reruns`)", "",
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on this machine (2 cores; load "
        f"average {load:.1f} before the run): {events:,} events, one session, {rounds} rounds; "
        f"the first page (the map first, then the count line) after "
        f"{took['first page'][0]:.1f} s; its work in the background (the search indexes) done "
        f"{took['settled'][0]:.0f} s later, before the first step. The server's resident "
        "memory after each round: "
        + ", ".join(f"{mb:,.0f}" for mb in took["rss"]) + " MB.", "",
        "| step | median ms | slowest ms | server CPU ms (median) | MB sent (median) |",
        "|---|---|---|---|---|", *rows, "",
        "Milliseconds: from the change sent to the run finished, as the viewer received it. "
        "Server CPU: the serving process's user and system time over the same span, every "
        "thread (a search index still building in the background counts too); it does not "
        "grow with the machine's load as the wall clock does.", "",
    ])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--word", default="Farkhor")
    args = parser.parse_args()
    env = {"ATLAS_TILES": "none", "ATLAS_LAYERS_DIR": str(args.root / "layers"),
           "ATLAS_DATA_DIR": str(args.root / "data")}  # fmt: skip
    load = os.getloadavg()[0]
    with streamlit_server(env=env, timeout=900) as url:
        took = asyncio.run(_measure(url, args.rounds, args.word))
    from geo.store import FileStore

    events = len(
        FileStore(args.root / "layers", ROOT / "seeds", args.root / "data").snapshot().frame
    )
    text = report(took, events, args.rounds, load)
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
