"""Two editors accept at once; how soon both events show on both replicas' open pages.

`python -m bench.team_pair [--events 100000] [--pairs 10] [--readers 1]`: the team issue's
"done when" timed. Two replicas on a throw-away PostGIS store, `--readers` open pages on
each (sessions over Streamlit's websocket, clicked by no one: they follow the store by
themselves), then `--pairs` times two editors (two store connections, as two replicas'
review pages) accept an event each at the same moment, a few seconds apart. For each pair:
seconds from the later accept's return until each replica's first open page shows both.
Writes bench/team_pair.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from bench.report import kept_sections
from bench.team import load_store, replica
from bench.ws_viewer import Viewer, shown_of
from geo.settings import ROOT
from geo.store.pg import migrate
from geo.store.postgis import PostgisStore
from geo.tools import pgcluster
from tests.helpers.pg import accept_copy

OUT = ROOT / "bench" / "team_pair.md"
GAP_SECONDS = 8.0  # between pairs: the pages idle again, as between two editors' accepts


def _accept_pair(stores: list[PostgisStore], n: int) -> float:
    """Both editors accept at the same moment (a barrier); when the later one returned."""
    barrier, done = threading.Barrier(2), []

    def accept(store: PostgisStore, name: str) -> None:
        barrier.wait()
        accept_copy(store, f"pair-{n}-{name}", who=name, expect=False)
        done.append(time.perf_counter())

    threads = [
        threading.Thread(target=accept, args=(store, f"editor-{i}"))
        for i, store in enumerate(stores, 1)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return max(done)


async def _shows(viewer: Viewer, total: int, timeout: float = 120) -> float:
    """When the viewer's page first shows `total` events or more."""
    async with viewer.changed:
        await asyncio.wait_for(
            viewer.changed.wait_for(lambda: (shown_of(viewer.total) or 0) >= total), timeout
        )
    return time.perf_counter()


async def _drive(urls: list[str], stores: list[PostgisStore], pairs: int, readers: int) -> list:
    """Seconds until each replica's first page shows each pair, one row per pair."""
    async with contextlib.AsyncExitStack() as stack:
        viewers = [
            await stack.enter_async_context(Viewer(url)) for url in urls for _ in range(readers)
        ]
        await asyncio.gather(*[viewer.open() for viewer in viewers])
        watched = [viewers[0], viewers[readers]]  # the first page of each replica
        rows = []
        for n in range(pairs):
            await asyncio.sleep(GAP_SECONDS)
            total = (shown_of(watched[0].total) or 0) + 2
            landed = await asyncio.to_thread(_accept_pair, stores, n)
            seen = await asyncio.gather(*[_shows(viewer, total) for viewer in watched])
            rows.append([max(0.0, at - landed) for at in seen])
        return rows


def run(events: int, pairs: int, readers: int) -> str:
    home = Path(tempfile.mkdtemp(prefix="atlas-team-pair-", dir="/tmp"))
    home.chmod(0o755)
    load = os.getloadavg()[0]
    cluster = pgcluster.start(home / "pg")
    try:
        migrate(cluster.url)
        figures = load_store(cluster.url, home, events)
        with replica(cluster.url, home, "r1") as one, replica(cluster.url, home, "r2") as two:
            stores = [PostgisStore(cluster.url, home / f"ed{i}") for i in (1, 2)]
            rows = asyncio.run(_drive([one, two], stores, pairs, readers))
    finally:
        pgcluster.stop(cluster.directory)
    return _report(rows, events, readers, load, figures)


def _report(rows: list, events: int, readers: int, load: float, figures: dict) -> str:
    every = [s for row in rows for s in row]
    lines = [
        "# Two editors accept at once (`python -m bench.team_pair`)",
        "",
        f"Run {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on this machine (2 cores, shared by "
        f"the database, both replicas and the bench; load average before the run {load:.1f}); "
        f"{events:,} generated events loaded into the store in {figures['load_s']:.0f} s; "
        f"{readers} open page(s) on each replica, clicked by no one; the two accepts of a pair "
        f"made at the same moment, {GAP_SECONDS:.0f} s after the pair before.",
        "",
        f"Seconds from the later accept of a pair until each replica's open page shows both: "
        f"median {statistics.median(every):.1f}, max {max(every):.1f}; "
        f"{sum(s <= 2 for s in every)} of {len(every)} within 2 s.",
        "",
        "| pair | replica one (s) | replica two (s) |",
        "|---|---|---|",
        *[f"| {n + 1} | {a:.2f} | {b:.2f} |" for n, (a, b) in enumerate(rows)],
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--readers", type=int, default=1, help="open pages on each replica")
    args = parser.parse_args()
    text = run(args.events, args.pairs, args.readers)
    OUT.write_text(text + kept_sections(OUT), "utf-8")
    print(text)


if __name__ == "__main__":
    main()
